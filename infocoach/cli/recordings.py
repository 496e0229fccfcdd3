"""`infocoach recordings [--delete NAME]`: the rehearsals she chose to keep as recordings
(the setting *Keep recordings*), listed, and deleted one by one."""

from __future__ import annotations

import argparse
import wave
from pathlib import Path

from infocoach.cli.commands import Commands
from infocoach.cli.common import CommandError, say
from infocoach.core.timing import format_clock
from infocoach.data import locations
from infocoach.exchange.audio import RECORDINGS_FOLDER


def cmd_recordings(args: argparse.Namespace) -> int:
    folder = locations.data_dir(args.data_dir) / RECORDINGS_FOLDER
    kept = sorted(folder.glob("*.wav")) if folder.is_dir() else []
    if args.delete is not None:
        _delete(folder, kept, args.delete)
        return 0
    if not kept:
        say("No recordings kept (the palette's Keep recordings keeps each listened rehearsal).")
        return 0
    for path in kept:
        say(f"{path.name}  {_length(path)}")
    say(f"in {folder}")
    return 0


def _delete(folder: Path, kept: list[Path], name: str) -> None:
    found = [path for path in kept if path.name in (name, f"{name}.wav")]
    if not found:
        raise CommandError(f"--delete: no recording {name!r} in {folder}")
    found[0].unlink()
    say(f"deleted {found[0].name}")


def _length(path: Path) -> str:
    try:
        with wave.open(str(path), "rb") as recording:
            return format_clock(round(recording.getnframes() / recording.getframerate()))
    except (wave.Error, EOFError, OSError, ZeroDivisionError):
        return "(not a recording it can read)"


def register(commands: Commands) -> None:
    recordings = commands.add(
        "recordings",
        cmd_recordings,
        help="list the rehearsal recordings you kept, or delete one",
        description="List the recordings of rehearsals kept in the data folder's recordings "
        "folder (only with the setting Keep recordings on: otherwise nothing you say is "
        "written), named by date and time, with their length; --delete NAME deletes one.",
    )
    recordings.add_argument(
        "--delete", metavar="NAME", help="delete this recording (its file name, .wav optional)"
    )
