"""The History screen (h): every entry with its id; corrections and deletes saved to disk, each
undone exactly by u; typing by accident changes nothing; user text shown literally."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Select, Static, TextArea

from infocoach.tui.dialogs.base import DISCARD_ID
from infocoach.tui.dialogs.confirm import ConfirmDialog
from infocoach.tui.dialogs.edit_entry import EditEntryDialog
from infocoach.tui.dialogs.history import HistoryDialog
from infocoach.tui.screens.main import MainScreen
from infocoach.tui.widgets.contacts import ContactsPane
from infocoach.tui.widgets.status import StatusLine

from .conftest import reopen
from .test_hostile_screens import assert_shown_literally, drawn


async def open_history(pilot, store, name: str) -> HistoryDialog:
    await pilot.pause()  # the first frame is drawn: a person cannot act before it
    main = pilot.app.screen
    assert isinstance(main, MainScreen)
    main.select_contact(store.find_contact(name).id)
    await pilot.pause()
    assert main.contact is not None and main.contact.name == name
    await pilot.press("h")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HistoryDialog)
    return screen


def rows(screen: HistoryDialog) -> list[str]:
    listing = screen.query_one("#history-list", OptionList)
    return [listing.get_option_at_index(i).prompt.plain for i in range(listing.option_count)]


def detail(screen: HistoryDialog) -> str:
    return str(screen.query_one("#history-detail", Static).render())


def toasts(app) -> list[str]:
    return [n.text for n in app.said]


def shown_stage(main: MainScreen, contact_id: int) -> str:
    """The second line of the contact's row in the contact list, as drawn."""
    listing = main.query_one(ContactsPane).contact_list
    index = next(i for i, row in enumerate(listing.rows) if row.id == contact_id)
    strip = listing.render_line(index * listing.ROW_HEIGHT + 1 - int(listing.scroll_offset.y))
    return strip.text.strip()


async def test_h_lists_every_entry_newest_first_with_ids(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.screen
        screen = await open_history(pilot, demo_store, "Grace Liu")
        assert "History · Grace Liu · newest first" in drawn(app, screen.box.region)[0]
        shown = rows(screen)
        assert [row.split()[0] for row in shown] == ["e23", "i4", "e21", "e20", "e19"]
        assert shown[0].split()[:3] == ["e23", "2026-11-01", "thanked"]
        assert "Interview · 20 min" in shown[1] and "2026-10-31" in shown[1]
        assert "Said Python and SQL matter mor" in shown[1]  # the notes' first line
        assert detail(screen).startswith("e23 · 2026-11-01 · thanked")
        await pilot.press("down")
        interview = demo_store.entry("i4")
        assert detail(screen).endswith(interview.notes.strip())  # in full below the list
        assert "Names gained: none" in detail(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main
        await pilot.press("h", "h")  # h opens and closes it
        await pilot.pause()
        assert app.screen is main


async def test_an_empty_history_says_how_to_log_one(store, make_app) -> None:
    store.add_contact(name="Ada")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot, store, "Ada")
        empty = screen.query_one("#history-empty", Static)
        assert empty.display and not screen.query_one("#history-list").display
        assert str(empty.render()).startswith("Nothing logged for Ada yet. Log an event with l")
        await pilot.press("e", "enter", "d", "u")
        await pilot.pause()
        assert app.screen is screen  # nothing to edit, delete or undo: said, not done
        assert toasts(app) == [
            "Edit: nothing logged yet for this contact.",
            "Delete: nothing logged yet for this contact.",
            "Nothing to undo yet.",
        ]


async def test_correcting_an_event_note_is_saved_and_u_takes_it_back(
    demo_store, make_app, data_file
) -> None:
    grace = demo_store.find_contact("Grace Liu")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot, demo_store, "Grace Liu")
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EditEntryDialog)
        assert dialog.query_one("#entry-day", Input).has_focus
        assert dialog.query_one("#entry-event", Select).value == "thanked"
        await pilot.press("tab", "tab", *"sent a card", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert rows(screen)[0].endswith("thanked               sent a card")
        assert "Changed e23." in toasts(app)[-1]
        assert reopen(data_file).entry("e23").notes == "sent a card"
        await pilot.press("u")
        await pilot.pause()
        assert toasts(app)[-1] == "Undone: the change to e23."
        assert rows(screen)[0].rstrip().endswith("thanked")
    assert reopen(data_file).entry("e23").notes == ""
    assert reopen(data_file).get_contact(grace.id).stage == "thanked"


async def test_correcting_an_interview_minutes_and_names(demo_store, make_app, data_file) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot, demo_store, "Grace Liu")
        await pilot.press("down", "enter")  # i4; enter edits too
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EditEntryDialog)
        minutes = dialog.query_one("#entry-minutes", Input)
        assert minutes.value == "20"
        assert isinstance(dialog.query_one("#entry-notes"), TextArea)
        minutes.value = "35"
        dialog.query_one("#entry-names", Input).value = "Ana Lima, , Bo Chen "
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "Interview · 35 min" in rows(screen)[1]
        assert "names: Ana Lima, Bo Chen" in rows(screen)[1]
    saved = reopen(data_file).entry("i4")
    assert (saved.minutes, saved.names_gained) == (35, ("Ana Lima", "Bo Chen"))
    assert saved.notes == demo_store.entry("i4").notes  # untouched fields stay as they were


async def test_a_wrong_date_or_minutes_is_said_in_one_line_and_nothing_saved(
    demo_store, make_app, data_file
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(pilot, demo_store, "Grace Liu")
        before = reopen(data_file).history(demo_store.find_contact("Grace Liu").id)
        await pilot.press("down", "e")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#entry-minutes", Input).value = "abc"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(dialog.query_one("#entry-error", Static).render())
        assert app.screen is dialog
        assert error == "Minutes: 'abc' is not a whole number of minutes"
        assert dialog.query_one("#entry-minutes", Input).has_focus
        dialog.query_one("#entry-minutes", Input).value = "999"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "999 is out of range (1 to 240 minutes)" in str(
            dialog.query_one("#entry-error", Static).render()
        )
        dialog.query_one("#entry-minutes", Input).value = "20"
        dialog.query_one("#entry-day", Input).value = "2026-02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(dialog.query_one("#entry-error", Static).render())
        assert app.screen is dialog and "\n" not in error
        assert error == "Date: '2026-02-30' is not a date like 2026-03-14"
        assert dialog.query_one("#entry-day", Input).has_focus
    assert reopen(data_file).history(demo_store.find_contact("Grace Liu").id) == before


async def test_escape_on_a_changed_entry_asks_and_keep_editing_keeps_the_text(
    demo_store, make_app, data_file
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot, demo_store, "Grace Liu")
        await pilot.press("down", "e")
        await pilot.pause()
        dialog = app.screen
        notes = dialog.query_one("#entry-notes", TextArea)
        notes.focus()
        await pilot.press("end", *" Ask Bo too.")
        typed = notes.text
        assert typed.endswith(" Ask Bo too.")
        await pilot.press("escape")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmDialog) and question.id == DISCARD_ID
        await pilot.press("enter")  # "Keep editing" is focused
        await pilot.pause()
        assert app.screen is dialog and notes.text == typed
        await pilot.press("escape", "ctrl+y")  # discard, deliberately
        await pilot.pause()
        assert app.screen is screen
    assert reopen(data_file).entry("i4").notes == demo_store.entry("i4").notes
    assert "Ask Bo" not in reopen(data_file).entry("i4").notes


async def test_deleting_an_interview_takes_the_stage_back_and_u_restores_it_exactly(
    demo_store, make_app, data_file
) -> None:
    chris = demo_store.find_contact("Chris Doyle")
    assert chris.stage == "interviewed"
    app = make_app(demo_store)
    async with app.run_test(size=(160, 40)) as pilot:
        main = app.screen
        assert shown_stage(main, chris.id).endswith("interviewed")
        screen = await open_history(pilot, demo_store, "Chris Doyle")
        before = reopen(data_file).history(chris.id)
        assert rows(screen)[0].startswith("i5")
        await pilot.press("d")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        asked = str(question.query_one("#question").render())
        assert asked.startswith("Delete i5 (2026-11-17, Interview · 15 min) from the history of")
        assert "the stage may go back" in asked
        await pilot.press("enter")  # the safe answer is focused: nothing goes
        await pilot.pause()
        assert app.screen is screen and reopen(data_file).history(chris.id) == before
        await pilot.press("delete", "ctrl+y")
        await pilot.pause()
        assert app.screen is screen
        assert [row.split()[0] for row in rows(screen)] == ["e34", "e33", "e32", "e31"]
        assert "Deleted i5." in toasts(app)[-1] and "Undo" in toasts(app)[-1]
        line = str(screen.query_one(StatusLine).render())  # below the details, not over
        assert "Deleted i5." in line and "Undo" in line
        on_disk = reopen(data_file)
        history = [str(entry.id) for entry in on_disk.history(chris.id)]
        assert history == ["e31", "e32", "e33", "e34"]
        assert on_disk.get_contact(chris.id).stage == "scheduled"
        assert shown_stage(main, chris.id).endswith("scheduled")  # the main screen follows
        await pilot.press("u")
        await pilot.pause()
        assert rows(screen)[0].startswith("i5")
        assert shown_stage(main, chris.id).endswith("interviewed")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main
    after = reopen(data_file)
    assert after.history(chris.id) == before  # the interview and its event, ids and all
    assert after.get_contact(chris.id).stage == "interviewed"


async def test_letters_typed_by_accident_change_nothing(demo_store, make_app, data_file) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot, demo_store, "Chris Doyle")
        before = reopen(data_file).history(demo_store.find_contact("Chris Doyle").id)
        await pilot.press(*"abcfgijklmnoprstvwxyz ABCFGIJKLMNOPRSTVWXYZ 0123456789,.:;!")
        await pilot.pause()
        assert app.screen is screen and app.is_running  # only e, d, h, u and q are keys here
        await pilot.press("d", *"I think it went well, notes: bring a pen")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmDialog)  # d asks; no letter answers the question
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and app.is_running
    assert reopen(data_file).history(demo_store.find_contact("Chris Doyle").id) == before


async def test_user_text_is_shown_literally(store, make_app, data_file) -> None:
    hostile = "[b]x[/b] a [/"
    bo = store.add_contact(name="[@click=app.quit]Bo[/]")
    store.log_event(bo.id, "replied", note=f"{hostile}\nsecond [i]line[/i]")
    store.log_event(bo.id, "reached-out", note=hostile)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot, store, "[@click=app.quit]Bo[/]")
        title = drawn(app, screen.box.region)[0]
        assert "History · [@click=app.quit]Bo[/] · newest first" in title
        assert_shown_literally(app, hostile)
        assert_shown_literally(app, "[@click=app.quit]Bo[/]")
        shown = rows(screen)
        assert [row.split()[2] for row in shown] == ["reached-out", "replied"]
        assert all(row.endswith(hostile) for row in shown)  # the first line only
        assert detail(screen).endswith(hostile)
        await pilot.press("down")
        assert detail(screen).endswith(f"{hostile}\nsecond [i]line[/i]")
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EditEntryDialog)
        assert_shown_literally(app, "Correct event e1 of [@click=app.quit]Bo[/]")
        notes = dialog.query_one("#entry-notes")
        assert isinstance(notes, TextArea)  # a note of two lines keeps both
        assert notes.text == f"{hostile}\nsecond [i]line[/i]"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.click(offset=(screen.box.region.x + 3, screen.box.region.y))  # the title
        assert app.is_running and app.screen is screen


async def test_q_quits_from_the_history(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(pilot, demo_store, "Grace Liu")
        await pilot.press("q", "ctrl+y")
        await pilot.pause()
        assert not app.is_running
