"""The tables in memory, written record by record.

Ids are given as TinyDB gives them (one past the largest, 1 in an empty table), so the file
stays a TinyDB database; but a write changes only the records it writes, where TinyDB's copies
the whole table each time (at 30,000 contacts, tens of milliseconds a record).

A record once in a table is never changed in place: a change puts a new one in its place (see
`Writes._update_each`). So a shallow copy of the tables holds them as they were, and a save
encodes that copy outside the store's lock (see `UnitOfWork.flush`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from infocoach.data.storage import MemoryStorage


class InMemory:
    """Records put into and taken out of the tables in memory."""

    _memory: MemoryStorage
    _next_ids: dict[str, int]  # table -> the id its next record gets (until memory is read)
    _lock: threading.RLock  # guards memory: the UI thread and the writer take turns

    def _records(self, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
        with self._lock:
            found = list(self._memory.tables.get(name, {}).items())
        return ((int(doc_id), document) for doc_id, document in found)

    def _holds(self, table_name: str, doc_id: int) -> bool:
        return str(doc_id) in self._memory.tables.get(table_name, {})

    def _next_id(self, table_name: str) -> int:
        known = self._next_ids.get(table_name)
        if known is None:
            known = max(map(int, self._memory.tables.get(table_name, {})), default=0) + 1
        self._next_ids[table_name] = known + 1
        return known

    def _put(
        self, table_name: str, documents: Sequence[dict[str, Any]], doc_id: int | None = None
    ) -> list[int]:
        """Add the records under new ids, or the one under `doc_id` (ValueError when it is
        taken); returns their ids."""
        stored = self._memory.tables.setdefault(table_name, {})
        if doc_id is None:
            ids = [self._next_id(table_name) for _ in documents]
        else:
            self._next_ids.pop(table_name, None)  # counted again past the largest
            if str(doc_id) in stored:
                raise ValueError(f"Document with ID {doc_id} already exists")
            ids = [doc_id]
        self._memory.writes += 1
        for new_id, document in zip(ids, documents, strict=True):
            stored[str(new_id)] = document
        return ids

    def _put_at(self, table_name: str, documents: Mapping[int, dict[str, Any]]) -> None:
        """Add the records under their ids (none of them taken)."""
        stored = self._memory.tables.setdefault(table_name, {})
        self._next_ids.pop(table_name, None)  # counted again past the largest
        self._memory.writes += 1
        for doc_id, document in documents.items():
            stored[str(doc_id)] = document

    def _drop(self, table_name: str, doc_ids: Iterable[int]) -> None:
        """Take out the records of these ids (those there)."""
        stored = self._memory.tables.setdefault(table_name, {})
        self._memory.writes += 1
        for doc_id in doc_ids:
            stored.pop(str(doc_id), None)
