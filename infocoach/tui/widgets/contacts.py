"""The Contacts pane: a filterable list that renders only the rows on screen."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static

from infocoach.core.models import STAGE_LABELS, Contact
from infocoach.core.text import fold
from infocoach.tui import actions, textual_private
from infocoach.tui.widgets.filter_input import FilterInput
from infocoach.tui.widgets.selection import follow_highlight

# The two ways to begin come first: a small terminal cuts the welcome's end, not them.
WELCOME = (
    "Welcome! Press  a  to add your first contact.\n\n"
    "Already on LinkedIn? ctrl+p, then \u201cImport LinkedIn connections\u201d.\n\n"
    "An informational interview is a short talk with someone in a field or company you are "
    "curious about: you ask to learn, never for a job.\n\n"
    "Build your network once, then work through four steps with each person: Prepare, Set the "
    "appointment, Conduct, Follow up. The app keeps your contacts, questions, scripts and notes "
    "on this machine."
)


class ContactList(ScrollView, can_focus=True):
    """Two lines per contact, drawn with the Line API: only the rows on screen are rendered,
    so 100,000 contacts cost no more to draw than ten."""

    ROW_HEIGHT = 2

    DEFAULT_CSS = """
    ContactList { height: 1fr; background: $surface; overflow-x: hidden; }
    ContactList > .contact-list--name { text-style: bold; }
    ContactList > .contact-list--detail { color: $text-muted; }
    ContactList > .contact-list--cursor { background: $block-cursor-blurred-background; }
    ContactList:focus > .contact-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    """

    COMPONENT_CLASSES = {"contact-list--name", "contact-list--detail", "contact-list--cursor"}

    BINDINGS = actions.bindings("main", "contacts", "list")

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)  # watch_cursor repaints

    class Highlighted(Message):
        def __init__(self, contact_id: int | None) -> None:
            super().__init__()
            self.contact_id = contact_id

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows: Sequence[Contact] = []
        self._announced: int | None = -1  # nobody announced yet; None means "no contact"
        # Lines drawn, by (contact id, line, under the cursor, focused, width): scrolling
        # redraws every line on screen, most of them drawn a moment ago.
        self._drawn: dict[tuple[int, int, bool, bool, int], Strip] = {}

    def forget_drawn(self) -> None:
        """The contacts' data changed: draw their lines anew."""
        self._drawn.clear()

    def notify_style_update(self) -> None:
        self._drawn.clear()  # a new theme or focus style
        super().notify_style_update()

    @property
    def highlighted(self) -> Contact | None:
        """The contact of the row under the cursor, as it was when the list was drawn."""
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    @property
    def highlighted_id(self) -> int | None:
        return self.rows[self.cursor].id if 0 <= self.cursor < len(self.rows) else None

    def set_rows(
        self, rows: Sequence[Contact], select_id: int | None, row: int | None = -1
    ) -> None:
        """Show `rows`, with the cursor on `select_id` (else the first row); `row` is where
        `select_id` is in `rows` when the caller knows (None: not there)."""
        self.rows = rows
        self._fit_virtual_size()
        if row is not None and row < 0:
            row = next((i for i, each in enumerate(rows) if each.id == select_id), None)
        index = row or 0
        self.set_reactive(ContactList.cursor, -1)
        self.cursor = index

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.rows) - 1)) if self.rows else -1

    @property
    def row_width(self) -> int:
        """The width a row is drawn in: the list's, less the scrollbar when one shows."""
        return self.scrollable_content_region.width

    def _show_cursor(self) -> None:
        self.scroll_to_region(
            Region(0, self.cursor * self.ROW_HEIGHT, self.row_width, self.ROW_HEIGHT),
            animate=False,
            immediate=True,
        )

    def watch_cursor(self, old: int, new: int) -> None:
        top = self.scroll_offset.y
        if new >= 0:
            self._show_cursor()
        if old < 0 or self.scroll_offset.y != top:
            self.refresh()  # new rows, or scrolled: every line on screen
        else:  # only the two rows the cursor left and entered
            for row in (old, new):
                self.refresh_lines(row * self.ROW_HEIGHT, self.ROW_HEIGHT)
        if self.highlighted_id != self._announced:  # the other panes redraw only on a change
            self._announced = self.highlighted_id
            self.post_message(self.Highlighted(self._announced))

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.size.height // self.ROW_HEIGHT - 1)

    def action_move_to(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self.rows) - 1

    def on_key(self, event: events.Key) -> None:
        """A letter or digit that is no key starts the filter (see tui.actions)."""
        if actions.starts_filter(self, event) and event.character:
            event.stop()
            event.prevent_default()
            pane = self.parent
            if isinstance(pane, ContactsPane):
                pane.open_filter()
                pane.filter_input.start_with(event.character)

    def on_click(self, event: events.Click) -> None:
        row = (event.y + self.scroll_offset.y) // self.ROW_HEIGHT
        if 0 <= row < len(self.rows):
            self.cursor = row

    def on_resize(self) -> None:
        self._fit_virtual_size()
        if self.cursor >= 0:  # a shorter list must still show the contact selected
            self.call_after_refresh(self._show_cursor)

    def _fit_virtual_size(self) -> None:
        """Make the scrollable height fit the rows, without laying out the screen again.

        Setting `virtual_size` makes Textual lay out the whole screen (tens of milliseconds),
        on every filter keystroke. The list's own size never depends on its rows (it fills
        its pane), so only the scroll range and the scrollbar need to know: set the size
        quietly, update the scrollbar, and clamp the scroll offset. Showing or hiding the
        scrollbar still lays out (`show_vertical_scrollbar` does that itself), but only when
        the rows start or stop fitting on screen."""
        # No width to scroll: each row is cut to the list's width (with "…"), however wide.
        wanted = Size(0, len(self.rows) * self.ROW_HEIGHT)
        if wanted == self.virtual_size:
            return
        if not self.is_mounted or not self.container_size:
            self.virtual_size = wanted  # before the first layout: the ordinary way
            return
        self.set_reactive(Widget.virtual_size, wanted)
        textual_private.update_scrollbars(self, wanted)
        self.scroll_y = self.scroll_target_y = min(self.scroll_y, self.max_scroll_y)
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)
        if self.cursor >= 0:
            follow_highlight(self, self.cursor * self.ROW_HEIGHT)
        return lines

    def render_line(self, y: int) -> Strip:
        width = self.row_width
        row, line = divmod(y + self.scroll_offset.y, self.ROW_HEIGHT)
        base = self.rich_style
        if row >= len(self.rows):
            return Strip.blank(width, base)
        try:
            contact = self.rows[row]
        except IndexError:  # past the first screen kept (see `data.first_screen`): drawn once read
            return Strip.blank(width, base)
        key = (contact.id, line, row == self.cursor, self.has_focus, width)
        strip = self._drawn.get(key)
        if strip is not None:
            return strip
        part = "contact-list--name" if line == 0 else "contact-list--detail"
        style = base + self.get_component_rich_style(part)
        if row == self.cursor:
            style += self.get_component_rich_style("contact-list--cursor")
        text = " " + (contact.name if line == 0 else contact_detail(contact))
        if cell_len(text) > width:
            text = set_cell_size(text, max(0, width - 1)) + "…"
        strip = Strip([Segment(set_cell_size(text, width), style)], width)
        if len(self._drawn) > 1000:
            self._drawn.clear()
        self._drawn[key] = strip
        return strip


def contact_detail(contact: Contact) -> str:
    """Company and stage, the second line of a row (how they answer is in the header)."""
    return " · ".join(
        part for part in (contact.company, STAGE_LABELS.get(contact.stage, "")) if part
    )


class ContactsPane(Vertical):
    DEFAULT_CSS = """
    ContactsPane {
        #contact-filter { display: none; margin-bottom: 1; }
        &.-filtering #contact-filter { display: block; }
        #welcome { display: none; padding: 0 1; color: $text; }
        &.-empty #welcome { display: block; }
        &.-empty ContactList { display: none; }
        ContactList { height: 1fr; max-height: 100%; border: none; }
        #no-match { display: none; color: $text-muted; padding: 0 1; }
        &.-no-match #no-match { display: block; }
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._title_only = False  # a refresh now repaints only the top border (the title)
        self.border_title = "Contacts"
        self._shown_title = Content("Contacts")
        self._contacts: list[Contact] = []
        self._haystacks: list[str] | None = None  # search text per contact, built on first use
        self._last_filter = ("", list[Contact](), list[int]())  # needle, matches, their indexes
        self._prefixes: dict[str, list[int]] = {}  # matches of the needle's prefixes typed
        self._position: dict[int, int] = {}  # contact id -> index in _contacts
        self.shown_filter = ""  # the (folded) filter the list's rows come from

    def compose(self) -> ComposeResult:
        yield FilterInput(
            placeholder="Filter: name, company, role, tags, notes", id="contact-filter"
        )
        yield Static(WELCOME, id="welcome", markup=False)
        yield Static("No contact matches the filter.", id="no-match", markup=False)
        yield ContactList(id="contact-list")

    @property
    def contact_list(self) -> ContactList:
        return self.query_one(ContactList)

    @property
    def filter_input(self) -> FilterInput:
        return self.query_one("#contact-filter", FilterInput)

    @property
    def highlighted_id(self) -> int | None:
        """The contact under the cursor: always one the filter shows (None: no such row)."""
        return self.contact_list.highlighted_id

    @property
    def highlighted_contact(self) -> Contact | None:
        """The contact under the cursor as the list drew it (its id may be out of date: ask
        the store for it by uid)."""
        return self.contact_list.highlighted

    @property
    def has_contacts(self) -> bool:
        return bool(self._contacts)

    @property
    def filtering(self) -> bool:
        return self.has_class("-filtering")

    def show_contacts(self, contacts: list[Contact], select_id: int | None = None) -> None:
        """Show `contacts` (through the current filter), keeping `select_id` under the cursor."""
        self._contacts = contacts
        self.contact_list.forget_drawn()
        self._haystacks = None
        self._last_filter = ("", contacts, [])
        self._prefixes = {}
        self._position = {}
        self.set_class(not contacts, "-empty")
        self._render_rows(select_id if select_id is not None else self._same_contact(contacts))

    def show_first_screen(self, rows: Sequence[Contact], row: int) -> None:
        """Rows of the first screen kept beside the data file (see `data.first_screen`), with
        the cursor on `row`, until the contacts read from the file come (`show_contacts`)."""
        self.set_class(False, "-empty")
        self._shown_title = Content(f"Contacts · {len(rows):,}")
        self.border_title = self._shown_title
        self.contact_list.set_rows(rows, rows[row].id, row)

    def _same_contact(self, contacts: list[Contact]) -> int | None:
        """The id, in `contacts`, of the contact under the cursor: found by its uid, since
        another process's save may have given a contact added here another id."""
        row = self.contact_list.highlighted
        if row is None or not row.uid:
            return self.highlighted_id
        return next((contact.id for contact in contacts if contact.uid == row.uid), None)

    def _matching(self, needle: str) -> list[Contact]:
        """Contacts whose searchable text contains `needle`; a longer needle only searches
        what the shorter one found, so typing a word costs less with each letter. The
        search texts are folded once (on first use), never per keystroke."""
        previous, found, indexes = self._last_filter
        if not needle:
            return self._contacts
        if needle == previous:
            return found
        haystacks = self._search_texts()
        # Backspacing finds what the shorter needle found before; typing on narrows the
        # longest prefix already searched.
        prefixes = {key: found for key, found in self._prefixes.items() if needle.startswith(key)}
        if needle in prefixes:
            indexes = prefixes[needle]
        elif prefixes:
            indexes = [i for i in prefixes[max(prefixes, key=len)] if needle in haystacks[i]]
        else:
            indexes = [i for i, text in enumerate(haystacks) if needle in text]
        prefixes[needle] = indexes
        self._prefixes = prefixes
        contacts = self._contacts
        shown = [contacts[i] for i in indexes]
        self._last_filter = (needle, shown, indexes)
        return shown

    def _search_texts(self) -> list[str]:
        """Each contact's folded search text, built once for the contacts shown."""
        if self._haystacks is None:
            self._haystacks = [c.search_text() for c in self._contacts]
        return self._haystacks

    def _row_of(self, contact_id: int | None, needle: str) -> int | None:
        """Where `contact_id` is among the rows shown for `needle` (None: not shown), found
        without a scan of the rows."""
        if contact_id is None:
            return None
        if not self._position:
            self._position = {c.id: i for i, c in enumerate(self._contacts)}
        index = self._position.get(contact_id)
        if index is None:
            return None
        if not needle:
            return index
        indexes = self._last_filter[2]
        row = bisect_left(indexes, index)
        return row if row < len(indexes) and indexes[row] == index else None

    def _render_rows(self, select_id: int | None) -> None:
        needle = fold(self.filter_input.value)
        shown = self._matching(needle)
        self.set_class(bool(self._contacts) and not shown, "-no-match")
        title = self._title(len(shown))
        if title != self._shown_title:
            self._shown_title = title
            self._title_only = True  # setting a border title repaints the whole pane
            try:
                self.border_title = title
            finally:
                self._title_only = False
        self.shown_filter = needle
        self.contact_list.set_rows(shown, select_id, self._row_of(select_id, needle))

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> ContactsPane:
        if self._title_only and not regions:  # the title's line (regions are content-relative)
            offset = self.content_offset
            regions = (Region(-offset.x, -offset.y, self.outer_size.width, 1),)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _title(self, shown: int) -> Content:
        """ "Contacts · 300", or "Contacts · 12 of 300" while a filter hides some."""
        total = len(self._contacts)
        if not total:
            return Content("Contacts")
        if self.filter_text:
            return Content(f"Contacts · {shown:,} of {total:,}")
        return Content(f"Contacts · {total:,}")

    @property
    def filter_text(self) -> str:
        """The filter as typed (empty when the filter is closed)."""
        return self.filter_input.value.strip() if self.filtering else ""

    def restore_filter(self, text: str) -> None:
        """Open the filter with `text` in it (a filter from the last session), without
        focusing it: the list keeps the keys."""
        if text.strip():
            self.add_class("-filtering")
            with self.filter_input.prevent(Input.Changed):
                self.filter_input.value = text

    def open_filter(self) -> None:
        self.add_class("-filtering")
        self.filter_input.focus()
        self._search_texts()  # now, with the filter's own layout, not at the first letter

    @on(Input.Changed, "#contact-filter")
    def _filter_changed(self) -> None:
        self._render_rows(self.highlighted_id)

    @on(Input.Submitted, "#contact-filter")
    def _filter_done(self) -> None:
        self.contact_list.focus()

    BINDINGS = actions.bindings("main", "contacts")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return actions.check(self, actions.find("main", action, "contacts"))

    def action_clear_filter(self) -> None:
        if not self.has_class("-filtering"):
            return
        self.filter_input.value = ""
        self.remove_class("-filtering")
        self.contact_list.focus()
