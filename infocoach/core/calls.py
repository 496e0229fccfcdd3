"""What call mode needs to know, and what ending a call earns. Knows nothing of Textual.

`plan_call` gathers everything shown during a call into one plain record; `earned_items` says
which Conduct items the call honestly earned (the store's `finish_call` ticks them).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from infocoach.core.agenda import meeting_datetime
from infocoach.core.models import DEFAULT_MEETING_KIND, MAX_MINUTES, Contact
from infocoach.core.text import clean_line, fold

TWO_NAMES_ITEM = "conduct-ask-two-names"
ON_TIME_ITEM = "conduct-stop-on-time"
NAMES_GOAL = 2
# The running order of a conversation: small talk, then TIARA (Trends, Insights, Advice,
# Resources, Assignments: from the wide view to what she could do herself).
TIARA = ("Trends", "Insights", "Advice", "Resources", "Assignments")
SMALL_TALK = "small talk"
_ORDER = {kind: rank for rank, kind in enumerate((SMALL_TALK, *TIARA))}
_NAME_SEPARATORS = re.compile(r"[,;\n]")


@dataclass(frozen=True)
class CallPlan:
    contact_id: int
    name: str
    company: str
    role: str
    how_met: str
    referrer: str
    purpose: str
    minutes: int
    questions: tuple[tuple[str, str], ...]  # (question id, text), in the running order
    meeting_kind: str = DEFAULT_MEETING_KIND
    contact_uid: str = ""  # names the contact wherever its id moves (see `Contact.uid`)
    meeting: datetime | None = None  # when it was agreed to start (None: not set)
    priority: tuple[str, ...] = ()  # the question ids as she ranked them, most important first

    @property
    def ranked_texts(self) -> list[str]:
        """The question texts as she ranked them."""
        texts = dict(self.questions)
        return [texts[question_id] for question_id in self.priority if question_id in texts]


def running_order(question_ids: Sequence[str], kinds: Mapping[str, str]) -> list[str]:
    """The questions in the order they are asked: small talk first, then Trends, Insights,
    Advice, Resources, Assignments (`kinds` gives each id's); her own questions, whose kind
    is not known, last. Questions of one kind keep her order."""
    last = len(_ORDER)
    return sorted(
        question_ids, key=lambda question_id: _ORDER.get(kinds.get(question_id, ""), last)
    )


def plan_call(
    contact: Contact,
    referrer: str,
    question_texts: Mapping[str, str],
    purpose: str,
    kinds: Mapping[str, str] | None = None,
) -> CallPlan:
    """The call with `contact`; questions whose text is unknown (since removed) are left out.
    `kinds` (question id -> small talk or a TIARA word) puts the questions in running order."""
    known = [question_id for question_id in contact.questions if question_texts.get(question_id)]
    questions = tuple(
        (question_id, question_texts[question_id])
        for question_id in running_order(known, kinds or {})
    )
    return CallPlan(
        contact.id,
        contact.name,
        contact.company,
        contact.role,
        contact.how_met,
        referrer,
        purpose,
        contact.agreed_minutes,
        questions,
        contact.meeting_kind,
        contact.uid,
        meeting_datetime(contact),
        tuple(known),
    )


def parse_names(text: str) -> list[str]:
    """Names typed as 'Ann Lee, Bo Chen': trimmed, blanks and repeats (any case or
    accents) left out."""
    names: dict[str, str] = {}
    for part in _NAME_SEPARATORS.split(text):
        name = clean_line(part)
        if name:
            names.setdefault(fold(name), name)
    return list(names.values())


def minutes_of(elapsed_seconds: float) -> int:
    """The call's length in whole minutes, as logged (at least one, at most MAX_MINUTES)."""
    return min(MAX_MINUTES, max(1, round(elapsed_seconds / 60)))


# -- a call started earlier, to resume ----------------------------------------------------


def parse_started(text: str) -> datetime | None:
    """When a call began, as stored with its draft; None when unknown ("" in a draft from
    before the start was kept) or unreadable (a file edited by hand)."""
    try:
        started = datetime.fromisoformat(text.strip())
    except (ValueError, TypeError, AttributeError):
        return None
    return started.replace(tzinfo=None)  # the store's clock is naive local time


def seconds_since(started: datetime | None, now: datetime) -> float:
    """Wall-clock seconds since the call began: 0 when unknown or in the future (the
    computer's clock was moved back)."""
    if started is None:
        return 0.0
    return max(0.0, (now - started).total_seconds())


def span_text(minutes: int) -> str:
    """A length of time for a person: '7 min', '2 h 5 min', '3 days'."""
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 24 * 60:
        hours, rest = divmod(minutes, 60)
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    days = minutes // (24 * 60)
    return f"{days} day{'s' if days != 1 else ''}"


def resume_text(started: datetime | None, now: datetime, agreed_minutes: int) -> str:
    """'started 10:02, 7 min left', 'started 10:02, 3 min over' ('' when the start is
    unknown); a start on another day names the day."""
    if started is None:
        return ""
    when = started.strftime("%H:%M")
    if started.date() != now.date():
        when = f"{started:%Y-%m-%d} {when}"
    remaining = agreed_minutes * 60 - seconds_since(started, now)
    if remaining >= 60:  # whole minutes, as the countdown shows them: 19:19 is 19 min
        return f"started {when}, {span_text(math.floor(remaining / 60))} left"
    if remaining > 0:
        return f"started {when}, under a minute left"
    over = math.floor(-remaining / 60)
    return f"started {when}, {span_text(over)} over" if over else f"started {when}, time is up"


def earned_items(referrals: Sequence[str], minutes: int, agreed_minutes: int) -> list[str]:
    """The Conduct items the call itself shows were done, and no others.

    Two names or more: you asked for names. Within the agreed minutes: you stopped on time.
    The rest (no job asked for, a strong close...) only the user can say, in the checklist.
    """
    earned = []
    if len(referrals) >= NAMES_GOAL:
        earned.append(TWO_NAMES_ITEM)
    if minutes <= agreed_minutes:
        earned.append(ON_TIME_ITEM)
    return earned


# -- the debrief, as the call ends ---------------------------------------------------------

DEBRIEF_QUESTIONS = (
    ("learned", "What did I learn?"),
    ("next", "Who next?"),
    ("feeling", "How do I feel?"),
)
_DEBRIEF_LABELS = {"learned": "What I learned", "next": "Who next", "feeling": "How I feel"}


def debrief_notes(notes: str, answers: Mapping[str, str]) -> str:
    """The interview's notes with the debrief after them, one line an answer (a question left
    blank is left out); `notes` as they were when every answer is blank."""
    lines = [
        f"{_DEBRIEF_LABELS[key]}: {clean_line(answers[key])}"
        for key, _ in DEBRIEF_QUESTIONS
        if clean_line(answers.get(key, ""))
    ]
    if not lines:
        return notes
    return "\n\n".join(part for part in (notes.strip(), "\n".join(lines)) if part)
