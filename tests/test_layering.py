"""The foundation never pulls in the UI toolkit: importing it leaves out Textual and Rich."""

from __future__ import annotations

import subprocess
import sys

import pytest

FOUNDATION = [
    "infocoach.store",
    "infocoach.storage",
    "infocoach.content",
    "infocoach.models",
    "infocoach.migrations",
    "infocoach.cli",
    "infocoach.timing",
    "infocoach.pacing",
    "infocoach.practice",
    "infocoach.calls",
    "infocoach.settings",
    "infocoach.pipeline",
    "infocoach.agenda",
    "infocoach.outreach_check",
    "infocoach.referrals",
    "infocoach.placeholders",
    "infocoach.commands.log",
    "infocoach.commands.agenda",
    "infocoach.importers",
    "infocoach.exporters",
    "infocoach.transfer",
    "infocoach.commands.transfer",
    "infocoach.insights",
    "infocoach.commands.stats",
]
CHECK = """
import importlib, sys
importlib.import_module(sys.argv[1])
assert sys.argv[1] in sys.modules
print(" ".join(sorted(name for name in sys.modules if name.split(".")[0] in ("textual", "rich"))))
"""


@pytest.mark.parametrize("module", FOUNDATION)
def test_importing_the_foundation_loads_no_ui(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK, module], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{module} imports {result.stdout.strip()}"


def test_the_check_would_notice_rich() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK, "rich.text"], capture_output=True, text=True, timeout=60
    )
    assert "rich.text" in result.stdout.split()
