"""Everyday details (#20, #29): the order names read in, notices in a line of their own."""

from __future__ import annotations

from textual.widgets._toast import Toast

from infocoach.tui import textual_private
from infocoach.tui.dialogs.message_editor import MessageEditor
from infocoach.tui.widgets.contacts import ContactsPane
from infocoach.tui.widgets.status import StatusLine

from .conftest import until


async def test_the_list_sorts_accented_names_among_their_letters(store, make_app):
    for name in ("Zoë Zimmer", "Élodie Martin", "emma Stone", "Eli Brown"):
        store.add_contact(name=name)
    app = make_app(store)
    async with app.run_test(size=(120, 40)):
        rows = app.screen.query_one(ContactsPane).contact_list.rows
        assert [c.name for c in rows] == ["Eli Brown", "Élodie Martin", "emma Stone", "Zoë Zimmer"]


def toasts(app) -> list[str]:
    """The toasts the app shows now (not all it said: `app.said` keeps those)."""
    return [str(toast.message) for toast in textual_private.notifications(app)]


async def test_a_routine_notice_is_no_toast_but_a_line_of_its_own(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        main = app.screen
        main.notify("Tick the Prepare items before you meet her.")
        await pilot.pause(0.3)
        assert toasts(app) == [] and not main.query(Toast)
        status = main.query_one(StatusLine)
        assert "Tick the Prepare items" in str(status.render())
        assert status.region.bottom == main.query_one("Footer").region.y  # its own row
        main.notify("Could not save.", severity="error")  # an error is a toast as well
        await pilot.pause(0.3)
        assert toasts(app) == ["Could not save."]
        main.notify("contacts.csv: added 3, rejected 1\nrow 4: no name")  # one line cannot hold it
        await pilot.pause(0.3)
        assert toasts(app)[-1].startswith("contacts.csv")
        await pilot.press("m")  # the message editor fills the screen: its own status line
        await pilot.pause()
        assert isinstance(app.screen, MessageEditor)
        app.screen.notify("Copied.")
        await pilot.pause()
        assert "Copied." in str(app.screen.query_one(StatusLine).render())
        assert "Copied." not in toasts(app)


async def test_toasts_sit_above_the_status_line(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.screen.notify("The data file could not be saved.", severity="error")
        await pilot.pause(0.3)
        (toast,) = app.screen.query(Toast)
        assert toast.region.bottom <= app.screen.query_one(StatusLine).region.y


async def test_a_long_list_cuts_rows_with_an_ellipsis_and_keeps_the_cursor_in_view(store, make_app):
    for number in range(40):
        store.add_contact(name=f"Person {number:02}", company="Northwind Analytics International")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        listing = app.screen.query_one(ContactsPane).contact_list
        await pilot.press("end")
        await pilot.resize_terminal(60, 20)

        def row_top() -> int:
            return listing.cursor * listing.ROW_HEIGHT - listing.scroll_offset.y

        def cursor_row_in_view() -> bool:
            return 0 <= row_top() <= listing.scrollable_content_region.height - listing.ROW_HEIGHT

        await until(pilot, cursor_row_in_view, "the list to scroll its cursor into view")
        assert listing.show_vertical_scrollbar and not listing.show_horizontal_scrollbar
        detail = listing.render_line(row_top() + 1).text
        assert len(detail) == listing.scrollable_content_region.width
        assert detail.endswith("…") and "Northwind" in detail


async def test_why_it_matters_leaves_the_item_it_explains_in_view(demo_store, make_app, content):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await screen.panes_built()
        items = screen.query_one("#checklist-items")
        items.focus()
        await pilot.press(*["down"] * 6, "w")
        await pilot.pause(0.1)
        shown = " ".join(items.render_line(y).text for y in range(items.size.height))
        item = content.item(items.get_option_at_index(items.highlighted).id)
        assert " ".join(item.text.split()[:3]) in shown
        # and the reason is there to read, inside the pane
        pane = screen.query_one("#checklist-pane")
        why = screen.query_one("#why").region.intersection(pane.content_region)
        assert why.height >= 3
