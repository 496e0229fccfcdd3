"""`infocoach import`, `infocoach export` and `infocoach restore`."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from infocoach.cli.commands import Commands
from infocoach.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_PROBLEM,
    THIS_RUN,
    CommandError,
    data_file_to_read,
    open_store,
    print_backups,
    say,
    writing_output,
)
from infocoach.core.models import AmbiguousName, InvalidInput
from infocoach.core.text import for_terminal
from infocoach.data import locations
from infocoach.data.backups import backup_folder

# As `exchange.operations.EXPORT_FORMATS` (a test checks), without importing it at start-up.
EXPORT_FORMATS = ("csv", "vcard", "ics", "markdown", "json")
VDIR = "vdir"  # not a file but a folder of cards, so not one of EXPORT_FORMATS
VCARD_VERSIONS = {"3": "3.0", "4": "4.0"}
TARGETS = "targets"  # a LAMP list of companies, not contacts


def cmd_import(args: argparse.Namespace) -> int:
    from infocoach.exchange.operations import ImportFileError, import_file, import_targets

    path = Path(args.file)
    store = open_store(args)
    try:
        if args.kind == TARGETS:
            say(import_targets(store, path).summary())
        else:
            say("\n".join(import_file(store, args.kind, path).report()))
    except ImportFileError as error:
        raise CommandError(f"{path}: {error}", EXIT_BAD_INPUT) from None
    return 0


def _check_export_options(args: argparse.Namespace) -> None:
    """CommandError for options that do not go with the format."""
    if args.format == VDIR and not args.folder:
        raise CommandError("vdir needs the folder to write: infocoach export vdir DIR")
    if args.folder and args.format != VDIR:
        raise CommandError(
            f"unexpected {args.folder!r}: only vdir takes a folder (use -o FILE for a file)"
        )
    if args.format == VDIR and args.output:
        raise CommandError("vdir writes the folder DIR: -o does not go with it")
    if args.vcard_version is not None and args.format not in ("vcard", VDIR):
        raise CommandError("--vcard-version goes with the vcard and vdir formats only")
    if args.contact is not None and args.format != "markdown":
        raise CommandError("--contact goes with the markdown format only")
    if args.format == "markdown" and not args.contact:
        raise CommandError("a Markdown brief is about one contact: name it with --contact NAME")


def cmd_export(args: argparse.Namespace) -> int:
    from infocoach.data.settings import SettingsError, load_settings
    from infocoach.exchange.operations import TransferError, export, write_export

    _check_export_options(args)
    vcard_version = VCARD_VERSIONS[args.vcard_version or "3"]
    if args.format == VDIR:
        return _export_vdir(args, vcard_version)
    store = open_store(args, reading=True)  # an export never writes the data file
    contact = settings = None
    if args.format == "markdown":
        try:
            contact = store.find_contact(args.contact)
            settings = load_settings()
        except AmbiguousName:
            raise  # the candidates to choose from, listed by main
        except InvalidInput as error:
            raise CommandError(f"--contact: {error.problems['name']}") from None
        except SettingsError as error:
            raise CommandError(str(error), EXIT_PROBLEM) from None
    try:
        payload = export(
            store, args.format, contact=contact, settings=settings, vcard_version=vcard_version
        )
        if args.output:
            write_export(Path(args.output), payload)
            THIS_RUN.wrote_file = True
    except TransferError as error:
        raise CommandError(str(error), EXIT_PROBLEM) from None
    if args.output:
        say(f"exported {args.format} to {args.output}")
        return 0
    if sys.stdout.isatty():  # a person reads it: no escape sequence may reach the terminal
        payload = for_terminal(payload.decode("utf-8", "replace")).encode("utf-8")
    with writing_output():
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
    return 0


def _export_vdir(args: argparse.Namespace, vcard_version: str) -> int:
    from infocoach.exchange.operations import TransferError, write_vdir

    store = open_store(args, reading=True)
    try:
        done = write_vdir(store, Path(args.folder), vcard_version)
        THIS_RUN.wrote_file = True
    except TransferError as error:
        raise CommandError(str(error), EXIT_PROBLEM) from None
    say(
        f"vdir {args.folder}: {done.written} cards written, {done.unchanged} unchanged, "
        f"{done.removed} removed"
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from infocoach.exchange.operations import TransferError, restore

    data_file = locations.data_file(args.data_dir)
    if args.file is None:
        print_backups(data_file)
        say("infocoach restore NAME takes one back (the data as it is now is kept first)")
        return 0
    source = Path(args.file)
    if not source.exists() and source.name == args.file:  # a backup named as listed
        source = backup_folder(data_file) / source.name
    try:
        restored = restore(data_file, source)
        THIS_RUN.wrote_file = True
    except TransferError as error:
        raise CommandError(f"{error}; nothing was changed", EXIT_BAD_INPUT) from None
    if restored.unconfirmed:
        say(f"infocoach: {restored.unconfirmed}", err=True)
    say(f"restored {restored.contacts} contacts from {source} into {data_file}")
    if restored.kept:
        say(f"the data as it was before is kept in {restored.kept}")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from infocoach.data.repositories import CopySetAside, Store
    from infocoach.data.storage import DataFileError

    path = Path(args.file)
    if args.dry_run:
        store = Store(data_file_to_read(args), read_only=True, merge_copies=False)
    else:
        store = Store(locations.data_file(args.data_dir), merge_copies=False)
    try:
        said = store.merge_file(path, dry_run=args.dry_run)
    except CopySetAside as aside:
        raise CommandError(f"{path}: not merged: {aside}") from None
    except DataFileError as error:
        if error.path != path:
            raise  # the data file itself: said as every command says it
        raise CommandError(f"{path}: cannot be merged: {error.problem}") from None
    say(said)
    if args.dry_run:
        say(f"Nothing was written. `infocoach merge {shlex.quote(args.file)}` makes these changes.")
    return 0


def register(commands: Commands) -> None:
    kinds = commands.group(
        "import",
        help="import contacts from LinkedIn's Connections.csv or a vCard file, or a list of "
        "target companies",
        description="Import contacts (duplicates, the same LinkedIn URL, else the same name "
        "and company, are skipped) or a LAMP list of target companies; an import is all or "
        "nothing.",
        title="kinds",
        metavar="KIND",
        what="the kind of file to import",
    )
    for kind, what in (
        ("linkedin", "LinkedIn's Connections.csv (Settings > Data privacy > Get a copy)"),
        ("vcard", "a vCard file (.vcf, vCard 2.1, 3.0 or 4.0)"),
        (
            TARGETS,
            "a LAMP list of target companies: a CSV file with a Company column and, if you "
            "like, Motivation and Posting (0-3), Website and Industry; a company already on the "
            "list gets the row's scores, website and industry",
        ),
    ):
        parser = kinds.add(kind, cmd_import, help=what, description=f"Import {what}.", kind=kind)
        parser.add_argument("file", metavar="FILE", help=f"the file: {what}")

    exporting = commands.add(
        "export",
        cmd_export,
        help="export contacts as csv, vcard, vdir, ics or json, or a markdown interview brief",
        description="Write an export to standard output, or atomically to FILE with -o. "
        "csv: every field; vcard: vCard 3.0 (4.0 with --vcard-version 4); vdir DIR: one .vcf "
        "per contact in the folder DIR, for khard and vdirsyncer; ics: meetings and agenda "
        "items (floating local time); markdown: a one-page brief for --contact NAME; json: a "
        "backup for restore.",
    )
    formats = (*EXPORT_FORMATS, VDIR)
    exporting.add_argument(
        "format", metavar="FORMAT", choices=formats, help=f"one of: {', '.join(formats)}"
    )
    exporting.add_argument("folder", metavar="DIR", nargs="?", help="the folder of a vdir")
    exporting.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    exporting.add_argument(
        "--vcard-version",
        choices=tuple(VCARD_VERSIONS),
        help="the vCard version of vcard and vdir: 3 (the default, which phones read) or 4",
    )
    exporting.add_argument(
        "--contact", metavar="NAME", help="the contact of a markdown brief: NAME (any case) or #ID"
    )

    restoring = commands.add(
        "restore",
        cmd_restore,
        help="replace the data with a backup (the current data is kept in backups/); with no "
        "FILE, list the backups",
        description="Check the backup, keep a copy of the current data file in the backups "
        "folder, then replace the data file with the backup. With no FILE, list the backups "
        "(daily, before a restore, before a merge), newest first.",
    )
    restoring.add_argument(
        "file",
        metavar="FILE",
        nargs="?",
        help="a backup, e.g. from `export json`, or the name of one in backups/",
    )

    merging = commands.add(
        "merge",
        cmd_merge,
        help="merge another copy of the data into yours (one set aside as too large, say)",
        description="Merge another copy of the data file, such as a sync tool's conflict copy "
        "that was set aside because it deletes or changes many contacts, record by record (as "
        "a conflict copy is merged when infocoach opens). The data as it is now is kept in "
        "backups/ first; a conflict copy merged moves to backups/ too.",
    )
    merging.add_argument("file", metavar="FILE", help="the other copy of the data file")
    merging.add_argument(
        "--dry-run", action="store_true", help="show what merging would change; write nothing"
    )
