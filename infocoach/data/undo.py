"""Undo: what takes a change back, record by record."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

from infocoach.data.changes import Change, Pending
from infocoach.data.schema import CONTACTS, RECORD_TABLES
from infocoach.data.stamps import UID
from infocoach.data.storage import Tables
from infocoach.data.unit_of_work import UnitOfWork, mutation

T = TypeVar("T")


@dataclass(frozen=True)
class Undo:
    """What takes one change back (see `Store.undoable`); `label` says what it was."""

    label: str
    records: tuple[Change, ...]

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
                uid = str((now or was or {}).get(UID, ""))
                records.append(
                    Change(table_name, uid, int(key), copy.deepcopy(was), copy.deepcopy(now))
                )
    return Undo(label, tuple(records))


class Undoing(UnitOfWork):
    """Changes made with what takes them back (`undoable`), and taking them back (`undo`)."""

    def undoable(self, label: str, change: Callable[[], T]) -> tuple[T, Undo]:
        """Make `change` (store calls, saved as one) and return what takes it back. Made
        inside another change, what takes it back takes back what that one did so far too."""
        recorded: list[Pending] = []

        def noting() -> T:
            # What the change running now did to each record is noted on it (see `changes`).
            if self._recording is not None and not recorded:
                recorded.append(self._recording)
            return change()

        result = self.run_as_one(noting)
        with self._lock:
            records = self._changes_of(recorded[0]) if recorded else ()
        return result, Undo(label, records)

    @mutation
    def undo(self, undo: Undo) -> None:
        """Take a change back. A record changed since keeps the fields changed since; a
        removed contact whose id was taken meanwhile comes back under a new id (its records
        and referrals follow)."""
        new_ids: dict[int, int] = {}
        ordered = sorted(undo.records, key=lambda record: record.table != CONTACTS)
        for record in ordered:
            now = self._id_of(record.table, record.uid) if record.uid else None
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
