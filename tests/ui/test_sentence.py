"""The sentence test: an ordinary sentence typed where no text field has the focus, on every
screen and with the focus on each widget that is not a text field. Afterwards the app is
running, and the data is as it was, or `u` brings it back exactly."""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, TextArea

from infocoach.tui.screens.call import CallScreen
from infocoach.tui.screens.main import MainScreen

from .conftest import reopen

SENTENCE = "I think the team lead really liked my questions, right? Yes, definitely."
UNDO_TRIES = 30


def tables(pilot: Pilot) -> dict:
    """What the store holds (a table never used and an empty one are the same)."""
    return as_user_sees(pilot.app.store._memory.tables)


def as_user_sees(held: dict) -> dict:
    """The records without what a merge needs: an undo is a change of its own (new stamps, a
    tombstone for what it removes); the uids stay (a record brought back is the same one)."""
    return {
        name: {
            doc_id: {k: copy.deepcopy(v) for k, v in row.items() if k not in ("_stamp", "_base")}
            for doc_id, row in rows.items()
        }
        for name, rows in held.items()
        if rows and name != "tombstones"
    }


def main_screen(pilot: Pilot) -> MainScreen:
    screen = pilot.app.screen_stack[1]
    assert isinstance(screen, MainScreen)
    return screen


async def back_to_main(pilot: Pilot) -> None:
    """Close whatever the sentence opened (closed the way a test can: nothing is saved)."""
    app = pilot.app
    while len(app.screen_stack) > 2:
        app.pop_screen()
        await pilot.pause()
    main_screen(pilot).query_one("#contacts-pane ContactList").focus()
    await pilot.pause()


async def on_main(pilot: Pilot) -> None:
    return None


def key_opens(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    async def opener(pilot: Pilot) -> None:
        await pilot.press(*keys)
        await pilot.pause()

    return opener


# Each screen, and how a person gets there from the main screen.
SCREENS: dict[str, Callable[[Pilot], Awaitable[None]]] = {
    "main": on_main,
    "agenda": key_opens("A"),
    "targets": key_opens("T"),
    "insights": key_opens("i"),
    "referrals": key_opens("R"),
    "history": key_opens("down", "h"),  # a contact with a history
    "guide": key_opens("g"),
    "help": key_opens("question_mark"),
    "drill": key_opens("p"),
    "call start": key_opens("c"),
    "delete question": key_opens("d"),
    "log event": key_opens("l"),
    "messages": key_opens("m"),
    "quit question": key_opens("q"),
}


def not_text(screen) -> list[Widget | None]:
    """The widgets of `screen` that take the focus and are not text fields (None: the screen
    itself, when nothing on it takes the focus)."""
    found: list[Widget | None] = [
        widget
        for widget in screen.focus_chain
        if not isinstance(widget, (Input, TextArea)) and widget.screen is screen
    ]
    return found or [None]


@pytest.mark.slow
@pytest.mark.parametrize("screen_name", list(SCREENS))
async def test_a_sentence_typed_on_the_wrong_widget_changes_nothing_for_good(
    screen_name, demo_store, caller, make_app, data_file
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        before = tables(pilot)
        await SCREENS[screen_name](pilot)
        widget_count = len(not_text(app.screen))
        for index in range(widget_count):
            if index:  # each widget on a freshly opened screen
                await back_to_main(pilot)
                await SCREENS[screen_name](pilot)
            screen = app.screen
            target = not_text(screen)[index]
            if target is None:
                screen.set_focus(None)
            else:
                target.focus()
            await pilot.pause()
            where = f"{screen_name}, focus on {target!r}"
            if isinstance(screen, CallScreen):
                notes_before = screen.notes.text
            await pilot.press(*SENTENCE)
            await pilot.pause()
            assert app.is_running, where
            if isinstance(screen, CallScreen):  # in a call every letter is a note
                assert screen.notes.text == notes_before + SENTENCE, where
                continue
            await back_to_main(pilot)
            for _ in range(UNDO_TRIES):
                if tables(pilot) == before:
                    break
                await pilot.press("u")
                await pilot.pause()
            assert tables(pilot) == before, where
        assert app.is_running
        await back_to_main(pilot)
        assert app.store.wait_until_saved(10)
    if screen_name != "call start":
        assert as_user_sees(reopen(data_file)._memory.tables) == before
