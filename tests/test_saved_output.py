"""A command whose change was saved says so even when its output cannot be written, and never
invites a retry that would do it twice (#25); a save the disk did not confirm is said, not
swallowed.

Standard output is the real /dev/full (every write: ENOSPC). The folder fsync that fails after
the rename is made by the kernel on the data folder only (strace -e inject: no real disk fails
on cue).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from infocoach.cli import main as cli
from infocoach.data.repositories import Store
from infocoach.exchange.operations import restore
from tests.disk_faults import folder_sync_fails as failing_folder_sync
from tests.disk_faults import kernel_fails

FULL = Path("/dev/full")
SAVED_LINE = (
    "infocoach: saved, but could not print the result: No space left on device; it is done, "
    "so do not run the command again"
)

pytestmark = pytest.mark.skipif(not FULL.exists(), reason="no /dev/full on this system")


def run_into_full_stdout(*args: str) -> subprocess.CompletedProcess[str]:
    with FULL.open("w") as full:
        return subprocess.run(
            [sys.executable, "-m", "infocoach", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )


def names(data_file: Path) -> list[str]:
    return [contact.name for contact in Store(data_file).contacts()]


def test_add_with_its_output_lost_is_saved_once_and_says_so(data_file: Path) -> None:
    result = run_into_full_stdout("add", "Ann Lee", "--company", "Acme")
    assert result.returncode == 0  # done: a retry would add her twice
    assert result.stderr.splitlines() == [SAVED_LINE]
    assert names(data_file) == ["Ann Lee"]


@pytest.mark.parametrize(
    "args",
    [
        ["log", "Ann Lee", "replied"],
        ["company", "add", "Initech"],
    ],
    ids=lambda args: args[0],
)
def test_other_changes_with_their_output_lost_say_saved(data_file: Path, args: list[str]) -> None:
    Store(data_file).add_contact(name="Ann Lee")
    result = run_into_full_stdout(*args)
    assert (result.returncode, result.stderr.splitlines()) == (0, [SAVED_LINE])


def test_restore_with_its_output_lost_says_saved(tmp_path: Path, data_file: Path) -> None:
    backup = tmp_path / "backup.json"
    Store(backup).add_contact(name="Bob")
    Store(data_file).add_contact(name="Ann Lee")
    result = run_into_full_stdout("restore", str(backup))
    assert (result.returncode, result.stderr.splitlines()) == (0, [SAVED_LINE])
    assert names(data_file) == ["Bob"]


@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["export", "json"], ["stats"]])
def test_a_command_that_only_reads_fails_when_its_output_is_lost(
    data_file: Path, args: list[str]
) -> None:
    Store(data_file).add_contact(name="Ann Lee")
    before = data_file.read_bytes()
    result = run_into_full_stdout(*args)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "infocoach: could not print the result: No space left on device"
    ]
    assert data_file.read_bytes() == before


# -- fsync of the folder after the rename --------------------------------------------------------


@pytest.fixture
def folder_sync_fails(data_file: Path) -> Iterator[Path]:
    """fsync of the data folder fails with EIO (every other fsync is real)."""
    data_file.parent.mkdir(parents=True, exist_ok=True)
    with failing_folder_sync(data_file.parent):
        yield data_file.parent


def test_add_says_when_the_disk_did_not_confirm_the_save(
    capsys: pytest.CaptureFixture[str], data_file: Path, folder_sync_fails: Path
) -> None:
    Store(data_file).add_contact(name="Ann Lee")
    capsys.readouterr()
    assert cli.main(["add", "Bob"]) == 0  # saved: running it again would add Bob twice
    captured = capsys.readouterr()
    assert captured.out == "2\n"
    [line] = captured.err.splitlines()
    assert line.startswith(f"infocoach: saved {data_file}, but the disk did not confirm it")
    assert f"syncing the folder {folder_sync_fails}: Input/output error" in line
    assert names(data_file) == ["Ann Lee", "Bob"]


def test_restore_says_when_the_disk_did_not_confirm_it_and_keeps_the_copy(
    tmp_path: Path, data_file: Path, folder_sync_fails: Path
) -> None:
    backup = tmp_path / "backup.json"
    Store(backup).add_contact(name="Bob")
    Store(data_file).add_contact(name="Ann Lee")
    before = data_file.read_bytes()
    done = restore(data_file, backup, datetime(2026, 11, 20, 9, 30))
    assert "the disk did not confirm it" in done.unconfirmed
    assert done.kept is not None and done.kept.read_bytes() == before
    assert names(data_file) == ["Bob"]


def test_a_file_system_that_cannot_sync_folders_is_not_a_failure(
    capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    """Some network and FUSE file systems answer EINVAL to fsync on a folder: nothing to say."""
    data_file.parent.mkdir(parents=True)
    with kernel_fails("fsync", "EINVAL", data_file.parent):
        assert cli.main(["add", "Bob"]) == 0
    assert capsys.readouterr().err == ""
    assert names(data_file) == ["Bob"]
