"""Merges she can trust (issue #27): conflict copies crafted as a wrong clock, a half-synced
file or a buggy later version would leave them, met through the command line and the data file.

Only the command line and the file on disk are used here, never the store's insides.
"""

from __future__ import annotations

import copy
import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from infocoach.cli import main as cli

SYNCTHING = "infocoach.sync-conflict-20261202-101500-ABCDEF7.json"
OTHER_DEVICE = "b0b0b0b0"
# Ten contacts: a merge may delete or change two of them by itself (not more than a fifth)
NAMES = ("Ada Park", "Bo Chen", "Cy Diaz", "Dee Eng", "Eve Fox", "Flo Gil", "Gil Ho", "Ida Jo",
         "Jo Kim", "Kai Lu")  # fmt: skip


def infocoach(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def now_ms() -> int:
    return int(time.time() * 1000)


def stamp(millis: int, device: str = OTHER_DEVICE) -> str:
    return f"{millis:013d}.0000.{device}"


def read(data_file: Path) -> dict[str, Any]:
    tables: dict[str, Any] = json.loads(data_file.read_text(encoding="utf-8"))
    return tables


def names_in(tables: dict[str, Any]) -> list[str]:
    return sorted(contact["name"] for contact in tables["contacts"].values())


def key_of(tables: dict[str, Any], name: str) -> str:
    (key,) = [k for k, contact in tables["contacts"].items() if contact["name"] == name]
    return key


def write_copy(data_file: Path, tables: dict[str, Any], name: str = SYNCTHING) -> Path:
    path = data_file.parent / name
    path.write_text(json.dumps(tables), encoding="utf-8")
    return path


def deleted(tables: dict[str, Any], names: tuple[str, ...], when: int) -> dict[str, Any]:
    """The tables as another machine that deleted these contacts at `when` writes them."""
    theirs = copy.deepcopy(tables)
    tombstones = theirs.setdefault("tombstones", {})
    for name in names:
        contact = theirs["contacts"].pop(key_of(theirs, name))
        number = str(len(tombstones) + 1)
        tombstones[number] = {"table": "contacts", "uid": contact["_uid"], "stamp": stamp(when)}
    return theirs


def changed(tables: dict[str, Any], who: str, when: int, **fields: Any) -> dict[str, Any]:
    """The tables as another machine that changed this contact at `when` writes them."""
    theirs = copy.deepcopy(tables)
    contact = theirs["contacts"][key_of(theirs, who)]
    contact.update(fields)
    contact["_base"], contact["_stamp"] = contact["_stamp"], stamp(when)
    return theirs


@pytest.fixture
def ten(capsys: pytest.CaptureFixture[str], data_file: Path) -> dict[str, Any]:
    """Ten contacts on disk (added with the command line); their tables as saved."""
    for name in NAMES:
        assert infocoach(capsys, "add", name)[0] == 0
    return read(data_file)


# -- 1. nothing lost for good ---------------------------------------------------------------


def test_the_data_before_a_merge_is_kept_where_restore_lists_and_takes_it(
    capsys: pytest.CaptureFixture[str], data_file: Path, ten: dict[str, Any]
) -> None:
    before = data_file.read_bytes()
    write_copy(data_file, deleted(ten, ("Bo Chen",), now_ms() + 60_000))

    code, _, err = infocoach(capsys, "add", "Mo Ng")

    assert code == 0
    assert "1 contact deleted" in err
    assert "Bo Chen" not in names_in(read(data_file))
    kept = sorted((data_file.parent / "backups").glob("before-merge-*.json"))
    assert [path.read_bytes() for path in kept] == [before]
    assert str(kept[0]) in err  # the report says where

    code, out, _ = infocoach(capsys, "restore")
    assert code == 0
    assert str(kept[0]) in out

    code, out, _ = infocoach(capsys, "restore", kept[0].name)
    assert code == 0, out
    assert names_in(read(data_file)) == sorted(NAMES)


def test_a_merge_that_cannot_keep_the_data_first_is_not_made(
    capsys: pytest.CaptureFixture[str], data_file: Path, ten: dict[str, Any]
) -> None:
    copy_path = write_copy(data_file, deleted(ten, ("Bo Chen",), now_ms() + 60_000))
    shutil.rmtree(data_file.parent / "backups")
    (data_file.parent / "backups").write_text("not a folder", encoding="utf-8")
    before = data_file.read_bytes()

    _, _, err = infocoach(capsys, "add", "Mo Ng")

    assert "not merged and stays where it is" in err
    assert copy_path.exists()
    assert data_file.read_bytes() == before


# -- 2. stamps checked, records without a uid matched ------------------------------------------

TEN_YEARS_MS = 10 * 365 * 24 * 60 * 60 * 1000
FIVE_DAYS_MS = 5 * 24 * 60 * 60 * 1000


def assert_set_aside(
    capsys: pytest.CaptureFixture[str], data_file: Path, copy_path: Path, *reason: str
) -> str:
    """A change made now merges nothing of the copy: the copy stays, one line says why."""
    before = names_in(read(data_file))
    code, _, err = infocoach(capsys, "add", "Mo Ng")
    assert code == 0
    (line,) = err.splitlines()
    assert "set aside, not merged" in line and copy_path.name in line
    for words in reason:
        assert words in line
    assert names_in(read(data_file)) == sorted((*before, "Mo Ng"))
    assert copy_path.exists()
    assert not list((data_file.parent / "backups").glob("merged-*"))
    return line


def test_a_copy_deleting_everything_with_future_stamps_is_set_aside(
    capsys: pytest.CaptureFixture[str], data_file: Path, ten: dict[str, Any]
) -> None:
    copy_path = write_copy(data_file, deleted(ten, NAMES, now_ms() + TEN_YEARS_MS))

    assert_set_aside(capsys, data_file, copy_path, "10 changes are stamped more than a day ahead")
    assert names_in(read(data_file)) == sorted((*NAMES, "Mo Ng"))


def test_a_far_future_rename_never_wins(
    capsys: pytest.CaptureFixture[str], data_file: Path, ten: dict[str, Any]
) -> None:
    theirs = changed(ten, "Ada Park", now_ms() + FIVE_DAYS_MS, name="Ada X", email="x@evil.test")
    copy_path = write_copy(data_file, theirs)

    assert_set_aside(capsys, data_file, copy_path, "a change is stamped more than a day ahead")
    ada = read(data_file)["contacts"][key_of(ten, "Ada Park")]
    assert (ada["name"], ada["email"]) == ("Ada Park", "")


def test_a_stamp_that_is_no_stamp_sets_the_copy_aside(
    capsys: pytest.CaptureFixture[str], data_file: Path, ten: dict[str, Any]
) -> None:
    theirs = changed(ten, "Bo Chen", now_ms(), role="Boss")
    theirs["contacts"][key_of(theirs, "Bo Chen")]["_stamp"] = "tomorrow"
    copy_path = write_copy(data_file, theirs)

    assert_set_aside(capsys, data_file, copy_path, "a contact in it has a _stamp stamp that is no")


def test_a_record_without_uid_is_matched_by_id_and_content_never_duplicated(
    capsys: pytest.CaptureFixture[str], data_file: Path, ten: dict[str, Any]
) -> None:
    theirs = copy.deepcopy(ten)
    for name in ("_uid", "_stamp", "_base"):
        del theirs["contacts"][key_of(theirs, "Cy Diaz")][name]
    added = {**theirs["contacts"][key_of(theirs, "Flo Gil")], "name": "Ned Oz"}
    added.update(_uid="feedfeedfeedfeed", _stamp=stamp(now_ms()), _base="")
    theirs["contacts"]["11"] = added
    write_copy(data_file, theirs)

    code, _, err = infocoach(capsys, "add", "Mo Ng")

    assert code == 0
    assert "1 contact added" in err
    assert names_in(read(data_file)) == sorted((*NAMES, "Mo Ng", "Ned Oz"))


def test_a_record_without_uid_that_matches_nothing_sets_the_copy_aside(
    capsys: pytest.CaptureFixture[str], data_file: Path, ten: dict[str, Any]
) -> None:
    theirs = copy.deepcopy(ten)
    cy = theirs["contacts"][key_of(theirs, "Cy Diaz")]
    for name in ("_uid", "_stamp", "_base"):
        del cy[name]
    cy["name"] = "Cy Diaz-Ruiz"
    copy_path = write_copy(data_file, theirs)

    assert_set_aside(capsys, data_file, copy_path, "1 contact in it carry no _uid")


def test_two_records_of_the_copy_with_one_uid_set_it_aside(
    capsys: pytest.CaptureFixture[str], data_file: Path, ten: dict[str, Any]
) -> None:
    theirs = copy.deepcopy(ten)
    ada = theirs["contacts"][key_of(theirs, "Ada Park")]
    theirs["contacts"][key_of(theirs, "Bo Chen")]["_uid"] = ada["_uid"]
    copy_path = write_copy(data_file, theirs)

    assert_set_aside(capsys, data_file, copy_path, "2 contacts in it share one _uid")


# -- 3. large changes set aside; `infocoach merge FILE [--dry-run]` ---------------------------


def test_a_copy_deleting_four_contacts_waits_for_merge(
    capsys: pytest.CaptureFixture[str], data_file: Path, ten: dict[str, Any]
) -> None:
    gone = ("Bo Chen", "Cy Diaz", "Dee Eng", "Eve Fox")
    copy_path = write_copy(data_file, deleted(ten, gone, now_ms() + 60_000))

    line = assert_set_aside(capsys, data_file, copy_path, "it would delete 4 of the 10 contacts")
    assert f"infocoach merge {copy_path} --dry-run" in line
    assert f"infocoach merge {copy_path}`" in line

    before = data_file.read_bytes()
    code, out, _ = infocoach(capsys, "merge", str(copy_path), "--dry-run")
    assert code == 0
    assert "Would merge changes from another machine" in out and "4 contacts deleted" in out
    assert "Nothing was written" in out
    assert data_file.read_bytes() == before and copy_path.exists()

    code, out, err = infocoach(capsys, "merge", str(copy_path))
    assert code == 0, err
    assert out.startswith("Merged changes from another machine") and "4 contacts deleted" in out
    assert not set(gone) & set(names_in(read(data_file)))
    backups = data_file.parent / "backups"
    assert [p.read_bytes() for p in backups.glob("before-merge-*.json")] == [before]
    assert (backups / f"merged-{copy_path.name}").is_file() and not copy_path.exists()


def test_changing_more_than_a_fifth_of_the_contacts_waits_too(
    capsys: pytest.CaptureFixture[str], data_file: Path, ten: dict[str, Any]
) -> None:
    theirs = ten
    for who in ("Ada Park", "Bo Chen", "Cy Diaz"):
        theirs = changed(theirs, who, now_ms() + 60_000, role="Intern")
    copy_path = write_copy(data_file, theirs)

    assert_set_aside(capsys, data_file, copy_path, "it would change 3 of the 10 contacts")


def test_one_edit_of_one_of_her_first_contacts_merges_by_itself(
    capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    for name in NAMES[:2]:
        assert infocoach(capsys, "add", name)[0] == 0
    theirs = changed(read(data_file), "Ada Park", now_ms() + 60_000, role="Nurse")
    copy_path = write_copy(data_file, theirs)

    code, _, err = infocoach(capsys, "add", "Cy Diaz")  # a command that writes
    assert code == 0
    assert "changed (Ada Park)" in err, err
    assert not copy_path.exists()
    ada = read(data_file)["contacts"][key_of(read(data_file), "Ada Park")]
    assert ada["role"] == "Nurse"


def test_merge_refuses_a_copy_not_to_trust_and_a_missing_file(
    capsys: pytest.CaptureFixture[str], data_file: Path, ten: dict[str, Any], tmp_path: Path
) -> None:
    laptop = tmp_path / "from the laptop.json"
    laptop.write_text(json.dumps(deleted(ten, NAMES, now_ms() + TEN_YEARS_MS)), encoding="utf-8")
    before = data_file.read_bytes()

    code, _, err = infocoach(capsys, "merge", str(laptop))
    assert code == 2
    assert err.startswith(f"infocoach: {laptop}: not merged: 10 changes are stamped more than")
    code, _, err = infocoach(capsys, "merge", str(tmp_path / "nothing.json"), "--dry-run")
    assert code == 2 and "cannot be merged: there is no such file" in err
    assert data_file.read_bytes() == before and laptop.exists()


# -- 4. the report names what changed -------------------------------------------------------


def test_the_report_names_each_contact_and_company_the_copy_changed(
    capsys: pytest.CaptureFixture[str], data_file: Path, ten: dict[str, Any]
) -> None:
    later = now_ms() + 60_000
    theirs = changed(ten, "Ada Park", later, name="Ada Park-Lee", email="ada@example.org")
    theirs = deleted(theirs, ("Bo Chen",), later)
    for number, name in enumerate(("Quinn Ray", "Rae Sol", "Sol Tam", "Tam Uri"), start=11):
        theirs["contacts"][str(number)] = {
            **theirs["contacts"][key_of(theirs, "Cy Diaz")],
            "name": name,
            "_uid": f"{number:016x}",
            "_stamp": stamp(later),
            "_base": "",
        }
    theirs["companies"]["1"] = {
        "name": "Northwind",
        "website": "",
        "industry": "",
        "motivation": 0,
        "posting": 0,
        "shared_background": False,
        "notes": "",
        "created": "2026-12-01T10:00:00",
        "updated": "2026-12-01T10:00:00",
        "_uid": "c0c0c0c0c0c0c0c0",
        "_stamp": stamp(later),
        "_base": "",
    }
    write_copy(data_file, theirs)

    code, _, err = infocoach(capsys, "add", "Mo Ng")

    assert code == 0
    (line,) = err.splitlines()
    assert (
        ": 4 contacts added (Quinn Ray, Rae Sol, Sol Tam and 1 more), "
        "1 changed (Ada Park, now Ada Park-Lee), 1 deleted (Bo Chen); "
        "1 company added (Northwind)."
    ) in line


# -- 5. the same rules, however the copy comes in ---------------------------------------------


def test_a_command_that_only_reads_shows_a_large_copy_set_aside(
    capsys: pytest.CaptureFixture[str], data_file: Path, ten: dict[str, Any]
) -> None:
    copy_path = write_copy(data_file, deleted(ten, NAMES[:5], now_ms() + 60_000))
    before = data_file.read_bytes()

    code, out, err = infocoach(capsys, "list", "--json")

    assert code == 0
    assert sorted(contact["name"] for contact in json.loads(out)) == sorted(NAMES)
    assert "set aside, not merged" in err and "it would delete 5 of the 10 contacts" in err
    assert data_file.read_bytes() == before and copy_path.exists()


def test_a_record_of_the_copy_with_the_uid_of_another_here_sets_it_aside(
    capsys: pytest.CaptureFixture[str], data_file: Path, ten: dict[str, Any]
) -> None:
    theirs = copy.deepcopy(ten)
    ada = theirs["contacts"][key_of(theirs, "Ada Park")]
    ada.update(name="Zara Vale", created="2025-01-01T08:00:00", _stamp=stamp(now_ms()))
    copy_path = write_copy(data_file, theirs)

    assert_set_aside(
        capsys, data_file, copy_path, "a contact in it has the _uid of a different contact here"
    )
