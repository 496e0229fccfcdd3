"""A meeting's new time: when it is moved, on the phone or from the Agenda."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label, Static

from infocoach.core.models import parse_meeting
from infocoach.tui import actions
from infocoach.tui.dialogs.base import Dialog


class NewTimeDialog(Dialog[str | None]):
    """Dismisses with the new meeting time ("YYYY-MM-DD HH:MM"), or None when cancelled."""

    DEFAULT_CSS = """
    NewTimeDialog .field { height: 1; margin-top: 1; }
    NewTimeDialog .field > Label { width: 10; }
    NewTimeDialog Input { width: 1fr; }
    NewTimeDialog #new-time-error { height: auto; }
    """

    BINDINGS = actions.bindings("new_time")
    AUTO_FOCUS = "#new-time"

    def __init__(self, name: str, meeting: str | None, hint: str = "") -> None:
        """`meeting` is the time agreed so far (None: none); `hint` says what saving does."""
        super().__init__()
        self._contact_name = name
        self._meeting = meeting or ""
        self._hint = hint

    def box_title(self) -> Content:
        return Content.assemble("A new time with ", (self._contact_name, "bold"))

    def compose_body(self) -> ComposeResult:
        with Horizontal(classes="field"):
            yield Label("New time")
            yield Input(self._meeting, placeholder="YYYY-MM-DD HH:MM", id="new-time")
        yield Static("", id="new-time-error", classes="error", markup=False)
        if self._hint:
            yield Static(self._hint, classes="hint", markup=False)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        typed = self.query_one("#new-time", Input).value
        error = self.query_one("#new-time-error", Static)
        try:
            meeting = parse_meeting(typed)
        except ValueError as problem:
            error.update(Content(f"New time: {problem}"))
            return
        if meeting is None:
            error.update("New time: write the date and time you agreed, like 2026-03-14 15:30.")
            return
        if meeting == self._meeting:
            error.update("New time: that is the time already agreed; write the new one.")
            return
        self.dismiss(meeting)

    def is_dirty(self) -> bool:
        return self.query_one("#new-time", Input).value != self._meeting
