"""Within limits: a file from outside is refused before it is read when it is too large, and
under a memory limit nothing ends the process with a signal."""

from __future__ import annotations

import functools
import os
import resource
import signal
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


# How near the limit counts as at it, and for how long, before a command is stopped.
_AT_THE_LIMIT = 2 * MB
_CHECKS_AT_THE_LIMIT = 3
_CHECK_EVERY = 0.5  # seconds


def stop_at_the_memory_limit() -> None:
    """Under an address-space limit, end the command with MemoryError once it has stayed at
    the limit for a second or so: there it would crawl rather than fail.

    At the limit each new block Python asks for is first refused by the system, and the
    allocation is then met from a freed corner of the heap: a command that needs a little
    more than it may have makes progress at a few thousand allocations a second, for tens of
    minutes, instead of raising MemoryError. A timer signal looks at the process's size
    twice a second (the interpreter runs the check between two steps, as it would raise the
    MemoryError of a failed allocation there). Only for commands that end on their own
    (see `cli.main`); it does nothing without a limit."""
    limit, _ = resource.getrlimit(resource.RLIMIT_AS)
    if limit == resource.RLIM_INFINITY:
        return
    page = os.sysconf("SC_PAGE_SIZE")
    checks_at_the_limit = 0

    def check(_signal: int, _frame: object) -> None:
        nonlocal checks_at_the_limit
        statm = os.open("/proc/self/statm", os.O_RDONLY)
        try:
            size = int(os.read(statm, 64).split()[0]) * page
        finally:
            os.close(statm)
        checks_at_the_limit = checks_at_the_limit + 1 if limit - size < _AT_THE_LIMIT else 0
        if checks_at_the_limit >= _CHECKS_AT_THE_LIMIT:
            raise MemoryError

    signal.signal(signal.SIGALRM, check)
    signal.setitimer(signal.ITIMER_REAL, _CHECK_EVERY, _CHECK_EVERY)


def stop_checking_the_memory_limit() -> None:
    """No more checks (see `stop_at_the_memory_limit`): the command is ending."""
    signal.setitimer(signal.ITIMER_REAL, 0)
