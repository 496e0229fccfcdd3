"""What the screen shows, as SVG snapshots on fixed demo data and a fixed clock.

Update after an intended change with: pytest tests/ui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from infocoach.data.settings import LIGHT_THEME


def keys(*pressed: str, theme: str | None = None):
    """A run_before that sets the theme, presses keys, and stops cursors blinking."""

    async def run_before(pilot: Pilot) -> None:
        if theme:
            pilot.app.theme = theme
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
