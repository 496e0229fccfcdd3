"""The one door to the data: the CLI and the screens call this, never TinyDB.

Knows nothing of Textual or Rich. Each change is applied to the tables in memory at once and
kept as a *pending change* (the method and its arguments) until it is on disk. Saving
(`flush`) takes the data file's lock; if another process saved meanwhile, it reads their file
and applies the pending changes again on top of it, then writes the file once. So a change
shows at once, two processes never lose each other's changes, and a file that cannot be read
is never written over.

By default every change is saved before its method returns (the command line). The app calls
`save_in_background`: a writer thread then saves, in order, and reports each outcome.

When a sync tool has left a conflict copy beside the file (two machines changed it while
apart), opening and `refresh` merge it (see `merge`): a merge is a pending change like any
other, saved, and the copy then moved into `backups/`; `take_merged` says what came of it.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import gc
import inspect
import os
import shlex
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.table import Document, Table

from infocoach.core.calls import CallPlan, earned_items
from infocoach.core.companies import (
    Target,
    TargetsImported,
    check_contact_type,
    company_fields,
    company_key,
    contact_type,
    fold,
    rank_targets,
)
from infocoach.core.history import HistoryEntry, history, parse_entry_id
from infocoach.core.imports import Duplicates, ImportResult, Record, Rejection, Skipped
from infocoach.core.insights import merge_interviews
from infocoach.core.models import (
    EVENTS,
    ID_REFERENCE,
    MAX_MINUTES,
    MIN_MINUTES,
    AmbiguousName,
    CallDraft,
    Company,
    Contact,
    Interview,
    InvalidInput,
    LoggedEvent,
    OwnQuestion,
    Rehearsal,
    contact_fields,
)
from infocoach.core.stages import Event, derive_stage, stage_event
from infocoach.core.text import clean_line, clean_text, reading_order
from infocoach.data.backups import backup_folder, copy_to_backups, daily_backup
from infocoach.data.conflicts import conflict_copies
from infocoach.data.files import ensure_private_folder
from infocoach.data.locations import config_dir
from infocoach.data.merge import (
    MergeReport,
    copy_problem,
    large_change,
    merge,
    records_without_uid,
)
from infocoach.data.schema import (
    CALL_DRAFTS,
    COMPANIES,
    CONTACT_TABLES,
    CONTACTS,
    EVENT_LOG,
    INTERVIEWS,
    MESSAGE_DRAFTS,
    OWN_QUESTION_PREFIX,
    OWN_QUESTIONS,
    RECORD_TABLES,
    REHEARSALS,
    SEARCH_CHECKLIST,
    TOMBSTONES,
    call_draft_from,
    company_document,
    company_from,
    contact_from,
    document_from,
    event_from,
    interview_from,
    own_question_from,
    rehearsal_from,
    validate_tables,
)
from infocoach.data.stamps import BASE, MERGE_KEYS, STAMP, UID, HybridClock, device_id, new_uid
from infocoach.data.storage import (
    DataFile,
    DataFileError,
    DataWriteError,
    MemoryStorage,
    Stamp,
    Tables,
    encode_tables,
)
from infocoach.data.writer import BackgroundWriter, SaveError, SaveListener, SaveState

__all__ = ["CopySetAside", "DataFileError", "DataWriteError", "Logged", "Store", "Undo"]

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])
# How long a deletion is remembered: long enough to travel to every machine that syncs the
# folder, so a merge with a copy from one of them deletes the record there too.
TOMBSTONE_DAYS = 90
_DAY_MILLIS = 24 * 60 * 60 * 1000
# The label of the copy of the data file kept in backups/ before a conflict copy is merged in.
BEFORE_MERGE = "before-merge"


class CopySetAside(Exception):
    """A copy of the data from elsewhere that is not merged by itself: the reason, in words."""


@dataclass(frozen=True)
class UndoRecord:
    """One record an undoable change touched: as it was before and after (None: absent)."""

    table: str
    doc_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class Undo:
    """What takes one change back (see `Store.undoable`); `label` says what it was."""

    label: str
    records: tuple[UndoRecord, ...]

    def contact_ids(self) -> list[int]:
        """The contacts the change touched (directly or through their records)."""
        found: dict[int, None] = {}
        for record in self.records:
            document = record.before or record.after or {}
            contact_id = record.doc_id if record.table == CONTACTS else document.get("contact_id")
            if isinstance(contact_id, int):
                found[contact_id] = None
        return list(found)


def _difference(label: str, before: Tables, after: Tables) -> Undo:
    """What takes the tables from `after` back to `before`, record by record."""
    records = []
    for table_name in RECORD_TABLES:
        old, new = before.get(table_name, {}), after.get(table_name, {})
        for key in sorted(old.keys() | new.keys(), key=int):
            was, now = old.get(key), new.get(key)
            if was is not now and was != now:
                records.append(
                    UndoRecord(table_name, int(key), copy.deepcopy(was), copy.deepcopy(now))
                )
    return Undo(label, tuple(records))


@dataclass(frozen=True)
class Logged:
    """An event logged (see `Store.log_event_ticking`): its record and the checklist items
    logging it ticked (those not ticked already)."""

    event_id: int
    ticked: tuple[str, ...]


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """No garbage collection while a whole file's records are made: they are all kept, and
    each pass of the collector would look at all of them again (a third of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# The arguments of the store's changes that name a record by its doc id, and its table
_RECORD_ARGUMENTS = {
    "contact_id": CONTACTS,
    "company_id": COMPANIES,
    "keep_id": COMPANIES,
    "other_id": COMPANIES,
}


def _mutation(method: F) -> F:
    """A Store method that changes data: applied in memory at once, then saved (see module).

    The records its arguments name by doc id are followed by uid: applied again on top of
    what another process saved (where a record this process added may have another id now),
    the change still changes the records it changed first (see `_Taped`)."""
    signature = inspect.signature(method)

    def following(self: Store, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        bound = signature.bind(self, *args, **kwargs)
        for name, value in bound.arguments.items():
            table = _RECORD_ARGUMENTS.get(name)
            if table is not None and isinstance(value, int):
                bound.arguments[name] = self._meant(table, value)
            elif isinstance(value, CallPlan):
                bound.arguments[name] = replace(
                    value, contact_id=self._meant(CONTACTS, value.contact_id)
                )
        return method(*bound.args, **bound.kwargs)

    @functools.wraps(method)
    def run(self: Store, *args: Any, **kwargs: Any) -> Any:
        return self._change(functools.partial(following, self, args, kwargs))

    return run  # type: ignore[return-value]


class _Taped:
    """A change waiting to be saved, with what its first run saw: the uid of each record it
    made, and of each record its arguments named by doc id. Run again on top of what another
    process saved (see `Store._adopt`), it makes the same records (same uids) and changes the
    ones it changed first, whatever their doc ids are now."""

    def __init__(self, store: Store, change: Callable[[], Any]) -> None:
        self.store = store
        self.change = change
        self.ran = False
        self.made: list[str] = []  # uids of the records it made, in order
        self.meant: list[tuple[str, int, str]] = []  # (table, doc id, uid) of each named

    def __call__(self) -> Any:
        return self.store._run_taped(self)


class Store:
    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clock: Callable[[], datetime] | None = None,
        save_migration: bool = True,
        read_only: bool = False,
        merge_copies: bool = True,
    ):
        """Open (or prepare to create) the data file at `path`; DataFileError if unusable.

        An older file is migrated in memory, and saved unless `save_migration` is False
        (so that a check such as `doctor` never writes). `read_only` opens it for commands
        that only read: nothing is created, removed or written (a change is refused).
        The conflict copies beside it are merged (see `refresh`) unless `merge_copies` is
        False (`infocoach merge` names the one to merge).
        """
        self.path = Path(path)
        self._clock = clock or datetime.now
        self._read_only = read_only
        save_migration = save_migration and not read_only
        self._file = DataFile(self.path, prepare=not read_only)
        self._memory = MemoryStorage()
        self._db = TinyDB(storage=lambda: self._memory)
        self._lock = threading.RLock()  # guards memory: the UI thread and the writer take turns
        self._pending: list[Callable[[], Any]] = []  # applied in memory, not yet on disk
        self._tape: _Taped | None = None  # the change running now (see `_Taped`)
        self._tape_at = [0, 0]  # while one runs again: where it is in its `made` and `meant`
        self._uid_index: dict[str, dict[str, int]] = {}  # table -> uid -> doc id (see `_id_of`)
        self._unsaved_migration = False
        self._nesting = 0
        self._stamp: Stamp | None = None
        self._writer: BackgroundWriter | None = None
        self._backed_up_on: date | None = None
        self._dropped: list[str] = []  # why pending changes no longer applied after a reload
        self._unconfirmed: list[str] = []  # saves that landed but the disk did not confirm
        self._changes_asked = 0  # changes asked for since the open, saved or not
        self._saved_through = 0  # every change up to this number has landed (or was dropped)
        # what merging conflict copies did, one line each, and what takes a saved merge back
        self._merged: list[tuple[str, Undo | None]] = []
        self._copies_told: set[Path] = set()  # conflict copies left where they are, told once
        self._hybrid_clock = HybridClock(device_id(config_dir()))
        # while an undoable change runs: (table, record id) -> the record before it (None: new)
        self._journal: dict[tuple[str, int], dict[str, Any] | None] | None = None
        # caches, each rebuilt when its `_versions` entry moves
        self._versions: dict[str, int] = {}
        self._touched: set[int] = set()  # contacts whose cached record is stale
        self._contacts: dict[int, Contact] = {}
        self._sorted: list[Contact] | None = None
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
        if merge_copies:
            self._merge_conflict_copies()

    # -- memory, disk and the pending changes -------------------------------------------

    def _read(self) -> tuple[Tables, bool, Stamp | None]:
        """The file's tables brought to this schema, whether that migrated them, and the
        file's stamp: DataFileError when they cannot be used."""
        with _no_collection():
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
            taped = _Taped(self, change)
            result: T = self._apply(taped)
            self._pending.append(taped)
            self._changes_asked += 1
        if self._writer is not None:
            self._writer.wake()
        else:
            self._save_or_roll_back()
        return result

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

    def _run_taped(self, taped: _Taped) -> Any:
        """Run a change, noting what it makes and names the first time, following that after."""
        outer, outer_at = self._tape, self._tape_at
        self._tape, self._tape_at = taped, [0, 0]
        try:
            return taped.change()
        finally:
            taped.ran = True
            self._tape, self._tape_at = outer, outer_at

    def _meant(self, table: str, doc_id: int) -> int:
        """The doc id, now, of the record a change named `doc_id` when it first ran; KeyError
        when that record is gone (deleted by another process)."""
        taped = self._tape
        if taped is None:
            return doc_id
        if not taped.ran:
            found = self._memory.tables.get(table, {}).get(str(doc_id))
            taped.meant.append((table, doc_id, str(found.get(UID, "")) if found else ""))
            return doc_id
        at = self._tape_at[1]
        self._tape_at[1] += 1
        if at < len(taped.meant):
            was_table, was_id, uid = taped.meant[at]
            if (was_table, was_id) == (table, doc_id) and uid:
                now = self._id_of(table, uid)
                if now is None:
                    raise KeyError(doc_id)
                return now
        return doc_id

    def _new_uid(self) -> str:
        """The uid of a record a change makes: the one it made the first time it ran."""
        taped = self._tape
        if taped is None:
            return new_uid()
        if not taped.ran:
            taped.made.append(new_uid())
            return taped.made[-1]
        at = self._tape_at[0]
        self._tape_at[0] += 1
        return taped.made[at] if at < len(taped.made) else new_uid()

    def _id_of(self, table: str, uid: str) -> int | None:
        """The doc id of the record of `table` with this uid (None: there is none)."""
        stored = self._memory.tables.get(table, {})
        found = self._uid_index.get(table, {}).get(uid)
        if found is not None and stored.get(str(found), {}).get(UID) == uid:
            return found
        index = {str(document.get(UID)): int(key) for key, document in stored.items()}
        self._uid_index[table] = index
        return index.get(uid)

    def _rebuild_memory(self) -> None:
        """Memory again as the file holds it, plus the pending changes."""
        self._adopt(*self._read())

    def _adopt(self, tables: Tables, migrated: bool, stamp: Stamp | None) -> None:
        """Hold what the file holds and apply the pending changes again on top of it."""
        self._memory.tables = tables
        self._db = TinyDB(storage=lambda: self._memory)  # new tables: no stale next ids
        self._hybrid_clock.observe_tables(tables)
        self._stamp = stamp
        self._unsaved_migration = migrated and stamp is not None
        self._stale_everything()
        kept = []
        self._nesting += 1
        try:
            for change in self._pending:
                try:
                    change()
                except KeyError as error:
                    # Every change checks before it writes, so one that no longer applies
                    # has changed nothing.
                    self._dropped.append(f"contact #{error.args[0]} was deleted there")
                except (InvalidInput, ValueError) as error:
                    self._dropped.append(str(error))
                else:
                    kept.append(change)
        finally:
            self._nesting -= 1
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
                try:
                    payload = encode_tables(self._memory.tables)
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

    def refresh(self) -> bool:
        """Catch up with what another process saved; returns whether there was anything.

        Never waits: when a save is under way, it is left for the next call.
        """
        if not self._file.lock.acquire(wait=False):
            return False
        try:
            changed = self._file.stamp() != self._stamp
            if changed:
                found = self._read()  # DataFileError: memory stays as it is
                with self._lock:
                    self._adopt(*found)
        finally:
            self._file.lock.release()
        return self._merge_conflict_copies() or changed

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

    def take_merged(self) -> list[str]:
        """What merging the sync tool's conflict copies did since the last call, one line
        each (see `MergeReport.summary`), and each copy that could not be merged."""
        return [line for line, _ in self.take_merges()]

    def take_merges(self) -> list[tuple[str, Undo | None]]:
        """As `take_merged`, each line with what takes that merge back (see `undo`; None for
        a merge not saved, or a copy not merged)."""
        with self._lock:
            merged, self._merged = self._merged, []
        return merged

    # -- conflict copies: two machines' changes made one -------------------------------------

    def _merge_conflict_copies(self) -> bool:
        """Merge each conflict copy beside the data file (see `merge`), save, and move the
        copy into `backups/`; returns whether any was merged.

        A copy that cannot be read, or is not to be trusted, or would change too much to be
        merged by itself (see `merge.large_change`), is left where it is, and said so once.
        A store opened only to read merges in memory (what it shows is the merged data) and
        leaves the saving and the copy to the next store that writes: it never writes nor
        moves a file."""
        merged_any = False
        for found in conflict_copies(self.path):
            if found.path in self._copies_told:
                continue
            try:
                theirs = self._read_copy(found.path)
                if theirs is not None:
                    self._refuse_large(found.path, theirs, found.describe())
            except DataFileError as error:
                self._copies_told.add(found.path)
                self._merged.append(
                    (
                        f"A conflict copy left by a sync tool could not be merged and stays where "
                        f"it is ({found.path.name}): {error.problem}",
                        None,
                    )
                )
                continue
            except CopySetAside as aside:
                self._copies_told.add(found.path)
                self._merged.append(
                    (
                        f"A conflict copy left by a sync tool was set aside, not merged; it stays "
                        f"where it is ({found.path.name}): {aside}.",
                        None,
                    )
                )
                continue
            if theirs is None:  # moved away meanwhile (by another infocoach)
                continue
            merged_any = True
            self._merged.append(self._merge_copy(found.path, theirs, found.describe(), move=True))
        return merged_any

    def _refuse_large(self, path: Path, theirs: Tables, source: str) -> None:
        """CopySetAside when merging `theirs` would delete or change more than a handful of
        records: that waits for her to look (`infocoach merge`)."""
        with self._lock:
            _, report = merge(self._memory.tables, theirs, source)
            large = large_change(report, self._memory.tables)
        if large:
            named = shlex.quote(str(path))
            raise CopySetAside(
                f"{large}, more than is merged without asking. `infocoach merge {named} "
                f"--dry-run` shows the changes, `infocoach merge {named}` makes them (keeping "
                "the data as it is now in backups/ first)"
            )

    def merge_file(self, path: Path, *, dry_run: bool = False) -> str:
        """Merge the copy of the data at `path` whatever it changes (`infocoach merge`), and
        move it into `backups/` when it is a conflict copy of this file; the line that says
        what came of it. With `dry_run`, the line says what would, and nothing is written.

        DataFileError when it cannot be read, CopySetAside when it is not to be trusted,
        DataWriteError when the merge could not be saved."""
        copies = {found.path.resolve(): found for found in conflict_copies(self.path)}
        found = copies.get(path.resolve())
        source = found.describe() if found is not None else str(path)
        theirs = self._read_copy(path)
        if theirs is None:
            raise DataFileError(path, "there is no such file")
        if dry_run:
            with self._lock:
                _, report = merge(self._memory.tables, theirs, source)
            return report.summary(would=True)
        line, undo = self._merge_copy(path, theirs, source, move=found is not None)
        if undo is None:
            raise DataWriteError(self.path, line)
        return line

    def _read_copy(self, path: Path) -> Tables | None:
        """A conflict copy's tables, read, checked and migrated as the data file is (None
        when it is gone); DataFileError when it cannot be read. `CopySetAside` when it is not
        to be trusted (see `merge.copy_problem`)."""
        with _no_collection():
            tables, _, raw = DataFile(path, prepare=False).read()
            if tables is None:
                return None
            without_uid = records_without_uid(tables)
            validated, _ = validate_tables(path, tables, self.today(), raw or None)
        with self._lock:
            problem = copy_problem(self._memory.tables, validated, self._now_millis(), without_uid)
        if problem:
            raise CopySetAside(problem)
        return validated

    def _merge_copy(
        self, path: Path, theirs: Tables, source: str, *, move: bool
    ) -> tuple[str, Undo | None]:
        """Merge one readable copy (`source` names it), and `move` it into `backups/`: the line
        that says what came of it, and what takes it back.

        The data file as it was is kept in `backups/` first (`infocoach restore` takes it
        back), and the merge is saved as one change that `undo` takes back."""
        kept = None
        if not self._read_only and self.path.exists():
            try:
                kept = copy_to_backups(self.path, BEFORE_MERGE)
            except OSError as error:
                self._copies_told.add(path)
                return (
                    f"A conflict copy left by a sync tool was not merged and stays where it is "
                    f"({path.name}): the data file could not be kept in "
                    f"{backup_folder(self.path)} first: {error.strerror or error}",
                    None,
                )
        outcome: list[tuple[MergeReport, Undo]] = []
        change = functools.partial(self._merge_in, theirs, source, outcome)
        with self._lock:
            self._apply(change)
            if not self._read_only:
                self._pending.append(change)  # applied again should the file change first
        if self._read_only:
            self._copies_told.add(path)
            return f"{outcome[-1][0].summary()} Not saved yet: this command only reads.", None
        try:
            self.flush()
            if move:
                self._move_to_backups(path)
        except (DataWriteError, DataFileError, OSError) as error:
            self._copies_told.add(path)
            summary = outcome[-1][0].summary()
            return f"{summary} The copy {path.name} stays where it is: {error}", None
        report, undo = outcome[-1]
        where = f" The data as it was is kept in {kept}." if kept is not None else ""
        return f"{report.summary()}{where}", undo

    def _merge_in(
        self, theirs: Tables, source: str, outcome: list[tuple[MergeReport, Undo]]
    ) -> None:
        """Merge `theirs` into memory; `outcome` gets the report and what takes it back (the
        last one counts: a merge is applied again when another process saved first)."""
        # A copy of theirs each time: the merged records are then changed in place here.
        fresh = {
            name: {key: dict(doc) for key, doc in table.items()} for name, table in theirs.items()
        }
        self._hybrid_clock.observe_tables(fresh)
        before = self._memory.tables
        merged, report = merge(before, fresh, source)
        self._memory.tables = merged
        self._memory.writes += 1
        self._db = TinyDB(storage=lambda: self._memory)  # new tables: no stale next ids
        self._stale_everything()
        label = f"merged the changes from {source or 'another machine'}"
        outcome.append((report, _difference(label, before, merged)))

    def _move_to_backups(self, copy_path: Path) -> None:
        """Out of the way, never deleted: `backups/merged-<its name>`."""
        folder = backup_folder(self.path)
        ensure_private_folder(folder)
        target, number = folder / f"merged-{copy_path.name}", 1
        while target.exists():
            number += 1
            target = folder / f"merged-{number}-{copy_path.name}"
        with contextlib.suppress(FileNotFoundError):  # another infocoach moved it first
            os.replace(copy_path, target)

    def save_in_background(self, listener: SaveListener) -> BackgroundWriter:
        """From now on changes return at once; a writer thread saves them, in order, and
        tells `listener` (from its own thread) how each save went."""
        if self._writer is not None:  # a store handed to a second app: one writer at a time
            self._writer.stop()
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

    def _table(self, name: str) -> Table:
        return self._db.table(name, cache_size=0)

    def _records(self, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
        with self._lock:
            found = list(self._memory.tables.get(name, {}).items())
        return ((int(doc_id), document) for doc_id, document in found)

    def _now(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    def now(self) -> datetime:
        """The store's wall clock (faked in tests): what dates and times it records."""
        return self._clock()

    def today(self) -> date:
        return self._clock().date()

    @_mutation
    def run_as_one(self, change: Callable[[], T]) -> T:
        """Several changes made and saved as one: all of them land, or none."""
        return change()

    # -- contacts -------------------------------------------------------------------------

    def _event_index(self) -> dict[int, list[Event]]:
        """Every contact's event log in date order, built again only when the events change."""
        version = self._versions.get(EVENT_LOG, 0)
        if self._events_index[0] != version:
            grouped: dict[int, list[Event]] = {}
            for doc_id, document in self._records(EVENT_LOG):
                event = stage_event(event_from(document, doc_id))
                if event is not None:
                    grouped.setdefault(document["contact_id"], []).append(event)
            for events in grouped.values():
                events.sort()
            self._events_index = (version, grouped)
        return self._events_index[1]

    def events_by_contact(self) -> dict[int, list[Event]]:
        """Contact id -> that contact's events in date order (contacts with none left out)."""
        with self._lock:
            return {key: list(found) for key, found in self._event_index().items()}

    def _with_stage(self, contact: Contact) -> Contact:
        """The contact with the stage its event log shows (the stored one when it has none)
        and the contact type it shows (unless she chose one)."""
        events = self._event_index().get(contact.id, ())
        stage = derive_stage(events, contact.stage)
        kind = contact.contact_type_override or contact_type(events, self.today())
        if stage == contact.stage and kind == contact.contact_type:
            return contact
        return replace(contact, stage=stage, contact_type=kind)

    def contacts(self) -> list[Contact]:
        """Every contact, sorted by name as people read (case and accents aside), then id."""
        with self._lock, _no_collection():
            today = self.today()
            if self._typed_on != today:  # a contact's type moves on with the days of silence
                self._typed_on = today
                self._contacts.clear()
                self._sorted = None
            if self._sorted is None:
                documents = self._memory.tables.get(CONTACTS, {})
                if not self._contacts:
                    self._touched = {int(doc_id) for doc_id in documents}
                index = self._event_index()
                for contact_id in self._touched:
                    document = documents.get(str(contact_id))
                    if document is None:
                        self._contacts.pop(contact_id, None)
                    else:
                        # as `_with_stage`, without building the contact twice
                        stored = document.get("stage", "identified")
                        events = index.get(contact_id, ())
                        stage = derive_stage(events, stored)
                        kind = contact_type(events, today)
                        self._contacts[contact_id] = contact_from(document, contact_id, stage, kind)
                self._touched = set()
                self._sorted = sorted(
                    self._contacts.values(),
                    key=lambda contact: (reading_order(contact.name), contact.id),
                )
            return list(self._sorted)

    def contact_count(self) -> int:
        with self._lock:
            return len(self._memory.tables.get(CONTACTS, {}))

    def get_contact(self, contact_id: int) -> Contact:
        with self._lock:
            document = self._memory.tables.get(CONTACTS, {}).get(str(contact_id))
            if document is None:
                raise KeyError(contact_id)
            return self._with_stage(contact_from(document, contact_id))

    def contact_by_uid(self, uid: str) -> Contact:
        """The contact with this uid, wherever it is now (another process's save may have
        given a contact added here another doc id); KeyError when there is none."""
        with self._lock:
            found = self._id_of(CONTACTS, uid) if uid else None
        if found is None:
            raise KeyError(uid)
        return self.get_contact(found)

    def contact_now(self, contact: Contact) -> Contact:
        """`contact` as the store holds it now, found by its uid (see `contact_by_uid`; by
        id when it has none); KeyError when it is gone."""
        return self.contact_by_uid(contact.uid) if contact.uid else self.get_contact(contact.id)

    def find_contact(self, name: str) -> Contact:
        """The contact called `name` (ignoring case and accents), or `#ID`: InvalidInput when
        there is none, AmbiguousName when several share the name."""
        wanted = clean_line(name)
        if ID_REFERENCE.fullmatch(wanted):
            try:
                return self.get_contact(int(wanted[1:]))
            except KeyError:
                raise InvalidInput({"name": f"no contact has the id {wanted}"}) from None
        matches = self.contacts_named(wanted)
        if not matches:
            raise InvalidInput({"name": f"no contact is named {wanted!r}"})
        if len(matches) > 1:
            raise AmbiguousName(wanted, tuple(matches))
        return matches[0]

    def contacts_named(self, name: str) -> list[Contact]:
        """Every contact called `name` (ignoring case and accents)."""
        wanted = fold(name)
        return [c for c in self.contacts() if fold(c.name) == wanted]

    def _resolve_referrer(self, value: object, own_id: int | None) -> int | None:
        if value is None or value == "":
            return None
        if isinstance(value, int):
            if not self._table(CONTACTS).contains(doc_id=value):
                raise InvalidInput({"referred_by": f"no contact has id {value}"})
            referrer_id = value
        else:
            try:
                referrer_id = self.find_contact(str(value)).id
            except AmbiguousName:
                raise
            except InvalidInput as error:
                raise InvalidInput({"referred_by": error.problems["name"]}) from None
        if referrer_id == own_id:
            raise InvalidInput({"referred_by": "a contact cannot refer themselves"})
        return referrer_id

    @_mutation
    def add_contact(self, **raw: object) -> Contact:
        """Add a contact from typed values or typed-in text; raises InvalidInput."""
        values = contact_fields({"name": "", **raw})
        if "referred_by" in values:
            values["referred_by"] = self._resolve_referrer(values["referred_by"], None)
        if "company" in values:
            values["company_id"] = self._company_for(str(values["company"]))
        now = self._now()
        contact = Contact(id=0, created=now, updated=now, **values)  # type: ignore[arg-type]
        contact_id = self._insert_doc(CONTACTS, document_from(contact))
        self._changed(CONTACTS, contact_id)
        return self.get_contact(contact_id)

    @_mutation
    def update_contact(self, contact_id: int, **raw: object) -> Contact:
        current = self.get_contact(contact_id)
        values = contact_fields(raw)
        if "referred_by" in values:
            values["referred_by"] = self._resolve_referrer(values["referred_by"], contact_id)
        if "company" in values:
            values["company_id"] = self._company_for(str(values["company"]), current)
        return self._write_contact(replace(current, **values))  # type: ignore[arg-type]

    @_mutation
    def set_contact_type(self, contact_id: int, label: str) -> Contact:
        """Say what kind of contact this is (booster, obligate, curmudgeon), whatever the log
        shows; "" goes back to what the log shows."""
        current = self.get_contact(contact_id)
        return self._write_contact(
            replace(current, contact_type_override=check_contact_type(label))
        )

    def _write_contact(self, contact: Contact) -> Contact:
        contact = replace(contact, updated=self._now())
        self._update_docs(CONTACTS, document_from(contact), [contact.id])
        self._changed(CONTACTS, contact.id)
        return self._with_stage(contact)

    @_mutation
    def delete_contact(self, contact_id: int) -> Contact:
        """Remove a contact with its interviews, events and rehearsals, in one save (see
        `undoable` to take it back)."""
        contact = self.get_contact(contact_id)
        for name in CONTACT_TABLES:
            mine = [i for i, d in self._records(name) if d.get("contact_id") == contact_id]
            if mine:
                self._remove_docs(name, mine)
                self._changed(name, contact_id)
        referred = [c.id for c in self.contacts() if c.referred_by == contact_id]
        if referred:
            self._update_docs(CONTACTS, {"referred_by": None}, referred)
        self._remove_docs(CONTACTS, [contact_id])
        self._changed(CONTACTS, contact_id, *referred)
        return contact

    # -- companies: her target list (see `core.companies`) -----------------------------------

    def _company_index(self) -> dict[str, int]:
        """`company_key` -> the id of the company of that name (the oldest, should a merge of
        two machines' copies have made two), built again only when the companies change."""
        version = self._versions.get(COMPANIES, 0)
        if self._company_keys[0] != version:
            index: dict[str, int] = {}
            for doc_id, document in sorted(self._records(COMPANIES), key=lambda found: found[0]):
                index.setdefault(company_key(document["name"]), doc_id)
            self._company_keys = (version, index)
        return self._company_keys[1]

    def _company_for(self, name: str, contact: Contact | None = None) -> int | None:
        """The id of the company `name` names, made when there is none (None for no name).
        A `contact` keeps its link while its company text still means the same company: she
        may have renamed the company record since."""
        key = company_key(name)
        if not key:
            return None
        if (
            contact is not None
            and contact.company_id is not None
            and company_key(contact.company) == key
            and str(contact.company_id) in self._memory.tables.get(COMPANIES, {})
        ):
            return contact.company_id
        found = self._company_index().get(key)
        if found is not None:
            return found
        now = self._now()
        company = Company(id=0, name=clean_line(name), created=now, updated=now)
        company_id = self._insert_doc(COMPANIES, company_document(company))
        self._changed(COMPANIES)
        return company_id

    def _link_companies(self, documents: list[dict[str, Any]]) -> None:
        """Link each new contact's record to its company, adding the companies not yet known
        all at once (one insert: TinyDB's rewrites the table each time)."""
        known = self._company_index()
        new: dict[str, dict[str, Any]] = {}  # company_key -> the company record to add
        now = self._now()
        for document in documents:
            key = company_key(document["company"])
            if key and key not in known and key not in new:
                company = Company(id=0, name=document["company"], created=now, updated=now)
                new[key] = company_document(company)
        if new:
            added = self._insert_docs(COMPANIES, list(new.values()))
            self._changed(COMPANIES)
            known = {**known, **dict(zip(new, added, strict=True))}
        for document in documents:
            document["company_id"] = known.get(company_key(document["company"]))

    def companies(self) -> list[Company]:
        """Every company, sorted by name (ignoring case and accents), then id."""
        found = [company_from(document, i) for i, document in self._records(COMPANIES)]
        return sorted(found, key=lambda company: (fold(company.name), company.id))

    def get_company(self, company_id: int) -> Company:
        with self._lock:
            document = self._memory.tables.get(COMPANIES, {}).get(str(company_id))
        if document is None:
            raise KeyError(company_id)
        return company_from(document, company_id)

    def find_company(self, name: str) -> Company:
        """The company `name` names ("ACME" finds "Acme Inc.": see `company_key`), or `#ID`;
        InvalidInput when there is none."""
        wanted = clean_line(name)
        if ID_REFERENCE.fullmatch(wanted):
            try:
                return self.get_company(int(wanted[1:]))
            except KeyError:
                raise InvalidInput({"company": f"no company has the id {wanted}"}) from None
        found = self._company_index().get(company_key(wanted))
        if found is None:
            raise InvalidInput({"company": f"no company is named {wanted!r}"})
        return self.get_company(found)

    def _refuse_clash(self, name: str, own_id: int | None) -> None:
        """InvalidInput when another company already goes by `name` (see `company_key`)."""
        found = self._company_index().get(company_key(name))
        if found is not None and found != own_id:
            other = self.get_company(found)
            raise InvalidInput(
                {"name": f"{name!r} is already on the list as {other.name!r} (#{other.id})"}
            )

    @_mutation
    def add_company(self, **raw: object) -> Company:
        """Add a company from typed values or typed-in text; InvalidInput for a bad value or
        a name another company goes by."""
        values = company_fields({"name": "", **raw})
        self._refuse_clash(str(values["name"]), None)
        now = self._now()
        company = Company(id=0, created=now, updated=now, **values)  # type: ignore[arg-type]
        company_id = self._insert_doc(COMPANIES, company_document(company))
        self._changed(COMPANIES)
        return self.get_company(company_id)

    @_mutation
    def update_company(self, company_id: int, **raw: object) -> Company:
        """Change the fields given; the contacts' company text stays as they wrote it."""
        current = self.get_company(company_id)
        values = company_fields(raw)
        if "name" in values:
            self._refuse_clash(str(values["name"]), company_id)
        return self._write_company(replace(current, **values))  # type: ignore[arg-type]

    def _write_company(self, company: Company) -> Company:
        company = replace(company, updated=self._now())
        self._update_docs(COMPANIES, company_document(company), [company.id])
        self._changed(COMPANIES)
        return company

    @_mutation
    def merge_companies(self, keep_id: int, other_id: int) -> Company:
        """Make two records of one company one: the other's contacts link to the one kept,
        its notes are added to the kept one's, a score or mark the kept one lacks is taken
        from it; then it is deleted. Undo with `undoable`."""
        if keep_id == other_id:
            raise InvalidInput({"company": "a company cannot be merged with itself"})
        keep, other = self.get_company(keep_id), self.get_company(other_id)
        notes = keep.notes
        if other.notes and other.notes not in notes:
            notes = f"{notes}\n\n{other.notes}" if notes else other.notes
        merged = replace(
            keep,
            website=keep.website or other.website,
            industry=keep.industry or other.industry,
            motivation=max(keep.motivation, other.motivation),
            posting=max(keep.posting, other.posting),
            shared_background=keep.shared_background or other.shared_background,
            notes=notes,
        )
        moved = [contact.id for contact in self.contacts() if contact.company_id == other_id]
        if moved:
            self._update_docs(CONTACTS, {"company_id": keep_id}, moved)
            self._changed(CONTACTS, *moved)
        self._remove_docs(COMPANIES, [other_id])
        return self._write_company(merged)

    @_mutation
    def import_targets(self, rows: Sequence[Mapping[str, object]]) -> TargetsImported:
        """Add each company of an imported LAMP list, or update the one of that name with the
        other fields given, in one save: all land, or none (a bad value: InvalidInput)."""
        # All rows first, then one insert and one update: TinyDB rewrites a table on each
        # write, and a write of the companies rebuilds their index (16,000 rows: minutes).
        known = self._company_index()
        new: dict[str, dict[str, Any]] = {}  # company_key -> the record to add
        changed: dict[int, dict[str, Any]] = {}  # id -> the record as it becomes
        now = self._now()
        for row in rows:
            values = company_fields({"name": "", **row})
            key = company_key(str(values["name"]))
            found = known.get(key)
            if found is None and key not in new:
                company = Company(id=0, created=now, updated=now, **values)  # type: ignore[arg-type]
                new[key] = company_document(company)
                continue
            values.pop("name")  # named again: the row's other values win, as in a change
            if found is None:
                new[key].update(values)
            else:
                before = changed.get(found) or company_document(self.get_company(found))
                changed[found] = {**before, **values, "updated": now}
        if new:
            self._insert_docs(COMPANIES, list(new.values()))
        if changed:
            self._update_each(COMPANIES, changed)
        if new or changed:
            self._changed(COMPANIES)
        return TargetsImported(len(new), len(changed))

    def targets(self) -> list[Target]:
        """The LAMP list: every company in the order to work them (see `core.companies`)."""
        conversations = merge_interviews(self.interviews(), self.events_by_contact())
        return rank_targets(self.companies(), self.contacts(), conversations)

    def _insert(self, table_name: str, wanted_id: int, document: dict[str, Any]) -> int:
        """Insert under `wanted_id` unless a record holds it (then under a new id)."""
        if self._table(table_name).contains(doc_id=wanted_id):
            return self._insert_doc(table_name, document)
        return self._insert_doc(table_name, document, wanted_id)

    # -- every write goes through these three (so that a change can be undone) ------------

    def _note_before(self, table_name: str, doc_ids: Iterable[int], *, new: bool = False) -> None:
        """While an undoable change runs: how each record it touches looked before (None for
        a `new` one)."""
        if self._journal is None:
            return
        stored = self._memory.tables.get(table_name, {})
        for doc_id in doc_ids:
            key = (table_name, doc_id)
            if key not in self._journal:
                before = None if new else stored.get(str(doc_id))
                self._journal[key] = copy.deepcopy(before) if before is not None else None

    # They also stamp each record for a merge (see `stamps`): a new record gets a uid, a
    # changed one a new stamp on top of the one it had, a removed one leaves a tombstone.

    def _now_millis(self) -> int:
        return int(self._clock().timestamp() * 1000)

    def _next_stamp(self) -> str:
        return self._hybrid_clock.stamp(self._now_millis())

    def _stamped(self, table_name: str, document: Mapping[str, Any]) -> dict[str, Any]:
        """`document` as a new version: a new record, or one coming back (undo) under the
        uid it had, made on top of the version it had."""
        uid = document.get(UID)
        if uid:
            self._forget_tombstone(table_name, uid)
            return {**document, BASE: document.get(STAMP, ""), STAMP: self._next_stamp()}
        return {**document, UID: self._new_uid(), STAMP: self._next_stamp(), BASE: ""}

    def _insert_doc(
        self, table_name: str, document: Mapping[str, Any], doc_id: int | None = None
    ) -> int:
        table = self._table(table_name)
        stamped = self._stamped(table_name, document)
        new_id = table.insert(stamped if doc_id is None else Document(stamped, doc_id=doc_id))
        self._note_before(table_name, [new_id], new=True)
        return new_id

    def _insert_docs(self, table_name: str, documents: list[dict[str, Any]]) -> list[int]:
        # One insert for all: TinyDB's insert() rewrites the table each time.
        stamped = [self._stamped(table_name, document) for document in documents]
        added = self._table(table_name).insert_multiple(stamped)
        self._note_before(table_name, added, new=True)
        return added

    def _update_docs(self, table_name: str, fields: Mapping[str, Any], doc_ids: list[int]) -> None:
        self._update_each(table_name, dict.fromkeys(doc_ids, fields))

    def _update_each(self, table_name: str, fields: Mapping[int, Mapping[str, Any]]) -> None:
        """Give each record of `fields` its own changes, in one write of the table."""
        self._note_before(table_name, fields)
        stored = self._memory.tables.get(table_name, {})
        # TinyDB hands the update only the record: its uid says which changes are its own.
        # What a record is to a merge is the store's to say, never a caller's (nor an undo's).
        by_uid = {
            stored[str(doc_id)][UID]: {k: v for k, v in changes.items() if k not in MERGE_KEYS}
            for doc_id, changes in fields.items()
            if str(doc_id) in stored
        }

        def change(document: MutableMapping[str, Any]) -> None:
            base = document.get(STAMP, "")
            document.update(by_uid[document[UID]])
            document[BASE] = base
            document[STAMP] = self._next_stamp()

        self._table(table_name).update(change, doc_ids=list(fields))

    def _remove_docs(self, table_name: str, doc_ids: list[int]) -> None:
        self._note_before(table_name, doc_ids)
        stored = self._memory.tables.get(table_name, {})
        uids = [stored[str(i)].get(UID) for i in doc_ids if str(i) in stored]
        self._table(table_name).remove(doc_ids=doc_ids)
        deaths = [
            {"table": table_name, "uid": uid, "stamp": self._next_stamp()} for uid in uids if uid
        ]
        if deaths:
            self._table(TOMBSTONES).insert_multiple(deaths)

    def _forget_tombstone(self, table_name: str, uid: str) -> None:
        tombstones = self._memory.tables.get(TOMBSTONES, {})
        gone = [
            int(k) for k, d in tombstones.items() if d["uid"] == uid and d["table"] == table_name
        ]
        if gone:
            self._table(TOMBSTONES).remove(doc_ids=gone)

    def _forget_old_tombstones(self) -> None:
        """Deletions older than TOMBSTONE_DAYS have travelled: no need to carry them on."""
        tombstones = self._memory.tables.get(TOMBSTONES)
        if not tombstones:
            return
        now = int(self._clock().timestamp() * 1000)
        cutoff = f"{now - TOMBSTONE_DAYS * _DAY_MILLIS:013d}"
        old = [int(key) for key, found in tombstones.items() if found["stamp"] < cutoff]
        if old:
            self._table(TOMBSTONES).remove(doc_ids=old)

    # -- undo -----------------------------------------------------------------------------

    def undoable(self, label: str, change: Callable[[], T]) -> tuple[T, Undo]:
        """Make `change` (store calls, saved as one) and return what takes it back."""
        journal: dict[tuple[str, int], dict[str, Any] | None] = {}

        def journaled() -> T:
            # Runs under the store's lock (also when applied again after a reload: the
            # records seen first stay, so the journal keeps what the change found).
            self._journal = journal
            try:
                return change()
            finally:
                self._journal = None

        result = self.run_as_one(journaled)
        records = []
        with self._lock:
            for (table_name, doc_id), before in journal.items():
                after = self._memory.tables.get(table_name, {}).get(str(doc_id))
                if before != after:
                    after_copy = copy.deepcopy(after) if after is not None else None
                    records.append(UndoRecord(table_name, doc_id, before, after_copy))
        return result, Undo(label, tuple(records))

    @_mutation
    def undo(self, undo: Undo) -> None:
        """Take a change back. A record changed since keeps the fields changed since; a
        removed contact whose id was taken meanwhile comes back under a new id (its records
        and referrals follow)."""
        new_ids: dict[int, int] = {}
        touched: set[str] = set()
        ordered = sorted(undo.records, key=lambda record: record.table != CONTACTS)
        for record in ordered:
            touched.add(record.table)
            uid = str((record.after or record.before or {}).get(UID, ""))
            now = self._id_of(record.table, uid) if uid else None
            if now is not None and now != record.doc_id:  # renumbered since: follow it
                record = replace(record, doc_id=now)
            current = self._memory.tables.get(record.table, {}).get(str(record.doc_id))
            if record.before is None:
                if current is not None:
                    self._remove_docs(record.table, [record.doc_id])
            elif record.after is None or current is None:
                document = dict(record.before)
                if record.table != CONTACTS and document.get("contact_id") in new_ids:
                    document["contact_id"] = new_ids[document["contact_id"]]
                restored = self._insert(record.table, record.doc_id, document)
                if record.table == CONTACTS and restored != record.doc_id:
                    new_ids[record.doc_id] = restored
            else:
                fields = {
                    key: copy.deepcopy(value)
                    for key, value in record.before.items()
                    if record.after.get(key) != value and current.get(key) == record.after.get(key)
                }
                if fields:
                    self._update_docs(record.table, fields, [record.doc_id])
        for old_id, new_id in new_ids.items():
            pointing = [i for i, d in self._records(CONTACTS) if d.get("referred_by") == old_id]
            if pointing:
                self._update_docs(CONTACTS, {"referred_by": new_id}, pointing)
        self._stale_everything()

    # -- checklist ------------------------------------------------------------------------

    def _check(
        self, contact: Contact, item_id: str, checked: bool, day: date | None = None
    ) -> Contact:
        checklist = dict(contact.checklist)
        if checked:
            checklist[item_id] = (day or self.today()).isoformat()
        else:
            checklist.pop(item_id, None)
        return self._write_contact(replace(contact, checklist=checklist))

    @_mutation
    def set_checked(self, contact_id: int, item_id: str, checked: bool) -> Contact:
        """Tick (stamped with today's date) or untick one checklist item."""
        return self._check(self.get_contact(contact_id), item_id, checked)

    @_mutation
    def toggle_checked(self, contact_id: int, item_id: str) -> Contact:
        contact = self.get_contact(contact_id)
        return self._check(contact, item_id, item_id not in contact.checklist)

    def search_checklist(self) -> dict[str, str]:
        """Item id -> the date it was ticked, for the steps worked once for the whole search
        (Network): the same for every contact."""
        found: dict[str, str] = {}
        for _, document in sorted(self._records(SEARCH_CHECKLIST)):
            found.setdefault(document["item"], document.get("date", ""))
        return found

    @_mutation
    def set_search_checked(self, item_id: str, checked: bool) -> dict[str, str]:
        """Tick (stamped with today's date) or untick an item of the whole search; returns
        every such tick."""
        mine = [i for i, document in self._records(SEARCH_CHECKLIST) if document["item"] == item_id]
        if checked and not mine:
            self._insert_doc(
                SEARCH_CHECKLIST, {"item": clean_line(item_id), "date": self.today().isoformat()}
            )
        elif not checked and mine:
            self._remove_docs(SEARCH_CHECKLIST, mine)
        self._changed(SEARCH_CHECKLIST)
        return self.search_checklist()

    @_mutation
    def toggle_search_checked(self, item_id: str) -> dict[str, str]:
        return self.set_search_checked(item_id, item_id not in self.search_checklist())

    # -- questions ------------------------------------------------------------------------

    def _ask(self, contact: Contact, question_ids: Iterable[str]) -> Contact:
        """The contact with these chosen questions (order kept, repeats dropped), written."""
        ordered = tuple(dict.fromkeys(question_ids))
        return self._write_contact(replace(contact, questions=ordered))

    @_mutation
    def set_questions(self, contact_id: int, question_ids: Iterable[str]) -> Contact:
        """Replace the contact's chosen questions."""
        return self._ask(self.get_contact(contact_id), question_ids)

    @_mutation
    def choose_question(self, contact_id: int, question_id: str) -> Contact:
        contact = self.get_contact(contact_id)
        return self._ask(contact, (*contact.questions, question_id))

    @_mutation
    def drop_question(self, contact_id: int, question_id: str) -> Contact:
        contact = self.get_contact(contact_id)
        return self._ask(contact, (q for q in contact.questions if q != question_id))

    @_mutation
    def move_question(self, contact_id: int, question_id: str, offset: int) -> Contact:
        """Move a chosen question up (negative offset) or down, clamped to the list."""
        contact = self.get_contact(contact_id)
        questions = list(contact.questions)
        start = questions.index(question_id)
        end = max(0, min(len(questions) - 1, start + offset))
        questions.insert(end, questions.pop(start))
        return self._ask(contact, questions)

    def own_questions(self) -> list[OwnQuestion]:
        return [own_question_from(doc, doc_id) for doc_id, doc in self._records(OWN_QUESTIONS)]

    @_mutation
    def add_own_question(self, text: str, category: str = "mine") -> OwnQuestion:
        text, category = clean_line(text), clean_line(category)
        if not text:
            raise InvalidInput({"text": "the question is empty"})
        doc_id = self._insert_doc(OWN_QUESTIONS, {"text": text, "category": category})
        self._changed(OWN_QUESTIONS)
        return OwnQuestion(f"{OWN_QUESTION_PREFIX}{doc_id}", text, category)

    # -- interviews, events, rehearsals ---------------------------------------------------

    def _of_contact(
        self, table: str, contact_id: int | None
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        for doc_id, document in self._records(table):
            if contact_id is None or document.get("contact_id") == contact_id:
                yield doc_id, document

    @_mutation
    def add_interview(
        self,
        contact_id: int,
        *,
        day: date | None = None,
        minutes: int = 0,
        notes: str = "",
        questions_asked: Iterable[str] = (),
        referrals: Iterable[str] = (),
    ) -> int:
        self.get_contact(contact_id)
        doc_id = self._insert_doc(
            INTERVIEWS,
            {
                "contact_id": contact_id,
                "date": (day or self.today()).isoformat(),
                "minutes": minutes,
                "notes": clean_text(notes),
                "questions_asked": list(questions_asked),
                "referrals": [clean_line(name) for name in referrals],
            },
        )
        self._changed(INTERVIEWS, contact_id)
        return doc_id

    def interviews(self, contact_id: int | None = None) -> list[Interview]:
        return [interview_from(doc, i) for i, doc in self._of_contact(INTERVIEWS, contact_id)]

    @_mutation
    def log_event(
        self, contact_id: int, event: str, *, day: date | None = None, note: str = ""
    ) -> int:
        if event not in EVENTS:
            raise InvalidInput({"event": f"{event!r} is not one of {', '.join(EVENTS)}"})
        self.get_contact(contact_id)
        doc_id = self._insert_doc(
            EVENT_LOG,
            {
                "contact_id": contact_id,
                "event": event,
                "date": (day or self.today()).isoformat(),
                "note": clean_text(note),
            },
        )
        self._changed(EVENT_LOG, contact_id)
        return doc_id

    @_mutation
    def log_event_ticking(
        self,
        contact_id: int,
        event: str,
        done_by: Mapping[str, Iterable[str]],
        *,
        day: date | None = None,
        note: str = "",
    ) -> Logged:
        """Log an event and tick, dated the event's day, the contact's checklist items it
        completes: `done_by` maps an event to them (the guidance's `done_by`). An item ticked
        already keeps its date. One change: both land, or neither."""
        event_id = self.log_event(contact_id, event, day=day, note=note)
        contact = self.get_contact(contact_id)
        ticked = tuple(
            i for i in dict.fromkeys(done_by.get(event, ())) if i not in contact.checklist
        )
        for item_id in ticked:
            contact = self._check(contact, item_id, True, day)
        return Logged(event_id, ticked)

    def events(self, contact_id: int | None = None) -> list[LoggedEvent]:
        found = [event_from(doc, i) for i, doc in self._of_contact(EVENT_LOG, contact_id)]
        return sorted(found, key=lambda event: event.date)

    def history(self, contact_id: int) -> list[HistoryEntry]:
        """The contact's events and interviews as one list, oldest first (see core.history)."""
        return history(self.interviews(contact_id), self.events(contact_id))

    def entry(self, entry_id: str) -> HistoryEntry:
        """One history entry by its id (`e12`, `i3`); InvalidInput when there is none."""
        wanted = parse_entry_id(entry_id)
        table = EVENT_LOG if wanted.kind == "event" else INTERVIEWS
        document = self._memory.tables.get(table, {}).get(str(wanted.number))
        if document is None:
            raise InvalidInput({"entry": f"there is no entry {wanted}"})
        for found in self.history(document["contact_id"]):
            # the "interviewed" event logged with an interview is part of that entry
            paired = wanted.kind == "event" and found.paired_event == wanted.number
            if found.id == wanted or paired:
                return found
        raise InvalidInput({"entry": f"there is no entry {wanted}"})

    @_mutation
    def remove_entry(self, entry_id: str) -> HistoryEntry:
        """Delete a history entry (an interview with the event logged with it)."""
        found = self.entry(entry_id)
        if found.is_interview:
            self._remove_docs(INTERVIEWS, [found.id.number])
            self._changed(INTERVIEWS, found.contact_id)
            if found.paired_event is not None:
                self._remove_docs(EVENT_LOG, [found.paired_event])
        else:
            self._remove_docs(EVENT_LOG, [found.id.number])
        self._changed(EVENT_LOG, found.contact_id)
        return found

    @_mutation
    def edit_entry(
        self,
        entry_id: str,
        *,
        day: date | None = None,
        event: str | None = None,
        notes: str | None = None,
        minutes: int | None = None,
        names_gained: Sequence[str] | None = None,
    ) -> HistoryEntry:
        """Correct a history entry; only the values given change. InvalidInput says why not."""
        found = self.entry(entry_id)
        fields: dict[str, Any] = {}
        if day is not None:
            fields["date"] = day.isoformat()
        if found.is_interview:
            if event is not None:
                raise InvalidInput({"event": "an interview is no event: delete it instead"})
            if minutes is not None:
                if not MIN_MINUTES <= minutes <= MAX_MINUTES:
                    raise InvalidInput(
                        {"minutes": f"{minutes} is not between {MIN_MINUTES} and {MAX_MINUTES}"}
                    )
                fields["minutes"] = minutes
            if notes is not None:
                fields["notes"] = clean_text(notes)
            if names_gained is not None:
                fields["referrals"] = [n for n in map(clean_line, names_gained) if n]
            self._update_docs(INTERVIEWS, fields, [found.id.number])
            self._changed(INTERVIEWS, found.contact_id)
            if found.paired_event is not None and "date" in fields:
                self._update_docs(EVENT_LOG, {"date": fields["date"]}, [found.paired_event])
        else:
            if minutes is not None or names_gained is not None:
                raise InvalidInput({"minutes": "only an interview has minutes and names gained"})
            if event is not None:
                if event not in EVENTS:
                    raise InvalidInput({"event": f"{event!r} is not one of {', '.join(EVENTS)}"})
                fields["event"] = event
            if notes is not None:
                fields["note"] = clean_text(notes)
            self._update_docs(EVENT_LOG, fields, [found.id.number])
        self._changed(EVENT_LOG, found.contact_id)
        return self.entry(str(found.id))

    @_mutation
    def add_rehearsal(
        self, script_id: str, seconds: float, words_per_minute: float, contact_id: int | None = None
    ) -> int:
        doc_id = self._insert_doc(
            REHEARSALS,
            {
                "date": self._now(),
                "script_id": script_id,
                "contact_id": contact_id,
                "seconds": round(seconds, 1),
                "wpm": round(words_per_minute, 1),
            },
        )
        self._changed(REHEARSALS)
        return doc_id

    def rehearsals(self, script_id: str | None = None) -> list[Rehearsal]:
        found = (rehearsal_from(doc, i) for i, doc in self._records(REHEARSALS))
        return [r for r in found if script_id is None or r.script_id == script_id]

    @_mutation
    def finish_call(
        self,
        plan: CallPlan,
        *,
        minutes: int,
        notes: str,
        asked: Iterable[str],
        referrals: Sequence[str],
        add_referrals: bool = False,
    ) -> list[str]:
        """Log the interview in one save; returns the Conduct items it ticked.

        With `add_referrals`, each name not yet a contact is added, referred by this contact.
        """
        ticked = set(asked)
        asked = [question_id for question_id, _ in plan.questions if question_id in ticked]
        earned = earned_items(referrals, minutes, plan.minutes)
        self.add_interview(
            plan.contact_id, minutes=minutes, notes=notes, questions_asked=asked,
            referrals=referrals,
        )  # fmt: skip
        self.log_event(plan.contact_id, "interviewed")
        checklist = self.get_contact(plan.contact_id).checklist
        for item_id in earned:
            if item_id not in checklist:
                self.set_checked(plan.contact_id, item_id, True)
        if add_referrals:
            known = {contact.name.casefold() for contact in self.contacts()}
            for name in referrals:
                if name.casefold() not in known:
                    self.add_contact(
                        name=name, referred_by=plan.contact_id, how_met=f"through {plan.name}"
                    )
        self.clear_call_draft(plan.contact_id)
        return earned

    # -- the notes of a call in progress --------------------------------------------------

    @_mutation
    def save_call_draft(
        self, contact_id: int, notes: str, asked: Iterable[str] = (), started: str = ""
    ) -> None:
        """Keep the notes and ticked questions of a call in progress, replacing the last;
        `started` (ISO, to the second) is when the call began, kept from the first save."""
        self.get_contact(contact_id)
        mine = [doc_id for doc_id, _ in self._of_contact(CALL_DRAFTS, contact_id)]
        kept = self.call_draft(contact_id)
        document = {
            "contact_id": contact_id,
            "date": self._now(),
            "text": clean_text(notes),
            "asked": list(dict.fromkeys(asked)),
            "started": started or (kept.started if kept else ""),
        }
        if mine:
            self._update_docs(CALL_DRAFTS, document, mine[:1])
            if mine[1:]:
                self._remove_docs(CALL_DRAFTS, mine[1:])
        else:
            self._insert_doc(CALL_DRAFTS, document)
        self._changed(CALL_DRAFTS, contact_id)

    def call_draft(self, contact_id: int) -> CallDraft | None:
        """The saved draft of a call with the contact, or None."""
        found = [call_draft_from(doc) for _, doc in self._of_contact(CALL_DRAFTS, contact_id)]
        return found[0] if found else None

    @_mutation
    def clear_call_draft(self, contact_id: int) -> None:
        mine = [doc_id for doc_id, _ in self._of_contact(CALL_DRAFTS, contact_id)]
        if mine:
            self._remove_docs(CALL_DRAFTS, mine)
            self._changed(CALL_DRAFTS, contact_id)

    # -- messages being written --------------------------------------------------------------

    def message_drafts(self, contact_id: int) -> dict[str, str]:
        """Template id -> the message to the contact as last kept from the editor."""
        return {
            document["script"]: document.get("text", "")
            for _, document in self._of_contact(MESSAGE_DRAFTS, contact_id)
        }

    @_mutation
    def keep_message_draft(self, contact_id: int, script_id: str, text: str | None) -> None:
        """Keep the message written from a template for the contact (None: forget it)."""
        self.get_contact(contact_id)
        mine = [
            doc_id
            for doc_id, document in self._of_contact(MESSAGE_DRAFTS, contact_id)
            if document.get("script") == script_id
        ]
        if mine:
            self._remove_docs(MESSAGE_DRAFTS, mine)
        if text is not None:
            document = {"contact_id": contact_id, "script": script_id,
                        "text": clean_text(text), "date": self._now()}  # fmt: skip
            self._insert_doc(MESSAGE_DRAFTS, document)
        self._changed(MESSAGE_DRAFTS, contact_id)

    # -- import and export ----------------------------------------------------------------

    @_mutation
    def import_contacts(
        self,
        records: Sequence[Record],
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportResult:
        """Add the new contacts among `records` in one save: all of them land, or none.

        Each record's fields are checked as typed text; a bad one is rejected with its row.
        A record with the same LinkedIn URL as a stored or earlier one, or else the same name
        and company, is skipped (see `core.imports.Duplicates`). `progress(done, total)` is
        called now and then; an exception it raises cancels the import.
        """
        total = len(records)
        duplicates = Duplicates(self.contacts())
        now = self._now()
        documents: list[dict[str, Any]] = []
        rejected: list[Rejection] = []
        skipped: list[Skipped] = []
        every = max(1, total // 100)
        for done, record in enumerate(records, start=1):
            try:
                values = contact_fields({"name": "", **record.fields})
            except InvalidInput as error:
                rejected.append(Rejection(record.row, str(error)))
            else:
                values.pop("referred_by", None)
                if duplicates.add(values):
                    contact = Contact(id=0, created=now, updated=now, **values)  # type: ignore[arg-type]
                    documents.append(document_from(contact))
                else:
                    skipped.append(Skipped(record.row, str(values["name"])))
            if progress is not None and (done % every == 0 or done == total):
                progress(done, total)
        self._link_companies(documents)
        if documents:
            added = self._insert_docs(CONTACTS, documents)
            self._changed(CONTACTS, *added)
        return ImportResult(len(documents), tuple(skipped), tuple(rejected))

    def export_bytes(self) -> bytes:
        """The whole data, encoded as the data file is: a backup `infocoach restore` accepts."""
        with self._lock:
            return encode_tables(self._memory.tables)
