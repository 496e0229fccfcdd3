"""What a spoken rehearsal sounded like: pace over the time she was speaking, her longest
pause, and how long she took to reach the ask.

Pure arithmetic on a row of voiced / not-voiced frames (a voice detector makes them, see
`infocoach.exchange.audio`); the words come from the script. Knows nothing of sound devices.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from infocoach.core import pacing

# The length of one frame the voice detector judges (WebRTC's detector takes 10, 20 or 30 ms).
FRAME_SECONDS = 0.03
# A voiced stretch shorter than this is a click or a breath, not a word.
MIN_VOICE_SECONDS = 0.06
# Silence up to this long is the gap between words or a comma, not a pause.
PAUSE_SECONDS = 0.3
# Silence longer than this is time she was not speaking: left out of the pace, so stopping to
# think does not make her look slow.
LONG_PAUSE_SECONDS = 1.0
# Where the ask begins: the first sentence that asks for her time or help.
_ASK = re.compile(
    r"\b(could|would|can|may) (you|i)\b[^.?!]*\b(spare|minutes|time|talk|chat|ask)\b", re.I
)


@dataclass(frozen=True)
class Speech:
    """One reading aloud, measured."""

    speaking_seconds: float  # first word to last, less the long pauses
    longest_pause: float  # seconds; 0 when she never paused
    wpm: float | None  # None when the number of words is not known
    ask_seconds: float | None = None  # from the first word to the ask, when the script has one

    def summary(self) -> str:
        """One line: "143 words a minute over 41 s of speaking; longest pause 1.2 s; …"."""
        parts = [f"{self.speaking_seconds:.0f} s of speaking"]
        if self.wpm is not None:
            parts[0] = f"{self.wpm:.0f} words a minute over {parts[0]}"
        parts.append(f"longest pause {self.longest_pause:.1f} s")
        if self.ask_seconds is not None:
            parts.append(f"the ask after {self.ask_seconds:.0f} s")
        return "; ".join(parts)

    def advice(self) -> str:
        """A kind line of advice: the pace first, and pauses are never a fault."""
        if self.wpm is None:
            return "Give the number of words (or the script) to hear your pace."
        if self.wpm > 160:
            return "A little quick: slow down, and breathe at each full stop. A pause is fine."
        if self.wpm < 110:
            return "Unhurried, which is good; let the sentences run on a little more."
        if self.longest_pause >= LONG_PAUSE_SECONDS:
            return "A calm pace, and you took a pause when you needed one: that is fine."
        return "A calm pace, easy to follow on the phone."


def ask_word(text: str) -> int | None:
    """The index of the first spoken word of the ask ("Could you spare…"), or None."""
    found = _ASK.search(text)
    if found is None:
        return None
    return sum(1 for start, _ in pacing.word_spans(text) if start < found.start())


def measure(
    voiced: Sequence[bool],
    *,
    words: int | None = None,
    ask_at_word: int | None = None,
    frame_seconds: float = FRAME_SECONDS,
) -> Speech | None:
    """The reading in `voiced` (one flag a frame), or None when no voice was heard."""
    runs = _voiced_runs(voiced, round(MIN_VOICE_SECONDS / frame_seconds))
    if not runs:
        return None
    gaps = [(runs[i][1], runs[i + 1][0]) for i in range(len(runs) - 1)]
    pauses = [(end - start) * frame_seconds for start, end in gaps]
    pauses = [pause for pause in pauses if pause >= PAUSE_SECONDS]
    span = (runs[-1][1] - runs[0][0]) * frame_seconds
    speaking = span - sum(pause for pause in pauses if pause > LONG_PAUSE_SECONDS)
    wpm = pacing.words_per_minute(words, speaking) if words else None
    ask = None
    if words and ask_at_word is not None and 0 < ask_at_word < words:
        ask = _time_of_share(runs, ask_at_word / words, frame_seconds)
    return Speech(speaking, max(pauses, default=0.0), wpm, ask)


def _voiced_runs(voiced: Sequence[bool], shortest: int) -> list[tuple[int, int]]:
    """(first, one past last) frame of each voiced stretch at least `shortest` frames long."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for index, flag in enumerate([*voiced, False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            if index - start >= max(1, shortest):
                runs.append((start, index))
            start = None
    return runs


def _time_of_share(runs: list[tuple[int, int]], share: float, frame_seconds: float) -> float:
    """Seconds from the first voiced frame until `share` of all the voiced time was spoken:
    where a word that far into the script falls, if she read at an even pace."""
    total = sum(end - start for start, end in runs)
    wanted = share * total
    for start, end in runs:
        if wanted <= end - start:
            return (start + wanted - runs[0][0]) * frame_seconds
        wanted -= end - start
    return (runs[-1][1] - runs[0][0]) * frame_seconds
