"""The first screen of the contact list, kept beside the data file so the app can draw it at
once while it reads the whole file (at 30,000 contacts, most of a second; at 100,000, several).

A small file, `.~<data file>.first` (the sync tools' ignore rules skip `.~*`: it means this
machine only), holds the contacts of a window of the sorted list, whole and as the store gives
them, with their logs (a contact's type moves on with the days of silence: it is worked out
again for the day it is read on), the list's length and the data file version they come from:
its mtime, size, inode and ctime. It is used only when every one of those is the file's now;
anything else about it (missing, stale, another version's, damaged, too large, a field of the
wrong type) and it is ignored: the app then reads the file first, as it always did. It is
written only from memory that holds exactly what the file holds (every change saved), so what
it shows is what reading the file would show.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any, overload

import orjson

from infocoach.core.companies import contact_type
from infocoach.core.models import Contact
from infocoach.core.stages import Event
from infocoach.data.bounded import FileTooLarge, orjson_is_safe, read_at_most
from infocoach.data.files import real_path
from infocoach.data.storage import Stamp

FORMAT = 1
AROUND = 100  # contacts kept before and after the selected one: more than any screen shows
LIMIT_BYTES = 4 * 1024 * 1024  # a window of 201 contacts with long notes is well under this
Version = tuple[int, int, int, int]  # mtime_ns, size, inode, ctime_ns of the data file


def index_path(data_file: Path) -> Path:
    target = real_path(data_file)  # beside a symlinked file's target, as its lock is
    return target.parent / f".~{target.name}.first"


def file_version(data_file: Path) -> Version | None:
    try:
        status = os.stat(data_file)
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino, status.st_ctime_ns)


@dataclass(frozen=True)
class FirstScreen:
    """A window of the contact list as the store sorts it: `contacts` are the rows from
    `start` on, of `total`."""

    total: int
    start: int
    contacts: tuple[Contact, ...]

    def row_of(self, contact_id: int) -> int | None:
        """The row of the list `contact_id` is on, when in the window."""
        for offset, contact in enumerate(self.contacts):
            if contact.id == contact_id:
                return self.start + offset
        return None

    def rows(self) -> WindowRows:
        return WindowRows(self)


@dataclass(frozen=True)
class StoreToOpen:
    """A data file to read once its first screen is drawn."""

    path: Path
    first_screen: FirstScreen


class WindowRows(Sequence[Contact]):
    """The rows of the whole list, of which only the window's are known: drawn as the first
    screen, and replaced by the store's once it is read. A row outside the window is an
    IndexError, never a made-up contact."""

    def __init__(self, first: FirstScreen) -> None:
        self._first = first

    def __len__(self) -> int:
        return self._first.total

    @overload
    def __getitem__(self, index: int) -> Contact: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Contact]: ...

    def __getitem__(self, index: int | slice) -> Contact | Sequence[Contact]:
        if isinstance(index, slice):
            raise TypeError("only single rows are known")
        offset = index - self._first.start
        if index < 0 or not 0 <= offset < len(self._first.contacts):
            raise IndexError(index)
        return self._first.contacts[offset]


def read_first_screen(data_file: Path, today: date) -> FirstScreen | None:
    """The first screen kept for the data file as it is now, on `today`; None when there is
    none that fits it exactly."""
    version = file_version(data_file)
    if version is None:
        return None
    try:
        raw = read_at_most(index_path(data_file), LIMIT_BYTES)
        found = orjson.loads(raw) if orjson_is_safe() else json.loads(raw)
    except (OSError, FileTooLarge, ValueError, RecursionError):
        return None
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        return None
    if found.get("version") != list(version):
        return None
    total, start, documents = found.get("total"), found.get("start"), found.get("contacts")
    logs = found.get("logs")
    if type(total) is not int or type(start) is not int or not isinstance(documents, list):
        return None
    if not isinstance(logs, list) or len(logs) != len(documents):
        return None
    contacts = [_contact(document) for document in documents]
    events = [_events(log) for log in logs]
    if not contacts or not 0 <= start <= total - len(contacts):
        return None
    typed = []
    for contact, log in zip(contacts, events, strict=True):
        if contact is None or log is None:
            return None
        # as the store types a contact (`Contacts.contacts`), for the day it is read on
        kind = contact.contact_type_override or contact_type(log, today)
        typed.append(
            contact if kind == contact.contact_type else replace(contact, contact_type=kind)
        )
    return FirstScreen(total, start, tuple(typed))


def write_first_screen(
    data_file: Path,
    read: Stamp,
    contacts: Sequence[Contact],
    logs: Mapping[int, Sequence[Event]],
    selected: int | None,
) -> bool:
    """Keep the window of `contacts` (the whole sorted list, as memory holds it, with each
    contact's events in `logs`) around `selected` (the top of the list when None or not
    there) for the data file, if the file is still the version `read` (its mtime, size and
    inode) that memory holds. Whether it was kept: a file that changed since, or a folder that
    cannot be written, keeps none."""
    version = file_version(data_file)
    if version is None or version[:3] != read or not contacts:
        return False
    row = next((i for i, c in enumerate(contacts) if c.id == selected), 0)
    start = max(0, row - AROUND)
    window = contacts[start : row + AROUND + 1]
    payload = {
        "format": FORMAT,
        "version": list(version),
        "total": len(contacts),
        "start": start,
        "contacts": [asdict(contact) for contact in window],
        "logs": [
            [[e.day.isoformat(), e.seq, e.kind, e.note] for e in logs.get(contact.id, ())]
            for contact in window
        ],
    }
    target = index_path(data_file)
    try:
        # Named as the data file's temp files are, so a dead writer's is cleared on open
        # (`files.remove_stale_temp_files`). No fsync: a torn index is ignored.
        fd, temp = tempfile.mkstemp(prefix=f"{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_encoded(payload))
        os.replace(temp, target)
    except (OSError, TypeError, ValueError):
        with suppress(OSError):  # the index is a convenience, never an error of its own
            os.unlink(temp)
        return False
    return True


def _encoded(payload: dict[str, Any]) -> bytes:
    if orjson_is_safe():
        return orjson.dumps(payload)
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _is_int(value: object) -> bool:
    return type(value) is int


def _is_text(value: object) -> bool:
    return type(value) is str


def _is_texts(value: object) -> bool:
    return type(value) is list and all(type(item) is str for item in value)


def _is_text_map(value: object) -> bool:
    return type(value) is dict and all(
        type(key) is str and type(item) is str for key, item in value.items()
    )


# Each field of Contact by its annotation: a field of any other type makes every index
# unreadable (ignored) until it is added here, never half-read.
_CHECKS = {
    "int": _is_int,
    "str": _is_text,
    "int | None": lambda value: value is None or type(value) is int,
    "str | None": lambda value: value is None or type(value) is str,
    "tuple[str, ...]": _is_texts,
    "Mapping[str, str]": _is_text_map,
}
_FIELDS = {f.name: _CHECKS.get(str(f.type)) for f in fields(Contact)}
_TUPLES = frozenset(name for name, check in _FIELDS.items() if check is _is_texts)


def _events(log: object) -> list[Event] | None:
    """The events of a contact's log in the index; None unless each is [day, seq, kind, note]
    of those types, with a real date."""
    if type(log) is not list:
        return None
    events = []
    for entry in log:
        if type(entry) is not list or len(entry) != 4:
            return None
        day, seq, kind, note = entry
        if type(day) is not str or type(seq) is not int or type(kind) is not str:
            return None
        if type(note) is not str:
            return None
        try:
            events.append(Event(date.fromisoformat(day), seq, kind, note))
        except ValueError:
            return None
    return events


def _contact(document: object) -> Contact | None:
    """The contact a document of the index holds, when it holds exactly Contact's fields,
    each of its type."""
    if type(document) is not dict or document.keys() != _FIELDS.keys():
        return None
    for name, check in _FIELDS.items():
        if check is None or not check(document[name]):
            return None
    values: dict[str, Any] = {
        name: tuple(value) if name in _TUPLES else value for name, value in document.items()
    }
    return Contact(**values)
