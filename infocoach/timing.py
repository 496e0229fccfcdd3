"""Stopwatch and countdown arithmetic, with the clock injected so tests control time."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

WARNING_SECONDS = 120  # two minutes before the end: time to offer to wrap up


@dataclass
class Stopwatch:
    """Counts running time across pauses."""

    clock: Callable[[], float]
    _banked: float = 0.0
    _started_at: float | None = field(default=None, repr=False)

    @property
    def running(self) -> bool:
        return self._started_at is not None

    def start(self) -> None:
        if self._started_at is None:
            self._started_at = self.clock()

    def pause(self) -> None:
        if self._started_at is not None:
            self._banked += self.clock() - self._started_at
            self._started_at = None

    def toggle(self) -> bool:
        """Start when paused, pause when running; returns whether it now runs."""
        if self.running:
            self.pause()
        else:
            self.start()
        return self.running

    def reset(self) -> None:
        self._banked = 0.0
        self._started_at = None

    @property
    def elapsed(self) -> float:
        running = self.clock() - self._started_at if self._started_at is not None else 0.0
        return self._banked + running


def remaining_seconds(total_minutes: int, elapsed: float) -> float:
    """Seconds left of the agreed time, rounded up so a fresh countdown shows the full time."""
    return float(math.ceil(total_minutes * 60 - elapsed))


def countdown_state(remaining: float) -> str:
    """'calm', then 'warning' in the last two minutes, then 'over' once time is up."""
    if remaining <= 0:
        return "over"
    if remaining <= WARNING_SECONDS:
        return "warning"
    return "calm"


def format_clock(seconds: float) -> str:
    """M:SS (or H:MM:SS) of whole seconds; negative values are overtime, with a '+'."""
    sign = "+" if seconds < 0 else ""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"
