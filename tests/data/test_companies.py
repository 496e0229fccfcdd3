"""The companies repository (`data.companies`): her target list, read back, taken back, and
applied again after another process saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from infocoach.core.models import InvalidInput
from infocoach.data.repositories import Store
from tests.data.elsewhere import while_another_saves


def test_a_company_added_changed_and_imported_reads_back_from_the_file(data_file: Path) -> None:
    store = Store(data_file)
    acme = store.add_company(name="Acme Inc.", motivation="2")
    changed = store.update_company(acme.id, notes="makes anvils", posting=1)
    assert changed == store.get_company(acme.id) and changed.uid == acme.uid
    imported = store.import_targets([{"name": "ACME", "industry": "Tools"}, {"name": "Looms"}])
    assert (imported.added, imported.updated) == (1, 1)

    again = Store(data_file)
    found = again.find_company("acme")
    assert (found.id, found.name, found.industry) == (acme.id, "Acme Inc.", "Tools")
    assert (found.motivation, found.posting, found.notes) == (2, 1, "makes anvils")
    assert [c.name for c in again.companies()] == ["Acme Inc.", "Looms"]
    assert again.find_company(f"#{acme.id}") == found


def test_a_name_another_company_goes_by_is_refused(store: Store) -> None:
    store.add_company(name="Acme Inc.")
    looms = store.add_company(name="Looms")
    with pytest.raises(InvalidInput, match="already on the list"):
        store.add_company(name="ACME")
    with pytest.raises(InvalidInput, match="already on the list"):
        store.update_company(looms.id, name="acme")
    assert [c.name for c in Store(store.path).companies()] == ["Acme Inc.", "Looms"]


def test_undo_takes_a_companys_change_back(store: Store) -> None:
    acme = store.add_company(name="Acme", notes="first")
    _, undo = store.undoable("scored Acme", lambda: store.update_company(acme.id, motivation=3))
    store.update_company(acme.id, notes="later")
    store.undo(undo)
    back = Store(store.path).get_company(acme.id)
    assert (back.motivation, back.notes) == (0, "later")
    _, added = store.undoable("added Looms", lambda: store.add_company(name="Looms"))
    store.undo(added)
    assert [c.name for c in Store(store.path).companies()] == ["Acme"]


def test_a_company_change_applies_again_on_top_of_another_process(data_file: Path) -> None:
    mine = Store(data_file)
    acme = mine.add_company(name="Acme")

    def here() -> None:
        mine.update_company(acme.id, motivation=3)
        mine.add_company(name="Looms")
        mine.add_contact(name="Ada", company="Looms")

    def there(other: Store) -> None:
        other.update_company(acme.id, notes="makes anvils")
        other.add_company(name="Gears")  # takes the id Looms had here

    while_another_saves(mine, here, there)
    for store in (mine, Store(data_file)):
        both = store.get_company(acme.id)
        assert (both.motivation, both.notes) == (3, "makes anvils")
        assert [c.name for c in store.companies()] == ["Acme", "Gears", "Looms"]
        ada = store.find_contact("Ada")
        assert ada.company_id == store.find_company("Looms").id


def test_a_company_added_elsewhere_meanwhile_under_the_same_name_is_the_one(
    data_file: Path,
) -> None:
    mine = Store(data_file)
    while_another_saves(
        mine,
        lambda: mine.add_contact(name="Ada", company="Acme"),
        lambda other: other.add_company(name="ACME Inc.", notes="theirs"),
    )
    for store in (mine, Store(data_file)):
        [acme] = store.companies()
        assert (acme.name, acme.notes) == ("ACME Inc.", "theirs")
        assert store.find_contact("Ada").company_id == acme.id


def test_a_merge_of_two_companies_takes_along_a_contact_linked_elsewhere_meanwhile(
    data_file: Path,
) -> None:
    mine = Store(data_file)
    acme = mine.add_company(name="Acme")
    acme_two = mine.add_company(name="Acme Anvils")
    mine.add_contact(name="Ada", company="Acme Anvils")
    while_another_saves(
        mine,
        lambda: mine.merge_companies(acme.id, acme_two.id),
        lambda other: other.add_contact(name="Bo", company="Acme Anvils"),
    )
    for store in (mine, Store(data_file)):
        assert [c.name for c in store.companies()] == ["Acme"]
        assert {c.name: c.company_id for c in store.contacts()} == {"Ada": acme.id, "Bo": acme.id}
