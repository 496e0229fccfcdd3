"""How problems with the user's files are said: one phrasing for the command line and the app."""

from __future__ import annotations

from pathlib import Path


def unreadable(
    path: Path, problem: str, newest_backup: Path | None, hint: str | None = None
) -> str:
    """A data file that cannot be used, left untouched, and how to get the data back (or
    `hint`, what to do instead)."""
    if hint is None and newest_backup is not None:
        hint = f"to restore the latest backup: infocoach restore {newest_backup}"
    elif hint is None:
        hint = "there is no backup yet (move the file aside to start afresh)"
    return f"cannot read {path}: {problem}; it was left untouched; {hint}"


def unsaved(path: Path, problem: str) -> str:
    return f"could not save {path}: {problem}; the last saved data is unchanged"


def unconfirmed(path: Path, problem: str) -> str:
    """A save that landed, though the disk did not confirm it (`files.FolderNotSynced`)."""
    return (
        f"saved {path}, but {problem}: the change is in the file, yet a crash could still "
        "lose it; check the disk"
    )
