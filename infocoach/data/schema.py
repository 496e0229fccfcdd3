"""The tables of the data file, the shape of their records, and the typed records made of them.

A file is shape-checked once, when it is read (a record of the wrong type is refused with the
file, never half-used), so turning a checked record into its typed form cannot fail.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import MISSING, fields
from datetime import date
from itertools import repeat
from pathlib import Path
from typing import Any

import orjson

from infocoach.core.models import (
    LINE_FIELDS,
    CallDraft,
    Company,
    Contact,
    Interview,
    LoggedEvent,
    OwnQuestion,
    Rehearsal,
)
from infocoach.core.text import clean_line, clean_text
from infocoach.data.bounded import orjson_is_safe
from infocoach.data.migrations import SchemaError, migrate
from infocoach.data.stamps import BASE, STAMP, UID, stamp_millis
from infocoach.data.storage import DataFileError, Tables

CONTACTS = "contacts"
OWN_QUESTIONS = "own_questions"
INTERVIEWS = "interviews"
EVENT_LOG = "events"
REHEARSALS = "rehearsals"
CALL_DRAFTS = "call_drafts"  # notes of a call in progress, one per contact
MESSAGE_DRAFTS = "message_drafts"  # an edited message, one per contact and template
SEARCH_CHECKLIST = "search_checklist"  # the ticked items of the step for the whole search
TOMBSTONES = "tombstones"  # what was deleted, so a merge deletes it from the other copy too
COMPANIES = "companies"  # her target list (see `core.companies`); contacts name theirs by id
CONTACT_TABLES = (INTERVIEWS, EVENT_LOG, REHEARSALS, CALL_DRAFTS, MESSAGE_DRAFTS)
# The tables of records (each record with a uid, a stamp and a base: see `stamps`)
RECORD_TABLES = (CONTACTS, COMPANIES, OWN_QUESTIONS, SEARCH_CHECKLIST, *CONTACT_TABLES)
OWN_QUESTION_PREFIX = "own-"
# A contact's `uid` and `revised_ms` come from its record's `_uid` and `_stamp`, which only the
# store writes; its `contact_type` the store derives from its log (never stored).
CONTACT_FIELDS = frozenset(f.name for f in fields(Contact)) - {
    "id",
    "uid",
    "revised_ms",
    "contact_type",
}
COMPANY_FIELDS = frozenset(f.name for f in fields(Company)) - {"id", "uid"}

_NUMBER = (int, float)
_OPTIONAL_ID = (int, type(None))
_OPTIONAL_NUMBER = (int, float, type(None))
# table -> field -> the types a stored value may have (exact types, as JSON gives them: so
# `true` is no number of minutes)
_SHAPES: dict[str, dict[str, tuple[type, ...]]] = {
    CONTACTS: {
        **{name: (str,) for name in LINE_FIELDS},
        "notes": (str,), "stage": (str,), "created": (str,), "updated": (str,),
        "referred_by": _OPTIONAL_ID, "minutes": _OPTIONAL_ID, "meeting": (str, type(None)),
        "tags": (list,), "questions": (list,), "checklist": (dict,),
        "keep_in_touch_weeks": _OPTIONAL_ID, "company_id": _OPTIONAL_ID,
        "contact_type_override": (str,), "meeting_kind": (str,),
    },
    COMPANIES: {
        "name": (str,), "website": (str,), "industry": (str,), "motivation": (int,),
        "posting": (int,), "shared_background": (bool,), "notes": (str,), "created": (str,),
        "updated": (str,),
    },
    INTERVIEWS: {
        "contact_id": (int,), "date": (str,), "minutes": (int,), "notes": (str,),
        "questions_asked": (list,), "referrals": (list,),
    },
    EVENT_LOG: {"contact_id": (int,), "event": (str,), "date": (str,), "note": (str,)},
    REHEARSALS: {
        "date": (str,), "script_id": (str,), "contact_id": _OPTIONAL_ID,
        "seconds": _NUMBER, "wpm": _NUMBER, "speaking_seconds": _OPTIONAL_NUMBER,
        "longest_pause": _OPTIONAL_NUMBER, "ask_seconds": _OPTIONAL_NUMBER,
    },
    CALL_DRAFTS: {
        "contact_id": (int,), "date": (str,), "text": (str,), "asked": (list,), "started": (str,),
    },
    OWN_QUESTIONS: {"text": (str,), "category": (str,)},
    MESSAGE_DRAFTS: {"contact_id": (int,), "script": (str,), "text": (str,), "date": (str,)},
    SEARCH_CHECKLIST: {"item": (str,), "date": (str,)},
    TOMBSTONES: {"table": (str,), "uid": (str,), "stamp": (str,)},
}  # fmt: skip
for _table_name in RECORD_TABLES:
    _SHAPES[_table_name].update({UID: (str,), STAMP: (str,), BASE: (str,)})
_TEXT_LISTS = {
    CONTACTS: ("tags", "questions"),
    INTERVIEWS: ("questions_asked", "referrals"),
    CALL_DRAFTS: ("asked",),
}
# Text kept on one line (as the store writes it); every other string is cleaned as free text.
_LINE_KEYS = {
    CONTACTS: frozenset((*LINE_FIELDS, "tags")),
    INTERVIEWS: frozenset(("referrals",)),
    OWN_QUESTIONS: frozenset(("text", "category")),
    SEARCH_CHECKLIST: frozenset(("item",)),
    COMPANIES: frozenset(("name", "website", "industry")),
}
_REQUIRED = {CONTACTS: ("name",), COMPANIES: ("name",), INTERVIEWS: ("contact_id",),
             EVENT_LOG: ("contact_id",), CALL_DRAFTS: ("contact_id",), OWN_QUESTIONS: ("text",),
             MESSAGE_DRAFTS: ("contact_id", "script"), SEARCH_CHECKLIST: ("item",),
             TOMBSTONES: ("table", "uid", "stamp")}  # fmt: skip


def shape_problem(tables: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> str | None:
    """The first record whose fields have the wrong type, described; None when all fit.

    A quick look, one field at a time over every record, says whether all fit (the usual
    case); only when something does not is each record looked at in turn to name the first."""
    if all(_table_fits(name, table) for name, table in tables.items()):
        return None
    return _first_problem(tables)


class _Absent:
    """The type of a field a record does not have."""


_ABSENT = _Absent()


def _table_fits(table_name: str, table: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether every record of `table` fits its shape (see `_first_problem`), looked at one
    field at a time: the same checks, in comprehensions rather than per record."""
    documents = list(table.values())
    for key in _REQUIRED.get(table_name, ()):
        if not all(key in document for document in documents):
            return False
    for key, allowed in _SHAPES.get(table_name, {}).items():
        # map() over dict.get runs in C: about a third quicker than a comprehension
        # (each record is a dict: `storage.decode_tables` refuses anything else)
        found = set(map(type, map(dict.get, documents, repeat(key), repeat(_ABSENT))))  # type: ignore[arg-type]
        found.discard(_Absent)
        if not found.issubset(allowed):
            return False
    if table_name == CONTACTS and not all(type(d["name"]) is str for d in documents):
        return False
    for key in _TEXT_LISTS.get(table_name, ()):
        # the type check above made each of these a list (when present)
        if any(type(item) is not str for d in documents for item in d.get(key, ())):
            return False
    return True


def _first_problem(tables: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> str | None:
    for table_name, table in tables.items():
        shape = _SHAPES.get(table_name, {})
        lists = _TEXT_LISTS.get(table_name, ())
        required = _REQUIRED.get(table_name, ())
        for doc_id, document in table.items():
            if table_name == CONTACTS and type(document.get("name")) is not str:
                return f"contact {doc_id} has no name"
            for key in required:
                if key not in document:
                    return f"record {doc_id} in table {table_name!r} has no {key!r}"
            for key, value in document.items():
                allowed = shape.get(key)
                if allowed is not None and type(value) not in allowed:
                    return f"{key!r} of record {doc_id} in table {table_name!r} has the wrong type"
                if key in lists and any(type(item) is not str for item in value):
                    return f"{key!r} of record {doc_id} in table {table_name!r} holds a non-text"
    return None


def validate_tables(
    path: Path, tables: Tables, today: date, raw: bytes | None = None
) -> tuple[Tables, bool]:
    """Tables read from a file (see `storage.decode_tables`), brought to this schema and
    shape-checked; returns them and whether a migration changed them. DataFileError if unusable.

    `raw`, the bytes they were decoded from, lets the cleaning skip what those show is clean.
    """
    try:
        tables, changed = migrate(tables, today)
    except SchemaError as error:
        raise DataFileError(path, str(error)) from None
    problem = shape_problem(tables)
    if problem:
        raise DataFileError(path, f"wrong shape: {problem}")
    clean_tables(tables, None if changed else raw)
    return tables, changed


def clean_tables(tables: Tables, raw: bytes | None = None) -> None:
    """Clean every string of every record in place, as the store cleans what it is given
    (`core.text`): a file edited by hand, restored or migrated holds no escape sequence after.

    Each table is first looked at as JSON, which is quick: a table with nothing to clean (the
    usual case) is left as it is. `raw`, the JSON `tables` were decoded from unchanged, is
    quicker still to look at: what `clean_text` would change is there in the same forms (a
    JSON parser refuses a raw control character in a string, so each is escaped, as `\\u00..`
    or `\\b`, or is DEL or C1 as it is), and a space at either end of a string is `" ` or ` "`
    (or escaped); only spacing between values (indented JSON) gives a false alarm, no harm."""
    control = raw is None or _bytes_hold(raw, _CONTROL_JSON)
    if not control and raw is not None and not _bytes_hold(raw, _LINE_JSON):
        return  # the usual case: nothing anywhere to clean
    for table_name, table in tables.items():
        lines = _LINE_KEYS.get(table_name, frozenset())
        if control and _json_holds(table, _CONTROL_JSON):
            for doc_id, document in table.items():
                table[doc_id] = {
                    clean_line(key): _cleaned(value, key in lines)
                    for key, value in document.items()
                }
        elif lines and _json_holds(
            [[document.get(key) for key in lines] for document in table.values()],
            _CONTROL_JSON + _LINE_JSON,
        ):
            for document in table.values():
                for key in lines:
                    value = document.get(key)
                    if type(value) is str:
                        if _dirty_line(value):
                            document[key] = clean_line(value)
                    elif type(value) is list and any(_dirty_line(item) for item in value):
                        document[key] = [clean_line(item) for item in value]


# In compact JSON (as orjson writes it) what `clean_text` would change: a control character
# other than tab and newline, escaped or raw (DEL; C1 as UTF-8 below). A literal backslash
# before b, f or r is found too: then every string is looked at, no harm.
_CONTROL_JSON = (b"\\u00", b"\\b", b"\\f", b"\\r", b"\x7f")
_C1_JSON = re.compile(rb"\xc2[\x80-\x9f]")
# What `clean_line` changes besides: a newline or tab, a space at either end of a string (other
# blanks at the ends, such as a no-break space, are left: they are no threat, only untidy).
_LINE_JSON = (b"\\n", b"\\t", b'" ', b' "')
_LINE_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _json_holds(value: Any, found: tuple[bytes, ...]) -> bool:
    if not orjson_is_safe():
        return True  # look at every string
    try:
        raw = orjson.dumps(value)
    except TypeError:  # a number orjson cannot hold: look at every string
        return True
    return _bytes_hold(raw, found)


def _bytes_hold(raw: bytes, found: tuple[bytes, ...]) -> bool:
    """Whether the JSON `raw` holds one of `found`, or a C1 control."""
    if b"\\" not in raw:  # one quick scan: no escape at all, so none of those looked for
        found = tuple(part for part in found if not part.startswith(b"\\"))
    if any(part in raw for part in found):
        return True
    return b"\xc2" in raw and _C1_JSON.search(raw) is not None


def _dirty_line(value: str) -> bool:
    """Whether `clean_line` would change `value`."""
    return value != value.strip() or _LINE_CONTROL.search(value) is not None


def _cleaned(value: Any, line: bool) -> Any:
    if type(value) is str:
        return clean_line(value) if line else clean_text(value)
    if type(value) is list:
        return [_cleaned(item, line) for item in value]
    if type(value) is dict:
        return {clean_line(key): _cleaned(item, line) for key, item in value.items()}
    return value


# -- typed records out, documents in ----------------------------------------------------


def contact_from(
    document: Mapping[str, Any],
    doc_id: int,
    stage: str | None = None,
    contact_type: str = "",
) -> Contact:
    """The contact of a record; `stage`, when given, instead of the stored one; `contact_type`
    what its log shows (the type she chose, stored, wins)."""
    values = {key: document[key] for key in CONTACT_FIELDS if key in document}
    if stage is not None:
        values["stage"] = stage
    values["contact_type"] = values.get("contact_type_override") or contact_type
    values["tags"] = tuple(values.get("tags") or ())
    values["questions"] = tuple(values.get("questions") or ())
    values["checklist"] = dict(values.get("checklist") or {})
    if _PLAIN_CONTACT and "name" in values:
        # What `Contact(id=doc_id, **values)` makes, several times quicker than the `__init__`
        # of a frozen dataclass (one `object.__setattr__` per field): this runs for every
        # contact each time a data file is read.
        state = _CONTACT_TEMPLATE.copy()  # every field, in order, as `__init__` sets them
        state.update(values)
        state["id"] = doc_id
        state["uid"] = document.get(UID, "")
        state["revised_ms"] = stamp_millis(document.get(STAMP, ""))
        contact = object.__new__(Contact)
        contact.__dict__.update(state)
        return contact
    revised = stamp_millis(document.get(STAMP, ""))
    return Contact(id=doc_id, uid=document.get(UID, ""), revised_ms=revised, **values)


# Contact's fields with their defaults (`id` and `name`, which have none, and `checklist`, made
# by a factory, are always given by `contact_from`), and whether its `__init__` does no more.
_CONTACT_TEMPLATE = {f.name: None if f.default is MISSING else f.default for f in fields(Contact)}
_PLAIN_CONTACT = (
    not hasattr(Contact, "__post_init__")
    and not hasattr(Contact, "__slots__")
    and {f.name for f in fields(Contact) if f.default is MISSING and f.default_factory is MISSING}
    == {"id", "name"}
    and {f.name for f in fields(Contact) if f.default_factory is not MISSING} == {"checklist"}
)


def document_from(contact: Contact) -> dict[str, Any]:
    document = {name: getattr(contact, name) for name in sorted(CONTACT_FIELDS)}
    document["tags"] = list(contact.tags)
    document["questions"] = list(contact.questions)
    document["checklist"] = dict(contact.checklist)
    return document


def company_from(document: Mapping[str, Any], doc_id: int) -> Company:
    values = {key: document[key] for key in COMPANY_FIELDS if key in document}
    return Company(id=doc_id, uid=document.get(UID, ""), **values)


def company_document(company: Company) -> dict[str, Any]:
    return {name: getattr(company, name) for name in sorted(COMPANY_FIELDS)}


def interview_from(document: Mapping[str, Any], doc_id: int) -> Interview:
    return Interview(
        doc_id,
        document["contact_id"],
        document.get("date", ""),
        document.get("minutes", 0),
        document.get("notes", ""),
        tuple(document.get("questions_asked", ())),
        tuple(document.get("referrals", ())),
    )


def event_from(document: Mapping[str, Any], doc_id: int) -> LoggedEvent:
    return LoggedEvent(
        doc_id,
        document["contact_id"],
        document.get("event", ""),
        document.get("date", ""),
        document.get("note", ""),
    )


def rehearsal_from(document: Mapping[str, Any], doc_id: int) -> Rehearsal:
    return Rehearsal(
        doc_id,
        document.get("date", ""),
        document.get("script_id", ""),
        document.get("contact_id"),
        float(document.get("seconds", 0)),
        float(document.get("wpm", 0)),
        _optional_float(document.get("speaking_seconds")),
        _optional_float(document.get("longest_pause")),
        _optional_float(document.get("ask_seconds")),
    )


def _optional_float(value: float | None) -> float | None:
    return None if value is None else float(value)


def call_draft_from(document: Mapping[str, Any]) -> CallDraft:
    return CallDraft(
        document["contact_id"],
        document.get("date", ""),
        document.get("text", ""),
        tuple(document.get("asked", ())),
        document.get("started", ""),
    )


def own_question_from(document: Mapping[str, Any], doc_id: int) -> OwnQuestion:
    return OwnQuestion(
        f"{OWN_QUESTION_PREFIX}{doc_id}", document["text"], document.get("category", "")
    )
