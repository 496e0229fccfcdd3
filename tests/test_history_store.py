"""The record can be corrected: history entries with ids, their edit and removal, undo of any
change, and contacts named by `#ID` when names clash."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infocoach.core.calls import plan_call
from infocoach.core.history import parse_entry_id
from infocoach.core.models import AmbiguousName, InvalidInput
from infocoach.data.repositories import Store


def tables(store: Store) -> dict:
    """What the store holds (a table that was never used and an empty one are the same). An
    undo is a change of its own: records get new stamps and deletions leave tombstones, so
    those are left out (the uids are kept: a record brought back is the same record)."""
    return {
        name: {
            doc_id: {k: copy.deepcopy(v) for k, v in row.items() if k not in ("_stamp", "_base")}
            for doc_id, row in rows.items()
        }
        for name, rows in store._memory.tables.items()
        if rows and name != "tombstones"
    }


def called(store: Store, name: str = "Ada", **more: object):
    """A contact who was reached out to, then interviewed through call mode."""
    contact = store.add_contact(name=name, **more)
    store.set_questions(contact.id, ["role-typical-day", "role-first-months"])
    store.log_event(contact.id, "reached-out", day=date(2026, 11, 1), note="wrote on LinkedIn")
    plan = plan_call(
        store.get_contact(contact.id),
        "",
        {"role-typical-day": "A typical day?", "role-first-months": "First months?"},
        "",
    )
    store.save_call_draft(contact.id, "draft notes", ["role-typical-day"])
    store.finish_call(
        plan,
        minutes=20,
        notes="Loved the team",
        asked=["role-typical-day"],
        referrals=["Eve Stone"],
        add_referrals=True,
    )
    return store.get_contact(contact.id)


# -- history ---------------------------------------------------------------------------------


def test_an_ended_call_is_one_interview_entry_in_the_history(store: Store) -> None:
    ada = called(store)
    entries = store.history(ada.id)
    assert [(str(e.id), e.what) for e in entries] == [("e1", "reached-out"), ("i1", "interview")]
    interview = entries[1]
    assert interview.minutes == 20 and interview.names_gained == ("Eve Stone",)
    assert interview.notes == "Loved the team" and interview.paired_event == 2
    assert store.entry("e2") == interview  # the event logged with it names the interview


def test_removing_an_interview_takes_its_event_and_the_stage_follows(
    store: Store, data_file: Path
) -> None:
    ada = called(store)
    assert ada.stage == "interviewed"
    removed = store.remove_entry("I1")
    assert removed.is_interview
    assert Store(data_file).get_contact(ada.id).stage == "reached-out"
    assert [str(e.id) for e in Store(data_file).history(ada.id)] == ["e1"]


def test_removing_an_event(store: Store) -> None:
    ada = store.add_contact(name="Ada")
    store.log_event(ada.id, "reached-out")
    store.log_event(ada.id, "kept-in-touch")
    assert store.get_contact(ada.id).stage == "keeping-in-touch"
    store.remove_entry("e2")
    assert store.get_contact(ada.id).stage == "reached-out"


def test_editing_entries(store: Store, data_file: Path) -> None:
    ada = called(store)
    store.edit_entry(
        "i1", minutes=35, names_gained=["Eve Stone", " Raj Patel "], day=date(2026, 11, 5)
    )
    store.edit_entry("e1", event="replied", notes="she wrote back")
    entries = Store(data_file).history(ada.id)
    assert [(str(e.id), e.date, e.what) for e in entries] == [
        ("e1", "2026-11-01", "replied"),
        ("i1", "2026-11-05", "interview"),
    ]
    assert entries[1].minutes == 35 and entries[1].names_gained == ("Eve Stone", "Raj Patel")
    assert entries[0].notes == "she wrote back"
    assert Store(data_file).events(ada.id)[-1].date == "2026-11-05"  # its event moved too


@pytest.mark.parametrize(
    ("entry", "change", "field"),
    [
        ("i1", {"minutes": 0}, "minutes"),
        ("i1", {"minutes": 999}, "minutes"),
        ("i1", {"event": "replied"}, "event"),
        ("e1", {"minutes": 10}, "minutes"),
        ("e1", {"event": "waved"}, "event"),
        ("e9", {"notes": "x"}, "entry"),
    ],
)
def test_a_wrong_correction_says_what_and_changes_nothing(
    store: Store, entry: str, change: dict, field: str
) -> None:
    called(store)
    before = tables(store)
    with pytest.raises(InvalidInput) as raised:
        store.edit_entry(entry, **change)
    assert list(raised.value.problems) == [field]
    assert tables(store) == before


@pytest.mark.parametrize("text", ["", "12", "x12", "e", "e-1", "i 3", "e12; rm"])
def test_an_entry_id_that_is_not_one(text: str) -> None:
    with pytest.raises(InvalidInput, match="no entry id"):
        parse_entry_id(text)


# -- names that clash ------------------------------------------------------------------------


def test_same_names_are_told_apart_by_id(store: Store) -> None:
    first = store.add_contact(name="Aisha Ahmed", company="Acme", role="Data lead")
    second = store.add_contact(name="aisha ahmed", company="Globex")
    with pytest.raises(AmbiguousName) as raised:
        store.find_contact("Aisha Ahmed")
    assert raised.value.listing() == [
        f"#{first.id} Aisha Ahmed, Acme, Data lead",
        f"#{second.id} aisha ahmed, Globex",
    ]
    assert store.find_contact(f"#{second.id}") == second
    with pytest.raises(InvalidInput, match="no contact has the id #99"):
        store.find_contact("#99")
    kid = store.add_contact(name="Kid", referred_by=f"#{first.id}")
    assert kid.referred_by == first.id
    with pytest.raises(AmbiguousName):
        store.add_contact(name="Other", referred_by="Aisha Ahmed")


# -- undo ------------------------------------------------------------------------------------


def test_undo_of_an_ended_call_takes_back_everything_it_did(store: Store, data_file: Path) -> None:
    ada = store.add_contact(name="Ada")
    store.set_questions(ada.id, ["role-typical-day"])
    store.save_call_draft(ada.id, "typed during the call", ["role-typical-day"], "x")
    before = tables(store)
    plan = plan_call(store.get_contact(ada.id), "", {"role-typical-day": "A day?"}, "")

    def end_call() -> list[str]:
        return store.finish_call(
            plan,
            minutes=15,
            notes="n",
            asked=["role-typical-day"],
            referrals=["Eve"],
            add_referrals=True,
        )

    _, undo = store.undoable("ended the call with Ada", end_call)
    assert store.find_contact("Eve").referred_by == ada.id
    assert store.call_draft(ada.id) is None
    store.undo(undo)
    assert tables(store) == before
    reread = Store(data_file)
    assert reread.call_draft(ada.id).text == "typed during the call"
    assert [c.name for c in reread.contacts()] == ["Ada"]
    assert reread.interviews() == [] and reread.get_contact(ada.id).stage == "identified"


def test_undo_keeps_what_was_changed_since(store: Store) -> None:
    ada = store.add_contact(name="Ada")
    _, undo = store.undoable("ticked", lambda: store.toggle_checked(ada.id, "network-start-list"))
    store.update_contact(ada.id, company="Engines")
    store.undo(undo)
    again = store.get_contact(ada.id)
    assert "network-start-list" not in again.checklist and again.company == "Engines"


def test_undo_made_here_applies_on_top_of_another_process_save(
    store: Store, data_file: Path
) -> None:
    ada = store.add_contact(name="Ada")
    _, undo = store.undoable("logged", lambda: store.log_event(ada.id, "kept-in-touch"))
    Store(data_file).add_contact(name="From the command line")
    store.undo(undo)
    reread = Store(data_file)
    assert reread.events() == []
    assert {c.name for c in reread.contacts()} == {"Ada", "From the command line"}


CHANGES = ("delete", "log", "tick", "drop", "edit_entry", "remove_entry", "edit_contact")


@given(st.lists(st.sampled_from(CHANGES), min_size=1, max_size=5))
def test_undo_brings_the_tables_back_exactly(tmp_path_factory, changes: list[str]) -> None:
    store = Store(tmp_path_factory.mktemp("undo") / "data.json")
    ada = called(store)
    bob = store.add_contact(name="Bob", referred_by=ada.id, tags="one, two")
    store.choose_question(bob.id, "role-typical-day")
    store.toggle_checked(bob.id, "network-start-list")
    doing = {
        "delete": lambda: store.delete_contact(ada.id),
        "log": lambda: store.log_event(bob.id, "kept-in-touch", note="coffee"),
        "tick": lambda: store.toggle_checked(bob.id, "network-start-list"),
        "drop": lambda: store.drop_question(bob.id, "role-typical-day"),
        "edit_entry": lambda: store.edit_entry("i1", minutes=40, notes="later thoughts"),
        "remove_entry": lambda: store.remove_entry("i1"),
        "edit_contact": lambda: store.update_contact(bob.id, name="Robert", tags="three"),
    }
    undos = []
    snapshots = []
    for change in changes:
        snapshots.append(tables(store))
        try:
            undos.append(store.undoable(change, doing[change])[1])
        except (KeyError, InvalidInput):  # no longer possible (say, deleted before)
            snapshots.pop()
    for undo, before in zip(reversed(undos), reversed(snapshots), strict=True):
        store.undo(undo)
        assert tables(store) == before, undo.label
    assert Store(store.path).export_bytes() == store.export_bytes()
