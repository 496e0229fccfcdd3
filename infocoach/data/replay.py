"""A pending change applied again, as values, on top of what another process saved.

The change is never run again: what it did (see `changes`) is. A record it made comes back as
it made it, under the same doc id when that is free (else the next one); a record it changed
gets the fields it changed, and in a field holding a mapping (a contact's checklist) or a list
(her chosen questions) only the entries or items it changed, so two processes ticking two items
of one contact keep both ticks; a record it removed goes, with the records that belong to it.
Every record it names is found by uid. A record it changes or names that another process
deleted makes it `Gone`, before it writes anything: it no longer applies, and is given up in
words (see `UnitOfWork.take_dropped`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from infocoach.data.changes import Change, Gone, Pending, references
from infocoach.data.schema import COMPANIES, CONTACT_TABLES, CONTACTS
from infocoach.data.writes import Writes


def _entries_changed(
    before: dict[str, Any], after: dict[str, Any], now: dict[str, Any]
) -> dict[str, Any]:
    """`now` with the entries that went from `before` to `after` changed the same way."""
    result = dict(now)
    for key in before.keys() | after.keys():
        if key not in after:
            result.pop(key, None)
        elif before.get(key) != after[key] or key not in before:
            result[key] = after[key]
    return result


def _items_changed(before: list[Any], after: list[Any], now: list[Any]) -> list[Any]:
    """`now` without the items the change took out of `before`, with those it put in added
    (or simply `after` when `now` is still `before`: a change of order stays)."""
    if now == before:
        return after
    kept = [item for item in now if item in after or item not in before]
    return kept + [item for item in after if item not in before and item not in kept]


class Replaying(Writes):
    """Pending changes applied again (see module)."""

    def _replay(self, pending: Pending) -> None:
        made = [c for c in pending.changes if c.before is None and c.after is not None]
        changed = [c for c in pending.changes if c.before is not None and c.after is not None]
        removed = [c for c in pending.changes if c.after is None]
        self._check_still_there(pending, made, changed)
        ids = self._make_again(made)

        def now(table: str, doc_id: int) -> int:
            """The doc id now of the record the change named `doc_id`."""
            if (table, doc_id) in ids:
                return ids[(table, doc_id)]
            uid = pending.named.get((table, doc_id))
            found = self._id_of(table, uid) if uid else None
            return doc_id if found is None else found

        for change in made:
            document = self._memory.tables[change.table][str(ids[(change.table, change.doc_id)])]
            for name, table, named in list(references(document)):
                document[name] = now(table, named)  # a copy made above: not yet shown
        by_table: dict[str, dict[int, dict[str, Any]]] = {}
        for change in changed:
            doc_id = self._id_of(change.table, change.uid)
            assert doc_id is not None  # checked above
            fields = self._fields_again(change, doc_id, now)
            if fields:
                by_table.setdefault(change.table, {})[doc_id] = fields
        for table, fields_by_id in by_table.items():
            self._update_each(table, fields_by_id)
        self._remove_again(removed, _moved_links(changed, now))

    def _check_still_there(
        self, pending: Pending, made: list[Change], changed: list[Change]
    ) -> None:
        """Gone when a record the change changes or names is not there any more."""
        for change in changed:
            if self._id_of(change.table, change.uid) is None:
                raise Gone(change.table, change.doc_id)
        own = {(change.table, change.uid) for change in made}
        for (table, doc_id), uid in pending.named.items():
            if (table, uid) not in own and self._id_of(table, uid) is None:
                raise Gone(table, doc_id)

    def _there_already(self, table: str, document: Mapping[str, Any]) -> int | None:
        """The doc id of the record another process made that is the one `document` would be
        (None: there is none). A repository whose records are made once by name says which:
        say, the company of that name added there meanwhile, which the change then names."""
        return None

    def _make_again(self, made: list[Change]) -> dict[tuple[str, int], int]:
        """Put back each record the change made (a copy, under its doc id when that is free)
        unless another process made it meanwhile; (table, doc id it had) -> doc id now."""
        ids: dict[tuple[str, int], int] = {}
        tables = dict.fromkeys(change.table for change in made)
        for table in tables:
            mine = []
            for change in made:
                if change.table == table:
                    found = self._there_already(table, change.after or {})
                    if found is None:
                        mine.append(change)
                    else:
                        ids[(table, change.doc_id)] = found
            stored = self._memory.tables.get(table, {})
            free = {c.doc_id: dict(c.after or {}) for c in mine if str(c.doc_id) not in stored}
            if free:
                self._put_at(table, free)
            taken = [change for change in mine if change.doc_id not in free]
            if taken:
                added = self._put(table, [dict(change.after or {}) for change in taken])
                ids.update(((table, c.doc_id), i) for c, i in zip(taken, added, strict=True))
            ids.update(((table, doc_id), doc_id) for doc_id in free)
            for change in mine:
                self._forget_tombstone(table, change.uid)
        return ids

    def _fields_again(
        self, change: Change, doc_id: int, now: Callable[[str, int], int]
    ) -> dict[str, Any]:
        """The fields `change` changed, as they become on the record there now."""
        current = self._memory.tables[change.table][str(doc_id)]
        before = change.before or {}
        fields = change.written()
        for name, value in fields.items():
            was, there = before.get(name), current.get(name)
            if isinstance(value, dict) and isinstance(was, dict) and isinstance(there, dict):
                fields[name] = _entries_changed(was, value, there)
            elif isinstance(value, list) and isinstance(was, list) and isinstance(there, list):
                fields[name] = _items_changed(was, value, there)
        for name, table, named in list(references(fields)):
            fields[name] = now(table, named)
        return fields

    def _remove_again(self, removed: list[Change], moved: dict[tuple[str, int], int]) -> None:
        """Remove what the change removed, and what belongs to it that another process added:
        a removed contact's records, and the links to a removed contact or company (moved
        where the change moved its own links to it, as a merge of two companies does; else
        forgotten)."""
        gone: dict[str, dict[int, int | None]] = {}  # table -> doc id now -> links go to
        for change in removed:
            doc_id = self._id_of(change.table, change.uid)
            if doc_id is not None:
                gone.setdefault(change.table, {})[doc_id] = moved.get((change.table, change.doc_id))
        for table, doc_ids in gone.items():
            self._remove_docs(table, list(doc_ids))
        contacts, companies = gone.get(CONTACTS, {}), gone.get(COMPANIES, {})
        if not contacts and not companies:
            return
        if contacts:
            for table in CONTACT_TABLES:
                orphans = [i for i, d in self._records(table) if d.get("contact_id") in contacts]
                if orphans:
                    self._remove_docs(table, orphans)
        relinked: dict[int, dict[str, Any]] = {}
        for doc_id, document in self._records(CONTACTS):
            for name, table, linked in references(document):
                targets = contacts if table == CONTACTS else companies
                if name != "contact_id" and linked in targets:
                    relinked.setdefault(doc_id, {})[name] = targets[linked]
        if relinked:
            self._update_each(CONTACTS, relinked)


def _moved_links(
    changed: list[Change], now: Callable[[str, int], int]
) -> dict[tuple[str, int], int]:
    """(table, doc id it had) -> doc id now of the record the change moved links to it to."""
    moved: dict[tuple[str, int], int] = {}
    for change in changed:
        before = change.before or {}
        for name, table, linked in references(change.after or {}):
            was = before.get(name)
            if isinstance(was, int) and was != linked:
                moved[(table, was)] = now(table, linked)
    return moved
