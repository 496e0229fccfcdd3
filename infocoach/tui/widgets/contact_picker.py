"""Pick a contact by typing part of a name, or name a new one.

Type in the field: the contacts whose name (or company) holds the text are listed as
"name, company, role" (so two people of the same name can be told apart), and last of all
"New contact: <typed>". Enter in the field takes the highlighted choice (the first one unless
another was highlighted); tab goes down into the list, where enter takes the one under the
cursor. Each choice is posted as `ContactPicker.Picked` and the field is emptied for the next.
No keys of its own: those of Input and OptionList.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from infocoach.core.models import Contact
from infocoach.core.text import clean_line, fold, reading_order
from infocoach.tui.widgets.selection import SelectionList

NEW_ID = "new"
MAX_SHOWN = 6


def contact_label(contact: Contact) -> str:
    """'Ann Lee, Acme, Data lead': the name with what tells it apart from a namesake."""
    return ", ".join(part for part in (contact.name, contact.company, contact.role) if part)


def matching(contacts: Iterable[Contact], typed: str) -> list[Contact]:
    """The contacts `typed` may mean: same name first, then names starting with it, then
    names or companies holding it; case and accents ignored."""
    wanted = fold(typed)
    if not wanted:
        return []
    ranked = []
    for contact in contacts:
        name = fold(contact.name)
        if name == wanted:
            rank = 0
        elif name.startswith(wanted):
            rank = 1
        elif wanted in name or wanted in fold(contact.company):
            rank = 2
        else:
            continue
        ranked.append((rank, reading_order(contact.name), contact.id, contact))
    return [found[-1] for found in sorted(ranked, key=lambda found: found[:3])]


class ContactPicker(Vertical):
    """A field and, while something is typed, the choices under it; see the module."""

    DEFAULT_CSS = """
    ContactPicker { height: auto; }
    ContactPicker > OptionList {
        height: auto; max-height: 8; border: none; padding: 0 1; background: $boost;
        display: none;
    }
    ContactPicker.-open > OptionList { display: block; }
    ContactPicker > OptionList:focus { background: $primary 15%; }
    """

    class Picked(Message):
        """A choice: an existing contact (`contact` set) or a new name (`contact` None)."""

        def __init__(self, picker: ContactPicker, name: str, contact: Contact | None) -> None:
            super().__init__()
            self.picker = picker
            self.name = name
            self.contact = contact

        @property
        def control(self) -> ContactPicker:
            return self.picker

    def __init__(
        self, contacts: Iterable[Contact], *, placeholder: str = "Type a name", **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self._contacts = list(contacts)
        self._shown: dict[str, Contact] = {}
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self._placeholder)
        yield SelectionList()

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def choices(self) -> OptionList:
        return self.query_one(OptionList)

    @property
    def typed(self) -> str:
        return clean_line(self.input.value)

    def leave_out(self, contact_ids: Iterable[int]) -> None:
        """These contacts are no longer offered (say, ones already picked)."""
        gone = set(contact_ids)
        self._contacts = [contact for contact in self._contacts if contact.id not in gone]
        self._refresh_choices()

    def offer_again(self, contact: Contact) -> None:
        if all(known.id != contact.id for known in self._contacts):
            self._contacts.append(contact)
            self._refresh_choices()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._refresh_choices()

    def _refresh_choices(self) -> None:
        typed = self.typed
        choices = self.choices
        choices.clear_options()
        self._shown = {}
        if not typed:
            self.remove_class("-open")
            return
        for contact in matching(self._contacts, typed)[:MAX_SHOWN]:
            self._shown[str(contact.id)] = contact
            choices.add_option(Option(Content(contact_label(contact)), id=str(contact.id)))
        choices.add_option(
            Option(Content.assemble(("New contact: ", "$text-muted"), typed), id=NEW_ID)
        )
        choices.highlighted = 0
        self.add_class("-open")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in the field: the highlighted choice (nothing typed: let it bubble up)."""
        if not self.typed:
            return
        event.stop()
        highlighted = self.choices.highlighted
        option = self.choices.get_option_at_index(highlighted if highlighted is not None else 0)
        self._pick(option.id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option.id)
        self.input.focus()

    def _pick(self, option_id: str | None) -> None:
        typed = self.typed
        contact = self._shown.get(option_id or "")
        if contact is None and not typed:
            return
        self.post_message(self.Picked(self, contact.name if contact else typed, contact))
        self.input.value = ""
        self._refresh_choices()
