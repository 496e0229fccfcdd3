"""The app under failure: a save that fails keeps the edit; changes from elsewhere show up."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

from infocoach.cli import main as cli
from infocoach.tui.dialogs.confirm import ConfirmDialog
from infocoach.tui.dialogs.contact_form import ContactForm
from infocoach.tui.widgets.checklist import ChecklistPane
from infocoach.tui.widgets.contacts import ContactsPane
from tests.disk_faults import disk_full

from .conftest import reopen


async def test_failed_save_keeps_the_edit_until_it_can_be_saved(
    data_on_small_disk, demo_store, make_app, data_file
):
    before = data_file.read_bytes()
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        with disk_full(data_on_small_disk):
            await pilot.press("a", *"Zoe Quinn", "tab", "tab", *"Harbor")
            await pilot.press("ctrl+s")
            await pilot.pause()
            # the change shows at once; the save fails behind it
            assert not isinstance(app.screen, ContactForm)
            names = [c.name for c in app.screen.query_one(ContactsPane).contact_list.rows]
            assert "Zoe Quinn" in names
            assert not app.store.wait_until_saved(10)
            await pilot.pause()
            messages = [n.text for n in app.said]
            assert any(
                "could not save" in m and "No space left" in m and "ctrl+r" in m for m in messages
            )
            assert app.title == "infocoach · ⚠ not saved"
            assert data_file.read_bytes() == before
            await pilot.press("q", "ctrl+y")  # quitting with an unsaved change: told, not gone
            await pilot.pause()
            assert app.is_running and any("quit again" in n.text for n in app.said)
        await pilot.press("ctrl+r")  # room again
        assert app.store.wait_until_saved(10)
        await pilot.pause()
        assert app.title == "infocoach"
    assert "Zoe Quinn" in {c.name for c in reopen(data_file).contacts()}


async def test_a_change_shows_while_another_process_holds_the_lock(demo_store, make_app, data_file):
    """Saves wait for the lock on the writer thread: the screen never does."""
    app = make_app(demo_store)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(data_file.parent / f".~{data_file.name}.lock")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        async with app.run_test(size=(120, 40)) as pilot:
            checklist = app.screen.query_one(ChecklistPane)
            contact = app.screen.contact
            checklist.items.focus()
            await pilot.pause()
            item_id = checklist.items.get_option_at_index(checklist.items.highlighted or 0).id
            was_ticked = item_id in contact.checklist
            await pilot.press("space")
            await pilot.pause()
            assert (item_id in app.screen.contact.checklist) != was_ticked  # shown at once
            assert app.title == "infocoach · saving…"
            highlighted = checklist.items.highlighted
            await pilot.press("down", "down")  # keys keep answering while the save waits
            await pilot.pause()
            assert checklist.items.highlighted == highlighted + 2
            await asyncio.sleep(3)  # the lock is held for 3 s in all
            assert app.title == "infocoach · saving…" and holder.poll() is None
            on_disk = json.loads(data_file.read_bytes())["contacts"][str(contact.id)]
            assert (item_id in on_disk["checklist"]) == was_ticked  # not yet on disk
            holder.communicate("release\n", timeout=10)
            assert app.store.wait_until_saved(10)
        on_disk = json.loads(data_file.read_bytes())["contacts"][str(contact.id)]
        assert (item_id in on_disk["checklist"]) != was_ticked
    finally:
        holder.kill()


HOLD_LOCK = """
import fcntl, os, sys, time
handle = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(handle, fcntl.LOCK_EX)
print("locked", flush=True)
sys.stdin.readline()
"""


async def test_a_cli_write_shows_up_in_the_open_app(demo_store, make_app, data_file):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        assert cli.main(["add", "Added From CLI", "--company", "Shell"]) == 0
        app.screen.catch_up()
        await app.workers.wait_for_complete()
        await pilot.pause()
        pane = app.screen.query_one(ContactsPane)
        rows = [contact.name for contact in pane.contact_list.rows]
        assert "Added From CLI" in rows
        await pilot.press("a", *"After", "ctrl+s")  # and the app's own save keeps it
        await pilot.pause()
    assert {"Added From CLI", "After"} <= {c.name for c in reopen(data_file).contacts()}


async def test_hostile_names_show_literally_in_dialogs_and_toasts(store, make_app):
    name = "[@click=app.quit]x[/] a [/ \x1b]52;c;aGk=\x07"
    store.add_contact(name=name)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        shown = app.screen.contact.name
        assert (
            "\x1b" not in shown
            and "\x07" not in shown
            and shown.startswith("[@click=app.quit]x[/]")
        )
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        assert shown in str(app.screen.query_one("Static").render())
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert any(shown in n.text for n in app.said)
        assert app.is_running
