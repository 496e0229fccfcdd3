"""Crash-safe file storage for TinyDB.

TinyDB's stock JSONStorage rewrites the file in place and re-parses it on every query. This
storage parses once, keeps the tables in memory, and replaces the file atomically on every
change, so a crash leaves either the old file or the new one, never half of each.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

# A temp file older than this belongs to a writer that died; younger ones may be mid-save.
STALE_TEMP_SECONDS = 60
RESTORE_HINT = "it was left untouched; see `infocoach doctor` for backups to restore"


class DataFileError(Exception):
    """The data file exists but cannot be used as it is."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"cannot read {path}: {problem}; {RESTORE_HINT}")
        self.path = path
        self.problem = problem


class DataWriteError(Exception):
    """A change could not be saved; the file on disk still holds the last good data."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"could not save {path}: {problem}; the last saved data is unchanged")
        self.path = path
        self.problem = problem


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


def decode_tables(path: Path, raw: bytes) -> dict[str, dict[str, dict[str, Any]]]:
    """Parse and shape-check the bytes of a data file, or raise DataFileError."""
    if not raw:
        raise DataFileError(path, "the file is empty (0 bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataFileError(path, f"not valid UTF-8 (byte {error.start})") from None
    try:
        tables = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        if not text.strip("\x00 \t\r\n"):
            reason = "the file holds no data (only blanks or NUL bytes)"
        elif error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            # An unterminated string runs to the end of the file: cut off mid-string.
            reason = f"the JSON stops early at {where} (truncated?)"
        else:
            reason = f"not valid JSON at {where}: {error.msg}"
        raise DataFileError(path, reason) from None
    except RecursionError:
        raise DataFileError(path, "not valid JSON: nested too deeply") from None
    except ValueError as error:  # e.g. a number with more digits than Python will convert
        raise DataFileError(path, f"not valid JSON: {str(error).split(':')[0]}") from None
    if not isinstance(tables, dict):
        raise DataFileError(path, f"wrong shape: expected an object, found {_kind(tables)}")
    for table_name, table in tables.items():
        if not isinstance(table, dict):
            raise DataFileError(
                path, f"wrong shape: table {table_name!r} is {_kind(table)}, expected an object"
            )
        for doc_id, document in table.items():
            if not doc_id.isdigit() or not isinstance(document, dict):
                raise DataFileError(
                    path, f"wrong shape: record {doc_id!r} in table {table_name!r} is not a record"
                )
    return tables


def _kind(value: Any) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number"}.get(
        type(value), "null" if value is None else type(value).__name__
    )


def encode_tables(tables: dict[str, Any]) -> bytes:
    return json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class AtomicJSONStorage(Storage):
    """TinyDB storage: the tables live in memory; every write atomically replaces the file."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        ensure_private_folder(self.path.parent)
        remove_stale_temp_files(self.path)
        self._tables = self._load()
        self._adopted: dict[str, Any] | None = None
        self._batch_depth = 0
        self._dirty = False
        self.generation = 0  # bumped whenever the tables in memory change

    def _load(self) -> dict[str, Any] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise DataFileError(self.path, error.strerror or str(error)) from None
        return decode_tables(self.path, raw)

    @property
    def exists(self) -> bool:
        return self._tables is not None

    def adopt(self, tables: dict[str, Any]) -> None:
        """Hold `tables` in memory without saving: a new file is created by the first change."""
        self._tables = tables
        self._adopted = copy.deepcopy(tables)
        self.generation += 1

    def _reload(self) -> None:
        """Back to what the file holds (or, before the first save, to the adopted tables)."""
        saved = self._load()
        self._tables = saved if saved is not None else copy.deepcopy(self._adopted)
        self.generation += 1

    def read(self) -> dict[str, Any] | None:
        return self._tables

    def write(self, data: dict[str, Any]) -> None:
        self._tables = data
        self.generation += 1
        if self._batch_depth:
            self._dirty = True
            return
        self._save()

    def _save(self) -> None:
        try:
            atomic_write_bytes(self.path, encode_tables(self._tables or {}))
        except (OSError, TypeError, ValueError) as error:
            # TinyDB changed the in-memory tables before calling write(): go back to what
            # the file holds, so memory never claims more than the disk.
            self._reload()
            problem = getattr(error, "strerror", None) or str(error)
            raise DataWriteError(self.path, problem) from error

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group writes into one atomic save; an exception inside discards them all."""
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._dirty:
                self._dirty = False
                self._reload()
            raise
        self._batch_depth -= 1
        if self._batch_depth == 0 and self._dirty:
            self._dirty = False
            self._save()

    def close(self) -> None:
        pass
