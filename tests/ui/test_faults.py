"""The app under failure: a save that fails keeps the edit; changes from elsewhere show up."""

from __future__ import annotations

import errno

from textual.widgets import Input

from infocoach.cli import main as cli
from infocoach.tui.dialogs.confirm import ConfirmDialog
from infocoach.tui.dialogs.contact_form import ContactForm
from infocoach.tui.widgets.contacts import ContactsPane

from .conftest import reopen


async def test_failed_save_keeps_the_edit_until_it_can_be_saved(
    demo_store, make_app, data_file, monkeypatch
):
    before = data_file.read_bytes()

    def full_disk(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        monkeypatch.setattr("infocoach.data.storage.os.replace", full_disk)
        await pilot.press("a", *"Zoe Quinn", "tab", *"Harbor")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#name", Input).value == "Zoe Quinn"
        assert app.screen.query_one("#company", Input).value == "Harbor"
        messages = [n.message for n in app._notifications]
        assert any("could not save" in m and "No space left" in m for m in messages)
        assert data_file.read_bytes() == before
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
    assert "Zoe Quinn" in {c.name for c in reopen(data_file).contacts()}


async def test_a_cli_write_shows_up_in_the_open_app(demo_store, make_app, data_file):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        assert cli.main(["add", "Added From CLI", "--company", "Shell"]) == 0
        app.screen.catch_up()
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
        assert any(shown in n.message for n in app._notifications)
        assert app.is_running
