"""Log one event for a contact: pick it from the list, keep or change the date, add a note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from infocoach.core.models import DATE_FORMAT, EVENTS, Contact, parse_date
from infocoach.core.stages import EVENT_HELP
from infocoach.tui import actions
from infocoach.tui.dialogs.base import Dialog
from infocoach.tui.widgets.selection import SelectionList

# The event that usually comes next at each stage: highlighted first.
NEXT_EVENT = {
    "identified": "reached-out",
    "reached-out": "replied",
    "scheduled": "interviewed",
    "interviewed": "thanked",
    "thanked": "kept-in-touch",
    "keeping-in-touch": "kept-in-touch",
    "closed": "replied",
}


@dataclass(frozen=True)
class LoggedEvent:
    event: str
    day: date
    note: str = ""


class LogEventDialog(Dialog[LoggedEvent | None]):
    """Dismisses with the event to log, or None when cancelled."""

    DEFAULT_CSS = """
    LogEventDialog > #dialog-box { width: 76; padding: 0 1; }
    LogEventDialog OptionList, LogEventDialog OptionList:focus {
        height: auto; max-height: 12; border: none; padding: 0; margin-top: 1;
    }
    LogEventDialog .field { height: 1; margin-top: 1; }
    LogEventDialog .field > Label { width: 8; }
    LogEventDialog Input { width: 1fr; }
    LogEventDialog #log-error { height: auto; }
    LogEventDialog #log-hint { margin-top: 1; }
    """

    BINDINGS = actions.bindings("log_event")
    AUTO_FOCUS = "#log-events"

    def __init__(self, contact: Contact, today: date, suggest: str | None = None) -> None:
        super().__init__()
        self._contact = contact
        self._today = today
        self._suggest = suggest if suggest in EVENTS else NEXT_EVENT.get(contact.stage)

    def box_title(self) -> Content:
        return Content.assemble("Log an event for ", (self._contact.name, "bold"))

    def compose_body(self) -> ComposeResult:
        yield SelectionList(
            *(
                Option(
                    Content.assemble((f"{event:<17}", "bold"), (EVENT_HELP[event], "dim")),
                    id=event,
                )
                for event in EVENTS
            ),
            id="log-events",
        )
        with Horizontal(classes="field"):
            yield Label("Date")
            yield Input(self._today.strftime(DATE_FORMAT), placeholder="YYYY-MM-DD", id="log-date")
        with Horizontal(classes="field"):
            yield Label("Note")
            yield Input(placeholder="Optional: what happened", id="log-note")
        yield Static("", id="log-error", classes="error", markup=False)
        yield Static(
            "enter logs it · tab to the date and note", id="log-hint", classes="hint", markup=False
        )

    def on_mount(self) -> None:
        events = self.query_one("#log-events", OptionList)
        events.highlighted = EVENTS.index(self._suggest) if self._suggest else 0

    @on(OptionList.OptionSelected, "#log-events")
    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        events = self.query_one("#log-events", OptionList)
        option = events.highlighted_option
        error = self.query_one("#log-error", Static)
        if option is None or option.id is None:
            error.update("Choose an event first.")
            return
        try:
            day = parse_date(self.query_one("#log-date", Input).value)
        except ValueError as problem:
            error.update(Content(str(problem)))
            self.query_one("#log-date", Input).focus()
            return
        self.dismiss(LoggedEvent(option.id, day, self.query_one("#log-note", Input).value))

    def is_dirty(self) -> bool:
        typed_date = self.query_one("#log-date", Input).value
        note = self.query_one("#log-note", Input).value
        return bool(note.strip()) or typed_date != self._today.strftime(DATE_FORMAT)
