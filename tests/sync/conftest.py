"""The two-machine fixture: without Syncthing skipped, saying what to install (failed in CI)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.programs import program_missing
from tests.sync.syncthing import SyncthingMissing, TwoMachines, syncthing_binary


@pytest.fixture
def two_machines(tmp_path: Path) -> Iterator[TwoMachines]:
    try:
        syncthing_binary()
    except SyncthingMissing as missing:
        program_missing(str(missing))
    machines = TwoMachines(tmp_path)
    try:
        machines.start()
        yield machines
    finally:
        machines.stop()
