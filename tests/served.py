"""`infocoach serve` as a real process on a free port, for the browser and the guard tests."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# Each step on a loaded two-core machine: Chromium's start, the app's first frame, a save.
PATIENCE_SECONDS = 60


@dataclass(frozen=True)
class Served:
    process: subprocess.Popen[str]
    port: int
    key: str
    folder: Path

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def address(self) -> str:
        """The address `serve` printed, key and all."""
        return f"{self.origin}/?key={self.key}"

    def apps(self) -> list[int]:
        """The process ids of the apps this server has started (one a tab), zombies left out."""
        return apps_started_by(self.process.pid)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(
    condition: Callable[[], bool],
    what: str,
    explain: Callable[[], str] = lambda: "",
    seconds: float = PATIENCE_SECONDS,
) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"after {seconds} s, still no {what}. {explain()}")
        time.sleep(0.25)


@contextlib.contextmanager
def serving(tmp_path: Path) -> Iterator[Served]:
    """`infocoach serve` on a free port and a data folder given by --data-dir (the env var
    points elsewhere, the cwd is elsewhere), stopped and its group killed at the end."""
    folder = tmp_path / "served-data"
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "infocoach", "serve", "--port", str(port), "--data-dir", folder],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: the apps it starts go with it
    )
    assert server.stdout is not None
    said: list[str] = []
    reader = threading.Thread(target=lambda: said.extend(server.stdout or ()), daemon=True)
    reader.start()
    try:
        wait_for(
            lambda: bool(said) or server.poll() is not None,
            "address from `infocoach serve`",
        )
        printed = re.fullmatch(
            rf"infocoach is at http://127\.0\.0\.1:{port}/\?key=([A-Za-z0-9_-]{{43,}}) "
            r"— Ctrl\+C stops it\n",
            said[0] if said else "",
        )
        assert printed, f"`infocoach serve` said {''.join(said)!r} (status {server.poll()})"
        yield Served(server, port, printed[1], folder)
    finally:
        stop(server)


def stop(server: subprocess.Popen[str]) -> None:
    """Ctrl+C's way out (SIGTERM, which textual-serve handles alike), then SIGKILL for whatever
    of the group is left: the server and the app of each browser session."""
    for way_out in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):  # none of the group left
            os.killpg(server.pid, way_out)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=15)


def apps_started_by(server_pid: int) -> list[int]:
    """Live infocoach apps that `server_pid` started, whether it still runs or not: after it is
    gone they keep its session id (`start_new_session` above made it the session leader)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == server_pid:
            continue
        with contextlib.suppress(OSError):
            # the fields after the command's name, which is in parentheses and may hold spaces
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
            state, session = fields[0], int(fields[3])
            command = (entry / "cmdline").read_bytes().split(b"\0")
            if session == server_pid and state != "Z" and b"--served-by" in command:
                found.append(int(entry.name))
    return found
