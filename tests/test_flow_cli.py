"""Issue 29 on the command line: names found whatever their accents, `edit`, `delete`, and
`add` with every field."""

from __future__ import annotations

import pytest

from infocoach.cli import main as cli


def test_history_finds_a_name_typed_without_its_accents(
    data_file: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["add", "José Álvarez", "--company", "Acme"]) == 0
    assert cli.main(["log", "jose alvarez", "reached-out", "--date", "2026-11-03"]) == 0
    capsys.readouterr()
    assert cli.main(["history", "Jose Alvarez"]) == 0
    assert "reached-out" in capsys.readouterr().out


def test_an_interview_held_early_clears_the_planned_meeting(
    data_file: object, capsys: pytest.CaptureFixture[str]
) -> None:
    """Meeting set for Tuesday 8 December, the call held on the 7th: on the 9th neither the
    agenda nor the brief speaks of the 8th or of preparing for it."""
    assert cli.main(["add", "Maya Okafor", "--meeting", "2026-12-08 10:00"]) == 0
    assert cli.main(["log", "Maya Okafor", "interviewed", "--date", "2026-12-07"]) == 0
    capsys.readouterr()
    assert cli.main(["agenda", "--today", "2026-12-09", "--plain"]) == 0
    agenda = capsys.readouterr().out
    assert "Thank Maya Okafor for your talk on Monday 7 December" in agenda, agenda
    assert "8 Dec" not in agenda and "Tuesday" not in agenda
    assert cli.main(["brief", "Maya Okafor"]) == 0
    brief = capsys.readouterr().out
    assert "Meeting: held on Monday 7 December" in brief, brief
    assert "8 December" not in brief
    assert "2. Prepare: 0 of 12 done, still to do" not in brief
    assert "4. Conduct the interview: 0 of 12 done, still to do" in brief


def test_history_keeps_the_order_of_logging_within_a_day() -> None:
    """Called, then thanked the same evening: newest first puts the thank-you on top."""
    from infocoach.core.history import history
    from infocoach.core.models import Interview, LoggedEvent

    events = [
        LoggedEvent(1, 7, "interviewed", "2026-12-07"),
        LoggedEvent(2, 7, "thanked", "2026-12-07"),
        LoggedEvent(3, 7, "replied", "2026-12-01"),
    ]
    interviews = [Interview(1, 7, "2026-12-07", minutes=20)]
    order = [str(entry.id) for entry in history(interviews, events)]
    assert order == ["e3", "i1", "e2"]


def test_list_lines_up_its_columns_around_wide_names(
    data_file: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from infocoach.core.text import display_width

    assert cli.main(["add", "王小明", "--company", "Acme"]) == 0
    assert cli.main(["add", "Ann Lee", "--company", "Beta"]) == 0
    assert cli.main(["add", "佐藤" * 20, "--company", "Cobalt"]) == 0  # cut to the column
    capsys.readouterr()
    assert cli.main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    companies = ("Acme", "Beta", "Cobalt")
    starts = {
        display_width(line[: line.index(company)])
        for line in lines[1:]
        for company in companies
        if company in line
    }
    assert len(starts) == 1, lines
