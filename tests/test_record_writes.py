"""A change costs what it changes: an edit writes a new record in its place and leaves the
others, and the table, as they are; the sorted contacts follow a few changes without sorting
everything again, in the very order a full sort gives."""

from __future__ import annotations

import json
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from infocoach.core.text import reading_order
from infocoach.data import unit_of_work
from infocoach.data.repositories import Store
from infocoach.data.storage import RecordBytes


def test_an_edit_replaces_its_record_and_touches_no_other(store: Store) -> None:
    people = [store.add_contact(name=name) for name in ("Ada", "Bo", "Cy")]
    tables = store._memory.tables
    contacts = tables["contacts"]
    before = dict(contacts)
    edited = before[str(people[1].id)]

    store.update_contact(people[1].id, notes="met at the fair")

    assert store._memory.tables is tables and tables["contacts"] is contacts
    assert contacts[str(people[1].id)] is not edited  # a new record: the old one unchanged
    assert "notes" not in edited or edited["notes"] == ""
    assert contacts[str(people[1].id)]["notes"] == "met at the fair"
    for person in (people[0], people[2]):
        assert contacts[str(person.id)] is before[str(person.id)]


def test_an_edit_naming_a_record_not_there_changes_nothing(store: Store) -> None:
    ada = store.add_contact(name="Ada")
    writes, document = store._memory.writes, store._memory.tables["contacts"][str(ada.id)]
    with pytest.raises(KeyError) as raised:
        store._update_docs("contacts", {"notes": "x"}, [ada.id, ada.id + 1])
    assert raised.value.args == (ada.id + 1,)
    assert store._memory.writes == writes
    assert store._memory.tables["contacts"][str(ada.id)] is document


NAMES = st.sampled_from(["ada", "Ada", "Ádá", "Élodie", "Eli", "Emma", "zoë", "Zoe", "bo", "Bo"])
STEPS = st.lists(
    st.tuples(st.sampled_from(["add", "rename", "delete", "log"]), NAMES, st.integers(0, 50)),
    min_size=1,
    max_size=25,
)


@settings(max_examples=30, deadline=None)
@given(steps=STEPS)
def test_contacts_stay_in_reading_order_through_any_changes(steps) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _check_order(Path(folder) / "infocoach.json", steps)


def _check_order(path: Path, steps: list[tuple[str, str, int]]) -> None:
    store = Store(path)
    for name in ("Mia", "ada", "Zed"):
        store.add_contact(name=name)
    for action, name, pick in steps:
        store.contacts()  # read between changes: the order is then kept, not rebuilt
        ids = [c.id for c in store.contacts()]
        chosen = ids[pick % len(ids)] if ids else None
        if action == "add" or chosen is None:
            store.add_contact(name=name)
        elif action == "rename":
            store.update_contact(chosen, name=name)
        elif action == "delete":
            store.delete_contact(chosen)
        else:
            store.log_event(chosen, "reached-out")
    shown = [(c.id, c.name, c.stage) for c in store.contacts()]
    fresh = Store(path).contacts()
    assert shown == [(c.id, c.name, c.stage) for c in fresh]
    assert [c.id for c in fresh] == [
        c.id for c in sorted(fresh, key=lambda c: (reading_order(c.name), c.id))
    ]


def test_ids_are_given_as_tinydb_gives_them(data_file: Path) -> None:
    """A new record's id is TinyDB's: one past the largest, never one just freed until the
    file is read again (a script adding records with TinyDB agrees with the app)."""
    reference = TinyDB(storage=MemoryStorage).table("contacts")
    store = Store(data_file)
    ids = []
    for name in ("Ada", "Bo", "Cy"):
        ids.append((store.add_contact(name=name).id, reference.insert({"name": name})))
    store.delete_contact(ids[-1][0])
    reference.remove(doc_ids=[ids[-1][1]])
    ids.append((store.add_contact(name="Di").id, reference.insert({"name": "Di"})))
    assert [mine for mine, _ in ids] == [theirs for _, theirs in ids] == [1, 2, 3, 4]

    reopened = Store(data_file)  # read again: counted from the largest id there
    reopened.delete_contact(4)
    again = TinyDB(storage=MemoryStorage).table("contacts")
    for doc_id in (1, 2):
        again.insert(Document({}, doc_id=doc_id))
    assert reopened.add_contact(name="Ed").id == again.insert({"name": "Ed"}) == 3


def _every_kind_of_change(store: Store, other: Store, pick: int) -> None:
    """One change of each kind there is, on records picked by `pick`."""
    people = store.contacts()
    person = people[pick % len(people)]
    store.update_contact(person.id, notes=f"note {pick}", company=f"Co {pick % 3}")
    store.toggle_checked(person.id, "network-start-list")
    store.choose_question(person.id, f"q{pick}")
    _, undo = store.undoable("logged", lambda: store.log_event(person.id, "reached-out"))
    store.add_interview(person.id, minutes=20, notes="kind")
    entry = store.history(person.id)[-1].id
    store.edit_entry(str(entry), notes="kinder")
    store.save_call_draft(person.id, "half", ["q1"])
    store.keep_message_draft(person.id, "thank-you", "Thanks")
    store.set_search_checked("list-targets", pick % 2 == 0)
    store.add_own_question(f"Why {pick}?")
    store.undo(undo)
    companies = store.companies()
    if len(companies) > 1:
        store.merge_companies(companies[0].id, companies[1].id)
    other.add_contact(name=f"Elsewhere {pick}")  # saved by another process: read, replayed
    store.add_contact(name=f"Here {pick}")
    store.refresh()
    store.delete_contact(store.contacts()[pick % len(store.contacts())].id)


@settings(max_examples=10, deadline=None)
@given(picks=st.lists(st.integers(0, 100), min_size=1, max_size=4))
def test_no_change_ever_changes_a_stored_record_in_place(picks: list[int]) -> None:
    """A save encodes the tables outside the store's lock, from a shallow copy taken under
    it: that is sound only while every change puts new records in and never edits one."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "infocoach.json"
        store, other = Store(path), Store(path)
        for name in ("Ada", "Bo", "Cy"):
            store.add_contact(name=name, company=name)
        for pick in picks:
            seen = [
                (document, json.dumps(document, sort_keys=True))
                for table in store._memory.tables.values()
                for document in table.values()
            ]
            _every_kind_of_change(store, other, pick)
            for document, as_it_was in seen:
                assert json.dumps(document, sort_keys=True) == as_it_was


def test_a_save_encodes_without_holding_the_store(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the writer thread encodes the tables, the screen's thread can read and change
    the store (it waited the whole encode: 40 ms at 30,000 contacts)."""
    ada = store.add_contact(name="Ada")
    real = unit_of_work.encode_tables
    free_meanwhile: list[bool] = []

    def try_the_store() -> None:
        free = store._lock.acquire(blocking=False)
        if free:
            store._lock.release()
        free_meanwhile.append(free)

    def encode_watching(tables: dict, kept: RecordBytes | None = None) -> bytes:
        other = threading.Thread(target=try_the_store)
        other.start()
        other.join()
        return real(tables, kept)

    monkeypatch.setattr(unit_of_work, "encode_tables", encode_watching)
    store.update_contact(ada.id, notes="saved")
    assert free_meanwhile == [True]
    assert Store(store.path).get_contact(ada.id).notes == "saved"
