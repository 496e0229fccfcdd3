"""`infocoach history NAME` and `infocoach unlog ENTRY_ID`: a contact's events and interviews,
each with an id (`e12`, `i3`), and taking one of them back."""

from __future__ import annotations

import argparse
from typing import Any

from infocoach.cli.commands import Commands, add_contact_argument
from infocoach.cli.common import data_file_to_read, json_text, open_store, say
from infocoach.core.history import HistoryEntry, parse_entry_id
from infocoach.core.models import InvalidInput, stage_name

NOTE_WIDTH = 60  # of the first line of a note, in the text form


def cmd_history(args: argparse.Namespace) -> int:
    store = open_store(args, reading=True)
    contact = store.find_contact(args.name)  # InvalidInput / AmbiguousName: exit 2
    entries = store.history(contact.id)
    if args.json:
        payload = {"contact": contact, "entries": [_entry_json(e) for e in entries]}
        say(json_text(payload))
        return 0
    if not entries:
        stage = stage_name(contact.stage)
        say(
            f"Nothing logged for #{contact.id} {contact.name} yet (stage: {stage}). "
            f'Log an event with: infocoach log "#{contact.id}" EVENT'
        )
        return 0
    ids = max(len(str(entry.id)) for entry in entries)
    whats = max(len(entry.what) for entry in entries)
    for entry in entries:
        cells = [str(entry.id).ljust(ids), entry.date, entry.what.ljust(whats), *_details(entry)]
        say("  ".join(cells).rstrip())
    return 0


def _details(entry: HistoryEntry) -> list[str]:
    """What follows the what: an interview's minutes and names gained, then the note."""
    cells = []
    if entry.is_interview:
        if entry.minutes:
            cells.append(f"{entry.minutes} min")
        if entry.names_gained:
            cells.append("names gained: " + ", ".join(entry.names_gained))
    note = _first_line(entry.notes)
    if note:
        cells.append(note)
    return cells


def _first_line(notes: str) -> str:
    """The note's first line that says something, cut to NOTE_WIDTH; `…` when there is more."""
    lines = [" ".join(line.split()) for line in notes.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    first = lines[0]
    if len(first) > NOTE_WIDTH:
        return first[: NOTE_WIDTH - 1] + "…"
    return first + ("…" if len(lines) > 1 else "")


def _entry_json(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "id": str(entry.id),
        "kind": entry.id.kind,
        "date": entry.date,
        "what": entry.what,
        "notes": entry.notes,
        "minutes": entry.minutes,
        "names_gained": list(entry.names_gained),
        "questions_asked": list(entry.questions_asked),
    }


def cmd_unlog(args: argparse.Namespace) -> int:
    wanted = parse_entry_id(args.entry_id)  # InvalidInput naming it: exit 2
    if not data_file_to_read(args).exists():  # nothing logged yet: and nothing is created
        raise InvalidInput({"entry": f"there is no entry {wanted}"})
    store = open_store(args)
    removed = store.remove_entry(str(wanted))
    contact = store.get_contact(removed.contact_id)
    what = f"{removed.what} on {removed.date}"
    if removed.paired_event is not None:
        what += ", with the 'interviewed' event logged with it"
    say(
        f"Removed {removed.id} ({what}) from #{contact.id} {contact.name}; "
        f"stage now: {stage_name(contact.stage)}"
    )
    return 0


def register(commands: Commands) -> None:
    history = commands.add(
        "history",
        cmd_history,
        help="a contact's events and interviews, oldest first, each with its id",
        description="Show a contact's history, oldest first: the events logged (ids like e12) "
        "and the interviews recorded (ids like i3), for `infocoach unlog ENTRY_ID`.",
    )
    add_contact_argument(history)
    history.add_argument(
        "--json", action="store_true", help="print a JSON object: the contact and its entries"
    )

    unlog = commands.add(
        "unlog",
        cmd_unlog,
        help="delete one entry of a contact's history (an event or an interview)",
        description="Delete one history entry by the id `infocoach history NAME` shows: e12 for "
        "an event, i3 for an interview (with the 'interviewed' event logged with it). The "
        "contact's stage follows.",
    )
    unlog.add_argument("entry_id", metavar="ENTRY_ID", help="e and a number, or i and a number")
