"""The Agenda view: demo data on a fixed day (Friday 20 November 2026)."""

from __future__ import annotations

from datetime import date

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea

from infocoach.tui.dialogs.log_event import LogEventDialog
from infocoach.tui.dialogs.message_editor import MessageEditor
from infocoach.tui.screens.agenda import AgendaScreen, item_row
from infocoach.tui.screens.main import MainScreen
from infocoach.tui.widgets.checklist import ChecklistPane
from infocoach.tui.widgets.contacts import ContactsPane
from tests.ui.conftest import DEMO_DAY

EXPECTED = [
    ("update-referrer", "Grace Liu", True),
    ("try-another-contact", "Tom Becker", True),
    ("thank-you", "Chris Doyle", True),
    ("thank-you", "Daniel Reyes", False),
    ("confirm", "Priya Natarajan", False),
    ("prepare", "Priya Natarajan", False),
    ("update-referrer", "Daniel Reyes", False),
]


def main_screen(app) -> MainScreen:
    return next(s for s in app.screen_stack if isinstance(s, MainScreen))


async def open_agenda(pilot: Pilot) -> AgendaScreen:
    await pilot.press("A")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AgendaScreen)
    return screen


async def test_agenda_lists_the_demo_items_overdue_first(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        agenda = await open_agenda(pilot)
        assert agenda.today == DEMO_DAY
        assert [(i.action, i.contact, i.overdue) for i in agenda.items] == EXPECTED
        listing = agenda.query_one("#agenda-list", OptionList)
        assert listing.option_count == len(EXPECTED)
        for number, item in enumerate(agenda.items):
            prompt = listing.get_option_at_index(number).prompt
            styles = " ".join(str(span.style) for span in prompt.spans)
            assert ("$warning" in styles) == item.overdue
            assert item.contact in prompt.plain and item.text in prompt.plain
        summary = str(agenda.query_one("#agenda-summary").render())
        assert summary == "Friday 20 November 2026: 3 overdue, 4 due now or soon"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_enter_selects_the_contact_and_opens_the_template(demo_store, make_app) -> None:
    app = make_app(demo_store)
    chris = demo_store.find_contact("Chris Doyle")
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.screen
        main.query_one(ContactsPane).open_filter()
        await pilot.press(*"Tom")  # a filter that hides Chris
        await pilot.press("enter")
        await open_agenda(pilot)
        await pilot.press("down", "down", "enter")  # Chris's thank-you
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, MessageEditor)
        assert editor.contact.id == chris.id and editor.script_id == "thank-you"
        assert editor.text.startswith("Dear Chris,")
        assert main.contact is not None and main.contact.id == chris.id
        assert main.query_one(ContactsPane).highlighted_id == chris.id
        assert main.query_one(ContactsPane).filter_input.value == ""
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)  # back to her morning list (#29)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main


async def test_the_referrer_update_opens_the_referrer_template(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_agenda(pilot)
        await pilot.press("enter")  # Grace Liu: tell Samuel Adeyemi
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, MessageEditor) and editor.script_id == "referrer-update"
        assert editor.text.startswith("Hi Samuel,")  # the referrer, greeted as anyone is
        assert "I met Grace Liu at Civic Transit Lab" in editor.text


async def test_prepare_goes_to_the_first_unticked_prepare_item(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_agenda(pilot)
        await pilot.press("end", "up", "enter")  # Priya's meeting tomorrow
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.contact is not None and main.contact.name == "Priya Natarajan"
        checklist = main.query_one(ChecklistPane)
        assert checklist.items.has_focus
        item = app.guidance.item(checklist.highlighted_item or "")
        assert item is not None and item.step_id == "prepare"
        assert item.id not in main.contact.checklist


async def test_log_from_the_agenda_removes_the_item(demo_store, make_app) -> None:
    app = make_app(demo_store)
    daniel = demo_store.find_contact("Daniel Reyes")
    async with app.run_test(size=(120, 40)) as pilot:
        agenda = await open_agenda(pilot)
        await pilot.press("down", "down", "down", "l")  # Daniel's thank-you
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LogEventDialog)
        events = dialog.query_one("#log-events", OptionList)
        assert events.highlighted_option.id == "thanked"
        assert dialog.query_one("#log-date", Input).value == DEMO_DAY.isoformat()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is agenda
        assert ("thank-you", "Daniel Reyes", False) not in [
            (i.action, i.contact, i.overdue) for i in agenda.items
        ]
        assert len(agenda.items) == len(EXPECTED) - 1
        assert [(e.event, e.date) for e in demo_store.events(daniel.id)][-1] == (
            "thanked",
            DEMO_DAY.isoformat(),
        )
        assert demo_store.get_contact(daniel.id).stage == "thanked"


async def test_empty_agenda_explains_itself(store, make_app) -> None:
    store.add_contact(name="Ada")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        agenda = await open_agenda(pilot)
        assert agenda.items == [] and agenda.has_class("-empty")
        assert "Nothing is due today" in str(agenda.query_one("#agenda-empty").render())
        await pilot.press("enter", "l")  # nothing to choose: no crash
        assert app.screen is agenda


async def test_hostile_names_show_literally(store, make_app) -> None:
    names = ["[b]x[/b]", "a [/", "[@click=app.quit]y[/]"]
    for name in names:
        contact = store.add_contact(name=name, company="[red]Co")
        store.log_event(contact.id, "interviewed", day=date(2026, 11, 18))
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        agenda = await open_agenda(pilot)
        listing = agenda.query_one("#agenda-list", OptionList)
        shown = [listing.get_option_at_index(i).prompt.plain for i in range(listing.option_count)]
        for name in names:
            assert any(name in row for row in shown)
        await pilot.press("l", "enter")
        await pilot.pause()
        assert any(
            "[b]x[/b]" in n.text or "a [/" in n.text or "[@click" in n.text for n in app.said
        )
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, MessageEditor)
        assert editor.contact.name in names
        assert editor.query_one(TextArea).text.startswith("Dear ")
        assert app.is_running


def test_item_row_plain_text() -> None:
    from infocoach.core.agenda import AgendaItem

    item = AgendaItem(1, "[b]Ann", "thank-you", date(2026, 11, 19), True, "Thank [b]Ann")
    row = item_row(item, DEMO_DAY)
    assert row.plain.splitlines()[0].split() == ["1", "day", "overdue", "Thank-you", "[b]Ann"]
    assert row.plain.splitlines()[1].strip() == "Thank [b]Ann"


def test_agenda_snapshot(snap_compare, demo_store, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pilot.press("A")
        await pilot.pause()

    assert snap_compare(make_app(demo_store), terminal_size=(120, 40), run_before=run_before)


async def test_l_offers_only_the_event_that_clears_the_item(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        agenda = await open_agenda(pilot)
        await pilot.press("down")  # Tom Becker: try another contact, no event of his clears it
        await pilot.pause()
        assert agenda.highlighted_item.action == "try-another-contact"
        assert agenda.check_action("log_done", ()) is False  # hidden: it would do nothing
        detail = str(agenda.query_one("#agenda-detail").render())
        assert "reach out to someone else" in detail and "l logs" not in detail
        await pilot.press("l")
        await pilot.pause()
        assert app.screen is agenda  # no log dialog
        await pilot.press("end", "up")  # Priya: prepare
        await pilot.pause()
        assert agenda.highlighted_item.action == "prepare"
        await pilot.press("l")
        await pilot.pause()
        assert app.screen is agenda
        await pilot.press("up")  # Daniel's thank-you: l offers "thanked"
        await pilot.pause()
        assert agenda.check_action("log_done", ()) is True


async def test_an_interview_today_shows_the_thank_you_due_by_tomorrow(demo_store, make_app):
    ada = demo_store.add_contact(name="Ada Today", company="Engines")
    demo_store.log_event(ada.id, "interviewed", day=DEMO_DAY)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        agenda = await open_agenda(pilot)
        (item,) = [i for i in agenda.items if i.contact == "Ada Today"]
        assert (item.action, item.overdue) == ("thank-you", False)
        row = item_row(item, DEMO_DAY).plain
        assert row.startswith("due by tomorrow") and "thank-you due by tomorrow" in row
