"""A real full disk (a small tmpfs filled to the last byte), not a simulated error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from infocoach.data.repositories import Store
from tests.conftest import fill_up


def test_an_add_on_a_full_disk_fails_in_one_line_and_changes_nothing(small_disk: Path) -> None:
    data = small_disk / "data"
    Store(data / "infocoach.json").add_contact(name="Ada", notes="x" * 2000)
    before = (data / "infocoach.json").read_bytes()
    filler = fill_up(small_disk)
    env = {**os.environ, "INFOCOACH_DATA_DIR": str(data)}
    result = subprocess.run(
        [sys.executable, "-m", "infocoach", "add", "Bob"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert "could not save" in line and "No space left on device" in line
    assert (data / "infocoach.json").read_bytes() == before
    assert sorted(p.name for p in data.iterdir()) == [".~infocoach.json.lock", "infocoach.json"]
    filler.unlink()  # room again: the same command works
    again = subprocess.run([sys.executable, "-m", "infocoach", "add", "Bob"], env=env)
    assert again.returncode == 0
    assert [c.name for c in Store(data / "infocoach.json").contacts()] == ["Ada", "Bob"]
