"""`infocoach check FILE`: the outreach checker on a message written anywhere (or `-`, standard
input); exit 1 when a rule fails."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from infocoach.cli.common import EXIT_BAD_INPUT, EXIT_PROBLEM, CommandError, json_text, say
from infocoach.core.outreach_check import RuleResult, check_outreach


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


def cmd_check(args: argparse.Namespace) -> int:
    text = read_message(args.file)
    results = check_outreach(text, args.connection, subject_required=not args.note)
    if args.json:
        say(json_text([
            {"id": r.id, "title": r.title, "passed": r.passed, "warning": r.warning, "why": r.why}
            for r in results
        ]))  # fmt: skip
    else:
        for result in results:
            say(result_line(result))
    return 0 if all(result.passed for result in results) else EXIT_PROBLEM


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    check = commands.add_parser(
        "check",
        parents=parents,
        help="check a first email or note against the outreach rules (exit 1 when one fails)",
        description="Check a first outreach message: a short, specific subject line (a first "
        "line 'Subject: …'), under 100 words (the subject not counted), no job-asking words, "
        "the connection in the first sentence, the request as a question, more about them than "
        "about you, and a calm tone. Prints one line per rule; exits 0 when all pass, 1 when "
        "one fails, 2 when the file cannot be read.",
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
        help="a LinkedIn note or a reply in a thread: no subject line needed",
    )
    check.add_argument(
        "--json",
        action="store_true",
        help="print the results as JSON: [{id, title, passed, warning, why}]",
    )
    check.set_defaults(handler=cmd_check)
