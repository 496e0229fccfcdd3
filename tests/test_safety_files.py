"""The data file's neighbours: backups never overwritten, restore that refuses what every other
command refuses, symlinked data files, temp files of dead writers, no empty backups folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from infocoach.cli import main as cli
from infocoach.data.backups import backup_folder, backups, copy_to_backups
from infocoach.data.files import STALE_TEMP_SECONDS, temp_prefix, writer_tag
from infocoach.data.locations import DATA_DIR_ENV, DATA_FILE_NAME
from infocoach.data.repositories import Store
from infocoach.data.storage import DataFileError
from infocoach.exchange.operations import TransferError, restore
from tests.conftest import run_without_override
from tests.disk_faults import disk_full, kernel_fails

NOW = datetime(2026, 11, 20, 9, 30)


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def saved_backup(tmp_path: Path, *names: str) -> Path:
    """A backup file (a data file written by the store) holding contacts `names`."""
    source = tmp_path / "source" / f"{'-'.join(names)}.json"
    store = Store(source)
    for name in names:
        store.add_contact(name=name)
    return source


# -- 6: two copies in the same second are both kept -----------------------------------------


def test_copies_in_the_same_second_never_replace_each_other(data_file: Path) -> None:
    store = Store(data_file)
    made = []
    for name in ("Ada", "Bob", "Cy"):
        store.add_contact(name=name)
        made.append((copy_to_backups(data_file, "before-restore", NOW), data_file.read_bytes()))
    names = [path.name for path, _ in made]
    assert names == [
        "before-restore-20261120-093000.json",
        "before-restore-20261120-093000-2.json",
        "before-restore-20261120-093000-3.json",
    ]
    for path, content in made:
        assert path.read_bytes() == content
    assert temp_files(backup_folder(data_file)) == []


def test_two_restores_in_the_same_second_keep_both_earlier_versions(
    tmp_path: Path, data_file: Path
) -> None:
    Store(data_file).add_contact(name="Original")
    original = data_file.read_bytes()
    first = restore(data_file, saved_backup(tmp_path, "First"), NOW)
    between = data_file.read_bytes()
    second = restore(data_file, saved_backup(tmp_path, "Second"), NOW)
    assert first.kept is not None and second.kept is not None
    assert first.kept != second.kept
    assert first.kept.read_bytes() == original
    assert second.kept.read_bytes() == between
    assert [c.name for c in Store(data_file).contacts()] == ["Second"]


# -- 7: restore refuses a read-only data file --------------------------------------------------


def test_restore_refuses_a_read_only_data_file(
    tmp_path: Path, data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Store(data_file).add_contact(name="Ada")
    before = data_file.read_bytes()
    source = saved_backup(tmp_path, "Bob")
    data_file.chmod(0o444)
    try:
        assert cli.main(["restore", str(source)]) != 0
    finally:
        data_file.chmod(0o600)
    captured = capsys.readouterr()
    [line] = captured.err.splitlines()
    assert "read-only" in line and str(data_file) in line and "nothing was changed" in line
    assert captured.out == ""
    assert data_file.read_bytes() == before
    assert not backup_folder(data_file).exists()  # no copy kept of a restore not done
    assert temp_files(data_file.parent) == []


@pytest.mark.parametrize("what", ["file", "folder"])
def test_restore_refuses_read_only_data_with_real_permissions(
    what: str, tmp_path: Path, data_file: Path
) -> None:
    Store(data_file).add_contact(name="Ada")
    before = data_file.read_bytes()
    source = saved_backup(tmp_path, "Bob")
    source.chmod(0o644)
    source.parent.chmod(0o755)
    tmp_path.chmod(0o755)
    env = {**os.environ, "INFOCOACH_DATA_DIR": str(data_file.parent)}
    target = data_file.parent if what == "folder" else data_file
    original_mode = target.stat().st_mode
    target.chmod(0o500 if what == "folder" else 0o400)
    try:
        result = run_without_override(["restore", str(source)], env)
    finally:
        target.chmod(original_mode)
    assert result.returncode != 0
    [line] = result.stderr.splitlines()
    assert "read-only" in line and str(data_file) in line
    assert data_file.read_bytes() == before
    assert not backup_folder(data_file).exists()


# -- 9: a symlinked data file ----------------------------------------------------------------


@pytest.fixture
def linked(tmp_path: Path, data_file: Path) -> Path:
    """The real data file, elsewhere; `data_file` is a symlink to it."""
    target = tmp_path / "elsewhere" / "real.json"
    Store(target).add_contact(name="Ada")
    data_file.parent.mkdir(parents=True, exist_ok=True)
    data_file.symlink_to(target)
    return target


def test_saving_through_a_symlink_replaces_the_target_and_keeps_the_link(
    linked: Path, data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = linked.read_bytes()
    assert cli.main(["add", "Bob"]) == 0
    assert data_file.is_symlink() and data_file.resolve() == linked.resolve()
    assert [c.name for c in Store(linked).contacts()] == ["Ada", "Bob"]
    assert temp_files(linked.parent) == [] and temp_files(data_file.parent) == []
    (daily,) = backups(data_file)  # the day's first save copied the target's content
    assert daily.read_bytes() == before and not daily.is_symlink()
    capsys.readouterr()

    Store(data_file).add_contact(name="Cy")  # a store kept open, too
    assert data_file.is_symlink()
    assert [c.name for c in Store(linked).contacts()] == ["Ada", "Bob", "Cy"]


def test_restoring_through_a_symlink_keeps_the_link(
    tmp_path: Path, linked: Path, data_file: Path
) -> None:
    before = linked.read_bytes()
    done = restore(data_file, saved_backup(tmp_path, "Bob"), NOW)
    assert data_file.is_symlink()
    assert [c.name for c in Store(linked).contacts()] == ["Bob"]
    assert done.kept is not None and done.kept.read_bytes() == before


def test_a_link_to_nothing_is_refused_not_taken_for_no_contacts(
    tmp_path: Path, data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "unplugged" / "infocoach.json"
    data_file.parent.mkdir(parents=True)
    data_file.symlink_to(missing)
    for command in (["list"], ["add", "Bob"]):
        assert cli.main(command) != 0
        captured = capsys.readouterr()
        [line] = captured.err.splitlines()
        assert str(data_file) in line and f"link to {missing}" in line
        assert "does not exist" in line
        assert "No contacts" not in captured.out
    with pytest.raises(DataFileError):
        Store(data_file)
    with pytest.raises(TransferError, match="does not exist"):
        restore(data_file, saved_backup(tmp_path, "Bob"), NOW)
    assert not missing.exists() and not missing.parent.exists()
    assert data_file.is_symlink()
    assert not backup_folder(data_file).exists()


# -- 14: a dead writer's temp file is removed at the next open -------------------------------

DIES_MID_SAVE = """
import sys, time
from pathlib import Path
from infocoach.data.files import _write_temp
_write_temp(Path(sys.argv[1]), b"x" * 2_000_000)
print("written", flush=True)
time.sleep(60)
"""


def test_a_killed_writers_temp_file_is_removed_at_once_on_open(data_file: Path) -> None:
    Store(data_file).add_contact(name="Ada")
    child = subprocess.Popen(
        [sys.executable, "-c", DIES_MID_SAVE, str(data_file)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "written\n"
    [left] = temp_files(data_file.parent)
    assert f".{child.pid}-" in left
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert time.time() - (data_file.parent / left).stat().st_mtime < STALE_TEMP_SECONDS

    mine = data_file.parent / f"{temp_prefix(data_file)}{writer_tag()}.abc123.tmp"
    mine.write_bytes(b"a live writer's save")  # this process is alive: mid-save
    store = Store(data_file)
    assert temp_files(data_file.parent) == [mine.name]
    assert [c.name for c in store.contacts()] == ["Ada"]


def test_temp_files_whose_writer_cannot_be_told_go_by_age(data_file: Path) -> None:
    Store(data_file).add_contact(name="Ada")
    folder = data_file.parent
    prefix = temp_prefix(data_file)
    pid, start, space = writer_tag().split("-")
    reused = folder / f"{prefix}{pid}-{int(start) + 1}-{space}.x1.tmp"  # the pid, reused
    elsewhere = folder / f"{prefix}{pid}7-{start}-{space[::-1]}x.x2.tmp"  # another machine
    old_style_fresh = folder / f"{prefix}k3j9_q.tmp"
    old_style_old = folder / f"{prefix}p0o9i8.tmp"
    for path in (reused, elsewhere, old_style_fresh, old_style_old):
        path.write_bytes(b"partial")
    long_ago = time.time() - STALE_TEMP_SECONDS - 5
    os.utime(old_style_old, (long_ago, long_ago))
    Store(data_file)
    assert temp_files(folder) == sorted([elsewhere.name, old_style_fresh.name])


# -- no empty backups folder -------------------------------------------------------------------


def test_an_add_on_a_full_disk_leaves_no_empty_backups_folder(
    small_disk: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(small_disk / "data"))
    data_file = small_disk / "data" / DATA_FILE_NAME
    Store(data_file).add_contact(name="Ada")  # a new file: nothing to back up yet
    assert not backup_folder(data_file).exists()
    before = data_file.read_bytes()
    with disk_full(small_disk):
        assert cli.main(["add", "Bob"]) != 0
    assert "No space left" in capsys.readouterr().err
    assert not backup_folder(data_file).exists()
    assert data_file.read_bytes() == before
    assert temp_files(data_file.parent) == []


def test_a_failed_restore_leaves_no_copy_and_no_backups_folder(
    tmp_path: Path, small_disk: Path
) -> None:
    data_file = small_disk / "data" / DATA_FILE_NAME
    Store(data_file).add_contact(name="Ada")
    before = data_file.read_bytes()
    source = saved_backup(tmp_path, "Bob")

    # only the rename fails (a folder that needs a new block for the name meets a full disk)
    renames_fail = kernel_fails("rename,renameat,renameat2", "ENOSPC")
    with renames_fail, pytest.raises(TransferError, match="No space left"):
        restore(data_file, source, NOW)
    assert data_file.read_bytes() == before
    assert not backup_folder(data_file).exists()
    assert temp_files(data_file.parent) == []

    with disk_full(small_disk), pytest.raises(TransferError, match="No space left"):
        restore(data_file, source, NOW)
    assert not backup_folder(data_file).exists()
    assert data_file.read_bytes() == before
