"""Log one event for a contact: pick it from the eight, keep or change the date, add a note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from infocoach.core.models import DATE_FORMAT, EVENTS, Contact, parse_date
from infocoach.core.stages import EVENT_HELP
from infocoach.tui import actions

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


class LogEventDialog(ModalScreen[LoggedEvent | None]):
    """Dismisses with the event to log, or None when cancelled."""

    DEFAULT_CSS = """
    LogEventDialog { align: center middle; }
    LogEventDialog > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    LogEventDialog OptionList, LogEventDialog OptionList:focus {
        height: auto; max-height: 12; border: none; padding: 0; margin-top: 1;
    }
    LogEventDialog .field { height: 1; margin-top: 1; }
    LogEventDialog .field > Label { width: 8; }
    LogEventDialog Input, LogEventDialog Input:focus {
        width: 1fr; height: 1; border: none; padding: 0 1; background: $boost;
    }
    LogEventDialog Input:focus { background: $primary 30%; }
    LogEventDialog #log-error { color: $error; height: auto; }
    LogEventDialog #log-hint { color: $text-muted; margin-top: 1; }
    """

    BINDINGS = actions.bindings("log_event", quit=True)

    def __init__(self, contact: Contact, today: date, suggest: str | None = None) -> None:
        super().__init__()
        self._contact = contact
        self._today = today
        self._suggest = suggest if suggest in EVENTS else NEXT_EVENT.get(contact.stage)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content.assemble("Log an event for ", (self._contact.name, "bold"))
            yield OptionList(
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
                yield Input(self._today.strftime(DATE_FORMAT), placeholder="YYYY-MM-DD",
                            id="log-date")  # fmt: skip
            with Horizontal(classes="field"):
                yield Label("Note")
                yield Input(placeholder="Optional: what happened", id="log-note")
            yield Static("", id="log-error", markup=False)
            yield Static("enter logs it · tab to the date and note · escape cancels",
                         id="log-hint", markup=False)  # fmt: skip

    def on_mount(self) -> None:
        events = self.query_one("#log-events", OptionList)
        events.highlighted = EVENTS.index(self._suggest) if self._suggest else 0
        events.focus()

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

    def action_cancel(self) -> None:
        self.dismiss(None)
