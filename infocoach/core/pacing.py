"""Reading pace: words per minute, plain feedback, and where a teleprompter should be.

Pure arithmetic on text and seconds; the caller brings the clock. Knows nothing of Textual.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MIN_PACE, MAX_PACE, DEFAULT_PACE, PACE_STEP = 110, 170, 140, 10
# A rehearsal shorter than this was a slip of the finger, not a reading: it is not saved.
MIN_REHEARSAL_SECONDS = 5.0
# "If you stop now" is only worth showing once it is a pace a person could read at.
LIVE_PACE_CEILING = 250.0

_WORD = re.compile(r"\S+")
# Stage directions such as "(Say the number slowly.)" are read silently, not aloud.
_DIRECTION = re.compile(r"\([^()]*\)")


@dataclass(frozen=True)
class Feedback:
    kind: str  # "slow", "a-little-slow", "good" or "fast"
    text: str


def direction_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the stage directions: text in parentheses, read silently."""
    return [match.span() for match in _DIRECTION.finditer(text)]


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every word that is spoken aloud, in order.

    Words inside parentheses are directions to the reader and are left out.
    """
    silent = direction_spans(text)
    spans = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        if not any(s <= start and end <= e for s, e in silent):
            spans.append((start, end))
    return spans


def words_per_minute(words: int, seconds: float) -> float:
    """The pace of reading `words` in `seconds`; 0 when no time has passed."""
    if seconds <= 0:
        return 0.0
    return words * 60.0 / seconds


def live_pace(words: int, elapsed: float) -> float | None:
    """The pace if the reading stopped now; None while that is still implausibly fast."""
    wpm = words_per_minute(words, elapsed)
    return wpm if 0 < wpm <= LIVE_PACE_CEILING else None


def feedback(wpm: float) -> Feedback:
    """Plain words about a pace, aimed at a calm phone voice (about 140 a minute)."""
    if wpm < 110:
        return Feedback("slow", "slow — let it flow, aim for about 140")
    if wpm < 120:
        return Feedback("a-little-slow", "a little slow — nearly there")
    if wpm <= 160:
        return Feedback("good", "good pace for a phone call")
    return Feedback("fast", "slow down — breathe at each full stop")


def seconds_at(words: int, wpm: float) -> float:
    """How long `words` take to read at `wpm`."""
    return words * 60.0 / wpm if wpm > 0 else 0.0


def word_at(elapsed: float, wpm: float, words: int) -> int:
    """Index of the word a reader at `wpm` is on after `elapsed` seconds.

    0 at the start; `words` (one past the last) once the whole text has been read.
    """
    if words <= 0 or elapsed < 0:
        return 0
    return min(words, math.floor(elapsed * wpm / 60.0 + 1e-9))


def clamp_pace(wpm: int) -> int:
    return max(MIN_PACE, min(MAX_PACE, wpm))


def step_pace(wpm: int, steps: int) -> int:
    """`wpm` moved by `steps` steps of PACE_STEP, kept within MIN_PACE..MAX_PACE."""
    return clamp_pace(wpm + steps * PACE_STEP)


@dataclass(frozen=True)
class Result:
    """One finished reading: how long, how fast, and what to make of it."""

    seconds: float
    words: int
    wpm: float
    feedback: Feedback

    @property
    def counts(self) -> bool:
        """Whether it was a real reading worth saving (not a double tap of the key)."""
        return self.seconds >= MIN_REHEARSAL_SECONDS


def result(words: int, seconds: float) -> Result:
    wpm = words_per_minute(words, seconds)
    return Result(seconds, words, wpm, feedback(wpm))
