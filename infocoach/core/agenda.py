"""What is due today: the follow-up rules, pure, with `today` passed in.

- `thank-you`: after `interviewed` on day D it is due that day and the next, D+1 (its deadline),
  and late from D+2 (see `thank_you_deadline`, `thank_you_late`); listed from D, until `thanked`.
  A meeting whose time has passed (`now`) counts as the talk while its thank-you is due, even
  before `interviewed` is logged.
- `update-referrer`: a contact with a referrer was interviewed: tell the referrer how it went, due
  three days after the interview, until `referrer-updated` is logged on the referred contact.
- 3B7, for silence after `reached-out` (nothing from them since): `try-another-contact` at the same
  company due 3 business days later, `follow-up` with the same person due 7 business days later
  (Monday to Friday; the day of reaching out is day 0). Reaching out again is the follow-up, so a
  second silent `reached-out` ends the `follow-up` item; contacting someone else at the company
  ends `try-another-contact`. That item names (up to three of) the company's contacts not yet
  reached out to; a company where someone answered as a booster comes first among such items
  of a day (a booster's colleagues are the likeliest to answer too).
- `keep-in-touch`: every 6 weeks (or the contact's own interval) after the last event, for contacts
  who were thanked. Telling someone how their referral went counts as keeping in touch with them.
- `prepare`: a meeting within the next 2 days while the Prepare step is not complete; dropped
  once the meeting's time has passed or an interview held it (`planned_meeting`, the one place
  that says whether a meeting is still ahead).
- `confirm`: the day before a meeting (and on its day, until its time), a short note to confirm
  the time, how you will talk and a number to reach you, until `confirmed` is logged.
- `busy-day`: a meeting booked on a day that already holds the calls a day she allows
  (`calls_per_day`, two by default): the ones past the limit, by time, until moved or past.
- `happened`: a meeting whose time has passed with neither `interviewed` nor `no-show` logged
  since its day: did it happen? (She answers: it happened, it moved, or they did not come:
  then, ten minutes after the time, one kind note, logged as `no-show`, and nothing more.)

An item is listed from the day it is due (the thank-you, the referrer update and `prepare` a little
earlier, so they can be planned), and stays, overdue, until the event that ends it is logged.
`ACTION_EVENTS` is that event: the only one the agenda offers to log (None: the item ends
otherwise, and nothing is offered).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from infocoach.core.models import BOOSTER, DATE_FORMAT, MEETING_FORMAT, Contact
from infocoach.core.records import Records
from infocoach.core.stages import CLOSED, Event, derive_stage, last_of
from infocoach.core.text import number_words, ordinal_words

ACTIONS = (
    "happened",
    "thank-you",
    "update-referrer",
    "follow-up",
    "try-another-contact",
    "keep-in-touch",
    "confirm",
    "busy-day",
    "prepare",
)
# The script each action's draft starts from (None: no message, see the guide instead).
ACTION_SCRIPTS: dict[str, str | None] = {
    "thank-you": "thank-you",
    "update-referrer": "referrer-update",
    "follow-up": "follow-up-no-reply",
    "try-another-contact": "outreach-email",
    "keep-in-touch": "keep-in-touch",
    "prepare": None,
    "confirm": "confirm-meeting",
    "happened": None,
    "busy-day": "moving-meeting",
}
# The event to log on the item's contact once the action is done (None: nothing to log).
ACTION_EVENTS: dict[str, str | None] = {
    "thank-you": "thanked",
    "update-referrer": "referrer-updated",
    "follow-up": "reached-out",
    "try-another-contact": None,
    "keep-in-touch": "kept-in-touch",
    "prepare": None,
    "confirm": "confirmed",
    "happened": None,
    "busy-day": None,
}
ACTION_TITLES = {
    "thank-you": "Thank-you",
    "update-referrer": "Tell referrer",
    "follow-up": "Follow up",
    "try-another-contact": "Try another",
    "keep-in-touch": "Keep in touch",
    "prepare": "Prepare",
    "confirm": "Confirm",
    "happened": "Did it happen?",
    "busy-day": "Busy day",
}

THANK_YOU_DAYS = 1  # the thank-you is due the same day or the next; late after that
REFERRER_UPDATE_DAYS = 3
TRY_ANOTHER_BUSINESS_DAYS = 3
FOLLOW_UP_BUSINESS_DAYS = 7
KEEP_IN_TOUCH_WEEKS = 6
PREPARE_WITHIN_DAYS = 2
PREPARE_STEP = "prepare"
CONDUCT_STEP = "conduct"  # the steps before it are for a talk still to come
NAMES_TO_TRY = 3  # the colleagues a try-another-contact item names, at most
CONFIRM_DAYS_BEFORE = 1
HELD_EARLY_DAYS = 3  # an interview this many days before a meeting held it, early
CONFIRMED_WITHIN_DAYS = 3  # a `confirmed` logged this close to the meeting confirms it
NO_SHOW_WAIT = timedelta(minutes=10)  # people run late: no note before this
NO_SHOW_SCRIPT = "no-show-note"
# Items due on the day of a meeting, not by it.
ON_THE_DAY = frozenset({"prepare", "busy-day"})
CALLS_PER_DAY = 2  # conversations a day at most, by default: each one takes it out of you


@dataclass(frozen=True)
class AgendaItem:
    """One thing to do for one contact. `text` says what, in plain words."""

    contact_id: int
    contact: str
    action: str
    due: date
    overdue: bool
    text: str
    referrer: str = ""
    referrer_id: int | None = None
    booster_colleague: bool = False  # someone at the contact's company is a booster

    @property
    def script(self) -> str | None:
        return ACTION_SCRIPTS[self.action]

    @property
    def event(self) -> str | None:
        return ACTION_EVENTS[self.action]

    def as_dict(self) -> dict[str, Any]:
        """The item as JSON-ready values (`due` as YYYY-MM-DD)."""
        return {
            "contact_id": self.contact_id,
            "contact": self.contact,
            "action": self.action,
            "due": self.due.strftime(DATE_FORMAT),
            "overdue": self.overdue,
            "text": self.text,
            "referrer": self.referrer or None,
            "script": self.script,
        }


# -- dates --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)  # pure, and asked of the same few days again and again
def add_business_days(start: date, days: int) -> date:
    """The date `days` working days (Monday to Friday) after `start`, which is day 0."""
    current = start
    counted = 0
    while counted < days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            counted += 1
    return current


def short_day(day: date) -> str:
    """'Fri 20 Nov', in English whatever the locale."""
    weekday = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[day.weekday()]
    month = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[
        day.month - 1
    ]
    return f"{weekday} {day.day} {month}"


def long_day(day: date) -> str:
    """'Friday 20 November': no abbreviation for a speech synthesizer to misread."""
    weekday = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[
        day.weekday()
    ]
    month = (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    )[day.month - 1]
    return f"{weekday} {day.day} {month}"


DayWords = Callable[[date], str]  # how a day is written in an item: `short_day` or `long_day`


def due_label(due: date, today: date) -> str:
    """'3 days overdue', 'due today', 'due tomorrow', 'due in 2 days'."""
    days = (due - today).days
    if days < 0:
        return "1 day overdue" if days == -1 else f"{-days} days overdue"
    if days == 0:
        return "due today"
    return "due tomorrow" if days == 1 else f"due in {days} days"


def when_label(item: AgendaItem, today: date, day_words: DayWords = short_day) -> str:
    """The label of an item on the agenda: 'due by tomorrow' for a thank-you not yet late,
    'due Sun 22 Nov' for a meeting to prepare or a busy day (the day as `day_words` writes
    it), else as `due_label`."""
    days = (item.due - today).days
    if days <= 0:
        return due_label(item.due, today)
    if item.action in ON_THE_DAY:
        return f"due {day_words(item.due)}"
    return "due by tomorrow" if days == 1 else f"due by {day_words(item.due)}"


def thank_you_deadline(interview: date) -> date:
    """The last day a thank-you for an interview on `interview` is on time: the next day."""
    return interview + timedelta(days=THANK_YOU_DAYS)


def thank_you_late(interview: date, today: date) -> bool:
    """Whether a thank-you not sent by `today` is late (on the interview day it is only due)."""
    return today > thank_you_deadline(interview)


def thank_you_on_time(interview: date, thanked: date) -> bool:
    """Whether thanks on `thanked` were on time for the interview: the same day or the next."""
    return interview <= thanked <= thank_you_deadline(interview)


def meeting_datetime(contact: Contact) -> datetime | None:
    if not contact.meeting:
        return None
    try:
        return datetime.strptime(contact.meeting, MEETING_FORMAT)
    except ValueError:
        return None


def planned_meeting(contact: Contact, events: Iterable[Event]) -> datetime | None:
    """The one place that says whether the contact's meeting is still the talk she plans:
    its time, or None once an interview held it (an `interviewed` logged on its day or up to
    HELD_EARLY_DAYS before: the call came early). The agenda, `brief` and the list ask here,
    so a held meeting no longer asks to be prepared, confirmed or thanked for on its day."""
    meeting = meeting_datetime(contact)
    if meeting is None:
        return None
    since = meeting.date() - timedelta(days=HELD_EARLY_DAYS)
    held = any(event.kind == "interviewed" and event.day >= since for event in events)
    return None if held else meeting


# How each kind of meeting reads in a message: "our twenty minutes tomorrow, by phone".
HOW_WE_TALK = {"phone": "by phone", "video": "by video call", "in person": "in person"}


def meeting_values(contact: Contact) -> dict[str, str]:
    """The `{meeting_day}`, `{meeting_time}` and `{how_we_talk}` of the scripts that confirm,
    move or cancel a meeting (the day and time left out when no meeting is set: the script
    shows a placeholder for them)."""
    how = {"how_we_talk": HOW_WE_TALK.get(contact.meeting_kind, "")}
    meeting = meeting_datetime(contact)
    if meeting is None:
        return how
    return {"meeting_day": long_day(meeting.date()), "meeting_time": f"{meeting:%H:%M}", **how}


# -- energy: calls a day -------------------------------------------------------------------


def meetings_on(contacts: Iterable[Contact], day: date) -> list[tuple[datetime, Contact]]:
    """The meetings on `day`, by time (then by contact id); a closed contact's is no call."""
    found = []
    for contact in contacts:
        meeting = meeting_datetime(contact)
        if meeting is not None and meeting.date() == day and contact.stage != CLOSED:
            found.append((meeting, contact))
    return sorted(found, key=lambda pair: (pair[0], pair[1].id))


def busy_day_note(
    contacts: Iterable[Contact],
    meeting: datetime,
    limit: int = CALLS_PER_DAY,
    contact_id: int | None = None,
) -> str:
    """One line when a meeting at `meeting` (for `contact_id`, whose own meeting does not
    count) makes more calls that day than `limit`; "" when the day has room."""
    others = [(at, c) for at, c in meetings_on(contacts, meeting.date()) if c.id != contact_id]
    if len(others) < limit:
        return ""
    booked = _either([f"{c.name} at {at:%H:%M}" for at, c in others], "and")
    return (
        f"That makes {number_words(len(others) + 1)} calls on {short_day(meeting.date())} (with "
        f"{booked}); {_per_day(limit)} is your limit. Another day would leave you more to give."
    )


def _per_day(limit: int) -> str:
    """'two a day', 'one a day'."""
    return f"{number_words(limit)} a day"


# -- the rules ----------------------------------------------------------------------------


class _Rules:
    def __init__(
        self,
        contacts: Sequence[Contact],
        events: Mapping[int, Sequence[Event]],
        today: date,
        prepare_items: Collection[str],
        now: datetime | None = None,
        day_words: DayWords = short_day,
        calls_per_day: int = CALLS_PER_DAY,
    ) -> None:
        self.contacts = contacts
        self.calls_per_day = calls_per_day
        self.days: dict[date, list[tuple[datetime, int]]] = {}  # meeting day -> (time, id)
        self.day_words = day_words
        self.by_id = {contact.id: contact for contact in contacts}
        self.events = events
        self.today = today
        self.now = now
        self.prepare_items = tuple(prepare_items)
        self.referred: dict[int, list[int]] = {}
        # company group -> its contacts, by name; and the groups where someone is a booster
        self.staff: dict[tuple[str, str], list[Contact]] = {}
        self.boosted: set[tuple[str, str]] = set()
        # group -> the two contacts with the latest events in it, as (latest day, contact id)
        self.latest_in: dict[tuple[str, str], list[tuple[date, int]]] = {}
        for contact in self.contacts:
            meeting = planned_meeting(contact, events.get(contact.id, ()))
            if meeting is not None and contact.stage != CLOSED:
                self.days.setdefault(meeting.date(), []).append((meeting, contact.id))
            if contact.referred_by is not None:
                self.referred.setdefault(contact.referred_by, []).append(contact.id)
            company = _company_group(contact)
            if company is not None:
                self.staff.setdefault(company, []).append(contact)
                if contact.contact_type == BOOSTER:
                    self.boosted.add(company)
            logged = events.get(contact.id)
            if not logged:
                continue
            latest = (max(event.day for event in logged), contact.id)
            for group in _groups(contact):
                top = self.latest_in.setdefault(group, [])
                top.append(latest)
                top.sort(reverse=True)
                del top[2:]

    def item(
        self, contact: Contact, action: str, due: date, text: str, referrer: Contact | None = None
    ) -> AgendaItem:
        return AgendaItem(
            contact_id=contact.id,
            contact=contact.name,
            action=action,
            due=due,
            overdue=self.today > due,
            text=text,
            referrer=referrer.name if referrer else "",
            referrer_id=referrer.id if referrer else None,
        )

    def all(self) -> Iterator[tuple[date, AgendaItem]]:
        """(first day shown, item) for every open item, shown yet or not."""
        for contact in self.contacts:
            events = sorted(self.events.get(contact.id, ()))
            if derive_stage(events, contact.stage) == CLOSED:
                continue
            yield from self.thank_you(contact, events)
            yield from self.update_referrer(contact, events)
            yield from self.three_b_seven(contact, events)
            yield from self.keep_in_touch(contact, events)
            yield from self.prepare(contact, events)
            yield from self.confirm(contact, events)
            yield from self.happened(contact, events)
            yield from self.busy_day(contact)

    def meeting(self, contact: Contact) -> datetime | None:
        """The contact's meeting while it is still planned (`planned_meeting`)."""
        return planned_meeting(contact, self.events.get(contact.id, ()))

    def met(self, contact: Contact) -> date | None:
        """The day of the contact's meeting, once its time has passed (None: not yet, or no
        meeting). Without `now`, a meeting has passed once its day has."""
        meeting = self.meeting(contact)
        if meeting is None:
            return None
        passed = meeting <= self.now if self.now is not None else meeting.date() < self.today
        return meeting.date() if passed else None

    def thank_you(self, contact: Contact, events: list[Event]) -> Iterator[tuple[date, AgendaItem]]:
        interview = last_of(events, "interviewed")
        talk = interview.day if interview is not None else None
        met = self.met(contact)
        if met is not None and _logged_since(events, "no-show", met):
            met = None  # they did not come: nothing to thank them for
        if met is not None and not thank_you_late(met, self.today) and (talk is None or met > talk):
            talk = met  # the meeting has just happened: thank them, logged or not yet
        if talk is None or talk > self.today or _logged_since(events, "thanked", talk):
            return
        due = thank_you_deadline(talk)
        when = "today" if talk == self.today else f"on {self.day_words(talk)}"
        text = f"Thank {contact.name} for your talk {when}; name one thing you learned"
        if not thank_you_late(talk, self.today) and due > self.today:
            text += " (thank-you due by tomorrow)"
        yield talk, self.item(contact, "thank-you", due, text)

    def update_referrer(
        self, contact: Contact, events: list[Event]
    ) -> Iterator[tuple[date, AgendaItem]]:
        referrer = self.by_id.get(contact.referred_by) if contact.referred_by else None
        interview = last_of(events, "interviewed")
        if referrer is None or interview is None:
            return
        if _logged_since(events, "referrer-updated", interview.day):
            return
        due = interview.day + timedelta(days=REFERRER_UPDATE_DAYS)
        text = f"Tell {referrer.name}, who referred you, how your talk with {contact.name} went"
        yield (
            interview.day + timedelta(days=1),
            self.item(contact, "update-referrer", due, text, referrer),
        )

    def three_b_seven(
        self, contact: Contact, events: list[Event]
    ) -> Iterator[tuple[date, AgendaItem]]:
        answers = [event.day for event in events if event.kind != "reached-out"]
        last_answer = max(answers) if answers else None
        silent = [
            event
            for event in events
            if event.kind == "reached-out" and (last_answer is None or event.day > last_answer)
        ]
        if not silent:
            return
        first = silent[0]
        since = self.day_words(first.day)
        if not self._other_contact_since(contact, first.day):
            due = add_business_days(first.day, TRY_ANOTHER_BUSINESS_DAYS)
            where = f"at {contact.company}" if contact.company else "in the same field"
            text = (
                f"No reply from {contact.name} since {since}: reach out to someone else {where} "
                "as well"
            )
            names = [other.name for other in self._not_reached(contact)[:NAMES_TO_TRY]]
            if names:
                text += f": {_either(names)}"
            item = self.item(contact, "try-another-contact", due, text)
            company = _company_group(contact)
            if company in self.boosted:
                item = replace(item, booster_colleague=True)
            yield due, item
        if len(silent) == 1:
            due = add_business_days(first.day, FOLLOW_UP_BUSINESS_DAYS)
            text = f"No reply from {contact.name} since {since}: send one short, polite follow-up"
            yield due, self.item(contact, "follow-up", due, text)

    def _not_reached(self, contact: Contact) -> list[Contact]:
        """The contact's colleagues not yet reached out to (nothing logged), by name."""
        company = _company_group(contact)
        colleagues = self.staff.get(company, []) if company is not None else []
        waiting = [
            other
            for other in colleagues
            if other.id != contact.id
            and not self.events.get(other.id)
            and other.stage == "identified"
        ]
        return sorted(waiting, key=lambda other: (other.name.casefold(), other.id))

    def _other_contact_since(self, contact: Contact, day: date) -> bool:
        """Whether someone else at the same company was contacted on or after `day`.

        With no company, the same industry counts; with neither, anyone.
        """
        group = _groups(contact)[0]
        return any(
            latest >= day and other != contact.id for latest, other in self.latest_in.get(group, ())
        )

    def keep_in_touch(
        self, contact: Contact, events: list[Event]
    ) -> Iterator[tuple[date, AgendaItem]]:
        if last_of(events, "thanked") is None:
            return
        touches = [event.day for event in events]
        for other in self.referred.get(contact.id, ()):
            # telling a referrer how their introduction went keeps in touch with them too
            touches.extend(
                e.day for e in self.events.get(other, ()) if e.kind == "referrer-updated"
            )
        weeks = contact.keep_in_touch_weeks or KEEP_IN_TOUCH_WEEKS
        due = max(touches) + timedelta(weeks=weeks)
        text = f"Write to {contact.name}: say what you did with their advice (every {weeks} weeks)"
        yield due, self.item(contact, "keep-in-touch", due, text)

    def prepare(self, contact: Contact, events: list[Event]) -> Iterator[tuple[date, AgendaItem]]:
        meeting = self.meeting(contact)
        if meeting is None or not self.prepare_items or self.met(contact) is not None:
            return  # no meeting, nothing to prepare, or the meeting has happened
        day = meeting.date()
        if not self.today <= day <= self.today + timedelta(days=PREPARE_WITHIN_DAYS):
            return
        first_shown = day - timedelta(days=PREPARE_WITHIN_DAYS)
        left = [item for item in self.prepare_items if item not in contact.checklist]
        if not left:
            return
        text = (
            f"Meeting with {contact.name} on {self.day_words(day)} at {meeting:%H:%M}: "
            f"{len(left)} of {len(self.prepare_items)} Prepare items still to do"
        )
        yield first_shown, self.item(contact, "prepare", day, text)

    def confirm(self, contact: Contact, events: list[Event]) -> Iterator[tuple[date, AgendaItem]]:
        meeting = self.meeting(contact)
        if meeting is None or self.met(contact) is not None:
            return
        day = meeting.date()
        first_day = day - timedelta(days=CONFIRM_DAYS_BEFORE)
        if not first_day <= self.today <= day:
            return
        due = self.today  # never overdue: a confirmation on the morning itself still helps
        if _logged_since(events, "confirmed", day - timedelta(days=CONFIRMED_WITHIN_DAYS)):
            return
        how = HOW_WE_TALK.get(contact.meeting_kind, "")
        text = (
            f"Confirm your meeting with {contact.name} on {self.day_words(day)} at "
            f"{meeting:%H:%M}: the time, {how + ', ' if how else ''}and a number to reach you"
        )
        yield first_day, self.item(contact, "confirm", due, text)

    def happened(self, contact: Contact, events: list[Event]) -> Iterator[tuple[date, AgendaItem]]:
        met = self.met(contact)
        meeting = self.meeting(contact)
        if met is None or meeting is None:
            return
        if _logged_since(events, "interviewed", met) or _logged_since(events, "no-show", met):
            return
        text = f"Your meeting with {contact.name} on {self.day_words(met)} at {meeting:%H:%M}"
        yield met, self.item(contact, "happened", met, f"{text}: did it happen?")

    def busy_day(self, contact: Contact) -> Iterator[tuple[date, AgendaItem]]:
        meeting = self.meeting(contact)
        if meeting is None or meeting.date() < self.today or self.met(contact) is not None:
            return
        day = sorted(self.days.get(meeting.date(), []))
        if (meeting, contact.id) not in day:
            return  # closed: not a call any more
        place = day.index((meeting, contact.id))
        if place < self.calls_per_day:
            return
        others = [self.by_id[other] for at, other in day if other != contact.id]
        text = (
            f"The {ordinal_words(place + 1)} call on {self.day_words(meeting.date())} (with "
            f"{_either([other.name for other in others], 'and')} too): "
            f"{_per_day(self.calls_per_day)} is your limit; move this one?"
        )
        yield self.today, self.item(contact, "busy-day", meeting.date(), text)


def no_show_from(contact: Contact) -> datetime | None:
    """When a missed meeting may be called missed: ten minutes after its time."""
    meeting = meeting_datetime(contact)
    return meeting + NO_SHOW_WAIT if meeting is not None else None


def _either(names: Sequence[str], word: str = "or") -> str:
    """'Ann', 'Ann or Bo', 'Ann, Bo or Cy' (`word` "and": 'Ann, Bo and Cy')."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {word} {names[-1]}"


def _company_group(contact: Contact) -> tuple[str, str] | None:
    """The contact's company as a group: its record when linked to one (so "Acme Inc." and
    "ACME" are one), else its name ignoring case; None without a company."""
    if contact.company_id is not None:
        return ("company", f"#{contact.company_id}")
    return ("company", contact.company.casefold()) if contact.company else None


def _groups(contact: Contact) -> list[tuple[str, str]]:
    """The groups a contact belongs to, the closest first: company, industry, everyone."""
    company = _company_group(contact)
    groups = [company] if company is not None else []
    if contact.industry:
        groups.append(("industry", contact.industry.casefold()))
    return [*groups, ("anyone", "")]


def _logged_since(events: Iterable[Event], kind: str, day: date) -> bool:
    return any(event.kind == kind and event.day >= day for event in events)


def sort_key(item: AgendaItem) -> tuple[Any, ...]:
    """Overdue first, then by due date, then in the order of ACTIONS, then a booster's
    colleagues first, then by name."""
    return (
        not item.overdue,
        item.due,
        ACTIONS.index(item.action),
        not item.booster_colleague,
        item.contact.casefold(),
        item.contact_id,
    )


def build_agenda(
    contacts: Iterable[Contact],
    events: Mapping[int, Sequence[Event]],
    today: date,
    *,
    prepare_items: Collection[str] = (),
    now: datetime | None = None,
    day_words: DayWords = short_day,
    calls_per_day: int = CALLS_PER_DAY,
) -> list[AgendaItem]:
    """The items to show on `today`: the pure core, from plain contacts and their event logs.

    `prepare_items` are the ids of the Prepare step's checklist items. `now` (on `today`) says
    which of today's meetings have happened; without it, only those of earlier days have.
    `day_words` writes the days the items' texts name.
    """
    rules = _Rules(list(contacts), events, today, prepare_items, now, day_words, calls_per_day)
    shown = [item for first_day, item in rules.all() if first_day <= today]
    return sorted(shown, key=sort_key)


def prepare_item_ids(content: Any) -> tuple[str, ...]:
    """The checklist ids of the Prepare step of a `content.Content`."""
    for step in content.steps:
        if step.id == PREPARE_STEP:
            return tuple(item.id for item in step.items)
    return ()


def agenda_items(
    records: Records,
    today: date,
    *,
    prepare_items: Collection[str],
    day_words: DayWords = short_day,
    calls_per_day: int = CALLS_PER_DAY,
) -> list[AgendaItem]:
    """The agenda for `today` from the stored records: overdue first, then by due date.

    When `today` is the records' own today, their clock's time says which meetings happened.
    """
    clock = records.now()
    now = clock if clock.date() == today else None
    return build_agenda(
        records.contacts(),
        records.events_by_contact(),
        today,
        prepare_items=prepare_items,
        now=now,
        day_words=day_words,
        calls_per_day=calls_per_day,
    )
