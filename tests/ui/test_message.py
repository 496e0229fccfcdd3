"""The message editor: a filled template, the live outreach checker, copy and save to a file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea

from infocoach.core.outreach_check import FIRST, WRITTEN
from infocoach.core.text import file_slug
from infocoach.tui.dialogs.confirm import ConfirmDialog
from infocoach.tui.dialogs.message_editor import MessageEditor, draft_path
from infocoach.tui.screens.main import MainScreen
from infocoach.tui.widgets.contacts import ContactsPane

from .conftest import reopen


async def open_editor(pilot: Pilot, name: str, store) -> MessageEditor:
    main = pilot.app.screen
    assert isinstance(main, MainScreen)
    main.select_contact(store.find_contact(name).id)
    await pilot.pause()
    await pilot.press("m")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, MessageEditor)
    return editor


def verdicts(editor: MessageEditor) -> dict[str, tuple[bool, bool]]:
    return {r.id: (r.passed, r.warning) for r in editor.results}


async def replace_text(pilot: Pilot, editor: MessageEditor, text: str) -> None:
    area = editor.query_one("#message-text", TextArea)
    area.focus()
    area.select_all()
    await pilot.press("delete")
    area.insert(text)
    await pilot.pause()


async def test_m_opens_the_template_for_the_stage_filled_in(demo_store, make_app) -> None:
    app = make_app(demo_store)
    app.settings = replace(
        app.settings,
        my_name="Ana Lima",
        my_purpose="move into data work",
        my_background="a librarian",
        my_phone="021 555",
    )
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot, "Tom Becker", demo_store)  # reached out: follow-up
        assert editor.script_id == "follow-up-no-reply"
        assert editor.query_one("#message-script", Select).value == "follow-up-no-reply"
        text = editor.text
        assert text.startswith("Hello Tom,") and "Northwind Health" in text
        assert "Ana Lima" in text and "wrote last week" in text and "[your name]" not in text
        hint = str(editor.query_one("#message-hint", Static).render())
        assert "Square brackets" in hint
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_missing_details_are_pointed_out(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot, "Lena Fischer", demo_store)
        assert editor.script_id == "outreach-email"
        assert "[your name]" in editor.text
        assert "Your details" in str(editor.query_one("#message-hint", Static).render())


async def test_the_checker_updates_live_while_typing(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot, "Daniel Reyes", demo_store)
        assert editor.script_id == "thank-you"  # interviewed: the thank-you comes next
        editor.query_one("#message-script", Select).value = "outreach-email"
        await pilot.pause()
        note = (
            "Subject: Your work on the data team\n\n"
            "Hello Daniel,\n\nMaya Okafor suggested I write. "
            "Could you spare 15 minutes to tell me about your work and your team?"
        )
        await replace_text(pilot, editor, note)
        assert verdicts(editor) == {
            "fill-in": (True, False),
            "subject": (True, False),
            "length": (True, False),
            "no-job-words": (True, False),
            "connection": (True, False),
            "question": (True, False),
            "about-them": (True, False),
            "tone": (True, False),
        }
        title = str(editor.query_one("#checker-title", Static).render())
        assert title == "Checker: all pass"
        # one more sentence asking about a job: that rule fails at once, and says why
        area = editor.query_one("#message-text", TextArea)
        area.move_cursor(area.document.end)
        await pilot.press(*" Any job openings", ".")
        await pilot.pause()
        assert verdicts(editor)["no-job-words"] == (False, False)
        why = str(editor.query_one("#why-no-job-words", Static).render())
        assert "“job”" in why and "“openings”" in why
        # "any job" also reads as anxious: the tone rule quotes it
        assert verdicts(editor)["tone"] == (False, False)
        assert "“any job”" in str(editor.query_one("#why-tone", Static).render())
        assert "2 of 8 to fix" in str(editor.query_one("#checker-title", Static).render())
        # long and about me: two more failures
        await replace_text(pilot, editor, "I am here. " * 40)
        result = verdicts(editor)
        assert result["length"] == (False, False) and result["about-them"] == (False, False)
        assert result["question"] == (False, False) and result["connection"] == (False, False)
        assert "120 words" in str(editor.query_one("#why-length", Static).render())
        assert result["subject"] == (False, False)  # a new email without a subject line
        assert "✗" in str(editor.query_one("#rule-subject", Static).render())


def rendered(editor: MessageEditor, selector: str) -> str:
    return str(editor.query_one(selector, Static).render())


async def test_each_kind_of_message_is_judged_by_its_own_rules(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot, "Daniel Reyes", demo_store)
        assert editor.script_id == "thank-you" and editor.rules.kind == WRITTEN
        # a thank-you needs no connection or question: those rules are not shown at all
        assert not editor.query_one("#rule-connection", Static).display
        assert not editor.query_one("#rule-question", Static).display
        assert "no connection or question needed" in rendered(editor, "#checker-note")
        # long and anxious fail a note too; a bracket left is quoted for her to fill in
        await replace_text(pilot, editor, "Dear [their name], I was desperate. " * 30)
        failed = {rule for rule, (passed, _) in verdicts(editor).items() if not passed}
        assert failed == {"fill-in", "length", "tone"}
        assert rendered(editor, "#why-fill-in") == "Fill in: [their name]"
        assert "“desperate”" in rendered(editor, "#why-tone")
        assert rendered(editor, "#checker-title") == "Checker: 3 of 5 to fix"
        assert not editor.query_one("#note-length", Static).display
        # the first email to someone: the full rules
        editor.query_one("#message-script", Select).value = "outreach-email"
        await pilot.pause()
        assert editor.rules.kind == FIRST
        assert editor.query_one("#rule-connection", Static).display
        assert rendered(editor, "#checker-note") == "A first message: the full rules."
        # a spoken script: its length at her pace, nothing about subjects or first sentences
        editor.query_one("#message-script", Select).value = "voicemail"
        await pilot.pause()
        assert set(verdicts(editor)) == {"fill-in", "spoken-length"}
        assert not editor.query_one("#rule-subject", Static).display
        assert "seconds at your pace (140 words a minute)" in rendered(editor, "#why-spoken-length")


async def test_the_linkedin_note_counts_its_characters(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot, "Daniel Reyes", demo_store)
        editor.query_one("#message-script", Select).value = "linkedin-note"
        await pilot.pause()
        counter = editor.query_one("#note-length", Static)
        assert counter.display
        await replace_text(pilot, editor, "x" * 143 + "\n")
        assert rendered(editor, "#note-length") == "143 / 200 characters"
        assert not counter.has_class("-over")
        await replace_text(pilot, editor, "x" * 200)
        assert rendered(editor, "#note-length") == "200 / 200 characters"
        area = editor.query_one("#message-text", TextArea)
        area.move_cursor(area.document.end)
        await pilot.press("y")  # one past the limit: the warning, in the error colour
        await pilot.pause()
        first, second = rendered(editor, "#note-length").splitlines()
        assert first == "201 / 200 characters"
        assert second.startswith("1 over: a free LinkedIn account stops at 200")
        assert counter.has_class("-over")
        assert any("error" in str(span.style) for span in counter.visual.spans)  # type: ignore[union-attr]
        # another template: no counter
        editor.query_one("#message-script", Select).value = "outreach-email"
        await pilot.pause()
        assert not counter.display


async def test_copy_uses_the_clipboard(demo_store, make_app, monkeypatch) -> None:
    app = make_app(demo_store)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot, "Chris Doyle", demo_store)
        await replace_text(pilot, editor, "Dear Chris, thank you!")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert copied == ["Dear Chris, thank you!"]
        assert editor.query_one(TextArea).text == "Dear Chris, thank you!"  # ctrl+y is not redo
        await pilot.click("#message-copy-button")
        await pilot.pause()
        assert copied == ["Dear Chris, thank you!"] * 2
        assert any(n.title == "Copied" for n in app.said)


async def test_save_to_the_default_draft_and_to_a_typed_path(
    demo_store, make_app, tmp_path: Path
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot, "Chris Doyle", demo_store)
        path_field = editor.query_one("#message-path", Input)
        expected = demo_store.path.parent / "drafts" / "chris-doyle-thank-you.txt"
        assert path_field.value == str(expected)
        await replace_text(pilot, editor, "Dear Chris,\n\nThank you.\n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert expected.read_text(encoding="utf-8") == "Dear Chris,\n\nThank you.\n"
        assert oct(expected.parent.stat().st_mode & 0o777) == "0o700"
        # another script: the default path follows it
        editor.query_one("#message-script", Select).value = "keep-in-touch"
        await pilot.pause()
        assert editor.script_id == "keep-in-touch" and editor.text.startswith("Hi Chris,")
        assert path_field.value.endswith("chris-doyle-keep-in-touch.txt")
        # back to the thank-you: the edits are still there
        editor.query_one("#message-script", Select).value = "thank-you"
        await pilot.pause()
        assert editor.text == "Dear Chris,\n\nThank you.\n"
        # a path of the user's own, saved with the button
        own = tmp_path / "mine" / "note.txt"
        path_field.value = str(own)
        await pilot.click("#message-save-button")
        await pilot.pause()
        assert own.read_text(encoding="utf-8") == "Dear Chris,\n\nThank you.\n"
        assert list(own.parent.glob("*.tmp")) == []


async def test_a_failed_save_is_reported_and_nothing_breaks(
    demo_store, make_app, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot, "Chris Doyle", demo_store)
        editor.query_one("#message-path", Input).value = str(blocker / "inside.txt")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(n.title == "Not saved" for n in app.said)
        assert app.screen is editor


async def test_hostile_contact_in_the_editor(store, make_app) -> None:
    name = "[b]x[/b] a [/"
    store.add_contact(name=name, company="[link=x]Co[/link]", how_met="[@click=app.quit]")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot, name, store)
        assert "[link=x]Co[/link]" in editor.text
        assert editor.query_one("#message-path", Input).value.endswith("b-x-b-a-outreach-email.txt")
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = store.path.parent / "drafts" / "b-x-b-a-outreach-email.txt"
        assert "[link=x]Co[/link]" in saved.read_text(encoding="utf-8")
        assert app.is_running


async def test_m_without_a_contact_warns(store, make_app) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(ContactsPane).highlighted_id is None


def test_file_slug_and_draft_path(tmp_path: Path) -> None:
    from infocoach.core.models import Contact

    assert file_slug("Zoë O'Brien") == "zoë-o-brien"
    assert file_slug("[/") == "contact"
    assert file_slug("../../etc/passwd") == "etc-passwd"
    path = draft_path(tmp_path, Contact(1, "Ada L"), "thank-you")
    assert path == tmp_path / "ada-l-thank-you.txt"


# -- drafts kept per contact and template ---------------------------------------------------


async def test_a_kept_message_is_there_next_time_for_that_contact_and_template(
    demo_store, make_app, data_file
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot, "Tom Becker", demo_store)
        first = editor.script_id
        await replace_text(pilot, editor, "Hello Tom, a first try at the follow-up.\n")
        editor.query_one("#message-script", Select).value = "thank-you"
        await pilot.pause()
        await replace_text(pilot, editor, "Thank you, Tom, for the time.\n")
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)

        editor = await open_editor(pilot, "Tom Becker", demo_store)
        assert editor.script_id == first
        assert editor.text == "Hello Tom, a first try at the follow-up.\n"
        assert not editor.is_dirty()
        editor.query_one("#message-script", Select).value = "thank-you"
        await pilot.pause()
        assert editor.text == "Thank you, Tom, for the time.\n"
        await pilot.press("escape")  # nothing edited since: closes at once
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)

        other = await open_editor(pilot, "Maya Okafor", demo_store)
        assert "a first try" not in other.text  # another contact's drafts are their own
    kept = reopen(data_file).message_drafts(demo_store.find_contact("Tom Becker").id)
    assert kept == {
        first: "Hello Tom, a first try at the follow-up.\n",
        "thank-you": "Thank you, Tom, for the time.\n",
    }


async def test_escape_on_an_edited_message_asks_and_discard_keeps_the_old_draft(
    demo_store, make_app, data_file
) -> None:
    tom = demo_store.find_contact("Tom Becker")
    demo_store.keep_message_draft(tom.id, "follow-up-no-reply", "Kept before.\n")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot, "Tom Becker", demo_store)
        assert editor.text == "Kept before.\n"
        await replace_text(pilot, editor, "Typed now, " * 40 + "\n")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Discard your changes?" in str(app.screen.query_one(Static).render())
        await pilot.press("enter")  # the focused answer: keep editing
        await pilot.pause()
        assert app.screen is editor and editor.text.startswith("Typed now, ")
        await pilot.press("escape", "right", "enter")  # this time: Discard
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert reopen(data_file).message_drafts(tom.id) == {"follow-up-no-reply": "Kept before.\n"}


async def test_a_closed_terminal_keeps_the_message(demo_store, make_app, data_file) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot, "Tom Becker", demo_store)
        await replace_text(pilot, editor, "Half written when the window closed\n")
        await app.save_everything_and_exit()
        await pilot.pause()
    tom = demo_store.find_contact("Tom Becker")
    assert list(reopen(data_file).message_drafts(tom.id).values()) == [
        "Half written when the window closed\n"
    ]
