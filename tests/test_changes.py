"""What a change did, as values (`data.changes.Change`): one per record, by uid, and what undo
takes back, also when the change ran again on top of what another process saved."""

from __future__ import annotations

from pathlib import Path

from infocoach.data.changes import Change
from infocoach.data.repositories import Store


def test_a_change_tells_each_record_it_touched_by_uid_before_and_after(store: Store) -> None:
    ada = store.add_contact(name="Ada")

    def meet() -> int:
        store.set_checked(ada.id, "network-start-list", True)
        return store.log_event(ada.id, "reached-out")

    event_id, undo = store.undoable("reached out to Ada", meet)
    by_table = {change.table: change for change in undo.records}
    assert set(by_table) == {"contacts", "events"}
    contact, event = by_table["contacts"], by_table["events"]
    assert isinstance(contact, Change)
    assert (contact.uid, contact.doc_id) == (ada.uid, ada.id)
    assert contact.before is not None and contact.after is not None
    assert "network-start-list" not in contact.before["checklist"]
    assert "network-start-list" in contact.after["checklist"]
    assert (event.doc_id, event.before) == (event_id, None)
    assert event.after is not None and event.uid == event.after["_uid"]


def test_undo_takes_back_its_own_records_when_another_process_took_their_ids(
    data_file: Path,
) -> None:
    mine = Store(data_file)
    ada = mine.add_contact(name="Ada")
    Store(data_file).add_contact(name="Cy")  # saved elsewhere: takes the next id, unseen here

    def add_bo() -> int:
        bo = mine.add_contact(name="Bo", referred_by=ada.id)
        return mine.log_event(bo.id, "reached-out")

    _, undo = mine.undoable("added Bo", add_bo)  # runs again on top of Cy: Bo's id moves on
    bo = mine.find_contact("Bo")
    assert {(c.table, c.doc_id) for c in undo.records} == {
        ("contacts", bo.id),
        ("events", mine.events(bo.id)[0].id),
    }
    mine.undo(undo)
    assert [c.name for c in Store(data_file).contacts()] == ["Ada", "Cy"]
