from infocoach.cli.main import main

raise SystemExit(main())
