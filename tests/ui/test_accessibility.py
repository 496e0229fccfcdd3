"""Accessibility (#18): no colour, the other themes, calm motion, spoken cues, her own keys,
and a status line that keeps what the toasts said."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from infocoach.core.timing import WRAP_UP_CUE
from infocoach.data import locations
from infocoach.data.settings import Settings, save_settings
from infocoach.guidance.loader import load_guidance
from infocoach.tui.app import InfoCoachApp
from infocoach.tui.keymap import MAX_KEYMAP_SIZE, load_keymap
from infocoach.tui.screens.agenda import AgendaScreen
from infocoach.tui.screens.call import CallScreen
from infocoach.tui.themes import HIGH_CONTRAST, TERMINAL_DARK, TERMINAL_LIGHT
from infocoach.tui.widgets.countdown import Countdown
from infocoach.tui.widgets.status import StatusLine
from infocoach.tui.widgets.teleprompter import Teleprompter, prompter_text
from tests.test_guidance_limits import laughs

from .conftest import until
from .test_call_mode import open_call
from .test_sentence import SCREENS, back_to_main


def write_settings(**values: object) -> None:
    save_settings(Settings(**values))  # type: ignore[arg-type]


# -- no colour ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "colourless"), [("1", True), ("", False)])
async def test_no_color_set_and_not_empty_takes_the_colour_away(
    demo_store, make_app, monkeypatch, value, colourless
) -> None:
    monkeypatch.setenv("NO_COLOR", value)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.no_color is colourless


def test_no_color_main_screen_snapshot(snap_compare, demo_store, make_app, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(demo_store), terminal_size=(120, 40))


def test_no_color_agenda_snapshot(snap_compare, demo_store, make_app, monkeypatch) -> None:
    """Overdue items say "overdue" in words, not only in the warning colour."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def open_agenda(pilot) -> None:
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AgendaScreen)
        assert "overdue" in str(
            pilot.app.screen.query_one("#agenda-list").get_option_at_index(0).prompt
        )

    assert snap_compare(make_app(demo_store), terminal_size=(120, 40), run_before=open_agenda)


async def test_the_countdown_says_its_last_minutes_and_over_time_in_words(
    demo_store, make_app, caller, clock, monkeypatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(demo_store)
    app.bell = lambda: None
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        label = screen.query_one(Countdown).query_one(".countdown--label", Static)
        assert "⚠" not in str(label.render())
        clock.advance(18 * 60)
        screen.tick()
        assert "⚠ nearly time" in str(label.render())
        clock.advance(3 * 60)
        screen.tick()
        assert "⚠ over time" in str(label.render())


# -- themes ------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("theme", [HIGH_CONTRAST.name, TERMINAL_DARK, TERMINAL_LIGHT])
async def test_every_screen_renders_in_the_theme(demo_store, make_app, theme) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        for name, opener in SCREENS.items():
            await opener(pilot)
            await pilot.pause()
            shown = app.export_screenshot()
            assert app.current_theme.name == theme, name
            assert "infocoach" in shown or len(app.screen_stack) > 2, name
            await back_to_main(pilot)


async def test_the_chosen_theme_is_remembered(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = HIGH_CONTRAST.name
        await pilot.pause()
    again = make_app(demo_store)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.current_theme.name == HIGH_CONTRAST.name


# -- calm motion -------------------------------------------------------------------------------


async def test_calm_motion_stops_animation_and_blinking(demo_store, make_app) -> None:
    write_settings(calm_motion=True)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.animation_level == "none" and app.calm_motion
        await pilot.press("slash")  # the contact filter
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.cursor_blink is False


async def test_textual_animations_none_is_calm_motion_too(demo_store, make_app, monkeypatch):
    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert app.calm_motion and app.focused.cursor_blink is False


async def test_calm_motion_can_be_turned_on_and_off_from_the_palette(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        assert not app.calm_motion
        await app.run_action("toggle_calm_motion")
        await pilot.pause()
        assert app.calm_motion and app.settings.calm_motion
        await app.run_action("toggle_calm_motion")
        await pilot.pause()
        assert not app.calm_motion and not app.settings.calm_motion


def test_a_calm_teleprompter_highlights_the_whole_line() -> None:
    text = "Hello, my name is Sam.\nI wonder if you could help me."
    moving = prompter_text(text, 1)  # "my"
    calm = prompter_text(text, 1, whole_line=True)
    bold_moving = [span for span in moving.spans if "reverse" in str(span.style)]
    bold_calm = [span for span in calm.spans if "reverse" in str(span.style)]
    assert (bold_moving[0].start, bold_moving[0].end) == (7, 9)
    assert (bold_calm[0].start, bold_calm[0].end) == (0, text.index("\n"))


async def test_a_calm_teleprompter_moves_line_by_line(demo_store, make_app) -> None:
    write_settings(calm_motion=True)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        prompter = app.screen.query_one(Teleprompter)
        prompter.show("One two three.\nFour five six.")
        drawn = prompter.query_one("#script-text", Static)
        prompter.follow(0)
        first = drawn.visual
        prompter.follow(1)  # same line: nothing redrawn
        assert drawn.visual is first
        prompter.follow(3)  # "Four": the next line
        assert drawn.visual is not first


# -- spoken cues -------------------------------------------------------------------------------


@pytest.fixture
def fake_espeak(tmp_path, monkeypatch) -> Path:
    """An `espeak-ng` on PATH that writes what it was asked to say into a file."""
    folder = tmp_path / "bin"
    folder.mkdir()
    said = tmp_path / "said.txt"
    program = folder / "espeak-ng"
    program.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> {said}\n')
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return said


def wait_for_file(path: Path, limit: float = 10.0) -> str:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if path.exists() and path.read_text():
            return path.read_text()
        time.sleep(0.05)
    return ""


async def test_a_cue_is_spoken_when_speaking_is_on(
    demo_store, make_app, caller, clock, fake_espeak
) -> None:
    write_settings(speak_cues=True)
    app = make_app(demo_store)
    app.bell = lambda: None
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        assert isinstance(screen, CallScreen)
        clock.advance(18 * 60)
        screen.tick()
        assert screen.cues_fired == ["wrap-up"]
    assert wait_for_file(fake_espeak).strip() == f"-- {WRAP_UP_CUE}"


async def test_no_cue_is_spoken_unless_asked(demo_store, make_app, caller, clock, fake_espeak):
    app = make_app(demo_store)
    app.bell = lambda: None
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        clock.advance(18 * 60)
        screen.tick()
        assert screen.cues_fired == ["wrap-up"]
    time.sleep(0.3)
    assert not fake_espeak.exists()


# -- her own keys ------------------------------------------------------------------------------


def write_keymap(text: str) -> None:
    folder = locations.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "keymap.yaml").write_text(text, encoding="utf-8")


async def test_a_keymap_moves_an_action_to_her_key(demo_store, make_app) -> None:
    write_keymap("main.add: ctrl+n\n")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: "^n" in app.export_screenshot(), "the footer to show ^n")
        assert "Add" in app.export_screenshot()
        await pilot.press("a")  # the default key no longer adds: a letter, it starts the filter
        await pilot.pause()
        assert app.screen.__class__.__name__ == "MainScreen"
        assert app.screen.query_one("#contact-filter").value == "a"
        await pilot.press("escape", "ctrl+n")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ContactForm"
        await pilot.press("escape")
        await pilot.press("question_mark")
        await pilot.pause()
        assert "ctrl+n" in app.export_screenshot()


async def test_a_clashing_or_unknown_keymap_line_is_said_and_the_defaults_stay(
    demo_store, make_app
) -> None:
    write_keymap("main.add: n\nmain.nonsense: x\nmain.edit: ctrl+e\n")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        said = [note.text for note in app.said]
        assert any("main.add and main.own_question" in line and "'n'" in line for line in said)
        assert any("'main.nonsense' is no action id" in line for line in said)
        status = str(app.screen.query_one(StatusLine).render())
        assert "keymap.yaml" in status
        await pilot.press("a")  # main.add kept its default
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ContactForm"
        await pilot.press("escape")
        await pilot.press("ctrl+e")  # main.edit moved: no clash there
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ContactForm"


# The files: a 355-byte "billion laughs" blanked the screen for 57 s, grew to 3 GB and
# ended in a MemoryError; 6 KB of brackets ended in a RecursionError before the first frame.
ALIAS_BOMB = laughs(9) + "main.add: *l8\n"
DEEP_BRACKETS = "main.add: " + "[" * 6_000 + "]" * 6_000 + "\n"


@pytest.mark.parametrize(
    ("text", "problem"),
    [(ALIAS_BOMB, "aliases repeat more than"), (DEEP_BRACKETS, "too deeply nested")],
    ids=["alias-bomb", "deep"],
)
async def test_a_hostile_keymap_is_said_in_one_line_and_the_defaults_stay(
    demo_store, make_app, text: str, problem: str
) -> None:
    write_keymap(text)
    started = time.monotonic()
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert time.monotonic() - started < 30  # the bomb took a minute before it failed
        said = [note.text for note in app.said]
        keymap = str(locations.config_dir() / "keymap.yaml")
        assert [line for line in said if keymap in line] == [
            next(line for line in said if problem in line)
        ]
        assert all("\n" not in line and len(line.replace(keymap, "")) < 150 for line in said)
        assert "keymap.yaml" in str(app.screen.query_one(StatusLine).render())
        await pilot.press("a")  # main.add kept its default
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ContactForm"


def test_a_keymap_too_large_quoting_a_long_value_or_wrong_everywhere_is_said_in_short(
    isolated_dirs,
) -> None:
    path = locations.config_dir() / "keymap.yaml"
    write_keymap("main.add: " + "x" * MAX_KEYMAP_SIZE + "\n")
    assert load_keymap().problems == (
        f"{path}: {MAX_KEYMAP_SIZE + 11:,} bytes is too large for a keymap (the limit is "
        "64 KB); the default keys stay",
    )
    write_keymap("long: &long " + "y" * 20_000 + "\nmain.add: [" + "*long, " * 5_000 + "]\n")
    started = time.monotonic()
    problems = load_keymap().problems
    assert time.monotonic() - started < 10  # quoted whole, 100 MB of one line
    assert len(problems) == 2 and all(len(line) < 500 for line in problems)
    assert problems[1].startswith(f"{path}: main.add: ['yyyy")
    write_keymap("".join(f"main.nothing{n}: x\n" for n in range(3_000)))
    assert load_keymap().problems == (
        *(
            f"{path}: 'main.nothing{n}' is no action id (the help screen lists them); ignored"
            for n in range(4)
        ),
        f"{path}: 2,996 more problems like these; the defaults stay",
    )


async def test_a_content_file_wrong_everywhere_gives_a_few_notes_not_thousands(
    demo_store, clock, user_content
) -> None:
    path = user_content / "questions.yaml"
    path.write_text(
        "categories:\n"
        + "".join(f"  - id: c{n}\n    title: T\n    questions: x\n" for n in range(3_000)),
        encoding="utf-8",
    )
    started = time.monotonic()
    app = InfoCoachApp(demo_store, load_guidance(), clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert time.monotonic() - started < 30
        said = [note.text for note in app.said]
        about_content = [line for line in said if "questions.yaml" in line or "doctor" in line]
        assert len(about_content) == 5
        assert about_content[0].startswith(f"{path}:4: category 'c0': 'questions' must be a list")
        assert about_content[-1] == (
            "2,996 more problems in your content files: `infocoach doctor` lists them all"
        )


# -- the status line ---------------------------------------------------------------------------


async def test_the_status_line_keeps_what_the_toast_said(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        status = app.screen.query_one(StatusLine)
        await pilot.press("d", "ctrl+y")  # delete the selected contact
        await pilot.pause()
        assert "Deleted" in str(status.render()) and "Undo" in str(status.render())
        app.clear_notifications()
        await pilot.pause()
        assert "Deleted" in str(status.render())  # the toast is gone, the line stays
        app.notify("Could not [b]save[/b].", severity="error", markup=False)
        await pilot.pause()
        assert "Error: Could not [b]save[/b]." in str(status.render())
