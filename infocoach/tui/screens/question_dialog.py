"""Asks for one line of text: a question of the user's own."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from infocoach.tui import actions


class QuestionDialog(ModalScreen[str | None]):
    DEFAULT_CSS = """
    QuestionDialog { align: center middle; }
    QuestionDialog > Vertical {
        width: 80; max-width: 100%; height: auto; border: thick $primary; background: $surface;
        padding: 1 2;
    }
    QuestionDialog Static { color: $text-muted; }
    """

    BINDINGS = actions.bindings("question")

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Your own question"
            yield Input(placeholder="An open question you want to ask", id="own-question")
            yield Static("enter adds it to the bank · escape cancels", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value if event.value.strip() else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
