"""The call countdown, shared by the Timer pane and call mode: what is left of the agreed
minutes in big digits, a line under them, and (in call mode) the cue to act on.

Its colours follow `core.timing.countdown_state`: calm, then the class `-warning` two minutes
before the end, then `-over` past it (the digits count on: +1:15).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Digits, Static

from infocoach.core.timing import countdown_state, format_clock, remaining_seconds

OVER_LABEL = "over time: thank them"
PHASE_WORDS = {"warning": "⚠ nearly time · ", "over": "⚠ over time · "}


class Countdown(Vertical):
    DEFAULT_CSS = """
    Countdown { height: auto; }
    Countdown Digits { width: auto; color: $success; }
    Countdown > .countdown--label { width: 100%; text-align: center; color: $text-muted; }
    Countdown > .countdown--cue { width: 100%; height: 3; text-align: center; color: $text-muted; }
    Countdown.-warning Digits, Countdown.-warning > .countdown--cue { color: $warning; }
    Countdown.-over Digits, Countdown.-over > .countdown--cue { color: $error; }
    Countdown.-warning > .countdown--cue, Countdown.-over > .countdown--cue { text-style: bold; }
    """

    def __init__(self, *, cue: bool = False, **kwargs: Any) -> None:
        """`cue`: a line for the cue under the label (call mode)."""
        super().__init__(**kwargs)
        self._with_cue = cue
        self.phase = "calm"

    def compose(self) -> ComposeResult:
        with Center():
            yield Digits()
        yield Static(classes="countdown--label", markup=False)
        if self._with_cue:
            yield Static(classes="countdown--cue", markup=False)

    @property
    def value(self) -> str:
        """The digits shown, e.g. '20:00' or '+0:05'."""
        return self.query_one(Digits).value

    def show(
        self,
        minutes: int,
        elapsed: float,
        label: str | Content | None = None,
        cue: str | Content = "",
    ) -> str:
        """Show what is left of `minutes` after `elapsed` seconds; returns the phase.

        `label` goes under the digits (by default "of 20 min call", and "over time: thank them"
        once over); the label and the cue are shown literally, never read as markup."""
        remaining = remaining_seconds(minutes, elapsed)
        self.phase = countdown_state(remaining)
        self.query_one(Digits).update(format_clock(remaining))
        self.set_class(self.phase == "warning", "-warning")
        self.set_class(self.phase == "over", "-over")
        if label is None:
            label = f"of {minutes} min call" if self.phase != "over" else OVER_LABEL
        if self.phase in PHASE_WORDS and label != OVER_LABEL:
            # the colour says it too, but not to everyone (no colour, a screen reader)
            label = Content.assemble(PHASE_WORDS[self.phase], label)
        self.query_one(".countdown--label", Static).update(label)
        if self._with_cue:
            self.query_one(".countdown--cue", Static).update(cue)
        return self.phase
