"""`infocoach agenda [--today YYYY-MM-DD] [--json]`: what is due and overdue, overdue first."""

from __future__ import annotations

import argparse

from infocoach.cli.common import date_option, open_store, say, say_json


def cmd_agenda(args: argparse.Namespace) -> int:
    from infocoach.core.agenda import agenda_items, due_label, prepare_item_ids
    from infocoach.guidance.loader import load_guidance

    chosen = date_option(args.today, "--today")
    store = open_store(args, reading=True)
    today = chosen or store.today()
    items = agenda_items(store, today, prepare_items=prepare_item_ids(load_guidance()))
    if args.json:
        say_json([item.as_dict() for item in items], floats=False)
        return 0
    if not items:
        say(f"Nothing due on {today.isoformat()}.")
        return 0
    overdue = sum(item.overdue for item in items)
    noun = "item" if len(items) == 1 else "items"
    say(f"Agenda for {today.isoformat()}: {len(items)} {noun}, {overdue} overdue")
    for item in items:
        when = due_label(item.due, today)
        say(f"{item.due.isoformat()}  {when:<16}  {item.action:<19}  {item.text}")
    return 0


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    agenda = commands.add_parser(
        "agenda",
        parents=parents,
        help="what to do today: thank-yous, follow-ups, updates",
        description="List what is due and overdue: thank-yous, news for referrers, follow-ups, "
        "keeping in touch and meetings to prepare.",
    )
    agenda.add_argument("--today", metavar="YYYY-MM-DD", help="the day to plan (default: today)")
    agenda.add_argument("--json", action="store_true", help="print a JSON array of items")
    agenda.set_defaults(handler=cmd_agenda)
