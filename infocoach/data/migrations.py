"""Schema versions of the data file and the ordered steps between them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from infocoach.core.companies import company_key
from infocoach.core.how_met import as_found_phrase

SCHEMA_VERSION = 5
META_TABLE = "meta"
META_DOC_ID = "1"

Tables = dict[str, dict[str, dict[str, Any]]]


class SchemaError(ValueError):
    pass


def schema_version(tables: Tables) -> int:
    """The version a file records; a file with no meta table predates versioning (0)."""
    meta = tables.get(META_TABLE, {}).get(META_DOC_ID)
    if meta is None:
        return 0
    version = meta.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise SchemaError(f"the schema version {version!r} is not a whole number")
    return version


def _v0_to_v1(tables: Tables, today: date) -> Tables:
    """The prototype kept contacts in TinyDB's `_default` table with a list of ticked ids."""
    contacts = {}
    for doc_id, old in tables.pop("_default", {}).items():
        record = dict(old)
        checked = record.pop("checked", [])
        record.setdefault("checklist", {item: today.isoformat() for item in checked})
        contacts[doc_id] = record
    tables.setdefault("contacts", {}).update(contacts)
    return tables


def _v1_to_v2(tables: Tables, today: date) -> Tables:
    """ "How you met" now completes "I found your name ...": "LinkedIn (connected on 26 Jan
    2015)" becomes "in my LinkedIn connections", "Referred by Ann Lee" "through Ann Lee"."""
    for record in tables.get("contacts", {}).values():
        old = record.get("how_met")
        if isinstance(old, str) and old.strip():
            record["how_met"] = as_found_phrase(old)
    return tables


# Schema 3: the items of step 1 (Network, ids `network-...`) are ticked once for the whole
# search, in their own table: one record per ticked item, {"item": id, "date": "YYYY-MM-DD"}.
_SEARCH_CHECKLIST = "search_checklist"
_SEARCH_ITEM_PREFIX = "network-"


def _v2_to_v3(tables: Tables, today: date) -> Tables:
    """The ticks of Network items move off the contacts into `search_checklist`; an item
    ticked on several contacts keeps its earliest date. (A value of the wrong type stays where
    it is, for the shape check to report.)"""
    earliest: dict[str, str] = {}
    for record in tables.get("contacts", {}).values():
        checklist = record.get("checklist")
        if not isinstance(checklist, dict):
            continue
        for item_id, day in list(checklist.items()):
            if item_id.startswith(_SEARCH_ITEM_PREFIX) and isinstance(day, str):
                del checklist[item_id]
                if item_id not in earliest or day < earliest[item_id]:
                    earliest[item_id] = day
    table = tables.setdefault(_SEARCH_CHECKLIST, {})
    next_id = max((int(key) for key in table if key.isdigit()), default=0) + 1
    for offset, item_id in enumerate(sorted(earliest)):
        table[str(next_id + offset)] = {"item": item_id, "date": earliest[item_id]}
    return tables


# Schema 4: every record carries `_uid`, `_stamp` and `_base` (see `stamps`), so that two
# machines' copies can be merged. The names are repeated here: a migration is written once, for
# the schema of its day.
_MIGRATED_STAMP = "0000000000000.0000.migrated"
_UID_NAMESPACE = uuid.UUID("0d7f3c52-8a41-4e0b-9b7e-2f6f1a3c5d90")
# table -> the fields that tell a record from another of the same doc id made on another
# machine, and that no change alters (a contact's `created`, an event's contact and day)
_IDENTITY = {
    "contacts": ("created",),
    "interviews": ("contact_id", "date"),
    "events": ("contact_id", "date", "event"),
    "rehearsals": ("date", "script_id"),
    "call_drafts": ("contact_id",),
    "message_drafts": ("contact_id", "script"),
    "own_questions": ("text",),
    "search_checklist": ("item",),
    "companies": ("created",),
}


def derived_uid(table_name: str, doc_id: str, document: dict[str, Any]) -> str:
    """The uid of a record made before uids: the same on every machine that migrates the
    same file, so its two copies are one record to a merge."""
    identity = "\x1f".join(
        [table_name, doc_id, *(repr(document.get(key)) for key in _IDENTITY.get(table_name, ()))]
    )
    return uuid.uuid5(_UID_NAMESPACE, identity).hex[:16]


def give_uids(tables: Tables) -> bool:
    """Give every record of a merged table that has none (a file edited by hand) its uid and
    the stamp of a migrated record; returns whether any had none."""
    changed = False
    for table_name in _IDENTITY:
        table = tables.get(table_name)
        if not table or all("_uid" in document for document in table.values()):
            continue
        for doc_id, document in table.items():
            if "_uid" not in document:
                document["_uid"] = derived_uid(table_name, doc_id, document)
                document.setdefault("_stamp", _MIGRATED_STAMP)
                document.setdefault("_base", "")
                changed = True
    return changed


def _v3_to_v4(tables: Tables, today: date) -> Tables:
    give_uids(tables)
    return tables


# Schema 5: the companies contacts name become records of their own (`companies`), and each
# contact names its record by `company_id`. Names that differ only in case, spacing or legal
# form ("Acme Inc.", "ACME") are one company, named as its first contact (by id) writes it.
_COMPANY_FIELDS = {"website": "", "industry": "", "motivation": 0, "posting": 0,
                   "shared_background": False, "notes": ""}  # fmt: skip


def company_uid(key: str) -> str:
    """The uid of a company made by the migration, from its `company_key`: every machine that
    migrates a file naming it makes the same record, which a merge then sees as one."""
    return uuid.uuid5(_UID_NAMESPACE, f"companies\x1f{key}").hex[:16]


def _v4_to_v5(tables: Tables, today: date) -> Tables:
    contacts = tables.get("contacts", {})
    table = tables.setdefault("companies", {})
    known = {company_key(str(doc.get("name", ""))): int(k) for k, doc in table.items()}
    next_id = max((int(key) for key in table if key.isdigit()), default=0) + 1
    for doc_id in sorted(contacts, key=int):
        record = contacts[doc_id]
        name = record.get("company")
        key = company_key(name) if isinstance(name, str) else ""
        if not isinstance(name, str) or not key:
            continue
        if key not in known:
            created = record.get("created") if isinstance(record.get("created"), str) else ""
            created = created or today.isoformat()
            table[str(next_id)] = {
                "name": name.strip(),
                **_COMPANY_FIELDS,
                "created": created,
                "updated": created,
                "_uid": company_uid(key),
                "_stamp": _MIGRATED_STAMP,
                "_base": "",
            }
            known[key] = next_id
            next_id += 1
        record["company_id"] = known[key]
    return tables


MIGRATIONS: dict[int, Callable[[Tables, date], Tables]] = {
    0: _v0_to_v1,
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
}


def migrate(tables: Tables, today: date) -> tuple[Tables, bool]:
    """Bring `tables` to SCHEMA_VERSION; returns them and whether anything changed."""
    version = schema_version(tables)
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"it was written by a newer infocoach (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}): upgrade infocoach"
        )
    changed = False
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables, today)
        version += 1
        changed = True
    changed = give_uids(tables) or changed
    tables[META_TABLE] = {META_DOC_ID: {"schema_version": SCHEMA_VERSION}}
    return tables, changed
