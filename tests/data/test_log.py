"""The log repository (`data.log`): events, interviews and rehearsals, and the history that
shows them; read back, taken back, and applied again after another process saved."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from infocoach.core.models import InvalidInput
from infocoach.data.repositories import Store
from tests.data.elsewhere import while_another_saves

DAY = date(2026, 12, 2)


def test_events_interviews_and_rehearsals_read_back_from_the_file(data_file: Path) -> None:
    store = Store(data_file)
    ada = store.add_contact(name="Ada")
    store.log_event(ada.id, "reached-out", day=DAY, note="by mail")
    interview = store.add_interview(
        ada.id, day=DAY, minutes=20, notes="kind", questions_asked=["q1"], referrals=["Bo"]
    )
    store.add_rehearsal("intro", 31.24, 142.06, contact_id=ada.id)

    again = Store(data_file)
    [event] = again.events(ada.id)
    assert (event.event, event.date, event.note) == ("reached-out", "2026-12-02", "by mail")
    [found] = again.interviews(ada.id)
    assert (found.id, found.minutes, found.notes) == (interview, 20, "kind")
    assert (found.questions_asked, found.referrals) == (("q1",), ("Bo",))
    [rehearsal] = again.rehearsals("intro")
    assert (rehearsal.seconds, rehearsal.wpm, rehearsal.contact_id) == (31.2, 142.1, ada.id)
    assert [entry.what for entry in again.history(ada.id)] == ["reached-out", "interview"]
    assert again.get_contact(ada.id).stage != "identified"  # the log moves the stage on


def test_a_history_entry_is_corrected_and_deleted(store: Store) -> None:
    ada = store.add_contact(name="Ada")
    event = store.log_event(ada.id, "reached-out", day=DAY)
    corrected = store.edit_entry(f"e{event}", event="replied", notes="yes")
    assert (corrected.what, corrected.notes) == ("replied", "yes")
    with pytest.raises(InvalidInput, match="only an interview has minutes"):
        store.edit_entry(f"e{event}", minutes=20)
    with pytest.raises(InvalidInput, match="not one of"):
        store.log_event(ada.id, "waved")
    store.remove_entry(f"e{event}")
    assert Store(store.path).events() == []


def test_undo_takes_an_entry_back(store: Store) -> None:
    ada = store.add_contact(name="Ada")
    event = store.log_event(ada.id, "reached-out", day=DAY, note="first")
    _, edit = store.undoable("edited", lambda: store.edit_entry(f"e{event}", notes="second"))
    store.undo(edit)
    assert Store(store.path).events()[0].note == "first"
    _, logged = store.undoable("logged", lambda: store.log_event(ada.id, "replied"))
    _, removed = store.undoable("deleted", lambda: store.remove_entry(f"e{event}"))
    store.undo(logged)
    store.undo(removed)
    assert [(e.event, e.note) for e in Store(store.path).events()] == [("reached-out", "first")]


def test_a_log_change_applies_again_on_top_of_another_process(data_file: Path) -> None:
    mine = Store(data_file)
    ada = mine.add_contact(name="Ada")
    event = mine.log_event(ada.id, "reached-out", day=DAY)

    def here() -> None:
        mine.edit_entry(f"e{event}", notes="by mail")
        bo = mine.add_contact(name="Bo")
        mine.add_interview(bo.id, day=DAY, minutes=15)
        mine.log_event(bo.id, "interviewed", day=DAY)

    def there(other: Store) -> None:
        other.edit_entry(f"e{event}", day=date(2026, 12, 1))
        cy = other.add_contact(name="Cy")  # takes the id Bo had here
        other.log_event(cy.id, "replied", day=DAY)

    while_another_saves(mine, here, there)
    for store in (mine, Store(data_file)):
        [first] = store.events(ada.id)
        assert (first.date, first.note) == ("2026-12-01", "by mail")
        bo, cy = store.find_contact("Bo"), store.find_contact("Cy")
        assert [e.event for e in store.events(bo.id)] == ["interviewed"]
        assert [i.minutes for i in store.interviews(bo.id)] == [15]
        assert [e.event for e in store.events(cy.id)] == ["replied"]
