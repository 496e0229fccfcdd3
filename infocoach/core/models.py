"""Plain records the store hands out, and the rules for turning typed-in text into them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from infocoach.core.how_met import as_found_phrase
from infocoach.core.names import greeting_name
from infocoach.core.text import clean_line, clean_text, fold

STAGES = (
    "identified",
    "reached-out",
    "scheduled",
    "interviewed",
    "thanked",
    "keeping-in-touch",
    "closed",
)
# How each stage reads in the app
STAGE_LABELS = {
    "identified": "to contact",
    "reached-out": "reached out",
    "scheduled": "scheduled",
    "interviewed": "interviewed",
    "thanked": "thanked",
    "keeping-in-touch": "keeping in touch",
    "closed": "closed",
}


def stage_name(stage: str) -> str:
    """A stage as the CLI shows it: the id that commands and JSON use ("reached-out"), with
    the app's words first where they are other words ("to contact (identified)")."""
    label = STAGE_LABELS.get(stage, stage)
    return stage if label.replace(" ", "-") == stage else f"{label} ({stage})"


EVENTS = (
    "reached-out",
    "replied",
    "scheduled",
    "interviewed",
    "thanked",
    "referrer-updated",
    "kept-in-touch",
    "declined",
    "confirmed",
    "no-show",
)
# How the meeting happens: it decides which "during the call" cards call mode shows.
MEETING_KINDS = ("phone", "video", "in person")
DEFAULT_MEETING_KIND = "phone"
MEETING_FORMAT = "%Y-%m-%d %H:%M"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_FORMAT = "%Y-%m-%d"
MIN_MINUTES, MAX_MINUTES = 1, 240
MIN_WEEKS, MAX_WEEKS = 1, 52
DEFAULT_MINUTES = 15
# How a contact answers (see `companies.contact_type`); "" when the log does not show it yet.
BOOSTER, OBLIGATE, CURMUDGEON = "booster", "obligate", "curmudgeon"
CONTACT_TYPES = (BOOSTER, OBLIGATE, CURMUDGEON)

# Fields that are one line of text; notes keep their newlines.
LINE_FIELDS = (
    "name",
    "company",
    "role",
    "industry",
    "email",
    "phone",
    "linkedin",
    "website",
    "how_met",
    "given_name",
    "family_name",
    "greet_as",
    "time_zone",
)


class InvalidInput(ValueError):
    """One or more fields were rejected; `problems` maps each field to its reason."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{name}: {reason}" for name, reason in self.problems.items()))


# How a contact is named by its id where a name is expected: "#12".
ID_REFERENCE = re.compile(r"#\d{1,12}")


class AmbiguousName(InvalidInput):
    """Several contacts share the name asked for; `candidates` are they, to choose from."""

    def __init__(self, name: str, candidates: tuple[Contact, ...]) -> None:
        self.name = name
        self.candidates = candidates
        super().__init__(
            {"name": f"{len(candidates)} contacts are named {name!r}: use #ID for one of them"}
        )

    def listing(self) -> list[str]:
        """Each candidate as `#ID name, company` (role too, when there is one)."""
        return [candidate.label() for candidate in self.candidates]


@dataclass(frozen=True)
class Contact:
    id: int
    name: str
    company: str = ""
    role: str = ""
    industry: str = ""
    email: str = ""
    phone: str = ""
    linkedin: str = ""
    website: str = ""  # any other web address; never a duplicate key
    how_met: str = ""
    referred_by: int | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    stage: str = "identified"
    meeting: str | None = None
    minutes: int | None = None
    meeting_kind: str = DEFAULT_MEETING_KIND  # one of MEETING_KINDS
    created: str = ""
    updated: str = ""
    checklist: Mapping[str, str] = field(default_factory=dict)
    questions: tuple[str, ...] = ()
    keep_in_touch_weeks: int | None = None  # None: the default interval
    company_id: int | None = None  # the company record `company` names (None: no company)
    contact_type_override: str = ""  # one of CONTACT_TYPES she chose; "": as the log shows
    contact_type: str = ""  # derived by the store: the override, else what the log shows
    uid: str = ""  # the same on every machine and in every file (a doc id is one file's only)
    revised_ms: int = 0  # when it last changed, on any machine (ms since 1970; 0: unknown)
    # As an import gave them (LinkedIn's First and Last Name, a vCard's N): what to call them
    given_name: str = ""
    family_name: str = ""
    greet_as: str = ""  # what she calls them, typed to correct the app's guess; "": the guess
    time_zone: str = ""  # where they are, as an IANA name ("Asia/Tokyo"); "": not known

    @property
    def greeting(self) -> str:
        """What to call them after "Hello": "Amara", "Dr. Nwosu", "José María" (`names`)."""
        return greeting_name(self.name, self.given_name, self.family_name, self.greet_as)

    @property
    def agreed_minutes(self) -> int:
        return self.minutes or DEFAULT_MINUTES

    def label(self) -> str:
        """How a person tells this contact from another of the same name: `#ID name, company`."""
        where = ", ".join(part for part in (self.company, self.role) if part)
        return f"#{self.id} {self.name}" + (f", {where}" if where else "")

    def search_text(self) -> str:
        """What the contact filter matches against, folded (`fold`): case and accents ignored."""
        parts = (self.name, self.company, self.role, " ".join(self.tags), self.notes)
        return "\n".join(fold(part) for part in parts)


@dataclass(frozen=True)
class Company:
    """An employer on her target list, scored the LAMP way (see `companies`)."""

    id: int
    name: str
    website: str = ""
    industry: str = ""
    motivation: int = 0  # her gut interest, 0 to 3
    posting: int = 0  # relevant openings, 0 to 3
    shared_background: bool = False  # an alumni or former-employer link: advocacy
    notes: str = ""  # what she found out in her research
    created: str = ""
    updated: str = ""
    uid: str = ""


@dataclass(frozen=True)
class Interview:
    """One conversation as recorded when the call ended (or logged by hand)."""

    id: int
    contact_id: int
    date: str  # YYYY-MM-DD
    minutes: int = 0
    notes: str = ""
    questions_asked: tuple[str, ...] = ()
    referrals: tuple[str, ...] = ()  # the names gained


@dataclass(frozen=True)
class LoggedEvent:
    """One entry of a contact's log: reached out, replied, interviewed, thanked..."""

    id: int
    contact_id: int
    event: str
    date: str  # YYYY-MM-DD
    note: str = ""


@dataclass(frozen=True)
class Rehearsal:
    id: int
    date: str  # when, to the second
    script_id: str
    contact_id: int | None
    seconds: float
    wpm: float
    # What listening heard (None when the rehearsal was not listened to): see `core.speech`
    speaking_seconds: float | None = None
    longest_pause: float | None = None
    ask_seconds: float | None = None


@dataclass(frozen=True)
class CallDraft:
    """The notes and ticked questions of a call in progress, kept until the call is logged."""

    contact_id: int
    date: str  # when last saved, to the second
    text: str = ""
    asked: tuple[str, ...] = ()
    started: str = ""  # when the call began (ISO, to the second); "" for older drafts


@dataclass(frozen=True)
class OwnQuestion:
    id: str
    text: str
    category: str


def parse_meeting(text: str) -> str | None:
    """'YYYY-MM-DD HH:MM' (a 'T' also separates), normalised; blank means no meeting."""
    text = text.strip()
    if not text:
        return None
    try:
        moment = datetime.strptime(text.replace("T", " "), MEETING_FORMAT)
        return moment.isoformat(sep=" ", timespec="minutes")  # strftime drops zeros of year 1
    except ValueError:
        raise ValueError(f"{text!r} is not a date and time like 2026-03-14 15:30") from None


def parse_date(text: str) -> date:
    text = text.strip()
    if _ISO_DATE.fullmatch(text):  # the stored form: fromisoformat is ~50x quicker
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    try:
        return datetime.strptime(text, DATE_FORMAT).date()
    except ValueError:
        raise ValueError(f"{text!r} is not a date like 2026-03-14") from None


def parse_minutes(text: str | int) -> int | None:
    """How long a meeting is meant to take, in whole minutes; blank means the default."""
    return _whole_number(text, "minutes", MIN_MINUTES, MAX_MINUTES)


def parse_weeks(text: str | int) -> int | None:
    """How often to keep in touch, in whole weeks; blank means the default."""
    return _whole_number(text, "weeks", MIN_WEEKS, MAX_WEEKS)


def _whole_number(text: str | int, unit: str, low: int, high: int) -> int | None:
    """`text` as a whole number of `unit` from `low` to `high`; None when blank; ValueError
    saying what is wrong."""
    if isinstance(text, int):
        number = text
    elif not text.strip():
        return None
    else:
        try:
            number = int(text.strip())
        except ValueError:
            raise ValueError(f"{text!r} is not a whole number of {unit}") from None
    if not low <= number <= high:
        raise ValueError(f"{number} is out of range ({low} to {high} {unit})")
    return number


def parse_tags(text: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for tag in clean_line(text).split(","):
        if tag.strip():
            seen.setdefault(tag.strip(), None)
    return tuple(seen)


def known_time_zone(name: str) -> bool:
    """Whether `name` is a time zone of the IANA database ("Asia/Tokyo", "UTC")."""
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # a path, no such zone, a name too long
        return False
    return True


def contact_fields(raw: Mapping[str, object]) -> dict[str, object]:
    """Check and clean contact fields given as typed text (or already typed values).

    Returns the cleaned fields; raises InvalidInput naming every bad field. `referred_by`
    passes through untouched: only the store can resolve a name to a contact.
    """
    fields: dict[str, object] = {}
    problems: dict[str, str] = {}
    for name in LINE_FIELDS:
        if name in raw:
            fields[name] = clean_line(str(raw[name] or ""))
    if "how_met" in fields:  # "Referral" -> "through a referral": it completes a sentence
        fields["how_met"] = as_found_phrase(str(fields["how_met"]))
    if "name" in raw and not fields["name"]:
        problems["name"] = "a name is required"
    if "notes" in raw:
        fields["notes"] = clean_text(str(raw["notes"] or "")).strip()
    if "tags" in raw:
        tags = raw["tags"]
        if not isinstance(tags, str):
            tags = ",".join(str(tag) for tag in tags or ())  # type: ignore[attr-defined]
        fields["tags"] = parse_tags(tags)
    if "stage" in raw:
        stage = clean_line(str(raw["stage"] or "identified"))
        if stage not in STAGES:
            problems["stage"] = f"{stage!r} is not one of {', '.join(STAGES)}"
        fields["stage"] = stage
    if "meeting" in raw:
        try:
            fields["meeting"] = parse_meeting(str(raw["meeting"] or ""))
        except ValueError as error:
            problems["meeting"] = str(error)
    if "meeting_kind" in raw:
        kind = clean_line(str(raw["meeting_kind"] or DEFAULT_MEETING_KIND)).casefold()
        if kind not in MEETING_KINDS:
            problems["meeting_kind"] = f"{kind!r} is not one of {', '.join(MEETING_KINDS)}"
        fields["meeting_kind"] = kind
    if "minutes" in raw:
        value = raw["minutes"]
        try:
            fields["minutes"] = parse_minutes(value if isinstance(value, int) else str(value or ""))
        except ValueError as error:
            problems["minutes"] = str(error)
    if "keep_in_touch_weeks" in raw:
        value = raw["keep_in_touch_weeks"]
        try:
            fields["keep_in_touch_weeks"] = parse_weeks(
                value if isinstance(value, int) else str(value or "")
            )
        except ValueError as error:
            problems["keep_in_touch_weeks"] = str(error)
    if "contact_type_override" in raw:
        label = clean_line(str(raw["contact_type_override"] or "")).casefold()
        if label and label not in CONTACT_TYPES:
            problems["contact_type_override"] = (
                f"{label!r} is not one of {', '.join(CONTACT_TYPES)} (or blank: as your log shows)"
            )
        fields["contact_type_override"] = label
    if fields.get("time_zone"):
        zone = str(fields["time_zone"])
        if not known_time_zone(zone):
            problems["time_zone"] = f"{zone!r} is not a time zone like Europe/London"
    if "referred_by" in raw:
        fields["referred_by"] = raw["referred_by"]
    if problems:
        raise InvalidInput(problems)
    return fields
