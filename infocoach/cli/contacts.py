"""`infocoach add` and `infocoach list`."""

from __future__ import annotations

import argparse

from infocoach.cli.common import open_store, say, say_json, text_table
from infocoach.core.models import Contact, stage_name


def cmd_add(args: argparse.Namespace) -> int:
    store = open_store(args)
    contact = store.add_contact(
        name=args.name,
        greet_as=args.greet_as or "",
        time_zone=args.time_zone or "",
        company=args.company or "",
        role=args.role or "",
        email=args.email or "",
        phone=args.phone or "",
        how_met=args.how_met or "",
        referred_by=args.referred_by,
        meeting=args.meeting or "",
        minutes=args.minutes or "",
        meeting_kind=args.meeting_kind or "",
        notes=args.notes or "",
    )
    say(str(contact.id))
    busy = _busy_day(store.contacts(), contact)
    if busy:
        say(f"Note: {busy}", err=True)
    return 0


def _busy_day(contacts: list[Contact], contact: Contact) -> str:
    """What to point out when the new meeting crowds its day ("" when it does not)."""
    from infocoach.core.agenda import CALLS_PER_DAY, busy_day_note, meeting_datetime
    from infocoach.data.settings import SettingsError, load_settings

    meeting = meeting_datetime(contact)
    if meeting is None:
        return ""
    try:
        limit = load_settings().calls_per_day
    except SettingsError:
        limit = CALLS_PER_DAY  # the contact is added all the same; the note uses the default
    return busy_day_note(contacts, meeting, limit, contact.id)


def cmd_list(args: argparse.Namespace) -> int:
    contacts = open_store(args, reading=True).contacts()
    if args.json:
        say_json(contacts, floats=False)
        return 0
    if not contacts:
        say("No contacts yet. Add one with: infocoach add NAME")
        return 0
    say(text_table(
        ("ID", "NAME", "COMPANY", "ROLE", "STAGE", "MEETING"),
        [(str(c.id), c.name, c.company, c.role, stage_name(c.stage), c.meeting or "")
         for c in contacts],
    ))  # fmt: skip
    return 0


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    add = commands.add_parser(
        "add",
        parents=parents,
        help="add a contact; prints its id",
        description="Add a contact and print its id (the #ID other commands accept). Only NAME "
        "is needed; several contacts may share a name.",
    )
    add.add_argument("name", metavar="NAME", help="the contact's name")
    add.add_argument(
        "--greet-as",
        metavar="TEXT",
        help='what you call them after "Hello" when the app guesses wrong, e.g. "Dr. Nwosu"',
    )
    add.add_argument("--company", help="where they work")
    add.add_argument("--role", help="their job title")
    add.add_argument("--email", help="their email address")
    add.add_argument("--phone", help="their phone number")
    add.add_argument(
        "--how-met",
        metavar="TEXT",
        help='completes "I found your name ...", e.g. "through Maya Okafor"',
    )
    add.add_argument(
        "--referred-by", metavar="NAME", help="the contact who referred you: NAME (any case) or #ID"
    )
    add.add_argument(
        "--meeting", metavar='"YYYY-MM-DD HH:MM"', help="when the interview is scheduled"
    )
    add.add_argument("--minutes", metavar="N", help="minutes agreed for the meeting (1-240)")
    add.add_argument(
        "--meeting-kind",
        metavar="KIND",
        help='how you will meet: phone (the default), video or "in person"',
    )
    add.add_argument(
        "--time-zone",
        metavar="ZONE",
        help="where they are, when abroad, e.g. Asia/Tokyo: a message abroad gives both times",
    )
    add.add_argument("--notes", metavar="TEXT", help="anything to remember about them")
    add.set_defaults(handler=cmd_add)

    listing = commands.add_parser(
        "list",
        parents=parents,
        help="list contacts",
        description="List every contact, sorted by name: id, name, company, role, stage and "
        "meeting; --json gives every field.",
    )
    listing.add_argument(
        "--json", action="store_true", help="print a JSON array with every field of each contact"
    )
    listing.set_defaults(handler=cmd_list)
