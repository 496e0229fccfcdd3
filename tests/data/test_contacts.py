"""The contacts repository (`data.contacts`): a contact with her checklist ticks and chosen
questions, read back, taken back, and applied again after another process saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from infocoach.core.models import AmbiguousName, InvalidInput
from infocoach.data.repositories import Store
from tests.data.elsewhere import while_another_saves


def test_a_contact_added_and_changed_reads_back_from_the_file(data_file: Path) -> None:
    store = Store(data_file)
    ada = store.add_contact(name="Ada Lovelace", company="Engines", role="Analyst")
    store.update_contact(ada.id, notes="met at the fair", role="Lead analyst")
    store.set_checked(ada.id, "network-start-list", True)
    for question in ("q1", "q2", "q3"):
        store.choose_question(ada.id, question)
    store.move_question(ada.id, "q3", -2)
    store.drop_question(ada.id, "q2")
    store.set_contact_type(ada.id, "booster")

    again = Store(data_file).find_contact("ada lovelace")
    assert (again.id, again.uid) == (ada.id, ada.uid)
    assert (again.role, again.notes, again.company) == (
        "Lead analyst",
        "met at the fair",
        "Engines",
    )
    assert again.company_id is not None
    assert Store(data_file).get_company(again.company_id).name == "Engines"
    assert list(again.checklist) == ["network-start-list"]
    assert again.questions == ("q3", "q1")
    assert again.contact_type == "booster"


def test_a_change_returns_the_contact_as_stored(store: Store) -> None:
    ada = store.add_contact(name="Ada")
    changed = store.update_contact(ada.id, notes="x")
    assert changed == store.get_contact(ada.id)
    assert changed.uid == ada.uid and changed.revised_ms >= ada.revised_ms > 0


def test_contacts_are_found_by_name_or_id_and_refuse_what_is_not_there(store: Store) -> None:
    ada = store.add_contact(name="Ádá")
    store.add_contact(name="Bo")
    store.add_contact(name="bo")
    assert store.find_contact("ada") == ada == store.find_contact(f"#{ada.id}")
    with pytest.raises(AmbiguousName):
        store.find_contact("BO")
    with pytest.raises(InvalidInput, match="no contact is named"):
        store.find_contact("Cy")
    with pytest.raises(InvalidInput, match="cannot refer themselves"):
        store.update_contact(ada.id, referred_by=ada.id)
    assert [c.name for c in store.contacts()] == ["Ádá", "Bo", "bo"]


def test_undo_takes_a_contacts_change_back_and_keeps_what_changed_since(store: Store) -> None:
    ada = store.add_contact(name="Ada", role="Analyst")
    _, undo = store.undoable(
        "edited Ada",
        lambda: (store.update_contact(ada.id, role="Lead"), store.choose_question(ada.id, "q1")),
    )
    store.update_contact(ada.id, notes="later")
    store.undo(undo)
    back = Store(store.path).get_contact(ada.id)
    assert (back.role, back.questions, back.notes) == ("Analyst", (), "later")

    _, added = store.undoable("added Bo", lambda: store.add_contact(name="Bo"))
    store.undo(added)
    assert [c.name for c in Store(store.path).contacts()] == ["Ada"]


def test_a_contact_change_applies_again_on_top_of_another_process(data_file: Path) -> None:
    """Each process changed other fields, ticks and questions of one contact: all are kept."""
    mine = Store(data_file)
    ada = mine.add_contact(name="Ada", role="Analyst")
    mine.choose_question(ada.id, "q1")

    def here() -> None:
        mine.update_contact(ada.id, notes="here")
        mine.set_checked(ada.id, "mine", True)
        mine.choose_question(ada.id, "q-here")
        mine.add_contact(name="Bo")

    def there(other: Store) -> None:
        other.update_contact(ada.id, role="Lead")
        other.set_checked(ada.id, "theirs", True)
        other.choose_question(ada.id, "q-there")
        other.add_contact(name="Cy")  # takes the id Bo had here

    while_another_saves(mine, here, there)
    for store in (mine, Store(data_file)):
        both = store.get_contact(ada.id)
        assert (both.role, both.notes) == ("Lead", "here")
        assert set(both.checklist) == {"mine", "theirs"}
        assert both.questions == ("q1", "q-there", "q-here")
        assert sorted(c.name for c in store.contacts()) == ["Ada", "Bo", "Cy"]
        assert len({c.id for c in store.contacts()}) == 3
