"""Crash-safe file storage for TinyDB.

TinyDB's stock JSONStorage rewrites the file in place and re-parses it on every query. This
storage parses once, keeps the tables in memory, and replaces the file atomically on every
change, so a crash leaves either the old file or the new one, never half of each.
"""

from __future__ import annotations

import copy
import errno
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from infocoach.core import wording
from infocoach.data.backups import backups
from infocoach.data.files import (
    atomic_write_bytes,
    ensure_private_folder,
    remove_stale_temp_files,
)


class DataFileError(Exception):
    """The data file exists but cannot be used as it is: the facts, phrased by `wording`."""

    def __init__(self, path: Path, problem: str) -> None:
        found = backups(path)
        self.path = path
        self.problem = problem
        self.newest_backup: Path | None = found[0] if found else None
        super().__init__(wording.unreadable(path, problem, self.newest_backup))


class DataWriteError(Exception):
    """A change could not be saved; the file on disk still holds the last good data."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(wording.unsaved(path, problem))


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


class RecordEncoder:
    """Encodes the tables to the same bytes as `encode_tables`, but serialises only records
    it has not seen before: an edit of one contact among 10,000 encodes one record.

    A record is recognised by identity, which is sound because records are never changed in
    place: the store's TinyDB table replaces a record it updates (see store.CopyOnWriteTable).
    """

    def __init__(self) -> None:
        self._dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        self._tables: dict[str, tuple[object, str]] = {}  # name -> (table, encoded table)
        self._records: dict[int, tuple[object, str, str]] = {}  # id -> (record, key, piece)

    def encode(self, tables: dict[str, Any]) -> bytes:
        parts = []
        for name, table in tables.items():
            cached = self._tables.get(name)
            if cached is None or cached[0] is not table:
                cached = (table, self._encode_table(table))
                self._tables[name] = cached
            parts.append(f"{self._dumps(name)}:{cached[1]}")
        for name in set(self._tables) - set(tables):
            del self._tables[name]
        total = sum(len(table) for table in tables.values())
        if len(self._records) > 2 * total + 1024:  # forget records that are long gone
            alive = {id(record) for table in tables.values() for record in table.values()}
            self._records = {k: v for k, v in self._records.items() if k in alive}
        return ("{" + ",".join(parts) + "}").encode("utf-8")

    def _encode_table(self, table: dict[str, Any]) -> str:
        known, dumps, pieces = self._records, self._dumps, []
        for doc_id, record in table.items():
            cached = known.get(id(record))
            if cached is None or cached[0] is not record or cached[1] != doc_id:
                cached = (record, doc_id, f"{dumps(doc_id)}:{dumps(record)}")
                known[id(record)] = cached
            pieces.append(cached[2])
        return "{" + ",".join(pieces) + "}"


class AtomicJSONStorage(Storage):
    """TinyDB storage: the tables live in memory; every write atomically replaces the file.

    Writes grouped in `batch()` hold an exclusive lock on the data file's folder for the
    whole change: if another process saved in the meantime, the tables are first reloaded
    from disk, so the change lands on top of theirs instead of overwriting it.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        ensure_private_folder(self.path.parent)
        remove_stale_temp_files(self.path)
        self._stamp: tuple[int, int, int] | None = None
        self._tables = self._load()
        self._adopted: dict[str, Any] | None = None
        self._batch_depth = 0
        self._dirty = False
        self._lock = FolderLock(self.path)
        self._threads = threading.RLock()
        self._encoder = RecordEncoder()
        self.generation = 0  # bumped whenever the tables in memory change
        self.reloads = 0  # bumped whenever the tables are read again from disk
        self.before_save: Callable[[], None] | None = None
        # Checks tables read again from disk (another process wrote them): raises DataFileError.
        self.validate: Callable[[dict[str, Any]], None] | None = None

    def _disk_stamp(self) -> tuple[int, int, int] | None:
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (status.st_mtime_ns, status.st_size, status.st_ino)

    def _load(self) -> dict[str, Any] | None:
        stamp = self._disk_stamp()
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            self._stamp = None
            return None
        except OSError as error:
            raise DataFileError(self.path, error.strerror or str(error)) from None
        tables = decode_tables(self.path, raw)
        self._stamp = stamp
        return tables

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
        if saved is not None and self.validate is not None:
            self.validate(saved)
        self._tables = saved if saved is not None else copy.deepcopy(self._adopted)
        self.generation += 1
        self.reloads += 1

    def changed_on_disk(self) -> bool:
        """Whether another process replaced the file since this one last read or wrote it."""
        return self._disk_stamp() != self._stamp

    def refresh(self) -> bool:
        """Reload when the file changed underneath; returns whether it did."""
        if not self._threads.acquire(blocking=False):
            return False  # another thread is saving: catch up next time
        try:
            if self._batch_depth or not self.changed_on_disk():
                return False
            self._reload()
            return True
        finally:
            self._threads.release()

    def read(self) -> dict[str, Any] | None:
        return self._tables

    def write(self, data: dict[str, Any]) -> None:
        self._tables = data
        self.generation += 1
        if self._batch_depth:
            self._dirty = True
            return
        with self._threads, self._lock:
            self._save()

    def _save(self) -> None:
        try:
            # An atomic rename would replace a read-only file without complaint: refuse first.
            if self._stamp is not None and not os.access(self.path, os.W_OK):
                raise PermissionError(errno.EACCES, "the file is read-only")
            if not os.access(self.path.parent, os.W_OK):
                raise PermissionError(errno.EACCES, f"the folder {self.path.parent} is read-only")
            if self.before_save is not None:
                self.before_save()
            atomic_write_bytes(self.path, self._encoder.encode(self._tables or {}))
        except (OSError, TypeError, ValueError) as error:
            # TinyDB changed the in-memory tables before calling write(): go back to what
            # the file holds, so memory never claims more than the disk.
            self._reload()
            problem = getattr(error, "strerror", None) or str(error)
            raise DataWriteError(self.path, problem) from error
        self._stamp = self._disk_stamp()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One locked, atomic change: catch up with the disk, apply, save once.

        An exception inside discards every write of the batch.
        """
        self._threads.acquire()  # a worker thread's import and the UI thread take turns
        outermost = self._batch_depth == 0
        if outermost:
            try:
                self._lock.acquire()
            except BaseException:
                self._threads.release()
                raise
        try:
            if outermost and self.changed_on_disk():
                self._reload()
            self._batch_depth += 1
            try:
                yield
            except BaseException:
                self._batch_depth -= 1
                if outermost and self._dirty:
                    self._dirty = False
                    self._reload()
                raise
            self._batch_depth -= 1
            if outermost and self._dirty:
                self._dirty = False
                self._save()
        finally:
            if outermost:
                self._lock.release()
            self._threads.release()

    def close(self) -> None:
        pass


class FolderLock:
    """An exclusive lock shared by every infocoach process using one data file."""

    TIMEOUT_SECONDS = 10.0

    def __init__(self, data_file: Path) -> None:
        self.data_file = data_file
        self.path = data_file.parent / f".{data_file.name}.lock"
        self._handle: int | None = None

    def acquire(self) -> None:
        import fcntl

        try:
            handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            # A folder we cannot write to cannot be saved into either; let the save say so.
            if error.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
                return
            raise DataWriteError(self.data_file, f"cannot lock: {error.strerror}") from None
        deadline = time.monotonic() + self.TIMEOUT_SECONDS
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(handle)
                    raise DataWriteError(
                        self.data_file, "another infocoach kept the file locked; try again"
                    ) from None
                time.sleep(0.01)
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            os.close(self._handle)  # closing drops the lock
            self._handle = None

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()
