"""Every write to a record goes through these (so that a change can be undone and merged).

They also stamp each record for a merge (see `stamps`): a new record gets a uid, a changed one a
new stamp on top of the one it had, a removed one leaves a tombstone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any

from infocoach.data.changes import Recording
from infocoach.data.schema import TOMBSTONES
from infocoach.data.stamps import BASE, MERGE_KEYS, STAMP, UID, HybridClock, new_uid


class Writes(Recording):
    """The record-level reads and writes the repositories share."""

    _clock: Callable[[], datetime]
    _hybrid_clock: HybridClock

    def _require(self, table: str, doc_id: int) -> None:
        """KeyError when `table` holds no record `doc_id` (a change checks before it writes)."""
        if str(doc_id) not in self._memory.tables.get(table, {}):
            raise KeyError(doc_id)

    def _of_contact(
        self, table: str, contact_id: int | None
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        for doc_id, document in self._records(table):
            if contact_id is None or document.get("contact_id") == contact_id:
                yield doc_id, document

    def _insert(self, table_name: str, wanted_id: int, document: dict[str, Any]) -> int:
        """Insert under `wanted_id` unless a record holds it (then under a new id)."""
        if self._holds(table_name, wanted_id):
            return self._insert_doc(table_name, document)
        return self._insert_doc(table_name, document, wanted_id)

    # They also stamp each record for a merge (see `stamps`): a new record gets a uid, a
    # changed one a new stamp on top of the one it had, a removed one leaves a tombstone.

    def _now_millis(self) -> int:
        return int(self._clock().timestamp() * 1000)

    def _next_stamp(self) -> str:
        return self._hybrid_clock.stamp(self._now_millis())

    def _stamped(self, table_name: str, document: Mapping[str, Any]) -> dict[str, Any]:
        """`document` as a new version: a new record, or one coming back (undo) under the
        uid it had, made on top of the version it had."""
        uid = document.get(UID)
        if uid:
            self._forget_tombstone(table_name, uid)
            return {**document, BASE: document.get(STAMP, ""), STAMP: self._next_stamp()}
        return {**document, UID: new_uid(), STAMP: self._next_stamp(), BASE: ""}

    def _insert_doc(
        self, table_name: str, document: Mapping[str, Any], doc_id: int | None = None
    ) -> int:
        stamped = self._stamped(table_name, document)
        [new_id] = self._put(table_name, [stamped], doc_id)
        self._note_before(table_name, [new_id], new=True)
        return new_id

    def _insert_docs(self, table_name: str, documents: list[dict[str, Any]]) -> list[int]:
        stamped = [self._stamped(table_name, document) for document in documents]
        added = self._put(table_name, stamped)
        self._note_before(table_name, added, new=True)
        return added

    def _update_docs(self, table_name: str, fields: Mapping[str, Any], doc_ids: list[int]) -> None:
        self._update_each(table_name, dict.fromkeys(doc_ids, fields))

    def _update_each(self, table_name: str, fields: Mapping[int, Mapping[str, Any]]) -> None:
        """Give each record of `fields` its own changes (KeyError, and nothing changed, when
        one is not there). Each changed record is a new one in its place: the others, and the
        table, stay as they are (see `memory`)."""
        self._note_before(table_name, fields)
        stored = self._memory.tables.get(table_name, {})
        for doc_id in fields:
            if str(doc_id) not in stored:
                raise KeyError(doc_id)
        self._memory.writes += 1  # before any write: a change failing halfway is rolled back
        for doc_id, changes in fields.items():
            document = stored[str(doc_id)]
            # What a record is to a merge is the store's to say, never a caller's (nor an undo's).
            own = {key: value for key, value in changes.items() if key not in MERGE_KEYS}
            base = document.get(STAMP, "")
            stored[str(doc_id)] = {**document, **own, BASE: base, STAMP: self._next_stamp()}

    def _remove_docs(self, table_name: str, doc_ids: list[int]) -> None:
        self._note_before(table_name, doc_ids)
        stored = self._memory.tables.get(table_name, {})
        uids = [stored[str(i)].get(UID) for i in doc_ids if str(i) in stored]
        self._drop(table_name, doc_ids)
        deaths = [
            {"table": table_name, "uid": uid, "stamp": self._next_stamp()} for uid in uids if uid
        ]
        if deaths:
            self._put(TOMBSTONES, deaths)

    def _forget_tombstone(self, table_name: str, uid: str) -> None:
        tombstones = self._memory.tables.get(TOMBSTONES, {})
        gone = [
            int(k) for k, d in tombstones.items() if d["uid"] == uid and d["table"] == table_name
        ]
        if gone:
            self._drop(TOMBSTONES, gone)
