"""Reading contacts out of other programs' files: LinkedIn's Connections.csv and vCards; and
her LAMP list of target companies kept in a spreadsheet (CSV).

Pure parsing: bytes in, plain records out (each with the line of the file it starts on), plus
the rows that cannot be read. Checking the fields and skipping duplicates is the store's job
(`Store.import_contacts`). Knows nothing of Textual or Rich, and never writes anything.

A file larger than anyone's connections or address book (see LIMITS) is refused before it is
read whole: kept, it would make every later command slow and large.
"""

from __future__ import annotations

import codecs
import csv
import io
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from infocoach.core.how_met import LINKEDIN
from infocoach.core.imports import Record, Rejection
from infocoach.core.models import known_time_zone
from infocoach.core.names import split_columns
from infocoach.data.bounded import MB, FileTooLarge, read_at_most, size_in_words

KINDS = ("linkedin", "vcard")
TARGETS = "targets"


class ImportFileError(ValueError):
    """The whole file cannot be imported (not such a file, unreadable); nothing is written."""


@dataclass(frozen=True)
class Limit:
    """The most a file of one kind holds: what one person's connections or address book can."""

    file: str  # what the file is, after "larger than any"
    max_bytes: int
    max_records: int
    too_many: str  # {} is max_records: after "line N: "
    why: str  # {} is max_records: why no such file is larger

    def too_large(self, size: int) -> str:
        return (
            f"{size_in_words(size, self.max_bytes)} is larger than any {self.file} "
            f"({self.why.format(self.max_records)}; the limit is {self.max_bytes // MB} MB); "
            f"{NOTHING_IMPORTED}"
        )


NOTHING_IMPORTED = "nothing was imported"
LIMITS = {
    # About 230 bytes a row (name, profile URL, e-mail, company, position, date).
    "linkedin": Limit(
        "LinkedIn Connections.csv", 32 * MB, 30_000,
        too_many="more than the {:,} connections LinkedIn allows",
        why="LinkedIn allows {:,} connections",
    ),
    # Cards with photos run to 100 KB each; the photos are passed over, never kept.
    "vcard": Limit(
        "address book", 128 * MB, 50_000,
        too_many="more than {:,} cards, more than an address book holds (iCloud keeps 50,000 "
        "contacts at most, Google 25,000)",
        why="{:,} contacts at most",
    ),
    TARGETS: Limit(
        "list of target companies", 16 * MB, 20_000,
        too_many="more than {:,} companies, where a list of companies to approach holds dozens",
        why="{:,} companies at most",
    ),
}  # fmt: skip


def _check_count(kind: str, count: int, line: int) -> None:
    """ImportFileError at the record past the kind's limit (`count` records read so far)."""
    limit = LIMITS[kind]
    if count > limit.max_records:
        too_many = limit.too_many.format(limit.max_records)
        raise ImportFileError(f"line {line}: {too_many}; {NOTHING_IMPORTED}")


@dataclass(frozen=True)
class ParsedFile:
    records: list[Record]
    rejections: list[Rejection] = field(default_factory=list)
    hidden: int = 0  # LinkedIn rows with no name: members who hide their profile


def read_file(kind: str, path: Path) -> bytes:
    """The bytes of `path`, a file of `kind` (one of KINDS or TARGETS); ImportFileError when
    it cannot be read or is larger than any such file (then without reading it)."""
    limit = LIMITS[kind]
    try:
        return read_at_most(path, limit.max_bytes)
    except FileTooLarge as error:
        raise ImportFileError(limit.too_large(error.size)) from None
    except IsADirectoryError:
        raise ImportFileError("is a folder, not a file") from None
    except OSError as error:
        raise ImportFileError(error.strerror or str(error)) from None


def read(kind: str, path: Path) -> ParsedFile:
    """Read and parse `path` as `kind` (one of KINDS); ImportFileError when it cannot be."""
    raw = read_file(kind, path)
    if kind == "linkedin":
        return parse_linkedin(raw)
    if kind == "vcard":
        return parse_vcard(raw)
    raise ValueError(f"unknown import kind {kind!r}")


# -- text -------------------------------------------------------------------------------------


def _decode(raw: bytes, what: str) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(f"UTF-16 text, not UTF-8: save it as UTF-8 {what}")
    if b"\x00" in raw:
        raise ImportFileError(f"a binary file, not {what}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ImportFileError(
            f"not valid UTF-8 at line {line} (byte {error.start}): save it as UTF-8 {what}"
        ) from None
    return text.removeprefix("\ufeff")


def _lines(text: str) -> Iterator[str]:
    """Physical lines with their endings: split at LF, CR LF or CR only, as `csv` does."""
    return iter(io.StringIO(text, newline=""))


# -- LinkedIn Connections.csv ---------------------------------------------------------------

_LINKEDIN_COLUMNS = {
    "first name": "first",
    "last name": "last",
    "url": "linkedin",
    "profile url": "linkedin",
    "email address": "email",
    "company": "company",
    "position": "role",
    "connected on": "connected",
}
# The columns that make a header LinkedIn's, not any list of names: both names, the date of
# the connection, and the profile link or the company and position (older exports lack URL).
_REQUIRED = ("first name", "last name", "connected on")
_ONE_OF = (("url",), ("company", "position"))
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def _header_columns(line: str) -> list[str] | None:
    """The column names when `line` is a Connections.csv header, else None (a plain CSV of
    names and emails is not one)."""
    try:
        cells = next(csv.reader([line]), [])
    except csv.Error:
        return None
    names = [cell.strip().removeprefix("\ufeff").strip().casefold() for cell in cells]
    if all(required in names for required in _REQUIRED) and any(
        all(column in names for column in group) for group in _ONE_OF
    ):
        return names
    return None


def _csv_rows(
    lines: Iterator[str], lines_before: int = 0, separator: str = ","
) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each CSV row of `lines` that is not blank (a blank line or a
    row of empty cells); the numbers count the `lines_before` already read. ImportFileError
    names the line of a row that is not valid CSV."""
    reader = csv.reader(lines, delimiter=separator)
    consumed = 0  # lines the reader has taken (a quoted cell may span several)
    while True:
        start = lines_before + consumed + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ImportFileError(f"line {start}: not valid CSV: {error}") from None
        consumed = reader.line_num
        if any(cell.strip() for cell in cells):
            yield start, cells


def parse_linkedin(raw: bytes) -> ParsedFile:
    """LinkedIn's Connections.csv: a `Notes:` preamble, then the header, then one row each.

    Name is first and last name joined by a space; how met reads "in my LinkedIn connections"
    (it completes "I found your name ..."), and the notes keep the "Connected On" date.
    """
    text = _decode(raw, "CSV")
    lines = _lines(text)
    header_line = 0
    columns: list[str] | None = None
    for header_line, line in enumerate(lines, start=1):  # noqa: B007 - used after the loop
        columns = _header_columns(line)
        if columns is not None:
            break
    if columns is None:
        raise ImportFileError(
            f"no LinkedIn header line found (expected a line like {LINKEDIN_HEADER!r})"
        )
    keys = [_LINKEDIN_COLUMNS.get(name) for name in columns]
    records: list[Record] = []
    rejections: list[Rejection] = []
    hidden = 0
    for rows, (start, cells) in enumerate(_csv_rows(lines, header_line), start=1):
        _check_count("linkedin", rows, start)
        extra = [cell for cell in cells[len(keys) :] if cell.strip()]
        if extra:
            rejections.append(
                Rejection(start, f"{len(cells)} fields, but the header has {len(keys)}")
            )
            continue
        values: dict[str, str] = {}
        for key, cell in zip(keys, cells, strict=False):
            if key is not None and not values.get(key):
                values[key] = cell
        fields = _linkedin_fields(values)
        if fields["name"]:
            records.append(Record(start, fields))
        else:  # LinkedIn blanks the row of a member who hides their profile: not an error
            hidden += 1
    return ParsedFile(records, rejections, hidden)


def _linkedin_fields(values: dict[str, str]) -> dict[str, str]:
    first, last = values.get("first", "").strip(), values.get("last", "").strip()
    name = " ".join(part for part in (first, last) if part)
    _, given, family = split_columns(first, last)  # "Dr. Amara", "Mensah, PhD": the names
    connected = values.get("connected", "").strip()
    fields = {
        "name": name,
        "given_name": given,  # what they call themselves: "José María", not "José"
        "family_name": family,
        "company": values.get("company", ""),
        "role": values.get("role", ""),
        "email": values.get("email", ""),
        "linkedin": values.get("linkedin", ""),
        "how_met": LINKEDIN,  # completes "I found your name ..."
    }
    if connected:
        fields["notes"] = f"Connected on LinkedIn on {connected}."
    return fields


# -- vCard 2.1, 3.0 and 4.0 -------------------------------------------------------------------

_ESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":"}
# Outlook and the Windows address book put `_` in names (X-WAB-WEDDING_ANNIVERSARY).
_PROPERTY = re.compile(r"^(?:[A-Za-z0-9_-]+\.)?([A-Za-z0-9_-]+)")
# Old iPhones end lines in CR CR LF: one line end, not an empty line between two.
_LINE_END = re.compile(r"\r*\n|\r")
_SURROGATES = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept for later
# vCard 2.1 gives encodings as bare parameters (`NOTE;QUOTED-PRINTABLE:`), like bare types.
_BARE_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT"})
_LEAST_PREFERRED = 101  # vCard 4.0 PREF runs from 1 (most preferred) to 100
_FALLBACK_CHARSET = "cp1252"  # what Windows programs write when they declare no charset


@dataclass
class _Property:
    name: str
    params: dict[str, list[str]]
    value: str  # still escaped
    readable: bool = True  # False: its bytes were not in its charset, so it is a guess

    def has_type(self, wanted: str) -> bool:
        types = [t.casefold() for value in self.params.get("TYPE", []) for t in value.split(",")]
        return wanted in types

    def preference(self) -> int:
        """1 for the most preferred: vCard 4.0 `PREF=n`, or 3.0 and 2.1 `TYPE=pref`."""
        pref = (self.params.get("PREF") or [""])[0].strip()
        if pref.isdigit():
            return int(pref)
        return 1 if self.has_type("pref") else _LEAST_PREFERRED


def unescape(value: str) -> str:
    """A vCard / iCalendar TEXT value with its backslash escapes undone."""
    out: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            out.append(_ESCAPES.get(following, following))
        else:
            out.append(char)
    return "".join(out)


def split_escaped(value: str, separator: str) -> list[str]:
    """Split at each `separator` not escaped with a backslash; the parts stay escaped."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            current.append(char + next(chars, ""))
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _split_content_line(line: str) -> tuple[str, dict[str, list[str]], str] | None:
    """`[group.]NAME;PARAM=V;...:value` → (NAME, params, value); None when malformed."""
    match = _PROPERTY.match(line)
    if not match:
        return None
    name = match.group(1).upper()
    rest = line[match.end() :]
    params: dict[str, list[str]] = {}
    position = 0
    while position < len(rest) and rest[position] == ";":
        position += 1
        quoted = False
        start = position
        while position < len(rest):
            char = rest[position]
            if char == '"':
                quoted = not quoted
            elif not quoted and char in ";:":
                break
            position += 1
        param = rest[start:position]
        key, equals, value = param.partition("=")
        bare = key.strip()
        if equals:
            values = [v.strip('"') for v in split_escaped(value, ",")] if value else [""]
            params.setdefault(bare.upper(), []).extend(values)
        elif bare.upper() in _BARE_ENCODINGS:
            params.setdefault("ENCODING", []).append(bare)
        elif bare:  # vCard 2.1 bare types: TEL;CELL;PREF:...
            params.setdefault("TYPE", []).append(bare)
    if position >= len(rest) or rest[position] != ":":
        return None
    return name, params, rest[position + 1 :]


def _codec(params: dict[str, list[str]]) -> str | None:
    """The codec of the CHARSET parameter; None when none is given, or one Python lacks."""
    charset = (params.get("CHARSET") or [""])[0].strip()
    try:
        return codecs.lookup(charset).name if charset else None
    except LookupError:
        return None


def _decoded_value(params: dict[str, list[str]], value: str) -> tuple[str, bool]:
    """Undo QUOTED-PRINTABLE and CHARSET=…, as vCard 2.1 (and some 3.0) use; and whether the
    value was readable in its charset.

    Never fails: a byte the declared (or else UTF-8) charset cannot read is read as
    Windows-1252, as the programs that forget to declare it write, and a byte that is not
    even that becomes U+FFFD. One odd byte must not lose a whole card (but a readable value
    of the same property is taken before it: see `_by_preference`).
    """
    encoding = (params.get("ENCODING") or [""])[0].upper()
    if encoding not in ("", "8BIT", "7BIT", "QUOTED-PRINTABLE"):
        return value, True  # BASE64 and the like: pictures and keys, never read
    codec = _codec(params)
    raw = value.encode("utf-8", "surrogateescape")
    if encoding == "QUOTED-PRINTABLE":
        raw = quopri.decodestring(raw)
    elif codec in (None, "utf-8") and not _SURROGATES.search(value):
        return value, True
    for candidate in (codec or "utf-8", _FALLBACK_CHARSET):
        try:
            return raw.decode(candidate), candidate != _FALLBACK_CHARSET
        except UnicodeDecodeError:
            continue
    return raw.decode(_FALLBACK_CHARSET, "replace"), False


def _unfold(text: str) -> Iterator[tuple[int, str]]:
    """Logical content lines with the line number each starts on (RFC 6350 3.2 unfolding).

    A line starting with a space or tab continues the previous one; so does the line after
    a quoted-printable value ending in `=` (vCard 2.1 soft line breaks). Empty lines are
    no content: skipped, so they neither end a folded line nor start one.
    """
    parts: list[str] = []
    start = 0
    quoted_printable = soft_break = False
    for number, line in enumerate(_LINE_END.split(text), start=1):
        if not line:
            continue
        if parts and soft_break:
            parts[-1] = parts[-1][:-1]
            parts.append(line)
        elif parts and line[:1] in (" ", "\t"):
            parts.append(line[1:])
        else:
            if parts:
                yield start, "".join(parts)
            parts, start = [line], number
            quoted_printable = "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper()
        soft_break = quoted_printable and parts[-1].endswith("=")
    if parts:
        yield start, "".join(parts)


def parse_vcard(raw: bytes) -> ParsedFile:
    """Every card of a vCard file (2.1, 3.0 or 4.0) as a contact record."""
    text = _decode_vcard(raw)
    records: list[Record] = []
    rejections: list[Rejection] = []
    card: list[_Property] | None = None
    card_start = 0
    depth = 0
    problem = ""
    found = False
    for number, line in _unfold(text):
        if not line.strip():
            continue
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            found = True
            if card is not None:
                depth += 1  # a card nested in a vCard 2.1 AGENT property: ignored
                continue
            _check_count("vcard", len(records) + len(rejections) + 1, number)
            card, card_start, depth, problem = [], number, 0, ""
            continue
        if card is None:
            continue
        if upper == "END:VCARD":
            if depth:
                depth -= 1
                continue
            if problem:
                rejections.append(Rejection(card_start, problem))
            else:
                records.append(Record(card_start, _card_fields(card)))
            card = None
            continue
        if depth:
            continue
        split = _split_content_line(line)
        if split is None:
            problem = problem or f"line {number} is not a vCard property"
            continue
        name, params, value = split
        card.append(_Property(name, params, *_decoded_value(params, value)))
    if card is not None:
        rejections.append(Rejection(card_start, "the card has no END:VCARD"))
    if not found:
        raise ImportFileError("no vCard found (no BEGIN:VCARD line)")
    return ParsedFile(records, rejections)


def _decode_vcard(raw: bytes) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError("UTF-16 text, not UTF-8: save the vCards as UTF-8")
    if b"\x00" in raw:
        raise ImportFileError("a binary file, not vCard")
    # Values with a CHARSET parameter may hold other encodings: keep their bytes for later.
    return raw.decode("utf-8", "surrogateescape").removeprefix("\ufeff")


def _by_preference(card: list[_Property], *names: str) -> list[_Property]:
    """The card's non-empty `names` properties, the readable ones first (a value with a byte
    its charset cannot hold is only a guess), then most preferred first, else in file order."""
    found = [prop for prop in card if prop.name in names and prop.value.strip()]
    return sorted(found, key=lambda prop: (not prop.readable, prop.preference()))


def _text(card: list[_Property], name: str) -> str:
    found = _by_preference(card, name)
    return unescape(found[0].value).strip() if found else ""


def _components(prop: _Property) -> list[str]:
    """The unescaped fields of a structured value (N, ORG), blank ones left out."""
    parts = (unescape(part).strip() for part in split_escaped(prop.value, ";"))
    return [part for part in parts if part]


def _n_parts(card: list[_Property]) -> list[str]:
    """N's `family;given;additional;prefix;suffix`, unescaped (blank when the card has none)."""
    for prop in _by_preference(card, "N"):
        parts = [unescape(p).strip() for p in split_escaped(prop.value, ";")] + [""] * 5
        if any(parts[:5]):
            return parts[:5]
    return [""] * 5


def _name_from_n(card: list[_Property]) -> str:
    """`prefix given additional family suffix`, from N."""
    family, given, additional, prefix, suffix = _n_parts(card)
    return " ".join(p for p in (prefix, given, additional, family, suffix) if p)


def is_linkedin(url: str) -> bool:
    """Whether `url` is on linkedin.com (any subdomain), the only URLs a LinkedIn field holds."""
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:  # not a URL at all, e.g. an unclosed `[` of an IPv6 address
        return False
    return host == "linkedin.com" or host.endswith(".linkedin.com")


def _card_fields(card: list[_Property]) -> dict[str, str]:
    organisation = _by_preference(card, "ORG")
    company = ", ".join(_components(organisation[0])) if organisation else ""
    email = _text(card, "EMAIL")
    # No FN (vCard 2.1 and 3.0 files from phones often lack it): N, else the company, else
    # the e-mail address names the card, as address books show it.
    name = _text(card, "FN") or _name_from_n(card) or company or email
    # Apple keeps the LinkedIn profile in X-SOCIALPROFILE, everyone else in a URL.
    urls = [
        (p.name, unescape(p.value).strip()) for p in _by_preference(card, "URL", "X-SOCIALPROFILE")
    ]
    linkedin = next((url for _, url in urls if is_linkedin(url)), "")
    website = next((url for name, url in urls if name == "URL" and not is_linkedin(url)), "")
    notes = "\n".join(unescape(p.value) for p in card if p.name == "NOTE" and p.value.strip())
    tags = [
        unescape(tag).strip()
        for prop in card
        if prop.name == "CATEGORIES"
        for tag in split_escaped(prop.value, ",")
    ]
    family, given = _n_parts(card)[:2]
    zone = _text(card, "TZ")  # an IANA name is kept; an offset ("-05:00") says too little
    return {
        "name": name,
        "given_name": given,
        "family_name": family,
        "greet_as": _text(card, "X-INFOCOACH-GREET-AS"),
        "time_zone": zone if known_time_zone(zone) else "",
        "company": company,
        "role": _text(card, "TITLE"),
        "email": email,
        "phone": _text(card, "TEL").removeprefix("tel:"),
        "linkedin": linkedin,
        "website": website,
        "notes": notes,
        "tags": ",".join(tag for tag in tags if tag),
        "industry": _text(card, "X-INFOCOACH-INDUSTRY"),
        "how_met": _text(card, "X-INFOCOACH-HOW-MET"),
    }


# -- a LAMP list of target companies ---------------------------------------------------------

# header (folded) -> the company field its column fills; other columns are left alone
_TARGET_COLUMNS = {
    "company": "name",
    "motivation": "motivation",
    "posting": "posting",
    "website": "website",
    "industry": "industry",
}
TARGETS_HEADER = "Company,Motivation,Posting,Website,Industry"


@dataclass(frozen=True)
class ParsedTargets:
    records: list[Record]
    separator: str  # the one the file's header line uses: ",", ";" or a tab


# What spreadsheets put between cells when they save "CSV": a comma, or a semicolon where the
# comma is the decimal mark (much of Europe), or a tab ("Text, tab-separated").
SEPARATORS = ",;\t"


def parse_targets(raw: bytes) -> ParsedTargets:
    """A spreadsheet's LAMP list saved as CSV: a header with a `Company` column (any case; the
    others optional: Motivation, Posting, Website, Industry), then one company a row. Blank
    lines and other columns are passed over; an empty score cell is left out of the record
    (a new company scores 0, a known one keeps its score). Checking the values is for
    `core.companies.checked_targets`. Cells may be separated by commas, semicolons or tabs,
    as the header line shows."""
    text = _decode(raw, "CSV")
    separator = _separator_of(text)
    keys: list[str | None] | None = None
    records: list[Record] = []
    for start, cells in _csv_rows(_lines(text), separator=separator):
        if keys is None:
            names = [cell.strip().casefold() for cell in cells]
            if "company" not in names:
                raise ImportFileError(
                    f"line {start}: no Company column in the header (expected a line like "
                    f"{TARGETS_HEADER!r})"
                )
            keys = [_TARGET_COLUMNS.get(name) for name in names]
            continue
        _check_count(TARGETS, len(records) + 1, start)
        fields: dict[str, str] = {"name": ""}
        for key, cell in zip(keys, cells, strict=False):
            if key is not None and cell.strip() and not fields.get(key):
                fields[key] = cell.strip()
        records.append(Record(start, fields))
    if keys is None:
        raise ImportFileError(f"empty: expected a header like {TARGETS_HEADER!r}")
    return ParsedTargets(records, separator)


def _separator_of(text: str) -> str:
    """The separator of the first line that is not blank (the header); a comma when it has
    one column only."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return csv.Sniffer().sniff(header, delimiters=SEPARATORS).delimiter
    except csv.Error:
        return ","
