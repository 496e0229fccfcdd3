"""A pending change applied again, as values, on top of what another process saved meanwhile
(`data.replay`): the change never runs twice, and each record it touched is found by uid."""

from __future__ import annotations

from pathlib import Path

import pytest

from infocoach.data.merge_report import MergeReport
from infocoach.data.repositories import Store
from infocoach.data.storage import Tables
from infocoach.data.writer import SaveState
from tests.conftest import FIXED_NOW
from tests.test_conflict_copies import conflict_copy, other_machine


def test_a_change_runs_once_even_when_another_process_saved_meanwhile(data_file: Path) -> None:
    mine = Store(data_file)
    ada = mine.add_contact(name="Ada")
    runs: list[int] = []

    def tick_while_another_saves() -> None:
        runs.append(1)
        mine.set_checked(ada.id, "network-start-list", True)
        Store(data_file).add_contact(name="Bo")  # saved elsewhere before this one is

    mine.run_as_one(tick_while_another_saves)
    assert runs == [1]
    stored = Store(data_file)
    assert {c.name for c in stored.contacts()} == {"Ada", "Bo"}
    assert "network-start-list" in stored.get_contact(ada.id).checklist


def test_two_processes_ticking_two_items_of_one_contact_keep_both(data_file: Path) -> None:
    mine = Store(data_file)
    ada = mine.add_contact(name="Ada")

    def tick_while_another_ticks() -> None:
        mine.set_checked(ada.id, "mine", True)
        Store(data_file).set_checked(ada.id, "theirs", True)

    mine.run_as_one(tick_while_another_ticks)
    assert set(Store(data_file).get_contact(ada.id).checklist) == {"mine", "theirs"}
    assert set(mine.get_contact(ada.id).checklist) == {"mine", "theirs"}


def test_records_made_here_keep_their_links_when_another_process_took_their_ids(
    data_file: Path,
) -> None:
    mine = Store(data_file)

    def add_bo_at_engines() -> int:
        other = Store(data_file)
        other.add_contact(name="Cy", company="Looms")  # takes contact 1 and company 1 first
        bo = mine.add_contact(name="Bo", company="Engines")
        dee = mine.add_contact(name="Dee", referred_by=bo.id)
        mine.log_event(bo.id, "reached-out")
        return dee.id

    mine.run_as_one(add_bo_at_engines)
    for store in (mine, Store(data_file)):
        bo, dee = store.find_contact("Bo"), store.find_contact("Dee")
        assert bo.id != store.find_contact("Cy").id
        assert bo.company_id is not None and store.get_company(bo.company_id).name == "Engines"
        assert dee.referred_by == bo.id
        assert [e.event for e in store.events(bo.id)] == ["reached-out"]
        assert store.events(store.find_contact("Cy").id) == []


def test_a_contact_deleted_here_takes_what_another_process_logged_for_it(
    data_file: Path,
) -> None:
    mine = Store(data_file)
    ada = mine.add_contact(name="Ada")
    bo = mine.add_contact(name="Bo", referred_by=ada.id)

    def delete_ada_while_another_logs() -> None:
        mine.delete_contact(ada.id)
        other = Store(data_file)
        other.log_event(ada.id, "reached-out")
        other.update_contact(bo.id, referred_by=ada.id)

    mine.run_as_one(delete_ada_while_another_logs)
    stored = Store(data_file)
    assert [c.name for c in stored.contacts()] == ["Bo"]
    assert stored.events() == []
    assert stored.get_contact(bo.id).referred_by is None


def test_a_record_for_a_contact_deleted_there_is_dropped_whole(data_file: Path) -> None:
    """The event names a contact another process deleted: the change no longer applies, and
    nothing of it (not the note on Bo either) stays."""
    mine = Store(data_file)
    ada, bo = mine.add_contact(name="Ada"), mine.add_contact(name="Bo")

    def log_while_another_deletes() -> None:
        mine.update_contact(bo.id, notes="told Ada")
        mine.log_event(ada.id, "reached-out")
        Store(data_file).delete_contact(ada.id)

    states: list[SaveState] = []
    mine.save_in_background(states.append)
    mine.run_as_one(log_while_another_deletes)
    assert mine.wait_until_saved(10)
    dropped = [line for state in states if state.finished for line in state.dropped]
    assert dropped == [f"contact #{ada.id} was deleted there"]
    for store in (mine, Store(data_file)):
        assert [c.name for c in store.contacts()] == ["Bo"]
        assert store.get_contact(bo.id).notes == "" and store.events() == []


def test_a_merged_conflict_copy_applies_again_and_undoes_as_values(
    data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process saves between the merge in memory and its save: the merge lands on top
    of that as what it did, record by record, and undo takes back only the merge."""
    mine = Store(data_file, clock=lambda: FIXED_NOW)
    ada = mine.add_contact(name="Ada")
    other = other_machine(data_file, tmp_path, monkeypatch)
    other.add_contact(name="From afar")
    other.update_contact(ada.id, notes="seen afar")
    conflict_copy(other, data_file)
    real = mine._merge_in

    def merge_while_another_saves(theirs: Tables, source: str) -> MergeReport:
        report = real(theirs, source)
        Store(data_file, merge_copies=False).add_contact(name="Meanwhile")
        return report

    monkeypatch.setattr(mine, "_merge_in", merge_while_another_saves)
    assert mine.refresh()
    [(line, undo)] = mine.take_merges()
    assert undo is not None, line
    stored = Store(data_file, merge_copies=False)
    assert {c.name for c in stored.contacts()} == {"Ada", "From afar", "Meanwhile"}
    assert stored.get_contact(ada.id).notes == "seen afar"
    assert len({c.id for c in stored.contacts()}) == 3

    mine.undo(undo)
    stored = Store(data_file, merge_copies=False)
    assert {c.name for c in stored.contacts()} == {"Ada", "Meanwhile"}
    assert stored.get_contact(ada.id).notes == ""
