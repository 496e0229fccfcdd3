"""Within limits: a file from outside is refused before it is read when it is too large, and
under a memory limit nothing ends the process with a signal."""

from __future__ import annotations

import functools
import os
import resource
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


@functools.cache
def orjson_is_safe() -> bool:
    """Whether orjson may be used: it ends the process with SIGSEGV when an allocation fails,
    as one does under an address-space limit (`ulimit -v`, `prlimit --as`), where the standard
    `json` raises MemoryError, said in one line (see `cli.main`)."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return soft == resource.RLIM_INFINITY
