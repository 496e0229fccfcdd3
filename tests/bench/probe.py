"""Run in a child process: an app with the benchmark's instruments.

    python probe.py headless bare|infocoach DATA_DIR   first frame without a terminal (CI)
    python probe.py tty DATA_DIR                       infocoach in a real terminal, with the
                                                       latency log of INFOCOACH_BENCH_LOG

The headless mode prints the wall-clock time of the first frame and the peak memory (KB).

The tty mode is what `run.py` starts inside tmux. It installs a few wrappers on Textual's and
the store's classes (nothing in infocoach itself knows about them) and appends one line per
event to the file named by INFOCOACH_BENCH_LOG, all times `time.monotonic()` seconds:

    key NAME ARRIVED DISPATCHED   a key event: ARRIVED is when the driver's input thread built
                                  it from the bytes read off the terminal (`Message.time`, set in
                                  that thread), DISPATCHED when the app's queue handed it to
                                  `App.on_event` (the difference is time waiting behind other work)
    change T                      the contact list (`#contact-list`, any widget class; another
                                  selector in INFOCOACH_BENCH_LIST) asked to be repainted:
                                  `Widget.refresh` on that instance
    frame START END               `App._display`: START when the compositor's update is handed
                                  over, END after it was rendered to escape sequences, written to
                                  the driver and flushed. (The Linux driver's writer thread then
                                  copies it to the terminal: a queue hand-off, microseconds.)
    update START END              `Screen._on_timer_update`: the screen's refresh tick (layout if
                                  needed, render of the dirty widgets, then `App._display`)
    save START END                `Store.flush` on the writer thread: encode, write, fsync, rename

A key's latency is then: ARRIVED -> END of the first frame that started after the first list
change at or after DISPATCHED (see `run.latencies`). F12 edits the first contact's notes through
the store, as the app's own edit does, so the writer thread saves the whole file while keys come in.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path
from typing import Any, TextIO

HERE = Path(__file__).resolve().parent
LIST_SELECTOR = os.environ.get("INFOCOACH_BENCH_LIST", "#contact-list")
SAVE_KEY = "f12"


def peak_memory_kb(pid: int | str = "self") -> int:
    """A process's peak resident memory (the kernel's high-water mark). ru_maxrss of a child
    would include the parent's peak from before the exec, so read /proc instead."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss if pid == "self" else 0


# -- headless: the first frame without a terminal (the quick CI path) ------------------------


def report(pilot_app: Any) -> None:
    print(f"{time.time():.6f} {peak_memory_kb()}", flush=True)
    pilot_app.exit()


async def first_frame(pilot: Any) -> None:
    await pilot.pause()
    report(pilot.app)


def headless_bare() -> None:
    sys.path.insert(0, str(HERE))
    from bare_app import BareApp

    BareApp().run(headless=True, size=(120, 40), auto_pilot=first_frame)


def headless_infocoach(data_dir: str) -> None:
    os.environ["INFOCOACH_DATA_DIR"] = data_dir
    from infocoach.tui import app as app_module

    original_run = app_module.InfoCoachApp.run

    def run_headless(self: Any, *args: Any, **kwargs: Any) -> Any:
        return original_run(self, headless=True, size=(120, 40), auto_pilot=first_frame)

    app_module.InfoCoachApp.run = run_headless  # type: ignore[method-assign]
    from infocoach.cli.main import main

    main([])


# -- tty: the latency log ------------------------------------------------------------------


def install_hooks(log: TextIO) -> None:
    """Wrap the few points the latency log needs (see the module's docstring)."""
    from textual import events
    from textual.app import App
    from textual.screen import Screen

    from infocoach.data.repositories import Store

    now = time.monotonic

    def write(line: str) -> None:
        log.write(line + "\n")
        log.flush()

    watched: list[object] = []

    def watch_list(app: App[Any]) -> None:
        """Wrap `refresh` on the contact list instance, once it exists."""
        try:
            widget = app.screen.query_one(LIST_SELECTOR)
        except Exception:  # no screen yet, or not the main screen
            return
        if any(widget is seen for seen in watched):
            return
        watched.append(widget)
        original = widget.refresh

        def refresh(*args: Any, **kwargs: Any) -> Any:
            write(f"change {now():.6f}")
            return original(*args, **kwargs)

        widget.refresh = refresh  # type: ignore[method-assign]

    original_on_event = App.on_event

    async def on_event(self: App[Any], event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            write(f"key {event.key} {event.time:.6f} {now():.6f}")
            if event.key == SAVE_KEY:
                edit_first_contact(self)
                return
        await original_on_event(self, event)

    original_display = App._display

    def display(self: App[Any], screen: Any, renderable: Any) -> None:
        started = now()
        original_display(self, screen, renderable)
        if renderable is not None:
            write(f"frame {started:.6f} {now():.6f}")
        watch_list(self)

    original_update = Screen._on_timer_update

    def on_timer_update(self: Screen[Any]) -> None:
        started = now()
        original_update(self)
        write(f"update {started:.6f} {now():.6f}")

    original_flush = Store.flush

    def flush(self: Store) -> bool:
        started = now()
        saved = original_flush(self)
        if saved:
            write(f"save {started:.6f} {now():.6f}")
        return saved

    App.on_event = on_event  # type: ignore[method-assign]
    App._display = display  # type: ignore[method-assign]
    Screen._on_timer_update = on_timer_update  # type: ignore[method-assign]
    Store.flush = flush  # type: ignore[method-assign]


edited: list[int] = []  # how many edits so far, and of which contact


def edit_first_contact(app: Any) -> None:
    """An edit as the app makes one: applied in memory on the UI thread, saved by the writer.
    (The contact is looked up once: sorting the contacts again is not part of a save.)"""
    store = app.store
    if not edited:
        edited.append(store.contacts()[0].id)
    edited.append(len(edited))
    store.update_contact(edited[0], notes=f"benchmark edit {len(edited) - 1}")


def tty_infocoach(data_dir: str) -> None:
    os.environ["INFOCOACH_DATA_DIR"] = data_dir
    log = open(os.environ["INFOCOACH_BENCH_LOG"], "a", encoding="utf-8")  # noqa: SIM115
    install_hooks(log)
    from infocoach.cli.main import main

    main([])


if __name__ == "__main__":
    if sys.argv[1] == "tty":
        tty_infocoach(sys.argv[2])
    elif sys.argv[2] == "bare":
        headless_bare()
    else:
        headless_infocoach(sys.argv[3])
