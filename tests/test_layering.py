"""The house's layering, proven: the import-linter contracts in pyproject.toml hold, and no
module outside `tui` pulls in Textual or Rich when imported on its own."""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import infocoach

ROOT = Path(__file__).resolve().parent.parent
BELOW_THE_UI = ("core", "guidance", "data", "exchange", "cli")
CHECK = """
import importlib, sys
importlib.import_module(sys.argv[1])
assert sys.argv[1] in sys.modules
print(" ".join(sorted(name for name in sys.modules if name.split(".")[0] in ("textual", "rich"))))
print(" ".join(sorted(name for name in sys.modules if name.startswith("infocoach.tui"))))
"""


def _modules(package: str) -> list[str]:
    folder = Path(infocoach.__file__).parent / package
    return [f"infocoach.{package}.{info.name}" for info in pkgutil.iter_modules([str(folder)])]


def test_the_import_contracts_hold() -> None:
    linter = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert linter, "import-linter is a test dependency"
    result = subprocess.run(
        [linter, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("module", [m for p in BELOW_THE_UI for m in _modules(p)])
def test_below_the_ui_nothing_loads_textual_rich_or_tui(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK, module], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    toolkit, tui = [*result.stdout.split("\n"), "", ""][:2]
    assert toolkit.strip() == "", f"{module} imports {toolkit.strip()}"
    assert tui.strip() == "", f"{module} imports {tui.strip()}"


def test_the_check_would_notice_rich() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK, "rich.text"], capture_output=True, text=True, timeout=60
    )
    assert "rich.text" in result.stdout.split()


def test_every_package_of_the_house_is_there() -> None:
    found = {info.name for info in pkgutil.iter_modules(infocoach.__path__) if info.ispkg}
    assert found == {*BELOW_THE_UI, "tui"}
