"""The one-minute warm-up before a call: breathe, smile, read the opener, say the purpose."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from infocoach.core.practice import (
    WARMUP_SECONDS,
    WARMUP_STEPS,
    warmup_position,
    warmup_step_start,
)
from infocoach.core.timing import Stopwatch, format_clock
from infocoach.tui import actions
from infocoach.tui.dialogs.base import Dialog

if TYPE_CHECKING:
    from infocoach.tui.app import InfoCoachApp

TICK_SECONDS = 0.2
NO_PURPOSE = "(No purpose written yet. Say it anyway: what do you want to learn, and why?)"


def steps_text(current: int, left: float) -> Content:
    parts: list[str | tuple[str, str]] = []
    for index, step in enumerate(WARMUP_STEPS):
        if index < current:
            parts += [("✓ ", "$text-success"), (step.title, "dim")]
        elif index == current:
            parts += [("▶ ", "$accent"), (step.title, "bold"), f"   {format_clock(left)}"]
        else:
            parts += ["  ", step.title]
        parts.append("\n")
    return Content.assemble(*parts).rstrip()


class WarmupDialog(Dialog[bool]):
    """Dismissed with True to go on to the call, False to go back."""

    app: InfoCoachApp

    DEFAULT_CSS = """
    WarmupDialog > #dialog-box { width: 76; }
    WarmupDialog #warmup-steps { margin-bottom: 1; }
    WarmupDialog #warmup-prompt { text-style: bold; margin-bottom: 1; }
    WarmupDialog #warmup-aside { border-left: outer $accent; padding: 0 1; color: $text; }
    """

    BOX_TITLE = "One-minute warm-up"
    BINDINGS = actions.bindings("warmup")

    def __init__(self, contact_name: str, opener: str, purpose: str) -> None:
        super().__init__()
        self._contact_name = contact_name
        self._opener = opener
        self._purpose = purpose
        self.stopwatch: Stopwatch | None = None
        self.step = 0

    def box_subtitle(self) -> Content:
        # The contact's name is the user's text: literal, never markup.
        return Content.assemble("then call ", self._contact_name)[:60]

    def compose_body(self) -> ComposeResult:
        yield Static(id="warmup-steps")
        yield Static(id="warmup-prompt", markup=False)
        yield Static(id="warmup-aside", markup=False)

    def on_mount(self) -> None:
        self.stopwatch = Stopwatch(self.app.clock)
        self.stopwatch.start()
        self.set_interval(TICK_SECONDS, self.refresh_steps)
        self.refresh_steps()

    def refresh_steps(self) -> None:
        elapsed = self.stopwatch.elapsed if self.stopwatch else 0.0
        self.step, left = warmup_position(elapsed)
        self.query_one("#warmup-steps", Static).update(steps_text(self.step, left))
        prompt = self.query_one("#warmup-prompt", Static)
        aside = self.query_one("#warmup-aside", Static)
        if self.step >= len(WARMUP_STEPS):
            prompt.update(Content("Ready. Press enter to go to the call."))
            aside.display = False
            return
        step = WARMUP_STEPS[self.step]
        prompt.update(Content(step.prompt))
        text = {"opener": self._opener, "purpose": self._purpose or NO_PURPOSE}.get(step.id)
        aside.display = bool(text)
        aside.update(Content(text or ""))

    def action_next_step(self) -> None:
        """Skip to the next step now (the timer jumps to its start)."""
        if self.stopwatch is None:
            return
        target = warmup_step_start(self.step + 1) if self.step < len(WARMUP_STEPS) else None
        if target is None:
            self.dismiss(True)
            return
        skip = min(target, float(WARMUP_SECONDS)) - self.stopwatch.elapsed
        self.stopwatch.shift(skip)
        self.refresh_steps()

    def action_go(self) -> None:
        self.dismiss(True)

    def cancel(self) -> None:
        self.dismiss(False)
