"""Conflict copies: two machines' changes made one.

When a sync tool has left a conflict copy beside the file (two machines changed it while apart),
opening and `refresh` merge it (see `merge`): a merge is a pending change like any other, saved,
and the copy then moved into `backups/`; `take_merged` says what came of it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shlex
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from infocoach.data.backups import backup_folder, copy_to_backups
from infocoach.data.conflicts import conflict_copies
from infocoach.data.copy_checks import copy_problem, records_without_uid
from infocoach.data.files import ensure_private_folder
from infocoach.data.merge import merge
from infocoach.data.merge_report import MergeReport, large_change
from infocoach.data.schema import validate_tables
from infocoach.data.storage import DataFile, DataFileError, DataWriteError, Tables
from infocoach.data.undo import Undo, Undoing, difference
from infocoach.data.unit_of_work import no_collection

# The label of the copy of the data file kept in backups/ before a conflict copy is merged in.
BEFORE_MERGE = "before-merge"


class CopySetAside(Exception):
    """A copy of the data from elsewhere that is not merged by itself: the reason, in words."""


class ConflictCopies(Undoing):
    """The store, opened with the conflict copies beside its file merged in."""

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
        # what merging conflict copies did, one line each, and what takes a saved merge back
        self._merged: list[tuple[str, Undo | None]] = []
        self._copies_told: set[Path] = set()  # conflict copies left where they are, told once
        super().__init__(path, clock=clock, save_migration=save_migration, read_only=read_only)
        if merge_copies:
            self._merge_conflict_copies()

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
                self._leave_copy(found.path, "could not be merged and", error.problem)
                continue
            except CopySetAside as aside:
                self._leave_copy(found.path, "was set aside, not merged; it", f"{aside}.")
                continue
            if theirs is None:  # moved away meanwhile (by another infocoach)
                continue
            merged_any = True
            self._merged.append(self._merge_copy(found.path, theirs, found.describe(), move=True))
        return merged_any

    def _leave_copy(self, path: Path, what: str, why: str) -> None:
        """Say once that the copy at `path` stays where it is, and why."""
        self._copies_told.add(path)
        self._merged.append(
            (
                f"A conflict copy left by a sync tool {what} stays where it is "
                f"({path.name}): {why}",
                None,
            )
        )

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
        with no_collection():
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
        with self._lock:
            report, pending = self._record(functools.partial(self._merge_in, theirs, source))
            if not self._read_only:
                self._pending.append(pending)  # applied again should the file change first
        if self._read_only:
            self._copies_told.add(path)
            return f"{report.summary()} Not saved yet: this command only reads.", None
        try:
            self.flush()
            if move:
                self._move_to_backups(path)
        except (DataWriteError, DataFileError, OSError) as error:
            self._copies_told.add(path)
            return f"{report.summary()} The copy {path.name} stays where it is: {error}", None
        with self._lock:
            label = f"merged the changes from {source or 'another machine'}"
            undo = Undo(label, self._changes_of(pending))
        where = f" The data as it was is kept in {kept}." if kept is not None else ""
        return f"{report.summary()}{where}", undo

    def _merge_in(self, theirs: Tables, source: str) -> MergeReport:
        """Merge `theirs` into memory, noting each record it changes (see `changes`)."""
        # A copy of theirs: the merged records are then changed in place here.
        fresh = {
            name: {key: dict(doc) for key, doc in table.items()} for name, table in theirs.items()
        }
        self._hybrid_clock.observe_tables(fresh)
        before = self._memory.tables
        merged, report = merge(before, fresh, source)
        changed = difference("", before, merged).records
        for change in changed:
            if change.before is not None:
                self._note_before(change.table, [change.doc_id])
        self._memory.tables = merged
        self._memory.writes += 1
        self._next_ids = {}  # new tables: no stale next ids
        self._stale_everything()
        for change in changed:
            if change.before is None:
                self._note_before(change.table, [change.doc_id], new=True)
        return report

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
