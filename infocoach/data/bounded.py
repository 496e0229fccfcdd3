"""Within limits: a file from outside is refused before it is read when it is too large, and
under a memory limit nothing ends the process with a signal."""

from __future__ import annotations

import functools
import os
import resource
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

MB = 1024 * 1024


class FileTooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(f"{size:,} bytes")
        self.size = size


def read_at_most(path: Path, limit: int) -> bytes:
    """The file's bytes; FileTooLarge, without reading it whole, when over `limit` bytes.
    OSError when it cannot be read."""
    with path.open("rb") as file:
        size = os.fstat(file.fileno()).st_size
        if size > limit:
            raise FileTooLarge(size)
        raw = file.read(limit + 1)  # the file may have grown since
    if len(raw) > limit:
        raise FileTooLarge(max(size, len(raw)))
    return raw


def size_in_words(size: int, limit: int) -> str:
    """`size` bytes, over `limit`, as a person reads it: 2.5 MB, 1.2 GB; in bytes where the
    megabytes would read as the limit (1.0 MB for one byte over 1 MB) or round to nothing."""
    if size >= 1024 * MB:
        return f"{size / (1024 * MB):.1f} GB"
    shown = f"{size / MB:.1f} MB"
    return f"{size:,} bytes" if shown in (f"{limit / MB:.1f} MB", "0.0 MB") else shown


def memory_capped() -> bool:
    """Whether this process runs under an address-space limit (`ulimit -v`, `prlimit --as`)."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return soft != resource.RLIM_INFINITY


@functools.cache
def orjson_is_safe() -> bool:
    """Whether orjson may be used: it ends the process with SIGSEGV when an allocation fails,
    as one does under an address-space limit, where the standard `json` raises MemoryError,
    said in one line (see `cli.main`)."""
    return not memory_capped()


# How near the limit counts as at it, and for how long, before a command is stopped; and the
# address space kept back for the stop itself.
_AT_THE_LIMIT = 2 * MB
_CHECKS_AT_THE_LIMIT = 3
_CHECK_EVERY = 0.5  # seconds
_RESERVE = 16 * MB


@contextmanager
def stopped_at_the_memory_limit() -> Iterator[None]:
    """Under an address-space limit, a command that stays at the limit for a second or so is
    stopped with MemoryError (said in one line, see `cli.main`), rather than left stuck there.

    At the limit Python does not always fail. Each new block it asks for may first be refused
    by the system and then met from a freed corner of the heap: the command crawls, a few
    thousand allocations a second, for tens of minutes. Or the MemoryError itself cannot be
    handled: unwinding through a `with` or `finally` needs a small int, and CPython 3.11 to
    3.13 try again, forever, when that int cannot be made (python/cpython#132508, #134163),
    holding the interpreter where no signal handler runs.

    So the command runs `_RESERVE` short of its limit, and a watcher process (no thread: the
    stuck interpreter would hold it) looks at its size twice a second. Once it has stayed at
    the limit it hands the reserve back, which lets a stuck unwinding go on, and sends
    SIGUSR1, whose handler raises MemoryError in a crawling command. It does nothing
    without a limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY or soft <= 2 * _RESERVE:
        yield
        return
    command = os.getpid()
    try:
        watcher = os.fork()
    except OSError:  # no process to spare (a process limit): the command runs unwatched
        yield
        return
    if watcher == 0:
        try:
            _watch(command, soft, hard)
        finally:
            os._exit(0)
    resource.setrlimit(resource.RLIMIT_AS, (soft - _RESERVE, hard))
    previous = signal.signal(signal.SIGUSR1, _stop_here)
    try:
        yield
    finally:
        os.kill(watcher, signal.SIGKILL)
        os.waitpid(watcher, 0)
        signal.signal(signal.SIGUSR1, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))  # her limit, as she set it


def _stop_here(_signal: int, _frame: object) -> None:
    raise MemoryError


def _watch(command: int, soft: int, hard: int) -> None:
    """The watcher's loop (see `stopped_at_the_memory_limit`), until the command ends."""
    for standard in (0, 1, 2):  # the command's pipes close when it ends, not when this does
        os.close(standard)
    statm = f"/proc/{command}/statm"
    page = os.sysconf("SC_PAGE_SIZE")
    allowed = soft - _RESERVE
    checks_at_the_limit = 0
    while os.getppid() == command:
        time.sleep(_CHECK_EVERY)
        try:
            size = int(Path(statm).read_text().split()[0]) * page
        except (OSError, ValueError, IndexError):
            return
        checks_at_the_limit = checks_at_the_limit + 1 if allowed - size < _AT_THE_LIMIT else 0
        if checks_at_the_limit < _CHECKS_AT_THE_LIMIT:
            continue
        if allowed < soft:
            with suppress(OSError):
                resource.prlimit(command, resource.RLIMIT_AS, (soft, hard))
            allowed = soft
        os.kill(command, signal.SIGUSR1)
        checks_at_the_limit = 0
