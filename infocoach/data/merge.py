"""Two copies of the data, edited apart on two machines, made one again (no I/O here).

Records are matched by `_uid` (see `stamps`). A record changed on one side only is taken from
that side; one changed on both takes the newer change, except that free text written on both
sides is kept from both, under a marker line. A deletion beats an older edit and loses to a
newer one. Doc ids are each machine's own: a record of theirs whose id ours already uses gets
a new one, and every reference to it follows. Nothing of theirs is dropped silently: each of
their records ends up in the result, or is superseded by a newer version of itself, or is
deleted by a newer deletion (counted in the report).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from infocoach.data.schema import (
    CALL_DRAFTS,
    COMPANIES,
    CONTACT_TABLES,
    CONTACTS,
    EVENT_LOG,
    INTERVIEWS,
    MESSAGE_DRAFTS,
    OWN_QUESTION_PREFIX,
    OWN_QUESTIONS,
    RECORD_TABLES,
    REHEARSALS,
    SEARCH_CHECKLIST,
    TOMBSTONES,
)
from infocoach.data.stamps import BASE, MERGE_KEYS, STAMP, UID, stamp_millis
from infocoach.data.storage import Tables

# The free text of each table: written on both sides, both are kept.
TEXT_FIELDS = {
    COMPANIES: "notes",
    CONTACTS: "notes",
    CALL_DRAFTS: "text",
    INTERVIEWS: "notes",
    EVENT_LOG: "note",
}
# Lists of question ids, which name an own question by its doc id (`own-12`)
_QUESTION_LISTS = {CONTACTS: "questions", INTERVIEWS: "questions_asked", CALL_DRAFTS: "asked"}
# A merged record's stamp: the winner's with this added, so it sorts after the winner and
# before any later change, and two machines making the same merge make the same stamp.
MERGED_MARK = "+"
# How each table's records are counted in the summary: (one, many)
_NOUNS = {
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


# What a stamp looks like (see `stamps`), merged ones with their marks; `_base` may be empty.
_STAMP_SHAPE = re.compile(r"\d{13}\.\d{4}\.[0-9a-z]{1,16}\+*")
# How far ahead of this machine's clock a copy's stamp may be: clocks drift, time zones do not
# matter (stamps are UTC), a whole day ahead is a wrong clock.
MAX_AHEAD_MILLIS = 24 * 60 * 60 * 1000


# The tables whose records the report names (a few of each, then a count)
_NAMED = (CONTACTS, COMPANIES)
NAMES_SHOWN = 3


def marker_line(stamp: str) -> str:
    when = datetime.fromtimestamp(stamp_millis(stamp) / 1000).strftime("%Y-%m-%d %H:%M")
    return f"--- also written on the other machine ({when}) ---"


@dataclass
class MergeReport:
    """What a merge took from the other copy, table by table; `source` names that copy."""

    source: str = ""
    added: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)  # took theirs
    deleted: Counter[str] = field(default_factory=Counter)
    notes_kept: Counter[str] = field(default_factory=Counter)  # free text of both kept
    # (table, "added" / "changed" / "deleted") -> the names of the contacts and companies
    names: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def count(self, table: str, verb: str, document: Mapping[str, Any], was: str = "") -> None:
        """One record of `table` added, changed or deleted (`was`: its name before)."""
        getattr(self, verb)[table] += 1
        if table in _NAMED:
            name = str(document.get("name", ""))
            shown = f"{was}, now {name}" if was and was != name else name
            self.names.setdefault((table, verb), []).append(shown)

    def _named(self, table: str, verb: str) -> str:
        """ " (Ann, Bo, Cy and 2 more)": whom a count is of."""
        found = self.names.get((table, verb), [])
        if not found:
            return ""
        shown = ", ".join(found[:NAMES_SHOWN])
        more = len(found) - NAMES_SHOWN
        return f" ({shown} and {more} more)" if more > 0 else f" ({shown})"

    def summary(self, *, would: bool = False) -> str:
        """One line for the user, e.g. "Merged changes from another machine (Syncthing
        conflict copy of 2026-12-02 10:15): 2 contacts added, 1 changed, 1 deleted; notes from
        both kept on 1 contact." `would`: what a merge would do ("Would merge changes...")."""
        parts = []
        for table in RECORD_TABLES:
            counts = [
                (count, verb)
                for count, verb in (
                    (self.added[table], "added"),
                    (self.changed[table], "changed"),
                    (self.deleted[table], "deleted"),
                )
                if count
            ]
            if counts:
                first, *rest = counts
                words = [f"{_counted(first[0], table)} {first[1]}{self._named(table, first[1])}"]
                words += [f"{count} {verb}{self._named(table, verb)}" for count, verb in rest]
                parts.append(", ".join(words))
        kept = [_counted(self.notes_kept[t], t) for t in RECORD_TABLES if self.notes_kept[t]]
        text = "; ".join(parts) or "nothing new"
        if kept:
            text += f"; notes from both kept on {', '.join(kept)}"
        where = f" ({self.source})" if self.source else ""
        verb = "Would merge" if would else "Merged"
        return f"{verb} changes from another machine{where}: {text}."


# A merge that deletes or changes more than this many contacts (or companies), or more than
# one in LARGE_SHARE of them, is not made by itself: she looks first. One record is never
# "a handful", however few she has: an edit of one of her first contacts syncs by itself.
LARGE_COUNT = 3
LARGE_SHARE = 5


def large_change(report: MergeReport, ours: Tables) -> str:
    """What a merge would do that is too much to do without asking, in words ("" when it is
    not: see LARGE_COUNT)."""
    for table in (CONTACTS, COMPANIES):
        deleted, changed = report.deleted[table], report.changed[table]
        held = len(ours.get(table, {}))
        touched = deleted + changed
        if touched > LARGE_COUNT or (touched > 1 and touched * LARGE_SHARE > held):
            verbs = [(verb, count) for verb, count in (("delete", deleted), ("change", changed))]
            what = " and ".join(f"{verb} {count}" for verb, count in verbs if count)
            return f"it would {what} of the {_counted(held, table)} here"
    return ""


def _counted(count: int, table: str) -> str:
    one, many = _NOUNS.get(table, ("record", "records"))
    return f"{count} {one if count == 1 else many}"


def merge(ours: Tables, theirs: Tables, source: str = "") -> tuple[Tables, MergeReport]:
    """`ours` with `theirs` merged in (neither is changed); ours keep their doc ids. `source`
    names the copy theirs came from, for the report."""
    report = MergeReport(source)
    our_deaths = _tombstones(ours)
    their_deaths = _tombstones(theirs)
    result: Tables = {name: dict(table) for name, table in ours.items()}
    id_maps: dict[str, dict[int, int]] = {}  # table -> their doc id -> its id in the result
    from_theirs: list[tuple[str, str]] = []  # records whose references are still theirs
    our_children = _newest_children(ours)
    their_children = _newest_children(theirs)
    for table_name in RECORD_TABLES:
        mine = result.setdefault(table_name, {})
        our_keys = {document[UID]: key for key, document in mine.items()}
        their_table = theirs.get(table_name, {})
        their_uids = {document[UID] for document in their_table.values()}
        id_map = id_maps[table_name] = {}
        used = {int(key) for key in mine}
        next_id = max(used, default=0) + 1
        for key in sorted(their_table, key=int):
            theirs_now = their_table[key]
            uid = theirs_now[UID]
            our_key = our_keys.get(uid)
            if our_key is not None:
                id_map[int(key)] = int(our_key)
                chosen, took_theirs, both = _resolve(table_name, mine[our_key], theirs_now)
                if chosen is not mine[our_key]:
                    was = str(mine[our_key].get("name", ""))
                    mine[our_key] = chosen
                    if took_theirs:
                        from_theirs.append((table_name, our_key))
                    if both:
                        report.notes_kept[table_name] += 1
                    else:
                        report.count(table_name, "changed", chosen, was)
                continue
            newest = _newest(theirs_now, their_children, table_name, int(key))
            if our_deaths.get((table_name, uid), "") > newest:
                continue  # we deleted it after their last change
            new_id = int(key) if int(key) not in used else next_id
            used.add(new_id)
            next_id = max(next_id, new_id + 1)
            id_map[int(key)] = new_id
            mine[str(new_id)] = theirs_now
            from_theirs.append((table_name, str(new_id)))
            report.count(table_name, "added", theirs_now)
        for key, ours_now in ours.get(table_name, {}).items():
            if ours_now[UID] in their_uids:
                continue
            newest = _newest(ours_now, our_children, table_name, int(key))
            if their_deaths.get((table_name, ours_now[UID]), "") > newest:
                del mine[key]
                report.count(table_name, "deleted", ours_now)
    for table_name, key in from_theirs:
        result[table_name][key] = _with_our_ids(table_name, result[table_name][key], id_maps)
    _drop_orphans(result, report)
    result[TOMBSTONES] = _union(our_deaths, their_deaths)
    return result, report


def _tombstones(tables: Tables) -> dict[tuple[str, str], str]:
    """(table, uid) -> the stamp of its deletion."""
    found: dict[tuple[str, str], str] = {}
    for tombstone in tables.get(TOMBSTONES, {}).values():
        key = (tombstone["table"], tombstone["uid"])
        found[key] = max(found.get(key, ""), tombstone["stamp"])
    return found


def _union(ours: dict[tuple[str, str], str], theirs: dict[tuple[str, str], str]) -> dict[str, Any]:
    both = dict(ours)
    for key, stamp in theirs.items():
        both[key] = max(both.get(key, ""), stamp)
    return {
        str(number): {"table": table, "uid": uid, "stamp": both[(table, uid)]}
        for number, (table, uid) in enumerate(sorted(both), start=1)
    }


def _newest_children(tables: Tables) -> dict[int, str]:
    """Contact id -> the newest stamp of its interviews, events and other records: a record
    added to a contact is a change to it, so a deletion older than that does not win."""
    newest: dict[int, str] = {}
    for table_name in CONTACT_TABLES:
        for document in tables.get(table_name, {}).values():
            contact_id = document.get("contact_id")
            if isinstance(contact_id, int) and document[STAMP] > newest.get(contact_id, ""):
                newest[contact_id] = document[STAMP]
    return newest


def _newest(document: Mapping[str, Any], children: dict[int, str], table: str, key: int) -> str:
    if table != CONTACTS:
        return str(document[STAMP])
    return max(str(document[STAMP]), children.get(key, ""))


def _resolve(
    table_name: str, ours: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], bool, bool]:
    """The version of a record both sides hold to keep, whether it is built on theirs (so its
    references are theirs), and whether it keeps the free text of both."""
    same_stamp = ours[STAMP] == theirs[STAMP]
    if same_stamp:
        if ours == theirs:
            return ours, False, False
        # Only records changed before the upgrade to uids (both carry the migrated stamp)
        # differ under one stamp: neither is newer, so the choice only has to be the same
        # on both machines.
        ours_wins = repr(sorted(ours.items())) > repr(sorted(theirs.items()))
    else:
        if ours[BASE] == theirs[STAMP]:
            return ours, False, False  # made on top of theirs
        if theirs[BASE] == ours[STAMP]:
            return theirs, True, False
        ours_wins = ours[STAMP] > theirs[STAMP]
    winner, loser = (ours, theirs) if ours_wins else (theirs, ours)
    text_field = TEXT_FIELDS.get(table_name)
    if text_field is not None:
        kept, other = winner.get(text_field, ""), loser.get(text_field, "")
        if other and other not in kept:
            both = kept not in other  # else the loser's text holds the winner's: keep it
            text = f"{kept}\n\n{marker_line(loser[STAMP])}\n{other}" if both else other
            merged = {
                **winner,
                text_field: text,
                BASE: winner[STAMP],
                STAMP: winner[STAMP] + MERGED_MARK,
            }
            return merged, winner is theirs, both
    return winner, winner is theirs, False


def _with_our_ids(
    table_name: str, document: dict[str, Any], id_maps: dict[str, dict[int, int]]
) -> dict[str, Any]:
    """A record of theirs with its references to their doc ids turned into the result's
    (a reference to a record that did not survive the merge points nowhere: None, -1)."""
    contacts = id_maps[CONTACTS]
    changed = dict(document)
    contact_id = document.get("contact_id")
    if isinstance(contact_id, int):
        changed["contact_id"] = contacts.get(contact_id, -1)
    referrer = document.get("referred_by")
    if table_name == CONTACTS and isinstance(referrer, int):
        changed["referred_by"] = contacts.get(referrer)
    company_id = document.get("company_id")
    if table_name == CONTACTS and isinstance(company_id, int):
        changed["company_id"] = id_maps[COMPANIES].get(company_id)
    question_list = _QUESTION_LISTS.get(table_name)
    if question_list is not None and question_list in document:
        questions = id_maps[OWN_QUESTIONS]
        renamed = []
        for question_id in document[question_list]:
            number = question_id.removeprefix(OWN_QUESTION_PREFIX)
            if question_id.startswith(OWN_QUESTION_PREFIX) and number.isdigit():
                if int(number) not in questions:
                    continue  # an own question deleted here
                question_id = f"{OWN_QUESTION_PREFIX}{questions[int(number)]}"
            renamed.append(question_id)
        changed[question_list] = renamed
    return changed if changed != document else document


def _drop_orphans(result: Tables, report: MergeReport) -> None:
    """The records of a contact deleted by the merge go with it, as they do when a contact is
    deleted here; a referral from it is forgotten, and so is a link to a deleted company."""
    contacts = result[CONTACTS]
    for table_name in CONTACT_TABLES:
        table = result.get(table_name, {})
        for key in [
            key
            for key, document in table.items()
            if isinstance(document.get("contact_id"), int)
            and str(document["contact_id"]) not in contacts
        ]:
            del table[key]
            report.deleted[table_name] += 1
    companies = result.get(COMPANIES, {})
    for key, document in contacts.items():
        referrer = document.get("referred_by")
        if isinstance(referrer, int) and str(referrer) not in contacts:
            document = contacts[key] = {**document, "referred_by": None}
        company_id = document.get("company_id")
        if isinstance(company_id, int) and str(company_id) not in companies:
            contacts[key] = {**document, "company_id": None}


# -- before a copy is merged: is it one to trust? ---------------------------------------------


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
            one, _ = _NOUNS.get(table_name, ("record", "records"))
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
        one, many = _NOUNS.get(table_name, ("record", "records"))
        uids = Counter(document.get(UID) for document in theirs.get(table_name, {}).values())
        clashing = [uid for uid, count in uids.items() if count > 1]
        if clashing:
            return f"{uids[clashing[0]]} {many} in it share one _uid ({clashing[0]})"
        if table_name not in _NAMED:
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
    known = _tombstones(ours)
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
    counted = ", ".join(_counted(count, table) for table, count in unmatched.items())
    return (
        f"{counted} in it carry no _uid and match no record here by id and content, "
        "so merging could duplicate them"
    )


def _content(document: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key not in MERGE_KEYS}
