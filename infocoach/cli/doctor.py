"""`infocoach doctor`: checks the data file and every content file, writing nothing."""

from __future__ import annotations

import argparse

from infocoach.cli.commands import Commands
from infocoach.cli.common import EXIT_PROBLEM, data_file_to_read, open_store, print_backups, say
from infocoach.data import locations
from infocoach.data.conflicts import conflict_copies
from infocoach.data.storage import DataFileError


def cmd_doctor(args: argparse.Namespace) -> int:
    from infocoach.guidance.loader import check_all, shipped_content_dir

    problems: list[str] = []
    path = data_file_to_read(args)
    try:
        exists = path.exists()
    except OSError:  # e.g. a folder it may not open: reading the file says what is wrong
        exists = True
    if exists:
        try:
            store = open_store(args, reading=True)
            say(f"ok: {path} ({store.contact_count()} contacts)")
        except DataFileError as error:
            problems.append(str(error))
    else:
        say(f"ok: {path} does not exist yet; it is created by the first change")
    for copy in conflict_copies(path):
        say(
            f"conflict copy: {copy.path} ({copy.describe()}): opening infocoach merges it "
            "and moves it to backups/, or sets it aside saying why"
        )
    print_backups(path)
    content_problems = check_all()
    if not content_problems:
        say(f"ok: content in {shipped_content_dir()}")
        user_dir = locations.user_content_dir()
        say(
            f"ok: user content in {user_dir}"
            if user_dir.is_dir()
            else f"(no user content in {user_dir})"
        )
    problems.extend(content_problems)
    for problem in problems:
        say(problem)
    return EXIT_PROBLEM if problems else 0


def register(commands: Commands) -> None:
    commands.add(
        "doctor",
        cmd_doctor,
        help="check the data file and the content files",
        description="Check the data file, its backups and every content file (shipped and "
        "your own), one line per problem. Writes nothing.",
    )
