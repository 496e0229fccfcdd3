"""The tests that need Syncthing or Chromium skip on a laptop without them, saying what to
install, and fail where INFOCOACH_REQUIRE_PROGRAMS=1 (CI), run the way the README runs them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.programs import REQUIRE_PROGRAMS_ENV

PROJECT = Path(__file__).resolve().parent.parent

NEEDS = {
    "tests/browser/test_serve.py::test_kill_9_of_the_server_ends_the_app_of_its_tab": (
        "needs chromium and chromedriver: apt-get install chromium chromium-driver"
    ),
    "tests/sync/test_two_machines.py::test_changes_made_apart_on_two_machines_all_survive": (
        "syncthing is not installed: the two-machine test needs it (apt-get install syncthing; "
        ".ci/run installs it)"
    ),
    "tests/test_speech.py::test_a_three_second_silence_is_the_longest_pause": (
        "needs espeak-ng: apt-get install espeak-ng"
    ),
}


def run_without_programs(tests: list[str], required: bool) -> subprocess.CompletedProcess[str]:
    """`tests` with only this Python's own folder on PATH: no syncthing, chromium or driver."""
    environment = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    environment.pop(REQUIRE_PROGRAMS_ENV, None)
    if required:
        environment[REQUIRE_PROGRAMS_ENV] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "0", "-q", "-rfsE", *tests],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


# One run of pytest for all of NEEDS in each case, shared by the cases of each test below.
@pytest.fixture(scope="module")
def without_programs() -> subprocess.CompletedProcess[str]:
    return run_without_programs(list(NEEDS), required=False)


@pytest.fixture(scope="module")
def programs_required() -> subprocess.CompletedProcess[str]:
    return run_without_programs(list(NEEDS), required=True)


@pytest.mark.xdist_group("programs")
@pytest.mark.parametrize("test", NEEDS)
def test_without_the_program_the_test_skips_saying_what_to_install(
    test: str, without_programs: subprocess.CompletedProcess[str]
) -> None:
    finished = without_programs
    assert finished.returncode == 0, finished.stdout
    assert f"{len(NEEDS)} skipped" in finished.stdout
    skips = [line for line in finished.stdout.splitlines() if line.startswith("SKIPPED")]
    assert any(NEEDS[test] in line for line in skips), skips


@pytest.mark.xdist_group("programs")
@pytest.mark.parametrize("test", NEEDS)
def test_where_programs_are_required_a_missing_one_fails(
    test: str, programs_required: subprocess.CompletedProcess[str]
) -> None:
    finished = programs_required
    assert finished.returncode == 1, finished.stdout
    ended = finished.stdout.splitlines()
    assert any(re.match(rf"(FAILED|ERROR) {re.escape(test)}\b", line) for line in ended)
    must_run = f"{REQUIRE_PROGRAMS_ENV}=1: this test must run"
    assert finished.stdout.count(must_run) >= len(NEEDS), finished.stdout
