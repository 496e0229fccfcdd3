"""The benchmark itself must keep working: run its smallest size (no timing asserted)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from infocoach.data.migrations import SCHEMA_VERSION
from infocoach.data.repositories import Store
from tests.bench.datagen import write_data_file

ROOT = Path(__file__).resolve().parent.parent


def test_generated_data_is_in_the_current_schema(tmp_path: Path) -> None:
    path = write_data_file(tmp_path, 100)
    before = path.read_bytes()
    assert json.loads(before)["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    store = Store(path)
    assert store.contact_count() == 100
    assert not store.unsaved
    assert path.read_bytes() == before  # nothing to migrate, nothing rewritten


def run_bench(tmp_path: Path, *options: str) -> str:
    output = tmp_path / "results.md"
    output.write_text("# old\n\n## Analysis\n\nKept by hand.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tests.bench.run", "--quick", "--output", str(output), *options],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    text = output.read_text(encoding="utf-8")
    assert "Textual" in text and text.rstrip().endswith("Kept by hand.")
    for heading in (
        "## First frame and peak memory",
        "## Key latency, 100 contacts",
        "## Save of one edit",
        "## Commands, 100 contacts",
        "## Targets",
    ):
        assert heading in text
    return text


def cells(text: str, first: str, count: int = 2) -> list[str]:
    """The cells of the table row that starts with `first` and has `count` cells."""
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith(f"| {first} |")
    ]
    (row,) = [row for row in rows if len(row) == count]
    return row


def check_common(text: str) -> None:
    frame = cells(text, "100", 8)
    assert float(frame[2]) > 0 and float(frame[3]) > 0  # both apps reached a first frame
    assert float(frame[4].removesuffix("x")) > 0
    assert float(frame[6]) > float(frame[5]) * 0.5 > 0  # peak memory of each, in MB
    saves = cells(text, "100", 4)
    assert int(saves[1]) > 0 and 0 < float(saves[2]) <= float(saves[3])
    for command in ("infocoach list --json", "infocoach agenda", "infocoach stats"):
        assert float(cells(text, command)[1]) > 0
    assert "| First frame, 100 contacts | 1.3x bare |" in text


def check_latency(text: str, *rows: str) -> None:
    for title in rows:
        row = next(line for line in text.splitlines() if line.startswith(f"| {title}"))
        count, p50, p95, top = (cell.strip() for cell in row.strip("|").split("|")[1:5])
        assert int(count) > 0, row
        assert 0 < float(p50) <= float(p95) <= float(top), row


@pytest.mark.slow
def test_quick_benchmark_without_a_terminal(tmp_path: Path) -> None:
    text = run_bench(tmp_path)
    assert "headless" in text
    check_common(text)
    check_latency(text, "Typing in the filter", "Down held (")


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("tmux") is None,
    reason="tmux is not installed: the real-terminal mode cannot run (the headless one still does)",
)
def test_quick_benchmark_in_tmux(tmp_path: Path) -> None:
    text = run_bench(tmp_path, "--terminal", "tmux")
    assert "tmux, 120x40" in text
    check_common(text)
    check_latency(text, "Typing in the filter", "Down held (", "Down pressed alone")


def test_a_key_counts_until_the_frame_after_the_list_changed(tmp_path: Path) -> None:
    from tests.bench.run import latencies, read_log

    log = tmp_path / "latency.log"
    log.write_text(
        "key down 1.000 1.002\n"  # read at 1.000, dispatched at 1.002
        "frame 1.003 1.004\n"  # a frame before the list changed: not this key's
        "change 1.005\n"
        "update 1.006 1.012\n"
        "frame 1.010 1.011\n"  # the frame with the redrawn list
        "key f12 1.100 1.100\n"  # other keys are left out when one is asked for
        "save 1.100 1.200\n",
        encoding="utf-8",
    )
    ((arrived, ms, parts),) = latencies(read_log(log), 0.0, 2.0, key="down")
    assert arrived == 1.0 and round(ms, 3) == 11.0
    assert [round(part, 3) for part in parts] == [2.0, 3.0, 1.0, 5.0]
