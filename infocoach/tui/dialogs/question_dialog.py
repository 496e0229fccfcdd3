"""Asks for one line of text: a question of the user's own."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Static

from infocoach.tui import actions
from infocoach.tui.dialogs.base import Dialog


class QuestionDialog(Dialog[str | None]):
    DEFAULT_CSS = "QuestionDialog > #dialog-box { width: 80; }"

    BOX_TITLE = "Your own question"
    BINDINGS = actions.bindings("question")

    def compose_body(self) -> ComposeResult:
        yield Input(placeholder="An open question you want to ask", id="own-question")
        yield Static(
            "enter adds it to the bank, under “Your own questions”", classes="hint", markup=False
        )
        yield Static("", id="question-error", classes="error", markup=False)

    @property
    def text(self) -> str:
        return self.query_one("#own-question", Input).value

    def on_input_submitted(self) -> None:
        self.action_add()

    def action_add(self) -> None:
        """Add the question; with nothing typed, say so and stay open."""
        if not self.text.strip():
            self.query_one("#question-error", Static).update(
                "Type your question first (escape closes without adding one)."
            )
            self.query_one("#own-question", Input).focus()
            return
        self.dismiss(self.text)

    def is_dirty(self) -> bool:
        return bool(self.text.strip())
