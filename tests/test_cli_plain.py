"""`infocoach agenda --plain` and `infocoach brief NAME`: sentences to hear from a screen reader
or a braille display, or to pipe, on the demo data of a fixed day."""

from __future__ import annotations

from datetime import date

import pytest

from infocoach.cli import main as cli
from infocoach.core.agenda import long_day
from infocoach.data.repositories import Store
from infocoach.exchange.demo import populate
from infocoach.exchange.exporters import spoken_meeting
from infocoach.guidance.records import Guidance

DEMO_DAY = date(2026, 11, 20)
# Markup a speech synthesizer reads out, or that only means something in Markdown.
MARKUP = set("#*_\\`~|<>")

AGENDA = [
    "Agenda for Friday 20 November 2026: 7 items, 3 overdue.",
    "17 days overdue: Tell Samuel Adeyemi, who referred you, how your talk with Grace Liu went.",
    "3 days overdue: No reply from Tom Becker since Thursday 12 November: reach out to someone "
    "else at Northwind Health as well.",
    "2 days overdue: Thank Chris Doyle for your talk on Tuesday 17 November; name one thing you "
    "learned.",
    "Due today: Thank Daniel Reyes for your talk on Thursday 19 November; name one thing you "
    "learned.",
    "Due today: Confirm your meeting with Priya Natarajan on Saturday 21 November at 12:00: the "
    "time, by phone, and a number to reach you.",
    "Due Saturday 21 November: Meeting with Priya Natarajan on Saturday 21 November at 12:00: "
    "9 of 12 Prepare items still to do.",
    "Due by Sunday 22 November: Tell Maya Okafor, who referred you, how your talk with Daniel "
    "Reyes went.",
]


def speakable(text: str) -> bool:
    """Only printable ASCII without markup, letters (é, ö) and line breaks: no '·', '→', '✓',
    box drawing or emphasis markers."""
    return all(
        (" " <= char <= "~" and char not in MARKUP) or char.isalpha() or char == "\n"
        for char in text
    )


@pytest.fixture
def demo(store: Store, shipped: Guidance) -> Store:
    populate(store, shipped, DEMO_DAY)
    return store


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


# -- agenda --plain -----------------------------------------------------------------------------


def test_agenda_plain_is_one_sentence_an_item(
    demo: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["agenda", "--today", DEMO_DAY.isoformat(), "--plain"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == AGENDA
    assert speakable(out)
    assert "  " not in out  # no column padding


def test_agenda_plain_with_nothing_due(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["agenda", "--today", "2026-12-03", "--plain"]) == 0
    assert capsys.readouterr().out == "Nothing due on Thursday 3 December 2026.\n"


def test_agenda_default_output_keeps_its_columns(
    demo: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["agenda", "--today", DEMO_DAY.isoformat()]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Agenda for 2026-11-20: 7 items, 3 overdue"
    assert lines[2] == (
        "2026-11-17  3 days overdue    try-another-contact  No reply from Tom Becker since "
        "Thu 12 Nov: reach out to someone else at Northwind Health as well"
    )


def test_agenda_plain_and_json_together_is_one_error(
    demo: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["agenda", "--plain", "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert one_error_line(captured.err) == (
        "infocoach: --json and --plain are two forms of the agenda: choose one"
    )


def test_days_in_words() -> None:
    assert long_day(date(2026, 12, 1)) == "Tuesday 1 December"
    assert long_day(date(2027, 5, 16)) == "Sunday 16 May"
    assert spoken_meeting("2026-12-01 09:05") == "Tuesday 1 December 2026 at 09:05"
    assert spoken_meeting("soon") == "soon"  # not a stored time: as it is


# -- brief ----------------------------------------------------------------------------------------


def test_brief_is_plain_text(demo: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["brief", "priya natarajan"]) == 0
    out = capsys.readouterr().out
    assert speakable(out)
    sections = out.removesuffix("\n").split("\n\n")
    titles = [section.splitlines()[0] for section in sections]
    assert titles == [
        "Interview brief: Priya Natarajan",
        "Your purpose",
        "Research notes",
        "Opener: the first minute",
        "Your questions",
        "Checklist",
    ]
    about = sections[0].splitlines()
    assert about[1:4] == [
        "UX Researcher at Northwind Health, in Healthcare",
        "Meeting: Saturday 21 November 2026 at 12:00 (15 minutes agreed)",
        "How you met: through Daniel Reyes",
    ]
    assert sections[1] == "Your purpose\nNot set yet (add it in your settings)."
    opener = sections[3].splitlines()
    # the first minute of the call, not the call that booked it
    assert opener[1] == "We said fifteen minutes at twelve; is this still a good time?"
    assert opener[2].startswith("Could I start with this: ")
    assert opener[3].startswith("(Not a good time) ")
    assert opener[4].startswith("(Only ten minutes) ")
    assert len(opener) == 5  # the title, then one line a paragraph (no purpose set)
    questions = sections[4].splitlines()[1:]
    assert [line.split(". ", 1)[0] for line in questions] == [str(n) for n in range(1, 7)]
    checklist = sections[5].splitlines()
    assert checklist[1] == "1. Network: 3 of 12 done (for your whole search)"
    assert checklist[2] == "2. Prepare: 3 of 12 done, still to do:"
    assert checklist[3] == "Learn the field's key terms and abbreviations before you go"
    assert checklist[-1] == "5. Follow up: 0 of 11 done"


def test_brief_says_what_the_markdown_brief_says(
    demo: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["export", "markdown", "--contact", "Maya Okafor"]) == 0
    markdown = capsys.readouterr().out
    assert cli.main(["brief", "Maya Okafor"]) == 0
    plain = capsys.readouterr().out
    assert "- Email: maya@brightwater.example" in markdown
    assert "\nEmail: maya@brightwater.example\n" in plain
    numbered = [line for line in markdown.splitlines() if line[:1].isdigit()]
    assert numbered and all(f"\n{line}\n" in plain for line in numbered)


def test_brief_prints_a_markdown_like_name_exactly(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    ann = store.add_contact(name="[b]Ann_*x*[/b]", notes="# not a heading\n- not a list\n\nlast")
    for name in ("[B]ANN_*X*[/B]", f"#{ann.id}"):
        assert cli.main(["brief", name]) == 0
        out = capsys.readouterr().out
        assert out.startswith("Interview brief: [b]Ann_*x*[/b]\n")
        assert "\nResearch notes\n# not a heading\n- not a list\nlast\n\n" in out
        assert "\\" not in out


def test_brief_of_an_unknown_name(demo: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["brief", "Nobody"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert one_error_line(captured.err) == "infocoach: NAME: no contact is named 'Nobody'"


def test_brief_of_an_ambiguous_name_lists_them_as_elsewhere(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    store.add_contact(name="Sam Lee", company="One")
    store.add_contact(name="Sam Lee", company="Two")
    assert cli.main(["history", "sam lee"]) == 2
    elsewhere = capsys.readouterr().err
    assert cli.main(["brief", "sam lee"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == elsewhere and "#" in elsewhere
