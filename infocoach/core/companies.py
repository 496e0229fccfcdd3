"""Target companies: the LAMP list, company names matched, and contact types. Pure: no I/O.

Steve Dalton's *2-Hour Job Search*: List the employers; for each, Advocacy (someone she knows
there, or a background she shares), Motivation (her gut interest, 0-3) and Posting (relevant
openings, 0-3); work them in that order, Motivation first, the top five at a time. How a contact
answers says what kind of contact they are: a booster replies within three business days (and
helps), an obligate later, a curmudgeon not within seven.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from infocoach.core.agenda import (
    FOLLOW_UP_BUSINESS_DAYS,
    TRY_ANOTHER_BUSINESS_DAYS,
    add_business_days,
)
from infocoach.core.imports import Record, Rejection
from infocoach.core.insights import Conversation
from infocoach.core.models import (
    BOOSTER,
    CONTACT_TYPES,
    CURMUDGEON,
    OBLIGATE,
    Company,
    Contact,
    InvalidInput,
)
from infocoach.core.stages import Event
from infocoach.core.text import clean_line, clean_text
from infocoach.core.text import fold as fold  # the one fold, long imported from here

MIN_SCORE, MAX_SCORE = 0, 3
TOP_FIVE = 5

UNKNOWN_TYPE = ""  # not reached out yet, or still within the week they have to answer

# The legal forms a company name may end with, once dots are dropped and words are folded:
# "Acme Inc." and "ACME" are one company, "Acme Corp" and "acme corporation" too. Only the last
# words are dropped, and never the whole name ("Co." alone stays a name).
LEGAL_SUFFIXES = frozenset(
    """inc incorporated llc llp lp ltd limited plc gmbh ag kg sa sas sarl srl spa bv nv ab as
    oy corp corporation co company pty pte""".split()
)


# -- names ---------------------------------------------------------------------------------


def _is_legal_form(word: str) -> bool:
    return fold(word).replace(".", "").strip(",") in LEGAL_SUFFIXES


def _without_legal_form(words: list[str], keep: frozenset[str] = frozenset()) -> list[str]:
    """`words` without the legal-form words they end with, but for those in `keep` (folded);
    never all of them."""
    end = len(words)
    while end > 1 and _is_legal_form(words[end - 1]) and fold(words[end - 1]) not in keep:
        end -= 1
    return words[:end]


@functools.lru_cache(maxsize=8192)  # an import asks it of the same few names again and again
def company_key(name: str) -> str:
    """What two names of one company share: folded, commas and dots dropped, legal-form
    words at the end dropped. "" for a blank name."""
    words = [word.replace(".", "") for word in fold(name).replace(",", " ").split()]
    return " ".join(_without_legal_form([word for word in words if word]))


def everyday_name(name: str) -> str:
    """The company as a sentence names it: "Foxconn Technology Co., Ltd." is "Foxconn
    Technology", "Siemens Healthineers AG" "Siemens Healthineers". "The Walt Disney Company"
    keeps its "Company": there it is part of the name people say."""
    words = _without_legal_form(name.split(), keep=frozenset({"company"}))
    return " ".join(words).rstrip(",;")


# -- checking typed-in fields ----------------------------------------------------------------

COMPANY_LINE_FIELDS = ("name", "website", "industry")
SCORE_FIELDS = ("motivation", "posting")


def parse_score(value: object, what: str) -> int:
    """A Motivation or Posting score, 0 to 3, from a number or typed text; ValueError says why."""
    if isinstance(value, bool):
        raise ValueError(f"{what} is a whole number from {MIN_SCORE} to {MAX_SCORE}")
    text = str(value).strip()
    try:
        score = value if isinstance(value, int) else int(text or "0")
    except ValueError:
        raise ValueError(
            f"{what} {text!r} is not a whole number from {MIN_SCORE} to {MAX_SCORE}"
        ) from None
    if not MIN_SCORE <= score <= MAX_SCORE:
        raise ValueError(f"{what} {score} is out of range ({MIN_SCORE} to {MAX_SCORE})")
    return score


def company_fields(raw: Mapping[str, object]) -> dict[str, object]:
    """Check and clean company fields given as typed text or typed values; InvalidInput names
    every bad field. Only the fields given are returned."""
    fields: dict[str, object] = {}
    problems: dict[str, str] = {}
    for name in COMPANY_LINE_FIELDS:
        if name in raw:
            fields[name] = clean_line(str(raw[name] or ""))
    if "name" in raw and not company_key(str(fields["name"])):
        problems["name"] = "a company name is required"
    if "notes" in raw:
        fields["notes"] = clean_text(str(raw["notes"] or "")).strip()
    for name in SCORE_FIELDS:
        if name in raw:
            try:
                fields[name] = parse_score(raw[name], name)
            except ValueError as error:
                problems[name] = str(error)
    if "shared_background" in raw:
        fields["shared_background"] = bool(raw["shared_background"])
    unknown = set(raw) - {*COMPANY_LINE_FIELDS, *SCORE_FIELDS, "notes", "shared_background"}
    for name in sorted(unknown):
        problems[name] = "is no field of a company"
    if problems:
        raise InvalidInput(problems)
    return fields


def check_contact_type(label: str) -> str:
    """A contact type she chose ("" for the one the log shows); InvalidInput when unknown."""
    label = clean_line(label).casefold()
    if label not in (*CONTACT_TYPES, UNKNOWN_TYPE):
        raise InvalidInput(
            {"contact_type": f"{label!r} is not one of {', '.join(CONTACT_TYPES)} (or blank)"}
        )
    return label


# -- a LAMP list imported --------------------------------------------------------------------


@dataclass(frozen=True)
class TargetsImported:
    added: int
    updated: int
    separator: str = ","  # between the cells of the file's rows

    def summary(self) -> str:
        read_as = SEPARATOR_NAMES.get(self.separator, repr(self.separator))
        how = f" (cells separated by {read_as})" if self.separator != "," else ""
        return f"added {self.added}, updated {self.updated} companies{how}"


SEPARATOR_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


def checked_targets(records: Iterable[Record]) -> tuple[list[dict[str, object]], list[Rejection]]:
    """The fields of each row of an imported LAMP list, checked (see `company_fields`), and
    the rows rejected: an empty company, a score that is no whole number from 0 to 3, a
    company named twice in the file (by `company_key`: "Acme" and "ACME Inc." are one)."""
    checked: list[dict[str, object]] = []
    rejected: list[Rejection] = []
    first_row: dict[str, int] = {}
    for record in records:
        name = clean_line(record.fields.get("name", ""))
        key = company_key(name)
        if key in first_row:
            rejected.append(Rejection(record.row, f"{name} is already on line {first_row[key]}"))
            continue
        if key:
            first_row[key] = record.row
        try:
            checked.append(company_fields(record.fields))
        except InvalidInput as error:
            rejected.append(Rejection(record.row, "; ".join(error.problems.values())))
    return checked, rejected


# -- contact types ---------------------------------------------------------------------------


def contact_type(events: Sequence[Event], today: date) -> str:
    """What the log shows of how the contact answers (see module): booster, obligate,
    curmudgeon, or UNKNOWN_TYPE. Counted from the first `reached-out`; any later entry but
    another `reached-out` is their answer (a talk scheduled or held proves a reply), and a
    `declined` answers without helping, so it never makes a booster."""
    ordered = sorted(events)
    first_out = next((event for event in ordered if event.kind == "reached-out"), None)
    if first_out is None:
        return UNKNOWN_TYPE
    answer = next((e for e in ordered if e.kind != "reached-out" and e.day >= first_out.day), None)
    if answer is not None:
        in_time = answer.day <= add_business_days(first_out.day, TRY_ANOTHER_BUSINESS_DAYS)
        return BOOSTER if in_time and answer.kind != "declined" else OBLIGATE
    if today >= add_business_days(first_out.day, FOLLOW_UP_BUSINESS_DAYS):
        return CURMUDGEON
    return UNKNOWN_TYPE


# -- the LAMP list ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One company of the LAMP list, with what she has there."""

    company: Company
    rank: int  # 1: the top of the list
    top_five: bool
    advocacy: bool  # someone she knows there, or a background she shares
    contacts: tuple[Contact, ...]  # sorted by name
    interviews: int  # conversations with its contacts
    told_me: int  # different people there she has talked with

    def as_dict(self) -> dict[str, object]:
        """JSON-ready values; `contacts` as objects with `id` and `name`."""
        company = self.company
        return {
            "rank": self.rank,
            "top_five": self.top_five,
            "id": company.id,
            "name": company.name,
            "website": company.website,
            "industry": company.industry,
            "motivation": company.motivation,
            "posting": company.posting,
            "advocacy": self.advocacy,
            "shared_background": company.shared_background,
            "contacts": [{"id": contact.id, "name": contact.name} for contact in self.contacts],
            "interviews": self.interviews,
            "told_me": self.told_me,
            "notes": company.notes,
        }


def lamp_key(company: Company, advocacy: bool) -> tuple[int, int, bool, str, int]:
    """Motivation, then Posting (both highest first), then Advocacy (yes first), then name."""
    return (-company.motivation, -company.posting, not advocacy, fold(company.name), company.id)


def rank_targets(
    companies: Iterable[Company],
    contacts: Iterable[Contact],
    conversations: Iterable[Conversation],
) -> list[Target]:
    """The LAMP list of `companies`; their contacts are those whose `company_id` names them,
    and `conversations` (see `insights.merge_interviews`) are counted for theirs."""
    staff: dict[int, list[Contact]] = {}
    for contact in contacts:
        if contact.company_id is not None:
            staff.setdefault(contact.company_id, []).append(contact)
    talks: dict[int, int] = {}
    for conversation in conversations:
        talks[conversation.contact_id] = talks.get(conversation.contact_id, 0) + 1
    scored = []
    for company in companies:
        people = tuple(sorted(staff.get(company.id, ()), key=lambda c: (fold(c.name), c.id)))
        advocacy = company.shared_background or bool(people)
        scored.append((lamp_key(company, advocacy), company, advocacy, people))
    scored.sort(key=lambda entry: entry[0])
    return [
        Target(
            company=company,
            rank=rank,
            top_five=rank <= TOP_FIVE and company.motivation > 0,  # unrated: no top to mark
            advocacy=advocacy,
            contacts=people,
            interviews=sum(talks.get(person.id, 0) for person in people),
            told_me=sum(1 for person in people if talks.get(person.id)),
        )
        for rank, (_, company, advocacy, people) in enumerate(scored, start=1)
    ]
