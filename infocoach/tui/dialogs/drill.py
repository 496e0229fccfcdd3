"""Role-play drills: a scary moment from a first call, answered aloud against a short timer,
then a calm suggested answer to compare with."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from infocoach.core.practice import DRILL_SECONDS, Deck
from infocoach.core.timing import Stopwatch, format_clock
from infocoach.guidance.records import Drill
from infocoach.tui import actions
from infocoach.tui.dialogs.base import Dialog

if TYPE_CHECKING:
    from infocoach.tui.app import InfoCoachApp

TICK_SECONDS = 0.2
BAR_WIDTH = 30


def time_bar(left: float, total: float, width: int = BAR_WIDTH) -> str:
    filled = round(width * max(0.0, min(left, total)) / total) if total else 0
    return "▰" * filled + "▱" * (width - filled)


class DrillDialog(Dialog[None]):
    app: InfoCoachApp

    DEFAULT_CSS = """
    DrillDialog > #dialog-box { width: 84; }
    DrillDialog #drill-title { text-style: bold; margin-bottom: 1; }
    DrillDialog .label { color: $text-muted; }
    DrillDialog .quote { border-left: outer $accent; padding: 0 1; margin-bottom: 1; }
    DrillDialog #drill-clock { margin-bottom: 1; }
    DrillDialog #drill-answer-box { height: auto; display: none; }
    DrillDialog.-revealed #drill-answer-box { display: block; }
    DrillDialog #drill-answer { border-left: outer $success; }
    DrillDialog #drill-tip { color: $text-muted; }
    """

    BOX_TITLE = "Role-play drill"
    BOX_TYPE = VerticalScroll
    BINDINGS = actions.bindings("drill")

    def __init__(
        self,
        drills: tuple[Drill, ...],
        *,
        seed: int | None = None,
        values: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self._values = dict(values or {})  # your details, filled into the answers
        self._deck = Deck(drills, random.Random(seed))
        self.drill: Drill = self._deck.deal()
        self.revealed = False
        self.count = 1
        self.stopwatch: Stopwatch | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(id="drill-title", markup=False)
        yield Static(id="drill-they-say", classes="label", markup=False)
        yield Static(id="drill-situation", classes="quote", markup=False)
        yield Static(id="drill-clock", markup=False)
        with Vertical(id="drill-answer-box"):
            yield Static("One good answer:", classes="label", markup=False)
            yield Static(id="drill-answer", classes="quote", markup=False)
            yield Static(id="drill-tip", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Once the answer shows, 'Show answer' leaves the footer."""
        return not (action == "reveal" and self.revealed)

    def on_mount(self) -> None:
        self.stopwatch = Stopwatch(self.app.clock)
        self.set_interval(TICK_SECONDS, self.refresh_clock)
        self._show()

    def _show(self) -> None:
        drill = self.drill
        self.revealed = False
        self.remove_class("-revealed")
        self.refresh_bindings()
        self.set_box_subtitle(f"drill {self.count}")
        self.query_one("#drill-title", Static).update(Content(drill.title))
        spoken = drill.situation.startswith(('"', "“"))
        self.query_one("#drill-they-say", Static).update(
            Content("They say:" if spoken else "What happens:")
        )
        self.query_one("#drill-situation", Static).update(Content(drill.situation))
        self.query_one("#drill-answer", Static).update(Content(drill.fill(self._values)))
        tip = self.query_one("#drill-tip", Static)
        tip.update(Content.assemble(("Tip: ", "bold"), drill.tip) if drill.tip else Content(""))
        tip.display = bool(drill.tip)
        if self.stopwatch is not None:
            self.stopwatch.reset()
            self.stopwatch.start()
        self.refresh_clock()

    @property
    def seconds_left(self) -> float:
        elapsed = self.stopwatch.elapsed if self.stopwatch else 0.0
        return max(0.0, DRILL_SECONDS - elapsed)

    def refresh_clock(self) -> None:
        left = self.seconds_left
        if left <= 0 and not self.revealed:
            self.action_reveal()
            return
        clock = self.query_one("#drill-clock", Static)
        if self.revealed:
            clock.update(Content("Compare it with what you said. Then try it once more, aloud."))
        else:
            clock.update(
                Content.assemble(
                    ("Answer aloud now. ", "bold"),
                    (time_bar(left, DRILL_SECONDS), "$accent"),
                    f" {format_clock(left)}",
                )
            )

    def action_reveal(self) -> None:
        if self.stopwatch is not None:
            self.stopwatch.pause()
        self.revealed = True
        self.add_class("-revealed")
        self.refresh_bindings()
        self.refresh_clock()

    def action_next(self) -> None:
        self.drill = self._deck.deal()
        self.count += 1
        self._show()
