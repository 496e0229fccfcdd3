"""When her terminal goes away, or SIGTERM comes, the app saves what she typed and the process
ends (issue 32): the real app, in a real pseudo-terminal, on a large data file."""

from __future__ import annotations

import fcntl
import itertools
import json
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from infocoach.data import locations
from infocoach.data.schema import CALL_DRAFTS
from infocoach.tui import closing
from tests.bench.datagen import write_data_file

ROOT = Path(__file__).resolve().parent.parent
CONTACTS = 20_000
WIDTH, HEIGHT = 120, 40
GONE_WITHIN = 10.0  # seconds: a process left behind fails, a slow machine does not
DRAWN_WITHIN = 120.0
FIRST_FRAME = "Contacts · 20,000"
# The app's own process: it makes the terminal its controlling terminal (as a login shell or a
# terminal window does), so the kernel sends it SIGHUP when the terminal closes.
LAUNCH = (
    "import fcntl, os, sys, termios\n"
    "fcntl.ioctl(1, termios.TIOCSCTTY, 0)\n"
    "os.execv(sys.executable, [sys.executable, '-m', 'infocoach', *sys.argv[1:]])\n"
)


class Terminal:
    """infocoach in a pseudo-terminal of its own, of WIDTH x HEIGHT. What it writes is read
    all the time (as a terminal window would), unless `stop_reading` says otherwise; with
    `stdin_pipe`, its input is a pipe instead (what a dropped remote session leaves). `args`
    are the command line's."""

    def __init__(self, *args: str, stdin_pipe: bool = False) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", HEIGHT, WIDTH, 0, 0))
        self.pipe: int | None = None
        stdin = slave
        if stdin_pipe:
            stdin, self.pipe = os.pipe()
        env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", LAUNCH, *args],
                stdin=stdin,
                stdout=slave,
                stderr=slave,
                cwd=ROOT,
                env=env,
                start_new_session=True,
            )
        finally:
            os.close(slave)
            if stdin != slave:
                os.close(stdin)
        self.output = bytearray()
        self._typed_at = 0  # how much was shown when keys were last typed
        self._reading = threading.Event()
        self._reading.set()
        self._hang_up = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        """Copies what the app writes into `output`, until the app has ended or `hang_up`;
        then closes the terminal."""
        try:
            while not self._hang_up.is_set():
                if not self._reading.wait(0.05):
                    continue
                ready, _, _ = select.select([self.master], [], [], 0.05)
                if ready:
                    try:
                        chunk = os.read(self.master, 65536)
                    except OSError:  # EIO: the app has ended and the terminal with it
                        return
                    self.output += chunk
        finally:
            os.close(self.master)

    def wait_for(self, text: str, limit: float = DRAWN_WITHIN) -> None:
        """Until `text` is shown (since keys were last typed)."""
        deadline = time.monotonic() + limit
        while text not in bytes(self.output[self._typed_at :]).decode("utf-8", "replace"):
            if self.process.poll() is not None and not self._reader.is_alive():
                raise AssertionError(f"the app ended without showing {text!r}")
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not shown within {limit:.0f} s")
            time.sleep(0.02)

    def type(self, keys: str) -> None:
        self._typed_at = len(self.output)
        os.write(self.pipe if self.pipe is not None else self.master, keys.encode())

    def hang_up(self) -> None:
        """Close the terminal, as closing its window does: the kernel hangs it up."""
        self._hang_up.set()
        self._reader.join(5)

    def close_input(self) -> None:
        assert self.pipe is not None
        os.close(self.pipe)
        self.pipe = None

    def stop_reading(self) -> None:
        self._reading.clear()

    def gone_within(self, seconds: float = GONE_WITHIN) -> int:
        """The app's exit status, once it has ended: fails if it is still there in `seconds`."""
        try:
            return self.process.wait(seconds)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the app was still running {seconds:.0f} s later") from None

    def end(self) -> None:
        """Whatever happened, nothing is left behind: the app, the terminal, the pipe."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        if not self._hang_up.is_set():
            self.hang_up()
        if self.pipe is not None:
            os.close(self.pipe)


@pytest.fixture(scope="module")
def large_data_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_data_file(tmp_path_factory.mktemp("large"), CONTACTS)


@pytest.fixture
def terminal_for(
    large_data_file: Path, isolated_dirs: dict[str, Path]
) -> Iterator[Callable[..., Terminal]]:
    """Starts the app in a Terminal, on this test's own copy of the large data file; every
    Terminal started is ended after the test."""
    isolated_dirs["data"].mkdir(parents=True, exist_ok=True)
    (isolated_dirs["data"] / locations.DATA_FILE_NAME).write_bytes(large_data_file.read_bytes())
    started: list[Terminal] = []

    def start(*, stdin_pipe: bool = False) -> Terminal:
        started.append(Terminal(stdin_pipe=stdin_pipe))
        return started[-1]

    try:
        yield start
    finally:
        for terminal in started:
            terminal.end()


def call_notes(isolated_dirs: dict[str, Path]) -> list[str]:
    data = json.loads((isolated_dirs["data"] / locations.DATA_FILE_NAME).read_text("utf-8"))
    return [draft["text"] for draft in data.get(CALL_DRAFTS, {}).values()]


def open_call_and_type(terminal: Terminal, notes: str) -> None:
    """Call mode on the first contact, the notes typed (and shown, so the app has them)."""
    terminal.wait_for(FIRST_FRAME)
    terminal.type("c")
    terminal.wait_for("Call mode")
    terminal.type("\r")
    terminal.wait_for("Notes")
    terminal.type(notes)
    terminal.wait_for(notes)


ALTERNATE_SCREEN = "\x1b[?1049h"  # Textual has taken the terminal and builds the first screen
ALTERNATE_SCREEN_LEFT = "\x1b[?1049l"
# How the app ends when its terminal closes: by itself; by SIGHUP before it listens for it (while
# it reads the data file); by the watchdog once the save had its chance. Not 1, an error.
CLOSED = (0, -signal.SIGHUP, 128 + signal.SIGHUP)


@pytest.mark.parametrize("moment", ["reading the data file", "building the screen", "first frame"])
def test_closing_the_terminal_while_it_opens_ends_the_app(terminal_for, moment):
    terminal = terminal_for()
    if moment == "reading the data file":
        time.sleep(0.5)
    else:
        terminal.wait_for(ALTERNATE_SCREEN if moment == "building the screen" else FIRST_FRAME)
    terminal.hang_up()
    assert terminal.gone_within() in CLOSED


def test_closing_the_terminal_in_call_mode_keeps_the_notes(terminal_for, isolated_dirs):
    terminal = terminal_for()
    open_call_and_type(terminal, "They hire juniors in March")
    terminal.hang_up()  # at once: before call mode's own save, most of the time
    terminal.gone_within()
    assert call_notes(isolated_dirs) == ["They hire juniors in March"]


def test_closing_the_terminal_in_a_dialog_keeps_the_notes(terminal_for, isolated_dirs):
    terminal = terminal_for()
    open_call_and_type(terminal, "Ask Priya about the data team")
    terminal.type("\x05")  # ctrl+e: the End the call dialog
    terminal.wait_for("End the call")
    terminal.hang_up()
    terminal.gone_within()
    assert call_notes(isolated_dirs) == ["Ask Priya about the data team"]


def test_input_at_an_end_ends_the_app_and_keeps_the_notes(terminal_for, isolated_dirs):
    """Her keys come through a pipe that closes (a remote session dropped): the screen is still
    there, and no SIGHUP comes."""
    terminal = terminal_for(stdin_pipe=True)
    open_call_and_type(terminal, "Budget is set in March")
    terminal.close_input()
    terminal.gone_within()
    assert call_notes(isolated_dirs) == ["Budget is set in March"]
    terminal.wait_for(ALTERNATE_SCREEN_LEFT, limit=5)  # her terminal, still there, is given back


def test_sigterm_in_call_mode_keeps_the_notes_and_gives_the_terminal_back(
    terminal_for, isolated_dirs
):
    terminal = terminal_for()
    open_call_and_type(terminal, "Teams pair juniors with a mentor")
    terminal.process.send_signal(signal.SIGTERM)
    assert terminal.gone_within() == 0
    assert call_notes(isolated_dirs) == ["Teams pair juniors with a mentor"]
    terminal.wait_for(ALTERNATE_SCREEN_LEFT, limit=5)  # her shell's screen is back


def stall(terminal: Terminal) -> None:
    """The terminal stops taking what the app writes (a frozen window, a stalled connection),
    and the window is resized over and over, until the app's UI thread waits on its output."""
    terminal.wait_for(FIRST_FRAME)
    terminal.stop_reading()
    deadline = time.monotonic() + 60
    waiting = 0
    for size in itertools.cycle([(100, 30), (WIDTH, HEIGHT)]):
        if waiting == 3:
            return
        assert time.monotonic() < deadline, "the app never came to wait on its output"
        fcntl.ioctl(terminal.master, termios.TIOCSWINSZ, struct.pack("HHHH", *size[::-1], 0, 0))
        time.sleep(0.1)
        waiting = waiting + 1 if "futex" in main_thread_waits_in(terminal.process.pid) else 0


def main_thread_waits_in(pid: int) -> str:
    """The kernel function the process's main thread sleeps in ("futex…" for a lock)."""
    try:
        return Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return ""


@pytest.mark.slow  # the watchdog's own waits: TAKE_SECONDS and the grace
def test_sigterm_ends_the_app_even_when_its_ui_thread_is_stuck(terminal_for):
    terminal = terminal_for()
    stall(terminal)
    terminal.process.send_signal(signal.SIGTERM)
    # the watchdog's status: the UI thread could not take it, the process ended all the same
    assert terminal.gone_within() == 128 + signal.SIGTERM


def test_a_second_sigterm_ends_it_without_waiting_for_the_ui_thread(terminal_for):
    terminal = terminal_for()
    stall(terminal)
    terminal.process.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    terminal.process.send_signal(signal.SIGTERM)
    # Alone, the first would end it after TAKE_SECONDS (the UI thread's turn) and the grace;
    # the second ends it once the save has had its chance: here, with nothing to save, at once.
    assert terminal.gone_within(closing.TAKE_SECONDS) == 128 + signal.SIGTERM


def test_the_demo_leaves_her_settings_as_they_were(isolated_dirs: dict[str, Path]) -> None:
    """Moving about the sample data (the place is kept once the cursor settles) and quitting
    changes nothing of hers: not where she was, not her theme."""
    isolated_dirs["config"].mkdir(parents=True)
    settings = isolated_dirs["config"] / "settings.json"
    settings.write_text(
        json.dumps({"theme": "textual-light", "my_name": "Sam Ortiz", "last_contact": 7})
    )
    before = settings.read_bytes()
    terminal = Terminal("--demo")
    try:
        terminal.wait_for("Contacts · 12")
        terminal.type("\x1b[B\x1b[B")  # Down, Down: another contact
        time.sleep(1.5)  # past the cursor's settling, when the place is kept
        terminal.type("\x11")  # ctrl+q: quit at once
        assert terminal.gone_within() == 0
    finally:
        terminal.end()
    assert settings.read_bytes() == before
