"""Contacts out to other programs: CSV, vCard 3.0 or 4.0, iCalendar, and an interview brief in
Markdown or plain text.

Pure: plain values in, text or bytes out; no store, no files, no Textual or Rich. Gathering the
values from the store is `infocoach.exchange.operations`'s job.

vCard (RFC 6350) and iCalendar (RFC 5545) share their line rules: every line ends in CRLF, and
a line longer than 75 octets is folded (CRLF and a space) between characters, never inside a
UTF-8 character.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta, timezone
from urllib.parse import quote

from infocoach.core.agenda import AgendaItem, long_day
from infocoach.core.models import MEETING_FORMAT, Contact

CRLF = "\r\n"
FOLD_OCTETS = 75
PRODID = "-//infocoach//infocoach//EN"
ALARM_MINUTES = 30
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Every field of a contact, in the model's order, with the referrer's name after their id.
CSV_COLUMNS = tuple(
    column
    for f in fields(Contact)
    for column in ((f.name, "referred_by_name") if f.name == "referred_by" else (f.name,))
)
_UID_NAMESPACE = uuid.UUID("6f0b7a5e-2d0c-4c31-9f3e-5b1f1f2a9c10")


# -- shared text rules ------------------------------------------------------------------------


def escape_vcard_text(value: str) -> str:
    """A vCard TEXT value: `\\`, `,` and newlines escaped, `;` left bare (see the vCard part)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("\n", "\\n")


def escape_text(value: str) -> str:
    """An iCalendar TEXT value, or one field of a vCard structured value: `;` escaped too."""
    return escape_vcard_text(value).replace(";", "\\;")


def fold(line: str, limit: int = FOLD_OCTETS) -> str:
    """One content line as physical lines of at most `limit` octets (not counting CRLF).

    Continuation lines start with a space, which counts towards their limit. The line is
    only ever cut between two characters, so no UTF-8 sequence is split.
    """
    pieces: list[str] = []
    current: list[str] = []
    size, room = 0, limit
    for char in line:
        octets = len(char.encode("utf-8", "replace"))
        if size + octets > room:
            pieces.append("".join(current))
            current, size, room = [], 0, limit - 1
        current.append(char)
        size += octets
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


def _content_lines(lines: Iterable[str]) -> bytes:
    return "".join(fold(line) + CRLF for line in lines).encode("utf-8", "replace")


# -- CSV --------------------------------------------------------------------------------------


def guard_formula(cell: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Mapping):  # the checklist: item=date
        return "; ".join(f"{key}={day}" for key, day in value.items())
    return str(value)


def contacts_csv(contacts: Iterable[Contact], names: Mapping[int, str] | None = None) -> bytes:
    """Every field of every contact, one row each (RFC 4180: CRLF, quotes where needed).

    `names` maps contact ids to names, for the referrer's name column. Tags are joined with
    ", ", question ids with "; ", checklist ticks as `item=date` joined with "; "; a missing
    value is an empty cell.
    """
    names = names or {}
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=CRLF)
    writer.writerow(CSV_COLUMNS)
    for contact in contacts:
        row = {column: _cell(getattr(contact, column, None)) for column in CSV_COLUMNS}
        row["tags"] = ", ".join(contact.tags)
        row["questions"] = "; ".join(contact.questions)
        referrer = contact.referred_by
        row["referred_by_name"] = names.get(referrer, "") if referrer is not None else ""
        writer.writerow([guard_formula(row[column]) for column in CSV_COLUMNS])
    return buffer.getvalue().encode("utf-8", "replace")


# -- vCard 3.0 and 4.0 ----------------------------------------------------------------------
#
# Escaping follows the grammar of each property (RFC 6350 3.4, RFC 2426 4): `;` separates the
# fields of a structured value (N, ORG), so it is escaped there only; readers such as
# Thunderbird's show `\;` literally in a TEXT property (FN, TITLE, NOTE). A URL is a URI, not
# text: no backslash escapes (see `_uri`).

VCARD_VERSIONS = ("3.0", "4.0")
VCARD_SUFFIX = ".vcf"
_URI_UNSAFE = re.compile(r"[,\\\s]")


def _structured(*components: str) -> str:
    """A structured value (N, ORG): its components, each with `;` escaped, joined by `;`."""
    return ";".join(escape_text(part) for part in components)


def _uri(url: str) -> str:
    """A URL as a URI value: no text escapes, but the characters readers would split or
    unescape at (`,` and `\\`, as vobject does) and white space percent-encoded, as a browser
    sends them anyway."""
    return _URI_UNSAFE.sub(lambda match: quote(match.group(0), safe=""), url.strip())


def _split_name(name: str) -> tuple[str, str]:
    """(family, given): the last word is taken as the family name."""
    words = name.split()
    if len(words) < 2:
        return name, ""
    return words[-1], " ".join(words[:-1])


def contact_uuid(contact: Contact) -> str:
    """The contact's UUID, made from its record's uid: the same in every export, on every
    machine, and different from every contact of another data file (a doc id is not). A
    contact that was never stored has none; its id and creation time stand in."""
    key = contact.uid or f"{contact.id}/{contact.created}"
    return str(uuid.uuid5(_UID_NAMESPACE, key))


def contact_uid(contact: Contact) -> str:
    """The contact's `urn:uuid:`: the one source of its UID in cards and vdir file names."""
    return "urn:uuid:" + contact_uuid(contact)


def vdir_file_name(contact: Contact) -> str:
    """The contact's file in a vdir: its UID, made safe as a file name, and `.vcf`."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", contact_uid(contact).removeprefix("urn:uuid:"))
    return stem.strip(".-") + VCARD_SUFFIX


def _card_lines(contact: Contact, version: str) -> list[str]:
    family, given = contact.family_name, contact.given_name
    if not (family or given):
        family, given = _split_name(contact.name)
    modern = version == "4.0"
    lines = [
        "BEGIN:VCARD",
        f"VERSION:{version}",
        f"PRODID:{PRODID}",
        f"UID:{contact_uid(contact)}",
        f"FN:{escape_vcard_text(contact.name)}",
        f"N:{_structured(family, given, '', '', '')}",
    ]
    if contact.company:
        lines.append(f"ORG:{_structured(contact.company)}")
    texts = (
        ("TITLE", contact.role),
        ("EMAIL" if modern else "EMAIL;TYPE=INTERNET", contact.email),
        ("TEL;VALUE=text" if modern else "TEL;TYPE=VOICE", contact.phone),
        ("NOTE", contact.notes),
        ("X-INFOCOACH-INDUSTRY", contact.industry),
        ("X-INFOCOACH-HOW-MET", contact.how_met),
        ("X-INFOCOACH-GREET-AS", contact.greet_as),
        ("TZ" if modern else "TZ;VALUE=text", contact.time_zone),
    )
    lines += [f"{name}:{escape_vcard_text(value)}" for name, value in texts if value]
    lines += [f"URL:{_uri(url)}" for url in (contact.linkedin, contact.website) if url.strip()]
    if contact.tags:
        lines.append("CATEGORIES:" + ",".join(escape_vcard_text(tag) for tag in contact.tags))
    lines.append("END:VCARD")
    return lines


def vcard(contacts: Iterable[Contact], version: str = "3.0") -> bytes:
    """Every contact as a vCard of `version` (3.0, which phones read, or 4.0): FN, N, ORG,
    TITLE, EMAIL, TEL, NOTE, URL (LinkedIn and website), CATEGORIES, TZ (their time zone), and
    the industry, how you met and what you call them as X-INFOCOACH- properties (which
    `importers.parse_vcard` reads back)."""
    if version not in VCARD_VERSIONS:
        raise ValueError(f"vCard version {version!r}: choose one of {', '.join(VCARD_VERSIONS)}")
    return _content_lines(line for contact in contacts for line in _card_lines(contact, version))


def vdir_files(contacts: Iterable[Contact], version: str = "3.0") -> dict[str, bytes]:
    """A vdir (the folder khard and vdirsyncer read): one card per file, named by its UID."""
    return {vdir_file_name(contact): vcard([contact], version) for contact in contacts}


def is_ours(card: bytes) -> bool:
    """Whether a `.vcf` file was written by infocoach (by its PRODID), so ours to replace."""
    return f"PRODID:{PRODID}".encode() in card


# -- iCalendar --------------------------------------------------------------------------------


def _stamp(moment: datetime) -> str:
    """A UTC DATE-TIME; a naive `moment` is taken as local time."""
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


# SEQUENCE counts seconds from here: it must only grow, and fit a 32-bit integer (until 2088).
_SEQUENCE_EPOCH_MS = 1_577_836_800_000  # 2020-01-01 00:00 UTC


def revision_sequence(revised_ms: int) -> int:
    """A meeting's SEQUENCE: larger for each later change of its contact (0: never changed
    since the file had stamps)."""
    return max(0, (revised_ms - _SEQUENCE_EPOCH_MS) // 1000)


def _uid_part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9-]+", "-", text).strip("-") or "item"


def meeting_description(contact: Contact, referrer: str, questions: Sequence[str]) -> str:
    """Who you are meeting, and the questions you chose, as plain text."""
    lines = [f"Informational interview with {contact.name}"]
    details = (
        ("Company", contact.company),
        ("Role", contact.role),
        ("Email", contact.email),
        ("Phone", contact.phone),
        ("LinkedIn", contact.linkedin),
        ("How you met", contact.how_met),
        ("Referred by", referrer),
    )
    lines += [f"{label}: {value}" for label, value in details if value]
    lines.append(f"Time agreed: {contact.agreed_minutes} minutes")
    if questions:
        lines += ["", "Your questions:"]
        lines += [f"{number}. {text}" for number, text in enumerate(questions, start=1)]
    return "\n".join(lines)


@dataclass(frozen=True)
class Meeting:
    contact: Contact
    referrer: str = ""
    questions: tuple[str, ...] = ()  # the chosen questions' texts


def calendar(
    meetings: Iterable[Meeting],
    agenda: Iterable[AgendaItem],
    now: datetime,
    uuids: Mapping[int, str] | None = None,
) -> bytes:
    """iCalendar: one VEVENT per meeting, one VTODO per agenda item (`uuids`: each agenda
    item's contact id -> `contact_uuid`).

    Meetings are in floating local time (no time zone): 10:00 stays 10:00 wherever the
    calendar is opened, as the meeting was agreed. Each event has a display alarm 30 minutes
    before. UIDs come from the contacts' uids, so they are stable across exports of one data
    file and unique across data files: importing again updates the events instead of doubling
    them, and two data folders' calendars live side by side. A meeting's SEQUENCE and
    LAST-MODIFIED come from when its contact last changed, so a calendar takes a moved meeting
    as a newer version of the same event.
    """
    stamp = _stamp(now)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    for meeting in meetings:
        contact = meeting.contact
        try:
            start = datetime.strptime(contact.meeting or "", MEETING_FORMAT)
        except ValueError:
            continue
        end = start + timedelta(minutes=contact.agreed_minutes)
        title = f"Informational interview: {contact.name}"
        if contact.company:
            title += f" ({contact.company})"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{contact_uuid(contact)}-meeting@infocoach",
            f"DTSTAMP:{stamp}",
            f"SEQUENCE:{revision_sequence(contact.revised_ms)}",
        ]
        if contact.revised_ms:
            revised = datetime.fromtimestamp(contact.revised_ms / 1000, timezone.utc)
            lines.append(f"LAST-MODIFIED:{_stamp(revised)}")
        lines += [
            f"DTSTART:{start:%Y%m%dT%H%M%S}",
            f"DTEND:{end:%Y%m%dT%H%M%S}",
            f"SUMMARY:{escape_text(title)}",
            "DESCRIPTION:"
            + escape_text(meeting_description(contact, meeting.referrer, meeting.questions)),
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(f'In {ALARM_MINUTES} minutes: {title}')}",
            f"TRIGGER:-PT{ALARM_MINUTES}M",
            "END:VALARM",
            "END:VEVENT",
        ]
    seen: dict[str, int] = {}
    for item in agenda:
        who = (uuids or {}).get(item.contact_id, str(item.contact_id))
        uid = f"agenda-{who}-{_uid_part(item.action)}"
        seen[uid] = seen.get(uid, 0) + 1
        if seen[uid] > 1:
            uid += f"-{seen[uid]}"
        lines += [
            "BEGIN:VTODO",
            f"UID:{uid}@infocoach",
            f"DTSTAMP:{stamp}",
            f"DUE;VALUE=DATE:{item.due:%Y%m%d}",
            f"SUMMARY:{escape_text(item.text)}",
            f"DESCRIPTION:{escape_text(f'Contact: {item.contact}')}",
            "STATUS:NEEDS-ACTION",
            "END:VTODO",
        ]
    lines.append("END:VCALENDAR")
    return _content_lines(lines)


# -- interview brief: Markdown escaping -----------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LINE_START = re.compile(r"^(\s*)(\d+(?=[.)])|(?=[#+=-]))")


def md(text: str) -> str:
    """User text shown literally in Markdown: the characters that would format it are
    backslash-escaped (inline ones anywhere; `#`, `-`, `+`, `=`, `1.` at the line start)."""
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(0) + "\\", text)


def _md_lines(text: str) -> str:
    """Multi-line user text: escaped, each line break kept (a hard break)."""
    return "\\\n".join(md(line) for line in text.split("\n"))


@dataclass(frozen=True)
class ChecklistStep:
    number: int
    title: str
    items: tuple[tuple[str, str | None], ...]  # (item text, date ticked or None)
    whole_search: bool = False  # ticked once for the whole search, not with this contact
    before_talk: bool = False  # for a talk still to come: moot once a meeting was held

    @property
    def done(self) -> int:
        return sum(1 for _, day in self.items if day)


@dataclass(frozen=True)
class Brief:
    contact: Contact
    referrer: str
    purpose: str
    opener_title: str
    opener: str  # the script, already filled
    questions: tuple[str, ...]
    steps: tuple[ChecklistStep, ...]
    held_on: date | None = None  # the day an interview held the planned meeting


# The blocks of a brief's sections: what each says, not how; `markdown_brief` and `plain_brief`
# write the same list of sections, each in its own way. All their text is shown literally.


@dataclass(frozen=True)
class Paragraph:
    """Text with its line breaks kept; a `placeholder` says what is missing (set apart in
    Markdown)."""

    text: str
    placeholder: bool = False


@dataclass(frozen=True)
class Standing:
    """Who they are: role and company (each set apart in Markdown), and the industry."""

    parts: tuple[str, ...]
    industry: str


@dataclass(frozen=True)
class Facts:
    pairs: tuple[tuple[str, str], ...]  # (label, value)


@dataclass(frozen=True)
class Quote:
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Numbered:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Steps:
    steps: tuple[ChecklistStep, ...]
    next_step: ChecklistStep | None  # the one whose items still to do are listed


Block = Paragraph | Standing | Facts | Quote | Numbered | Steps


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


def brief_sections(brief: Brief, meeting_words: Callable[[str], str]) -> list[Section]:
    """The brief, section by section; `meeting_words` writes the stored meeting time."""
    contact = brief.contact
    standing = tuple(part for part in (contact.role, contact.company) if part)
    if brief.held_on is not None:
        meeting = f"held on {long_day(brief.held_on)}"
    else:
        meeting = meeting_words(contact.meeting) if contact.meeting else "not set yet"
    facts = (
        ("Meeting", f"{meeting} ({contact.agreed_minutes} minutes agreed)"),
        ("How you met", contact.how_met),
        ("Referred by", brief.referrer),
        ("Email", contact.email),
        ("Phone", contact.phone),
        ("LinkedIn", contact.linkedin),
        ("Stage", contact.stage),
        ("Tags", ", ".join(contact.tags)),
    )
    about: list[Block] = [Standing(standing, contact.industry)] if standing else []
    about.append(Facts(tuple((label, value) for label, value in facts if value)))
    purpose = brief.purpose or "Not set yet (add it in your settings)."
    notes = contact.notes or "No notes yet."
    paragraphs = (p.strip() for p in brief.opener.strip().split("\n\n"))
    questions = (
        Numbered(brief.questions)
        if brief.questions
        else Paragraph("None chosen yet.", placeholder=True)
    )
    next_step = next(
        (
            step
            for step in brief.steps
            if not step.whole_search
            and step.done < len(step.items)
            and not (step.before_talk and brief.held_on is not None)
        ),
        None,
    )
    return [
        Section(f"Interview brief: {contact.name}", tuple(about)),
        Section("Your purpose", (Paragraph(purpose, placeholder=not brief.purpose),)),
        Section("Research notes", (Paragraph(notes, placeholder=not contact.notes),)),
        Section(f"Opener: {brief.opener_title}", (Quote(tuple(p for p in paragraphs if p)),)),
        Section("Your questions", (questions,)),
        Section("Checklist", (Steps(brief.steps, next_step),)),
    ]


def _step_summary(step: ChecklistStep, title: str) -> str:
    """'2. Prepare: 1 of 12 done', with `title` as the rendering writes it."""
    line = f"{step.number}. {title}: {step.done} of {len(step.items)} done"
    return line + " (for your whole search)" if step.whole_search else line


def _still_to_do(step: ChecklistStep) -> list[str]:
    return [text for text, day in step.items if not day]


# -- Markdown brief ---------------------------------------------------------------------------


def markdown_brief(brief: Brief) -> bytes:
    """A one-page interview brief to read before the call."""
    sections = brief_sections(brief, meeting_words=str)  # the meeting time as stored
    out: list[str] = []
    for section in sections:
        heading = "#" if section is sections[0] else "##"  # the title, then its sections
        out += [f"{heading} {md(section.title)}", ""]
        out += "\n\n".join(_markdown_block(block) for block in section.blocks).split("\n")
        out.append("")
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8", "replace")


def _markdown_block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f"_{block.text}_" if block.placeholder else _md_lines(block.text)
    if isinstance(block, Standing):
        who = " at ".join(f"**{md(part)}**" for part in block.parts)
        return who + (f" · {md(block.industry)}" if block.industry else "")
    if isinstance(block, Facts):
        return "\n".join(f"- {label}: {md(value)}" for label, value in block.pairs)
    if isinstance(block, Quote):
        quoted = ("> " + _md_lines(p).replace("\n", "\n> ") for p in block.paragraphs)
        return "\n>\n".join(quoted)
    if isinstance(block, Numbered):
        return "\n".join(f"{n}. {md(text)}" for n, text in enumerate(block.items, start=1))
    lines = []
    for step in block.steps:
        mark = "x" if step.done == len(step.items) else " "
        line = f"- [{mark}] {_step_summary(step, md(step.title))}"
        if step is block.next_step:
            lines.append(line + ", still to do:")
            lines += [f"  - [ ] {md(text)}" for text in _still_to_do(step)]
        else:
            lines.append(line)
    return "\n".join(lines)


# -- plain text brief -------------------------------------------------------------------------


def plain_brief(brief: Brief) -> str:
    """The brief as plain text, to hear from a screen reader or pipe: each heading a line,
    no markup, the user's text as typed, the meeting's day in words, a blank line between
    sections."""
    sections = (
        "\n".join([section.title, *(_plain_block(block) for block in section.blocks)])
        for section in brief_sections(brief, meeting_words=spoken_meeting)
    )
    return "\n\n".join(sections) + "\n"


def spoken_meeting(stored: str) -> str:
    """'Friday 20 November 2026 at 10:00' for a stored meeting time (kept as it is when it is
    not one)."""
    try:
        moment = datetime.strptime(stored, MEETING_FORMAT)
    except ValueError:
        return stored
    return f"{long_day(moment.date())} {moment.year} at {moment:%H:%M}"


def _plain_block(block: Block) -> str:
    if isinstance(block, Paragraph):  # its blank lines would read as the end of the section
        return "\n".join(line for line in block.text.split("\n") if line.strip())
    if isinstance(block, Standing):
        who = " at ".join(block.parts)
        return who + (f", in {block.industry}" if block.industry else "")
    if isinstance(block, Facts):
        return "\n".join(f"{label}: {value}" for label, value in block.pairs)
    if isinstance(block, Quote):
        return "\n".join(block.paragraphs)
    if isinstance(block, Numbered):
        return "\n".join(f"{n}. {text}" for n, text in enumerate(block.items, start=1))
    lines = []
    for step in block.steps:
        line = _step_summary(step, step.title)
        if step is block.next_step:
            lines += [line + ", still to do:", *_still_to_do(step)]
        else:
            lines.append(line)
    return "\n".join(lines)
