"""The small dialogs around a call: warm up first, go straight in or resume one left
unfinished, and ending the call."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from infocoach.core.calls import DEBRIEF_QUESTIONS, NAMES_GOAL, CallPlan
from infocoach.core.models import Contact, parse_minutes
from infocoach.core.text import fold
from infocoach.tui import actions
from infocoach.tui.dialogs.base import Dialog
from infocoach.tui.widgets.contact_picker import ContactPicker, contact_label
from infocoach.tui.widgets.selection import SelectionList


class CallStartDialog(Dialog[str | None]):
    """Before call mode: 'warmup', 'call', or None. With a call left unfinished (`resume` is
    then not None: 'started 10:02, 7 min left', or '' when its start is unknown), enter
    resumes it ('resume') and `s` starts over ('over'): the clock from the full time, the
    notes kept either way."""

    BOX_TITLE = "Call mode"
    BINDINGS = actions.bindings("call_start")
    AUTO_FOCUS = "#call"

    def __init__(self, contact_name: str, resume: str | None = None) -> None:
        super().__init__()
        self._contact_name = contact_name
        self._resume = resume

    @property
    def resuming(self) -> bool:
        return self._resume is not None

    def compose_body(self) -> ComposeResult:
        if self._resume is None:
            yield Static(Content.assemble("Ready to call ", (self._contact_name, "bold"), "?"))
            yield Static(
                "A one-minute warm-up settles the nerves: breathe, smile, read your opener "
                "once, say your purpose.",
                classes="hint",
                markup=False,
            )
        else:
            when = f" ({self._resume})" if self._resume else ""
            yield Static(
                Content.assemble("Resume the call with ", (self._contact_name, "bold"), f"{when}?"),
                id="resume-question",
            )
            yield Static(
                "Your notes and ticks so far are kept either way. Start over runs the clock "
                "from the full time again.",
                classes="hint",
                markup=False,
            )
        with Horizontal(classes="buttons"):
            yield Button("Warm up first (w)", id="warmup")
            if self._resume is None:
                yield Button("Go to the call (enter)", variant="primary", id="call")
            else:
                yield Button("Start over (s)", id="over")
                yield Button("Resume (enter)", variant="primary", id="call")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters == ("over",):
            return self.resuming
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id)

    def action_choose(self, choice: str | None) -> None:
        if choice == "call" and self.resuming:
            choice = "resume"
        self.dismiss(choice)


@dataclass(frozen=True)
class Referral:
    """A name gained in a call: an existing contact (`contact_id`) or a new name (None)."""

    name: str
    contact_id: int | None = None


@dataclass(frozen=True)
class EndCallResult:
    minutes: int
    referrals: tuple[Referral, ...]
    add_referrals: bool  # new names become contacts, referred by the one called

    @property
    def names(self) -> list[str]:
        return [referral.name for referral in self.referrals]


class EndCallDialog(Dialog[EndCallResult | None]):
    """How long it was (focused first, filled in from the clock) and which names you gained,
    each picked from your contacts or typed as a new one; then the interview is logged."""

    DEFAULT_CSS = """
    EndCallDialog #end-minutes { margin-bottom: 1; }
    EndCallDialog #end-chosen {
        height: auto; max-height: 6; border: none; padding: 0 1; margin-top: 1;
        background: $surface;
    }
    EndCallDialog #end-chosen.-empty { display: none; }
    EndCallDialog Checkbox, EndCallDialog Checkbox:focus {
        border: none; padding: 0; margin-top: 1;
    }
    EndCallDialog Checkbox:focus { background: $primary 30%; }
    """

    BOX_TITLE = "End the call"
    BINDINGS = actions.bindings("end_call")
    AUTO_FOCUS = "#end-minutes"

    def __init__(
        self, plan: CallPlan, minutes: int, asked: int, contacts: Sequence[Contact] = ()
    ) -> None:
        super().__init__()
        self._plan = plan
        self._minutes = minutes
        self._asked = asked
        self._contacts = [contact for contact in contacts if contact.id != plan.contact_id]
        self.picked: list[tuple[Referral, Contact | None]] = []

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
        yield Static(
            Content(
                f"Names they gave you (the goal is {NAMES_GOAL}): type one; enter adds the "
                "highlighted choice, tab goes down the list. Enter in the empty field logs it."
            ),
            classes="hint",
        )
        yield ContactPicker(
            self._contacts, placeholder="A name they gave you, then enter", id="end-names"
        )
        chosen = SelectionList(id="end-chosen", classes="-empty")
        chosen.border_title = "Names gained: enter on one takes it off"
        yield chosen
        yield Checkbox(
            Content.assemble("Add new names to my contacts, referred by ", plan.name),
            True,
            id="end-add",
        )
        yield Static(id="end-error", classes="error", markup=False)
        with Horizontal(classes="buttons"):
            yield Button("Back to the call (esc)", id="back")
            yield Button("Log the interview (ctrl+s)", variant="primary", id="log")

    @property
    def picker(self) -> ContactPicker:
        return self.query_one(ContactPicker)

    @on(ContactPicker.Picked)
    def _picked(self, event: ContactPicker.Picked) -> None:
        contact = event.contact
        names = {fold(referral.name) for referral, known in self.picked if known is None}
        if contact is None and fold(event.name) in names:
            return  # the same new name twice is one person
        self.picked.append((Referral(event.name, contact.id if contact else None), contact))
        if contact is not None:
            self.picker.leave_out([contact.id])
        self._show_picked()
        self.query_one("#end-error", Static).update("")

    @on(OptionList.OptionSelected, "#end-chosen")
    def _unpick(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        _, contact = self.picked.pop(event.option_index)
        if contact is not None:
            self.picker.offer_again(contact)
        self._show_picked()
        if not self.picked:
            self.picker.input.focus()

    def _show_picked(self) -> None:
        chosen = self.query_one("#end-chosen", OptionList)
        chosen.clear_options()
        for referral, contact in self.picked:
            if contact is not None:
                chosen.add_option(Option(Content(f"✓ {contact_label(contact)}")))
            else:
                chosen.add_option(
                    Option(Content.assemble(f"✓ {referral.name}", (" (new)", "$text-muted")))
                )
        chosen.set_class(not self.picked, "-empty")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "end-minutes":
            self.picker.input.focus()
        else:  # enter in the empty name field: done
            self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "log":
            self.action_save()
        else:
            self.action_close()

    def _problem(self, text: str, field: Widget) -> None:
        self.query_one("#end-error", Static).update(Content(text))
        field.focus()

    def action_save(self) -> None:
        minutes_field = self.query_one("#end-minutes", Input)
        try:
            minutes = parse_minutes(minutes_field.value)
        except ValueError as error:
            self._problem(f"Minutes: {error}", minutes_field)
            return
        if minutes is None:
            self._problem("Minutes: how long was it?", minutes_field)
            return
        typed = self.picker.typed
        if typed:
            self._problem(
                f"Names: “{typed}” is not added yet: enter adds it, or clear the field.",
                self.picker.input,
            )
            return
        add = self.query_one("#end-add", Checkbox).value
        self.dismiss(EndCallResult(minutes, tuple(r for r, _ in self.picked), add))

    def is_dirty(self) -> bool:
        return bool(self.picked or self.picker.typed)


class DebriefDialog(Dialog[dict[str, str] | None]):
    """Three questions as the call ends, each a line: what did I learn, who next, how do I
    feel. Dismisses with the answers (key -> text), or None when skipped."""

    DEFAULT_CSS = """
    DebriefDialog .field { height: 1; margin-top: 1; }
    DebriefDialog .field > Label { width: 20; }
    DebriefDialog Input { width: 1fr; }
    """

    BINDINGS = actions.bindings("debrief")
    AUTO_FOCUS = "#debrief-learned"

    def __init__(self, contact_name: str) -> None:
        super().__init__()
        self._contact_name = contact_name

    def box_title(self) -> Content:
        return Content.assemble("Debrief: your talk with ", (self._contact_name, "bold"))

    def compose_body(self) -> ComposeResult:
        yield Static(
            "Two minutes while it is fresh; it goes with the interview's notes, under What I "
            "heard. Any of them can stay blank.",
            classes="hint",
            markup=False,
        )
        for key, question in DEBRIEF_QUESTIONS:
            with Horizontal(classes="field"):
                yield Label(question)
                yield Input(id=f"debrief-{key}")

    def answers(self) -> dict[str, str]:
        return {key: self.query_one(f"#debrief-{key}", Input).value for key, _ in DEBRIEF_QUESTIONS}

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        if event.input.id == f"debrief-{DEBRIEF_QUESTIONS[-1][0]}":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        self.dismiss(self.answers())

    def is_dirty(self) -> bool:
        return any(value.strip() for value in self.answers().values())
