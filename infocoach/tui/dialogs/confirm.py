"""A yes / no question. Only a deliberate key says yes: ctrl+y, or enter on the Yes button.

The safe answer is focused first, so enter straight away (or escape) keeps things as they are;
no bare letter answers, so typing that lands here by mistake changes nothing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Static

from infocoach.tui import actions
from infocoach.tui.dialogs.base import Dialog, plain


class ConfirmDialog(Dialog[bool]):
    DEFAULT_CSS = "ConfirmDialog > #dialog-box { width: 60; }"

    BINDINGS = actions.bindings("confirm")
    AUTO_FOCUS = "#no"

    def __init__(
        self,
        question: str | Content,
        *,
        yes: str = "Yes",
        no: str = "No",
        danger: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="-danger" if danger else None)
        self._question = plain(question)
        self._yes = yes
        self._no = no

    def compose_body(self) -> ComposeResult:
        yield Static(self._question, id="question")
        with Horizontal(classes="buttons"):
            yield Button(Content(f"{self._yes} (ctrl+y)"), variant="error", id="yes")
            yield Button(Content(f"{self._no} (esc)"), variant="primary", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def cancel(self) -> None:
        self.dismiss(False)
