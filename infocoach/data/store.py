"""The one door to the data: the CLI and the screens call this, never TinyDB.

Knows nothing of Textual or Rich. Every method that changes data saves it before returning
(atomically, see `storage`), or raises DataWriteError with memory back at the saved state.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from tinydb import TinyDB
from tinydb.table import Document, Table

from infocoach.core.calls import CallPlan, earned_items
from infocoach.core.models import (
    EVENTS,
    LINE_FIELDS,
    Contact,
    InvalidInput,
    contact_fields,
)
from infocoach.core.stages import Event, derive_stage, events_by_contact
from infocoach.core.text import clean_line, clean_text
from infocoach.data.migrations import SCHEMA_VERSION, SchemaError, migrate, schema_version
from infocoach.data.storage import AtomicJSONStorage, DataFileError, DataWriteError, encode_tables

if TYPE_CHECKING:
    from infocoach.core.imports import ImportResult, Record

__all__ = ["DataFileError", "DataWriteError", "DeletedContact", "OwnQuestion", "Store"]

CONTACTS = "contacts"
OWN_QUESTIONS = "own_questions"
INTERVIEWS = "interviews"
EVENT_LOG = "events"
REHEARSALS = "rehearsals"
CALL_DRAFTS = "call_drafts"  # notes of a call in progress, one per contact
CONTACT_TABLES = (INTERVIEWS, EVENT_LOG, REHEARSALS, CALL_DRAFTS)
OWN_QUESTION_PREFIX = "own-"
_CONTACT_FIELDS = {f.name for f in fields(Contact)} - {"id"}


@dataclass(frozen=True)
class OwnQuestion:
    id: str
    text: str
    category: str


@dataclass(frozen=True)
class DeletedContact:
    """Everything a delete removed, so that undo can put it back exactly."""

    contact: Contact
    records: Mapping[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    referred: tuple[int, ...] = ()


def _contact_from(document: Mapping[str, Any], doc_id: int) -> Contact:
    values = {key: document[key] for key in _CONTACT_FIELDS if key in document}
    values["tags"] = tuple(values.get("tags") or ())
    values["questions"] = tuple(values.get("questions") or ())
    values["checklist"] = dict(values.get("checklist") or {})
    return Contact(id=doc_id, **values)


def _document_from(contact: Contact) -> dict[str, Any]:
    document = {name: getattr(contact, name) for name in sorted(_CONTACT_FIELDS)}
    document["tags"] = list(contact.tags)
    document["questions"] = list(contact.questions)
    document["checklist"] = dict(contact.checklist)
    return document


# field -> the types a stored value may have; checked once, when the file is opened
_CONTACT_SHAPE: dict[str, tuple[type, ...]] = {
    **{name: (str,) for name in LINE_FIELDS},
    "notes": (str,), "stage": (str,), "created": (str,), "updated": (str,),
    "referred_by": (int, type(None)), "minutes": (int, type(None)),
    "meeting": (str, type(None)), "tags": (list,), "questions": (list,), "checklist": (dict,),
    "keep_in_touch_weeks": (int, type(None)),
}  # fmt: skip
_RECORD_SHAPE: dict[str, tuple[type, ...]] = {
    "contact_id": (int, type(None)), "date": (str,), "event": (str,), "text": (str,),
}  # fmt: skip


_CONTACT_TYPES = {key: frozenset(types) for key, types in _CONTACT_SHAPE.items()}
_RECORD_TYPES = {key: frozenset(types) for key, types in _RECORD_SHAPE.items()}


def _shape_problem(tables: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> str | None:
    """The first record whose fields have the wrong type, described; None when all fit.

    Exact types, as JSON gives them: so `true` is no number of minutes.
    """
    for table_name, table in tables.items():
        shape = _CONTACT_TYPES if table_name == CONTACTS else _RECORD_TYPES
        for doc_id, document in table.items():
            if table_name == CONTACTS and type(document.get("name")) is not str:
                return f"contact {doc_id} has no name"
            for key, value in document.items():
                allowed = shape.get(key)
                if allowed is not None and type(value) not in allowed:
                    return f"{key!r} of record {doc_id} in table {table_name!r} has the wrong type"
    return None


def validate_tables(path: Path, tables: dict[str, Any], today: date) -> tuple[dict[str, Any], bool]:
    """Tables read from a file (see `storage.decode_tables`), brought to this schema and
    shape-checked; returns them and whether a migration changed them. DataFileError if unusable.
    """
    try:
        tables, changed = migrate(tables, today)
    except SchemaError as error:
        raise DataFileError(path, str(error)) from None
    problem = _shape_problem(tables)
    if problem:
        raise DataFileError(path, f"wrong shape: {problem}")
    return tables, changed


class _CopyOnAccess(dict):
    """A table handed to TinyDB's updaters: the first access to a record swaps in a copy, so
    an update builds a new record instead of changing the stored one in place."""

    def __init__(self, records: dict) -> None:
        super().__init__(records)
        self._copied: set = set()

    def __getitem__(self, doc_id: Any) -> Any:
        record = super().__getitem__(doc_id)
        if doc_id not in self._copied:
            record = dict(record)
            super().__setitem__(doc_id, record)
            self._copied.add(doc_id)
        return record


class CopyOnWriteTable(Table):
    """A TinyDB table whose stored records are never mutated: what the storage's
    RecordEncoder relies on to serialise only the records that changed."""

    def _update_table(self, updater: Callable[[dict], None]) -> None:
        def on_copies(table: dict) -> None:
            guarded = _CopyOnAccess(table)
            updater(guarded)
            table.clear()
            table.update(guarded)

        super()._update_table(on_copies)


class _TinyDB(TinyDB):
    table_class = CopyOnWriteTable


F = TypeVar("F", bound=Callable[..., Any])
_NO_RECORDS: Mapping[str, Any] = MappingProxyType({})
_UNSEEN: Mapping[str, Any] = MappingProxyType({})  # a table no cache has been built from


def _mutation(method: F) -> F:
    """Run a Store method as one transaction: locked, on top of the latest file, saved once."""

    @functools.wraps(method)
    def run(self: Store, *args: Any, **kwargs: Any) -> Any:
        with self.transaction():
            return method(self, *args, **kwargs)

    return run  # type: ignore[return-value]


class Store:
    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clock: Callable[[], datetime] | None = None,
        save_migration: bool = True,
    ):
        """Open (or prepare to create) the data file at `path`; DataFileError if unusable.

        An older file is migrated in memory, and saved unless `save_migration` is False
        (so that a check such as `doctor` never writes).
        """
        self.path = Path(path)
        self._clock = clock or datetime.now
        self._db = _TinyDB(self.path, storage=AtomicJSONStorage)
        self._storage: AtomicJSONStorage = self._db.storage  # type: ignore[assignment]
        self._sorted: list[Contact] = []
        self._sorted_sources: tuple[Mapping[str, Any], ...] = (_UNSEEN, _UNSEEN)
        self._events_index: dict[int, list[Event]] = {}
        self._events_source: Mapping[str, Any] = _UNSEEN
        self._built: dict[int, tuple[Mapping[str, Any], Contact]] = {}
        self._reloads_seen = 0
        self._backed_up_on: date | None = None
        self._storage.before_save = self._daily_backup
        self._storage.validate = self._check_current
        self._open(save_migration)

    def _check_current(self, tables: Mapping[str, Any]) -> None:
        """Tables another process saved must be of this schema and shape."""
        try:
            version = schema_version(tables)  # type: ignore[arg-type]
        except SchemaError as error:
            raise DataFileError(self.path, str(error)) from None
        if version != SCHEMA_VERSION:
            raise DataFileError(self.path, f"another infocoach saved it as schema {version}")
        problem = _shape_problem(tables)
        if problem:
            raise DataFileError(self.path, f"wrong shape: {problem}")

    def _open(self, save_migration: bool) -> None:
        existing = self._storage.read()
        tables, changed = validate_tables(self.path, dict(existing or {}), self._clock().date())
        if existing is None or (changed and not save_migration):
            self._storage.adopt(tables)
        elif changed:
            self._storage.write(tables)

    def _table(self, name: str) -> Table:
        if self._reloads_seen != self._storage.reloads:
            # Another process may have added records: TinyDB's cached next ids are stale.
            for table in self._db._tables.values():
                table._next_id = None
            self._reloads_seen = self._storage.reloads
        return self._db.table(name, cache_size=0)

    def refresh(self) -> bool:
        """Catch up with changes another process saved; returns whether there were any."""
        return self._storage.refresh()

    def _daily_backup(self) -> None:
        today = self.today()
        if self._backed_up_on != today and self.path.exists():
            from infocoach.data.backups import daily_backup

            daily_backup(self.path, today)
            self._backed_up_on = today

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Several changes saved as one: all of them land, or none."""
        with self._storage.batch():
            yield

    def _now(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    def today(self) -> date:
        return self._clock().date()

    # -- contacts -------------------------------------------------------------------------

    def _event_index(self) -> dict[int, list[Event]]:
        """Every contact's event log in date order, built again only when the events change."""
        records = self._table_records(EVENT_LOG)
        if records is not self._events_source:
            self._events_index = events_by_contact(
                {**doc, "id": int(doc_id)} for doc_id, doc in records.items()
            )
            self._events_source = records
        return self._events_index

    def _table_records(self, name: str) -> Mapping[str, Any]:
        """A table's records as held in memory. Every change to a table replaces this
        mapping with a new one (TinyDB rebuilds it; a reload reads new ones), so its
        identity tells whether anything derived from it is stale."""
        return (self._storage.read() or {}).get(name) or _NO_RECORDS

    def events_by_contact(self) -> dict[int, list[Event]]:
        """Contact id -> that contact's events in date order (contacts with none left out)."""
        return {contact_id: list(found) for contact_id, found in self._event_index().items()}

    def _with_stage(self, contact: Contact) -> Contact:
        """The contact with the stage its event log shows (the stored one when it has none)."""
        stage = derive_stage(self._event_index().get(contact.id, ()), contact.stage)
        return contact if stage == contact.stage else replace(contact, stage=stage)

    def _contact_of(self, record: Mapping[str, Any], doc_id: str) -> Contact:
        """The Contact of a stored record, built once per record: records are replaced, never
        changed in place (CopyOnWriteTable), so one seen before still holds the same data."""
        cached = self._built.get(id(record))
        if cached is None or cached[0] is not record:
            cached = (record, _contact_from(record, int(doc_id)))
            self._built[id(record)] = cached
        return cached[1]

    def contacts(self) -> list[Contact]:
        """Every contact, sorted by name (case-insensitive), then id."""
        documents = self._table_records(CONTACTS)
        sources = (documents, self._table_records(EVENT_LOG))
        stale = zip(sources, self._sorted_sources, strict=True)
        if any(now is not before for now, before in stale):
            found = [
                self._with_stage(self._contact_of(doc, doc_id)) for doc_id, doc in documents.items()
            ]
            self._sorted = sorted(found, key=lambda contact: (contact.name.casefold(), contact.id))
            self._sorted_sources = sources
            if len(self._built) > 2 * len(documents) + 1024:  # forget replaced records
                alive = {id(doc) for doc in documents.values()}
                self._built = {key: value for key, value in self._built.items() if key in alive}
        return list(self._sorted)

    def contact_count(self) -> int:
        return len(self._table(CONTACTS))

    def get_contact(self, contact_id: int) -> Contact:
        document = self._table(CONTACTS).get(doc_id=contact_id)
        if document is None:
            raise KeyError(contact_id)
        return self._with_stage(_contact_from(document, contact_id))

    def find_contact(self, name: str) -> Contact:
        """The contact called `name` (ignoring case); InvalidInput when none or several."""
        wanted = clean_line(name).casefold()
        matches = [c for c in self.contacts() if c.name.casefold() == wanted]
        if not matches:
            raise InvalidInput({"name": f"no contact is named {clean_line(name)!r}"})
        if len(matches) > 1:
            raise InvalidInput({"name": f"{len(matches)} contacts are named {clean_line(name)!r}"})
        return matches[0]

    def _resolve_referrer(self, value: object, own_id: int | None) -> int | None:
        if value is None or value == "":
            return None
        if isinstance(value, int):
            if self._table(CONTACTS).get(doc_id=value) is None:
                raise InvalidInput({"referred_by": f"no contact has id {value}"})
            referrer_id = value
        else:
            try:
                referrer_id = self.find_contact(str(value)).id
            except InvalidInput as error:
                raise InvalidInput({"referred_by": error.problems["name"]}) from None
        if referrer_id == own_id:
            raise InvalidInput({"referred_by": "a contact cannot refer themselves"})
        return referrer_id

    @_mutation
    def add_contact(self, **raw: object) -> Contact:
        """Add a contact from typed values or typed-in text; raises InvalidInput."""
        values = contact_fields({"name": "", **raw})
        if "referred_by" in values:
            values["referred_by"] = self._resolve_referrer(values["referred_by"], None)
        now = self._now()
        contact = Contact(id=0, created=now, updated=now, **values)  # type: ignore[arg-type]
        contact_id = self._table(CONTACTS).insert(_document_from(contact))
        return replace(contact, id=contact_id)

    @_mutation
    def update_contact(self, contact_id: int, **raw: object) -> Contact:
        current = self.get_contact(contact_id)
        values = contact_fields(raw)
        if "referred_by" in values:
            values["referred_by"] = self._resolve_referrer(values["referred_by"], contact_id)
        updated = replace(current, updated=self._now(), **values)  # type: ignore[arg-type]
        self._table(CONTACTS).update(_document_from(updated), doc_ids=[contact_id])
        return self._with_stage(updated)

    def _write_contact(self, contact: Contact) -> Contact:
        contact = replace(contact, updated=self._now())
        self._table(CONTACTS).update(_document_from(contact), doc_ids=[contact.id])
        return contact

    @_mutation
    def delete_contact(self, contact_id: int) -> DeletedContact:
        """Remove a contact with its interviews, events and rehearsals, in one save."""
        contact = self.get_contact(contact_id)
        records: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        with self.transaction():
            for name in CONTACT_TABLES:
                table = self._table(name)
                mine = [doc for doc in table.all() if doc.get("contact_id") == contact_id]
                records[name] = [(doc.doc_id, dict(doc)) for doc in mine]
                if mine:
                    table.remove(doc_ids=[doc.doc_id for doc in mine])
            referred = [c.id for c in self.contacts() if c.referred_by == contact_id]
            if referred:
                self._table(CONTACTS).update({"referred_by": None}, doc_ids=referred)
            self._table(CONTACTS).remove(doc_ids=[contact_id])
        return DeletedContact(contact, records, tuple(referred))

    @_mutation
    def undo_delete(self, deleted: DeletedContact) -> Contact:
        """Put a deleted contact back, under its old id unless a newer contact took it."""
        contact = deleted.contact
        with self.transaction():
            contact = replace(
                contact, id=self._insert(CONTACTS, contact.id, _document_from(contact))
            )
            for name, documents in deleted.records.items():
                for doc_id, document in documents:
                    self._insert(name, doc_id, {**document, "contact_id": contact.id})
            alive = [i for i in deleted.referred if self._table(CONTACTS).contains(doc_id=i)]
            if alive:
                self._table(CONTACTS).update({"referred_by": contact.id}, doc_ids=alive)
        return contact

    def _insert(self, table_name: str, wanted_id: int, document: dict[str, Any]) -> int:
        table = self._table(table_name)
        if table.contains(doc_id=wanted_id):
            return table.insert(document)
        return table.insert(Document(document, doc_id=wanted_id))

    # -- checklist ------------------------------------------------------------------------

    @_mutation
    def set_checked(self, contact_id: int, item_id: str, checked: bool) -> Contact:
        """Tick (stamped with today's date) or untick one checklist item."""
        contact = self.get_contact(contact_id)
        checklist = dict(contact.checklist)
        if checked:
            checklist[item_id] = self.today().isoformat()
        else:
            checklist.pop(item_id, None)
        return self._write_contact(replace(contact, checklist=checklist))

    @_mutation
    def toggle_checked(self, contact_id: int, item_id: str) -> Contact:
        contact = self.get_contact(contact_id)
        return self.set_checked(contact_id, item_id, item_id not in contact.checklist)

    # -- questions ------------------------------------------------------------------------

    @_mutation
    def set_questions(self, contact_id: int, question_ids: Iterable[str]) -> Contact:
        """Replace the contact's chosen questions (order kept, repeats dropped)."""
        ordered = tuple(dict.fromkeys(question_ids))
        return self._write_contact(replace(self.get_contact(contact_id), questions=ordered))

    @_mutation
    def choose_question(self, contact_id: int, question_id: str) -> Contact:
        contact = self.get_contact(contact_id)
        return self.set_questions(contact_id, (*contact.questions, question_id))

    @_mutation
    def drop_question(self, contact_id: int, question_id: str) -> Contact:
        contact = self.get_contact(contact_id)
        return self.set_questions(contact_id, (q for q in contact.questions if q != question_id))

    @_mutation
    def move_question(self, contact_id: int, question_id: str, offset: int) -> Contact:
        """Move a chosen question up (negative offset) or down, clamped to the list."""
        questions = list(self.get_contact(contact_id).questions)
        start = questions.index(question_id)
        end = max(0, min(len(questions) - 1, start + offset))
        questions.insert(end, questions.pop(start))
        return self.set_questions(contact_id, questions)

    def own_questions(self) -> list[OwnQuestion]:
        return [
            OwnQuestion(f"{OWN_QUESTION_PREFIX}{doc.doc_id}", doc["text"], doc.get("category", ""))
            for doc in self._table(OWN_QUESTIONS).all()
        ]

    @_mutation
    def add_own_question(self, text: str, category: str = "mine") -> OwnQuestion:
        text, category = clean_line(text), clean_line(category)
        if not text:
            raise InvalidInput({"text": "the question is empty"})
        doc_id = self._table(OWN_QUESTIONS).insert({"text": text, "category": category})
        return OwnQuestion(f"{OWN_QUESTION_PREFIX}{doc_id}", text, category)

    # -- interviews, events, rehearsals ---------------------------------------------------

    def _contact_records(self, table: str, contact_id: int | None) -> list[dict[str, Any]]:
        documents = self._table(table).all()
        if contact_id is not None:
            documents = [doc for doc in documents if doc.get("contact_id") == contact_id]
        return [{"id": doc.doc_id, **doc} for doc in documents]

    @_mutation
    def add_interview(
        self,
        contact_id: int,
        *,
        day: date | None = None,
        minutes: int = 0,
        notes: str = "",
        questions_asked: Iterable[str] = (),
        referrals: Iterable[str] = (),
    ) -> int:
        self.get_contact(contact_id)
        return self._table(INTERVIEWS).insert(
            {
                "contact_id": contact_id,
                "date": (day or self.today()).isoformat(),
                "minutes": minutes,
                "notes": clean_text(notes),
                "questions_asked": list(questions_asked),
                "referrals": [clean_line(name) for name in referrals],
            }
        )

    def interviews(self, contact_id: int | None = None) -> list[dict[str, Any]]:
        return self._contact_records(INTERVIEWS, contact_id)

    @_mutation
    def log_event(
        self, contact_id: int, event: str, *, day: date | None = None, note: str = ""
    ) -> int:
        if event not in EVENTS:
            raise InvalidInput({"event": f"{event!r} is not one of {', '.join(EVENTS)}"})
        self.get_contact(contact_id)
        return self._table(EVENT_LOG).insert(
            {
                "contact_id": contact_id,
                "event": event,
                "date": (day or self.today()).isoformat(),
                "note": clean_text(note),
            }
        )

    def events(self, contact_id: int | None = None) -> list[dict[str, Any]]:
        return sorted(self._contact_records(EVENT_LOG, contact_id), key=lambda e: e["date"])

    @_mutation
    def add_rehearsal(
        self, script_id: str, seconds: float, words_per_minute: float, contact_id: int | None = None
    ) -> int:
        return self._table(REHEARSALS).insert(
            {
                "date": self._now(),
                "script_id": script_id,
                "contact_id": contact_id,
                "seconds": round(seconds, 1),
                "wpm": round(words_per_minute, 1),
            }
        )

    def rehearsals(self, script_id: str | None = None) -> list[dict[str, Any]]:
        found = self._contact_records(REHEARSALS, None)
        return [r for r in found if script_id is None or r["script_id"] == script_id]

    @_mutation
    def finish_call(
        self,
        plan: CallPlan,
        *,
        minutes: int,
        notes: str,
        asked: Iterable[str],
        referrals: Sequence[str],
        add_referrals: bool = False,
    ) -> list[str]:
        """Log the interview in one save; returns the Conduct items it ticked.

        With `add_referrals`, each name not yet a contact is added, referred by this contact.
        """
        ticked = set(asked)
        asked = [question_id for question_id, _ in plan.questions if question_id in ticked]
        earned = earned_items(referrals, minutes, plan.minutes)
        self.add_interview(
            plan.contact_id, minutes=minutes, notes=notes, questions_asked=asked,
            referrals=referrals,
        )  # fmt: skip
        self.log_event(plan.contact_id, "interviewed")
        checklist = self.get_contact(plan.contact_id).checklist
        for item_id in earned:
            if item_id not in checklist:
                self.set_checked(plan.contact_id, item_id, True)
        if add_referrals:
            known = {contact.name.casefold() for contact in self.contacts()}
            for name in referrals:
                if name.casefold() not in known:
                    self.add_contact(
                        name=name, referred_by=plan.contact_id, how_met=f"Referred by {plan.name}"
                    )
        self.clear_call_draft(plan.contact_id)
        return earned

    # -- the notes of a call in progress (issue 4) ----------------------------------------

    @_mutation
    def save_call_draft(self, contact_id: int, notes: str, asked: Iterable[str] = ()) -> None:
        """Keep the notes and ticked questions of a call in progress, replacing the last."""
        self.get_contact(contact_id)
        table = self._table(CALL_DRAFTS)
        document = {
            "contact_id": contact_id,
            "date": self._now(),
            "text": clean_text(notes),
            "asked": list(dict.fromkeys(asked)),
        }
        mine = [doc.doc_id for doc in table.all() if doc.get("contact_id") == contact_id]
        if mine:
            table.update(document, doc_ids=mine[:1])
            if mine[1:]:
                table.remove(doc_ids=mine[1:])
        else:
            table.insert(document)

    def call_draft(self, contact_id: int) -> dict[str, Any] | None:
        """The saved draft ({'text', 'asked', 'date'}) of a call with the contact, or None."""
        found = self._contact_records(CALL_DRAFTS, contact_id)
        return found[0] if found else None

    @_mutation
    def clear_call_draft(self, contact_id: int) -> None:
        table = self._table(CALL_DRAFTS)
        mine = [doc.doc_id for doc in table.all() if doc.get("contact_id") == contact_id]
        if mine:
            table.remove(doc_ids=mine)

    # -- import and export (issue 6) ------------------------------------------------------

    @_mutation
    def import_contacts(
        self,
        records: Sequence[Record],
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportResult:
        """Add the new contacts among `records` in one save: all of them land, or none.

        Each record's fields are checked as typed text; a bad one is rejected with its row.
        A record with the same LinkedIn URL as a stored or earlier one, or else the same name
        and company, is skipped (see `core.imports.Duplicates`). `progress(done, total)` is
        called now and then; an exception it raises cancels the import.
        """
        from infocoach.core.imports import Duplicates, ImportResult, Rejection

        total = len(records)
        duplicates = Duplicates(self.contacts())
        now = self._now()
        documents: list[dict[str, Any]] = []
        rejected: list[Rejection] = []
        skipped = 0
        every = max(1, total // 100)
        for done, record in enumerate(records, start=1):
            try:
                values = contact_fields({"name": "", **record.fields})
            except InvalidInput as error:
                rejected.append(Rejection(record.row, str(error)))
            else:
                values.pop("referred_by", None)
                if duplicates.add(values):
                    contact = Contact(id=0, created=now, updated=now, **values)  # type: ignore[arg-type]
                    documents.append(_document_from(contact))
                else:
                    skipped += 1
            if progress is not None and (done % every == 0 or done == total):
                progress(done, total)
        if documents:
            # One insert for all: TinyDB's insert() rewrites the table each time.
            self._table(CONTACTS).insert_multiple(documents)
        return ImportResult(len(documents), skipped, tuple(rejected))

    def export_bytes(self) -> bytes:
        """The whole data, encoded as the data file is: a backup `infocoach restore` accepts."""
        return encode_tables(self._storage.read() or {})
