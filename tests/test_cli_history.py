"""`infocoach history` and `unlog`, #ID wherever a contact is named, every field in `list
--json`, and a description and help for every command and option."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from infocoach.cli import main as cli
from infocoach.core.models import Contact
from infocoach.data.repositories import Store
from tests.conftest import FIXED_NOW


def stage_of(contact_id: int, capsys: pytest.CaptureFixture[str]) -> str:
    """The contact's stage as `infocoach list --json` prints it."""
    capsys.readouterr()
    assert cli.main(["list", "--json"]) == 0
    [row] = [row for row in json.loads(capsys.readouterr().out) if row["id"] == contact_id]
    stage: str = row["stage"]
    return stage


def record_call(data_file: Path, contact_id: int, day: date, **interview: object) -> None:
    """What ending a call in the app records: an interview and an "interviewed" event."""
    store = Store(data_file, clock=lambda: FIXED_NOW)
    store.add_interview(contact_id, day=day, **interview)  # type: ignore[arg-type]
    store.log_event(contact_id, "interviewed", day=day)
    store.flush()
    assert store.unsaved == 0


@pytest.fixture
def ada(capsys: pytest.CaptureFixture[str], data_file: Path) -> int:
    """Ada: reached out, replied, then a 25-minute interview with two names gained."""
    assert cli.main(["add", "Ada Lovelace", "--company", "Engines"]) == 0
    # logged out of order: the history is by date, not by the order of logging
    assert cli.main(["log", "Ada Lovelace", "replied", "--date", "2026-11-05"]) == 0
    assert (
        cli.main(
            [
                "log",
                "ada lovelace",
                "reached-out",
                "--date",
                "2026-11-03",
                "--note",
                "[b]LinkedIn[/b] \x1b[31mnote\nsecond line",
            ]
        )
        == 0
    )
    record_call(
        data_file,
        1,
        date(2026, 11, 10),
        minutes=25,
        notes="Loved it\nmore",
        referrals=["Bo Chen", "Cy Diaz"],
        questions_asked=["q1"],
    )
    capsys.readouterr()
    return 1


@pytest.fixture
def two_aishas(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["add", "Aisha Ahmed", "--company", "Acme"]) == 0
    assert cli.main(["add", "Aisha Ahmed", "--company", "Beta", "--role", "Eng"]) == 0
    capsys.readouterr()


# -- history ------------------------------------------------------------------------------


def test_history_lists_each_entry_with_its_id_oldest_first(
    ada: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["history", "ada lovelace"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.splitlines() == [
        "e2  2026-11-03  reached-out  [b]LinkedIn[/b] [31mnote…",
        "e1  2026-11-05  replied",
        "i1  2026-11-10  interview    25 min  names gained: Bo Chen, Cy Diaz  Loved it…",
    ]  # the "interviewed" event logged with the interview is part of i1, not a line of its own
    assert "\x1b" not in captured.out


def test_history_json_has_the_contact_and_every_entry(
    ada: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["history", "#1", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert set(shown) == {"contact", "entries"}
    assert set(shown["contact"]) == {field.name for field in fields(Contact)}
    assert (shown["contact"]["id"], shown["contact"]["stage"]) == (1, "interviewed")
    assert [(e["id"], e["kind"], e["date"], e["what"]) for e in shown["entries"]] == [
        ("e2", "event", "2026-11-03", "reached-out"),
        ("e1", "event", "2026-11-05", "replied"),
        ("i1", "interview", "2026-11-10", "interview"),
    ]
    reached, _, interview = shown["entries"]
    assert reached["notes"] == "[b]LinkedIn[/b] [31mnote\nsecond line"  # kept whole
    assert (reached["minutes"], reached["names_gained"], reached["questions_asked"]) == (
        None,
        [],
        [],
    )
    assert interview == {
        "id": "i1",
        "kind": "interview",
        "date": "2026-11-10",
        "what": "interview",
        "notes": "Loved it\nmore",
        "minutes": 25,
        "names_gained": ["Bo Chen", "Cy Diaz"],
        "questions_asked": ["q1"],
    }


def test_history_of_a_contact_with_nothing_logged(
    two_aishas: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["history", "#2"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert "Nothing logged for #2 Aisha Ahmed" in line and 'log "#2" EVENT' in line
    assert cli.main(["history", "#2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["entries"] == []


def test_history_with_a_missing_data_dir_is_one_line_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no" / "such"
    for command in (["history", "Ada"], ["history", "#1", "--json"]):
        assert cli.main(["--data-dir", str(missing), *command]) == 2
        [line] = capsys.readouterr().err.splitlines()
        assert line.startswith(f"infocoach: --data-dir: {missing} is not a folder")
    assert not (tmp_path / "no").exists()


def test_history_on_a_first_run_creates_nothing(
    data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["history", "Ada"]) == 2
    assert capsys.readouterr().err == "infocoach: NAME: no contact is named 'Ada'\n"
    assert not data_file.parent.exists()


def test_history_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`infocoach history NAME --json | head -1` with more than a pipe holds: exit 0, quiet."""
    data = tmp_path / "data"
    store = Store(data / "infocoach.json")
    ada = store.add_contact(name="Ada")
    store.run_as_one(
        lambda: [store.log_event(ada.id, "kept-in-touch", note="x" * 2000) for _ in range(100)]
    )
    store.flush()
    assert store.unsaved == 0
    env = {**os.environ, "INFOCOACH_DATA_DIR": str(data)}
    for flags in ("", " --json"):
        script = f"{sys.executable} -m infocoach history Ada{flags} | head -1"
        result = subprocess.run(
            ["bash", "-o", "pipefail", "-c", script], env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        assert len(result.stdout.splitlines()) == 1


# -- unlog --------------------------------------------------------------------------------


def test_unlog_an_event_moves_the_stage_back(
    capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    assert cli.main(["add", "Bob"]) == 0
    assert cli.main(["log", "Bob", "reached-out", "--date", "2026-11-01"]) == 0
    assert cli.main(["log", "Bob", "scheduled", "--date", "2026-11-02"]) == 0
    assert stage_of(1, capsys) == "scheduled"
    assert cli.main(["unlog", "e2"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert (
        captured.out == "Removed e2 (scheduled on 2026-11-02) from #1 Bob; stage now: reached-out\n"
    )
    assert stage_of(1, capsys) == "reached-out"
    assert cli.main(["history", "Bob"]) == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == ["e1"]


def test_unlog_an_interview_takes_its_event_with_it(
    ada: int, capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    assert stage_of(ada, capsys) == "interviewed"
    assert cli.main(["unlog", "I1"]) == 0  # any case
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith("Removed i1 (interview on 2026-11-10")
    assert line.endswith("from #1 Ada Lovelace; stage now: reached-out")
    assert stage_of(ada, capsys) == "reached-out"
    store = Store(data_file)
    assert store.interviews(ada) == []
    assert [event.event for event in store.events(ada)] == ["reached-out", "replied"]


@pytest.mark.parametrize(
    ("entry_id", "says"),
    [
        ("e99", "there is no entry e99"),
        ("i7", "there is no entry i7"),
        ("x1", "'x1' is no entry id"),
        ("12", "'12' is no entry id"),
    ],
)
def test_unlog_a_bad_or_unknown_id_is_one_line_exit_2(
    ada: int, capsys: pytest.CaptureFixture[str], data_file: Path, entry_id: str, says: str
) -> None:
    before = data_file.read_bytes()
    assert cli.main(["unlog", entry_id]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.splitlines()
    assert line.startswith(f"infocoach: ENTRY_ID: {says}")
    assert data_file.read_bytes() == before


def test_unlog_on_a_first_run_creates_nothing(
    data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["unlog", "e1"]) == 2
    assert capsys.readouterr().err == "infocoach: ENTRY_ID: there is no entry e1\n"
    assert not data_file.parent.exists()


# -- #ID and ambiguous names --------------------------------------------------------------


def test_id_names_one_of_two_contacts_of_the_same_name(
    two_aishas: None, capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    assert cli.main(["log", "#2", "replied", "--date", "2026-11-04"]) == 0
    assert "Logged replied for Aisha Ahmed" in capsys.readouterr().out
    assert cli.main(["history", "#2"]) == 0
    assert capsys.readouterr().out.startswith("e1  2026-11-04  replied")
    assert cli.main(["history", "#1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["entries"] == []
    assert cli.main(["add", "Zed", "--referred-by", "#2"]) == 0
    assert Store(data_file).get_contact(3).referred_by == 2
    assert cli.main(["export", "markdown", "--contact", "#2"]) == 0
    brief = capsys.readouterr().out
    assert "Beta" in brief and "Acme" not in brief


def test_an_unknown_id_is_one_line_exit_2(
    two_aishas: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["history", "#9"]) == 2
    assert capsys.readouterr().err == "infocoach: NAME: no contact has the id #9\n"


@pytest.mark.parametrize(
    "command",
    [
        ["history", "Aisha Ahmed"],
        ["history", "Aisha Ahmed", "--json"],
        ["log", "Aisha Ahmed", "replied"],
        ["add", "Zed", "--referred-by", "Aisha Ahmed"],
        ["export", "markdown", "--contact", "Aisha Ahmed"],
    ],
)
def test_an_ambiguous_name_lists_the_candidates_and_exits_2(
    two_aishas: None, capsys: pytest.CaptureFixture[str], data_file: Path, command: list[str]
) -> None:
    before = data_file.read_bytes()
    assert cli.main(command) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "infocoach: 2 contacts are named 'Aisha Ahmed': use #ID for one of them",
        "  #1 Aisha Ahmed, Acme",
        "  #2 Aisha Ahmed, Beta, Eng",
    ]
    assert data_file.read_bytes() == before


# -- list --json and help -----------------------------------------------------------------


def test_list_json_carries_every_field_of_every_contact(
    capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    store = Store(data_file, clock=lambda: FIXED_NOW)
    maya = store.add_contact(
        name="Maya",
        company="Brightwater",
        industry="Water",
        linkedin="https://www.linkedin.com/in/maya",
        how_met="meetup",
        notes="likes [b]tea[/b]",
        keep_in_touch_weeks=6,
    )
    store.add_contact(name="Dan", referred_by=maya.id, meeting="2026-12-01 10:00", minutes=20)
    store.update_contact(maya.id, tags="data, water")
    store.set_checked(maya.id, "research", True)
    store.flush()
    assert store.unsaved == 0
    assert cli.main(["list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [set(row) for row in rows] == [{field.name for field in fields(Contact)}] * 2
    dan, maya_row = rows
    for contact, row in ((store.get_contact(maya.id), maya_row), (store.get_contact(2), dan)):
        for field in fields(Contact):
            value = getattr(contact, field.name)
            expected = list(value) if isinstance(value, tuple) else value
            assert row[field.name] == (dict(expected) if field.name == "checklist" else expected)
    assert maya_row["tags"] == ["data", "water"] and maya_row["keep_in_touch_weeks"] == 6
    assert dan["referred_by"] == maya.id and dan["minutes"] == 20


def subparsers(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser]]:
    """Every parser under `parser` (nested ones too), with the words that call it."""
    found: list[tuple[str, argparse.ArgumentParser]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                found.append((f"{parser.prog} {name}", child))
                found += subparsers(child)
    return found


def test_every_command_and_option_says_what_it_does() -> None:
    parser = cli.build_parser()
    assert "With no command, infocoach opens the app" in " ".join(parser.format_help().split())
    everything = [("infocoach", parser), *subparsers(parser)]
    assert {"infocoach history", "infocoach unlog", "infocoach import vcard"} <= {
        name for name, _ in everything
    }
    for name, each in everything:
        assert each.description, f"{name} has no description"
        for action in each._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help and action.help != argparse.SUPPRESS, f"{name}: {action.dest}"
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:  # the one-line summary in the list
                    assert choice.help, f"{name} {choice.dest}"
    for command in ("log", "history"):
        shown = " ".join(dict(everything)[f"infocoach {command}"].format_help().split())
        assert "NAME (any case) or #ID" in shown
