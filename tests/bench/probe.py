"""Run in a child process: start an app, print the time of its first frame and peak memory.

python probe.py bare|infocoach DATA_DIR
"""

from __future__ import annotations

import os
import resource
import sys
import time


def peak_memory_kb() -> int:
    """This process's peak resident memory. (ru_maxrss would include the parent's peak from
    before the exec, so read the kernel's high-water mark instead.)"""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def report(pilot_app) -> None:
    print(f"{time.time():.6f} {peak_memory_kb()}", flush=True)
    pilot_app.exit()


async def first_frame(pilot) -> None:
    await pilot.pause()
    report(pilot.app)


def bare() -> None:
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("Hello")
            yield Footer()

    Bare().run(headless=True, size=(120, 40), auto_pilot=first_frame)


def infocoach(data_dir: str) -> None:
    os.environ["INFOCOACH_DATA_DIR"] = data_dir
    from infocoach.cli.main import main

    sys.argv = ["infocoach"]
    from infocoach.tui import app as app_module

    original_run = app_module.InfoCoachApp.run

    def run_headless(self, *args, **kwargs):
        return original_run(self, headless=True, size=(120, 40), auto_pilot=first_frame)

    app_module.InfoCoachApp.run = run_headless
    main([])


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        infocoach(sys.argv[2])
