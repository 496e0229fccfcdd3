"""`infocoach pace FILE.wav [--words N | --script SCRIPT_ID] [--json]`: the pace of a reading
recorded elsewhere, measured as the app measures one it hears."""

from __future__ import annotations

import argparse
from pathlib import Path

from infocoach.cli.commands import Commands
from infocoach.cli.common import EXIT_BAD_INPUT, CommandError, json_text, say
from infocoach.core import pacing, speech


def cmd_pace(args: argparse.Namespace) -> int:
    from infocoach.exchange.audio import AudioError, measure_recording

    words, ask_at_word = args.words, None
    if args.script_id is not None:
        text = _script_text(args.script_id)
        words, ask_at_word = len(pacing.word_spans(text)), speech.ask_word(text)
    if words is not None and words < 1:
        raise CommandError(f"--words: {words} is not a number of words (1 or more)")
    try:
        heard = measure_recording(Path(args.file), words, ask_at_word)
    except AudioError as error:
        raise CommandError(str(error), EXIT_BAD_INPUT) from None
    if heard is None:
        raise CommandError(f"{args.file}: no voice heard in it", EXIT_BAD_INPUT)
    if args.json:
        say(
            json_text(
                {
                    "wpm": None if heard.wpm is None else round(heard.wpm, 1),
                    "speaking_seconds": round(heard.speaking_seconds, 2),
                    "longest_pause": round(heard.longest_pause, 2),
                    "ask_seconds": None
                    if heard.ask_seconds is None
                    else round(heard.ask_seconds, 2),
                    "words": words,
                }
            )
        )
    else:
        say(heard.summary())
        say(heard.advice())
    return 0


def _script_text(script_id: str) -> str:
    """The script as the Timer pane shows it before a contact fills it in."""
    from infocoach.guidance.loader import load_guidance

    guidance = load_guidance()
    script = guidance.script(script_id)
    if script is None:
        valid = ", ".join(each.id for each in guidance.scripts)
        raise CommandError(f"--script: there is no script {script_id!r}; one of: {valid}")
    return script.fill({})


def register(commands: Commands) -> None:
    pace = commands.add(
        "pace",
        cmd_pace,
        help="measure the pace of a reading you recorded (a WAV file)",
        description="Measure a reading recorded elsewhere (a WAV file, e.g. from your phone's "
        "voice recorder, saved as WAV): words a minute over the time you were speaking (pauses "
        "over a second left out), the speaking time and the longest pause. Give the number of "
        "words read, or the script read, for the pace. Needs the voice extra: "
        "pip install 'infocoach[voice]'. A file that is not a WAV recording: one line, exit 2.",
    )
    pace.add_argument("file", metavar="FILE.wav", help="the recording")
    read = pace.add_mutually_exclusive_group()
    read.add_argument("--words", type=int, metavar="N", help="how many words you read aloud")
    read.add_argument(
        "--script",
        dest="script_id",
        metavar="SCRIPT_ID",
        help="the script you read (its words are counted, and the ask found)",
    )
    pace.add_argument(
        "--json",
        action="store_true",
        help="print an object: wpm, speaking_seconds, longest_pause, ask_seconds, words",
    )
