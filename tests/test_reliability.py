"""Nothing is ever lost: kills mid-save, failing disks, read-only places, two writers, backups."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

import pytest

from infocoach.cli import main as cli
from infocoach.data.backups import KEEP_DAILY, backups, daily_backup
from infocoach.data.locations import DATA_DIR_ENV, DATA_FILE_NAME
from infocoach.data.repositories import Store
from infocoach.data.storage import DataFileError, DataWriteError
from tests.conftest import run_without_override
from tests.disk_faults import WRITE_FAULTS, kernel_fails

NOW = datetime(2026, 11, 20, 9, 30)


def big_data_file(path: Path, contacts: int = 4000) -> None:
    """A data file of a few MB, written directly (as a long-time user's file would look)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    records = {
        str(i): {
            "name": f"Person {i:05d}",
            "company": f"Company {i % 250}",
            "notes": "Met at the spring meetup; ask about the data team. " * 10,
            "tags": ["analytics"],
            "checklist": {"network-start-list": "2026-11-01"},
            "questions": [],
        }
        for i in range(1, contacts + 1)
    }
    tables = {"meta": {"1": {"schema_version": 1}}, "contacts": records}
    path.write_text(json.dumps(tables), encoding="utf-8")


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- kill -9 at random moments ------------------------------------------------------------

WRITER = """
import sys
from infocoach.data.repositories import Store
store = Store(sys.argv[1])
first = 1  # Person 00001
i = int(sys.argv[2])
while True:
    i += 1
    kind = i % 3
    if kind == 0:
        contact = store.add_contact(name=f"kill-{i}")
        print("add", i, contact.id, flush=True)
    elif kind == 1:
        store.update_contact(first, notes=str(i))
        print("edit", i, first, flush=True)
    else:
        store.set_checked(first, f"item-{i}", True)
        print("tick", i, first, flush=True)
"""


@pytest.mark.slow
def test_kill_loop_never_loses_a_reported_write(tmp_path: Path) -> None:
    data_file = tmp_path / "data" / "infocoach.json"
    big_data_file(data_file)
    assert data_file.stat().st_size > 2_000_000
    rng = random.Random(7)
    env = {**os.environ, "INFOCOACH_CONFIG_DIR": str(tmp_path / "config")}
    reported: list[tuple[str, int, int]] = []
    kills, counter, started = 0, 0, time.monotonic()
    while kills < 50 or time.monotonic() - started < 5:
        assert time.monotonic() - started < 240, "the kill loop took too long"
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_file), str(counter)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        first_line = child.stdout.readline()  # the child is writing now
        time.sleep(rng.uniform(0, 0.12))
        child.send_signal(signal.SIGKILL)
        rest = child.stdout.read()
        child.wait()
        kills += 1
        # Only whole lines were reported: with PYTHONUNBUFFERED, print writes each word on its
        # own, and the kill can come between two.
        lines = [ln for ln in (first_line + rest).splitlines(keepends=True) if ln.endswith("\n")]
        done = [(kind, int(i), int(cid)) for kind, i, cid in (ln.split() for ln in lines)]
        reported.extend(done)
        counter = max([counter, *(i for _, i, _ in done)]) + 3

        store = Store(data_file)  # the file must load after every kill
        assert temp_files(data_file.parent) == []  # the dead writer's temp file went at once
        names = {c.name for c in store.contacts()}
        first = store.get_contact(1)
        for kind, i, _ in reported:
            if kind == "add":
                assert f"kill-{i}" in names
            elif kind == "tick":
                assert f"item-{i}" in first.checklist
        last_edit = max((i for kind, i, _ in reported if kind == "edit"), default=None)
        if last_edit is not None:
            assert int(first.notes) >= last_edit
        assert len(store.contacts()) >= 4000
    assert kills >= 50
    assert len(reported) > kills  # the children really were writing when killed


# -- a failing disk at each step of a save ------------------------------------------------


@contextmanager
def _serialising_fails(folder: Path) -> Iterator[None]:
    """Patched: no disk fault makes the encoder fail."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("infocoach.data.unit_of_work.encode_tables", _circular)
        yield


def _circular(*args: object, **kwargs: object) -> NoReturn:
    raise ValueError("Circular reference detected")


FAULTS = {
    "serialising": (_serialising_fails, "Circular reference"),
    "write-enospc": (WRITE_FAULTS["disk-full"][0], "No space left on device"),
    "fsync-eio": (WRITE_FAULTS["fsync-eio"][0], "Input/output error"),
    # The check before a save refuses a file that cannot be replaced, so only the kernel
    # failing the rename itself reaches this step (any rename: strace's -P sees only the temp
    # file, whose name is not known before).
    "rename-eperm": (
        lambda folder: kernel_fails("rename,renameat,renameat2", "EPERM"),
        "Operation not permitted",
    ),
}


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
def test_a_failing_save_changes_nothing(fault, small_disk, monkeypatch, capsys) -> None:
    failing, message = fault
    monkeypatch.setenv(DATA_DIR_ENV, str(small_disk / "data"))
    data_file = small_disk / "data" / DATA_FILE_NAME
    store = Store(data_file, clock=lambda: NOW)
    ada = store.add_contact(name="Ada", company="Engines")
    backups_before = backups(data_file)
    before = data_file.read_bytes()

    with failing(data_file.parent):
        with pytest.raises(DataWriteError) as caught:
            store.update_contact(ada.id, company="Looms")
        assert message in str(caught.value) and str(data_file) in str(caught.value)
        assert store.get_contact(ada.id).company == "Engines"  # memory is back to the disk
        with pytest.raises(DataWriteError):
            store.add_contact(name="Bob")
        assert [c.name for c in store.contacts()] == ["Ada"]

        assert cli.main(["add", "Cy"]) == 1
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 1 and message in err[0]
        assert err[0].startswith("infocoach: could not save")

    assert data_file.read_bytes() == before
    assert temp_files(data_file.parent) == []
    new_backups = set(backups(data_file)) - set(backups_before)
    assert all(b.read_bytes() == before for b in new_backups)  # copies of the good file only
    store.update_contact(ada.id, company="Looms")  # the same change can be saved again
    assert Store(data_file).get_contact(ada.id).company == "Looms"


# -- damaged files point at the latest backup ---------------------------------------------


def test_damaged_file_message_names_the_latest_backup(data_file: Path, capsys) -> None:
    store = Store(data_file, clock=lambda: NOW)
    store.add_contact(name="Ada")
    store.add_contact(name="Bob")  # the second write of the day: the backup holds Ada
    (latest,) = backups(data_file)
    data_file.write_bytes(b'{"contacts": {"1": {"name": "Ad')

    with pytest.raises(DataFileError) as caught:
        Store(data_file)
    assert f"infocoach restore {latest}" in str(caught.value)
    assert cli.main(["list"]) == 1
    assert f"infocoach restore {latest}" in capsys.readouterr().err


def test_without_backups_the_message_says_so(data_file: Path) -> None:
    data_file.parent.mkdir(parents=True)
    data_file.write_bytes(b"")
    with pytest.raises(DataFileError, match="there is no backup yet"):
        Store(data_file)


# -- backups ------------------------------------------------------------------------------


def test_first_write_of_each_day_backs_up_the_last_good_file(data_file: Path) -> None:
    today = {"now": datetime(2026, 11, 20, 9, 0)}
    store = Store(data_file, clock=lambda: today["now"])
    store.add_contact(name="Ada")  # no file before: nothing to back up
    assert backups(data_file) == []
    store.add_contact(name="Bob")
    (first,) = backups(data_file)
    assert [c["name"] for c in json.loads(first.read_text())["contacts"].values()] == ["Ada"]
    store.add_contact(name="Cy")
    assert backups(data_file) == [first]  # once a day
    today["now"] = datetime(2026, 11, 21, 8, 0)
    store.add_contact(name="Dee")
    newest = backups(data_file)[0]
    assert "20261121" in newest.name
    names = [c["name"] for c in json.loads(newest.read_text())["contacts"].values()]
    assert names == ["Ada", "Bob", "Cy"]
    assert oct(newest.stat().st_mode & 0o777) == "0o600"


def test_only_the_last_14_daily_backups_are_kept(data_file: Path) -> None:
    Store(data_file).add_contact(name="Ada")
    for day in range(1, 21):
        daily_backup(data_file, date(2026, 10, day))
    kept = sorted(p.name for p in backups(data_file))
    assert len(kept) == KEEP_DAILY
    assert kept[0].startswith("daily-20261007") and kept[-1].startswith("daily-20261020")


def test_doctor_lists_backups_and_restore_hint(data_file: Path, capsys) -> None:
    store = Store(data_file)
    store.add_contact(name="Ada")
    store.add_contact(name="Bob")
    assert cli.main(["doctor"]) == 0
    out = capsys.readouterr().out
    (backup,) = backups(data_file)
    assert f"backup: {backup}" in out


# -- read-only places (real permissions: root runs the child without DAC override) --------


@pytest.mark.parametrize("what", ["folder", "file"])
def test_read_only_data_is_read_but_never_written(what: str, data_file: Path) -> None:
    Store(data_file).add_contact(name="Ada")
    before = data_file.read_bytes()
    env = {**os.environ, "INFOCOACH_DATA_DIR": str(data_file.parent)}
    target = data_file.parent if what == "folder" else data_file
    original_mode = target.stat().st_mode
    target.chmod(0o500 if what == "folder" else 0o400)
    try:
        listing = run_without_override(["list", "--json"], env)
        added = run_without_override(["add", "Bob"], env)
    finally:
        target.chmod(original_mode)
    assert listing.returncode == 0 and json.loads(listing.stdout)[0]["name"] == "Ada"
    assert added.returncode == 1
    [line] = added.stderr.splitlines()
    assert "read-only" in line and str(data_file) in line
    assert data_file.read_bytes() == before
    assert temp_files(data_file.parent) == []


# -- two writers --------------------------------------------------------------------------


def test_two_stores_on_one_file_never_lose_an_update(data_file: Path) -> None:
    app_store = Store(data_file)
    ada = app_store.add_contact(name="Ada")
    cli_store = Store(data_file)
    cli_store.add_contact(name="Bob")  # the CLI writes while the app is open
    app_store.update_contact(ada.id, company="Engines")  # the app saves on top, not over
    app_store.set_checked(ada.id, "network-start-list", True)
    names = {c.name: c for c in Store(data_file).contacts()}
    assert set(names) == {"Ada", "Bob"}
    assert names["Ada"].company == "Engines"
    assert app_store.refresh() is False  # its own saves are not news
    cli_store.add_contact(name="Cy")
    assert app_store.refresh() is True
    assert {c.name for c in app_store.contacts()} == {"Ada", "Bob", "Cy"}
    dee = app_store.add_contact(name="Dee")
    assert dee.id not in {c.id for c in Store(data_file).contacts() if c.name != "Dee"}


CONCURRENT = """
import sys
from infocoach.data.repositories import Store
store = Store(sys.argv[1])
for i in range(40):
    store.add_contact(name=f"{sys.argv[2]}-{i}")
"""


def test_two_processes_writing_at_once_keep_every_contact(data_file: Path) -> None:
    Store(data_file).add_contact(name="seed")
    writers = [
        subprocess.Popen([sys.executable, "-c", CONCURRENT, str(data_file), tag])
        for tag in ("left", "right")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    store = Store(data_file)
    names = {c.name for c in store.contacts()}
    assert len(names) == 81
    assert {f"left-{i}" for i in range(40)} <= names and {f"right-{i}" for i in range(40)} <= names
    assert len({c.id for c in store.contacts()}) == 81


def test_a_file_damaged_by_someone_else_is_not_overwritten(data_file: Path) -> None:
    store = Store(data_file)
    store.add_contact(name="Ada")
    data_file.write_bytes(b"garbage")
    with pytest.raises(DataFileError):
        store.add_contact(name="Bob")
    assert data_file.read_bytes() == b"garbage"


def test_two_threads_of_one_process_take_turns(data_file: Path) -> None:
    """An import in a worker thread and edits on the UI thread share one store."""
    import threading

    store = Store(data_file)
    errors: list[BaseException] = []

    def add_many(tag: str) -> None:
        try:
            for i in range(30):
                store.run_as_one(
                    lambda tag=tag, i=i: (
                        store.add_contact(name=f"{tag}-{i}"),
                        store.add_contact(name=f"{tag}-{i}-pair"),
                    )
                )
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=add_many, args=(tag,)) for tag in ("worker", "ui")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    names = {c.name for c in Store(data_file).contacts()}
    assert len(names) == 120


def test_a_change_that_no_longer_applies_is_refused_not_lost_silently(data_file: Path) -> None:
    """Another process deleted the contact this one still shows: the edit fails in one line
    (the command line), and nothing half-applied stays in memory."""
    mine = Store(data_file)
    ada = mine.add_contact(name="Ada")
    other = Store(data_file)
    other.delete_contact(ada.id)
    with pytest.raises(DataWriteError, match="no longer applies"):
        mine.update_contact(ada.id, company="Engines")
    assert mine.contacts() == [] and Store(data_file).contacts() == []


def test_in_the_background_a_dropped_change_is_reported(data_file: Path) -> None:
    from infocoach.data.writer import SaveState

    mine = Store(data_file)
    ada = mine.add_contact(name="Ada")
    mine.add_contact(name="Bo")
    states: list[SaveState] = []
    mine.save_in_background(states.append)
    Store(data_file).delete_contact(ada.id)
    mine.set_checked(ada.id, "network-start-list", True)  # shown at once, on a stale contact
    assert mine.wait_until_saved(10)
    finished = [state for state in states if state.finished]
    assert finished and finished[-1].error is None
    assert [r for s in finished for r in s.dropped] == [f"contact #{ada.id} was deleted there"]
    assert [c.name for c in mine.contacts()] == ["Bo"]


def test_a_file_replaced_by_one_this_version_cannot_read_is_never_written_over(
    data_file: Path,
) -> None:
    """The open app's store; another program writes a newer schema: the next change is kept in
    memory and reported, and the other program's file stays byte for byte."""
    from infocoach.data.writer import SaveState

    mine = Store(data_file)
    ada = mine.add_contact(name="Ada")
    states: list[SaveState] = []
    mine.save_in_background(states.append)
    newer = b'{"meta":{"1":{"schema_version":99}},"contacts":{"1":{"name":"Theirs"}}}'
    data_file.write_bytes(newer)
    mine.set_checked(ada.id, "network-start-list", True)
    assert not mine.wait_until_saved(10)
    finished = [state for state in states if state.finished]
    assert isinstance(finished[-1].error, DataFileError)
    assert "newer infocoach" in str(finished[-1].error)
    assert data_file.read_bytes() == newer
    assert "network-start-list" in mine.get_contact(ada.id).checklist  # the edit is kept
    mine.retry_saving()
    assert not mine.wait_until_saved(10) and data_file.read_bytes() == newer
