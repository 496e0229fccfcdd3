"""The values the scripts' `{placeholders}` are filled with: the contact's and the user's own.

One place for the timer pane, the message editor and anything else that fills a script. What
the app knows is filled in: what to call them and their referrer (`names`), their company as
people say it (`companies.everyday_name`), the area of work (from their role or industry,
never a bare job title), where she found their name as a phrase, the names you gained,
"yesterday" or "today" from the real dates, and hours that suit both sides when their time
zone is known. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from infocoach.core.agenda import meeting_values
from infocoach.core.companies import everyday_name
from infocoach.core.how_met import as_found_phrase, reads_as_found
from infocoach.core.models import Contact, known_time_zone
from infocoach.core.records import Records
from infocoach.core.referrals import names_gained

# Words of a job title that say how senior, not what the work is.
_RANKS = frozenset({
    "senior", "sr", "junior", "jr", "lead", "leader", "head", "of", "chief", "principal",
    "staff", "manager", "director", "vp", "vice", "president", "officer", "team", "associate",
    "assistant", "deputy", "executive", "the", "and", "&", "intern", "global", "regional",
    "group", "ii", "iii", "iv", "i", "owner", "founder", "co-founder", "cofounder", "partner",
    "ceo", "cto", "cfo", "coo", "cmo", "cio", "evp", "svp", "avp", "md", "member",
    "specialist", "coordinator", "trainee", "apprentice", "-", "–", "—", "/", ",",
})  # fmt: skip
# A person who does the work -> the work itself ("Data Scientist" -> "data science").
_WORK = {
    "engineer": "engineering", "developer": "development", "designer": "design",
    "analyst": "analysis", "scientist": "science", "researcher": "research",
    "writer": "writing", "marketer": "marketing", "consultant": "consulting",
    "accountant": "accounting", "architect": "architecture", "nurse": "nursing",
    "teacher": "teaching", "editor": "editing", "recruiter": "recruiting",
    "planner": "planning", "strategist": "strategy", "programmer": "programming",
    "producer": "production", "economist": "economics", "statistician": "statistics",
    "administrator": "administration", "librarian": "library work", "lawyer": "law",
    "attorney": "law", "counsel": "law", "physician": "medicine", "doctor": "medicine",
    "pharmacist": "pharmacy", "journalist": "journalism", "photographer": "photography",
    "translator": "translation", "therapist": "therapy", "tester": "testing",
    "buyer": "buying", "trader": "trading", "investor": "investing", "advisor": "advice",
    "adviser": "advice", "auditor": "auditing", "curator": "curation",
}  # fmt: skip
_WORD = re.compile(r"[^\s,/()]+")
DEFAULT_AREA = "the work"


def _in_a_sentence(text: str) -> str:
    """A field's name as it reads mid-sentence: "Public sector" -> "public sector", but
    "IT", "FinTech" and "UX research" keep their capitals."""
    text = " ".join(text.split())
    first = text.split()[0] if text else ""
    if not first or (first.isupper() and len(first) > 1) or any(c.isupper() for c in first[1:]):
        return text
    return text[0].lower() + text[1:]


def area_of(role: str, industry: str = "") -> str:
    """Their area of work, to complete "who works on ..." or "questions about ...".

    "Product Manager" -> "product", "Head of Analytics" -> "analytics", "Data Scientist" ->
    "data science"; a title with nothing but rank in it ("CEO") gives the industry instead,
    and with neither, "the work".
    """
    words = [word for word in _WORD.findall(role) if word.casefold().strip(".") not in _RANKS]
    kept = []
    for word in words:
        folded = word.casefold()
        singular = folded[:-1] if folded.endswith("s") and folded[:-1] in _WORK else folded
        if singular in _WORK:
            kept.append(_WORK[singular])
        elif (word.isupper() and len(word) > 1) or any(c.isupper() for c in word[1:]):
            kept.append(word)  # "UX", "DevOps": a name, keep its capitals
        else:
            kept.append(folded)
    if kept:
        return " ".join(kept)
    return _in_a_sentence(industry) or DEFAULT_AREA


def when_spoken(spoke_on: date | None, today: date) -> str:
    """ "today", "yesterday", "on Monday" within the week, else "on 3 March"."""
    if spoke_on is None:
        return ""
    days = (today - spoke_on).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"on {spoke_on:%A}"
    return f"on {spoke_on.day} {spoke_on:%B}"


def names_list(names: Sequence[str]) -> str:
    """ "Ann", "Ann and Bo", "Ann, Bo and Cy"."""
    names = [" ".join(name.split()) for name in names if name.strip()]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def place_name(zone: str) -> str:
    """A time zone as a person names it: "Asia/Tokyo" is "Tokyo", "America/Argentina/Buenos_Aires"
    "Buenos Aires"."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


# The hours a call can go in: their working day, and her waking one.
_THEIR_DAY = (time(9), time(18))
_MY_DAY = (time(8), time(21))
_LONGEST_WINDOW = timedelta(hours=2)
_SHORTEST_WINDOW = timedelta(hours=1)


def call_window(their_zone: str, my_zone: str, on: date) -> str:
    """Up to two hours on `on` inside their working day and her waking one, in both zones:
    "between 17:00 and 18:00 your time in Tokyo (08:00 to 09:00 here in London)"; "" when
    either zone is unknown or the days share less than an hour."""
    if not (their_zone and my_zone and known_time_zone(their_zone) and known_time_zone(my_zone)):
        return ""
    theirs, mine = ZoneInfo(their_zone), ZoneInfo(my_zone)
    for day in (on - timedelta(days=1), on, on + timedelta(days=1)):  # her day, theirs ±1
        start = max(
            datetime.combine(on, _THEIR_DAY[0], theirs), datetime.combine(day, _MY_DAY[0], mine)
        )
        end = min(
            datetime.combine(on, _THEIR_DAY[1], theirs),
            datetime.combine(day, _MY_DAY[1], mine),
            start + _LONGEST_WINDOW,
        )
        if end - start >= _SHORTEST_WINDOW:
            there, there_end = start.astimezone(theirs), end.astimezone(theirs)
            here, here_end = start.astimezone(mine), end.astimezone(mine)
            return (
                f"between {there:%H:%M} and {there_end:%H:%M} your time in "
                f"{place_name(their_zone)} ({here:%H:%M} to {here_end:%H:%M} here in "
                f"{place_name(my_zone)})"
            )
    return ""


def found_phrase(how_met: str) -> str:
    """`how_met` as it completes "I found your name ..." ("through Maya", "at the PyData
    meetup"; a noun stored before every way in made it a phrase, "Referral", is made one
    now), else "": the draft then shows a bracket for her to write the words."""
    phrase = as_found_phrase(how_met)
    return phrase if reads_as_found(phrase) else ""


def placeholders(
    contact: Contact | None,
    mine: Mapping[str, str],
    referrer: Contact | None = None,
    *,
    today: date | None = None,
    spoke_on: date | None = None,
    names_gained: Sequence[str] = (),
) -> dict[str, str]:
    """`mine` (the `{my_*}` values from the settings) plus the contact's fields."""
    values = dict(mine)
    if contact is None:
        return values
    area = area_of(contact.role, contact.industry)
    values.update(
        name=contact.name,
        first_name=contact.greeting,
        company=everyday_name(contact.company),
        role=contact.role,
        industry=contact.industry,
        how_met=found_phrase(contact.how_met),
        referrer=referrer.name if referrer else "",
        referrer_first_name=referrer.greeting if referrer else "",
        minutes=str(contact.agreed_minutes),
        area=area,
        field=_in_a_sentence(contact.industry) or (area if area != DEFAULT_AREA else ""),
        when_we_spoke=when_spoken(spoke_on, today) if today else "",
        names_gained=names_list(names_gained),
        call_window=call_window(contact.time_zone, mine.get("my_time_zone", ""), today)
        if today
        else "",
    )
    values.update(meeting_values(contact))
    return values


def referrer_of(store: Records, contact: Contact | None) -> Contact | None:
    """The contact who referred `contact`, if any (and still there)."""
    if contact is None or contact.referred_by is None:
        return None
    try:
        return store.get_contact(contact.referred_by)
    except KeyError:
        return None


def last_spoken(store: Records, contact: Contact) -> date | None:
    """The day you last spoke with `contact`: the latest interview recorded at the end of a
    call, or logged as an "interviewed" event; None when there is neither."""
    events = store.events_by_contact().get(contact.id, ())
    days = [event.day for event in events if event.kind == "interviewed"]
    for interview in store.interviews(contact.id):
        try:
            days.append(date.fromisoformat(interview.date))
        except ValueError:
            continue
    return max(days, default=None)


def contact_values(
    store: Records, contact: Contact | None, mine: Mapping[str, str]
) -> dict[str, str]:
    """Everything a script needs for `contact`, looking the referrer up in `store`, with the
    day you last spoke and the names they gave you."""
    referrer = referrer_of(store, contact)
    if contact is None:
        return placeholders(contact, mine)
    gained = names_gained(contact.id, store.contacts(), store.interviews(contact.id)).names
    return placeholders(
        contact,
        mine,
        referrer,
        today=store.today(),
        spoke_on=last_spoken(store, contact),
        names_gained=gained,
    )
