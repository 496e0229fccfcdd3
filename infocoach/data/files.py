"""Files that are replaced whole: temp file, fsync, rename, fsync the folder."""

from __future__ import annotations

import os
import tempfile
import time
from contextlib import suppress
from pathlib import Path

# A temp file older than this belongs to a writer that died; younger ones may be mid-save.
STALE_TEMP_SECONDS = 60


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload`: temp file, write, flush, fsync, rename, fsync the folder.

    On any failure the temp file is removed and `path` is as it was. New files are 0600.
    """
    fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_folder(path.parent)


def remove_stale_temp_files(path: Path, now: float | None = None) -> list[Path]:
    now = time.time() if now is None else now
    removed = []
    for candidate in path.parent.glob(temp_prefix(path) + "*.tmp"):
        with suppress(OSError):
            if now - candidate.stat().st_mtime > STALE_TEMP_SECONDS:
                candidate.unlink()
                removed.append(candidate)
    return removed


def ensure_private_folder(folder: Path) -> None:
    """Create `folder` (and parents) as 0700; an existing folder is left as the user set it."""
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
