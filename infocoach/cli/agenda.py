"""`infocoach agenda [--today YYYY-MM-DD] [--json | --plain]`: what is due and overdue, overdue
first."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from infocoach.cli.commands import Commands
from infocoach.cli.common import (
    EXIT_PROBLEM,
    CommandError,
    date_option,
    open_store,
    say,
    say_json,
)

if TYPE_CHECKING:
    from infocoach.core.agenda import AgendaItem


def cmd_agenda(args: argparse.Namespace) -> int:
    from infocoach.core.agenda import agenda_items, due_label, long_day, prepare_item_ids, short_day
    from infocoach.data.settings import SettingsError, load_settings
    from infocoach.guidance.loader import load_guidance

    if args.json and args.plain:
        raise CommandError("--json and --plain are two forms of the agenda: choose one")
    chosen = date_option(args.today, "--today")
    store = open_store(args, reading=True)
    today = chosen or store.today()
    prepare_items = prepare_item_ids(load_guidance())
    day_words = long_day if args.plain else short_day
    try:
        calls_per_day = load_settings().calls_per_day
    except SettingsError as error:
        raise CommandError(str(error), EXIT_PROBLEM) from None
    items = agenda_items(
        store, today, prepare_items=prepare_items, day_words=day_words, calls_per_day=calls_per_day
    )
    if args.json:
        say_json([item.as_dict() for item in items], floats=False)
        return 0
    if args.plain:
        say("\n".join(_plain_lines(items, today)))
        return 0
    if not items:
        say(f"Nothing due on {today.isoformat()}.")
        return 0
    say(f"Agenda for {today.isoformat()}: {_counts(items)}")
    for item in items:
        when = due_label(item.due, today)
        say(f"{item.due.isoformat()}  {when:<16}  {item.action:<19}  {item.text}")
    return 0


def _counts(items: list[AgendaItem]) -> str:
    """'3 items, 1 overdue'."""
    overdue = sum(item.overdue for item in items)
    noun = "item" if len(items) == 1 else "items"
    return f"{len(items)} {noun}, {overdue} overdue"


def _plain_lines(items: list[AgendaItem], today: date) -> list[str]:
    """The agenda as sentences to hear or pipe: the day and the counts, then one item a line,
    with no columns, symbols or abbreviated days."""
    from infocoach.core.agenda import long_day, when_label

    day = f"{long_day(today)} {today.year}"
    if not items:
        return [f"Nothing due on {day}."]
    lines = [f"Agenda for {day}: {_counts(items)}."]
    for item in items:
        when = when_label(item, today, long_day)
        lines.append(f"{when[0].upper()}{when[1:]}: {item.text}.")
    return lines


def register(commands: Commands) -> None:
    agenda = commands.add(
        "agenda",
        cmd_agenda,
        help="what to do today: thank-yous, follow-ups, updates",
        description="List what is due and overdue: thank-yous, news for referrers, follow-ups, "
        "keeping in touch and meetings to prepare.",
    )
    agenda.add_argument("--today", metavar="YYYY-MM-DD", help="the day to plan (default: today)")
    agenda.add_argument("--json", action="store_true", help="print a JSON array of items")
    agenda.add_argument(
        "--plain",
        action="store_true",
        help="print sentences, one item a line, with the days in words: for a screen reader, "
        "a braille display or a pipe",
    )
