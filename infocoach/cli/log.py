"""`infocoach log NAME EVENT [--date YYYY-MM-DD] [--note TEXT]`: one event on a contact's log."""

from __future__ import annotations

import argparse

from infocoach.cli.commands import Commands, add_contact_argument
from infocoach.cli.common import CommandError, date_option, open_store, say
from infocoach.core.models import DATE_FORMAT, EVENTS, stage_name


def cmd_log(args: argparse.Namespace) -> int:
    event = args.event.strip().lower()
    if event not in EVENTS:
        raise CommandError(f"EVENT: {args.event!r} is not one of {', '.join(EVENTS)}")
    day = date_option(args.date, "--date")
    store = open_store(args)
    contact = store.find_contact(args.name)  # InvalidInput (exit 2) when unknown
    from infocoach.guidance.loader import load_guidance

    content = load_guidance()
    logged = store.log_event_ticking(
        contact.id, event, content.done_by(), day=day, note=args.note or ""
    )
    stage = stage_name(store.get_contact(contact.id).stage)
    when = (day or store.today()).strftime(DATE_FORMAT)
    say(f"Logged {event} for {contact.name} on {when}; stage: {stage}")
    for item_id in logged.ticked:
        item = content.item(item_id)
        say(f"Ticked: {item.text if item else item_id}")
    return 0


def register(commands: Commands) -> None:
    log = commands.add(
        "log",
        cmd_log,
        help="add an event to a contact's log",
        description=f"Add an event to a contact's log. EVENT is one of: {', '.join(EVENTS)}.",
    )
    add_contact_argument(log)
    log.add_argument("event", metavar="EVENT", help=", ".join(EVENTS))
    log.add_argument("--date", metavar="YYYY-MM-DD", help="when it happened (default: today)")
    log.add_argument("--note", metavar="TEXT", help="a short note")
