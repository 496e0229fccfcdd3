"""A change as values: what it did to each record, by uid, before and after.

Every write notes, the first time a change touches a record, how the record looked before it
(`Recording._note_before`). Once the change has run, that is sealed into a `Pending` value: one
`Change` per record it touched, and the uid of every record its written fields name by doc id.
That one value is what the other parts work on: `replay` applies it again, field by field, on top
of what another process saved; `undo` takes it back; a merge of a conflict copy is recorded as
one; and the history (the undo list) keeps them.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from infocoach.data.memory import InMemory
from infocoach.data.schema import (
    CALL_DRAFTS,
    COMPANIES,
    CONTACTS,
    EVENT_LOG,
    INTERVIEWS,
    MESSAGE_DRAFTS,
    OWN_QUESTIONS,
    REHEARSALS,
    SEARCH_CHECKLIST,
)
from infocoach.data.stamps import MERGE_KEYS, UID

# The fields that name another record by its doc id, and that record's table
REFERENCES = {"contact_id": CONTACTS, "referred_by": CONTACTS, "company_id": COMPANIES}

# How each table's records are called in what she reads: (one, many)
NOUNS = {
    COMPANIES: ("company", "companies"),
    CONTACTS: ("contact", "contacts"),
    INTERVIEWS: ("interview", "interviews"),
    EVENT_LOG: ("event", "events"),
    REHEARSALS: ("rehearsal", "rehearsals"),
    CALL_DRAFTS: ("call draft", "call drafts"),
    MESSAGE_DRAFTS: ("message draft", "message drafts"),
    OWN_QUESTIONS: ("own question", "own questions"),
    SEARCH_CHECKLIST: ("search step", "search steps"),
}


@dataclass(frozen=True)
class Change:
    """One record a change touched: its table and uid, its doc id (now, or when it was last
    there), and the record before and after the change (None: absent)."""

    table: str
    uid: str
    doc_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def written(self) -> dict[str, Any]:
        """The fields the change wrote: all of a record it made, the changed ones of a record
        it changed (none of one it removed)."""
        if self.after is None:
            return {}
        before = self.before or {}
        return {
            key: value
            for key, value in self.after.items()
            if key not in MERGE_KEYS and (self.before is None or before.get(key) != value)
        }


@dataclass
class Pending:
    """A change waiting to be saved, as values (see module)."""

    # (table, uid) -> the doc id and the record when the change first touched it (None: it
    # made it); noted while the change runs, and kept
    touched: dict[tuple[str, str], tuple[int, dict[str, Any] | None]] = field(default_factory=dict)
    changes: tuple[Change, ...] = ()  # what it did, sealed once it ran
    # (table, doc id) -> the uid of each record its written fields name, as it ran
    named: dict[tuple[str, int], str] = field(default_factory=dict)


class Gone(Exception):
    """A change no longer applies: a record it changes or names was deleted by another process
    (its table and its doc id when the change was made)."""

    def __init__(self, table: str, doc_id: int) -> None:
        super().__init__(table, doc_id)
        self.table, self.doc_id = table, doc_id

    def __str__(self) -> str:
        one, _ = NOUNS.get(self.table, ("record", "records"))
        return f"{one} #{self.doc_id} was deleted there"


def references(document: Mapping[str, Any]) -> Iterable[tuple[str, str, int]]:
    """(field, table, doc id) of each record `document` names by doc id."""
    for name, table in REFERENCES.items():
        value = document.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            yield name, table, value


class Recording(InMemory):
    """What each write notes for the change running now, and the values that come of it."""

    _recording: Pending | None  # the change running now (None: none, or one replayed)
    _uid_index: dict[str, dict[str, int]]  # table -> uid -> doc id (see `_id_of`)

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
        recording = self._recording
        if recording is None:
            return
        stored = self._memory.tables.get(table, {})
        for doc_id in doc_ids:
            found = stored.get(str(doc_id))
            key = (table, str(found.get(UID, "")) if found is not None else "")
            if key not in recording.touched:
                before = None if new or found is None else copy.deepcopy(found)
                recording.touched[key] = (doc_id, before)

    def _changes_of(self, pending: Pending) -> tuple[Change, ...]:
        """What `pending` did to each record it touched, as the records stand now (a record
        is never changed in place: see `memory`)."""
        found = []
        indexes: dict[str, dict[str, str]] = {}  # table -> uid -> key, built once if needed
        for (table, uid), (doc_id, before) in pending.touched.items():
            stored = self._memory.tables.get(table, {})
            key = str(doc_id)
            if stored.get(key, {}).get(UID) != uid:  # gone, or renumbered when applied again
                if table not in indexes:
                    indexes[table] = {str(d.get(UID)): k for k, d in stored.items()}
                key = indexes[table].get(uid, key)
            after = stored.get(key)
            if after is not None and after.get(UID) != uid:
                after = None
            if before != after:
                found.append(Change(table, uid, int(key), before, after))
        return tuple(found)

    def _seal(self, pending: Pending) -> None:
        """`pending` has run: keep what it did, and the uids of the records it names."""
        pending.changes = self._changes_of(pending)
        for change in pending.changes:
            if change.after is None:
                continue
            before = change.before
            for name, table, doc_id in references(change.after):
                if before is not None and before.get(name) == doc_id:
                    continue  # not written by this change
                named = self._memory.tables.get(table, {}).get(str(doc_id))
                if named is not None and named.get(UID):
                    pending.named[(table, doc_id)] = str(named[UID])
