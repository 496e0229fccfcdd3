"""Energy: at most two calls a day by default (a setting). A third on one day is pointed out
by `add --meeting` and in the agenda, on fixed dates; the debrief's notes are built here."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from infocoach.cli import main as cli
from infocoach.core.agenda import build_agenda, busy_day_note
from infocoach.core.calls import debrief_notes
from infocoach.core.models import Contact
from infocoach.data.settings import load_settings, settings_path

ANN = Contact(1, "Ann Lee", meeting="2026-12-09 10:00")
BO = Contact(2, "Bo Chen", meeting="2026-12-09 14:00")
CY = Contact(3, "Cy Tran", meeting="2026-12-09 16:30")
DI = Contact(4, "Di Ward", meeting="2026-12-10 09:00")  # another day


def busy(items):
    return [(item.contact, item.due) for item in items if item.action == "busy-day"]


def test_the_third_call_of_a_day_is_pointed_out_in_the_agenda() -> None:
    items = build_agenda([ANN, BO, CY, DI], {}, date(2026, 12, 7))
    assert busy(items) == [("Cy Tran", date(2026, 12, 9))]  # the latest of the day, only
    (item,) = [i for i in items if i.action == "busy-day"]
    assert item.text == (
        "The third call on Wed 9 Dec (with Ann Lee and Bo Chen too): two a day is your limit; "
        "move this one?"
    )
    assert item.script == "moving-meeting" and item.event is None and not item.overdue
    assert busy(build_agenda([ANN, BO, DI], {}, date(2026, 12, 7))) == []  # two: fine
    assert busy(build_agenda([ANN, BO, CY], {}, date(2026, 12, 7), calls_per_day=3)) == []
    declined = Contact(1, "Ann Lee", meeting="2026-12-09 10:00", stage="closed")
    assert busy(build_agenda([declined, BO, CY], {}, date(2026, 12, 7))) == []
    # once the day has come and gone, nothing
    later = build_agenda([ANN, BO, CY], {}, date(2026, 12, 9), now=datetime(2026, 12, 9, 17))
    assert busy(later) == []


def test_the_note_for_a_crowded_day() -> None:
    at_five = datetime(2026, 12, 9, 17, 0)
    assert busy_day_note([ANN, BO], at_five) == (
        "That makes three calls on Wed 9 Dec (with Ann Lee at 10:00 and Bo Chen at 14:00); "
        "two a day is your limit. Another day would leave you more to give."
    )
    assert busy_day_note([ANN, DI], at_five) == ""
    assert busy_day_note([ANN, Contact(2, "Bo", meeting=BO.meeting, stage="closed")], at_five) == ""
    assert busy_day_note([ANN, BO], at_five, limit=3) == ""
    # editing Bo's own meeting: it does not count against itself
    assert busy_day_note([ANN, BO], datetime(2026, 12, 9, 15), contact_id=BO.id) == ""


def test_add_with_a_third_meeting_points_it_out_and_still_adds(
    capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    assert cli.main(["add", "Ann Lee", "--meeting", "2026-12-09 10:00"]) == 0
    assert cli.main(["add", "Bo Chen", "--meeting", "2026-12-09 14:00"]) == 0
    assert capsys.readouterr().err == ""
    assert cli.main(["add", "Cy Tran", "--meeting", "2026-12-09 16:30"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "3\n"  # the id, alone, as scripts expect
    assert captured.err == (
        "Note: That makes three calls on Wed 9 Dec (with Ann Lee at 10:00 and Bo Chen at 14:00); "
        "two a day is your limit. Another day would leave you more to give.\n"
    )


def test_the_limit_is_a_setting(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"calls_per_day": 3}))
    assert load_settings().calls_per_day == 3
    for name, time in (("Ann", "10:00"), ("Bo", "12:00"), ("Cy", "16:30")):
        assert cli.main(["add", name, "--meeting", f"2026-12-09 {time}"]) == 0
    assert capsys.readouterr().err == ""
    assert cli.main(["agenda", "--today", "2026-12-07", "--json"]) == 0
    assert "busy-day" not in capsys.readouterr().out
    settings_path().write_text(json.dumps({"calls_per_day": 0}))
    assert load_settings().calls_per_day == 1  # at least one a day


def test_the_agenda_command_lists_the_busy_day(
    capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    for name, time in (("Ann", "10:00"), ("Bo", "12:00"), ("Cy", "16:30")):
        assert cli.main(["add", name, "--meeting", f"2026-12-09 {time}"]) == 0
    capsys.readouterr()
    assert cli.main(["agenda", "--today", "2026-12-07", "--plain"]) == 0
    out = capsys.readouterr().out
    assert (
        "Due Wednesday 9 December: The third call on Wednesday 9 December (with Ann and Bo too): "
        "two a day is your limit; move this one?"
    ) in out


def test_the_debrief_joins_the_notes() -> None:
    answers = {
        "learned": " Hiring is slow in Q4 ",
        "next": "Ravi at Acme",
        "feeling": "tired, glad",
    }
    assert debrief_notes("Uses dbt.", answers) == (
        "Uses dbt.\n\nWhat I learned: Hiring is slow in Q4\nWho next: Ravi at Acme\n"
        "How I feel: tired, glad"
    )
    assert debrief_notes("", {"learned": "", "next": "Ravi", "feeling": " "}) == "Who next: Ravi"
    assert debrief_notes("Uses dbt.", {"learned": " "}) == "Uses dbt."
