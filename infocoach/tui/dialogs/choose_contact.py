"""Which of the contacts of one name is meant: each shown with company and role to tell them
apart. Enter takes the highlighted one; escape chooses none."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from infocoach.core.models import Contact
from infocoach.tui.dialogs.base import Dialog
from infocoach.tui.widgets.contact_picker import contact_label
from infocoach.tui.widgets.selection import SelectionList


class ChooseContactDialog(Dialog[Contact | None]):
    DEFAULT_CSS = """
    ChooseContactDialog OptionList { height: auto; max-height: 12; margin-top: 1; }
    """

    AUTO_FOCUS = "OptionList"

    def __init__(self, question: str, candidates: Sequence[Contact]) -> None:
        super().__init__()
        self._question = question
        self._candidates = {str(contact.id): contact for contact in candidates}

    def box_title(self) -> str:
        return "Which one?"

    def compose_body(self) -> ComposeResult:
        yield Static(Content(self._question))
        yield SelectionList(
            *(Option(Content(contact_label(c)), id=key) for key, c in self._candidates.items())
        )

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._candidates.get(event.option.id or ""))
