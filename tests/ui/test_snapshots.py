"""What the screen shows, as SVG snapshots on fixed demo data and a fixed clock.

Update after an intended change with: pytest -n 0 tests/ui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from infocoach.data.settings import LIGHT_THEME
from infocoach.tui.screens.main import MainScreen


def keys(*pressed: str, theme: str | None = None):
    """A run_before that sets the theme, presses keys, and stops cursors blinking."""

    async def run_before(pilot: Pilot) -> None:
        if theme:
            pilot.app.theme = theme
        # The panes besides the contact list are built right after the first frame.
        for screen in pilot.app.screen_stack:
            if isinstance(screen, MainScreen):
                await screen.panes_built()
        await pilot.press(*pressed)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return run_before


def test_main_screen_wide(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), terminal_size=(120, 40), run_before=keys())


def test_main_screen_narrow(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=keys())


def test_main_screen_light_theme(snap_compare, demo_store, make_app):
    app = make_app(demo_store)
    assert snap_compare(app, terminal_size=(120, 40), run_before=keys(theme=LIGHT_THEME))


def test_welcome_on_first_run(snap_compare, store, make_app):
    assert snap_compare(make_app(store), terminal_size=(120, 40), run_before=keys())


def test_form_with_validation_errors(snap_compare, demo_store, make_app):
    app = make_app(demo_store)
    before = keys("a", "tab", *"Acme", "ctrl+s")
    assert snap_compare(app, terminal_size=(120, 40), run_before=before)


def test_guide(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), terminal_size=(120, 40), run_before=keys("g"))


def test_help(snap_compare, demo_store, make_app):
    app = make_app(demo_store)
    assert snap_compare(app, terminal_size=(120, 40), run_before=keys("question_mark"))


def test_every_snapshot_file_belongs_to_a_test() -> None:
    """syrupy fails a run on snapshots no test uses any more, but not under pytest-xdist
    (which runs the suite): so a renamed or deleted snapshot test is caught here."""
    here = Path(__file__).parent
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    listing = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "0", "--collect-only", "-q", str(here)],
        cwd=here.parent.parent, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert listing.returncode == 0, listing.stdout[-3000:]
    tests = {
        (Path(module).stem, name)
        for module, _, name in (line.partition("::") for line in listing.stdout.splitlines())
        if name
    }
    folder = here / "__snapshots__"
    snapshots = sorted(folder.rglob("*.svg"))
    assert snapshots
    stray = [str(s.relative_to(folder)) for s in snapshots if (s.parent.name, s.stem) not in tests]
    assert not stray, f"no test uses {stray}: delete them, or run with -n 0 --snapshot-update"
