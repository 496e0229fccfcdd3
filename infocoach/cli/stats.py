"""`infocoach stats [--today YYYY-MM-DD] [--json]`: the progress figures of the Insights screen."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from infocoach.cli.commands import Commands
from infocoach.cli.common import date_option, json_text, open_store, say
from infocoach.core.text import plural

if TYPE_CHECKING:
    from infocoach.core.insights import Insights

LABEL = 19


def _line(label: str, text: str) -> str:
    return f"{label:<{LABEL}}{text}"


def stats_text(figures: Insights) -> str:
    """The figures as plain lines, for the terminal."""
    from infocoach.core.insights import WEEKS, percent
    from infocoach.core.models import STAGE_LABELS
    from infocoach.core.referrals import GOAL

    weeks = " ".join(str(week.interviews) for week in figures.weeks)
    stages = ", ".join(
        f"{STAGE_LABELS.get(stage, stage)} {count}" for stage, count in figures.by_stage.items()
    )
    people = plural(figures.people_reached, "person", "people")
    outreach = (
        f"{plural(figures.outreach, 'message')} to {people}; "
        f"{figures.replies} replied ({percent(figures.reply_rate)})"
    )
    names = str(figures.names_gained)
    if figures.interviews:
        per = figures.names_per_interview or 0.0
        names += f", {per:.1f} per interview (goal {GOAL})"
    chain = " → ".join(figures.longest_chain) if figures.longest_chain else "—"
    thanks = (
        f"{figures.thanked_on_time} of {figures.thanks_counted} by the next day "
        f"({percent(figures.thank_you_on_time)})"
        if figures.thanks_counted
        else "—"
    )
    if figures.thanks_due:
        thanks += f"; {figures.thanks_due} still due, not counted yet"
    pace = " → ".join(f"{wpm:.0f}" for wpm in figures.pace_trend)
    if pace:
        pace += f" words a minute: {figures.pace_note}"
    lines = [
        f"Insights on {figures.today.isoformat()}",
        "",
        _line("Contacts", str(figures.contacts)),
        _line("Interviews", f"{figures.interviews} (last {WEEKS} weeks, oldest first: {weeks})"),
        _line("Outreach", outreach),
        _line("Pipeline", stages),
        _line("Referred contacts", str(figures.referred)),
        _line("Names gained", names),
        _line("Longest chain", chain),
        _line("Thank-you on time", thanks),
        _line(
            "Rehearsals",
            f"{figures.rehearsals} ({figures.rehearsals_this_week} this week)",
        ),
        _line("Pace", pace or "—"),
        "",
        figures.progress,
    ]
    for topic in figures.crowded:
        lines.append(
            f"{topic.name}: {topic.interviews} interviews — more interviews on the same "
            "topic rarely teach more, and word gets around."
        )
    return "\n".join(lines)


def cmd_stats(args: argparse.Namespace) -> int:
    from infocoach.core.insights import from_store

    today = date_option(args.today, "--today")
    store = open_store(args, reading=True)
    figures = from_store(store, today)
    if args.json:
        say(json_text(figures.as_dict()))
    else:
        say(stats_text(figures))
    return 0


def register(commands: Commands) -> None:
    stats = commands.add(
        "stats",
        cmd_stats,
        help="your progress: interviews, replies, referrals, thank-yous, rehearsals",
        description="Show your progress: interviews, replies, names gained against the goal, "
        "thank-yous on time, rehearsals and contacts by stage.",
    )
    stats.add_argument("--today", metavar="YYYY-MM-DD", help="the day to count to (default: today)")
    stats.add_argument("--json", action="store_true", help="print a JSON object")
