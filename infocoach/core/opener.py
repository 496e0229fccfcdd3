"""The first minute of a call, pure: what she says before the first question.

First she checks that the time agreed still suits ("We said twenty minutes at two; is this
still a good time?"), then says her purpose in one sentence, then asks her first question. What
she hears back picks the branch: go ahead (the lines above, in turn), not a good time (a line to
find another time), or only ten minutes (the three questions to keep).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from infocoach.core.calls import CallPlan
from infocoach.core.text import number_words

SHORT_MINUTES = 10  # "I only have ten minutes"
KEEP_WHEN_SHORT = 3  # the questions she keeps when time is short

RESCHEDULE_LINE = (
    "Of course, let's not squeeze it in. When would suit you better: later this week, or "
    "early next week?"
)
SHORT_LINE = "Ten minutes is kind of you. I'll keep to these three:"


def minutes_words(minutes: int) -> str:
    """'twenty minutes', 'one minute', '90 minutes'."""
    return f"{number_words(minutes)} minute{'s' if minutes != 1 else ''}"


def time_words(moment: datetime) -> str:
    """A time as it is said on the phone: 'two', 'half past two', 'quarter to three',
    '2:10' (minutes that are not a quarter stay in digits)."""
    hour = moment.hour % 12 or 12
    following = (moment.hour + 1) % 12 or 12
    said = {
        0: number_words(hour),
        15: f"quarter past {number_words(hour)}",
        30: f"half past {number_words(hour)}",
        45: f"quarter to {number_words(following)}",
    }
    return said.get(moment.minute, f"{hour}:{moment.minute:02d}")


def confirm_line(minutes: int, meeting: datetime | None) -> str:
    """'We said twenty minutes at two; is this still a good time?'"""
    when = f" at {time_words(meeting)}" if meeting is not None else ""
    return f"We said {minutes_words(minutes)}{when}; is this still a good time?"


def purpose_line(purpose: str) -> str:
    """Her purpose in one sentence ("" when she has not written it)."""
    purpose = purpose.strip().rstrip(".")
    return f"Thank you. In a sentence: I'm hoping to {purpose}." if purpose else ""


def question_line(question: str) -> str:
    return f"Could I start with this: {question}" if question else ""


@dataclass(frozen=True)
class Opener:
    """The first minute: the lines said in turn when they go ahead, and the two branches."""

    confirm: str
    purpose: str  # "" when she has not written her purpose
    first_question: str  # "" when no question is chosen
    reschedule: str
    keep: tuple[str, ...]  # the questions to keep when only ten minutes are free

    @property
    def lines(self) -> tuple[str, ...]:
        """What she says when they go ahead, one line at a time (empty ones left out)."""
        return tuple(line for line in (self.confirm, self.purpose, self.first_question) if line)


def first_minute(
    minutes: int,
    meeting: datetime | None,
    purpose: str,
    running_order: Sequence[str],
    priority: Sequence[str],
) -> Opener:
    """The opener of a call of `minutes` at `meeting`. `running_order` is the chosen questions
    as asked (the first is asked first); `priority` the same questions as she ranked them (the
    ones kept when time is short are the first three, said in the running order)."""
    kept = set(priority[:KEEP_WHEN_SHORT])
    return Opener(
        confirm=confirm_line(minutes, meeting),
        purpose=purpose_line(purpose),
        first_question=question_line(running_order[0]) if running_order else "",
        reschedule=RESCHEDULE_LINE,
        keep=tuple(question for question in running_order if question in kept),
    )


def opener_of(plan: CallPlan) -> Opener:
    """The first minute of the planned call."""
    return first_minute(
        plan.minutes,
        plan.meeting,
        plan.purpose,
        [text for _, text in plan.questions],
        plan.ranked_texts,
    )
