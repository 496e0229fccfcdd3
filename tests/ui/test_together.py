"""Things going wrong together, with the app open: nothing typed or ticked is lost.

Each case was a loss before saves moved to the writer thread and changes were applied again on
top of what another process saved.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from textual.widgets import Input, TextArea

from infocoach.data.repositories import Store
from infocoach.tui.dialogs.contact_form import ContactForm
from infocoach.tui.screens.call import CallScreen
from infocoach.tui.screens.main import MainScreen
from infocoach.tui.widgets.checklist import ChecklistPane
from infocoach.tui.widgets.contacts import ContactsPane
from tests.disk_faults import disk_full

from .conftest import reopen
from .test_call_mode import open_call


def _messages(app) -> list[str]:
    return [n.text for n in app.said]


async def test_a_tick_that_meets_an_unreadable_file_keeps_the_app_and_the_tick(
    demo_store, make_app, data_file
):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        damaged = b'{"contacts": {"1": {"name": "half a fi'
        data_file.write_bytes(damaged)  # another program, or a bad sync
        checklist = app.screen.query_one(ChecklistPane)
        checklist.items.focus()
        await pilot.pause()
        item = checklist.items.get_option_at_index(checklist.items.highlighted or 0).id
        before = item in app.screen.contact.checklist
        await pilot.press("space")
        assert not app.store.wait_until_saved(10)
        await pilot.pause()
        assert app.is_running and (item in app.screen.contact.checklist) != before
        assert any(
            "cannot read" in m and "truncated" in m and "Export, JSON" in m for m in _messages(app)
        )
        assert app.title == "infocoach · ⚠ not saved"
        assert data_file.read_bytes() == damaged  # never written over
        app.screen.query_one(ContactsPane).contact_list.focus()  # where a adds a contact
        await pilot.press("a", *"Zoe Quinn", "ctrl+s")  # the add form too: shown, kept
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.is_running
        assert "Zoe Quinn" in [c.name for c in app.store.contacts()]
        assert data_file.read_bytes() == damaged


async def test_two_windows_editing_one_contact_keep_both_edits(demo_store, make_app, data_file):
    """Window B (another process) changes the company while window A's form is open; A then
    changes only the role: both changes are on disk."""
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        contact = app.screen.contact
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ContactForm)
        window_b = (
            "import sys; from infocoach.data.repositories import Store; "
            "Store(sys.argv[1]).update_contact(int(sys.argv[2]), company='Changed by B')"
        )
        subprocess.run(
            [sys.executable, "-c", window_b, str(data_file), str(contact.id)], check=True
        )
        role = form.query_one("#role", Input)
        role.value = "Changed by A"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.wait_until_saved(10)
    saved = reopen(data_file).get_contact(contact.id)
    assert (saved.company, saved.role) == ("Changed by B", "Changed by A")


async def test_call_notes_typed_while_saves_fail_survive_leaving_call_mode(
    data_on_small_disk, demo_store, make_app, caller, clock
):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        with disk_full(data_on_small_disk):
            screen = await open_call(pilot)
            screen.query_one(TextArea).focus()
            await pilot.press(*"They hire from the internship.")
            clock.advance(1)
            screen.tick()
            assert not app.store.wait_until_saved(10)
            await pilot.press("escape", "ctrl+y")  # leave call mode while the disk is full
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            assert any("No space left" in m for m in _messages(app))
            screen = await open_call(pilot)  # the notes are still there
            assert screen.query_one(TextArea).text == "They hire from the internship."
            await pilot.press("escape", "ctrl+y")
            await pilot.pause()
            await pilot.press("q", "ctrl+y")  # and quitting says they are not saved yet
            await pilot.pause()
            assert app.is_running
        await pilot.press("ctrl+r")  # room again
        assert app.store.wait_until_saved(10)
    draft = reopen(demo_store.path).call_draft(caller.id)
    assert draft is not None and draft.text == "They hire from the internship."


async def test_closing_the_terminal_mid_call_saves_the_last_words(demo_store, make_app, caller):
    """SIGHUP (the terminal closed) or SIGTERM: the notes typed a moment ago are saved first."""
    for closing in (signal.SIGHUP, signal.SIGTERM):
        app = make_app(Store(demo_store.path))
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_call(pilot)
            assert isinstance(screen, CallScreen)
            screen.query_one(TextArea).focus()
            words = f"Last words before {closing.name}"
            await pilot.press(*words)  # typed less than a second ago: not yet saved
            os.kill(os.getpid(), closing)
            await pilot.pause()
            await pilot.pause()
            assert not app.is_running
        draft = reopen(demo_store.path).call_draft(caller.id)
        assert draft is not None and words in draft.text


async def test_call_notes_on_a_really_full_disk_are_saved_once_there_is_room(
    small_disk, make_app, content, clock
):
    from infocoach.exchange.demo import populate
    from tests.conftest import fill_up

    from .conftest import DEMO_DAY

    store = Store(small_disk / "data" / "infocoach.json")
    populate(store, content, DEMO_DAY)
    caller = store.add_contact(name="Aaron Able", minutes=20)
    filler = fill_up(small_disk)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        await pilot.press(*"Budget is set in March.")
        clock.advance(1)
        screen.tick()
        assert not app.store.wait_until_saved(10)
        await pilot.pause()
        assert any("No space left" in m for m in _messages(app))
        await pilot.press("escape", "ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        filler.unlink()
        await pilot.press("ctrl+r")
        assert app.store.wait_until_saved(10)
    draft = reopen(store.path).call_draft(caller.id)
    assert draft is not None and draft.text == "Budget is set in March."
