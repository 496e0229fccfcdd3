"""`infocoach targets`: the LAMP list of target companies, in the order to work them."""

from __future__ import annotations

import argparse

from infocoach.cli.commands import Commands
from infocoach.cli.common import open_store, say, say_json, text_table

TOP_MARK = "*"


def cmd_targets(args: argparse.Namespace) -> int:
    targets = open_store(args, reading=True).targets()
    if args.json:
        say_json([target.as_dict() for target in targets], floats=False)
        return 0
    if not targets:
        say("No target companies yet. Add one with: infocoach company add NAME")
        return 0
    say(
        text_table(
            ("RANK", "", "COMPANY", "M", "P", "A", "CONTACTS", "INTERVIEWS"),
            [
                (
                    str(t.rank),
                    TOP_MARK if t.top_five else "",
                    t.company.name,
                    str(t.company.motivation),
                    str(t.company.posting),
                    "yes" if t.advocacy else "no",
                    str(len(t.contacts)),
                    str(t.interviews),
                )
                for t in targets
            ],
        )
    )
    return 0


def register(commands: Commands) -> None:
    targets = commands.add(
        "targets",
        cmd_targets,
        help="list the target companies, LAMP order",
        description="The target companies in the order to work them (Steve Dalton's LAMP "
        "list): Motivation, then Posting (0-3, highest first), then Advocacy (someone you know "
        f"there, or a shared background), then name. {TOP_MARK} marks the top five: work those "
        "first. --json gives, for each: rank, top_five, id, name, website, industry, "
        "motivation, posting, advocacy, shared_background, contacts (objects with id and name), "
        "interviews (a count), told_me (how many people there you have talked with) and notes.",
    )
    targets.add_argument("--json", action="store_true", help="print a JSON array")
