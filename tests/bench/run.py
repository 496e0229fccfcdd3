"""The infocoach benchmark: first frame, filter keystrokes, saves and memory, against a bare app.

Run from the repository root:  python tests/bench/run.py
(--sizes 100 1000 --runs 3 for a quicker look; --output FILE to write the table elsewhere).
Timings are ratios to a bare Textual app (Header, Static, Footer) measured in the same run,
alternating the two, because this machine is shared and absolute times are noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from tests.bench.datagen import write_data_file  # noqa: E402

SIZES = (100, 1_000, 10_000, 100_000)
TARGETS = {
    "first_frame_10000": 1.3,
    "first_frame_100000": 2.0,
    "filter_p95_ms_10000": 16.0,
    "save_ms_10000": 50.0,
    "memory_extra_mb_10000": 40.0,
}


def probe(kind: str, data_dir: Path) -> tuple[float, float]:
    """Seconds from process start to first frame, and peak memory in MB, of one child."""
    env = {**os.environ, "INFOCOACH_CONFIG_DIR": str(data_dir / "config")}
    started = time.time()
    result = subprocess.run(
        [sys.executable, str(HERE / "probe.py"), kind, str(data_dir)],
        capture_output=True, text=True, env=env, timeout=300, check=True,
    )  # fmt: skip
    stamp, peak_kb = result.stdout.split()[-2:]
    return float(stamp) - started, int(peak_kb) / 1024


def first_frames(data_dir: Path, runs: int) -> dict[str, float]:
    bare, ours, bare_mem, our_mem = [], [], [], []
    for _ in range(runs):  # alternate, so both see the same machine load
        seconds, memory = probe("bare", data_dir)
        bare.append(seconds)
        bare_mem.append(memory)
        seconds, memory = probe("infocoach", data_dir)
        ours.append(seconds)
        our_mem.append(memory)
    return {
        "bare_s": statistics.median(bare),
        "app_s": statistics.median(ours),
        "ratio": statistics.median(ours) / statistics.median(bare),
        "bare_mb": max(bare_mem),
        "app_mb": max(our_mem),
    }


async def filter_keystrokes(data_file: Path, keys: str) -> list[float]:
    """Milliseconds from each keystroke in the contact filter to the list redrawn."""
    from infocoach.data.store import Store
    from infocoach.guidance.loader import load_guidance
    from infocoach.tui.app import InfoCoachApp
    from infocoach.tui.widgets.contacts import ContactsPane

    app = InfoCoachApp(Store(data_file), load_guidance(), remember_settings=False)
    timings = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        pane = app.screen.query_one(ContactsPane)
        for key in keys:
            value = pane.filter_input.value
            started = time.perf_counter()
            pane.filter_input.value = value + key if key != "⌫" else value[:-1]
            await pilot.pause()
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def saves(data_file: Path, runs: int) -> list[float]:
    """Milliseconds to save one edit, fsync included."""
    from infocoach.data.store import Store

    store = Store(data_file)
    contact_id = store.contacts()[0].id
    timings = []
    for run in range(runs):
        started = time.perf_counter()
        store.update_contact(contact_id, notes=f"edited {run}")
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def machine() -> str:
    import textual
    import tinydb

    return (
        f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Textual {textual.__version__}, TinyDB {tinydb.__version__}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=5, help="first-frame runs per size")
    parser.add_argument("--output", type=Path, default=HERE / "results.md")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory(prefix="infocoach-bench-") as folder:
        for size in args.sizes:
            data_dir = Path(folder) / str(size)
            data_file = write_data_file(data_dir, size)
            frames = first_frames(data_dir, args.runs)
            keys = asyncio.run(filter_keystrokes(data_file, "maya ok⌫⌫⌫⌫⌫⌫⌫dan"))
            save = saves(data_file, max(5, args.runs * 2))
            row = {
                "size": size,
                "file_mb": data_file.stat().st_size / 1e6,
                **frames,
                "filter_p50": statistics.median(keys),
                "filter_p95": percentile(keys, 0.95),
                "save_ms": statistics.median(save),
            }
            rows.append(row)
            print(format_row(row), flush=True)
    table = render(rows, args.runs)
    args.output.write_text(table + kept_analysis(args.output), encoding="utf-8")
    print(f"\nwritten to {args.output}")


HEADER = (
    "| contacts | file MB | first frame bare s | app s | ratio | filter p50 ms | filter p95 ms "
    "| save ms | bare MB | app MB | extra MB |\n"
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def format_row(row: dict) -> str:
    return (
        f"| {row['size']:,} | {row['file_mb']:.1f} | {row['bare_s']:.3f} | {row['app_s']:.3f} "
        f"| {row['ratio']:.2f}x | {row['filter_p50']:.1f} | {row['filter_p95']:.1f} "
        f"| {row['save_ms']:.1f} | {row['bare_mb']:.0f} | {row['app_mb']:.0f} "
        f"| {row['app_mb'] - row['bare_mb']:.0f} |"
    )


def target_lines(rows: list[dict]) -> list[str]:
    """Each target with what this run measured, and whether it was met."""
    by_size = {row["size"]: row for row in rows}
    checks = [
        ("First frame, 10,000 contacts", 10_000, "ratio", TARGETS["first_frame_10000"], "x bare"),
        ("First frame, 100,000 contacts", 100_000, "ratio", TARGETS["first_frame_100000"],
         "x bare"),
        ("Filter keystroke p95, 10,000", 10_000, "filter_p95", TARGETS["filter_p95_ms_10000"],
         " ms"),
        ("Save an edit (fsync included), 10,000", 10_000, "save_ms", TARGETS["save_ms_10000"],
         " ms"),
        ("Peak memory over the bare app, 10,000", 10_000, None,
         TARGETS["memory_extra_mb_10000"], " MB"),
    ]  # fmt: skip
    lines = ["| target | limit | measured | met |", "|---|---:|---:|:---:|"]
    for title, size, key, limit, unit in checks:
        row = by_size.get(size)
        if row is None:
            continue
        value = row["app_mb"] - row["bare_mb"] if key is None else row[key]
        lines.append(f"| {title} | {limit:g}{unit} | {value:.2f}{unit} | "
                     f"{'yes' if value <= limit else 'no'} |")  # fmt: skip
    return lines


ANALYSIS_HEADING = "## Analysis"


def kept_analysis(path: Path) -> str:
    """The hand-written analysis below the tables survives a new run."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    start = text.find(ANALYSIS_HEADING)
    return "\n" + text[start:] if start >= 0 else ""


def render(rows: list[dict], runs: int) -> str:
    lines = [
        "# infocoach benchmark results",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} on {machine()}.",
        f"First frame: median of {runs} runs per size, bare app and infocoach alternating.",
        "",
        HEADER,
        *(format_row(row) for row in rows),
        "",
        "## Targets",
        "",
        *target_lines(rows),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
