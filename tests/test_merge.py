"""Merging two machines' copies of the data (`data.merge`), with hand-made conflict copies."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from infocoach.data.merge import merge
from infocoach.data.migrations import migrate
from infocoach.data.stamps import MIGRATED_STAMP, HybridClock
from infocoach.data.storage import Tables

DAY = date(2026, 12, 2)


def stamp(millis: int, device: str = "aaaa1111", count: int = 0) -> str:
    return f"{millis:013d}.{count:04d}.{device}"


OLD = stamp(1_790_000_000_000)
MINE = stamp(1_790_000_100_000, "aaaa1111")
THEIRS = stamp(1_790_000_200_000, "bbbb2222")
LATER = stamp(1_790_000_300_000, "aaaa1111")


def record(uid: str, at: str, base: str = "", **fields: Any) -> dict[str, Any]:
    return {"_uid": uid, "_stamp": at, "_base": base, **fields}


def contact(uid: str, at: str, base: str = "", **fields: Any) -> dict[str, Any]:
    return record(uid, at, base, created="2026-11-01T10:00:00", **{"name": uid, **fields})


def data(**tables: dict[int, dict[str, Any]]) -> Tables:
    found: Tables = {"meta": {"1": {"schema_version": 4}}}
    for name, records in tables.items():
        found[name] = {str(doc_id): document for doc_id, document in records.items()}
    return found


def tombstone(table: str, uid: str, at: str) -> dict[str, Any]:
    return {"table": table, "uid": uid, "stamp": at}


def by_uid(tables: Tables, table: str) -> dict[str, dict[str, Any]]:
    return {document["_uid"]: document for document in tables.get(table, {}).values()}


def test_a_record_added_on_either_side_is_kept() -> None:
    ours = data(contacts={1: contact("ada", OLD), 2: contact("bob", MINE)})
    theirs = data(contacts={1: contact("ada", OLD), 3: contact("cy", THEIRS)})

    merged, report = merge(ours, theirs, "Syncthing conflict copy of 2026-12-02 10:15")

    assert set(by_uid(merged, "contacts")) == {"ada", "bob", "cy"}
    assert merged["contacts"]["3"]["name"] == "cy"  # its id was free: it keeps it
    assert report.added["contacts"] == 1
    assert report.summary() == (
        "Merged changes from another machine (Syncthing conflict copy of 2026-12-02 10:15): "
        "1 contact added (cy)."
    )


def test_the_newer_of_two_concurrent_edits_wins() -> None:
    ours = data(contacts={1: contact("ada", MINE, OLD, company="Ours")})
    theirs = data(contacts={1: contact("ada", THEIRS, OLD, company="Theirs")})

    merged, report = merge(ours, theirs)
    again, _ = merge(theirs, ours)

    assert merged["contacts"]["1"]["company"] == "Theirs" == again["contacts"]["1"]["company"]
    assert report.changed["contacts"] == 1


def test_an_edit_made_on_top_of_the_other_side_wins_whatever_the_clocks_say() -> None:
    # their clock runs behind: their edit has an older stamp, but was made on ours
    behind = stamp(1_790_000_050_000, "bbbb2222")
    ours = data(contacts={1: contact("ada", MINE, OLD, notes="first")})
    theirs = data(contacts={1: contact("ada", behind, MINE, notes="first, then more")})

    merged, report = merge(ours, theirs)

    assert merged["contacts"]["1"]["notes"] == "first, then more"  # no marker: not concurrent
    assert merged["contacts"]["1"]["_stamp"] == behind
    assert report.changed["contacts"] == 1
    assert merge(theirs, ours)[0]["contacts"]["1"] == merged["contacts"]["1"]


def test_a_deletion_beats_an_older_edit() -> None:
    ours = data(contacts={1: contact("ada", OLD), 2: contact("bob", MINE, OLD, company="X")})
    theirs = data(
        contacts={1: contact("ada", OLD)},
        events={1: record("ev", OLD, contact_id=2, event="reached-out", date="2026-11-02")},
        tombstones={1: tombstone("contacts", "bob", THEIRS)},
    )
    ours["events"] = {"1": record("ev", OLD, contact_id=2, event="reached-out", date="2026-11-02")}

    merged, report = merge(ours, theirs)

    assert set(by_uid(merged, "contacts")) == {"ada"}
    assert merged["events"] == {}  # a deleted contact's records go with it
    assert report.deleted["contacts"] == 1
    assert ("contacts", "bob") in {(t["table"], t["uid"]) for t in merged["tombstones"].values()}
    assert set(by_uid(merge(theirs, ours)[0], "contacts")) == {"ada"}


def test_an_edit_newer_than_the_deletion_keeps_the_record() -> None:
    ours = data(contacts={1: contact("bob", LATER, OLD, company="Still here")})
    theirs = data(tombstones={1: tombstone("contacts", "bob", THEIRS)})

    merged, report = merge(ours, theirs)

    assert by_uid(merged, "contacts")["bob"]["company"] == "Still here"
    assert report.deleted["contacts"] == 0
    assert by_uid(merge(theirs, ours)[0], "contacts")["bob"]["company"] == "Still here"


def test_an_event_added_after_the_deletion_keeps_the_contact() -> None:
    ours = data(
        contacts={1: contact("bob", OLD)},
        events={1: record("ev", LATER, contact_id=1, event="replied", date="2026-12-02")},
    )
    theirs = data(tombstones={1: tombstone("contacts", "bob", THEIRS)})

    merged, _ = merge(ours, theirs)

    assert set(by_uid(merged, "contacts")) == {"bob"}
    assert set(by_uid(merged, "events")) == {"ev"}


def test_notes_written_on_both_sides_are_both_kept_under_a_marker() -> None:
    ours = data(contacts={1: contact("ada", MINE, OLD, notes="Met at the fair.")})
    theirs = data(contacts={1: contact("ada", THEIRS, OLD, notes="Prefers email.")})

    merged, report = merge(ours, theirs)
    again, _ = merge(theirs, ours)

    notes = merged["contacts"]["1"]["notes"]
    assert notes.startswith("Prefers email.\n\n--- also written on the other machine (")
    assert notes.endswith(") ---\nMet at the fair.")
    assert again["contacts"]["1"] == merged["contacts"]["1"]
    assert merged["contacts"]["1"]["_stamp"] > THEIRS  # a new version: both machines take it
    assert report.notes_kept["contacts"] == 1
    assert report.summary().endswith("; notes from both kept on 1 contact.")
    # merged once more with either side, nothing is repeated
    assert merge(merged, theirs)[0]["contacts"]["1"]["notes"] == notes
    assert merge(merged, ours)[0]["contacts"]["1"]["notes"] == notes


def test_notes_where_one_side_only_added_to_the_other_keep_the_longer() -> None:
    ours = data(interviews={1: record("iv", THEIRS, OLD, contact_id=1, notes="Asked about")})
    ours["contacts"] = {"1": contact("ada", OLD)}
    theirs = data(
        contacts={1: contact("ada", OLD)},
        interviews={1: record("iv", MINE, OLD, contact_id=1, notes="Asked about the team")},
    )

    merged, report = merge(ours, theirs)

    assert merged["interviews"]["1"]["notes"] == "Asked about the team"
    assert report.notes_kept["interviews"] == 0


def test_a_doc_id_used_on_both_sides_moves_theirs_and_its_records_follow() -> None:
    ours = data(
        contacts={1: contact("ada", MINE)},
        events={1: record("e-ada", MINE, contact_id=1, event="reached-out", date="2026-12-01")},
        own_questions={1: record("q-ours", MINE, text="Ours?", category="mine")},
    )
    theirs = data(
        contacts={
            1: contact("bob", THEIRS, questions=["own-1"]),
            2: contact("cy", THEIRS, referred_by=1),
        },
        events={1: record("e-bob", THEIRS, contact_id=1, event="replied", date="2026-12-01")},
        interviews={1: record("i-bob", THEIRS, contact_id=1, notes="", questions_asked=["own-1"])},
        call_drafts={1: record("d-cy", THEIRS, contact_id=2, text="typing", asked=[])},
        own_questions={1: record("q-theirs", THEIRS, text="Theirs?", category="mine")},
    )

    merged, report = merge(ours, theirs)

    contacts = merged["contacts"]
    ids = {document["name"]: int(key) for key, document in contacts.items()}
    assert ids["ada"] == 1 and len(set(ids.values())) == 3
    events = by_uid(merged, "events")
    assert events["e-ada"]["contact_id"] == 1
    assert events["e-bob"]["contact_id"] == ids["bob"]
    assert by_uid(merged, "interviews")["i-bob"]["contact_id"] == ids["bob"]
    assert by_uid(merged, "call_drafts")["d-cy"]["contact_id"] == ids["cy"]
    assert contacts[str(ids["cy"])]["referred_by"] == ids["bob"]
    their_question = next(k for k, d in merged["own_questions"].items() if d["_uid"] == "q-theirs")
    assert their_question != "1"
    assert contacts[str(ids["bob"])]["questions"] == [f"own-{their_question}"]
    assert by_uid(merged, "interviews")["i-bob"]["questions_asked"] == [f"own-{their_question}"]
    assert report.added["contacts"] == 2 and report.added["events"] == 1
    assert theirs["contacts"]["1"]["questions"] == ["own-1"]  # the inputs are left as they were


V3_FILE: Tables = {
    "meta": {"1": {"schema_version": 3}},
    "contacts": {
        "1": {"name": "Ada", "created": "2026-10-01T09:00:00", "notes": ""},
        "2": {"name": "Bob", "created": "2026-10-02T09:00:00", "notes": ""},
    },
    "events": {"1": {"contact_id": 1, "event": "reached-out", "date": "2026-10-03", "note": ""}},
    "search_checklist": {"1": {"item": "network-start-list", "date": "2026-10-01"}},
}


def test_two_machines_migrating_the_same_file_give_each_record_the_same_uid() -> None:
    here, _ = migrate(copy.deepcopy(V3_FILE), DAY)
    there, _ = migrate(copy.deepcopy(V3_FILE), DAY)
    assert here == there
    assert here["contacts"]["1"]["_stamp"] == MIGRATED_STAMP
    clock = HybridClock("bbbb2222")
    there["contacts"]["2"] = {
        **there["contacts"]["2"],
        "company": "Engines",
        "_base": MIGRATED_STAMP,
        "_stamp": clock.stamp(1_790_000_000_000),
    }

    merged, report = merge(here, there)

    assert len(merged["contacts"]) == 2 and len(merged["events"]) == 1
    assert len(merged["search_checklist"]) == 1
    assert merged["contacts"]["2"]["company"] == "Engines"
    assert report.summary().endswith(": 1 contact changed (Bob).")


def test_changes_made_apart_before_the_upgrade_are_not_lost() -> None:
    here_v3, there_v3 = copy.deepcopy(V3_FILE), copy.deepcopy(V3_FILE)
    here_v3["contacts"]["1"]["notes"] = "Written here."
    there_v3["contacts"]["1"]["notes"] = "Written there."
    there_v3["contacts"]["2"]["company"] = "Engines"
    here, _ = migrate(here_v3, DAY)
    there, _ = migrate(there_v3, DAY)

    one, _ = merge(here, there)
    two, _ = merge(there, here)

    assert one["contacts"] == two["contacts"]
    assert "Written here." in one["contacts"]["1"]["notes"]
    assert "Written there." in one["contacts"]["1"]["notes"]
    assert one["contacts"]["2"].get("company", "") in ("", "Engines")  # the same choice both ways


def test_a_new_stamp_is_later_than_every_stamp_seen() -> None:
    clock = HybridClock("aaaa1111")
    clock.observe(stamp(1_999_000_000_000, "bbbb2222", 7))  # a machine whose clock runs ahead
    first = clock.stamp(1_790_000_000_000)
    second = clock.stamp(1_790_000_000_000)
    assert stamp(1_999_000_000_000, "bbbb2222", 7) < first < second
    assert len(first) == len(second) == 27


# -- merging is the same from either side ------------------------------------------------------

NAMES = ("ada", "bob", "cy")
# one step of one machine's history: (what, which contact, the text it writes)
STEPS = st.lists(
    st.tuples(
        st.sampled_from(("add", "edit", "note", "delete", "event")),
        st.sampled_from(NAMES),
        st.sampled_from(("", "a", "ab", "b")),
    ),
    max_size=6,
)


def _play(start: Tables, steps: list[tuple[str, str, str]], device: str, at: int) -> Tables:
    """One machine's edits, made as the store makes them, on its own copy of `start`."""
    tables = copy.deepcopy(start)
    clock = HybridClock(device)
    clock.observe_tables(tables)
    contacts, events = tables.setdefault("contacts", {}), tables.setdefault("events", {})
    deaths = tables.setdefault("tombstones", {})
    for number, (what, name, text) in enumerate(steps):
        now = clock.stamp(at + number)
        key = next((k for k, d in contacts.items() if d["name"] == name), None)
        next_id = str(max(map(int, contacts), default=0) + 1)
        if what == "add" and key is None:
            contacts[next_id] = contact(f"{name}-{device}-{number}", now, name=name, notes=text)
        elif key is not None and what in ("edit", "note"):
            old = contacts[key]
            field = "company" if what == "edit" else "notes"
            contacts[key] = {**old, field: text, "_base": old["_stamp"], "_stamp": now}
        elif key is not None and what == "event":
            event_id = str(max(map(int, events), default=0) + 1)
            events[event_id] = record(
                f"ev-{device}-{number}",
                now,
                contact_id=int(key),
                event="replied",
                date="2026-12-01",
            )
        elif key is not None and what == "delete":
            doomed = [("contacts", key)] + [
                ("events", k) for k, d in events.items() if d["contact_id"] == int(key)
            ]
            for table, doc_id in doomed:
                uid = tables[table].pop(doc_id)["_uid"]
                deaths[str(len(deaths) + 1)] = tombstone(table, uid, clock.stamp(at + number))
    return tables


def _as_records(tables: Tables) -> dict[tuple[str, str], dict[str, Any]]:
    """Every record by table and uid, with its references to a contact by that contact's uid
    (doc ids differ with the side a merge starts from; what they point at must not)."""
    uids = {int(key): document["_uid"] for key, document in tables.get("contacts", {}).items()}
    found = {}
    for table in ("contacts", "events"):
        for document in tables.get(table, {}).values():
            plain = dict(document)
            if "contact_id" in plain:
                plain["contact_id"] = uids[plain["contact_id"]]
            found[(table, document["_uid"])] = plain
    return found


@given(STEPS, STEPS, STEPS)
def test_merging_either_way_round_gives_the_same_records(
    shared: list[tuple[str, str, str]],
    mine: list[tuple[str, str, str]],
    other: list[tuple[str, str, str]],
) -> None:
    start = _play({}, shared, "cccc3333", 1_790_000_000_000)
    ours = _play(start, mine, "aaaa1111", 1_790_000_100_000)
    theirs = _play(start, other, "bbbb2222", 1_790_000_100_500)

    one, _ = merge(ours, theirs)
    two, _ = merge(theirs, ours)

    assert _as_records(one) == _as_records(two)
    assert one["tombstones"] == two["tombstones"]
    # nothing of theirs vanished without a newer version of it or a deletion
    deleted = {(t["table"], t["uid"]) for t in one["tombstones"].values()}
    kept = _as_records(one)
    for key in _as_records(theirs):
        assert key in kept or key in deleted or key[0] == "events"
