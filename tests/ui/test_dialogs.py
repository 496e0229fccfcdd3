"""The Dialog base: the safe choice first, no bare letter confirms, Escape asks before typed
text is thrown away, and the footer lists only the dialog's own keys."""

from __future__ import annotations

from textual.widgets import Button, Input, Static, TextArea

from infocoach.tui.dialogs.base import Dialog
from infocoach.tui.dialogs.confirm import ConfirmDialog
from infocoach.tui.dialogs.contact_form import ContactForm
from infocoach.tui.dialogs.log_event import LogEventDialog
from infocoach.tui.dialogs.message_editor import MessageEditor
from infocoach.tui.dialogs.question_dialog import QuestionDialog
from infocoach.tui.screens.main import MainScreen

from .conftest import reopen


def footer_keys(app) -> set[str]:
    """The keys the footer shows now."""
    return {key for key, active in app.screen.active_bindings.items() if active.binding.show}


async def test_confirm_wants_a_deliberate_key(demo_store, make_app, data_file):
    app = make_app(demo_store)
    before = data_file.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog) and dialog.has_class("-danger")
        assert app.focused is dialog.query_one("#no", Button)  # the safe choice
        await pilot.press(*"yes y Y n")
        assert app.screen is dialog
        assert footer_keys(app) == {"ctrl+y", "escape"}
        await pilot.press("enter")  # on "No"
        assert isinstance(app.screen, MainScreen)
        await pilot.press("d", "right", "enter")  # enter on "Yes", chosen on purpose
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert data_file.read_bytes() != before


async def test_escape_asks_before_typed_text_is_lost(store, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ContactForm) and footer_keys(app) == {"ctrl+s", "escape"}
        await pilot.press(*"Ann Lee")
        await pilot.press("escape")
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        assert "Discard your changes?" in str(question.query_one("#question").render())
        assert "Keep editing" in str(app.focused.label)
        await pilot.press("enter")  # keep editing
        assert app.screen is form and form.query_one("#name", Input).value == "Ann Lee"
        await pilot.press("escape", "ctrl+y")  # discard
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert store.contacts() == []


async def test_an_untouched_dialog_closes_at_once(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("a", "e", "n", "l", "m"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, Dialog) and not app.screen.is_dirty()
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen), key


async def test_quit_key_asks_too_when_text_would_be_lost(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        dialog = app.screen
        assert isinstance(dialog, LogEventDialog)
        note = dialog.query_one("#log-note", Input)
        note.value = "Talked about the reorganisation"
        assert app.focused is dialog.query_one("#log-events")  # a list: q is a key here
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmDialog) and app.is_running
        question = app.screen
        await pilot.press("q")  # the question holds nothing, but the dialog below does
        assert app.screen is question and app.screen_stack[-2] is dialog and app.is_running
        await pilot.press("escape")
        assert app.screen is dialog and note.value == "Talked about the reorganisation"
        note.value = ""
        await pilot.press("q")  # nothing typed: the app's own question
        await pilot.pause()
        assert app.screen.id == "quit-question" and app.is_running
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert not app.is_running


async def test_a_saved_message_closes_without_asking(demo_store, make_app, tmp_path):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        editor = app.screen
        assert isinstance(editor, MessageEditor)
        editor.query_one("#message-text", TextArea).insert("P.S. ")
        assert editor.is_dirty()
        editor.query_one("#message-path", Input).value = str(tmp_path / "note.txt")
        await pilot.press("ctrl+s")
        assert (tmp_path / "note.txt").read_text().startswith("P.S. ")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_discarding_an_edit_keeps_the_stored_contact(demo_store, make_app, data_file):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        contact = app.screen.contact
        await pilot.press("e")
        app.screen.query_one("#company", Input).value = "Somewhere else"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert reopen(data_file).get_contact(contact.id) == contact


async def test_empty_submits_say_what_is_missing_and_stay_open(
    demo_store, make_app, data_file
) -> None:
    app = make_app(demo_store)
    before = data_file.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "ctrl+s")  # a contact with no name
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        name_field = form.query_one("#field-name")
        assert name_field.has_class("-invalid")
        assert "name" in str(name_field.query_one(".error", Static).render()).casefold()
        assert app.focused is form.query_one("#name", Input)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("n", "enter")  # an own question with nothing typed
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, QuestionDialog)
        said = str(dialog.query_one("#question-error", Static).render())
        assert said.startswith("Type your question first")
        await pilot.press(*"What surprised you?", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    own = reopen(data_file).own_questions()
    assert [q.text for q in own][-1] == "What surprised you?"
    assert before != data_file.read_bytes()
