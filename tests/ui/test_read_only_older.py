"""An older data file that is read-only opens in the app, read-only: upgraded in memory, with a
line saying it cannot be saved, as the command line reads it (issue #27)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# The app in a child process that file modes apply to (the tests may run as root): opens the
# data file as `infocoach` does, then says what it showed.
OPEN_THE_APP = """
import asyncio, json, sys
from infocoach.data.repositories import Store
from infocoach.guidance.loader import load_guidance
from infocoach.tui.app import InfoCoachApp

async def main():
    app = InfoCoachApp(Store(sys.argv[1]), load_guidance(), remember_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = [contact.name for contact in app.store.contacts()]
        said = [toast.text for toast in app.said]
        await pilot.press("ctrl+q")
    print(json.dumps({"shown": shown, "said": said, "running": app.is_running}))

asyncio.run(main())
"""


def test_an_older_read_only_file_opens_in_the_app_read_only(data_file: Path) -> None:
    older = {"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"name": "Ada Park"}}}
    data_file.parent.mkdir(parents=True)
    data_file.write_text(json.dumps(older), encoding="utf-8")
    before = data_file.read_bytes()
    data_file.chmod(0o444)
    try:
        command = [sys.executable, "-c", OPEN_THE_APP, str(data_file)]
        if os.geteuid() == 0:  # as `run_without_override`: no capability overrides the mode
            caps = "-dac_override,-dac_read_search,-fowner"
            command = ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    finally:
        data_file.chmod(0o600)

    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.splitlines()[-1])
    assert found["shown"] == ["Ada Park"]
    (line,) = [said for said in found["said"] if "older infocoach" in said]
    assert "the file is read-only" in line and "nothing can be saved" in line
    assert data_file.read_bytes() == before
