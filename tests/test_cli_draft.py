"""`infocoach draft NAME SCRIPT_ID` (a script filled in, or the message kept in the app) and
`infocoach check FILE` (the outreach rules on any text, exit 1 when one fails)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from infocoach.cli import main as cli
from infocoach.core.outreach_check import FIRST_RULE_IDS
from infocoach.data.repositories import Store
from infocoach.data.settings import Settings, save_settings

GOOD = """Subject: A few questions about your work at Brightwater

Hello Maya,

Daniel Reyes suggested I write to you. Your work on the data team is what I'd like to learn
about. Could you spare 15 minutes for a call at a time that suits you?

Thank you,
Ana
"""


@pytest.fixture
def maya(capsys: pytest.CaptureFixture[str]) -> int:
    assert (
        cli.main(
            [
                "add",
                "Maya Okafor",
                "--company",
                "Brightwater",
                "--role",
                "Data Lead",
                "--how-met",
                "through the alumni directory",
            ]
        )
        == 0
    )
    save_settings(Settings(my_name="Ana Lima", my_purpose="move into data analysis"))
    capsys.readouterr()
    return 1


# -- draft --------------------------------------------------------------------------------


def test_draft_prints_the_script_filled_in(maya: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["draft", "maya okafor", "outreach-email"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "Maya" in captured.out and "Brightwater" in captured.out
    assert "Ana Lima" in captured.out  # your own details, from the settings
    assert "{" not in captured.out and "<my name>" not in captured.out
    # by id, the same message
    assert cli.main(["draft", "#1", "outreach-email"]) == 0
    assert capsys.readouterr().out == captured.out


def test_draft_of_an_unknown_script_lists_the_valid_ids(
    maya: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["draft", "#1", "outreach-mail"]) == 2
    captured = capsys.readouterr()
    [line] = captured.err.splitlines()
    assert "'outreach-mail'" in line
    for script_id in (
        "outreach-email",
        "follow-up-no-reply",
        "linkedin-note",
        "thank-you",
        "voicemail",
    ):
        assert script_id in line
    assert captured.out == ""


def test_draft_of_an_unknown_contact_is_one_line(
    maya: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["draft", "#9", "thank-you"]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_draft_prints_the_kept_message_unless_fresh(
    maya: int, data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store(data_file)
    store.keep_message_draft(maya, "thank-you", "Dear Maya,\n\nMy own words.\n")
    store.flush()
    before = data_file.read_bytes()
    assert cli.main(["draft", "Maya Okafor", "thank-you"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "Dear Maya,\n\nMy own words.\n"
    [note] = captured.err.splitlines()
    assert "kept in the app" in note and "--fresh" in note
    assert cli.main(["draft", "Maya Okafor", "thank-you", "--fresh"]) == 0
    captured = capsys.readouterr()
    assert "My own words" not in captured.out and "Maya" in captured.out
    assert captured.err == ""
    # another template of the same contact has nothing kept
    assert cli.main(["draft", "Maya Okafor", "outreach-email"]) == 0
    assert capsys.readouterr().err == ""
    assert data_file.read_bytes() == before  # a reading command


def test_draft_creates_nothing_when_there_is_no_data(
    data_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["draft", "Maya", "outreach-email"]) == 2
    assert "Maya" in capsys.readouterr().err
    assert not data_file.parent.exists()
    missing = tmp_path / "no" / "such"
    assert cli.main(["--data-dir", str(missing), "draft", "Maya", "thank-you"]) == 2
    assert f"--data-dir: {missing} is not a folder" in capsys.readouterr().err
    assert not (tmp_path / "no").exists()


# -- check --------------------------------------------------------------------------------


def test_check_a_good_note_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "note.txt"
    note.write_text(GOOD, encoding="utf-8")
    assert cli.main(["check", str(note), "--connection", "Daniel Reyes"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(FIRST_RULE_IDS)
    assert all(line.startswith("✓ ") for line in lines), lines
    assert "✓ A calm, confident tone" in lines


def test_check_a_failing_note_exits_1_with_the_rule_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "note.txt"
    note.write_text(GOOD.replace("to learn\nabout", "to learn about, and any job"), "utf-8")
    assert cli.main(["check", str(note)]) == 1
    lines = capsys.readouterr().out.splitlines()
    failed = [line for line in lines if line.startswith("✗ ")]
    assert "✗ No job-asking words: mentions “job”" in failed[0]
    assert any(
        line.startswith("✗ A calm, confident tone:") and "“any job”" in line for line in failed
    )
    assert "✓ Connection in the first sentence" in lines  # "suggested" counts without a name


def test_check_a_file_from_a_windows_editor(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_bytes(GOOD.replace("\n", "\r\n").encode("utf-8-sig"))
    assert cli.main(["check", str(note), "--connection", "Daniel Reyes"]) == 0


def test_check_the_connection_option_is_repeatable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "note.txt"
    note.write_text(GOOD.replace("Daniel Reyes suggested I write to you", "Dan Ng and I spoke"))
    assert cli.main(["check", str(note)]) == 1
    assert "✗ Connection in the first sentence" in capsys.readouterr().out
    assert cli.main(["check", str(note), "--connection", "Eve", "--connection", "Dan Ng"]) == 0


def test_check_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(GOOD))
    assert cli.main(["check", "-"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("Hi, I'm desperate. Please help me."))
    capsys.readouterr()
    assert cli.main(["check", "-"]) == 1
    out = capsys.readouterr().out
    assert "✗ A short, specific subject line" in out
    assert "“desperate”, “please help me”" in out


def test_check_a_note_needs_no_subject(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "note.txt"
    note.write_text(GOOD.split("\n", 2)[2], encoding="utf-8")  # without the subject line
    assert cli.main(["check", str(note)]) == 1
    assert "--note" not in capsys.readouterr().err
    assert cli.main(["check", str(note), "--note"]) == 0


def test_check_an_unreadable_file_is_one_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.txt"
    assert cli.main(["check", str(missing)]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert str(missing) in line
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\xff\xfe\x00")
    assert cli.main(["check", str(binary)]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert str(binary) in line and "UTF-8" in line
    assert cli.main(["check", str(tmp_path)]) == 2  # a folder
    assert str(tmp_path) in capsys.readouterr().err


def test_check_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Subject: Hello\n\nI want a job.", encoding="utf-8")
    assert cli.main(["check", str(note), "--json"]) == 1
    results = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in results] == list(FIRST_RULE_IDS)
    assert all(set(r) == {"id", "title", "passed", "warning", "why"} for r in results)
    by_id = {r["id"]: r for r in results}
    assert by_id["subject"]["passed"] is False and "“Hello”" in by_id["subject"]["why"]
    assert by_id["no-job-words"]["passed"] is False
    assert by_id["length"] == {
        "id": "length",
        "title": "Under 100 words",
        "passed": True,
        "warning": False,
        "why": "4 words, the subject and greeting not counted",
    }


def test_check_from_a_pipe_in_a_subprocess() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "infocoach", "check", "-", "--connection", "Daniel Reyes"],
        input=GOOD,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("✓") == len(FIRST_RULE_IDS)
