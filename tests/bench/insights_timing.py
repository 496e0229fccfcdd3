"""How long the Insights dashboard takes with a big data file (not a test: prints timings).

Run from the repository root:  python tests/bench/insights_timing.py [--contacts 10000]
The file is the benchmark's (tests/bench/datagen.py) plus, for every third contact (--every N),
an interview record with notes and names, `interviewed` and `thanked` events, and 300 rehearsals.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from tests.bench.datagen import WORDS, tables_for  # noqa: E402

TODAY = datetime(2026, 11, 20, 9, 30)


def write_file(folder: Path, count: int, every: int = 3) -> tuple[Path, int]:
    rng = random.Random(7)
    tables = tables_for(count)
    interviews: dict[str, dict] = {}
    rehearsals: dict[str, dict] = {}
    events = tables["events"]
    next_event = len(events) + 1
    for contact_id in range(every, count + 1, every):
        day = date(2026, 1, 5) + timedelta(days=rng.randint(0, 319))
        notes = " ".join(rng.choice(WORDS) for _ in range(rng.randint(15, 60)))
        names = [f"Name {rng.randint(1, 99999)}" for _ in range(rng.randint(0, 3))]
        interviews[str(len(interviews) + 1)] = {
            "contact_id": contact_id,
            "date": day.isoformat(),
            "minutes": 20,
            "notes": notes,
            "questions_asked": [],
            "referrals": names,
        }
        for kind, offset in (("interviewed", 0), ("thanked", rng.choice((0, 1, 1, 2, 5)))):
            when = (day + timedelta(days=offset)).isoformat()
            events[str(next_event)] = {
                "contact_id": contact_id,
                "event": kind,
                "note": "",
                "date": when,
            }
            next_event += 1
    for number in range(1, 301):
        when = TODAY - timedelta(days=rng.randint(0, 200), minutes=number)
        rehearsals[str(number)] = {
            "date": when.isoformat(timespec="seconds"),
            "contact_id": None,
            "script_id": "phone-direct",
            "seconds": 40.0,
            "wpm": float(rng.randint(110, 175)),
        }
    tables["interviews"], tables["rehearsals"] = interviews, rehearsals
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "infocoach.json"
    path.write_text(json.dumps(tables, separators=(",", ":")), encoding="utf-8")
    return path, len(interviews)


async def time_screen(path: Path, runs: int) -> dict[str, float]:
    """Median milliseconds to open Insights, to open Help (the baseline), to page and go back."""
    from infocoach.data.repositories import Store
    from infocoach.guidance.loader import load_guidance
    from infocoach.tui.app import InfoCoachApp
    from infocoach.tui.dialogs.help import HelpDialog
    from infocoach.tui.screens.insights import InsightsScreen

    store = Store(path, clock=lambda: TODAY)
    app = InfoCoachApp(store, load_guidance(), remember_settings=False)
    times: dict[str, list[float]] = {"insights": [], "help": [], "page_down": [], "back": []}

    async def timed(name: str, key: str) -> None:
        started = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        times[name].append(time.perf_counter() - started)

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(runs):  # alternate, so both see the same machine load
            await timed("insights", "i")
            assert isinstance(app.screen, InsightsScreen)
            await timed("page_down", "pagedown")
            await timed("back", "escape")
            await timed("help", "question_mark")
            assert isinstance(app.screen, HelpDialog)
            await pilot.press("escape")
            await pilot.pause()
    return {name: statistics.median(found) * 1000 for name, found in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--every", type=int, default=3, help="one contact in N was interviewed")
    args = parser.parse_args()
    from infocoach.core.insights import from_store
    from infocoach.data.repositories import Store

    with tempfile.TemporaryDirectory() as folder:
        path, interviews = write_file(Path(folder), args.contacts, args.every)
        store = Store(path, clock=lambda: TODAY)
        started = time.perf_counter()
        figures = from_store(store)
        cold = time.perf_counter() - started
        warm = []
        for _ in range(args.runs):
            started = time.perf_counter()
            from_store(store)
            warm.append(time.perf_counter() - started)
        print(
            f"{args.contacts} contacts, {interviews} interview records, "
            f"{figures.interviews} interviews counted, {len(figures.companies)} companies, "
            f"{len(figures.industries)} fields"
        )
        print(f"figures, first time (store reads the file): {cold * 1000:.0f} ms")
        print(f"figures, again (median of {args.runs}): {statistics.median(warm) * 1000:.0f} ms")
        screen = asyncio.run(time_screen(path, args.runs))
        print(
            f"press i to the dashboard on screen (median of {args.runs}): "
            f"{screen['insights']:.0f} ms; the help screen, for comparison: "
            f"{screen['help']:.0f} ms"
        )
        print(
            f"page down in What I heard (a smooth scroll): {screen['page_down']:.0f} ms; "
            f"escape back: {screen['back']:.0f} ms"
        )


if __name__ == "__main__":
    main()
