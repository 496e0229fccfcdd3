"""Correct one history entry: an event's date, kind and note; an interview's date, minutes,
names gained and notes. Only what was changed is saved; ctrl+s saves, escape asks first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label, Select, Static, TextArea

from infocoach.core.calls import parse_names
from infocoach.core.history import HistoryEntry
from infocoach.core.models import EVENTS, Contact, InvalidInput, parse_date, parse_minutes
from infocoach.tui import actions
from infocoach.tui.dialogs.base import Dialog

# The store's field names, as edit_entry calls them, to the dialog's fields.
FIELD_OF = {"date": "day", "day": "day", "event": "event", "notes": "notes", "note": "notes",
            "minutes": "minutes", "names_gained": "names", "referrals": "names"}  # fmt: skip


class EditEntryDialog(Dialog[bool]):
    """Dismisses with True once `save(changes)` took the changes (it raises InvalidInput to
    refuse them: the reason is shown and the dialog stays open); None when cancelled."""

    DEFAULT_CSS = """
    EditEntryDialog > #dialog-box { width: 80; padding: 0 1; }
    EditEntryDialog .field { height: auto; margin-top: 1; }
    EditEntryDialog .field > Label { width: 14; }
    EditEntryDialog Input, EditEntryDialog Select { width: 1fr; }
    EditEntryDialog TextArea { height: 8; width: 1fr; border: none; background: $boost; }
    EditEntryDialog TextArea:focus { background: $primary 30%; }
    EditEntryDialog #entry-error { height: auto; margin-top: 1; }
    EditEntryDialog #entry-hint { margin-top: 1; }
    """

    BINDINGS = actions.bindings("edit_entry")
    AUTO_FOCUS = "#entry-day"

    def __init__(
        self, contact: Contact, entry: HistoryEntry, save: Callable[[dict[str, Any]], object]
    ) -> None:
        super().__init__()
        self._contact = contact
        self._entry = entry
        self._save = save
        # A note of several lines (typed on the command line) is edited in a text area.
        self._long_note = entry.is_interview or "\n" in entry.notes

    def box_title(self) -> Content:
        kind = "interview" if self._entry.is_interview else "event"
        return Content.assemble(
            f"Correct {kind} {self._entry.id} of ", (self._contact.name, "bold")
        )

    def compose_body(self) -> ComposeResult:
        entry = self._entry
        with Horizontal(classes="field"):
            yield Label("Date")
            yield Input(entry.date, placeholder="YYYY-MM-DD", id="entry-day")
        if entry.is_interview:
            with Horizontal(classes="field"):
                yield Label("Minutes")
                minutes = "" if entry.minutes is None else str(entry.minutes)
                yield Input(minutes, placeholder="How long it lasted", id="entry-minutes")
            with Horizontal(classes="field"):
                yield Label("Names gained")
                yield Input(
                    ", ".join(entry.names_gained), placeholder="Comma separated", id="entry-names"
                )
        else:
            with Horizontal(classes="field"):
                yield Label("Event")
                options = [(Content(event), event) for event in EVENTS]
                if entry.what not in EVENTS:  # an unknown kind in the file stays choosable
                    options.append((Content(entry.what), entry.what))
                yield Select(options, value=entry.what, allow_blank=False, id="entry-event")
        with Horizontal(classes="field"):
            yield Label("Notes" if entry.is_interview else "Note")
            if self._long_note:
                yield TextArea(entry.notes, id="entry-notes")
            else:
                yield Input(entry.notes, placeholder="Optional: what happened", id="entry-notes")
        yield Static("", id="entry-error", classes="error")
        yield Static(
            Content("ctrl+s saves · tab moves between the fields · escape cancels"),
            id="entry-hint",
            classes="hint",
        )

    # -- what was typed -----------------------------------------------------------------

    def _text(self, name: str) -> str:
        widget = self.query_one(f"#entry-{name}")
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Select):
            return str(widget.value)
        assert isinstance(widget, Input)
        return widget.value

    def _typed(self) -> dict[str, str]:
        names = ["day", "notes"]
        names += ["minutes", "names"] if self._entry.is_interview else ["event"]
        return {name: self._text(name) for name in names}

    def _initial(self) -> dict[str, str]:
        entry = self._entry
        found = {"day": entry.date, "notes": entry.notes}
        if entry.is_interview:
            found["minutes"] = "" if entry.minutes is None else str(entry.minutes)
            found["names"] = ", ".join(entry.names_gained)
        else:
            found["event"] = entry.what
        return found

    def changes(self) -> dict[str, Any]:
        """The keyword arguments of `Store.edit_entry` for what was changed; ValueError (its
        `args[1]` the field) says what is wrong."""
        typed, initial = self._typed(), self._initial()
        changed: dict[str, Any] = {}
        if typed["day"].strip() != initial["day"]:
            try:
                changed["day"] = parse_date(typed["day"])
            except ValueError as problem:
                raise ValueError(f"Date: {problem}", "day") from None
        if typed["notes"] != initial["notes"]:
            changed["notes"] = typed["notes"]
        if self._entry.is_interview:
            if typed["minutes"].strip() != initial["minutes"]:
                try:
                    minutes = parse_minutes(typed["minutes"])
                except ValueError as problem:
                    raise ValueError(f"Minutes: {problem}", "minutes") from None
                if minutes is None:
                    raise ValueError("Minutes: how long it lasted, in whole minutes", "minutes")
                changed["minutes"] = minutes
            names = parse_names(typed["names"])
            if names != parse_names(initial["names"]):
                changed["names_gained"] = names
        elif typed["event"] != initial["event"]:
            changed["event"] = typed["event"]
        return changed

    # -- saving -------------------------------------------------------------------------

    def action_save(self) -> None:
        error = self.query_one("#entry-error", Static)
        try:
            changes = self.changes()
        except ValueError as problem:
            message, field = problem.args
            self._refuse(message, field)
            return
        if not changes:
            error.update(Content(""))
            self.notify("Nothing changed.", markup=False)
            self.dismiss(False)
            return
        try:
            self._save(changes)
        except InvalidInput as refused:
            name, reason = next(iter(refused.problems.items()))
            field = FIELD_OF.get(name, "day")
            self._refuse(f"{name.replace('_', ' ').capitalize()}: {reason}", field)
            return
        self.dismiss(True)

    def _refuse(self, message: str, field: str) -> None:
        """Say what is wrong in one line and put the cursor on it: the dialog stays open."""
        self.query_one("#entry-error", Static).update(Content(" ".join(message.split())))
        found = self.query(f"#entry-{field}")
        if found:
            found.first().focus()

    def is_dirty(self) -> bool:
        return self._typed() != self._initial()

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()
