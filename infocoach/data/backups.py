"""Copies of the data file in `<data dir>/backups/`: daily, before a restore, on demand."""

from __future__ import annotations

from contextlib import suppress
from datetime import date, datetime
from pathlib import Path

from infocoach.data.files import atomic_create_bytes, ensure_private_folder

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
    """Copy the file as it is now to `backups/<label>-<timestamp>.json` (atomically, 0600);
    when that name is taken (two copies in one second), `-2`, `-3`...: a backup is never
    replaced. A copy that fails leaves no `backups/` folder that was not there before."""
    now = now or datetime.now()
    payload = data_file.read_bytes()
    folder = backup_folder(data_file)
    created = not folder.is_dir()
    ensure_private_folder(folder)
    stem = f"{label}-{now.strftime('%Y%m%d-%H%M%S')}"
    try:
        number = 1
        while True:
            target = folder / (f"{stem}.json" if number == 1 else f"{stem}-{number}.json")
            if atomic_create_bytes(target, payload):
                return target
            number += 1
    except BaseException:
        if created:
            with suppress(OSError):
                folder.rmdir()  # only if still empty
        raise


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
