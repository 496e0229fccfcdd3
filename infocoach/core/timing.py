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

    def shift(self, seconds: float) -> None:
        """Move the elapsed time on by `seconds` (back, if negative, but never below zero)."""
        self._banked += max(seconds, -self.elapsed)

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


# -- cues during a call ------------------------------------------------------------------

WRAP_UP_CUE = "Offer to wrap up — ask for two more names"
TIME_UP_CUE = "Thank them and stop on time — unless they choose to go on"


@dataclass(frozen=True)
class Cue:
    id: str  # "wrap-up" or "time-up"
    at: float  # seconds into the call
    text: str


def call_cues(total_minutes: int) -> tuple[Cue, ...]:
    """Two minutes before the end, offer to wrap up; at the end, thank them and stop.

    A call of two minutes or less has no time for a separate wrap-up cue.
    """
    total = total_minutes * 60.0
    cues = [Cue("time-up", total, TIME_UP_CUE)]
    if total > WARNING_SECONDS:
        cues.insert(0, Cue("wrap-up", total - WARNING_SECONDS, WRAP_UP_CUE))
    return tuple(cues)


class CueTracker:
    """Hands out each cue once, when its time has come, even if checks are far apart."""

    def __init__(self, cues: tuple[Cue, ...]) -> None:
        self.cues = cues
        self._fired: set[str] = set()

    def due(self, elapsed: float) -> list[Cue]:
        """The cues that came due since the last check, oldest first."""
        fresh = [cue for cue in self.cues if cue.at <= elapsed and cue.id not in self._fired]
        self._fired.update(cue.id for cue in fresh)
        return fresh

    def current(self, elapsed: float) -> Cue | None:
        """The latest cue whose time has come (what the screen should show now)."""
        reached = [cue for cue in self.cues if cue.at <= elapsed]
        return reached[-1] if reached else None
