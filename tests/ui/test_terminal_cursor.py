"""The terminal cursor sits on what is highlighted, in every list, so screen readers, braille
displays and input methods follow the selection (#18)."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import OptionList

from infocoach.tui.dialogs.history import HistoryDialog
from infocoach.tui.screens.agenda import AgendaScreen
from infocoach.tui.widgets.checklist import ChecklistPane
from infocoach.tui.widgets.contacts import ContactsPane
from infocoach.tui.widgets.questions import QuestionsPane


def under_cursor(app) -> tuple[Widget, str]:
    """The widget the terminal cursor is on, and the text of its line there."""
    x, y = app.cursor_position
    widget, _ = app.screen.get_widget_at(x, y)
    return widget, widget.render_line(y - widget.scrollable_content_region.y).text


def highlighted_text(options: OptionList) -> str:
    assert options.highlighted is not None
    return str(options.get_option_at_index(options.highlighted).prompt).splitlines()[0]


async def test_the_cursor_follows_the_contact_list_down_and_up(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        contacts = app.screen.query_one(ContactsPane).contact_list
        assert contacts.has_focus
        for key, wanted in (("down", 1), ("down", 2), ("down", 3), ("up", 2)):
            await pilot.press(key)
            await pilot.pause()
            widget, text = under_cursor(app)
            assert widget is contacts
            assert contacts.rows[wanted].name in text


async def test_the_cursor_follows_a_contact_list_scrolled_far_down(demo_store, make_app) -> None:
    for number in range(40):
        demo_store.add_contact(name=f"Zed Person {number:02}")
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        contacts = app.screen.query_one(ContactsPane).contact_list
        await pilot.press("end")
        await pilot.pause()
        assert contacts.scroll_offset.y > 0
        widget, text = under_cursor(app)
        assert widget is contacts and "Zed Person 39" in text


async def test_the_cursor_follows_the_checklist_and_the_question_bank(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for pane_type, list_id in (
            (ChecklistPane, "#checklist-items"),
            (QuestionsPane, "#question-bank"),
        ):
            options = app.screen.query_one(pane_type).query_one(list_id, OptionList)
            options.focus()
            await pilot.press("down", "down")
            await pilot.pause()
            widget, text = under_cursor(app)
            assert widget is options
            assert text.strip() and text.strip()[:20] in highlighted_text(options)


async def test_the_cursor_follows_the_agenda_and_the_history(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        agenda = app.screen.query_one("#agenda-list", OptionList)
        await pilot.press("down")
        await pilot.pause()
        widget, text = under_cursor(app)
        assert widget is agenda and text.strip()[:20] in highlighted_text(agenda)
        await pilot.press("escape")
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryDialog)
        history = app.screen.query_one("#history-list", OptionList)
        await pilot.press("down")
        await pilot.pause()
        widget, text = under_cursor(app)
        assert widget is history and text.strip()[:20] in highlighted_text(history)
