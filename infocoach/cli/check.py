"""`infocoach check FILE`: the checker on a message written anywhere (or `-`, standard input),
by the rules of its kind; exit 1 when a rule fails (a bracket left unfilled among them)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from infocoach.cli.commands import Commands
from infocoach.cli.common import EXIT_BAD_INPUT, EXIT_PROBLEM, CommandError, json_text, say
from infocoach.core.outreach_check import (
    FIRST,
    MESSAGE_KINDS,
    SPOKEN,
    WRITTEN,
    RuleResult,
    Rules,
    check_message,
    rules_for,
)
from infocoach.core.pacing import DEFAULT_PACE


def read_message(source: str) -> str:
    """The text of the file `source`, or of standard input for `-`; CommandError naming it."""
    where = "standard input" if source == "-" else source
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        return text.removeprefix("\ufeff")  # the mark some Windows editors start a file with
    except UnicodeDecodeError:
        raise CommandError(f"cannot read {where}: it is not UTF-8 text", EXIT_BAD_INPUT) from None
    except OSError as error:
        why = error.strerror or str(error)
        raise CommandError(f"cannot read {where}: {why}", EXIT_BAD_INPUT) from None


def result_line(result: RuleResult) -> str:
    """✓ and the title when passed (and why when close), ✗, the title and why when failed."""
    if not result.passed:
        return f"✗ {result.title}: {result.why}"
    if result.warning:
        return f"✓ {result.title} ({result.why})"
    return f"✓ {result.title}"


def _rules(args: argparse.Namespace) -> Rules:
    """The rules asked for: a script's (--script), a kind's (--kind), else a first message."""
    if args.script:
        from infocoach.guidance.loader import load_guidance

        scripts = load_guidance().scripts
        script = next((each for each in scripts if each.id == args.script), None)
        if script is None:
            valid = ", ".join(each.id for each in scripts)
            raise CommandError(f"--script: there is no script {args.script!r}; one of: {valid}")
        return rules_for(script.id, script.kind)
    if args.kind == SPOKEN:
        return Rules(SPOKEN)
    if args.kind == WRITTEN:
        return Rules(WRITTEN)
    return Rules(FIRST, subject_required=not args.note)


def _pace() -> int:
    """Her speaking pace from the settings (the default when they cannot be read)."""
    from infocoach.data.settings import SettingsError, load_settings

    try:
        return load_settings().pace_wpm
    except SettingsError:
        return DEFAULT_PACE


def cmd_check(args: argparse.Namespace) -> int:
    rules = _rules(args)
    text = read_message(args.file)
    pace = _pace() if rules.kind == SPOKEN else DEFAULT_PACE
    results = check_message(text, rules, args.connection, pace=pace)
    if args.json:
        say(
            json_text(
                [
                    {
                        "id": r.id,
                        "title": r.title,
                        "passed": r.passed,
                        "warning": r.warning,
                        "why": r.why,
                    }
                    for r in results
                ]
            )
        )
    else:
        for result in results:
            say(result_line(result))
    return 0 if all(result.passed for result in results) else EXIT_PROBLEM


def register(commands: Commands) -> None:
    check = commands.add(
        "check",
        cmd_check,
        help="check a message against the rules of its kind (exit 1 when one fails)",
        description="Check a message. Every kind: nothing left in [square brackets]. A first "
        "message (the default): a short, specific subject line (a first line 'Subject: …'), "
        "under 100 words (counted as wc -w counts them, the subject and greeting left out), no "
        "job-asking words, the connection in the first sentence, the request as a question, "
        "more about them than about you, and a calm tone. A written note after a meeting or a "
        "reply: under 150 words, no job words, a calm tone. A spoken script: how many seconds "
        "it takes at your pace. --script picks the rules of one of the app's scripts. Prints "
        "one line per rule; exits 0 when all pass, 1 when one fails, 2 when the file cannot be "
        "read.",
    )
    check.add_argument(
        "file", metavar="FILE", help="the message as a UTF-8 text file, or - for standard input"
    )
    check.add_argument(
        "--connection",
        metavar="NAME",
        action="append",
        default=[],
        help="who referred you or how you met, looked for in the first sentence (repeatable)",
    )
    check.add_argument(
        "--note",
        action="store_true",
        help="a first message with no subject line (a LinkedIn note, a reply in a thread)",
    )
    check.add_argument(
        "--kind",
        choices=MESSAGE_KINDS,
        default=FIRST,
        help="first (a first message to someone: the default), written (a note after a "
        "meeting, or a reply) or spoken (a script said aloud)",
    )
    check.add_argument(
        "--script",
        metavar="SCRIPT_ID",
        help="the app's script the message was drafted from (e.g. thank-you): its rules",
    )
    check.add_argument(
        "--json",
        action="store_true",
        help="print the results as JSON: [{id, title, passed, warning, why}]",
    )
