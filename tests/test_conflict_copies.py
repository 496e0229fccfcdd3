"""The store merges the conflict copies a sync tool leaves beside the data file (issue #17)."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from infocoach.data import locations
from infocoach.data.backups import backup_folder
from infocoach.data.conflicts import conflict_copies
from infocoach.data.repositories import Store
from tests.conftest import FIXED_NOW

SYNCTHING = "infocoach.sync-conflict-20261202-101500-ABCDEF7.json"


def other_machine(
    data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str = SYNCTHING
) -> Store:
    """A store on a copy of the data file as another machine (its own device id) has it;
    `conflict_copy` then puts its file where the sync tool would."""
    folder = tmp_path / "other-machine"
    folder.mkdir()
    shutil.copy(data_file, folder / data_file.name)
    monkeypatch.setenv(locations.CONFIG_DIR_ENV, str(tmp_path / "other-config"))
    store = Store(folder / data_file.name, clock=lambda: FIXED_NOW + timedelta(hours=1))
    monkeypatch.setenv(locations.CONFIG_DIR_ENV, str(tmp_path / "config"))
    return store


def conflict_copy(other: Store, data_file: Path, name: str = SYNCTHING) -> Path:
    copy_path = data_file.parent / name
    shutil.copy(other.path, copy_path)
    return copy_path


def names(store: Store) -> list[str]:
    return [contact.name for contact in store.contacts()]


def test_the_three_tools_names_are_found_and_nothing_else(tmp_path: Path) -> None:
    data_file = tmp_path / "infocoach.json"
    found_names = [
        SYNCTHING,
        "infocoach (Ann's conflicted copy 2026-12-02).json",
        "infocoach (conflicted copy 2026-12-02).json",
        "infocoach (conflicted copy 2026-12-02 101500).json",
    ]
    for name in [
        *found_names,
        "infocoach.json",
        "notes (conflicted copy 2026-12-02).json",
        "infocoach.sync-conflict-20261202-101500-ABCDEF7.json.tmp",
    ]:
        (tmp_path / name).write_text("{}")
    found = {copy.path.name: copy.describe() for copy in conflict_copies(data_file)}
    assert found == {
        SYNCTHING: "Syncthing conflict copy of 2026-12-02 10:15",
        found_names[1]: "Dropbox conflict copy of 2026-12-02",
        found_names[2]: "Dropbox conflict copy of 2026-12-02",
        found_names[3]: "Nextcloud conflict copy of 2026-12-02 10:15",
    }


def test_a_conflict_copy_is_merged_on_open_and_moved_to_the_backups(
    store: Store, data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = store.add_contact(name="Ada")
    bob = store.add_contact(name="Bob")
    for number in range(7):  # two changes among ten contacts: few enough to merge by itself
        store.add_contact(name=f"Zed {number}")
    other = other_machine(data_file, tmp_path, monkeypatch)
    other.update_contact(ada.id, company="Engines")
    other.delete_contact(bob.id)
    other.add_contact(name="Cy")
    store.add_contact(name="Dee")  # meanwhile, here: the same doc id as Cy
    copy_path = conflict_copy(other, data_file)

    merged = Store(data_file, clock=lambda: FIXED_NOW + timedelta(hours=2))

    zeds = [f"Zed {number}" for number in range(7)]
    assert names(merged) == ["Ada", "Cy", "Dee", *zeds]
    assert merged.find_contact("Ada").company == "Engines"
    (line,) = merged.take_merged()
    assert line.startswith(
        "Merged changes from another machine (Syncthing conflict copy of 2026-12-02 10:15): "
        "1 contact added (Cy), 1 changed (Ada), 1 deleted (Bob); 1 company added (Engines)."
    )
    assert f"The data as it was is kept in {backup_folder(data_file)}" in line
    assert merged.take_merged() == []
    assert not copy_path.exists()
    assert (backup_folder(data_file) / f"merged-{SYNCTHING}").is_file()
    assert names(Store(data_file)) == ["Ada", "Cy", "Dee", *zeds]  # saved


def test_a_conflict_copy_that_cannot_be_read_stays_and_is_reported_once(
    store: Store, data_file: Path
) -> None:
    store.add_contact(name="Ada")
    copy_path = data_file.parent / "infocoach (conflicted copy 2026-12-02 101500).json"
    copy_path.write_text('{"contacts": {"1": {"name": ', encoding="utf-8")

    opened = Store(data_file)

    (line,) = opened.take_merged()
    assert "could not be merged and stays where it is" in line
    assert copy_path.name in line
    assert copy_path.read_text(encoding="utf-8") == '{"contacts": {"1": {"name": '
    opened.refresh()
    assert opened.take_merged() == []  # said once
    assert names(opened) == ["Ada"]


def test_a_copy_appearing_while_the_store_is_open_is_merged_by_refresh(
    store: Store, data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = store.add_contact(name="Ada", notes="Met at the fair.")
    other = other_machine(data_file, tmp_path, monkeypatch)
    other.update_contact(ada.id, notes="Prefers email.")
    store.update_contact(ada.id, notes="Met at the fair. Knows Bob.")
    conflict_copy(other, data_file)

    assert store.refresh()

    notes = store.get_contact(ada.id).notes
    assert notes.startswith("Prefers email.\n\n--- also written on the other machine (")
    assert notes.endswith("---\nMet at the fair. Knows Bob.")
    (line,) = store.take_merged()
    assert "notes from both kept on 1 contact." in line
    assert json.loads(data_file.read_text(encoding="utf-8"))["contacts"]["1"]["notes"] == notes
    assert not store.refresh()  # moved away: nothing more


def test_a_store_opened_to_read_merges_in_memory_and_writes_nothing(
    store: Store, data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_contact(name="Ada")
    other = other_machine(data_file, tmp_path, monkeypatch)
    other.add_contact(name="Cy")
    copy_path = conflict_copy(other, data_file)
    before = data_file.read_bytes()

    reading = Store(data_file, read_only=True)

    assert names(reading) == ["Ada", "Cy"]
    (line,) = reading.take_merged()
    assert line.endswith("Not saved yet: this command only reads.")
    assert data_file.read_bytes() == before and copy_path.exists()


def test_a_deletion_leaves_a_tombstone_forgotten_after_ninety_days(data_file: Path) -> None:
    now = [FIXED_NOW]
    store = Store(data_file, clock=lambda: now[0])
    ada = store.add_contact(name="Ada")
    store.log_event(ada.id, "reached-out")
    store.delete_contact(ada.id)
    tombstones = json.loads(data_file.read_text(encoding="utf-8"))["tombstones"]
    assert sorted(t["table"] for t in tombstones.values()) == ["contacts", "events"]
    now[0] = FIXED_NOW + timedelta(days=91)
    store.add_contact(name="Bob")
    assert json.loads(data_file.read_text(encoding="utf-8"))["tombstones"] == {}


def test_stamps_order_changes_and_a_contact_written_back_keeps_its_uid(
    store: Store, data_file: Path
) -> None:
    ada = store.add_contact(name="Ada")
    first = json.loads(data_file.read_text(encoding="utf-8"))["contacts"]["1"]
    assert ada.uid == first["_uid"] and len(ada.uid) == 16 and first["_base"] == ""
    store.update_contact(ada.id, company="Engines")
    store.set_checked(ada.id, "prepare-questions", True)
    now = json.loads(data_file.read_text(encoding="utf-8"))["contacts"]["1"]
    assert now["_uid"] == ada.uid == store.get_contact(ada.id).uid
    assert now["_stamp"] > first["_stamp"] and now["_base"] > first["_stamp"]
    assert "uid" not in now


def test_a_stamp_is_later_than_any_read_from_the_file(store: Store, data_file: Path) -> None:
    store.add_contact(name="Ada")
    tables = json.loads(data_file.read_text(encoding="utf-8"))
    ahead = "1999999999999.0042.fast0001"  # written by a machine whose clock runs ahead
    tables["contacts"]["1"]["_stamp"] = ahead
    data_file.write_text(json.dumps(tables), encoding="utf-8")
    reopened = Store(data_file, clock=lambda: datetime(2026, 11, 20))
    reopened.update_contact(1, company="Engines")
    stamp = json.loads(data_file.read_text(encoding="utf-8"))["contacts"]["1"]["_stamp"]
    assert stamp > ahead


def test_the_command_line_says_what_it_merged_on_stderr(
    store: Store,
    data_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from infocoach.cli.main import main

    store.add_contact(name="Ada")
    other = other_machine(data_file, tmp_path, monkeypatch)
    other.add_contact(name="Cy")
    conflict_copy(other, data_file, "infocoach (Ann's conflicted copy 2026-12-02).json")

    main(["list"])

    out, err = capsys.readouterr()
    assert "Cy" in out
    assert err.strip() == (
        "Merged changes from another machine (Dropbox conflict copy of 2026-12-02): "
        "1 contact added (Cy). Not saved yet: this command only reads."
    )


def test_the_device_id_is_made_once_in_the_config_folder(
    store: Store, data_file: Path, isolated_dirs: dict[str, Path]
) -> None:
    store.add_contact(name="Ada")
    device = (isolated_dirs["config"] / "device-id").read_text(encoding="utf-8")
    Store(data_file).add_contact(name="Bob")
    stamps = [
        c["_stamp"] for c in json.loads(data_file.read_text(encoding="utf-8"))["contacts"].values()
    ]
    assert [stamp.split(".")[2] for stamp in stamps] == [device, device]


def test_doctor_names_a_conflict_copy_and_leaves_it(
    store: Store,
    data_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from infocoach.cli.main import main

    store.add_contact(name="Ada")
    other = other_machine(data_file, tmp_path, monkeypatch)
    other.add_contact(name="Cy")
    copy_path = conflict_copy(other, data_file)

    main(["doctor"])

    out = capsys.readouterr().out
    assert (
        f"conflict copy: {copy_path} (Syncthing conflict copy of 2026-12-02 10:15): opening "
        "infocoach merges it and moves it to backups/"
    ) in out
    assert copy_path.exists()  # doctor writes nothing
