"""Target companies (#19): name matching, the LAMP order and contact types on fixed dates, the
store's company records, the migration that makes them, and the merge of two machines' copies.

November 2026: Mon 16, Tue 17, Wed 18, Thu 19, Fri 20, Sat 21, Sun 22, Mon 23, Tue 24.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from infocoach.core.companies import (
    checked_targets,
    company_key,
    contact_type,
    rank_targets,
)
from infocoach.core.imports import Record
from infocoach.core.insights import Conversation
from infocoach.core.models import Company, Contact, InvalidInput
from infocoach.core.stages import Event
from infocoach.data.merge import merge
from infocoach.data.migrations import SCHEMA_VERSION, company_uid, migrate
from infocoach.data.repositories import Store


def d(day: int, month: int = 11) -> date:
    return date(2026, month, day)


# -- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Acme Inc.", "ACME"),
        ("Acme, Inc.", "acme"),
        ("Acme  Corp", "acme corporation"),  # Corp and Corporation are both legal forms
        ("Northwind GmbH", "Northwind"),
        ("Brightwater Analytics LLC", "brightwater analytics"),
        ("Société Générale S.A.", "societe generale"),  # accents and S.A. ignored
        ("Harbor & Finch Ltd", "harbor & finch"),
        ("Siemens AG", "SIEMENS"),
        ("Lumen Energy Co.", "Lumen Energy"),
        ("  Open   Shelf Books ", "open shelf books"),
    ],
)
def test_names_of_one_company_match(one: str, other: str) -> None:
    assert company_key(one) == company_key(other) != ""


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Acme", "Acme Robotics"),
        ("Northwind Health", "Northwind Traders"),
        ("Co.", "Inc."),  # a legal form alone is the whole name: kept
    ],
)
def test_different_companies_stay_different(one: str, other: str) -> None:
    assert company_key(one) != company_key(other)


def test_a_blank_name_is_no_company() -> None:
    assert company_key("  ") == company_key(" , ") == ""


def test_only_the_last_words_are_legal_forms() -> None:
    assert company_key("Company of Friends Ltd") == "company of friends"
    assert company_key("AG Bank") == "ag bank"


# -- the LAMP order ------------------------------------------------------------------------


def _company(company_id: int, name: str, motivation: int, posting: int, shared: bool = False):
    return Company(
        company_id, name, motivation=motivation, posting=posting, shared_background=shared
    )


def test_lamp_order_motivation_then_posting_then_advocacy_then_name() -> None:
    companies = [
        _company(1, "zeta", 2, 3),
        _company(2, "Alpha", 3, 0),
        _company(3, "Beta", 2, 3, shared=True),  # advocacy from a shared background
        _company(4, "Émile", 2, 3),  # accents ignored in the name order: after "Beta"...
        _company(5, "delta", 2, 3),  # ...and "delta", before "zeta"
        _company(6, "Gamma", 2, 3),
        _company(7, "Omega", 0, 0),
    ]
    staff = [Contact(1, "Ann", company_id=6)]  # advocacy from a contact there
    ranked = rank_targets(companies, staff, [])
    assert [t.company.name for t in ranked] == [
        "Alpha",
        "Beta",
        "Gamma",
        "delta",
        "Émile",
        "zeta",
        "Omega",
    ]
    assert [t.rank for t in ranked] == [1, 2, 3, 4, 5, 6, 7]
    assert [t.top_five for t in ranked] == [True] * 5 + [False] * 2
    assert [t.advocacy for t in ranked][:3] == [False, True, True]


def test_a_target_counts_interviews_and_the_people_who_told_her_something() -> None:
    company = _company(1, "Acme", 1, 1)
    staff = [
        Contact(1, "Ann", company_id=1),
        Contact(2, "Bo", company_id=1),
        Contact(3, "Cy", company_id=1),
        Contact(4, "Elsewhere", company_id=2),
    ]
    talks = [
        Conversation(d(2), 1, "notes"),
        Conversation(d(9), 1),
        Conversation(d(3), 2),
        Conversation(d(4), 4),
    ]
    (target,) = rank_targets([company], staff, talks)
    assert [c.name for c in target.contacts] == ["Ann", "Bo", "Cy"]
    assert (target.interviews, target.told_me) == (3, 2)


# -- contact types -------------------------------------------------------------------------


def log(*entries: tuple[str, date]) -> list[Event]:
    return [Event(day, number, kind) for number, (kind, day) in enumerate(entries, 1)]


@pytest.mark.parametrize(
    ("entries", "today", "expected"),
    [
        ((), d(30), ""),  # never reached out
        ((("reached-out", d(19)), ("replied", d(23))), d(30), "booster"),  # Thu -> Mon
        ((("reached-out", d(19)), ("replied", d(24))), d(30), "booster"),  # Thu -> Tue: day 3
        ((("reached-out", d(19)), ("replied", d(25))), d(30), "obligate"),  # day 4
        ((("reached-out", d(16)), ("scheduled", d(18))), d(30), "booster"),  # a reply shown
        ((("reached-out", d(16)), ("declined", d(16))), d(30), "obligate"),  # no help
        ((("reached-out", d(19)),), d(27), ""),  # Thu + 6 business days: still waiting
        ((("reached-out", d(19)),), d(29), ""),  # the weekend does not count
        ((("reached-out", d(19)),), d(30), "curmudgeon"),  # Mon 30: 7 business days of silence
        ((("reached-out", d(13)),), d(24), "curmudgeon"),  # Fri 13 + 7 = Tue 24
        ((("reached-out", d(13)),), d(23), ""),
        ((("reached-out", d(2)), ("reached-out", d(16)), ("replied", d(17))), d(30), "obligate"),
    ],
)
def test_contact_types_from_the_log(
    entries: tuple[tuple[str, date], ...], today: date, expected: str
) -> None:
    assert contact_type(log(*entries), today) == expected


def test_the_store_derives_the_type_and_she_can_override_it(store: Store) -> None:
    ann = store.add_contact(name="Ann", company="Acme")
    store.log_event(ann.id, "reached-out", day=d(2))
    assert store.get_contact(ann.id).contact_type == "curmudgeon"  # the store's today: Nov 20
    assert store.contacts()[0].contact_type == "curmudgeon"
    store.set_contact_type(ann.id, "Booster")
    assert store.get_contact(ann.id).contact_type == "booster"
    assert store.contacts()[0].contact_type_override == "booster"
    store.set_contact_type(ann.id, "")
    assert store.contacts()[0].contact_type == "curmudgeon"
    with pytest.raises(InvalidInput):
        store.set_contact_type(ann.id, "friend")


# -- the store -------------------------------------------------------------------------------


def test_a_contacts_company_text_links_it_to_one_record(store: Store) -> None:
    ann = store.add_contact(name="Ann", company="Acme Inc.")
    bo = store.add_contact(name="Bo", company="ACME")
    assert ann.company_id == bo.company_id is not None
    assert [c.name for c in store.companies()] == ["Acme Inc."]
    assert (ann.company, bo.company) == ("Acme Inc.", "ACME")  # as each was written
    moved = store.update_contact(bo.id, company="Northwind GmbH")
    assert store.find_company("northwind").id == moved.company_id != ann.company_id
    assert store.update_contact(bo.id, company="").company_id is None


def test_a_renamed_company_keeps_its_contacts(store: Store) -> None:
    ann = store.add_contact(name="Ann", company="Acme")
    store.update_company(ann.company_id, name="Acme Robotics")
    again = store.update_contact(ann.id, company="Acme", role="Engineer")  # the form sends all
    assert again.company_id == ann.company_id
    assert len(store.companies()) == 1


def test_add_company_refuses_bad_scores_and_a_name_in_use(store: Store) -> None:
    store.add_company(name="Acme Inc.")
    with pytest.raises(InvalidInput, match=r"already on the list as 'Acme Inc\.'"):
        store.add_company(name="acme")
    with pytest.raises(InvalidInput) as error:
        store.add_company(name="Zeta", motivation=4, posting="x")
    assert set(error.value.problems) == {"motivation", "posting"}
    assert [c.name for c in store.companies()] == ["Acme Inc."]


def test_merge_companies_relinks_contacts_combines_notes_and_can_be_undone(store: Store) -> None:
    keep = store.add_company(name="Northwind Health", motivation=2, notes="Portal team.")
    other = store.add_company(
        name="NW Health", posting=3, notes="Two openings.", shared_background=True
    )
    ann = store.add_contact(name="Ann", company="NW Health")
    merged, undo = store.undoable("merge", lambda: store.merge_companies(keep.id, other.id))
    assert (merged.motivation, merged.posting, merged.shared_background) == (2, 3, True)
    assert merged.notes == "Portal team.\n\nTwo openings."
    assert store.get_contact(ann.id).company_id == keep.id
    assert store.get_contact(ann.id).company == "NW Health"
    assert [c.name for c in store.companies()] == ["Northwind Health"]
    store.undo(undo)
    assert {c.name for c in store.companies()} == {"Northwind Health", "NW Health"}
    assert store.get_contact(ann.id).company_id == other.id
    assert store.get_company(keep.id).notes == "Portal team."


def test_import_targets_in_the_store_adds_updates_and_refuses_as_one_change(
    store: Store, data_file: Path
) -> None:
    acme = store.add_company(name="Acme", motivation=2, notes="Kept")
    done = store.import_targets(
        [
            {"name": "Zeta", "motivation": "3"},
            {"name": "ZETA GmbH", "posting": "2"},  # the same new company: its values added
            {"name": "acme", "posting": "1"},
            {"name": "Acme Inc.", "website": "https://acme.example"},
        ]
    )
    assert (done.added, done.updated) == (1, 1)
    again = Store(data_file)
    kept, zeta = again.get_company(acme.id), again.find_company("zeta")
    assert (kept.name, kept.motivation, kept.posting, kept.notes) == ("Acme", 2, 1, "Kept")
    assert kept.website == "https://acme.example" and kept.uid == acme.uid
    assert (zeta.name, zeta.motivation, zeta.posting) == ("Zeta", 3, 2)
    before = data_file.read_bytes()
    with pytest.raises(InvalidInput, match="a company name is required"):
        store.import_targets([{"name": "New One"}, {"motivation": "1"}])
    with pytest.raises(InvalidInput):
        store.import_targets([{"name": "Acme", "motivation": "9"}])
    assert data_file.read_bytes() == before
    assert [c.name for c in Store(data_file).companies()] == ["Acme", "Zeta"]


def test_targets_from_the_store(store: Store) -> None:
    store.add_company(name="Quiet Co", motivation=3)
    ann = store.add_contact(name="Ann", company="Acme")
    store.add_contact(name="Bo", company="acme inc")
    store.update_company(ann.company_id, motivation=3)
    store.add_interview(ann.id, day=d(10), notes="They hire in spring.")
    targets = store.targets()
    assert [(t.company.name, t.rank, t.advocacy) for t in targets] == [
        ("Acme", 1, True),
        ("Quiet Co", 2, False),
    ]
    assert [c.name for c in targets[0].contacts] == ["Ann", "Bo"]
    assert (targets[0].interviews, targets[0].told_me) == (1, 1)


# -- the migration -------------------------------------------------------------------------


def _v4_file() -> dict[str, dict[str, dict[str, object]]]:
    def contact(name: str, company: str, created: str) -> dict[str, object]:
        return {
            "name": name,
            "company": company,
            "created": created,
            "_uid": f"uid-{name}",
            "_stamp": "0000000000000.0000.migrated",
            "_base": "",
        }

    return {
        "meta": {"1": {"schema_version": 4}},
        "contacts": {
            "1": contact("Ann", "Acme Inc.", "2026-10-01T09:00:00"),
            "2": contact("Bo", "acme", "2026-10-02T09:00:00"),
            "3": contact("Cy", "", "2026-10-03T09:00:00"),
            "4": contact("Di", "Northwind GmbH", "2026-10-04T09:00:00"),
        },
    }


def test_the_migration_makes_one_company_of_names_that_match() -> None:
    tables, changed = migrate(_v4_file(), d(20))
    assert changed and tables["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 5
    companies = tables["companies"]
    assert [(k, c["name"]) for k, c in companies.items()] == [
        ("1", "Acme Inc."),
        ("2", "Northwind GmbH"),
    ]
    contacts = tables["contacts"]
    assert [contacts[k].get("company_id") for k in "1234"] == [1, 1, None, 2]
    assert companies["1"]["_uid"] == company_uid("acme")
    assert companies["1"]["created"] == "2026-10-01T09:00:00"
    again, _ = migrate(_v4_file(), d(25))  # another machine, another day: the same records
    assert again["companies"] == companies


def test_an_old_file_opens_with_its_companies_linked(data_file: Path) -> None:
    data_file.parent.mkdir(parents=True)
    data_file.write_text(json.dumps(_v4_file()), encoding="utf-8")
    store = Store(data_file)
    acme = store.find_company("ACME")
    assert [c.name for c in store.contacts() if c.company_id == acme.id] == ["Ann", "Bo"]
    assert json.loads(data_file.read_text())["meta"]["1"]["schema_version"] == 5


# -- two machines' copies ------------------------------------------------------------------


def _stamped(uid: str, stamp: str, **fields: object) -> dict[str, object]:
    return {**fields, "_uid": uid, "_stamp": stamp, "_base": ""}


def test_a_merge_keeps_both_sides_companies_and_remaps_their_ids() -> None:
    early, late = "1700000000000.0000.aaaa", "1700000001000.0000.bbbb"
    ours = {
        "companies": {"1": _stamped("c-acme", early, name="Acme", motivation=1, notes="ours")},
        "contacts": {"1": _stamped("p-ann", early, name="Ann", company="Acme", company_id=1)},
    }
    theirs = {
        "companies": {
            "1": _stamped("c-acme", late, name="Acme", motivation=3, notes="theirs"),
            "2": _stamped("c-zeta", late, name="Zeta"),  # our id 2 is free...
            "3": _stamped("c-kite", late, name="Kite"),
        },
        "contacts": {
            "1": _stamped("p-ann", early, name="Ann", company="Acme", company_id=1),
            "2": _stamped("p-bo", late, name="Bo", company="Kite", company_id=3),
        },
    }
    ours["companies"]["2"] = _stamped("c-ours", early, name="Ours Ltd")  # ...no: ours uses it
    merged, report = merge(ours, theirs)
    companies = merged["companies"]
    by_uid = {c["_uid"]: int(k) for k, c in companies.items()}
    assert set(by_uid) == {"c-acme", "c-zeta", "c-kite", "c-ours"}
    assert by_uid["c-ours"] == 2 and by_uid["c-zeta"] != 2
    assert merged["contacts"]["2"]["company_id"] == by_uid["c-kite"]
    assert companies["1"]["motivation"] == 3  # the newer change
    assert "ours" in companies["1"]["notes"] and "theirs" in companies["1"]["notes"]
    assert report.added["companies"] == 2


def test_a_link_to_a_company_deleted_on_the_other_side_is_dropped() -> None:
    early, late = "1700000000000.0000.aaaa", "1700000009000.0000.bbbb"
    ours = {
        "companies": {"1": _stamped("c-acme", early, name="Acme")},
        "contacts": {"1": _stamped("p-ann", early, name="Ann", company="Acme", company_id=1)},
    }
    theirs = {
        "companies": {},
        "contacts": {"1": _stamped("p-ann", early, name="Ann", company="Acme", company_id=1)},
        "tombstones": {"1": {"table": "companies", "uid": "c-acme", "stamp": late}},
    }
    merged, _ = merge(ours, theirs)
    assert merged["companies"] == {}
    assert merged["contacts"]["1"]["company_id"] is None


def test_checked_targets_reject_every_bad_row_with_its_line() -> None:
    records = [
        Record(2, {"name": "Acme", "motivation": "3"}),
        Record(3, {"name": "", "motivation": "1"}),
        Record(4, {"name": "Zeta", "posting": "7"}),
        Record(5, {"name": "ACME Inc.", "motivation": "1"}),
        Record(6, {"name": "Kite", "motivation": "two"}),
    ]
    checked, rejected = checked_targets(records)
    assert [r.row for r in rejected] == [3, 4, 5, 6]
    assert "already on line 2" in rejected[2].reason
    assert checked[0] == {"name": "Acme", "motivation": 3}


# -- the agenda: try another contact at the same company ---------------------------------------


def test_try_another_names_colleagues_not_reached_and_puts_boosters_colleagues_first() -> None:
    from infocoach.core.agenda import build_agenda

    quiet = Contact(1, "Al Quiet", company="Northwind Health", company_id=1)
    ann = Contact(2, "Ann Lee", company="Northwind", company_id=1)
    bo = Contact(3, "Bo Chen", company="NORTHWIND HEALTH", company_id=1)
    done = Contact(4, "Di Done", company="Northwind Health", company_id=1, stage="closed")
    silent = Contact(5, "Yan Silent", company="Acme", company_id=2)
    fan = Contact(6, "Fay Fan", company="Acme", company_id=2, contact_type="booster")
    cy = Contact(7, "Cy Next", company="Acme", company_id=2)
    events = {
        1: log(("reached-out", d(16))),
        5: log(("reached-out", d(16))),
        6: log(("reached-out", d(2)), ("replied", d(3))),
    }
    items = build_agenda([quiet, ann, bo, done, silent, fan, cy], events, d(20))
    tries = [item for item in items if item.action == "try-another-contact"]
    assert [item.contact for item in tries] == ["Yan Silent", "Al Quiet"]  # a booster at Acme
    assert tries[1].text.endswith(
        "reach out to someone else at Northwind Health as well: Ann Lee or Bo Chen"
    )
    assert tries[0].text.endswith("as well: Cy Next")
