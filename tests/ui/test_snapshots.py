"""What the screen shows, as SVG snapshots on fixed demo data and a fixed clock.

Update after an intended change with: pytest -n 0 tests/ui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from infocoach.data.settings import DARK_THEME, LIGHT_THEME
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
        await pilot.pause()  # the new screen's focus settles first: it decides the cursor
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        for text_area in pilot.app.screen.query(TextArea):
            text_area.cursor_blink = False
        focused = pilot.app.focused
        if isinstance(focused, TextArea):  # focused again with blinking off: cursor shown, still
            focused.blur()
            await pilot.pause()
            focused.focus()
        await pilot.pause()

    return run_before


# The keys that open each screen from the main screen (call mode: `c`, then start).
SCREENS = {
    "main": (),
    "call": ("c", "enter"),
    "agenda": ("A",),
    "insights": ("i",),
    "referrals": ("R",),
    "message": ("m",),
    "help": ("question_mark",),
}
SIZES = {"wide": (120, 40), "narrow": (80, 24), "small": (60, 20)}
THEMES = {"dark": DARK_THEME, "light": LIGHT_THEME}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_every_screen(snap_compare, demo_store, make_app, screen, size, theme):
    """Each screen at each size in both themes: nothing cut mid-word, nothing over a border,
    a row that is cut ends in "…"."""
    opened = keys(*SCREENS[screen], theme=THEMES[theme])

    async def before(pilot: Pilot) -> None:
        await opened(pilot)
        for path in pilot.app.screen.query("#message-path").results(Input):
            path.value = "~/infocoach/drafts/aisha-rahman.txt"  # not the test's own tmp folder
        await pilot.pause()

    assert snap_compare(make_app(demo_store), terminal_size=SIZES[size], run_before=before)


def test_welcome_on_first_run(snap_compare, store, make_app):
    assert snap_compare(make_app(store), terminal_size=(120, 40), run_before=keys())


def test_form_with_validation_errors(snap_compare, demo_store, make_app):
    app = make_app(demo_store)
    before = keys("a", "tab", "tab", *"Acme", "ctrl+s")
    assert snap_compare(app, terminal_size=(120, 40), run_before=before)


def test_guide(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), terminal_size=(120, 40), run_before=keys("g"))


def test_every_snapshot_file_belongs_to_a_test(request: pytest.FixtureRequest) -> None:
    """syrupy fails a run on snapshots no test uses any more, but not under pytest-xdist
    (which runs the suite): so a renamed or deleted snapshot test is caught here."""
    here = Path(__file__).parent
    node_ids = collected_here(request.session, here) or listed_by_pytest(here)
    tests = {
        (Path(module).stem, name)
        for module, _, name in (node_id.partition("::") for node_id in node_ids)
        if name
    }
    folder = here / "__snapshots__"
    snapshots = sorted(folder.rglob("*.svg"))
    assert snapshots
    stray = [str(s.relative_to(folder)) for s in snapshots if (s.parent.name, s.stem) not in tests]
    assert not stray, f"no test uses {stray}: delete them, or run with -n 0 --snapshot-update"


def collected_here(session: pytest.Session, here: Path) -> list[str] | None:
    """The ids of every test in `here` when this run collected all of them (the whole suite,
    as the README's command and each xdist worker do); None when it may have left some out."""
    options = session.config.option
    if options.keyword or options.markexpr or options.deselect:
        return None
    ids = [item.nodeid for item in session.items if item.path.parent == here]
    modules = {Path(node_id.partition("::")[0]).name for node_id in ids}
    if modules != {path.name for path in here.glob("test_*.py")}:
        return None
    return ids


def listed_by_pytest(here: Path) -> list[str]:
    """The ids of every test in `here`, from a separate `pytest --collect-only`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    listing = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "0", "--collect-only", "-q", str(here)],
        cwd=here.parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert listing.returncode == 0, listing.stdout[-3000:]
    return listing.stdout.splitlines()
