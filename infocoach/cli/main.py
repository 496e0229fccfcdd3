"""The `infocoach` command: opens the app, or runs one command on the data file."""

from __future__ import annotations

import argparse
import gc
import locale
import os
import resource
import sys
from collections.abc import Sequence
from contextlib import nullcontext, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from infocoach import __version__
from infocoach.cli.commands import Commands, Handler, register_all
from infocoach.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_PROBLEM,
    THIS_RUN,
    CommandError,
    OutputLost,
    say,
    writing_output,
)
from infocoach.cli.serve import cmd_serve, end_with_server
from infocoach.core.models import AmbiguousName, InvalidInput
from infocoach.core.text import for_terminal, has_lone_surrogate
from infocoach.data import locations
from infocoach.data.bounded import (
    MB,
    memory_capped,
    stopped_at_the_memory_limit,
)
from infocoach.data.storage import DataFileError, DataWriteError
from infocoach.guidance.errors import GuidanceError

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


def cmd_app(args: argparse.Namespace) -> int:
    if args.served_by is not None:
        end_with_server(args.served_by)
    if args.demo:
        from infocoach.exchange.demo import demo_data_dir

        with demo_data_dir() as folder:  # her settings stay hers: where she was, her theme
            return _run_app(folder / locations.DATA_FILE_NAME, her_settings=False)
    return _run_app(locations.data_file(args.data_dir))


def _run_app(path: Path, *, her_settings: bool = True) -> int:
    from datetime import date

    from infocoach.data.first_screen import StoreToOpen, read_first_screen
    from infocoach.data.repositories import Store
    from infocoach.guidance.loader import load_guidance

    # The first screen kept beside the file, when it fits the file as it is now: drawn at
    # once, and the file read right after (at 30,000 contacts, most of a second).
    first_screen = read_first_screen(path, date.today())
    store: Store | StoreToOpen = (
        StoreToOpen(path, first_screen) if first_screen is not None else Store(path)
    )
    if isinstance(store, Store):
        THIS_RUN.stores.append(store)  # a save the disk did not confirm is said on the way out
    content = load_guidance()
    from infocoach.tui.app import InfoCoachApp

    # The data just read lives as long as the app: set apart from the cycle collector, whose
    # full passes over it paused keystrokes for 50-300 ms at 30,000 contacts. (Read after
    # the first screen, the app does the same.)
    gc.freeze()
    app = InfoCoachApp(store, content, ends_process=True, remember_settings=her_settings)
    app.run()
    if app.open_error is not None:
        raise app.open_error
    if not app.data_read:  # she quit before it was read: nothing changed
        return 0
    if isinstance(store, StoreToOpen):
        THIS_RUN.stores.append(app.store)
    if app.store.unsaved:  # she chose to quit while saves kept failing: one last try
        app.store.flush()  # DataWriteError: reported below, with the exit status
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse quotes what it did not understand as given: shown without escape sequences."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        super()._print_message(for_terminal(message), file)


def build_parser() -> argparse.ArgumentParser:
    data_dir = _Parser(add_help=False)
    data_dir.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"folder of the data file (default: ${locations.DATA_DIR_ENV} or the user data dir)",
    )
    parser: argparse.ArgumentParser = _Parser(
        prog="infocoach",
        description="Prepare, rehearse, make and follow up informational interviews. "
        "With no command, infocoach opens the app; with a command, it runs that one command "
        "on your data and exits.",
        epilog="Where a command takes a contact's NAME, #ID (the id `infocoach list` shows, "
        'quoted in a shell: "#4") names one contact among several of the same name. '
        "`infocoach COMMAND --help` tells more.",
        parents=[data_dir],
    )
    parser.add_argument("--version", action="version", version=f"infocoach {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open the app on sample data in a temporary folder"
    )
    parser.add_argument(
        "--served-by",
        type=int,
        metavar="PID",
        help="how `infocoach serve` starts a browser tab's app: it ends when that server ends",
    )
    parser.set_defaults(handler=cmd_app)
    commands = parser.add_subparsers(
        title="commands", metavar="COMMAND", help="run one command instead of opening the app"
    )
    register_all(Commands(commands, [data_dir]))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    sys.unraisablehook = _quiet_when_memory_ran_out
    arguments = list(sys.argv[1:] if argv is None else argv)
    for number, argument in enumerate(arguments, 1):
        if has_lone_surrogate(argument):  # bytes that are not UTF-8, as Python keeps them
            return _fail(
                f"argument {number} ({_as_given(argument)}) is not valid UTF-8 text; "
                "give every name and value in UTF-8",
                EXIT_BAD_INPUT,
            )
    args = build_parser().parse_args(arguments)
    with suppress(locale.Error):  # names sort in her locale's order (`core.text.reading_order`)
        locale.setlocale(locale.LC_COLLATE, "")
    if not hasattr(args, "data_dir"):
        args.data_dir = None
    handler: Handler = args.handler
    if args.demo and handler is not cmd_app:
        return _fail(
            "--demo opens the app on sample data and goes with no command; "
            "without --demo the command works on your own data",
            EXIT_BAD_INPUT,
        )
    one_command = handler not in (cmd_app, cmd_serve)  # then exit
    if one_command:
        # The cycle collector would only walk, again and again, the hundreds of thousands of
        # objects a large data file is read into (a third of the time of `list`, `agenda` or
        # `stats` at 30,000 contacts) to find next to no garbage.
        gc.disable()
    THIS_RUN.start()
    try:
        with stopped_at_the_memory_limit() if one_command else nullcontext():
            status: int | None = _run(handler, args)
    except MemoryError:
        status = None  # said below, once the exception has let go of what filled the memory
    except SystemError:
        # CPython's "error return without exception set": a C function that failed to
        # allocate even its MemoryError. Under a memory cap that is what it means.
        if not memory_capped():
            raise
        status = None
    if status is None:
        return _fail(_out_of_memory(args.data_dir), EXIT_PROBLEM)
    for line in THIS_RUN.unconfirmed():  # saved: said, and still exit 0 (see the README)
        say(f"infocoach: {line}", err=True)
    try:
        sys.stdout.flush()  # what a failed command printed: now, not in a message at exit
    except OSError:
        _drop_output()
    return status


def _run(handler: Handler, args: argparse.Namespace) -> int:
    """Run the command: its exit status, after one line for what went wrong."""
    try:
        status = handler(args)
        with writing_output():
            sys.stdout.flush()  # here, where its failure can be told, not at exit
        return status
    except OutputLost as lost:
        _drop_output()
        if THIS_RUN.saved_something():  # done: a second run would do it twice
            say(
                f"infocoach: saved, but could not print the result: {lost}; it is done, so "
                "do not run the command again",
                err=True,
            )
            return 0
        return _fail(f"could not print the result: {lost}", EXIT_PROBLEM)
    except AmbiguousName as error:  # the reason, then one line per contact of that name
        lines = [error.problems["name"], *(f"  {label}" for label in error.listing())]
        return _fail("\n".join(lines), EXIT_BAD_INPUT)
    except InvalidInput as error:
        where = "; ".join(f"{_option_name(name)}: {why}" for name, why in error.problems.items())
        return _fail(where, EXIT_BAD_INPUT)
    except CommandError as error:
        return _fail(str(error), error.status)
    except (DataFileError, DataWriteError) as error:
        return _fail(str(error), EXIT_PROBLEM)
    except GuidanceError as error:
        return _fail("\n".join(error.problems), EXIT_PROBLEM)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`infocoach list | head -1`): all is well
        _drop_output()
        return 0
    except OSError as error:  # a file or folder it may not use, e.g. one of mode 000
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"cannot use {where}{error.strerror or error}", EXIT_PROBLEM)


def _drop_output() -> None:
    """What is left in the stdout buffer goes nowhere, so the flush at exit raises nothing
    (a real stdout only: a test's capture has no file descriptor)."""
    with suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _quiet_when_memory_ran_out(unraisable: sys.UnraisableHookArgs) -> None:
    """A reader or finaliser that ran out of memory while it was being closed: the command's
    own MemoryError says so once, in one line (see `main`); anything else as Python says it."""
    if not isinstance(unraisable.exc_value, MemoryError):
        sys.__unraisablehook__(unraisable)


def _out_of_memory(data_dir: str | None) -> str:
    """What to say when memory ran out: how much there was, and that no change is half-saved."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    allowed = f"this process may use {soft // MB:,} MB" if soft != resource.RLIM_INFINITY else ""
    try:
        size = locations.data_file(data_dir).stat().st_size
        data = f"the data file is {size / MB:.1f} MB"
    except OSError:
        data = ""
    known = "; ".join(part for part in (allowed, data) if part)
    return f"out of memory{f' ({known})' if known else ''}; a change is saved whole or not at all"


def _as_given(argument: str) -> str:
    """`argument` as its bytes, the undecodable ones shown as \\xNN."""
    try:
        raw = argument.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return argument.encode("utf-8", "backslashreplace").decode("ascii", "replace")
    return raw.decode("utf-8", "backslashreplace")


def _option_name(field: str) -> str:
    arguments = {"name": "NAME", "entry": "ENTRY_ID"}
    return arguments.get(field) or "--" + field.replace("_", "-")


def _fail(message: str, status: int) -> int:
    say(f"infocoach: {message}", err=True)
    return status
