"""The data file on disk (a TinyDB JSON database), and its tables held in memory.

TinyDB's stock JSONStorage rewrites the file in place and re-parses it on every query. Here the
tables are held in memory (`MemoryStorage`, written record by record: see `memory`), and
`DataFile` reads and replaces the file as a whole: atomically (see `files`), under a lock that
every infocoach process shares, so a crash leaves either the old file or the new one.
"""

from __future__ import annotations

import errno
import fcntl
import json
import operator
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from infocoach.core import wording
from infocoach.core.text import has_lone_surrogate
from infocoach.data.backups import backups
from infocoach.data.bounded import orjson_is_safe
from infocoach.data.files import (
    FolderNotSynced,
    atomic_write_bytes,
    ensure_private_folder,
    real_path,
    remove_stale_temp_files,
)

Tables = dict[str, dict[str, dict[str, Any]]]
Stamp = tuple[int, int, int]  # mtime_ns, size, inode: what tells one version from the next


class DataFileError(Exception):
    """The data file exists but cannot be used as it is: the facts, phrased by `wording`."""

    def __init__(self, path: Path, problem: str, *, hint: str | None = None) -> None:
        try:
            found = backups(path)
        except OSError:  # a folder that cannot be opened: no backup to offer from it
            found = []
        self.path = path
        self.problem = problem
        self.newest_backup: Path | None = found[0] if found else None
        super().__init__(wording.unreadable(path, problem, self.newest_backup, hint))


class DataWriteError(Exception):
    """A change could not be saved; the file on disk still holds the last good data."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(wording.unsaved(path, problem))


def decode_tables(path: Path, raw: bytes) -> Tables:
    """Parse and shape-check the bytes of a data file, or raise DataFileError."""
    if not raw:
        raise DataFileError(path, "the file is empty (0 bytes)")
    tables: Any = None
    checked = orjson_is_safe()  # the fast parser refuses lone surrogates
    if checked:
        try:
            tables = orjson.loads(raw)
        except orjson.JSONDecodeError:
            checked = False
    if not checked:
        tables = _decode_precisely(path, raw)
    if not isinstance(tables, dict):
        raise DataFileError(path, f"wrong shape: expected an object, found {_kind(tables)}")
    for table_name, table in tables.items():
        if not checked and has_lone_surrogate(table_name):
            raise DataFileError(path, f"{_LONE_SURROGATE} in the name of a table")
        if not isinstance(table, dict):
            raise DataFileError(
                path, f"wrong shape: table {table_name!r} is {_kind(table)}, expected an object"
            )
        for doc_id, document in table.items():
            if not doc_id.isdigit() or not isinstance(document, dict):
                raise DataFileError(
                    path, f"wrong shape: record {doc_id!r} in table {table_name!r} is not a record"
                )
            if not checked and _holds_lone_surrogate(document):
                raise DataFileError(
                    path, f"{_LONE_SURROGATE} in record {doc_id} of table {table_name!r}"
                )
    return tables


_LONE_SURROGATE = "text with an invalid character (a lone surrogate)"


def _holds_lone_surrogate(value: Any) -> bool:
    """Whether a string in `value` holds a lone surrogate (a JSON escape such as `\\ud800`
    with no pair): text no UTF-8 file can hold, so the file could never be saved again."""
    if isinstance(value, str):
        return has_lone_surrogate(value)
    if isinstance(value, list):
        return any(_holds_lone_surrogate(item) for item in value)
    if isinstance(value, dict):
        return any(
            has_lone_surrogate(key) or _holds_lone_surrogate(item) for key, item in value.items()
        )
    return False


def _decode_precisely(path: Path, raw: bytes) -> Any:
    """The slower standard parser, for what the fast one refused: it says where and why
    (and accepts the few files the fast one is stricter about, such as huge numbers)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataFileError(path, f"not valid UTF-8 (byte {error.start})") from None
    try:
        return json.loads(text)
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


def _kind(value: Any) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number"}.get(
        type(value), "null" if value is None else type(value).__name__
    )


def encode_tables(tables: Tables, kept: RecordBytes | None = None) -> bytes:
    """The bytes of a data file: compact UTF-8 JSON (the same as `json.dumps` with
    `ensure_ascii=False` and no spaces, about ten times faster). With `kept`, only the records
    it has not seen are encoded (see `RecordBytes`)."""
    if kept is not None and orjson_is_safe():
        try:
            return kept.encode(tables)
        except TypeError:  # a number orjson cannot hold: the whole file the standard way
            pass
    if orjson_is_safe():
        try:
            return orjson.dumps(tables)
        except TypeError:  # a number orjson cannot hold (over 64 bits): the standard one can
            pass
    return json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class RecordBytes:
    """The encoded bytes of the records, kept from one save to the next in blocks of
    BLOCK records, so a save encodes only the blocks a change touched and joins the others'
    bytes as they were: proportional to the change, and never long in one call that holds the
    GIL (the screen's thread waits for it meanwhile).

    A record in memory is never changed in place, only replaced by a new one (see `memory`):
    so a block is the same as when it was encoded when it holds the very same records, under
    the same doc ids, in the same order. Each block keeps its records (their identity then
    stays theirs) and its doc ids, and is checked whole in one comparison; a deletion shifts
    the blocks after it, which are then encoded afresh. (Per record, the bookkeeping in Python
    cost as much as orjson's encoding of the record itself.)"""

    BLOCK = 256

    def __init__(self) -> None:
        # (table, first record's position) -> its records, their doc ids, `"<id>":{...},...`
        self._blocks: dict[tuple[str, int], tuple[list[Any], list[str], bytes]] = {}

    def encode(self, tables: Tables) -> bytes:
        """What `orjson.dumps(tables)` gives; TypeError for a value orjson cannot hold."""
        blocks, kept = self._blocks, {}  # one read: another thread may replace them
        pieces = [b"{"]
        for table_name, table in tables.items():
            if len(pieces) > 1:
                pieces.append(b",")
            pieces += (orjson.dumps(table_name), b":{")
            keys, documents = list(table), list(table.values())
            for start in range(0, len(keys), self.BLOCK):
                block_keys = keys[start : start + self.BLOCK]
                block = documents[start : start + self.BLOCK]
                found = blocks.get((table_name, start))
                if (
                    found is None
                    or found[1] != block_keys
                    or not all(map(operator.is_, found[0], block))
                ):
                    found = (
                        block,
                        block_keys,
                        orjson.dumps(dict(zip(block_keys, block, strict=True)))[1:-1],
                    )
                kept[table_name, start] = found
                if start:
                    pieces.append(b",")
                pieces.append(found[2])
            pieces.append(b"}")
        pieces.append(b"}")
        self._blocks = kept
        return b"".join(pieces)


class MemoryStorage:
    """The tables in memory, owned by the store, which decides when they go to disk."""

    def __init__(self) -> None:
        self.tables: Tables = {}
        self.writes = 0  # how many writes were made: tells whether a failed change wrote
        # each record's bytes, kept between saves once saves come often (the app's writer)
        self.record_bytes: RecordBytes | None = None


class DataFile:
    """The data file: read whole, replaced whole, and what version of it was seen last."""

    def __init__(self, path: Path, *, prepare: bool = True) -> None:
        """`prepare`: make the folder and clear dead writers' temp files (not when only
        reading: that never creates or removes anything)."""
        self.path = path
        if prepare:
            ensure_private_folder(path.parent)
            remove_stale_temp_files(path)
        self.lock = FolderLock(path)

    def stamp(self) -> Stamp | None:
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise self._unreadable(error) from None
        return (status.st_mtime_ns, status.st_size, status.st_ino)

    def read(self) -> tuple[Tables | None, Stamp | None, bytes]:
        """The decoded tables (None when there is no file yet), the stamp of what was read and
        its bytes."""
        stamp = self.stamp()
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            if self.path.is_symlink():  # not "no contacts yet": the user's file is elsewhere
                raise DataFileError(self.path, self.dangling()) from None
            return None, None, b""
        except OSError as error:
            raise self._unreadable(error) from None
        return decode_tables(self.path, raw), stamp, raw

    def _unreadable(self, error: OSError) -> DataFileError:
        if isinstance(error, PermissionError):
            folder = self.path.parent
            return DataFileError(
                self.path,
                error.strerror or "permission denied",
                hint=(
                    f"your user may not open it or its folder: check their owner and mode "
                    f"(ls -ld {folder} {self.path})"
                ),
            )
        return DataFileError(self.path, error.strerror or str(error))

    def dangling(self) -> str:
        return f"it is a link to {real_path(self.path)}, which does not exist"

    def check_writable(self) -> None:
        """DataWriteError unless the file can be replaced (an atomic rename would replace a
        read-only file without complaint, so this asks first)."""
        if self.path.exists() and not os.access(self.path, os.W_OK):
            raise DataWriteError(self.path, "the file is read-only")
        if not os.access(self.path.parent, os.W_OK):
            raise DataWriteError(self.path, f"the folder {self.path.parent} is read-only")

    def write(self, payload: bytes) -> Written:
        """Replace the file with `payload`; DataWriteError leaves it as it was. A symlink's
        target is replaced (the link stays); a link to nothing is not written through."""
        if self.path.is_symlink() and not self.path.exists():
            raise DataWriteError(self.path, self.dangling())
        unconfirmed = ""
        try:
            atomic_write_bytes(self.path, payload)
        except FolderNotSynced as error:  # written all the same: never "nothing was saved"
            unconfirmed = wording.unconfirmed(self.path, error.strerror or str(error))
        except OSError as error:
            raise DataWriteError(self.path, error.strerror or str(error)) from error
        return Written(self.stamp(), unconfirmed)


@dataclass(frozen=True)
class Written:
    """A save that landed: the file's new stamp, and why the disk did not confirm it (the
    line to tell her, or "" when it did)."""

    stamp: Stamp | None
    unconfirmed: str = ""


class FolderLock:
    """An exclusive lock shared by every infocoach process (and thread) using one data file."""

    TIMEOUT_SECONDS = 10.0

    def __init__(self, data_file: Path) -> None:
        self.data_file = data_file
        target = real_path(data_file)  # a symlinked file is locked beside its target
        # `.~` first and `.lock` last: the sync tools' ignore rules skip it (Dropbox `.~*`,
        # Nextcloud `*.~*`, the README's `.stignore` `.*.lock`), as it only means this machine
        self.path = target.parent / f".~{target.name}.lock"
        self._handle: int | None = None
        self._threads = threading.Lock()

    def acquire(self, *, wait: bool = True) -> bool:
        """Take the lock, waiting up to TIMEOUT_SECONDS (or not at all); False if not taken."""
        if not self._threads.acquire(timeout=self.TIMEOUT_SECONDS if wait else 0):
            if wait:
                raise DataWriteError(self.data_file, "another save kept the file locked; try again")
            return False
        try:
            taken = self._take_file_lock(wait)
        except BaseException:
            self._threads.release()
            raise
        if not taken:
            self._threads.release()
        return taken

    def _take_file_lock(self, wait: bool) -> bool:
        try:
            handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            # A folder we cannot write to cannot be saved into either; let the save say so.
            if error.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
                return True
            raise DataWriteError(self.data_file, f"cannot lock: {error.strerror}") from None
        deadline = time.monotonic() + self.TIMEOUT_SECONDS
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._handle = handle
                return True
            except BlockingIOError:
                if not wait:
                    os.close(handle)
                    return False
                if time.monotonic() > deadline:
                    os.close(handle)
                    raise DataWriteError(
                        self.data_file, "another infocoach kept the file locked; try again"
                    ) from None
                time.sleep(0.01)

    def release(self) -> None:
        if self._handle is not None:
            os.close(self._handle)  # closing drops the lock
            self._handle = None
        self._threads.release()

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()
