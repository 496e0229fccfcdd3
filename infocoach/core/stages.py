"""Where each contact stands, derived from their dated event log. Pure: no store, no UI.

The stage follows the furthest step the log shows (identified -> reached-out -> scheduled ->
interviewed -> thanked -> keeping-in-touch); `declined` closes the contact, and any later event
(they changed their mind) opens it again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from infocoach.core.models import EVENTS, STAGES, LoggedEvent, parse_date

# What each event shows about progress: the stage it proves the contact has reached.
EVENT_STAGE = {
    "reached-out": "reached-out",
    "replied": "reached-out",
    "scheduled": "scheduled",
    "interviewed": "interviewed",
    "thanked": "thanked",
    "referrer-updated": "interviewed",
    "kept-in-touch": "keeping-in-touch",
    "confirmed": "scheduled",
    "no-show": "scheduled",
}
CLOSED = "closed"
_RANK = {stage: rank for rank, stage in enumerate(STAGES)}

# One line for each event, in the words the log-event picker shows.
EVENT_HELP = {
    "reached-out": "You sent a note, called or left a voicemail",
    "replied": "They answered (yes, maybe or later)",
    "scheduled": "You agreed a date and time",
    "interviewed": "You had the conversation",
    "thanked": "You sent your thank-you",
    "referrer-updated": "You told the person who referred you how it went",
    "kept-in-touch": "You wrote to say what you did with their advice",
    "declined": "They said no: the contact is closed",
    "confirmed": "You confirmed the time the day before",
    "no-show": "They did not come; you sent one kind note and let it go",
}


@dataclass(frozen=True, order=True)
class Event:
    """One dated entry of a contact's log (ordered by date, then by when it was logged)."""

    day: date
    seq: int
    kind: str
    note: str = ""


def stage_event(logged: LoggedEvent) -> Event | None:
    """The Event of a logged one; None for an unknown event or a bad date (a hand edit)."""
    if logged.event not in EVENTS:
        return None
    try:
        day = parse_date(logged.date)
    except ValueError:
        return None
    return Event(day, logged.id, logged.event, logged.note)


def derive_stage(events: Sequence[Event], fallback: str = "identified") -> str:
    """The stage the log shows; `fallback` (the stored stage) when the log is empty."""
    if not events:
        return fallback if fallback in _RANK else "identified"
    reached = "identified"
    closed = False
    for event in sorted(events):
        if event.kind == "declined":
            closed = True
            continue
        closed = False
        stage = EVENT_STAGE[event.kind]
        if _RANK[stage] > _RANK[reached]:
            reached = stage
    return CLOSED if closed else reached


def last_of(events: Sequence[Event], kind: str) -> Event | None:
    """The latest event of `kind`, or None."""
    found = [event for event in events if event.kind == kind]
    return max(found) if found else None
