"""Contact list latency: a key in the contact filter, or Down in the list, to the frame showing it.

Run from the repository root:  python tests/bench/list_latency.py [--sizes 10000 30000]

How it measures (in-process, `App.run_test(size=(120, 40))`, headless):
- A key is sent the way the terminal driver sends it (`driver.send_message(events.Key)`), with a
  `perf_counter` stamp just before.
- `App._display` (called once per frame, after the compositor has rendered the changed lines) is
  wrapped: it stamps the frame and also encodes it to terminal escapes (`render_segments`), the
  work a real terminal's frame needs that the headless driver skips.
- `ContactList.render_line` is wrapped to note what state the list drew (its cursor, the filter
  its rows come from). The latency of a key is the time from the key to the first frame whose
  list was drawn in the state the key produces.
Each key's CPU time (`time.thread_time`, the app's thread, same span) is reported too: on a
loaded machine the wall time includes waiting for a core, the CPU time does not.
`pilot.pause()` cannot measure this: it sleeps at least 20 ms (Textual's idle check) before it
returns, and it waits for unrelated work too (timers, the other panes).
Keys come at a steady rate (`--filter-gap`, `--cursor-gap`): a fast typist, a held key repeating
("cursor": Down held; the other panes follow once it rests). "step": single Down presses 0.3 s
apart, each followed by the other panes (after the frame measured).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from tests.bench.datagen import write_data_file  # noqa: E402

FILTER_KEYS = "maya ok⌫⌫⌫⌫⌫⌫⌫dan⌫⌫⌫grace⌫⌫⌫⌫⌫lena b"
CURSOR_MOVES = 60
STEPS = 10
FREEZE = False


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Probe:
    """Frames and what the contact list drew in them."""

    def __init__(self, app: Any) -> None:
        from infocoach.tui.widgets.contacts import ContactList, ContactsPane

        self.app = app
        self.frames: list[tuple[float, float, tuple[int, str] | None]] = []
        self.cpu: list[float] = []  # CPU milliseconds of each key measured
        self.drawn: tuple[int, str] | None = None
        pane = app.screen.query_one(ContactsPane)
        self.pane = pane
        self.list = pane.contact_list
        original_render_line = ContactList.render_line
        probe = self

        def render_line(widget: Any, y: int) -> Any:
            probe.drawn = (widget.cursor, probe.list_filter())
            return original_render_line(widget, y)

        self.list.render_line = render_line.__get__(self.list)  # type: ignore[method-assign]
        original_display = app._display

        def display(screen: Any, renderable: Any) -> None:
            original_display(screen, renderable)
            if renderable is not None:
                renderable.render_segments(app.console)  # what a terminal frame costs
                self.frames.append((time.perf_counter(), time.thread_time(), self.drawn))
                self.drawn = None

        app._display = display

    def list_filter(self) -> str:
        shown = getattr(self.pane, "shown_filter", None)  # the filter the rows come from
        if shown is not None:
            return str(shown)
        rows = self.list.rows  # before issue #16: the pane did not say
        needle, found = self.pane._last_filter[:2]
        return str(needle) if rows is found else "" if rows is self.pane._contacts else "?"

    async def key(self, key: str, char: str | None, wanted: Any, timeout: float = 2.0) -> float:
        """Send `key`; milliseconds until a frame shows the list in a state `wanted` accepts."""
        from textual import events

        self.frames.clear()
        event = events.Key(key, char)
        event.set_sender(self.app)
        started, cpu_started = time.perf_counter(), time.thread_time()
        self.app._driver.send_message(event)
        while time.perf_counter() - started < timeout:
            await asyncio.sleep(0.0005)
            for stamp, cpu, drawn in self.frames:
                if drawn is not None and wanted(drawn):
                    self.cpu.append((cpu - cpu_started) * 1000)
                    return (stamp - started) * 1000
        raise TimeoutError(f"no frame showed {key!r}: {self.frames[-5:]} {self.list_filter()!r}")


async def measure(data_file: Path, filter_gap: float, cursor_gap: float) -> dict[str, list[float]]:
    from infocoach.data.repositories import Store
    from infocoach.guidance.loader import load_guidance
    from infocoach.tui.app import InfoCoachApp

    app = InfoCoachApp(Store(data_file), load_guidance(), remember_settings=False)
    filter_ms: list[float] = []
    cursor_ms: list[float] = []
    step_ms: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        gc.collect()
        if FREEZE:
            gc.freeze()
        probe = Probe(app)
        # Holding Down in the list
        start = probe.list.cursor
        for step in range(1, CURSOR_MOVES + 1):
            target = start + step
            cursor_ms.append(await probe.key("down", None, lambda drawn, t=target: drawn[0] == t))
            await asyncio.sleep(max(0.0, cursor_gap - cursor_ms[-1] / 1000))
        await pilot.pause(0.3)
        # Single presses after a rest (the other panes follow each one, after the list's frame)
        for _ in range(STEPS):
            target = probe.list.cursor + 1
            step_ms.append(await probe.key("down", None, lambda drawn, t=target: drawn[0] == t))
            await pilot.pause(0.3)
        # Typing in the filter
        await pilot.press("slash")
        await pilot.pause(0.3)
        typed = ""
        for char in FILTER_KEYS:
            if char == "⌫":
                typed, key, character = typed[:-1], "backspace", None
            else:
                typed += char
                key, character = ("space", " ") if char == " " else (char, char)
            needle = typed.strip().casefold()
            filter_ms.append(await probe.key(key, character, lambda drawn, n=needle: drawn[1] == n))
            await asyncio.sleep(max(0.0, filter_gap - filter_ms[-1] / 1000))
    cpu = probe.cpu
    moves, steps = len(cursor_ms), len(step_ms)
    return {
        "filter": filter_ms,
        "cursor": cursor_ms,
        "step": step_ms,
        "filter_cpu": cpu[moves + steps :],
        "cursor_cpu": cpu[:moves],
        "step_cpu": cpu[moves : moves + steps],
    }


def summary(values: list[float]) -> str:
    return (
        f"p50 {statistics.median(values):6.1f} ms  p95 {percentile(values, 0.95):6.1f} ms  "
        f"max {max(values):6.1f} ms  (n={len(values)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000])
    parser.add_argument("--filter-gap", type=float, default=0.08, help="seconds between keys")
    parser.add_argument("--cursor-gap", type=float, default=0.033, help="key repeat interval")
    parser.add_argument(
        "--freeze-gc",
        action="store_true",
        help="gc.freeze() once the app has started (what the app does not do yet): without it "
        "the collector's full passes over the loaded contacts show as 50-300 ms outliers",
    )
    args = parser.parse_args()
    global FREEZE
    FREEZE = args.freeze_gc
    with tempfile.TemporaryDirectory(prefix="infocoach-list-") as folder:
        for size in args.sizes:
            data_dir = Path(folder) / str(size)
            data_file = write_data_file(data_dir, size)
            result = asyncio.run(measure(data_file, args.filter_gap, args.cursor_gap))
            for kind in ("filter", "cursor", "step"):
                print(f"{size:>7,} contacts  {kind:<6}  wall {summary(result[kind])}")
                print(f"{size:>7,} contacts  {kind:<6}  cpu  {summary(result[kind + '_cpu'])}")


if __name__ == "__main__":
    main()
