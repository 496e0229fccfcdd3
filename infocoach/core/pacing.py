"""Reading pace: words per minute, plain feedback, and where a teleprompter should be.

Pure arithmetic on text and seconds; the caller brings the clock. Knows nothing of Textual.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

MIN_PACE, MAX_PACE, DEFAULT_PACE, PACE_STEP = 110, 170, 140, 10
# A rehearsal shorter than this was a slip of the finger, not a reading: it is not saved.
MIN_REHEARSAL_SECONDS = 5.0
# "If you stop now" is only worth showing once it is a pace a person could read at.
LIVE_PACE_CEILING = 250.0
# A whole script read faster or slower than this was not read through at one go: ask first.
PLAUSIBLE_MIN, PLAUSIBLE_MAX = 80.0, 220.0
# The pace chart's fixed scale, so 128 and 151 look close, as they are.
CHART_MIN, CHART_MAX = 80.0, 200.0
# A partial run (stopped before the end of the script) is saved with this pace: no pace.
PARTIAL_WPM = 0.0

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


def reached_end(index: int, words: int) -> bool:
    """Whether a teleprompter on word `index` (see `word_at`) has reached the last word."""
    return index >= words - 1


def chart_levels(paces: Iterable[float], levels: int = 8) -> list[int]:
    """Each pace as a bar height 0..levels-1 on the fixed CHART_MIN..CHART_MAX scale
    (paces outside it sit at the bottom or the top)."""
    span = CHART_MAX - CHART_MIN
    top = levels - 1
    return [max(0, min(top, round((wpm - CHART_MIN) / span * top))) for wpm in paces]


def clamp_pace(wpm: int) -> int:
    return max(MIN_PACE, min(MAX_PACE, wpm))


def step_pace(wpm: int, steps: int) -> int:
    """`wpm` moved by `steps` steps of PACE_STEP, kept within MIN_PACE..MAX_PACE."""
    return clamp_pace(wpm + steps * PACE_STEP)


PARTIAL_FEEDBACK = Feedback("partial", "stopped before the end: no pace")


@dataclass(frozen=True)
class Result:
    """One finished reading: how long, how fast, and what to make of it.

    A partial run (stopped before the end of the script) has no pace: `wpm` is PARTIAL_WPM,
    and it stays out of the pace trend.
    """

    seconds: float
    words: int
    wpm: float
    feedback: Feedback
    partial: bool = False

    @property
    def counts(self) -> bool:
        """Whether it was a real reading worth saving (not a double tap of the key)."""
        return self.seconds >= MIN_REHEARSAL_SECONDS

    @property
    def plausible(self) -> bool:
        """Whether the pace is one a person reads the whole script at (80 to 220 a minute)."""
        return PLAUSIBLE_MIN <= self.wpm <= PLAUSIBLE_MAX

    @property
    def doubtful(self) -> bool:
        """A whole reading at an impossible pace: ask whether all of it was read."""
        return self.counts and not self.partial and not self.plausible

    def as_partial(self) -> Result:
        """The same run, counted as stopped early: no pace."""
        return replace(self, wpm=PARTIAL_WPM, feedback=PARTIAL_FEEDBACK, partial=True)


def result(words: int, seconds: float, *, whole: bool = True) -> Result:
    """The result of reading `words` in `seconds`; `whole=False`: stopped before the end."""
    wpm = words_per_minute(words, seconds)
    found = Result(seconds, words, wpm, feedback(wpm))
    return found if whole else found.as_partial()
