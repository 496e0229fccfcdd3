"""The unit of work: memory, the pending changes, the file's lock and the writer.

Each change is applied to the tables in memory at once and kept as a pending change until it
is on disk (see `changes`). Saving (`flush`) takes the data file's lock; if another process saved
meanwhile, it reads their file and applies the pending changes again on top of it, as values
(see `replay`), then writes the file once.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar, cast

from infocoach.core.models import Contact
from infocoach.core.stages import Event
from infocoach.data.backups import daily_backup
from infocoach.data.changes import Gone, Pending
from infocoach.data.locations import config_dir
from infocoach.data.replay import Replaying
from infocoach.data.schema import COMPANIES, CONTACTS, EVENT_LOG, TOMBSTONES, validate_tables
from infocoach.data.stamps import HybridClock, device_id
from infocoach.data.storage import (
    DataFile,
    DataFileError,
    DataWriteError,
    MemoryStorage,
    RecordBytes,
    Stamp,
    Tables,
    encode_tables,
)
from infocoach.data.writer import BackgroundWriter, SaveError, SaveListener, SaveState

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., object])


# How long a deletion is remembered: long enough to travel to every machine that syncs the
# folder, so a merge with a copy from one of them deletes the record there too.
TOMBSTONE_DAYS = 90
_DAY_MILLIS = 24 * 60 * 60 * 1000


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """No garbage collection while a whole file's records are made: they are all kept, and
    each pass of the collector would look at all of them again (a third of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def mutation(method: F) -> F:
    """A store method that changes data: applied in memory at once, then saved (see module)."""

    @functools.wraps(method)
    def run(self: UnitOfWork, *args: object, **kwargs: object) -> object:
        return self._change(lambda: method(self, *args, **kwargs))

    return cast(F, run)  # called as `method` is, returning what it returns


class UnitOfWork(Replaying):
    """Memory, the pending changes and the file: what every repository of the store works on."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clock: Callable[[], datetime] | None = None,
        save_migration: bool = True,
        read_only: bool = False,
    ):
        """Open (or prepare to create) the data file at `path` (see `ConflictCopies`)."""
        self.path = Path(path)
        self._clock = clock or datetime.now
        self._read_only = read_only
        save_migration = save_migration and not read_only
        self._file = DataFile(self.path, prepare=not read_only)
        self._memory = MemoryStorage()
        self._next_ids = {}
        self._lock = threading.RLock()  # guards memory: the UI thread and the writer take turns
        self._pending: list[Pending] = []  # applied in memory, not yet on disk
        self._recording = None
        self._uid_index = {}
        self._unsaved_migration = False
        self._nesting = 0
        self._stamp: Stamp | None = None
        self._writer: BackgroundWriter | None = None
        self._backed_up_on: date | None = None
        self._dropped: list[str] = []  # why pending changes no longer applied after a reload
        self._unconfirmed: list[str] = []  # saves that landed but the disk did not confirm
        self._changes_asked = 0  # changes asked for since the open, saved or not
        self._saved_through = 0  # every change up to this number has landed (or was dropped)
        self._hybrid_clock = HybridClock(device_id(config_dir()))
        # caches, each rebuilt when its `_versions` entry moves
        self._versions: dict[str, int] = {}
        self._touched: set[int] = set()  # contacts whose cached record is stale
        self._contacts: dict[int, Contact] = {}
        self._sorted: list[Contact] | None = None
        self._order: list[tuple[tuple[str, str, str], int]] = []  # (`reading_order`, id), sorted
        self._order_keys: dict[int, tuple[tuple[str, str, str], int]] = {}  # id -> its key there
        self._typed_on: date | None = None  # the day the cached contacts' types were read for
        self._events_index: tuple[int, dict[int, list[Event]]] = (-1, {})
        self._company_keys: tuple[int, dict[str, int]] = (-1, {})
        self._adopt(*self._read())
        # why the upgrade of an older file stays in memory ("" when it was saved, or needs none)
        self.cannot_save = ""
        if self._unsaved_migration and save_migration:
            try:
                self._file.check_writable()
            except DataWriteError as error:
                # Read as the commands that only read do: upgraded here, never written.
                self._unsaved_migration = False
                self.cannot_save = (
                    f"{self.path} was written by an older infocoach and {error.problem}: it "
                    "is shown upgraded here, but nothing can be saved to it"
                )
            else:
                self._save_or_roll_back()

    def _read(self) -> tuple[Tables, bool, Stamp | None]:
        """The file's tables brought to this schema, whether that migrated them, and the
        file's stamp: DataFileError when they cannot be used."""
        with no_collection():
            tables, stamp, raw = self._file.read()
            validated, migrated = validate_tables(
                self.path, tables if tables is not None else {}, self.today(), raw or None
            )
        return validated, migrated, stamp

    def _stale_everything(self) -> None:
        for name in (*self._versions, CONTACTS, EVENT_LOG, COMPANIES):
            self._versions[name] = self._versions.get(name, 0) + 1
        self._contacts.clear()
        self._sorted = None

    def _changed(self, table: str, *contact_ids: int) -> None:
        """What a change touched: caches built from it are stale."""
        self._versions[table] = self._versions.get(table, 0) + 1
        if table in (CONTACTS, EVENT_LOG):
            self._touched.update(contact_ids)
            self._sorted = None

    def _change(self, change: Callable[[], T]) -> T:
        if self._read_only:
            raise DataWriteError(self.path, "it was opened only to read")
        with self._lock:
            if self._nesting:  # part of a change already under way
                return change()
            result, pending = self._record(change)
            self._pending.append(pending)
            self._changes_asked += 1
        if self._writer is not None:
            self._writer.wake()
        else:
            self._save_or_roll_back()
        return result

    def _record(self, change: Callable[[], T]) -> tuple[T, Pending]:
        """Run `change` on memory, noting what it does: its result, and what it did."""
        pending = Pending()
        self._recording = pending
        try:
            result = self._apply(change)
        finally:
            self._recording = None
        self._seal(pending)
        return result, pending

    def _apply(self, change: Callable[[], T]) -> T:
        """Run `change` on memory; if it fails, memory is as it was before."""
        writes = self._memory.writes
        self._nesting += 1
        try:
            return change()
        except BaseException:
            if self._memory.writes != writes:
                self._rebuild_memory()
            raise
        finally:
            self._nesting -= 1

    def _rebuild_memory(self) -> None:
        """Memory again as the file holds it, plus the pending changes."""
        self._adopt(*self._read())

    def _adopt(self, tables: Tables, migrated: bool, stamp: Stamp | None) -> None:
        """Hold what the file holds and apply the pending changes again on top of it."""
        self._memory.tables = tables
        self._next_ids = {}  # new tables: no stale next ids
        self._hybrid_clock.observe_tables(tables)
        self._stamp = stamp
        self._unsaved_migration = migrated and stamp is not None
        self._stale_everything()
        kept = []
        for pending in self._pending:
            try:
                self._replay(pending)
            except Gone as gone:  # checked before it wrote: it has changed nothing
                self._dropped.append(str(gone))
            else:
                kept.append(pending)
                self._stale_everything()  # what it wrote is news to the caches
        self._pending[:] = kept

    def _save_or_roll_back(self) -> None:
        """Save now; when that fails, memory goes back to what the file holds. A change that
        no longer applies on top of what another process saved meanwhile fails too."""
        try:
            self.flush()
            dropped = self.take_dropped()
            if dropped:
                raise DataWriteError(
                    self.path, f"it no longer applies after a change saved elsewhere: {dropped[0]}"
                )
        except (DataWriteError, DataFileError):
            with self._lock:
                self._pending.clear()
                with contextlib.suppress(DataFileError):
                    self._rebuild_memory()
            raise

    @property
    def unsaved(self) -> int:
        """How many changes are in memory but not yet on disk."""
        return len(self._pending) + self._unsaved_migration

    def flush(self) -> bool:
        """Save what memory holds and the file does not; returns whether anything was saved.

        Raises DataWriteError (nothing written) or DataFileError (the file changed into one
        that cannot be read: it is left as it is); the pending changes stay pending.
        """
        with self._file.lock:
            with self._lock:
                if not self.unsaved:
                    return False
            if self._file.stamp() != self._stamp:
                found = self._read()
                with self._lock:
                    self._adopt(*found)
            with self._lock:
                if not self.unsaved:
                    return False
                saving, asked = len(self._pending), self._changes_asked
                self._forget_old_tombstones()
                # A change puts new records in a table and never changes one in place (see
                # `memory`): the tables as they are now, encoded outside the lock.
                tables = {name: dict(table) for name, table in self._memory.tables.items()}
            try:
                payload = encode_tables(tables, self._memory.record_bytes)
            except (TypeError, ValueError) as error:
                raise DataWriteError(self.path, str(error)) from error
            self._file.check_writable()
            try:
                self._daily_backup()
            except OSError as error:
                raise DataWriteError(self.path, error.strerror or str(error)) from error
            written = self._file.write(payload)
            with self._lock:
                del self._pending[:saving]
                self._unsaved_migration = False
                self._stamp = written.stamp
                self._saved_through = asked
                if written.unconfirmed:
                    self._unconfirmed.append(written.unconfirmed)
        return True

    def as_saved(self, read: Callable[[], T]) -> tuple[T, Stamp] | None:
        """What `read` finds in memory, with the stamp of the file that holds exactly that;
        None while memory holds more than the file (a change not saved yet) or there is none."""
        with self._lock:
            if self.unsaved or self._stamp is None:
                return None
            return read(), self._stamp

    @property
    def last_change(self) -> int:
        """The number of the latest change asked for here (counted from the open): it has
        landed once `saved_through` reaches it."""
        return self._changes_asked

    @property
    def saved_through(self) -> int:
        """Every change asked for here up to this number is on disk (or was given up, as
        `take_dropped` tells)."""
        return self._saved_through

    def take_dropped(self) -> list[str]:
        """Why changes made here were given up since the last call: each no longer applied on
        top of what another process saved (say, to a contact deleted there)."""
        with self._lock:
            dropped, self._dropped = self._dropped, []
        return dropped

    def take_unconfirmed(self) -> list[str]:
        """Saves since the last call that landed though the disk did not confirm them, one
        line each (see `files.FolderNotSynced`): to tell her, never to save again."""
        with self._lock:
            unconfirmed, self._unconfirmed = self._unconfirmed, []
        return unconfirmed

    def save_in_background(self, listener: SaveListener) -> BackgroundWriter:
        """From now on changes return at once; a writer thread saves them, in order, and
        tells `listener` (from its own thread) how each save went."""
        if self._writer is not None:  # a store handed to a second app: one writer at a time
            self._writer.stop()
        self._memory.record_bytes = RecordBytes()  # saves now come often: each one small
        self._writer = BackgroundWriter(self.flush, lambda: self.unsaved, self._saved, listener)
        return self._writer

    def _saved(self, error: SaveError | None) -> SaveState:
        """How a background save went (`error`, or None when it landed), for the listener."""
        return SaveState(
            self.unsaved,
            error=error,
            dropped=tuple(self.take_dropped()),
            saved_through=self.saved_through,
            unconfirmed=tuple(self.take_unconfirmed()),
        )

    def wait_until_saved(self, timeout: float = 30.0) -> bool:
        """Wait for the background saves asked for so far; True when nothing is unsaved."""
        if self._writer is not None:
            self._writer.wait_until_idle(timeout)
        return not self.unsaved

    def retry_saving(self) -> None:
        """Try the failed background save again (without a writer: save now)."""
        if self._writer is not None:
            self._writer.retry()
        else:
            self.flush()

    def _daily_backup(self) -> None:
        today = self.today()
        if self._backed_up_on != today and self.path.exists():
            daily_backup(self.path, today)
            self._backed_up_on = today

    def _forget_old_tombstones(self) -> None:
        """Deletions older than TOMBSTONE_DAYS have travelled: no need to carry them on."""
        tombstones = self._memory.tables.get(TOMBSTONES)
        if not tombstones:
            return
        now = int(self._clock().timestamp() * 1000)
        cutoff = f"{now - TOMBSTONE_DAYS * _DAY_MILLIS:013d}"
        old = [int(key) for key, found in tombstones.items() if found["stamp"] < cutoff]
        if old:
            self._drop(TOMBSTONES, old)

    def export_bytes(self) -> bytes:
        """The whole data, encoded as the data file is: a backup `infocoach restore` accepts."""
        with self._lock:
            return encode_tables(self._memory.tables)

    def _now(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    def now(self) -> datetime:
        """The store's wall clock (faked in tests): what dates and times it records."""
        return self._clock()

    def today(self) -> date:
        return self._clock().date()

    @mutation
    def run_as_one(self, change: Callable[[], T]) -> T:
        """Several changes made and saved as one: all of them land, or none."""
        return change()
