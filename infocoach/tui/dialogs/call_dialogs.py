"""The small dialogs around a call: warm up first or go straight in, and ending the call."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, Static

from infocoach.core.calls import NAMES_GOAL, CallPlan, parse_names
from infocoach.core.models import parse_minutes
from infocoach.tui import actions
from infocoach.tui.dialogs.base import Dialog


class CallStartDialog(Dialog[str | None]):
    """Offers the one-minute warm-up before call mode: 'warmup', 'call', or None."""

    BOX_TITLE = "Call mode"
    BINDINGS = actions.bindings("call_start")
    AUTO_FOCUS = "#call"

    def __init__(self, contact_name: str) -> None:
        super().__init__()
        self._contact_name = contact_name

    def compose_body(self) -> ComposeResult:
        yield Static(Content.assemble("Ready to call ", (self._contact_name, "bold"), "?"))
        yield Static(
            "A one-minute warm-up settles the nerves: breathe, smile, read your opener "
            "once, say your purpose.",
            classes="hint",
            markup=False,
        )
        with Horizontal(classes="buttons"):
            yield Button("Warm up first (w)", id="warmup")
            yield Button("Go to the call (enter)", variant="primary", id="call")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)


@dataclass(frozen=True)
class EndCallResult:
    minutes: int
    referrals: list[str]
    add_referrals: bool


class EndCallDialog(Dialog[EndCallResult | None]):
    """How long it was and which names you gained; then the interview is logged."""

    DEFAULT_CSS = """
    EndCallDialog Input { margin-bottom: 1; }
    EndCallDialog Checkbox, EndCallDialog Checkbox:focus { border: none; padding: 0; }
    EndCallDialog Checkbox:focus { background: $primary 30%; }
    """

    BOX_TITLE = "End the call"
    BINDINGS = actions.bindings("end_call")
    AUTO_FOCUS = "#end-names"

    def __init__(self, plan: CallPlan, minutes: int, asked: int) -> None:
        super().__init__()
        self._plan = plan
        self._minutes = minutes
        self._asked = asked

    def compose_body(self) -> ComposeResult:
        plan = self._plan
        yield Static(
            Content.assemble(
                "Log the interview with ",
                (plan.name, "bold"),
                f". You asked {self._asked} of {len(plan.questions)} questions.",
            )
        )
        yield Label(Content(f"Minutes it lasted (agreed: {plan.minutes})"), classes="hint")
        yield Input(str(self._minutes), id="end-minutes", type="integer")
        yield Label(
            Content(f"Names they gave you, comma separated (the goal is {NAMES_GOAL})"),
            classes="hint",
        )
        yield Input(placeholder="e.g. Ann Lee, Bo Chen", id="end-names")
        yield Checkbox(
            Content.assemble("Add new names to my contacts, referred by ", plan.name),
            True,
            id="end-add",
        )
        yield Static(id="end-error", classes="error", markup=False)
        with Horizontal(classes="buttons"):
            yield Button("Back to the call (esc)", id="back")
            yield Button("Log the interview (ctrl+s)", variant="primary", id="log")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "end-minutes":
            self.query_one("#end-names", Input).focus()
        else:
            self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "log":
            self.action_save()
        else:
            self.action_close()

    def action_save(self) -> None:
        try:
            minutes = parse_minutes(self.query_one("#end-minutes", Input).value)
        except ValueError as error:
            self.query_one("#end-error", Static).update(Content(f"Minutes: {error}"))
            self.query_one("#end-minutes", Input).focus()
            return
        if minutes is None:
            self.query_one("#end-error", Static).update(Content("Minutes: how long was it?"))
            self.query_one("#end-minutes", Input).focus()
            return
        names = parse_names(self.query_one("#end-names", Input).value)
        add = self.query_one("#end-add", Checkbox).value
        self.dismiss(EndCallResult(minutes, names, add))

    def is_dirty(self) -> bool:
        return bool(self.query_one("#end-names", Input).value.strip())
