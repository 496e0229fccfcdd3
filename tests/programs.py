"""Programs some tests need that pip does not install (Syncthing, Chromium and its driver).

On a laptop without one, its tests are skipped, saying what to install. CI sets
INFOCOACH_REQUIRE_PROGRAMS=1 (see `.ci/run`), and there a missing program fails the test
instead: what was never proven must not pass as a skip."""

from __future__ import annotations

import os
import shutil

import pytest

REQUIRE_PROGRAMS_ENV = "INFOCOACH_REQUIRE_PROGRAMS"


def program_missing(why: str) -> None:
    """Skip the test for `why` (what is missing and how to install it), or fail it under CI."""
    if os.environ.get(REQUIRE_PROGRAMS_ENV) == "1":
        pytest.fail(f"{why} ({REQUIRE_PROGRAMS_ENV}=1: this test must run)", pytrace=False)
    pytest.skip(why)


def require_programs(*programs: str, install: str) -> None:
    """Go on only where every one of `programs` is on PATH; `install` says how to get them."""
    missing = [program for program in programs if shutil.which(program) is None]
    if missing:
        program_missing(f"needs {' and '.join(missing)}: {install}")
