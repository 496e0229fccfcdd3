"""Checklist, Questions and Timer panes, the overlays, quitting, theme and palette."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable

from textual.widgets import Input, ProgressBar

from infocoach.data.settings import LIGHT_THEME, settings_path
from infocoach.tui.dialogs.guide import GuideDialog
from infocoach.tui.dialogs.help import HelpDialog
from infocoach.tui.dialogs.question_dialog import QuestionDialog
from infocoach.tui.messages import CHECKLIST, OWN_QUESTIONS, QUESTIONS, announce
from infocoach.tui.screens.main import MainScreen
from infocoach.tui.widgets.checklist import ChecklistPane
from infocoach.tui.widgets.countdown import Countdown
from infocoach.tui.widgets.questions import QuestionsPane
from infocoach.tui.widgets.timer import TimerPane

from .conftest import reopen


async def test_space_ticks_the_highlighted_item_with_the_date(demo_store, make_app, data_file):
    fresh = demo_store.add_contact(name="Aaron Able")  # sorts first, nothing ticked
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one(ChecklistPane)
        pane.items.focus()
        item = pane.highlighted_item
        await pilot.press("space")
        assert reopen(data_file).get_contact(fresh.id).checklist == {item: "2026-11-20"}
        assert pane.query_one("#overall", ProgressBar).progress == 1
        await pilot.press("down", "space")
        assert len(reopen(data_file).get_contact(fresh.id).checklist) == 2
        await pilot.press("up", "space")
        assert item not in reopen(data_file).get_contact(fresh.id).checklist


async def test_why_is_shown_on_demand(demo_store, make_app, content):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one(ChecklistPane)
        pane.items.focus()
        why = pane.query_one("#why")
        assert not why.display
        await pilot.press("w")
        assert why.display
        assert str(why.render()) == content.item(pane.highlighted_item).why


async def test_choose_reorder_and_prune_questions(demo_store, make_app, data_file, content):
    fresh = demo_store.add_contact(name="Aaron Able")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one(QuestionsPane)
        pane.bank.focus()
        first = pane.bank.highlighted_option.id
        await pilot.press("enter", "down", "enter")
        second = pane.bank.highlighted_option.id
        assert reopen(data_file).get_contact(fresh.id).questions == (first, second)
        pane.chosen.focus()
        pane.chosen.highlighted = 1
        await pilot.press("shift+up")
        assert reopen(data_file).get_contact(fresh.id).questions == (second, first)
        await pilot.press("x")
        assert reopen(data_file).get_contact(fresh.id).questions == (first,)
        assert content.question(first) is not None


async def test_filter_the_question_bank(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one(QuestionsPane)
        pane.query_one("#question-filter", Input).focus()
        await pilot.press(*"terms")
        texts = [str(o.prompt) for o in pane.bank.options if not o.disabled]
        assert texts and all("terms" in text.casefold() for text in texts)


async def test_own_question_is_stored_in_the_data_file(demo_store, make_app, data_file):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, QuestionDialog)
        await pilot.press(*"What do you wish you had known?", "enter")
        pane = app.screen.query_one(QuestionsPane)
        assert any("What do you wish" in str(o.prompt) for o in pane.bank.options)
    tables = json.loads(data_file.read_text())
    assert "What do you wish you had known?" in [
        q["text"] for q in tables["own_questions"].values()
    ]
    assert [q.text for q in reopen(data_file).own_questions()][
        -1
    ] == "What do you wish you had known?"


async def test_timer_starts_stops_and_counts_down(demo_store, make_app, clock):
    demo_store.add_contact(name="Aaron Able", minutes=15)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        timer = app.screen.query_one(TimerPane)
        digits = timer.query_one(Countdown)
        assert digits.value == "15:00"
        await pilot.press("t")
        clock.advance(65)
        timer.refresh_time()
        assert "Rehearsing 1:05" in str(timer.query_one("#rehearsal-status").render())
        assert digits.value == "13:55"
        await pilot.press("t")  # stops: the countdown stands still
        clock.advance(600)
        timer.refresh_time()
        assert digits.value == "13:55"
        assert not digits.has_class("-warning")
        await pilot.press("t")  # a new rehearsal starts the countdown afresh
        assert digits.value == "15:00"
        clock.advance(14 * 60 + 5)
        timer.refresh_time()
        assert digits.value == "0:55"
        assert digits.has_class("-warning")
        clock.advance(60)
        timer.refresh_time()
        assert digits.has_class("-over") and digits.value == "+0:05"
        await pilot.press("r")
        assert digits.value == "15:00" and not timer.stopwatch.running


async def test_script_is_filled_from_the_contact(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)):
        contact = app.screen.contact
        text = str(app.screen.query_one("#script-text").render())
        assert contact.company in text
        assert "{" not in text


async def test_countdown_uses_agreed_minutes(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)):
        contact = app.screen.contact
        expected = f"{contact.minutes or 15}:00"
        assert app.screen.query_one(Countdown).value == expected


async def test_guide_and_help_open_and_close(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        assert isinstance(app.screen, GuideDialog)
        assert len(app.screen.query(".card")) == len(app.guidance.cards)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            assert isinstance(app.screen, HelpDialog)
            await pilot.press("escape")
            assert isinstance(app.screen, MainScreen)


async def test_q_quits(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.screen.id == "quit-question" and app.is_running
        await pilot.press("enter")  # the focused answer stays
        await pilot.pause()
        assert app.screen.id != "quit-question" and app.is_running
        await pilot.press("q", "ctrl+y")
        await pilot.pause()
        assert not app.is_running


async def test_theme_choice_is_remembered(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_toggle_dark()
        await pilot.pause()
    assert json.loads(settings_path().read_text())["theme"] == LIGHT_THEME
    again = make_app(demo_store)
    async with again.run_test(size=(120, 40)):
        assert again.theme == LIGHT_THEME


async def test_palette_offers_the_app_commands(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)):
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Add contact", "Filter contacts", "Open guide", "Switch light / dark"} <= titles


async def test_narrow_terminal_stacks_the_panes(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.has_class("-narrow")
        await pilot.press("down", "g", "escape", "t", "t")
        for pane_id in ("contacts-pane", "checklist-pane", "questions-pane", "timer-pane"):
            region = app.screen.query_one(f"#{pane_id}").region
            assert region.width >= 30 and region.height >= 8


async def test_q_quits_from_the_guide_but_types_in_a_field(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "q")
        assert app.screen.query_one("#name", Input).value == "q"
        await pilot.press("escape", "ctrl+y")  # discard the typed "q"
        await pilot.press("g", "q", "ctrl+y")
        await pilot.pause()
        assert not app.is_running


# -- the panes built right after the first frame ------------------------------------------


def _slow_panes(monkeypatch) -> Callable[[], Awaitable[None]]:
    """Hold the panes besides the contact list back until the returned function is awaited
    (on a fast machine they are built before a test can press a key)."""
    held: list[MainScreen] = []
    build = MainScreen._build_panes

    async def held_back(self: MainScreen) -> None:
        held.append(self)

    async def release() -> None:
        (screen,) = held
        screen.call_after_refresh(build, screen)
        await asyncio.wait_for(screen.panes_built(), 5)

    monkeypatch.setattr(MainScreen, "_build_panes", held_back)
    return release


async def test_the_panes_hold_their_place_until_built(demo_store, make_app, monkeypatch):
    release = _slow_panes(monkeypatch)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen) and not screen.panes_ready
        frames = {pane.id: pane.region for pane in screen.query(".pane")}
        assert set(frames) == {"contacts-pane", "checklist-pane", "questions-pane", "timer-pane"}
        assert not screen.query(TimerPane)
        await release()
        await pilot.pause()
        assert {pane.id: pane.region for pane in screen.query(".pane")} == frames
        assert screen.query_one(TimerPane).display


async def test_keys_pressed_before_the_panes_wait_for_them(demo_store, make_app, monkeypatch):
    release = _slow_panes(monkeypatch)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await app._press_keys(["t"])  # the timer: waits for its pane (not pilot.press: it
        assert not screen.panes_ready  # would wait for the key to be done)
        await release()
        await pilot.pause()
        assert screen.query_one(TimerPane).running
        assert not app.said  # nothing said the key could not act


async def test_a_key_waiting_for_the_panes_keeps_the_keys_after_it(
    demo_store, make_app, monkeypatch, data_file
):
    release = _slow_panes(monkeypatch)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        # The dialog opens once the panes are there: what is typed after `n` goes into it,
        # not to the contact list.
        await app._press_keys(["n", *"Why here?"])
        await release()
        await pilot.pause()
        assert isinstance(app.screen, QuestionDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [q.text for q in reopen(data_file).own_questions()][-1] == "Why here?"


async def test_changes_before_the_panes_are_built_are_shown(
    demo_store, make_app, monkeypatch, content
):
    release = _slow_panes(monkeypatch)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        contact = screen.selected_contact()
        assert contact is not None
        own = demo_store.add_own_question("What surprised you here?")
        item = next(i for i in content.steps[1].items if i.id not in contact.checklist).id
        demo_store.toggle_checked(contact.id, item)
        demo_store.set_questions(contact.id, [own.id])
        announce(app, OWN_QUESTIONS)
        announce(app, CHECKLIST, QUESTIONS, contact_id=contact.id)
        await pilot.pause()
        await release()
        await pilot.pause()
        questions = screen.query_one(QuestionsPane)
        assert questions.bank.get_option_index(own.id) >= 0
        assert [option.id for option in questions.chosen.options] == [own.id]
        assert screen.contact is not None and item in screen.contact.checklist
