"""The benchmark itself must keep working: run its smallest size once (no timing asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_benchmark_runs_at_its_smallest_size(tmp_path: Path) -> None:
    output = tmp_path / "results.md"
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "bench" / "run.py"),
         "--sizes", "100", "--runs", "1", "--output", str(output)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    table = output.read_text(encoding="utf-8")
    assert "| contacts |" in table and "Textual" in table
    (row,) = [line for line in table.splitlines() if line.startswith("| 100 |")]
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert len(cells) == 11
    assert float(cells[2]) > 0 and float(cells[3]) > 0  # both apps reached a first frame
    assert cells[4].endswith("x")
