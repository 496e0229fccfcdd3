"""Copies of the data file in `<data dir>/backups/`: daily, before a restore, on demand."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from infocoach.data.files import atomic_write_bytes, ensure_private_folder

BACKUP_FOLDER = "backups"
KEEP_DAILY = 14
DAILY_PREFIX = "daily-"


def backup_folder(data_file: Path) -> Path:
    return data_file.parent / BACKUP_FOLDER


def backups(data_file: Path) -> list[Path]:
    """Every backup of `data_file`, newest first."""
    folder = backup_folder(data_file)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob("*.json") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def copy_to_backups(data_file: Path, label: str, now: datetime | None = None) -> Path:
    """Copy the file as it is now to `backups/<label>-<timestamp>.json` (atomically, 0600)."""
    now = now or datetime.now()
    folder = backup_folder(data_file)
    ensure_private_folder(folder)
    target = folder / f"{label}-{now.strftime('%Y%m%d-%H%M%S')}.json"
    atomic_write_bytes(target, data_file.read_bytes())
    return target


def daily_backup(data_file: Path, today: date) -> Path | None:
    """Before the first write of `today`: copy the last good file, keep the last 14 days."""
    if not data_file.is_file():
        return None
    folder = backup_folder(data_file)
    stamp = f"{DAILY_PREFIX}{today.strftime('%Y%m%d')}"
    if folder.is_dir() and any(folder.glob(f"{stamp}*.json")):
        return None
    moment = datetime.combine(today, datetime.now().time())
    made = copy_to_backups(data_file, DAILY_PREFIX.rstrip("-"), moment)
    daily = sorted(folder.glob(f"{DAILY_PREFIX}*.json"), reverse=True)
    for old in daily[KEEP_DAILY:]:
        old.unlink(missing_ok=True)
    return made
