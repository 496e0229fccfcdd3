from infocoach.cli import main

raise SystemExit(main())
