"""Disk faults made by the kernel, not by patching Python: a system call that fails on one path
(strace -e inject, attached to this very process) and a folder mounted read-only.

A full disk is real too: the `small_disk` fixture (a 2 MB tmpfs) and `fill_up` in conftest.py.
"""

from __future__ import annotations

import errno
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from tests.conftest import fill_up
from tests.programs import require_programs

ATTACH_SECONDS = 30  # strace attaches in well under a second; a hang must still end


@contextmanager
def kernel_fails(syscalls: str, error: str, path: Path | None = None) -> Iterator[None]:
    """While inside, each of `syscalls` (comma-separated, e.g. "fsync") that this process, any
    of its threads or its children makes on `path` (by name or by an open descriptor; with no
    path, on any file) returns the errno `error` (e.g. "EIO"); every other call is real."""
    require_programs("strace", install="apt install strace")
    only_on = ["-P", str(path)] if path is not None else []
    syscall_fails = ["-e", f"trace={syscalls}", "-e", f"inject={syscalls}:error={error}"]
    quietly = ["-qqq", "-o", os.devnull, "-e", "signal=none"]
    tracer = subprocess.Popen(
        ["strace", "-f", *quietly, *syscall_fails, *only_on, "-p", str(os.getpid())],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + ATTACH_SECONDS
        while not _every_thread_traced():
            if tracer.poll() is not None:
                pytest.skip(f"strace cannot trace this process here: {tracer.stderr.read()}")
            assert time.monotonic() < deadline, "strace did not attach"
            time.sleep(0.01)
        yield
    finally:
        tracer.terminate()  # strace detaches on SIGTERM: the process goes on untraced
        tracer.communicate(timeout=ATTACH_SECONDS)


def _every_thread_traced() -> bool:
    for task in Path("/proc/self/task").iterdir():
        try:
            status = (task / "status").read_text()
        except FileNotFoundError:  # a thread that ended meanwhile
            continue
        if "\nTracerPid:\t0\n" in status:
            return False
    return True


@contextmanager
def folder_sync_fails(folder: Path) -> Iterator[None]:
    """fsync of `folder` fails with EIO (after a rename in it, the disk did not confirm it);
    fsync of the files in it is real."""
    with kernel_fails("fsync", "EIO", folder):
        yield


@contextmanager
def disk_full(folder: Path) -> Iterator[None]:
    """The file system of `folder` (the `small_disk` fixture) filled to the last byte, then
    freed again."""
    filler = fill_up(folder)
    try:
        yield
    finally:
        filler.unlink()


@contextmanager
def mounted_read_only(folder: Path) -> Iterator[None]:
    """`folder` bind-mounted read-only over itself (EROFS for every write in it, root or not);
    needs root and mount, else skipped."""
    if os.geteuid() != 0:
        pytest.skip("a read-only mount needs root")
    bound = subprocess.run(
        ["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True, text=True
    )
    if bound.returncode != 0:
        pytest.skip(f"cannot mount a folder read-only here: {bound.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


# What makes a save fail, as each test of a failing save runs it on the data folder (which is
# on the `small_disk` fixture), and the words the error says.
WRITE_FAULTS: dict[str, tuple[Callable[[Path], AbstractContextManager[None]], str]] = {
    "disk-full": (lambda folder: disk_full(folder.parent), os.strerror(errno.ENOSPC)),
    "fsync-eio": (lambda folder: kernel_fails("fsync", "EIO"), os.strerror(errno.EIO)),
    "read-only": (mounted_read_only, "read-only"),  # asked before writing: no EROFS said
}
