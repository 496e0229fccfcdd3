"""Insights: the progress the user can see, and what the interviews taught. Pure figures.

Everything is computed in one pass over plain data — contacts, their event logs, interview
records and rehearsal records — with `today` passed in. No store queries per row, no Textual,
no Rich: the dashboard, `infocoach stats` and the tests all call `compute`.

What counts as an interview: an interview record (from call mode), or an `interviewed` event in
the log. Call mode writes both on the same day, and they are one interview (dedupe by contact
and date). An `interviewed` event with no record that day stands for a record of the same
contact within `SAME_INTERVIEW_DAYS` (logged late, or backdated), closest first; a record
stands for at most one event. The interview's day is the earlier of the two.

Fair figures: a thank-you is on time on the interview day or the next (see
`agenda.thank_you_on_time`); while it is still due it counts neither way. A rehearsal saved with
no pace (a partial run, wpm 0) is not a rehearsal here and stays out of the pace trend.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from infocoach.core.agenda import thank_you_late, thank_you_on_time
from infocoach.core.models import STAGES, Contact, Interview, Rehearsal
from infocoach.core.pacing import PARTIAL_WPM, feedback
from infocoach.core.records import Records
from infocoach.core.referrals import GOAL, gains_per_interview
from infocoach.core.stages import Event

WEEKS = 12  # interviews per week, over this many weeks up to the week of `today`
TOPIC_LIMIT = 5  # past this many interviews on one company or industry, word gets around
PACE_TREND = 10  # the last rehearsal paces shown as a trend
FEW = 3  # below this many interviews, the first steps; from it on, several views to compare
SAME_INTERVIEW_DAYS = 7
REPLY_EVENTS = frozenset({"replied", "scheduled", "interviewed"})

WHY = (
    "These conversations are for learning: count what you heard and whom you met, not offers. "
    "Relationships grow slowly."
)
ONE_SOURCE = "one person said — ask someone else before you rely on it"
TOO_MANY = (
    "more interviews on the same topic rarely teach more, and word gets around: "
    "try another company or field"
)


# -- plain records ------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Conversation:
    """One conversation, once, whichever way it was recorded."""

    day: date
    contact_id: int
    notes: str = ""


@dataclass(frozen=True)
class Note:
    """What one person said, from the notes of one interview."""

    day: date
    contact_id: int
    contact: str
    text: str


@dataclass(frozen=True)
class Topic:
    """A company or an industry, and what the interviews there taught."""

    kind: str  # "company" or "industry"
    name: str
    interviews: int
    people: int  # different contacts interviewed
    notes: tuple[Note, ...] = ()

    @property
    def sources(self) -> int:
        """How many different people the notes come from."""
        return len({note.contact_id for note in self.notes})

    @property
    def one_source(self) -> bool:
        return self.sources == 1

    @property
    def too_many(self) -> bool:
        return self.interviews > TOPIC_LIMIT

    def counts(self) -> str:
        """'3 interviews, from 2 people' (who may say different things: never "said
        this"); a single source is left to `ONE_SOURCE`."""
        interviews = "1 interview" if self.interviews == 1 else f"{self.interviews} interviews"
        if self.sources == 0:
            return f"{interviews}, nothing written down yet"
        if self.sources == 1:
            return interviews
        return f"{interviews}, from {self.sources} people"  # several opinions, not one said twice

    def summary(self) -> str:
        """The counts and the marks that apply: one person said, too many interviews."""
        parts = [self.counts()]
        if self.one_source:
            parts.append(ONE_SOURCE)
        if self.too_many:
            parts.append(f"past {TOPIC_LIMIT} interviews: {TOO_MANY}")
        return " · ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "interviews": self.interviews,
            "people": self.people,
            "sources": self.sources,
            "one_source": self.one_source,
            "too_many": self.too_many,
        }


@dataclass(frozen=True)
class Week:
    start: date  # the Monday
    interviews: int


@dataclass(frozen=True)
class Insights:
    today: date
    contacts: int
    interviews: int
    weeks: tuple[Week, ...]
    outreach: int  # reached-out events: notes, calls and voicemails sent
    people_reached: int
    replies: int  # people who answered after being reached
    by_stage: Mapping[str, int]
    referred: int  # contacts referred by another contact
    people_interviewed: int
    names_gained: int
    goal_met: int  # people interviewed who gave at least GOAL names
    longest_chain: tuple[str, ...]  # names, from the first referrer down
    thanked_on_time: int
    rehearsals: int
    rehearsals_this_week: int
    pace_trend: tuple[float, ...]
    companies: tuple[Topic, ...] = field(default=())
    industries: tuple[Topic, ...] = field(default=())
    thanks_due: int = 0  # interviews whose thank-you is not sent and not late yet

    @property
    def thanks_counted(self) -> int:
        """The interviews whose thank-you is judged: sent, or late (not those still due)."""
        return self.interviews - self.thanks_due

    @property
    def reply_rate(self) -> float | None:
        return self.replies / self.people_reached if self.people_reached else None

    @property
    def names_per_interview(self) -> float | None:
        return self.names_gained / self.interviews if self.interviews else None

    @property
    def thank_you_on_time(self) -> float | None:
        """The share thanked on time of the interviews whose thank-you is sent or late."""
        counted = self.thanks_counted
        return self.thanked_on_time / counted if counted else None

    @property
    def interviews_this_week(self) -> int:
        return self.weeks[-1].interviews if self.weeks else 0

    @property
    def progress(self) -> str:
        return progress_line(self.interviews)

    @property
    def pace_note(self) -> str:
        """What to make of the latest pace, or '' before any rehearsal."""
        return feedback(self.pace_trend[-1]).text if self.pace_trend else ""

    @property
    def crowded(self) -> tuple[Topic, ...]:
        """Companies and industries past TOPIC_LIMIT interviews."""
        return tuple(t for t in (*self.companies, *self.industries) if t.too_many)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures (shares 0..1, or None when there is nothing to share)."""
        return {
            "today": self.today.isoformat(),
            "contacts": self.contacts,
            "interviews": self.interviews,
            "interviews_per_week": [
                {"week": week.start.isoformat(), "interviews": week.interviews}
                for week in self.weeks
            ],
            "outreach": self.outreach,
            "people_reached": self.people_reached,
            "replies": self.replies,
            "reply_rate": _share(self.reply_rate),
            "by_stage": dict(self.by_stage),
            "referrals": self.referred,
            "people_interviewed": self.people_interviewed,
            "names_gained": self.names_gained,
            "names_per_interview": _share(self.names_per_interview),
            "names_goal": GOAL,
            "goal_met": self.goal_met,
            "longest_chain": len(self.longest_chain),
            "longest_chain_names": list(self.longest_chain),
            "thanked_on_time": self.thanked_on_time,
            "thanks_due": self.thanks_due,
            "thank_you_on_time": _share(self.thank_you_on_time),
            "rehearsals": self.rehearsals,
            "rehearsals_this_week": self.rehearsals_this_week,
            "pace_trend": list(self.pace_trend),
            "progress": self.progress,
            "heard": {
                "companies": [topic.as_dict() for topic in self.companies],
                "industries": [topic.as_dict() for topic in self.industries],
            },
        }


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


# -- words --------------------------------------------------------------------------------


def progress_line(interviews: int) -> str:
    """Encouragement about learning, never a promise and never a count towards an offer."""
    if interviews <= 0:
        return (
            "No interviews yet. The first call is the hardest one; "
            "each one after it gets a little easier."
        )
    done = "1 interview" if interviews == 1 else f"{interviews} interviews"
    if interviews < FEW:
        return f"{done} so far — each conversation makes the next one easier; keep going."
    return (
        f"{done} so far — several views to compare now. Keep learning, "
        "and keep in touch with the people you met."
    )


def percent(share: float | None) -> str:
    """'67%', or '—' when there is nothing to share."""
    return "—" if share is None else f"{round(share * 100)}%"


# -- dates --------------------------------------------------------------------------------


def week_start(day: date) -> date:
    """The Monday of the week `day` is in."""
    return day - timedelta(days=day.weekday())


def _day(value: object) -> date | None:
    """A date from 'YYYY-MM-DD' or an ISO date and time; None when it is neither."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# -- the figures --------------------------------------------------------------------------


def merge_interviews(
    records: Iterable[Interview], events: Mapping[int, Sequence[Event]]
) -> list[Conversation]:
    """Every interview once, from interview records and `interviewed` events, by date."""
    recorded: dict[int, dict[date, list[str]]] = {}
    for record in records:
        contact_id, day = record.contact_id, _day(record.date)
        if day is None:
            continue
        notes = recorded.setdefault(contact_id, {}).setdefault(day, [])
        text = record.notes.strip()
        if text and text not in notes:
            notes.append(text)
    logged: dict[int, dict[date, str]] = {}
    for contact_id, log in events.items():
        for event in log:
            if event.kind == "interviewed":
                logged.setdefault(contact_id, {}).setdefault(event.day, event.note.strip())
    found: list[Conversation] = []
    for contact_id in recorded.keys() | logged.keys():
        found.extend(_pair(contact_id, recorded.get(contact_id, {}), logged.get(contact_id, {})))
    found.sort(key=lambda interview: (interview.day, interview.contact_id, interview.notes))
    return found


def _pair(
    contact_id: int, recorded: Mapping[date, list[str]], logged: Mapping[date, str]
) -> Iterator[Conversation]:
    """The interviews of one contact: records, with the events matched to them."""
    open_records = {day: "\n\n".join(notes) for day, notes in recorded.items()}
    merged: dict[date, tuple[date, str]] = {}  # record day -> (interview day, notes)
    unmatched = []
    for day, note in sorted(logged.items()):
        if day in open_records:
            merged[day] = (day, open_records.pop(day) or note)
        else:
            unmatched.append((day, note))
    for day, note in unmatched:
        near = [
            (abs((other - day).days), other)
            for other in open_records
            if abs((other - day).days) <= SAME_INTERVIEW_DAYS
        ]
        if near:
            _, other = min(near)
            merged[other] = (min(day, other), open_records.pop(other) or note)
        else:
            yield Conversation(day, contact_id, note)
    for day, notes in open_records.items():
        yield Conversation(day, contact_id, notes)
    for day, notes in merged.values():
        yield Conversation(day, contact_id, notes)


def longest_chain(contacts: Mapping[int, Contact]) -> tuple[str, ...]:
    """The names of the longest line of referrals, from the first referrer down.

    Follows `referred_by`; a loop (A referred B, B referred A) counts each person once.
    Empty when nobody was referred by anyone here.
    """
    depth: dict[int, int] = {}  # people in the chain from this contact up
    for start in contacts:
        path: list[int] = []
        on_path: dict[int, int] = {}
        current: int | None = start
        while current is not None and current in contacts and current not in depth:
            if current in on_path:  # a loop: everyone on it reaches all of it
                loop = path[on_path[current] :]
                for member in loop:
                    depth[member] = len(loop)
                path = path[: on_path[current]]
                break
            on_path[current] = len(path)
            path.append(current)
            referrer = contacts[current].referred_by
            current = referrer if referrer != current else None
        base = depth.get(current, 0) if current is not None else 0
        for member in reversed(path):
            base += 1
            depth[member] = base
    if not depth:
        return ()
    deepest = max(contacts, key=lambda contact_id: depth[contact_id])
    if depth[deepest] < 2:
        return ()
    chain: list[str] = []
    current = deepest
    while current is not None and len(chain) < depth[deepest]:
        chain.append(contacts[current].name)
        current = contacts[current].referred_by
    return tuple(reversed(chain))


def _topics(
    kind: str,
    interviews: Sequence[Conversation],
    contacts: Mapping[int, Contact],
) -> tuple[Topic, ...]:
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    people: dict[str, set[int]] = {}
    notes: dict[str, list[Note]] = {}
    for interview in interviews:
        contact = contacts[interview.contact_id]
        shown = " ".join(getattr(contact, kind).split())
        if not shown:
            continue
        key = shown.casefold()
        names.setdefault(key, shown)
        counts[key] = counts.get(key, 0) + 1
        people.setdefault(key, set()).add(contact.id)
        if interview.notes:
            note = Note(interview.day, contact.id, contact.name, interview.notes)
            notes.setdefault(key, []).append(note)
    topics = [
        Topic(kind, names[key], counts[key], len(people[key]), tuple(notes.get(key, ())))
        for key in names
    ]
    return tuple(sorted(topics, key=lambda t: (-t.interviews, t.name.casefold())))


def compute(
    contacts: Iterable[Contact],
    events: Mapping[int, Sequence[Event]],
    interviews: Iterable[Interview],
    rehearsals: Iterable[Rehearsal],
    today: date,
) -> Insights:
    """Every figure of the dashboard, from plain data, as of `today`.

    `events` is contact id -> that contact's events (see `pipeline.events_by_contact`);
    `interviews` and `rehearsals` are the store's records.
    """
    by_id = {contact.id: contact for contact in contacts}
    records = [r for r in interviews if r.contact_id in by_id]
    logs = {contact_id: log for contact_id, log in events.items() if contact_id in by_id}
    held = merge_interviews(records, logs)

    # interviews per week
    first_week = week_start(today) - timedelta(weeks=WEEKS - 1)
    per_week = dict.fromkeys((first_week + timedelta(weeks=n) for n in range(WEEKS)), 0)
    for interview in held:
        start = week_start(interview.day)
        if start in per_week:
            per_week[start] += 1

    # outreach, replies, thank-yous
    outreach = reached = replied = 0
    thanked: dict[int, set[date]] = {}
    for contact_id, log in logs.items():
        sent = [event.day for event in log if event.kind == "reached-out"]
        if sent:
            outreach += len(sent)
            reached += 1
            first = min(sent)
            replied += any(e.kind in REPLY_EVENTS and e.day >= first for e in log)
        days = {event.day for event in log if event.kind == "thanked"}
        if days:
            thanked[contact_id] = days
    on_time = still_due = 0
    for interview in held:
        thanks = thanked.get(interview.contact_id, set())
        if any(thank_you_on_time(interview.day, day) for day in thanks):
            on_time += 1
        elif not thank_you_late(interview.day, today):
            still_due += 1  # not sent yet, and not late: neither on time nor missed

    # pipeline
    by_stage = dict.fromkeys(STAGES, 0)
    for contact in by_id.values():
        if contact.stage in by_stage:
            by_stage[contact.stage] += 1

    # referrals
    referred = sum(1 for c in by_id.values() if c.referred_by in by_id and c.referred_by != c.id)
    interviewed_ids = {interview.contact_id for interview in held}
    gains = gains_per_interview(by_id.values(), records, interviewed_ids)

    # rehearsals, oldest first
    this_week = week_start(today)
    dated: list[tuple[str, int, date, float]] = []
    for rehearsal in rehearsals:
        day = _day(rehearsal.date)
        if day is not None and rehearsal.wpm > PARTIAL_WPM:  # a partial run is no rehearsal
            dated.append((rehearsal.date, rehearsal.id, day, rehearsal.wpm))
    dated.sort(key=lambda row: row[:2])
    rehearsed_this_week = sum(
        this_week <= day < this_week + timedelta(weeks=1) for _, _, day, _ in dated
    )
    paces = [float(wpm) for _, _, _, wpm in dated]

    return Insights(
        today=today,
        contacts=len(by_id),
        interviews=len(held),
        weeks=tuple(Week(start, count) for start, count in per_week.items()),
        outreach=outreach,
        people_reached=reached,
        replies=replied,
        by_stage=by_stage,
        referred=referred,
        people_interviewed=len(interviewed_ids),
        names_gained=sum(gained.count for _, gained in gains),
        goal_met=sum(gained.met for _, gained in gains),
        longest_chain=longest_chain(by_id),
        thanked_on_time=on_time,
        thanks_due=still_due,
        rehearsals=len(dated),
        rehearsals_this_week=rehearsed_this_week,
        pace_trend=tuple(paces[-PACE_TREND:]),
        companies=_topics("company", held, by_id),
        industries=_topics("industry", held, by_id),
    )


def from_store(store: Records, today: date | None = None) -> Insights:
    """The figures of the data in `store`, as of `today` (the store's clock by default)."""
    return compute(
        store.contacts(),
        store.events_by_contact(),
        store.interviews(),
        store.rehearsals(),
        today or store.today(),
    )
