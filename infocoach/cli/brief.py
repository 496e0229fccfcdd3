"""`infocoach brief NAME`: the interview brief on one contact as plain text, to hear or pipe."""

from __future__ import annotations

import argparse

from infocoach.cli.commands import Commands, add_contact_argument
from infocoach.cli.common import EXIT_PROBLEM, CommandError, open_store, say


def cmd_brief(args: argparse.Namespace) -> int:
    from infocoach.data.settings import SettingsError, load_settings
    from infocoach.exchange.exporters import plain_brief
    from infocoach.exchange.operations import brief
    from infocoach.guidance.loader import load_guidance

    store = open_store(args, reading=True)
    contact = store.find_contact(args.name)  # InvalidInput / AmbiguousName: exit 2
    try:
        settings = load_settings()
    except SettingsError as error:
        raise CommandError(str(error), EXIT_PROBLEM) from None
    say(plain_brief(brief(store, load_guidance(), settings, contact)).rstrip("\n"))
    return 0


def register(commands: Commands) -> None:
    brief = commands.add(
        "brief",
        cmd_brief,
        help="a contact's interview brief as plain text, for a screen reader or a pipe",
        description="Print the interview brief on one contact (what `infocoach export markdown "
        "--contact NAME` writes) as plain text: each heading a line, no Markdown, the meeting's "
        "day in words, a blank line between sections.",
    )
    add_contact_argument(brief)
