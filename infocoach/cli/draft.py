"""`infocoach draft NAME SCRIPT_ID`: a script filled in for one contact, to paste into an email."""

from __future__ import annotations

import argparse

from infocoach.cli.commands import Commands, add_contact_argument
from infocoach.cli.common import EXIT_PROBLEM, CommandError, open_store, say
from infocoach.core.drafts import contact_values


def cmd_draft(args: argparse.Namespace) -> int:
    from infocoach.data.settings import SettingsError, load_settings
    from infocoach.guidance.loader import load_guidance

    guidance = load_guidance()
    script = guidance.script(args.script_id)
    if script is None:
        valid = ", ".join(each.id for each in guidance.scripts)
        raise CommandError(f"SCRIPT_ID: there is no script {args.script_id!r}; one of: {valid}")
    store = open_store(args, reading=True)  # a draft is printed, never written
    contact = store.find_contact(args.name)  # InvalidInput / AmbiguousName: exit 2
    kept = None if args.fresh else store.message_drafts(contact.id).get(script.id)
    if kept is not None:
        say(
            f"The message for #{contact.id} {contact.name} kept in the app ({script.id}); "
            "--fresh prints the script filled in again.",
            err=True,
        )
        say(kept.rstrip("\n"))
        return 0
    try:
        mine = load_settings().placeholders()
    except SettingsError as error:
        raise CommandError(str(error), EXIT_PROBLEM) from None
    say(script.fill(contact_values(store, contact, mine)).rstrip("\n"))
    return 0


def register(commands: Commands) -> None:
    draft = commands.add(
        "draft",
        cmd_draft,
        help="print a message script filled in for a contact, to paste into an email",
        description="Print a script (outreach-email, follow-up-no-reply, linkedin-note, "
        "thank-you…) filled in with the contact's details and your own. When the app keeps a "
        "message you wrote from that script for the contact, that one is printed instead "
        "(said on standard error) unless --fresh. `infocoach check` checks the result.",
    )
    add_contact_argument(draft)
    draft.add_argument(
        "script_id", metavar="SCRIPT_ID", help="the script, e.g. outreach-email or thank-you"
    )
    draft.add_argument(
        "--fresh",
        action="store_true",
        help="print the script filled in again, not the message kept in the app",
    )
