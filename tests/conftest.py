"""Shared fixtures: every test runs against its own private data and config folders."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import settings

from infocoach.data import locations
from infocoach.data.repositories import Store
from infocoach.guidance.loader import load_guidance
from infocoach.guidance.records import Guidance

FIXED_NOW = datetime(2026, 11, 20, 9, 30)

# The suite runs in parallel, where one example's wall time says more about the other workers
# than about the code: no deadlines (Hypothesis's "ci" profile, used under CI, has none either).
settings.register_profile("default", settings.get_profile("default"), deadline=None)


# Where the tests' temp folders go when nothing else is asked for: a RAM disk, so that the
# thousands of saves the suite makes do not each wait for a real disk's fsync (17 ms against
# 0.6 ms a save here). The saves run the same code; what reaches a disk is not asserted
# anywhere (the tests of a full disk mount their own tmpfs).
RAM_DISK = Path("/dev/shm")
TEMP_ROOT_ENV = "PYTEST_DEBUG_TEMPROOT"  # pytest's own setting for the root of tmp_path


def pytest_configure(config: pytest.Config) -> None:
    """Collect garbage less often in the test process (the app itself keeps the defaults), and
    keep the temp folders on a RAM disk where there is one (unless --basetemp or
    PYTEST_DEBUG_TEMPROOT says where).

    Textual's caches leave a few hundred thousand long-lived objects behind the UI tests, and
    with the default thresholds (700, 10, 10) the collector walks all of them over and over:
    about a quarter of the suite's CPU time. Cycles are still collected, in bigger batches.
    """
    gc.set_threshold(50_000, 20, 10)
    asked_elsewhere = config.option.basetemp is not None or TEMP_ROOT_ENV in os.environ
    if not asked_elsewhere and RAM_DISK.is_dir() and os.access(RAM_DISK, os.W_OK | os.X_OK):
        os.environ[TEMP_ROOT_ENV] = str(RAM_DISK)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """Two workers a core for `-n auto`: a UI test waits after each key until the app is idle,
    and a test of another program waits on it, so one worker a core leaves the cores idle for
    a third of the run."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 2 * (cores or 1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first, so that none of them starts last and runs on alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Collect once more, then freeze what is left, so pytest's five last full collections (in
    its clean-up, after an xdist worker has reported back) are quick: a worker still busy 5 s
    after that gets a SIGINT from execnet, and the run ends with a KeyboardInterrupt warning."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Point the data and config folders at fresh temp folders, so no test sees real data."""
    dirs = {"data": tmp_path / "data", "config": tmp_path / "config"}
    monkeypatch.setenv(locations.DATA_DIR_ENV, str(dirs["data"]))
    monkeypatch.setenv(locations.CONFIG_DIR_ENV, str(dirs["config"]))
    return dirs


@pytest.fixture
def data_file(isolated_dirs: dict[str, Path]) -> Path:
    """Where the data file lives for this test (not created yet)."""
    return isolated_dirs["data"] / locations.DATA_FILE_NAME


@pytest.fixture
def shipped() -> Guidance:
    """The shipped guidance content."""
    return load_guidance()


@pytest.fixture
def user_content(isolated_dirs: dict[str, Path]) -> Path:
    """The folder of the user's own content files (made, empty)."""
    folder = isolated_dirs["config"] / "content"
    folder.mkdir(parents=True)
    assert folder == locations.user_content_dir()
    return folder


@pytest.fixture
def store(data_file: Path) -> Store:
    """A Store on the test's data file whose clock always reads 2026-11-20 09:30."""
    return Store(data_file, clock=lambda: FIXED_NOW)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MB file system (tmpfs) to fill up; needs root and mount, else skipped."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    with _mounted_small_disk(folder):
        yield folder


@pytest.fixture
def data_on_small_disk(isolated_dirs: dict[str, Path]) -> Iterator[Path]:
    """The test's data folder is a small disk (as `small_disk`): ask for it before the store."""
    folder = isolated_dirs["data"]
    folder.mkdir()
    with _mounted_small_disk(folder):
        yield folder


@contextmanager
def _mounted_small_disk(folder: Path) -> Iterator[None]:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a real full disk needs root to mount a tmpfs")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill_up(folder: Path) -> Path:
    """Fill the file system of `folder` to the last byte; returns the filler to free it."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as handle:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError:
                pass  # full at this size: go on with smaller pieces
    return filler


def run_without_override(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`infocoach ARGS` in a child that file modes apply to, even when the tests run as root
    (setpriv drops the capabilities that override them)."""
    command = [sys.executable, "-m", "infocoach", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and setpriv (util-linux) is missing: modes do not apply")
        caps = "-dac_override,-dac_read_search,-fowner"
        command = [setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}", *command]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
