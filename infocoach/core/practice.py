"""The one-minute warm-up before a call, and the deck of role-play drills. No Textual here."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

DRILL_SECONDS = 30  # time to answer a drill aloud before the suggestion is shown


@dataclass(frozen=True)
class WarmupStep:
    id: str
    title: str
    prompt: str
    seconds: int


WARMUP_STEPS = (
    WarmupStep("breathe", "Breathe",
               "Breathe in for four, out for six. Twice more. Let your shoulders drop.", 15),
    WarmupStep("smile", "Smile while you dial",
               "Smile now, even alone: it can be heard in your voice.", 10),
    WarmupStep("opener", "Read your opener once",
               "Read it aloud, once, at an easy pace, just as you will when they answer.",
               20),
    WarmupStep("purpose", "Say your purpose in one sentence",
               "Say it aloud: what you want to learn, and why. Then dial.", 15),
)  # fmt: skip
WARMUP_SECONDS = sum(step.seconds for step in WARMUP_STEPS)


def warmup_position(elapsed: float) -> tuple[int, float]:
    """(index of the step under way, seconds left in it) after `elapsed` seconds.

    Past the end: (len(WARMUP_STEPS), 0.0), meaning the warm-up is done.
    """
    start = 0.0
    for index, step in enumerate(WARMUP_STEPS):
        end = start + step.seconds
        if elapsed < end:
            return index, end - max(elapsed, start)
        start = end
    return len(WARMUP_STEPS), 0.0


def warmup_step_start(index: int) -> float:
    """Seconds into the warm-up at which step `index` begins (to skip ahead to it)."""
    return float(sum(step.seconds for step in WARMUP_STEPS[:index]))


class Deck(Generic[T]):
    """Deals cards in a random order without repeats; reshuffles when all have been dealt,
    never dealing the same card twice in a row. Seed the RNG for a repeatable order."""

    def __init__(self, cards: Sequence[T], rng: random.Random | None = None) -> None:
        if not cards:
            raise ValueError("a deck needs at least one card")
        self._cards = list(cards)
        self._rng = rng or random.Random()
        self._pile: list[T] = []
        self._last: T | None = None

    def deal(self) -> T:
        if not self._pile:
            self._pile = list(self._cards)
            self._rng.shuffle(self._pile)
            if len(self._pile) > 1 and self._pile[-1] == self._last:
                self._pile[0], self._pile[-1] = self._pile[-1], self._pile[0]
        self._last = self._pile.pop()
        return self._last
