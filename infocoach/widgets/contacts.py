"""The Contacts pane: a filterable list that renders only the rows on screen."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from infocoach.models import Contact

WELCOME = (
    "Welcome to infocoach.\n\n"
    "An informational interview is a short talk with someone in a field or company you are "
    "curious about: you ask to learn, never for a job.\n\n"
    "Work through five steps with each person: Network, Prepare, Set the appointment, Conduct, "
    "Follow up. The app keeps your contacts, questions, scripts and notes on this machine.\n\n"
    "Press  a  to add your first contact."
)

STAGE_LABELS = {
    "identified": "to contact",
    "reached-out": "reached out",
    "scheduled": "scheduled",
    "interviewed": "interviewed",
    "thanked": "thanked",
    "keeping-in-touch": "in touch",
    "closed": "closed",
}


def contact_row(contact: Contact) -> Content:
    """Name on the first line; company and stage, muted, on the second. Literal text only."""
    detail = " · ".join(part for part in (contact.company, STAGE_LABELS[contact.stage]) if part)
    return Content.assemble((contact.name, "bold"), "\n", (detail, "dim"))


class ContactList(OptionList):
    """An OptionList of contacts: virtual rendering keeps 10,000 rows cheap to draw."""


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

    class Highlighted(Message):
        """The contact under the cursor changed (None: the list shows nobody)."""

        def __init__(self, contact_id: int | None) -> None:
            super().__init__()
            self.contact_id = contact_id

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = "Contacts"
        self._contacts: list[Contact] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter: name, company, role, tags, notes", id="contact-filter")
        yield Static(WELCOME, id="welcome", markup=False)
        yield Static("No contact matches the filter.", id="no-match", markup=False)
        yield ContactList(id="contact-list")

    @property
    def contact_list(self) -> ContactList:
        return self.query_one(ContactList)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#contact-filter", Input)

    @property
    def highlighted_id(self) -> int | None:
        option = self.contact_list.highlighted_option
        return int(option.id) if option is not None and option.id else None

    def show_contacts(self, contacts: list[Contact], select_id: int | None = None) -> None:
        """Show `contacts` (through the current filter), keeping `select_id` under the cursor."""
        self._contacts = contacts
        self.set_class(not contacts, "-empty")
        self._render_rows(select_id if select_id is not None else self.highlighted_id)

    def _render_rows(self, select_id: int | None) -> None:
        needle = self.filter_input.value.strip().casefold()
        shown = (
            [c for c in self._contacts if needle in c.search_text()] if needle else self._contacts
        )
        contact_list = self.contact_list
        contact_list.set_options(Option(contact_row(c), id=str(c.id)) for c in shown)
        self.set_class(bool(self._contacts) and not shown, "-no-match")
        index = next((i for i, c in enumerate(shown) if c.id == select_id), 0)
        contact_list.highlighted = index if shown else None
        if not shown:
            self.post_message(self.Highlighted(None))

    def open_filter(self) -> None:
        self.add_class("-filtering")
        self.filter_input.focus()

    @on(Input.Changed, "#contact-filter")
    def _filter_changed(self) -> None:
        self._render_rows(self.highlighted_id)

    @on(Input.Submitted, "#contact-filter")
    def _filter_done(self) -> None:
        self.contact_list.focus()

    BINDINGS = [Binding("escape", "clear_filter", "Clear filter", show=False)]

    def action_clear_filter(self) -> None:
        if not self.has_class("-filtering"):
            return
        self.filter_input.value = ""
        self.remove_class("-filtering")
        self.contact_list.focus()

    @on(OptionList.OptionHighlighted, "#contact-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(int(event.option.id or 0)))
