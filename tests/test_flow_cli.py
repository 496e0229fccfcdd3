"""Issue 29 on the command line: names found whatever their accents, `edit`, `delete`, and
`add` with every field."""

from __future__ import annotations

import json

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


# -- the command line does what the app's contact form does --------------------------------


def contacts_json(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    capsys.readouterr()
    assert cli.main(["list", "--json"]) == 0
    return {row["name"]: row for row in json.loads(capsys.readouterr().out)}


def test_add_takes_every_field_of_the_form(
    data_file: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        cli.main(
            [
                "add",
                "Ann Lee",
                "--company",
                "Acme",
                "--role",
                "Data lead",
                "--linkedin",
                "https://www.linkedin.com/in/annlee",
                "--website",
                "https://ann.example",
                "--tags",
                "alumni, data",
                "--email",
                "a@x.org",
                "--meeting",
                "2026-12-20 10:00",
                "--minutes",
                "20",
                "--meeting-kind",
                "video",
                "--notes",
                "Met at PyData",
            ]
        )
        == 0
    )
    ann = contacts_json(capsys)["Ann Lee"]
    assert ann["linkedin"] == "https://www.linkedin.com/in/annlee"
    assert ann["website"] == "https://ann.example"
    assert ann["tags"] == ["alumni", "data"]
    assert (ann["meeting"], ann["minutes"], ann["meeting_kind"]) == (
        "2026-12-20 10:00",
        20,
        "video",
    )


def test_edit_changes_only_what_is_given_and_clears_an_empty_one(
    data_file: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["add", "Ann Lee", "--company", "Acme", "--role", "Analyst"]) == 0
    capsys.readouterr()
    assert (
        cli.main(
            [
                "edit",
                "ann lee",
                "--role",
                "",
                "--tags",
                "data",
                "--name",
                "Ann Lee-Park",
                "--meeting",
                "2026-12-20 10:00",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out == "Saved #1 Ann Lee-Park: name, role, tags, meeting\n"
    ann = contacts_json(capsys)["Ann Lee-Park"]
    assert (ann["company"], ann["role"], ann["tags"]) == ("Acme", "", ["data"])
    assert cli.main(["edit", "#1"]) == 2  # nothing to change
    assert "nothing to change" in capsys.readouterr().err
    assert cli.main(["edit", "#1", "--meeting", "someday"]) == 2
    assert "--meeting" in capsys.readouterr().err
    assert cli.main(["edit", "Nobody", "--role", "x"]) == 2
    assert contacts_json(capsys)["Ann Lee-Park"]["meeting"] == "2026-12-20 10:00"


def test_delete_asks_first_and_says_how_to_take_it_back(
    data_file: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli.main(["add", "Ann Lee"]) == 0
    assert cli.main(["log", "Ann Lee", "reached-out"]) == 0
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert cli.main(["delete", "Ann Lee"]) == 2  # a script cannot answer: nothing deleted
    assert "--yes" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda question: "n")
    assert cli.main(["delete", "Ann Lee"]) == 0
    assert "Ann Lee" in contacts_json(capsys)
    monkeypatch.setattr("builtins.input", lambda question: "y")
    assert cli.main(["delete", "Ann Lee"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Deleted #1 Ann Lee, with the 1 entry of their history.")
    restore = next(line for line in out.splitlines() if "infocoach restore" in line)
    backup = restore.split("infocoach restore ", 1)[1].split()[0]
    assert "Ann Lee" not in contacts_json(capsys)
    assert cli.main(["restore", backup]) == 0
    assert "Ann Lee" in contacts_json(capsys)


def test_add_offers_to_add_an_unknown_referrer(
    data_file: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert cli.main(["add", "Bo Chen", "--referred-by", "Maya Okafor"]) == 2
    assert "--add-referrer" in capsys.readouterr().err
    assert contacts_json(capsys) == {}  # nothing half-added
    assert cli.main(["add", "Bo Chen", "--referred-by", "Maya Okafor", "--add-referrer"]) == 0
    found = contacts_json(capsys)
    assert found["Bo Chen"]["referred_by"] == found["Maya Okafor"]["id"]
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda question: "yes")
    assert cli.main(["add", "Cy Tran", "--referred-by", "Dee Roy"]) == 0
    found = contacts_json(capsys)
    assert found["Cy Tran"]["referred_by"] == found["Dee Roy"]["id"]
