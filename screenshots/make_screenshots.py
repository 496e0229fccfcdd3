"""Regenerate the SVG screenshots in this folder from the demo data.

Run from the repository root:  python screenshots/make_screenshots.py
The data and the clock are fixed, so the pictures only change when the screens do.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEMO_DAY = date(2026, 11, 20)

# name, terminal size, theme, keys pressed before the picture, with demo data (else empty)
SHOTS = [
    ("main-dark", (120, 40), "textual-dark", (), True),
    ("main-light", (120, 40), "textual-light", (), True),
    ("main-80x24", (80, 24), "textual-dark", (), True),
    ("add-form", (120, 40), "textual-dark", ("a", "tab", "tab", *"Acme", "ctrl+s"), True),
    ("guide", (120, 40), "textual-dark", ("g",), True),
    ("help", (120, 40), "textual-dark", ("question_mark",), True),
    ("agenda", (120, 40), "textual-dark", ("A",), True),
    ("call-mode", (120, 40), "textual-dark", ("down", "c", "enter"), True),
    ("insights", (120, 40), "textual-dark", ("i",), True),
    ("targets", (120, 40), "textual-dark", ("T",), True),
    ("high-contrast-60x20", (60, 20), "infocoach-high-contrast", (), True),
    ("welcome", (120, 40), "textual-dark", (), False),
]


async def shoot(folder: Path) -> None:
    from infocoach.data.repositories import Store
    from infocoach.exchange.demo import populate
    from infocoach.guidance.loader import load_guidance
    from infocoach.tui.app import InfoCoachApp

    content = load_guidance()
    morning = datetime.combine(DEMO_DAY, datetime.min.time())
    demo = Store(folder / "demo.json", clock=lambda: morning)
    populate(demo, content, DEMO_DAY)
    empty = Store(folder / "empty.json")
    for name, size, theme, keys, with_demo in SHOTS:
        store = demo if with_demo else empty
        app = InfoCoachApp(store, content, clock=lambda: 0.0, remember_settings=False)
        async with app.run_test(size=size) as pilot:
            app.theme = theme
            await pilot.press(*keys)
            await pilot.pause()
            app.save_screenshot(f"{name}.svg", str(HERE))
        print(f"wrote screenshots/{name}.svg")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["INFOCOACH_CONFIG_DIR"] = folder
        asyncio.run(shoot(Path(folder)))


if __name__ == "__main__":
    main()
