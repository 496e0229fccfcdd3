"""The infocoach benchmark (issue #16): first frame, key latency, saves, memory and commands.

Run from the repository root:

    python -m tests.bench.run            everything, in tmux (a few minutes on 2 cores)
    python -m tests.bench.run --quick    the smallest size only, without a terminal (CI)

--sizes/--runs/--output change what is measured and where the results go; --terminal tmux|headless
chooses how the apps run. The results file keeps its hand-written "## Analysis" section.

How each number is taken:
- First frame: the app starts in a real terminal (a tmux pane of 120x40 on a private tmux
  server) and `tmux capture-pane -p` is polled until the contact list is drawn: the "Contacts · N"
  title and the first contact's name both on screen. The bare Textual app (bare_app.py: Header,
  Static, Footer) is polled until its text is on screen. The two alternate, median of --runs.
  The headless mode (no tmux) measures instead in-process until the first idle after the first
  frame (`App.run(headless=True)`): only a smoke test of the same code path.
- Peak memory: VmHWM of the app's process once it is idle after its first frame (no CPU used
  for 0.3 s), the largest over the runs; same for the bare app.
- Key latency (tmux only): the app runs with probe.py's latency log; keys are sent with
  `tmux send-keys` at a human pace, and each key's latency is from the moment the driver read
  it to the end of the first frame written after the contact list changed (see probe.py).
  The headless mode times `pilot.press` to the next idle instead.
- Save: `Store.flush()` of one edit (encode, write to a temporary file, fsync, rename), in
  this process, median of --saves.
- Commands: `infocoach list --json`, `agenda` and `stats`, wall time of the subprocess,
  median of 3 (Python's own start-up, `python -c pass`, is given for scale).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import itertools
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.bench.bare_app import TEXT as BARE_TEXT  # noqa: E402
from tests.bench.datagen import write_data_file  # noqa: E402
from tests.bench.probe import SAVE_KEY, peak_memory_kb  # noqa: E402

SIZES = (100, 10_000, 30_000, 100_000)
LATENCY_SIZE = 30_000  # the size the key, save and command targets are set at
WIDTH, HEIGHT = 120, 40
# between two `tmux capture-pane` calls (each ~2.5 ms, 2 ms of CPU): fine enough to time a
# first frame of 0.3 s, without taking much of a core from the app being measured
POLL_GAP = 0.010
FILTER_TEXT = "maya okafor"  # typed, erased (backspace) and typed again: ~40 keys
FILTER_KEYS = [*FILTER_TEXT, *["backspace"] * 11, *"daniel reyes", *["backspace"] * 6]
TYPING_GAP = 0.12  # s between keys typed in the filter (a quick typist)
REPEAT_GAP = 1 / 30  # s between keys while Down is held (a keyboard's repeat rate)
DOWN_KEYS = 100
PACED_KEYS, PACED_GAP = 20, 0.25  # Down pressed one at a time: the cost of one move alone
SAVES_WITH_KEYS = 6  # saves started while Down is held
KEYS_PER_SAVE = 30


@dataclass
class Results:
    """Everything one run measured, by size (contacts)."""

    mode: str
    runs: int
    frames: dict[int, dict[str, float]] = field(default_factory=dict)
    latency_size: int | None = None
    latency: dict[str, list[float]] = field(default_factory=dict)
    saves: dict[int, list[float]] = field(default_factory=dict)
    commands_size: int | None = None
    commands: dict[str, float] = field(default_factory=dict)
    commands_runs: int = 3


# -- the terminal ------------------------------------------------------------------------


class Tmux:
    """A private tmux server with one 120x40 pane the apps run in, one at a time."""

    def __init__(self) -> None:
        self.socket = f"infocoach-bench-{os.getpid()}"
        self.run("new-session", "-d", "-s", "bench", "-x", str(WIDTH), "-y", str(HEIGHT))
        self.run("set-option", "-g", "remain-on-exit", "on")
        self.pid: int | None = None

    def run(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        ).stdout

    def start(self, command: list[str], env: dict[str, str]) -> None:
        """Run `command` in the pane (replacing what ran there)."""
        self.stop()
        settings = " ".join(f"{name}={shlex.quote(value)}" for name, value in env.items())
        line = f"exec env {settings} {shlex.join(command)}"
        self.run("respawn-pane", "-k", "-t", "bench", line)
        self.pid = int(self.run("display-message", "-p", "-t", "bench", "#{pane_pid}"))

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "bench")

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "bench", *keys)

    def stop(self) -> None:
        """End the process this bench started in the pane (by its id), and wait for it."""
        if self.pid is None:
            return
        with suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while Path(f"/proc/{self.pid}/stat").exists() and time.monotonic() < deadline:
            state = _proc_stat(self.pid)
            if state and state[1] == "Z":  # exited; tmux reaps it
                break
            time.sleep(0.01)
        self.pid = None

    def close(self) -> None:
        self.stop()
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
        folder = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (folder / self.socket).unlink(missing_ok=True)  # tmux may leave its socket behind


def _proc_stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return [text[: text.rfind(")") + 1], *text[text.rfind(")") + 2 :].split()]


def cpu_ticks(pid: int) -> int | None:
    fields = _proc_stat(pid)
    return int(fields[12]) + int(fields[13]) if fields else None  # utime + stime


def wait_until_idle(pid: int, quiet: float = 0.3, limit: float = 15.0) -> None:
    """Until the process used no CPU for `quiet` seconds (work after the first frame done)."""
    deadline = time.monotonic() + limit
    last, still_since = cpu_ticks(pid), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        ticks = cpu_ticks(pid)
        if ticks is None:
            return
        if ticks != last:
            last, still_since = ticks, time.monotonic()
        elif time.monotonic() - still_since >= quiet:
            return


def wait_for(tmux: Tmux, drawn: Callable[[str], bool], limit: float = 120.0) -> float:
    """Poll the pane until `drawn(screen)`; the time it was seen (perf_counter)."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        if drawn(tmux.screen()):
            return time.perf_counter()
        time.sleep(POLL_GAP)
    raise TimeoutError(f"not drawn within {limit:.0f} s:\n{tmux.screen()}")


# The children import infocoach from this tree, not from wherever the `infocoach` script's
# own environment installed it (an editable install of another checkout)
TREE = {"PYTHONPATH": str(ROOT)}


def infocoach_command() -> list[str]:
    script = Path(sys.executable).parent / "infocoach"
    return [str(script)] if script.exists() else [sys.executable, "-m", "infocoach"]


def list_drawn(title: str, first_name: str) -> Callable[[str], bool]:
    """Whether a screen shows the contact list: its title, and the first contact's name on the
    line below it (not only in the header, which names the selected contact)."""

    def drawn(screen: str) -> bool:
        lines = screen.splitlines()
        pairs = itertools.pairwise(lines)
        return any(title in line and first_name in below for line, below in pairs)

    return drawn


@functools.lru_cache
def expected_screen(data_file: Path) -> tuple[str, str]:
    """The list's title and its first contact, as the app should draw them. Opening the file
    with the store also proves it is valid in the current schema."""
    from infocoach.data.repositories import Store

    store = Store(data_file, read_only=True)
    contacts = store.contacts()
    return f"Contacts · {len(contacts):,}", contacts[0].name


def frames_in_tmux(tmux: Tmux, data_dir: Path, data_file: Path, runs: int) -> dict[str, float]:
    title, first_name = expected_screen(data_file)
    bare_cmd = [sys.executable, str(HERE / "bare_app.py")]
    env = {
        **TREE,
        "INFOCOACH_DATA_DIR": str(data_dir),
        "INFOCOACH_CONFIG_DIR": str(data_dir / "config-frames"),
    }
    timings: dict[str, list[float]] = {"bare": [], "app": []}
    memory: dict[str, list[int]] = {"bare": [], "app": []}
    for _ in range(runs):  # alternate, so both see the same machine load
        for kind, command, drawn in (
            ("bare", bare_cmd, lambda screen: BARE_TEXT in screen),
            ("app", infocoach_command(), list_drawn(title, first_name)),
        ):
            started = time.perf_counter()
            tmux.start(command, env)
            timings[kind].append(wait_for(tmux, drawn) - started)
            assert tmux.pid is not None
            wait_until_idle(tmux.pid)
            memory[kind].append(peak_memory_kb(tmux.pid))
            tmux.stop()
    return summary(timings, memory)


def summary(timings: dict[str, list[float]], memory: dict[str, list[int]]) -> dict[str, float]:
    """Medians; the ratio is the median of each run's ratio to the bare run just before it,
    which follows the machine's load better than a ratio of two medians.

    The first run of the app finds no first screen kept beside the data file (see
    `infocoach.data.first_screen`): it reads the file before drawing, and keeps one; the
    runs after it draw from that. The first is given apart ("cold"); the medians are of
    the others (of all, with a single run)."""
    pairs = [app / bare for bare, app in zip(timings["bare"], timings["app"], strict=True)]
    warm = slice(1, None) if len(pairs) > 1 else slice(None)
    return {
        "bare_s": statistics.median(timings["bare"]),
        "app_s": statistics.median(timings["app"][warm]),
        "ratio": statistics.median(pairs[warm]),
        "cold_s": timings["app"][0],
        "cold_ratio": pairs[0],
        "bare_mb": max(memory["bare"]) / 1024,
        "app_mb": max(memory["app"]) / 1024,
    }


def frames_headless(data_dir: Path, runs: int) -> dict[str, float]:
    env = {**os.environ, **TREE, "INFOCOACH_CONFIG_DIR": str(data_dir / "config-frames")}
    timings: dict[str, list[float]] = {"bare": [], "app": []}
    memory: dict[str, list[int]] = {"bare": [], "app": []}
    for _ in range(runs):
        for kind in ("bare", "app"):
            started = time.time()
            result = subprocess.run(
                [
                    sys.executable,
                    str(HERE / "probe.py"),
                    "headless",
                    "bare" if kind == "bare" else "infocoach",
                    str(data_dir),
                ],
                capture_output=True,
                text=True,
                env=env,
                timeout=300,
                check=True,
            )
            stamp, peak_kb = result.stdout.split()[-2:]
            timings[kind].append(float(stamp) - started)
            memory[kind].append(int(peak_kb))
    return summary(timings, memory)


# -- key latency -------------------------------------------------------------------------


def read_log(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    entries: dict[str, list[tuple[Any, ...]]] = {
        "key": [],
        "change": [],
        "frame": [],
        "save": [],
        "update": [],
    }
    for line in path.read_text(encoding="utf-8").splitlines():
        kind, *values = line.split()
        if kind == "key":
            entries["key"].append((values[0], float(values[1]), float(values[2])))
        elif kind in entries:
            entries[kind].append(tuple(float(value) for value in values))
    return entries


def latencies(
    log: dict[str, list[tuple[Any, ...]]], since: float, until: float, key: str | None = None
) -> list[tuple[float, float, tuple[float, ...]]]:
    """(arrival, ms to the redrawn list, where the ms went) of each key that arrived in
    [since, until). Where they went: waiting in the app's queue, handling until the list asked
    to be repainted, until the screen's refresh tick began (other handlers, the tick's timer),
    and that tick (layout, render, write)."""
    changes = [entry[0] for entry in log["change"]]
    frames = log["frame"]
    updates = log["update"]
    found = []
    for name, arrived, dispatched in log["key"]:
        if not since <= arrived < until or (key is not None and name != key):
            continue
        change = next((t for t in changes if t >= dispatched), None)
        if change is None:
            continue
        frame = next(((start, end) for start, end in frames if start >= change), None)
        if frame is None:
            continue
        ticks = (start for start, end in updates if start >= change and end >= frame[1])
        tick = next(ticks, frame[0])
        parts = (dispatched - arrived, change - dispatched, tick - change, frame[1] - tick)
        found.append((arrived, (frame[1] - arrived) * 1000, tuple(p * 1000 for p in parts)))
    return found


def settle(path: Path, keys: int, saves: int = 0, limit: float = 60.0) -> None:
    """Until the app logged `keys` keys and `saves` saves, and wrote a frame after the last key
    (the log alone tells: a blinking text cursor keeps writing frames, so "quiet" never comes)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        log = read_log(path) if path.exists() else {"key": [], "save": [], "frame": []}
        if (
            len(log["key"]) >= keys
            and len(log["save"]) >= saves
            and log["frame"]
            and log["frame"][-1][0] > log["key"][-1][2]
        ):
            time.sleep(0.2)
            return
        time.sleep(0.05)
    raise TimeoutError(f"the app did not answer {keys} keys and {saves} saves in {limit:.0f} s")


def type_keys(tmux: Tmux, keys: list[str], gap: float) -> int:
    """Send `keys` `gap` seconds apart; how many were sent."""
    names = {"backspace": "BSpace", " ": "Space", "down": "Down", SAVE_KEY: "F12"}
    for key in keys:
        started = time.perf_counter()
        tmux.keys(names.get(key, key))
        time.sleep(max(0.0, gap - (time.perf_counter() - started)))
    return len(keys)


def latency_in_tmux(
    tmux: Tmux, data_dir: Path, data_file: Path, share: float = 1.0
) -> dict[str, list[float]]:
    """Filter typing, Down held, Down pressed alone, and Down held while the writer saves: ms
    per key. `share` < 1 sends that share of the keys (--quick)."""

    def some(count: int) -> int:
        return max(2, round(count * share))

    title, first_name = expected_screen(data_file)
    log_path = data_dir / "latency.log"
    log_path.unlink(missing_ok=True)
    env = {
        **TREE,
        "INFOCOACH_DATA_DIR": str(data_dir),
        "INFOCOACH_CONFIG_DIR": str(data_dir / "config-latency"),
        "INFOCOACH_BENCH_LOG": str(log_path),
    }
    tmux.start([sys.executable, str(HERE / "probe.py"), "tty", str(data_dir)], env)
    try:
        wait_for(tmux, list_drawn(title, first_name))
        assert tmux.pid is not None
        wait_until_idle(tmux.pid)
        clock = time.monotonic
        sent = type_keys(tmux, ["/"], 0.5)
        settle(log_path, sent)

        since = clock()
        sent += type_keys(tmux, FILTER_KEYS[: some(len(FILTER_KEYS))], TYPING_GAP)
        settle(log_path, sent)
        filter_window = (since, clock())
        sent += type_keys(tmux, ["Escape"], 0.5)  # clear the filter: the list has the keys
        settle(log_path, sent)

        since = clock()
        sent += type_keys(tmux, ["down"] * some(DOWN_KEYS), REPEAT_GAP)
        settle(log_path, sent)
        down_window = (since, clock())

        since = clock()
        sent += type_keys(tmux, ["down"] * some(PACED_KEYS), PACED_GAP)
        settle(log_path, sent)
        paced_window = (since, clock())

        since = clock()
        for saves in range(1, some(SAVES_WITH_KEYS) + 1):
            sent += type_keys(tmux, [SAVE_KEY], 0)
            sent += type_keys(tmux, ["down"] * some(KEYS_PER_SAVE), REPEAT_GAP)
            settle(log_path, sent, saves)
        save_window = (since, clock())
    finally:
        tmux.stop()
    log = read_log(log_path)
    saving = [(start, end) for start, end in log["save"] if save_window[0] <= start]
    held = latencies(log, *save_window, key="down")
    during = [found for found in held if any(s <= found[0] < e for s, e in saving)]
    groups = {
        "filter": latencies(log, *filter_window),
        "down": latencies(log, *down_window, key="down"),
        "down_paced": latencies(log, *paced_window, key="down"),
        "during_save": during,
    }
    measured: dict[str, list[float]] = {
        name: [ms for _, ms, _ in found] for name, found in groups.items()
    }
    for name, found in groups.items():
        for part, title in enumerate(PARTS):
            measured[f"{name}/{title}"] = [parts[part] for _, _, parts in found]
    measured["saves_seen"] = [(end - start) * 1000 for start, end in saving]
    return measured


PARTS = ("queued", "handling", "to tick", "tick")


async def latency_headless(data_file: Path) -> dict[str, list[float]]:
    """pilot.press to the next idle, in-process (no terminal, so no frame is written)."""
    from infocoach.data.repositories import Store
    from infocoach.guidance.loader import load_guidance
    from infocoach.tui.app import InfoCoachApp

    app = InfoCoachApp(Store(data_file), load_guidance(), remember_settings=False)
    found: dict[str, list[float]] = {"filter": [], "down": [], "during_save": [], "saves_seen": []}
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        for key in FILTER_KEYS[:8]:  # a smoke test: a few keys of each
            started = time.perf_counter()
            await pilot.press("space" if key == " " else key)
            await pilot.pause()
            found["filter"].append((time.perf_counter() - started) * 1000)
        await pilot.press("escape")
        await pilot.pause()
        for _ in range(6):
            started = time.perf_counter()
            await pilot.press("down")
            await pilot.pause()
            found["down"].append((time.perf_counter() - started) * 1000)
    return found


# -- saves and commands ------------------------------------------------------------------


def saves(data_file: Path, count: int) -> list[float]:
    """Milliseconds of `Store.flush()` after one edit, fsync included."""
    from infocoach.data.repositories import Store

    work = data_file.with_name("saves.json")
    shutil.copyfile(data_file, work)
    store = Store(work)
    contact = store.contacts()[0]
    timings = []
    writer = store.save_in_background(lambda state: None)
    writer.stop()  # changes are then saved only when this bench flushes
    for run in range(count):
        store.update_contact(contact.id, notes=f"edited {run}")
        started = time.perf_counter()
        saved = store.flush()
        timings.append((time.perf_counter() - started) * 1000)
        assert saved
    return timings


COMMANDS = {
    "python -c pass (for scale)": [sys.executable, "-c", "pass"],
    "infocoach list --json": [*infocoach_command(), "list", "--json"],
    "infocoach agenda": [*infocoach_command(), "agenda"],
    "infocoach stats": [*infocoach_command(), "stats"],
}


def commands(data_dir: Path, runs: int = 3) -> dict[str, float]:
    env = {
        **os.environ,
        **TREE,
        "INFOCOACH_DATA_DIR": str(data_dir),
        "INFOCOACH_CONFIG_DIR": str(data_dir / "config-cli"),
    }
    found = {}
    for title, command in COMMANDS.items():
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
            timings.append(time.perf_counter() - started)
        found[title] = statistics.median(timings)
    return found


# -- the results file --------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def machine() -> str:
    import textual
    import tinydb

    from infocoach import __version__

    return (
        f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Textual {textual.__version__}, TinyDB {tinydb.__version__}, infocoach {__version__}"
        + (f", tmux {tmux_version()}" if shutil.which("tmux") else "")
    )


def tmux_version() -> str:
    result = subprocess.run(["tmux", "-V"], capture_output=True, text=True)
    return result.stdout.strip().removeprefix("tmux ")


TARGETS: list[tuple[str, str, int, float, str]] = [
    # title, measurement, size, limit, unit
    ("First frame, 100 contacts", "frame", 100, 1.3, "x bare"),
    ("First frame, 10,000 contacts", "frame", 10_000, 1.3, "x bare"),
    ("First frame, 30,000 contacts", "frame", 30_000, 1.3, "x bare"),
    ("First frame, 100,000 contacts", "frame", 100_000, 2.0, "x bare"),
    ("Filter keystroke p95, 30,000", "filter", 30_000, 16.0, " ms"),
    ("Cursor move (Down held) p95, 30,000", "down", 30_000, 16.0, " ms"),
    ("Keys during a save p95, 30,000", "during_save", 30_000, 16.0, " ms"),
    ("Save of one edit (fsync included), 30,000", "save", 30_000, 100.0, " ms"),
    ("Peak memory over the bare app, 30,000", "memory", 30_000, 60.0, " MB"),
    ("infocoach list --json, 30,000", "infocoach list --json", 30_000, 0.5, " s"),
    ("infocoach agenda, 30,000", "infocoach agenda", 30_000, 0.5, " s"),
    ("infocoach stats, 30,000", "infocoach stats", 30_000, 0.5, " s"),
]


def target_value(results: Results, what: str, size: int) -> float | None:
    frame = results.frames.get(size)
    if what == "frame":
        return frame["ratio"] if frame else None
    if what == "memory":
        return frame["app_mb"] - frame["bare_mb"] if frame else None
    if what == "save":
        return percentile(results.saves[size], 0.5) if size in results.saves else None
    if what in results.commands:
        return results.commands[what] if results.commands_size == size else None
    if results.latency_size == size and results.latency.get(what):
        return percentile(results.latency[what], 0.95)
    return None


def render(results: Results) -> str:
    tmux = results.mode == "tmux"
    lines = [
        "# infocoach benchmark results",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} on {machine()}.",
        "Command: `python -m tests.bench.run"
        + ("" if tmux and sorted(results.frames) == list(SIZES) else " (a partial run)")
        + "`. Mode: "
        + (
            f"a real terminal (tmux, {WIDTH}x{HEIGHT}), polling `tmux capture-pane -p`."
            if tmux
            else "headless, in-process (a smoke test: these numbers are not the targets')."
        ),
        "How each number is taken: the docstrings of tests/bench/run.py and probe.py.",
        "",
        "## First frame and peak memory",
        "",
        f"{results.runs} runs per size, the bare app (Header, Static, Footer) and infocoach "
        "alternating; the ratio is the median of each infocoach run over the bare run just "
        "before it. infocoach's first run finds no first screen kept beside the data file "
        "(it reads the file first, then keeps one): it is given in the next table, and the "
        "medians here are of the runs after it. Memory is the peak (VmHWM) once idle after the "
        "first frame (the whole file read by then).",
        "",
        "| contacts | file MB | bare s | infocoach s | ratio | bare MB | infocoach MB | extra MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, row in sorted(results.frames.items()):
        lines.append(
            f"| {size:,} | {row['file_mb']:.1f} | {row['bare_s']:.3f} | {row['app_s']:.3f} "
            f"| {row['ratio']:.2f}x | {row['bare_mb']:.0f} | {row['app_mb']:.0f} "
            f"| {row['app_mb'] - row['bare_mb']:.0f} |"
        )
    lines += [
        "",
        "First start, before a first screen is kept (the first start after a change saved by "
        "another program: the command line, another machine):",
        "",
        "| contacts | infocoach s | ratio |",
        "|---:|---:|---:|",
        *(
            f"| {size:,} | {row['cold_s']:.3f} | {row['cold_ratio']:.2f}x |"
            for size, row in sorted(results.frames.items())
        ),
    ]
    titles = {
        "filter": f"Typing in the filter ({TYPING_GAP * 1000:.0f} ms apart)",
        "down": f"Down held ({1 / REPEAT_GAP:.0f} keys/s)",
        "down_paced": f"Down pressed alone ({PACED_GAP * 1000:.0f} ms apart)",
        "during_save": "Down held while the writer thread saves",
        "saves_seen": "(the saves those keys met, ms each)",
    }
    if results.latency_size is not None:
        how = (
            "key read by the driver -> the frame with the redrawn list written to the terminal"
            if tmux
            else "pilot.press -> next idle, in-process"
        )
        lines += [
            "",
            f"## Key latency, {results.latency_size:,} contacts",
            "",
            f"Milliseconds, {how}.",
            "",
            "| keys | count | p50 ms | p95 ms | max ms |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, title in titles.items():
            values = results.latency.get(name) or []
            if values:
                lines.append(
                    f"| {title} | {len(values)} | {percentile(values, 0.5):.1f} "
                    f"| {percentile(values, 0.95):.1f} | {max(values):.1f} |"
                )
            else:
                lines.append(f"| {title} | 0 | – | – | – |")
    if tmux and results.latency_size is not None:
        lines += [
            "",
            "Where the milliseconds went (medians per key): queued = the key waiting in the "
            "app's queue behind earlier work; handling = until the contact list asked to be "
            "repainted; to tick = until the screen's refresh tick began (other handlers, e.g. the "
            "panes that follow the selection, and the tick's timer); tick = layout, render and "
            "write of the frame.",
            "",
            "| keys | queued | handling | to tick | tick |",
            "|---|---:|---:|---:|---:|",
        ]
        for name in ("filter", "down", "down_paced", "during_save"):
            cells = [results.latency.get(f"{name}/{part}") or [] for part in PARTS]
            lines.append(
                f"| {titles[name]} | "
                + " | ".join(f"{percentile(c, 0.5):.1f}" if c else "–" for c in cells)
                + " |"
            )
    if results.saves:
        lines += [
            "",
            "## Save of one edit",
            "",
            "`Store.flush()` after one edit: encode, write, fsync, rename; in-process.",
            "",
            "| contacts | saves | p50 ms | max ms |",
            "|---:|---:|---:|---:|",
        ]
        for size, values in sorted(results.saves.items()):
            lines.append(
                f"| {size:,} | {len(values)} | {percentile(values, 0.5):.1f} | {max(values):.1f} |"
            )
    if results.commands_size is not None:
        lines += [
            "",
            f"## Commands, {results.commands_size:,} contacts",
            "",
            f"Wall time of the subprocess, median of {results.commands_runs}.",
            "",
            "| command | s |",
            "|---|---:|",
            *(f"| {title} | {seconds:.3f} |" for title, seconds in results.commands.items()),
        ]
    lines += ["", "## Targets", "", "| target | limit | measured | met |", "|---|---:|---:|:---:|"]
    for title, what, size, limit, unit in TARGETS:
        value = target_value(results, what, size)
        if value is None:
            lines.append(f"| {title} | {limit:g}{unit} | not measured | – |")
            continue
        met = "yes" if value <= limit and (tmux or what in {"save", "memory"}) else "no"
        if not tmux and what not in {"save"} and not what.startswith("infocoach"):
            met = "– (headless)"
        shown = f"{value:.2f}{unit}" if unit != " MB" else f"{value:.0f}{unit}"
        lines.append(f"| {title} | {limit:g}{unit} | {shown} | {met} |")
    lines.append("")
    return "\n".join(lines)


ANALYSIS_HEADING = "## Analysis"


def kept_analysis(path: Path) -> str:
    """The hand-written analysis below the tables survives a new run."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    start = text.find(ANALYSIS_HEADING)
    return "\n" + text[start:] if start >= 0 else ""


# -- the run -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smallest size only (CI)")
    parser.add_argument("--sizes", type=int, nargs="+", default=None)
    parser.add_argument("--runs", type=int, default=None, help="first-frame runs per size")
    parser.add_argument("--saves", type=int, default=None, help="saves timed per size")
    parser.add_argument("--terminal", choices=("tmux", "headless"), default=None)
    parser.add_argument("--output", type=Path, default=HERE / "results.md")
    args = parser.parse_args(argv)
    sizes = args.sizes or ([SIZES[0]] if args.quick else list(SIZES))
    runs = args.runs or (1 if args.quick else 5)
    save_count = args.saves or (3 if args.quick else 10)
    mode = args.terminal or ("headless" if args.quick else "tmux")
    if mode == "tmux" and not shutil.which("tmux"):
        parser.error("tmux is not installed: install it, or use --terminal headless")
    # the key, save and command measurements at 30,000 (or the largest size below it)
    detail = max((s for s in sizes if s <= LATENCY_SIZE), default=min(sizes))

    results = Results(mode=mode, runs=runs)
    tmux = Tmux() if mode == "tmux" else None
    try:
        with tempfile.TemporaryDirectory(prefix="infocoach-bench-") as folder:
            for size in sizes:
                data_dir = Path(folder) / str(size)
                data_file = write_data_file(data_dir, size)
                say(f"{size:,} contacts: first frame ({runs} runs each)")
                if tmux is not None:
                    frame = frames_in_tmux(tmux, data_dir, data_file, runs)
                else:
                    expected_screen(data_file)  # the file is valid in the current schema
                    frame = frames_headless(data_dir, runs)
                frame["file_mb"] = data_file.stat().st_size / 1e6
                results.frames[size] = frame
                say(
                    f"  bare {frame['bare_s']:.3f} s, infocoach {frame['app_s']:.3f} s, "
                    f"{frame['ratio']:.2f}x; {frame['app_mb']:.0f} MB vs {frame['bare_mb']:.0f}"
                )
                if size != detail:
                    continue
                say("  saves")
                results.saves[size] = saves(data_file, save_count)
                say("  commands")
                results.commands_size = size
                results.commands_runs = 1 if args.quick else 3
                results.commands = commands(data_dir, results.commands_runs)
                say("  key latency")
                results.latency_size = size
                if tmux is not None:
                    results.latency = latency_in_tmux(
                        tmux, data_dir, data_file, share=0.2 if args.quick else 1.0
                    )
                else:
                    results.latency = asyncio.run(latency_headless(data_file))
    finally:
        if tmux is not None:
            tmux.close()
    text = render(results)
    args.output.write_text(text + kept_analysis(args.output), encoding="utf-8")
    print(text)
    print(f"written to {args.output}")


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
