"""What every record carries so that two machines' copies of the data file can be merged.

`_uid` names a record on every machine (its doc id is only this file's), `_stamp` says when it
last changed, `_base` which version that change was made on top of. A stamp comes from a
hybrid logical clock: `WWWWWWWWWWWWW.CCCC.device`, the wall clock in milliseconds, a counter
and the machine's id, fixed width, so stamps sort as text in the order the changes were made,
even when one machine's clock runs behind the other's.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from infocoach.data.files import atomic_create_bytes, ensure_private_folder

UID = "_uid"
STAMP = "_stamp"
BASE = "_base"
MERGE_KEYS = (UID, STAMP, BASE)
# Every record migrated from schema 3 has this stamp: before any change made since.
MIGRATED_STAMP = "0000000000000.0000.migrated"
DEVICE_FILE = "device-id"
_MAX_COUNTER = 9999


def new_uid() -> str:
    return secrets.token_hex(8)


def stamp_millis(stamp: str) -> int:
    """The wall clock part of a stamp, in milliseconds since 1970 (0 for an unreadable one)."""
    head = stamp[:13]
    return int(head) if head.isdigit() else 0


def _counter(stamp: str) -> int:
    part = stamp[14:18]
    return int(part) if part.isdigit() else 0


class HybridClock:
    """Hands out stamps, each greater than every stamp handed out or `observe`d before."""

    def __init__(self, device: str) -> None:
        self.device = device
        self._millis = 0
        self._count = 0

    def observe(self, stamp: str) -> None:
        """A stamp seen elsewhere (read from a file, merged in): the next one will be later."""
        millis, count = stamp_millis(stamp), _counter(stamp)
        if (millis, count) > (self._millis, self._count):
            self._millis, self._count = millis, count

    def observe_tables(self, tables: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> None:
        """Every record's stamp and every tombstone's (the newest is enough to observe)."""
        newest = max(
            (
                str(document.get(STAMP) or document.get("stamp") or "")
                for table in tables.values()
                for document in table.values()
            ),
            default="",
        )
        if newest:
            self.observe(newest)

    def stamp(self, now_millis: int) -> str:
        if now_millis > self._millis:
            self._millis, self._count = now_millis, 0
        elif self._count < _MAX_COUNTER:
            self._count += 1
        else:  # ten thousand changes in one millisecond: borrow the next one
            self._millis, self._count = self._millis + 1, 0
        return f"{self._millis:013d}.{self._count:04d}.{self.device}"


def device_id(config_folder: Path) -> str:
    """This machine's short id, kept in the config folder (made the first time). A folder that
    cannot be written gives an id for this run only: stamps stay unique, just not stable."""
    path = config_folder / DEVICE_FILE
    found = _read_device_id(path)
    if found:
        return found
    made = secrets.token_hex(4)
    try:
        ensure_private_folder(config_folder)
        if not atomic_create_bytes(path, made.encode()):  # another process made it first
            return _read_device_id(path) or made
    except OSError:
        pass
    return made


def _read_device_id(path: Path) -> str:
    try:
        found = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return found.lower() if found.isascii() and found.isalnum() and len(found) <= 16 else ""
