"""Before a copy of the data from elsewhere is merged: is it one to trust?

A copy whose stamps are no stamps or lie a day ahead of this computer's clock, whose uids name
two records, or whose records came without a uid and match none here, is not merged by itself
(see `copies`): each says why in words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from infocoach.data.changes import NOUNS
from infocoach.data.merge import tombstones
from infocoach.data.merge_report import NAMED, counted
from infocoach.data.schema import RECORD_TABLES, TOMBSTONES
from infocoach.data.stamps import BASE, MERGE_KEYS, STAMP, UID, stamp_millis
from infocoach.data.storage import Tables

# What a stamp looks like (see `stamps`), merged ones with their marks; `_base` may be empty.
_STAMP_SHAPE = re.compile(r"\d{13}\.\d{4}\.[0-9a-z]{1,16}\+*")
# How far ahead of this machine's clock a copy's stamp may be: clocks drift, time zones do not
# matter (stamps are UTC), a whole day ahead is a wrong clock.
MAX_AHEAD_MILLIS = 24 * 60 * 60 * 1000


def records_without_uid(
    tables: Mapping[str, Mapping[str, Mapping[str, Any]]],
) -> set[tuple[str, str]]:
    """(table, doc id) of each record of a copy, as read, that carries no `_uid`: the reading
    gives it one, which names it nowhere else."""
    return {
        (table_name, key)
        for table_name in RECORD_TABLES
        for key, document in tables.get(table_name, {}).items()
        if UID not in document
    }


def copy_problem(
    ours: Tables, theirs: Tables, now_millis: int, without_uid: Iterable[tuple[str, str]] = ()
) -> str:
    """Why `theirs` is not to be merged as it is ("" when it may be), in words for her. A
    record of theirs in `without_uid` that holds what ours of the same doc id holds is made
    that record of ours (in place, in `theirs`); one that does not is a problem."""
    return (
        _stamp_problem(theirs, now_millis)
        or _clash_problem(ours, theirs)
        or _match_records_without_uid(ours, theirs, without_uid)
    )


def _stamps(tables: Tables) -> Iterable[tuple[str, str, str]]:
    """(table, what, stamp) for every stamp in `tables`: records' and tombstones'."""
    for table_name in RECORD_TABLES:
        for document in tables.get(table_name, {}).values():
            yield table_name, STAMP, str(document.get(STAMP, ""))
            if document.get(BASE):
                yield table_name, BASE, str(document[BASE])
    for tombstone in tables.get(TOMBSTONES, {}).values():
        yield str(tombstone.get("table", "")), "deletion", str(tombstone.get("stamp", ""))


def _stamp_problem(tables: Tables, now_millis: int) -> str:
    ahead: list[str] = []
    for table_name, what, stamp in _stamps(tables):
        if not _STAMP_SHAPE.fullmatch(stamp):
            one, _ = NOUNS.get(table_name, ("record", "records"))
            return f"a {one} in it has a {what} stamp that is no stamp ({stamp[:40]!r})"
        if stamp_millis(stamp) > now_millis + MAX_AHEAD_MILLIS:
            ahead.append(stamp)
    if not ahead:
        return ""
    newest = max(ahead)
    when = datetime.fromtimestamp(stamp_millis(newest) / 1000).strftime("%Y-%m-%d %H:%M")
    many = "a change is" if len(ahead) == 1 else f"{len(ahead)} changes are"
    return (
        f"{many} stamped more than a day ahead of this computer's clock (up to {when}): "
        "the other machine's clock is wrong, or the copy is damaged"
    )


def _clash_problem(ours: Tables, theirs: Tables) -> str:
    """Uids that name two records: two of theirs, or one of theirs and a different one of ours
    (a contact or company is made once: its `created` never changes)."""
    for table_name in RECORD_TABLES:
        one, many = NOUNS.get(table_name, ("record", "records"))
        uids = Counter(document.get(UID) for document in theirs.get(table_name, {}).values())
        clashing = [uid for uid, count in uids.items() if count > 1]
        if clashing:
            return f"{uids[clashing[0]]} {many} in it share one _uid ({clashing[0]})"
        if table_name not in NAMED:
            continue
        made = {doc.get(UID): doc.get("created") for doc in ours.get(table_name, {}).values()}
        for document in theirs.get(table_name, {}).values():
            uid = document.get(UID)
            if uid in made and made[uid] != document.get("created"):
                return f"a {one} in it has the _uid of a different {one} here ({uid})"
    return ""


def _match_records_without_uid(
    ours: Tables, theirs: Tables, without_uid: Iterable[tuple[str, str]]
) -> str:
    """Their records that came without a uid: one the reading gave a uid we know (the same
    record, migrated on both sides) stays; one holding what ours of its doc id holds takes our
    record's uid and stamps; any other is counted as a problem."""
    known = tombstones(ours)
    unmatched: Counter[str] = Counter()
    for table_name, key in sorted(without_uid):
        document = theirs.get(table_name, {}).get(key)
        if document is None:
            continue
        our_uids = {found[UID] for found in ours.get(table_name, {}).values()}
        if document[UID] in our_uids or (table_name, document[UID]) in known:
            continue
        mine = ours.get(table_name, {}).get(key)
        if mine is not None and _content(mine) == _content(document):
            document.update({name: mine[name] for name in MERGE_KEYS if name in mine})
        else:
            unmatched[table_name] += 1
    if not unmatched:
        return ""
    how_many = ", ".join(counted(count, table) for table, count in unmatched.items())
    return (
        f"{how_many} in it carry no _uid and match no record here by id and content, "
        "so merging could duplicate them"
    )


def _content(document: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key not in MERGE_KEYS}
