"""The quick reference: do and don't cards for before, during and after the call."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from infocoach.guidance.records import PHASES, GuideCard
from infocoach.tui import actions

PHASE_TITLES = {"before": "Before the call", "during": "During the call", "after": "After the call"}


def card_text(card: GuideCard) -> Content:
    parts: list[str | tuple[str, str]] = [(card.title, "bold"), "\n"]
    parts += [item for line in card.do for item in (("✓ ", "green"), line, "\n")]
    parts += [item for line in card.dont for item in (("✗ ", "red"), line, "\n")]
    return Content.assemble(*parts).rstrip()


class GuideDialog(ModalScreen[None]):
    DEFAULT_CSS = """
    GuideDialog { align: center middle; }
    GuideDialog > Horizontal { width: 100%; height: 100%; background: $surface; padding: 0 1; }
    GuideDialog VerticalScroll { width: 1fr; border: round $primary; padding: 0 1; }
    GuideDialog .card { margin-bottom: 1; }
    GuideDialog.-narrow > Horizontal { layout: vertical; }
    """

    BINDINGS = actions.bindings("guide", quit=True)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, cards: tuple[GuideCard, ...]) -> None:
        super().__init__()
        self._cards = cards

    def compose(self) -> ComposeResult:
        with Horizontal():
            for phase in PHASES:
                with VerticalScroll(id=f"guide-{phase}") as column:
                    column.border_title = PHASE_TITLES[phase]
                    column.border_subtitle = "escape to close"
                    for card in self._cards:
                        if card.phase == phase:
                            yield Static(card_text(card), classes="card")

    def action_close(self) -> None:
        self.dismiss(None)
