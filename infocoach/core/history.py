"""A contact's history: the events logged and the interviews recorded, one list, each entry
with an id a person can type (`e12` for an event, `i3` for an interview).

Ending a call records an interview *and* an "interviewed" event on the same day. In the history
they are one entry, the interview: the event is its `paired_event`, removed with it, so the stage
follows when the interview is taken back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from infocoach.core.models import Interview, InvalidInput, LoggedEvent

EVENT_PREFIX, INTERVIEW_PREFIX = "e", "i"
_ENTRY_ID = re.compile(r"#?([ei])(\d{1,12})", re.IGNORECASE)


@dataclass(frozen=True)
class EntryId:
    kind: str  # "event" or "interview"
    number: int

    def __str__(self) -> str:
        prefix = EVENT_PREFIX if self.kind == "event" else INTERVIEW_PREFIX
        return f"{prefix}{self.number}"


def parse_entry_id(text: str) -> EntryId:
    """`e12` or `i3` (any case, a leading `#` allowed); InvalidInput names what was wrong."""
    match = _ENTRY_ID.fullmatch(text.strip())
    if match is None:
        raise InvalidInput(
            {
                "entry": f"{text.strip()!r} is no entry id: e and a number for an event (e12), "
                "i and a number for an interview (i3); `infocoach history NAME` lists them"
            }
        )
    kind = "event" if match.group(1).lower() == EVENT_PREFIX else "interview"
    return EntryId(kind, int(match.group(2)))


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a contact's history."""

    id: EntryId
    contact_id: int
    date: str  # YYYY-MM-DD
    what: str  # the event ("reached-out", ...) or "interview"
    notes: str = ""
    minutes: int | None = None  # interviews only
    names_gained: tuple[str, ...] = ()
    questions_asked: tuple[str, ...] = ()
    paired_event: int | None = None  # the "interviewed" event logged with an interview

    @property
    def is_interview(self) -> bool:
        return self.id.kind == "interview"


def pair_events(interviews: Iterable[Interview], events: Iterable[LoggedEvent]) -> dict[int, int]:
    """Interview id -> the id of the "interviewed" event of the same contact and day (each
    event paired once, in id order)."""
    free: dict[tuple[int, str], list[int]] = {}
    for event in sorted(events, key=lambda e: e.id):
        if event.event == "interviewed":
            free.setdefault((event.contact_id, event.date), []).append(event.id)
    pairs: dict[int, int] = {}
    for interview in sorted(interviews, key=lambda i: i.id):
        waiting = free.get((interview.contact_id, interview.date))
        if waiting:
            pairs[interview.id] = waiting.pop(0)
    return pairs


def history(interviews: Iterable[Interview], events: Iterable[LoggedEvent]) -> list[HistoryEntry]:
    """Every entry, oldest first; within a day, in the order they were logged (an interview
    where its "interviewed" event was logged, so a thank-you logged after the call comes
    after it; an interview without one after the day's events)."""
    interviews, events = list(interviews), list(events)
    pairs = pair_events(interviews, events)
    paired = set(pairs.values())
    entries = [
        HistoryEntry(
            EntryId("event", event.id), event.contact_id, event.date, event.event, event.note
        )
        for event in events
        if event.id not in paired
    ]
    entries += [_interview_entry(interview, pairs.get(interview.id)) for interview in interviews]
    return sorted(entries, key=_logged_order)


def _logged_order(entry: HistoryEntry) -> tuple[str, bool, int, int]:
    """(day, unpaired interview, position in the event log, own id): the order of logging."""
    if not entry.is_interview:
        return (entry.date, False, entry.id.number, 0)
    if entry.paired_event is not None:
        return (entry.date, False, entry.paired_event, entry.id.number)
    return (entry.date, True, entry.id.number, 0)


def _interview_entry(interview: Interview, paired_event: int | None) -> HistoryEntry:
    return HistoryEntry(
        EntryId("interview", interview.id),
        interview.contact_id,
        interview.date,
        "interview",
        interview.notes,
        interview.minutes,
        interview.referrals,
        interview.questions_asked,
        paired_event,
    )
