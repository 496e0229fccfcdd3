"""What every command shares: exit codes, one-line errors, opening the store, plain tables."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from infocoach.core.models import parse_date
from infocoach.core.text import cut_to_width, display_width, for_terminal
from infocoach.data import locations
from infocoach.data.backups import backup_folder, backups
from infocoach.data.bounded import orjson_is_safe

if TYPE_CHECKING:
    from infocoach.data.repositories import Store

EXIT_PROBLEM = 1
EXIT_BAD_INPUT = 2


class CommandError(Exception):
    """A user error the command reports in one line and exits on with `status`."""

    def __init__(self, message: str, status: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.status = status


class OutputLost(Exception):
    """Standard output could not be written (a full disk behind `> file`, say). What the
    command saved before stays saved: `main` says so, and exits so as not to invite a retry."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.error = error


@contextmanager
def writing_output() -> Iterator[None]:
    """Around every write to standard output: its failure is OutputLost, told apart from a
    file the command could not use. A reader that went away (BrokenPipeError) stays itself."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputLost(error) from None


@dataclass
class ThisRun:
    """What the command under way opened and wrote, so that `main`, when the output fails,
    knows whether her change landed (then running the command again would do it twice)."""

    stores: list[Store] = field(default_factory=list)
    wrote_file: bool = False

    def start(self) -> None:
        """Forget the last command (`main` runs one per call; tests call it many times)."""
        self.stores.clear()
        self.wrote_file = False

    def saved_something(self) -> bool:
        return self.wrote_file or any(store.saved_through for store in self.stores)

    def unconfirmed(self) -> list[str]:
        """Saves that landed though the disk did not confirm them, one line each."""
        return [line for store in self.stores for line in store.take_unconfirmed()]


THIS_RUN = ThisRun()


def say(text: str = "", *, err: bool = False) -> None:
    """Print `text` for the user (on stderr with `err`): all the command line prints goes
    through here, so no control character (no escape sequence) reaches the terminal."""
    if err:
        print(for_terminal(text), file=sys.stderr)
        return
    with writing_output():
        print(for_terminal(text))


# What `json.dumps(..., ensure_ascii=False)` leaves raw in a string although a terminal acts on
# it (DEL and the C1 controls) or cannot show it (a lone surrogate); escaped, the JSON is the same.
_JSON_RAW = re.compile("[\x7f-\x9f\ud800-\udfff]")
# The same in orjson's UTF-8 (which refuses lone surrogates): DEL, and C1 as \xc2\x80-\xc2\x9f.
_JSON_RAW_UTF8 = re.compile(rb"\x7f|\xc2[\x80-\x9f]")


def json_text(value: Any, *, floats: bool = True) -> str:
    """`value` as indented JSON, readable (not ASCII-escaped) yet safe to print: every control
    character, DEL, C1 control and lone surrogate escaped (so `for_terminal` changes nothing).
    A typed record (a dataclass, such as Contact) is written as an object of its fields.

    With `floats` False the caller vouches that `value` holds no float: then orjson writes it,
    the same text as `json.dumps(value, ensure_ascii=False, indent=2)` many times faster (for
    floats the two differ: orjson writes 1e-05 as 0.00001 and NaN as null). What orjson refuses
    (a lone surrogate, a huge number) goes through `json` all the same."""
    if not floats and orjson_is_safe():
        try:
            raw = orjson.dumps(value, option=orjson.OPT_INDENT_2)
        except TypeError:  # orjson.JSONEncodeError: written below as before
            pass
        else:
            if b"\x7f" in raw or b"\xc2" in raw:  # quick scans first: most output has neither
                raw = _JSON_RAW_UTF8.sub(_escaped_utf8, raw)
            return raw.decode("utf-8")
    text = json.dumps(value, ensure_ascii=False, indent=2, default=_record_fields)
    return _JSON_RAW.sub(lambda found: f"\\u{ord(found[0]):04x}", text)


def _record_fields(value: object) -> dict[str, Any]:
    """A typed record's fields, for `json` (orjson writes dataclasses by itself, the same)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {field.name: getattr(value, field.name) for field in fields(value)}
    raise TypeError(f"{type(value).__name__} is not JSON")


def _escaped_utf8(found: re.Match[bytes]) -> bytes:
    return f"\\u{ord(found[0].decode()):04x}".encode()


def say_json(value: Any, *, floats: bool = True) -> None:
    """Print `value` as `json_text`: escaped as it is, the text needs no `for_terminal` pass
    (which, over the JSON of thousands of contacts, would take longer than writing it)."""
    with writing_output():
        print(json_text(value, floats=floats))


def date_option(value: str | None, flag: str) -> date | None:
    """A YYYY-MM-DD option as a date (None when not given); CommandError names the flag."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        raise CommandError(f"{flag}: {error}") from None


def open_store(args: argparse.Namespace, *, reading: bool = False) -> Store:
    """The store of the data file: `reading` for commands that only read, which never
    create a folder or a file (a --data-dir that does not exist is a mistake to report).

    What opening it merged from a sync tool's conflict copies is said on stderr (so that
    the output of the command stays what it was)."""
    from infocoach.data.repositories import Store

    path = data_file_to_read(args) if reading else locations.data_file(args.data_dir)
    store = Store(path, read_only=reading)
    THIS_RUN.stores.append(store)
    for line in store.take_merged():
        say(line, err=True)
    return store


def data_file_to_read(args: argparse.Namespace) -> Path:
    """The data file a reading command reads; CommandError for a --data-dir that is no folder
    (a mistyped path: reporting it beats showing an empty list)."""
    path = locations.data_file(args.data_dir)
    if args.data_dir and not path.parent.is_dir():
        raise CommandError(f"--data-dir: {path.parent} is not a folder (nothing to read there)")
    return path


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]], limit: int = 30) -> str:
    """Plain fixed-width columns, measured in terminal cells (a CJK character takes two, so
    "王小明" lines up with "Ann Lee"); long cells are cut with an ellipsis."""

    def cut(cell: str) -> str:
        return cell if display_width(cell) <= limit else cut_to_width(cell, limit - 1) + "…"

    def pad(cell: str, width: int) -> str:
        return cell + " " * (width - display_width(cell))

    cells = [list(headers)] + [[cut(cell.replace("\n", " ")) for cell in row] for row in rows]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]
    lines = ("  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)) for row in cells)
    return "\n".join(line.rstrip() for line in lines)


def print_backups(data_file: Path) -> None:
    """One line per backup, newest first, each ready for `infocoach restore`."""
    try:
        found = backups(data_file)
    except OSError as error:
        say(f"(the backups in {backup_folder(data_file)} cannot be listed: {error.strerror})")
        return
    if not found:
        say(f"(no backups yet in {backup_folder(data_file)})")
    for backup in found:
        status = backup.stat()
        when = datetime.fromtimestamp(status.st_mtime).strftime("%Y-%m-%d %H:%M")
        say(f"backup: {backup}  ({when}, {status.st_size:,} bytes)")
