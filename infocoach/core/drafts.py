"""The values the scripts' `{placeholders}` are filled with: the contact's and the user's own.

One place for the timer pane, the message editor and anything else that fills a script. What
the app knows is filled in: the area of work (from their role or industry, never a bare job
title), the referrer, the names you gained, and "yesterday" or "today" from the real dates.
Pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from infocoach.core.agenda import meeting_values
from infocoach.core.models import Contact
from infocoach.core.records import Records

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


def placeholders(
    contact: Contact | None,
    mine: Mapping[str, str],
    referrer: str = "",
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
        name=contact.name, first_name=contact.first_name, company=contact.company,
        role=contact.role, industry=contact.industry, how_met=contact.how_met,
        referrer=referrer, minutes=str(contact.agreed_minutes), area=area,
        field=_in_a_sentence(contact.industry) or (area if area != DEFAULT_AREA else ""),
        when_we_spoke=when_spoken(spoke_on, today) if today else "",
        names_gained=names_list(names_gained),
    )  # fmt: skip
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
    """The day of the latest recorded interview with `contact`, if any."""
    days = []
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
    gained = [other.name for other in store.contacts() if other.referred_by == contact.id]
    return placeholders(
        contact,
        mine,
        referrer.name if referrer else "",
        today=store.today(),
        spoke_on=last_spoken(store, contact),
        names_gained=gained,
    )
