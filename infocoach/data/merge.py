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

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from infocoach.data.changes import references
from infocoach.data.merge_report import MergeReport
from infocoach.data.schema import (
    CALL_DRAFTS,
    COMPANIES,
    CONTACT_TABLES,
    CONTACTS,
    EVENT_LOG,
    INTERVIEWS,
    OWN_QUESTION_PREFIX,
    OWN_QUESTIONS,
    RECORD_TABLES,
    TOMBSTONES,
)
from infocoach.data.stamps import BASE, STAMP, UID, stamp_millis
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


def marker_line(stamp: str) -> str:
    when = datetime.fromtimestamp(stamp_millis(stamp) / 1000).strftime("%Y-%m-%d %H:%M")
    return f"--- also written on the other machine ({when}) ---"


def merge(ours: Tables, theirs: Tables, source: str = "") -> tuple[Tables, MergeReport]:
    """`ours` with `theirs` merged in (neither is changed); ours keep their doc ids. `source`
    names the copy theirs came from, for the report."""
    report = MergeReport(source)
    our_deaths = tombstones(ours)
    their_deaths = tombstones(theirs)
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


def tombstones(tables: Tables) -> dict[tuple[str, str], str]:
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
    changed = dict(document)
    for name, table, doc_id in references(document):
        nowhere = -1 if name == "contact_id" else None
        changed[name] = id_maps[table].get(doc_id, nowhere)
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
