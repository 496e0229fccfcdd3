"""`infocoach add`, `edit`, `delete` and `list`: what the app's contact form does."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from infocoach.cli.commands import Commands, add_contact_argument
from infocoach.cli.common import CommandError, open_store, say, say_json, text_table
from infocoach.core.models import ID_REFERENCE, Contact, contact_fields, stage_name
from infocoach.core.text import for_terminal, plural

BEFORE_DELETE = "before-delete"  # the backup's label


# The fields `add` and `edit` take, as the app's contact form has them: (option, field,
# metavar, help). One table, so the two commands cannot drift apart.
FIELD_OPTIONS: tuple[tuple[str, str, str | None, str], ...] = (
    ("--greet-as", "greet_as", "TEXT",
     'what you call them after "Hello" when the app guesses wrong, e.g. "Dr. Nwosu"'),
    ("--company", "company", None, "where they work"),
    ("--role", "role", None, "their job title"),
    ("--email", "email", None, "their email address"),
    ("--phone", "phone", None, "their phone number"),
    ("--linkedin", "linkedin", "URL", "their LinkedIn profile address"),
    ("--website", "website", "URL", "their own page or the company's"),
    ("--tags", "tags", "TAGS", 'comma separated, e.g. "alumni, data"'),
    ("--how-met", "how_met", "TEXT",
     'completes "I found your name ...", e.g. "through Maya Okafor"'),
    ("--referred-by", "referred_by", "NAME",
     "the contact who referred you: NAME (any case) or #ID"),
    ("--meeting", "meeting", '"YYYY-MM-DD HH:MM"', "when the interview is scheduled"),
    ("--minutes", "minutes", "N", "minutes agreed for the meeting (1-240)"),
    ("--meeting-kind", "meeting_kind", "KIND",
     'how you will meet: phone (the default), video or "in person"'),
    ("--time-zone", "time_zone", "ZONE",
     "where they are, when abroad, e.g. Asia/Tokyo: a message abroad gives both times"),
    ("--notes", "notes", "TEXT", "anything to remember about them"),
)  # fmt: skip
NAME_OPTION = ("--name", "name", "NAME", "their name")
Options = Sequence[tuple[str, str, str | None, str]]


def _given(args: argparse.Namespace, options: Options) -> dict[str, str]:
    """The fields whose options were given (an empty value clears the field)."""
    return {
        field: getattr(args, field)
        for _, field, _, _ in options
        if getattr(args, field) is not None
    }


def cmd_add(args: argparse.Namespace) -> int:
    values = {"name": args.name, **_given(args, FIELD_OPTIONS)}
    contact_fields(values)  # every bad field named before anything is saved
    store = open_store(args)
    referrer = values.get("referred_by", "").strip()
    if referrer and not ID_REFERENCE.fullmatch(referrer) and not store.contacts_named(referrer):
        question = (
            f"No contact is named {referrer!r}. Add {referrer} as a contact, who referred "
            f"{args.name}? [y/N] "
        )
        if not (args.add_referrer or _confirmed(question)):
            raise CommandError(
                f"--referred-by: no contact is named {referrer!r}; add --add-referrer to add "
                f"{referrer} as a new contact too"
            )
        added = store.add_contact(name=referrer)
        say(f"Added {added.name} as #{added.id}, who referred {args.name}", err=True)
        values["referred_by"] = f"#{added.id}"
    contact = store.add_contact(**values)
    say(str(contact.id))
    busy = _busy_day(store.contacts(), contact)
    if busy:
        say(f"Note: {busy}", err=True)
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    options = (NAME_OPTION, *FIELD_OPTIONS)
    changes = _given(args, options)
    if not changes:
        flags = ", ".join(option for option, _, _, _ in options)
        raise CommandError(f"nothing to change: give one or more of {flags}")
    store = open_store(args)
    contact = store.find_contact(args.contact)  # InvalidInput (exit 2) when unknown
    saved = store.update_contact(contact.id, **changes)
    changed = ", ".join(option[2:] for option, field, _, _ in options if field in changes)
    say(f"Saved #{saved.id} {saved.name}: {changed}")
    if "meeting" in changes:
        busy = _busy_day(store.contacts(), saved)
        if busy:
            say(f"Note: {busy}", err=True)
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from infocoach.data.backups import copy_to_backups

    store = open_store(args)
    contact = store.find_contact(args.contact)  # InvalidInput (exit 2) when unknown
    history = store.history(contact.id)
    what = contact.label()
    if history:
        what += f", with the {plural(len(history), 'entry', 'entries')} of their history"
    if not args.yes:
        if not sys.stdin.isatty():
            raise CommandError(f"delete asks first: add --yes to delete {contact.label()}")
        if not _confirmed(f"Delete {what}? [y/N] "):
            say("Nothing deleted.")
            return 0
    kept = copy_to_backups(store.path, BEFORE_DELETE)
    store.delete_contact(contact.id)
    say(f"Deleted {what}.")
    say(
        f"To take it back: infocoach restore {kept.name} (the data as it was just before; "
        "a restore keeps the data it replaces in backups/ too). In the app, u takes back a "
        "delete made there."
    )
    return 0


def _confirmed(question: str) -> bool:
    """Her yes to `question`, asked on the terminal; False when nobody can answer (no
    terminal: a script), so nothing is done without a word from her."""
    if not sys.stdin.isatty():
        return False
    try:
        return input(for_terminal(question)).strip().casefold() in {"y", "yes"}
    except EOFError:
        return False


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
    say(
        text_table(
            ("ID", "NAME", "COMPANY", "ROLE", "STAGE", "MEETING"),
            [
                (str(c.id), c.name, c.company, c.role, stage_name(c.stage), c.meeting or "")
                for c in contacts
            ],
        )
    )
    return 0


def register(commands: Commands) -> None:
    add = commands.add(
        "add",
        cmd_add,
        help="add a contact; prints its id",
        description="Add a contact and print its id (the #ID other commands accept). Only NAME "
        "is needed; several contacts may share a name.",
    )
    add.add_argument("name", metavar="NAME", help="the contact's name")
    _field_options(add, FIELD_OPTIONS)
    add.add_argument(
        "--add-referrer",
        action="store_true",
        help="with --referred-by a name no contact has: add that person as a contact too",
    )

    edit = commands.add(
        "edit",
        cmd_edit,
        help="change a contact's fields",
        description="Change the fields of a contact, as the app's form does: only the options "
        'given change, and an empty value (--role "") clears a field. The options of add, '
        "and --name.",
    )
    add_contact_argument(edit, "contact", "NAME|#ID")
    _field_options(edit, (NAME_OPTION, *FIELD_OPTIONS))

    delete = commands.add(
        "delete",
        cmd_delete,
        help="delete a contact with their history (asks first)",
        description="Delete a contact with their events, interviews and rehearsals. Asks "
        "first (--yes does not); a copy of the data as it was is kept in backups/ first, and "
        "the command prints the `infocoach restore` line that takes it back.",
    )
    add_contact_argument(delete, "contact", "NAME|#ID")
    delete.add_argument("--yes", action="store_true", help="delete without asking")

    listing = commands.add(
        "list",
        cmd_list,
        help="list contacts",
        description="List every contact, sorted by name: id, name, company, role, stage and "
        "meeting; --json gives every field.",
    )
    listing.add_argument(
        "--json", action="store_true", help="print a JSON array with every field of each contact"
    )


def _field_options(parser: argparse.ArgumentParser, options: Options) -> None:
    for option, field, metavar, help_text in options:
        parser.add_argument(option, dest=field, metavar=metavar, help=help_text)
