"""Step 1 (Network) is ticked once for the whole search; logging an event ticks what it does."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from infocoach.core.models import InvalidInput
from infocoach.data.migrations import SCHEMA_VERSION
from infocoach.data.repositories import DataFileError, Logged, Store
from infocoach.guidance.records import Guidance

FIXED_NOW = datetime(2026, 11, 20, 9, 30)

# A data file as infocoach wrote it at schema 1: Network ticks kept on each contact.
V1_FILE = {
    "meta": {"1": {"schema_version": 1}},
    "contacts": {
        "1": {
            "name": "Ada",
            "checklist": {
                "network-start-list": "2026-10-03",
                "network-join-groups": "2026-10-09",
                "prepare-questions": "2026-10-10",
            },
        },
        "2": {
            "name": "Bob",
            "checklist": {"network-start-list": "2026-09-28", "set-write-note": "2026-10-01"},
        },
        "3": {"name": "Cy", "checklist": {}},
    },
    "events": {"1": {"contact_id": 2, "event": "reached-out", "date": "2026-10-01", "note": ""}},
}


def raw_tables(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def without_merge_fields(table: dict) -> dict:
    """The records as the user sees them: without the uid and stamps every record carries."""
    return {
        key: {k: v for k, v in row.items() if not k.startswith("_")} for key, row in table.items()
    }


def reopen(path: Path) -> Store:
    return Store(path, clock=lambda: FIXED_NOW)


def test_a_schema_1_file_moves_network_ticks_to_the_search(data_file: Path) -> None:
    data_file.parent.mkdir(parents=True)
    data_file.write_text(json.dumps(V1_FILE), encoding="utf-8")

    store = reopen(data_file)

    assert store.search_checklist() == {
        "network-join-groups": "2026-10-09",
        "network-start-list": "2026-09-28",  # ticked on two contacts: the earlier date wins
    }
    assert store.get_contact(1).checklist == {"prepare-questions": "2026-10-10"}
    assert store.get_contact(2).checklist == {"set-write-note": "2026-10-01"}
    assert store.get_contact(3).checklist == {}
    tables = raw_tables(data_file)  # saved migrated
    assert tables["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 5
    assert without_merge_fields(tables["search_checklist"]) == {
        "1": {"item": "network-join-groups", "date": "2026-10-09"},
        "2": {"item": "network-start-list", "date": "2026-09-28"},
    }
    assert tables["contacts"]["2"]["checklist"] == {"set-write-note": "2026-10-01"}
    migrated = data_file.read_bytes()
    assert reopen(data_file).search_checklist() == store.search_checklist()
    assert data_file.read_bytes() == migrated  # migrated once


def test_a_malformed_search_tick_is_refused(data_file: Path) -> None:
    data_file.parent.mkdir(parents=True)
    bad = {"meta": {"1": {"schema_version": 3}}, "search_checklist": {"1": {"item": 7}}}
    data_file.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(DataFileError, match="wrong type"):
        reopen(data_file)


def test_search_ticks_are_shared_saved_and_undone(store: Store, data_file: Path) -> None:
    ada = store.add_contact(name="Ada")
    store.add_contact(name="Bob")
    assert store.search_checklist() == {}

    assert store.set_search_checked("network-start-list", True) == {
        "network-start-list": "2026-11-20"
    }
    assert store.set_search_checked("network-start-list", True) == {
        "network-start-list": "2026-11-20"
    }  # ticking twice keeps one tick
    assert reopen(data_file).search_checklist() == {"network-start-list": "2026-11-20"}
    assert store.get_contact(ada.id).checklist == {}  # not on any contact

    _, undo = store.undoable("tick", lambda: store.toggle_search_checked("network-all-levels"))
    assert set(store.search_checklist()) == {"network-start-list", "network-all-levels"}
    assert undo.contact_ids() == []
    store.undo(undo)
    assert reopen(data_file).search_checklist() == {"network-start-list": "2026-11-20"}

    _, undo = store.undoable("untick", lambda: store.toggle_search_checked("network-start-list"))
    assert reopen(data_file).search_checklist() == {}
    store.undo(undo)
    assert reopen(data_file).search_checklist() == {"network-start-list": "2026-11-20"}


def test_the_backup_holds_the_search_ticks(store: Store) -> None:
    store.set_search_checked("network-note-referrers", True)
    tables = json.loads(store.export_bytes())
    assert list(without_merge_fields(tables["search_checklist"]).values()) == [
        {"item": "network-note-referrers", "date": "2026-11-20"}
    ]


def test_logging_an_event_ticks_what_it_completes(
    store: Store, data_file: Path, shipped: Guidance
) -> None:
    ada = store.add_contact(name="Ada")
    done_by = shipped.done_by()

    logged = store.log_event_ticking(ada.id, "thanked", done_by, day=date(2026, 11, 18))

    assert logged == Logged(logged.event_id, ("follow-up-thank-you",))
    saved = reopen(data_file)
    assert saved.get_contact(ada.id).checklist == {"follow-up-thank-you": "2026-11-18"}
    assert [e.event for e in saved.events(ada.id)] == ["thanked"]
    # ticked already: the first date stays, nothing is said to be ticked
    again = store.log_event_ticking(ada.id, "thanked", done_by)
    assert again.ticked == ()
    assert store.get_contact(ada.id).checklist == {"follow-up-thank-you": "2026-11-18"}
    # an event that completes no item only logs
    assert store.log_event_ticking(ada.id, "replied", done_by).ticked == ()


def test_event_and_tick_land_together_and_undo_together(
    store: Store, data_file: Path, shipped: Guidance
) -> None:
    ada = store.add_contact(name="Ada")
    before = data_file.read_bytes()
    with pytest.raises(InvalidInput):
        store.log_event_ticking(ada.id, "bribed", shipped.done_by())
    assert data_file.read_bytes() == before

    _, undo = store.undoable(
        "log", lambda: store.log_event_ticking(ada.id, "reached-out", shipped.done_by())
    )
    assert store.get_contact(ada.id).checklist == {"set-write-note": "2026-11-20"}
    store.undo(undo)
    saved = reopen(data_file)
    assert saved.get_contact(ada.id).checklist == {}
    assert saved.events(ada.id) == []


def test_backup_and_restore_carry_the_search_ticks(
    store: Store, data_file: Path, tmp_path: Path
) -> None:
    from infocoach.exchange import operations

    store.add_contact(name="Ada")
    store.set_search_checked("network-start-list", True)
    backup = tmp_path / "backup.json"
    backup.write_bytes(store.export_bytes())
    store.set_search_checked("network-start-list", False)
    assert reopen(data_file).search_checklist() == {}

    operations.restore(data_file, backup, FIXED_NOW)
    assert reopen(data_file).search_checklist() == {"network-start-list": "2026-11-20"}

    old = (
        tmp_path / "old.json"
    )  # a schema 1 backup is brought to the current schema as it is restored
    old.write_text(json.dumps(V1_FILE), encoding="utf-8")
    operations.restore(data_file, old, FIXED_NOW)
    restored = reopen(data_file)
    assert restored.search_checklist()["network-start-list"] == "2026-09-28"
    assert restored.get_contact(2).checklist == {"set-write-note": "2026-10-01"}
