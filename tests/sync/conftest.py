"""The two-machine fixture: Syncthing is required, never skipped, since CI must prove sync."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.syncthing import SyncthingMissing, TwoMachines, syncthing_binary


@pytest.fixture
def two_machines(tmp_path: Path) -> Iterator[TwoMachines]:
    try:
        syncthing_binary()
    except SyncthingMissing as missing:
        pytest.fail(str(missing), pytrace=False)
    machines = TwoMachines(tmp_path)
    try:
        machines.start()
        yield machines
    finally:
        machines.stop()
