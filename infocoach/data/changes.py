"""A change waiting to be saved: what it did, as values, and how it runs again.

What a change did is a list of `Change` values, one per record it touched: the table, the
record's uid, and the record before and after. Undo takes them back, and a merge of a conflict
copy is told as them too (see `undo`).

A pending change still runs again as it first ran: a closure (a store method and its arguments)
with a tape of what its first run saw (`Taped`), which `UnitOfWork` applies again on top of what
another process saved. (Replayed as values instead, two processes ticking two items of one
contact would need a merge finer than `merge`'s, record by record: see issue 28.)
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from infocoach.data.memory import InMemory
from infocoach.data.stamps import UID, new_uid


@dataclass(frozen=True)
class Change:
    """One record a change touched: its table and uid, its doc id (now, or when it was last
    there), and the record before and after the change (None: absent)."""

    table: str
    uid: str
    doc_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class Taped:
    """A change waiting to be saved, with what its first run saw: the uid of each record it
    made, and of each record its arguments named by doc id. Run again on top of what another
    process saved (see `UnitOfWork._adopt`), it makes the same records (same uids) and changes the
    ones it changed first, whatever their doc ids are now."""

    def __init__(self, store: Taping, change: Callable[[], Any]) -> None:
        self.store = store
        self.change = change
        self.ran = False
        self.made: list[str] = []  # uids of the records it made, in order
        self.meant: list[tuple[str, int, str]] = []  # (table, doc id, uid) of each named
        # (table, uid) -> the doc id and a copy of the record when the change first touched it
        # (None: it made it); kept when it runs again, so it says what the change found
        self.touched: dict[tuple[str, str], tuple[int, dict[str, Any] | None]] = {}

    def __call__(self) -> Any:
        return self.store._run_taped(self)


class Taping(InMemory):
    """The store's side of `Taped`: records what a change makes and names the first time it
    runs, and follows that when it runs again."""

    _tape: Taped | None  # the change running now
    _tape_at: list[int]  # while one runs again: where it is in its `made` and `meant`
    _uid_index: dict[str, dict[str, int]]  # table -> uid -> doc id (see `_id_of`)

    def _run_taped(self, taped: Taped) -> Any:
        """Run a change, noting what it makes and names the first time, following that after."""
        outer, outer_at = self._tape, self._tape_at
        self._tape, self._tape_at = taped, [0, 0]
        try:
            return taped.change()
        finally:
            taped.ran = True
            self._tape, self._tape_at = outer, outer_at

    def _meant(self, table: str, doc_id: int) -> int:
        """The doc id, now, of the record a change named `doc_id` when it first ran; KeyError
        when that record is gone (deleted by another process)."""
        taped = self._tape
        if taped is None:
            return doc_id
        if not taped.ran:
            found = self._memory.tables.get(table, {}).get(str(doc_id))
            taped.meant.append((table, doc_id, str(found.get(UID, "")) if found else ""))
            return doc_id
        at = self._tape_at[1]
        self._tape_at[1] += 1
        if at < len(taped.meant):
            was_table, was_id, uid = taped.meant[at]
            if (was_table, was_id) == (table, doc_id) and uid:
                now = self._id_of(table, uid)
                if now is None:
                    raise KeyError(doc_id)
                return now
        return doc_id

    def _new_uid(self) -> str:
        """The uid of a record a change makes: the one it made the first time it ran."""
        taped = self._tape
        if taped is None:
            return new_uid()
        if not taped.ran:
            taped.made.append(new_uid())
            return taped.made[-1]
        at = self._tape_at[0]
        self._tape_at[0] += 1
        return taped.made[at] if at < len(taped.made) else new_uid()

    def _id_of(self, table: str, uid: str) -> int | None:
        """The doc id of the record of `table` with this uid (None: there is none)."""
        stored = self._memory.tables.get(table, {})
        found = self._uid_index.get(table, {}).get(uid)
        if found is not None and stored.get(str(found), {}).get(UID) == uid:
            return found
        index = {str(document.get(UID)): int(key) for key, document in stored.items()}
        self._uid_index[table] = index
        return index.get(uid)

    def _note_before(self, table: str, doc_ids: Iterable[int], *, new: bool = False) -> None:
        """How each record the running change touches looked before it (None for a `new`
        one, noted once made): the first time each is touched."""
        taped = self._tape
        if taped is None:
            return
        stored = self._memory.tables.get(table, {})
        for doc_id in doc_ids:
            found = stored.get(str(doc_id))
            key = (table, str(found.get(UID, "")) if found is not None else "")
            if key not in taped.touched:
                before = None if new or found is None else copy.deepcopy(found)
                taped.touched[key] = (doc_id, before)

    def _changes_of(self, taped: Taped) -> tuple[Change, ...]:
        """What `taped` did to each record it touched, as the records stand now."""
        found = []
        indexes: dict[str, dict[str, str]] = {}  # table -> uid -> key, built once if needed
        for (table, uid), (doc_id, before) in taped.touched.items():
            stored = self._memory.tables.get(table, {})
            key = str(doc_id)
            if stored.get(key, {}).get(UID) != uid:  # gone, or renumbered when run again
                if table not in indexes:
                    indexes[table] = {str(d.get(UID)): k for k, d in stored.items()}
                key = indexes[table].get(uid, key)
            after = stored.get(key)
            if after is not None and after.get(UID) != uid:
                after = None
            if before != after:
                found.append(Change(table, uid, int(key), before, copy.deepcopy(after)))
        return tuple(found)
