"""`infocoach log` and `infocoach agenda`, in-process and as a real subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infocoach.cli import main as cli
from infocoach.data.repositories import Store
from tests.test_cli import run


@pytest.fixture
def people(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["add", "Maya Okafor", "--company", "Brightwater"]) == 0
    assert (
        cli.main(
            ["add", "Daniel Reyes", "--company", "Brightwater", "--referred-by", "maya okafor"]
        )
        == 0
    )
    assert cli.main(["add", "[b]Zoë[/b] a [/", "--company", "Odd & Co"]) == 0
    capsys.readouterr()


def test_log_appends_an_event_and_moves_the_stage(
    people: None, capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    code = cli.main(
        [
            "log",
            "daniel reyes",
            "interviewed",
            "--date",
            "2026-11-16",
            "--note",
            "great\x1b[2J talk",
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert out == "Logged interviewed for Daniel Reyes on 2026-11-16; stage: interviewed\n"
    store = Store(data_file)
    (event,) = store.events()
    assert (event.event, event.date, event.note) == ("interviewed", "2026-11-16", "great[2J talk")
    assert cli.main(["list", "--json"]) == 0
    stages = {row["name"]: row["stage"] for row in json.loads(capsys.readouterr().out)}
    assert stages == {
        "Daniel Reyes": "interviewed",
        "Maya Okafor": "identified",
        "[b]Zoë[/b] a [/": "identified",
    }


def test_log_defaults_to_today_and_accepts_any_case(
    people: None, capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    assert cli.main(["log", "[B]ZOË[/B] A [/", "Reached-Out"]) == 0
    assert "stage: reached-out" in capsys.readouterr().out
    (event,) = Store(data_file).events()
    assert event.event == "reached-out" and len(event.date) == 10


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["log", "Nobody", "thanked"], "NAME: no contact is named 'Nobody'"),
        (["log", "Maya Okafor", "bribed"], "EVENT: 'bribed' is not one of reached-out"),
        (["log", "Maya Okafor", "thanked", "--date", "2026-02-30"], "--date: '2026-02-30'"),
        (["log", "Nobody", "bribed"], "EVENT: 'bribed'"),
    ],
)
def test_log_refuses_bad_input_with_one_line_and_writes_nothing(
    people: None,
    capsys: pytest.CaptureFixture[str],
    data_file: Path,
    argv: list[str],
    message: str,
) -> None:
    before = data_file.read_bytes()
    assert cli.main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"infocoach: {message}")
    assert captured.err.count("\n") == 1
    assert data_file.read_bytes() == before


def test_agenda_json(people: None, capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["log", "Daniel Reyes", "interviewed", "--date", "2026-11-16"])
    cli.main(["log", "[b]Zoë[/b] a [/", "reached-out", "--date", "2026-11-13"])
    capsys.readouterr()
    assert cli.main(["agenda", "--today", "2026-11-18", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [(i["action"], i["contact"], i["due"], i["overdue"]) for i in items] == [
        ("thank-you", "Daniel Reyes", "2026-11-17", True),
        ("try-another-contact", "[b]Zoë[/b] a [/", "2026-11-18", False),
        ("update-referrer", "Daniel Reyes", "2026-11-19", False),
    ]
    assert all({"contact", "action", "due", "overdue", "text"} <= set(i) for i in items)
    assert items[2]["referrer"] == "Maya Okafor" and "Maya Okafor" in items[2]["text"]


def test_agenda_text(people: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["agenda", "--today", "2026-11-18"]) == 0
    assert capsys.readouterr().out == "Nothing due on 2026-11-18.\n"
    cli.main(["log", "Daniel Reyes", "interviewed", "--date", "2026-11-16"])
    capsys.readouterr()
    assert cli.main(["agenda", "--today", "2026-11-18"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Agenda for 2026-11-18: 2 items, 1 overdue"
    assert lines[1].startswith("2026-11-17  1 day overdue") and "thank-you" in lines[1]
    assert "Tell Maya Okafor, who referred you" in lines[2]


def test_agenda_refuses_a_bad_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["agenda", "--today", "tomorrow"]) == 2
    assert capsys.readouterr().err == (
        "infocoach: --today: 'tomorrow' is not a date like 2026-03-14\n"
    )


def test_log_and_agenda_in_a_subprocess() -> None:
    assert run("add", "Ada Lovelace", "--company", "Engines").returncode == 0
    logged = run("log", "ada lovelace", "reached-out", "--date", "2026-11-20")
    assert (logged.returncode, logged.stderr) == (0, "")
    assert "stage: reached-out" in logged.stdout
    agenda = run("agenda", "--today", "2026-11-25", "--json")
    assert agenda.returncode == 0, agenda.stderr
    (item,) = json.loads(agenda.stdout)
    assert (item["action"], item["due"], item["overdue"]) == (
        "try-another-contact",
        "2026-11-25",
        False,
    )
    bad = run("log", "Nobody", "thanked")
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.strip() == "infocoach: NAME: no contact is named 'Nobody'"
