"""Undo: what takes a change back, record by record."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from infocoach.data.schema import CONTACTS, RECORD_TABLES
from infocoach.data.stamps import UID
from infocoach.data.storage import Tables
from infocoach.data.unit_of_work import mutation
from infocoach.data.writes import Writes

T = TypeVar("T")


@dataclass(frozen=True)
class UndoRecord:
    """One record an undoable change touched: as it was before and after (None: absent)."""

    table: str
    doc_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class Undo:
    """What takes one change back (see `Store.undoable`); `label` says what it was."""

    label: str
    records: tuple[UndoRecord, ...]

    def contact_ids(self) -> list[int]:
        """The contacts the change touched (directly or through their records)."""
        found: dict[int, None] = {}
        for record in self.records:
            document = record.before or record.after or {}
            contact_id = record.doc_id if record.table == CONTACTS else document.get("contact_id")
            if isinstance(contact_id, int):
                found[contact_id] = None
        return list(found)


def difference(label: str, before: Tables, after: Tables) -> Undo:
    """What takes the tables from `after` back to `before`, record by record."""
    records = []
    for table_name in RECORD_TABLES:
        old, new = before.get(table_name, {}), after.get(table_name, {})
        for key in sorted(old.keys() | new.keys(), key=int):
            was, now = old.get(key), new.get(key)
            if was is not now and was != now:
                records.append(
                    UndoRecord(table_name, int(key), copy.deepcopy(was), copy.deepcopy(now))
                )
    return Undo(label, tuple(records))


class Undoing(Writes):
    """Changes made with what takes them back (`undoable`), and taking them back (`undo`)."""

    def undoable(self, label: str, change: Callable[[], T]) -> tuple[T, Undo]:
        """Make `change` (store calls, saved as one) and return what takes it back."""
        journal: dict[tuple[str, int], dict[str, Any] | None] = {}

        def journaled() -> T:
            # Runs under the store's lock (also when applied again after a reload: the
            # records seen first stay, so the journal keeps what the change found).
            self._journal = journal
            try:
                return change()
            finally:
                self._journal = None

        result = self.run_as_one(journaled)
        records = []
        with self._lock:
            for (table_name, doc_id), before in journal.items():
                after = self._memory.tables.get(table_name, {}).get(str(doc_id))
                if before != after:
                    after_copy = copy.deepcopy(after) if after is not None else None
                    records.append(UndoRecord(table_name, doc_id, before, after_copy))
        return result, Undo(label, tuple(records))

    @mutation
    def undo(self, undo: Undo) -> None:
        """Take a change back. A record changed since keeps the fields changed since; a
        removed contact whose id was taken meanwhile comes back under a new id (its records
        and referrals follow)."""
        new_ids: dict[int, int] = {}
        touched: set[str] = set()
        ordered = sorted(undo.records, key=lambda record: record.table != CONTACTS)
        for record in ordered:
            touched.add(record.table)
            uid = str((record.after or record.before or {}).get(UID, ""))
            now = self._id_of(record.table, uid) if uid else None
            if now is not None and now != record.doc_id:  # renumbered since: follow it
                record = replace(record, doc_id=now)
            current = self._memory.tables.get(record.table, {}).get(str(record.doc_id))
            if record.before is None:
                if current is not None:
                    self._remove_docs(record.table, [record.doc_id])
            elif record.after is None or current is None:
                document = dict(record.before)
                if record.table != CONTACTS and document.get("contact_id") in new_ids:
                    document["contact_id"] = new_ids[document["contact_id"]]
                restored = self._insert(record.table, record.doc_id, document)
                if record.table == CONTACTS and restored != record.doc_id:
                    new_ids[record.doc_id] = restored
            else:
                fields = {
                    key: copy.deepcopy(value)
                    for key, value in record.before.items()
                    if record.after.get(key) != value and current.get(key) == record.after.get(key)
                }
                if fields:
                    self._update_docs(record.table, fields, [record.doc_id])
        for old_id, new_id in new_ids.items():
            pointing = [i for i, d in self._records(CONTACTS) if d.get("referred_by") == old_id]
            if pointing:
                self._update_docs(CONTACTS, {"referred_by": new_id}, pointing)
        self._stale_everything()
