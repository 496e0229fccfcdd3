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


def run_without_programs(test: str, required: bool) -> subprocess.CompletedProcess[str]:
    """`test` with only this Python's own folder on PATH: no syncthing, chromium or driver."""
    environment = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    environment.pop(REQUIRE_PROGRAMS_ENV, None)
    if required:
        environment[REQUIRE_PROGRAMS_ENV] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "0", "-q", "-rsE", test],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("test", NEEDS)
def test_without_the_program_the_test_skips_saying_what_to_install(
    test: str,
) -> None:
    finished = run_without_programs(test, required=False)
    assert finished.returncode == 0, finished.stdout
    assert "1 skipped" in finished.stdout
    assert NEEDS[test] in " ".join(finished.stdout.split())


@pytest.mark.parametrize("test", NEEDS)
def test_where_programs_are_required_a_missing_one_fails(test: str) -> None:
    finished = run_without_programs(test, required=True)
    assert finished.returncode == 1, finished.stdout
    assert re.search(r"\b1 (failed|error)\b", finished.stdout)  # an error: in a fixture
    assert f"{REQUIRE_PROGRAMS_ENV}=1: this test must run" in finished.stdout
