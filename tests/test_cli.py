"""The `infocoach` command, called in-process and as a real subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from infocoach import __version__
from infocoach.cli import main as cli
from infocoach.data import locations


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m infocoach ARGS` in a fresh interpreter, with the test's env vars."""
    env = {
        **os.environ,
        locations.DATA_DIR_ENV: os.environ[locations.DATA_DIR_ENV],
        locations.CONFIG_DIR_ENV: os.environ[locations.CONFIG_DIR_ENV],
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "infocoach", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )


def problem_lines(out: str) -> list[str]:
    """What doctor printed besides its `ok:` and `(no user content ...)` lines."""
    return [line for line in out.splitlines() if not line.startswith(("ok: ", "(", "backup: "))]


# -- version and help ---------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"infocoach {__version__}\n"


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    for word in ("usage: infocoach", "add", "list", "doctor", "--data-dir", "--demo"):
        assert word in out


def test_version_and_help_in_a_subprocess() -> None:
    version = run("--version")
    assert version.returncode == 0
    assert (version.stdout, version.stderr) == (f"infocoach {__version__}\n", "")
    helped = run("add", "--help")
    assert helped.returncode == 0
    assert "--referred-by" in helped.stdout and "--minutes" in helped.stdout


# -- add and list -------------------------------------------------------------------------


def test_add_prints_the_new_id(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    assert cli.main(["add", "Ada Lovelace", "--company", "Engines", "--minutes", "30"]) == 0
    assert capsys.readouterr().out == "1\n"
    bob = ["add", "Bob", "--referred-by", "ada lovelace", "--meeting", "2026-12-01 14:00"]
    assert cli.main(bob) == 0
    assert capsys.readouterr().out == "2\n"
    contacts = json.loads(data_file.read_text(encoding="utf-8"))["contacts"]
    assert contacts["1"]["minutes"] == 30 and contacts["1"]["company"] == "Engines"
    assert contacts["2"]["referred_by"] == 1 and contacts["2"]["meeting"] == "2026-12-01 14:00"


def test_list_when_empty(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    assert cli.main(["list"]) == 0
    assert "No contacts yet" in capsys.readouterr().out
    assert cli.main(["list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert not data_file.exists()


def test_list_shows_markup_literally(capsys: pytest.CaptureFixture[str]) -> None:
    people = (("[b]Bold[/b]", "a [/"), ("Zoë [red]", "مرحبا"), ("ada", "[link=x]y"))
    for name, company in people:
        assert cli.main(["add", name, "--company", company, "--role", "Eng"]) == 0
    capsys.readouterr()
    assert cli.main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "COMPANY", "ROLE", "STAGE", "MEETING"]
    assert len(lines) == 4
    # Sorted by name ignoring case ("[" sorts before letters); cells are separated by 2+ spaces.
    assert [re.split(r"\s{2,}", line)[:3] for line in lines[1:]] == [
        ["1", "[b]Bold[/b]", "a [/"],
        ["3", "ada", "[link=x]y"],
        ["2", "Zoë [red]", "مرحبا"],
    ]
    assert all("to contact (identified)" in line for line in lines[1:])
    assert "\x1b" not in "".join(lines)


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(
        [
            "add",
            "Ada",
            "--company",
            "Engines",
            "--role",
            "[i]Eng[/i]",
            "--meeting",
            "2026-12-01T09:05",
        ]
    )
    cli.main(["add", "Bob"])
    capsys.readouterr()
    assert cli.main(["list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert isinstance(rows, list) and len(rows) == 2
    assert all({"id", "name", "company", "role", "stage", "meeting"} <= set(row) for row in rows)
    ada = rows[0]
    assert (ada["id"], ada["name"], ada["company"]) == (1, "Ada", "Engines")
    assert ada["role"] == "[i]Eng[/i]"
    assert (ada["stage"], ada["meeting"]) == ("identified", "2026-12-01 09:05")
    assert rows[1]["name"] == "Bob" and rows[1]["meeting"] is None


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_dir_option(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_file: Path, where: str
) -> None:
    folder = tmp_path / "elsewhere"

    def argv(command: str, *rest: str) -> list[str]:
        option = ["--data-dir", str(folder)]
        return [*option, command, *rest] if where == "before" else [command, *rest, *option]

    assert cli.main(argv("add", "Ada")) == 0
    assert capsys.readouterr().out == "1\n"
    assert (folder / locations.DATA_FILE_NAME).is_file()
    assert not data_file.exists()
    assert cli.main(argv("list", "--json")) == 0
    assert [row["name"] for row in json.loads(capsys.readouterr().out)] == ["Ada"]
    assert cli.main(argv("doctor")) == 0
    assert str(folder / locations.DATA_FILE_NAME) in capsys.readouterr().out
    assert cli.main(["list", "--json"]) == 0  # the default place is still empty
    assert json.loads(capsys.readouterr().out) == []


# -- log ----------------------------------------------------------------------------------


def test_log_thanked_ticks_the_thank_you(
    capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    from infocoach.data.repositories import Store

    assert cli.main(["add", "Ada Lovelace"]) == 0
    capsys.readouterr()
    assert cli.main(["log", "ada lovelace", "thanked", "--date", "2026-11-17"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Logged thanked for Ada Lovelace on 2026-11-17; stage: thanked"
    assert out[1].startswith("Ticked: Send a thank-you by the next day")
    store = Store(data_file)
    assert store.get_contact(1).checklist == {"follow-up-thank-you": "2026-11-17"}
    assert [event.event for event in store.events(1)] == ["thanked"]
    # logged again: already ticked, the date stays and nothing more is said
    assert cli.main(["log", "ada lovelace", "thanked"]) == 0
    assert "Ticked" not in capsys.readouterr().out
    assert Store(data_file).get_contact(1).checklist == {"follow-up-thank-you": "2026-11-17"}


# -- doctor -------------------------------------------------------------------------------


def test_doctor_is_happy_with_good_data(
    capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    assert cli.main(["doctor"]) == 0
    assert "does not exist yet" in capsys.readouterr().out
    cli.main(["add", "Ada"])
    capsys.readouterr()
    assert cli.main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert f"ok: {data_file} (1 contacts)" in out
    assert problem_lines(out) == []


def test_doctor_reports_each_problem_on_its_own_line(
    capsys: pytest.CaptureFixture[str], data_file: Path, isolated_dirs: dict[str, Path]
) -> None:
    data_file.parent.mkdir(parents=True)
    data_file.write_bytes(b'{"contacts": {"1": {"name": "Ad')
    before = data_file.read_bytes()
    assert cli.main(["doctor"]) == 1
    [problem] = problem_lines(capsys.readouterr().out)
    assert str(data_file) in problem and "truncated" in problem
    assert data_file.read_bytes() == before

    user = isolated_dirs["config"] / "content"
    user.mkdir(parents=True)
    broken = user / "guide.yaml"
    broken.write_text(
        "cards:\n  - id: c\n    phase: soon\n    title: T\n    do: [a]\n    dont: 3\n"
    )
    assert cli.main(["doctor"]) == 1
    problems = problem_lines(capsys.readouterr().out)
    assert len(problems) == 3
    assert str(data_file) in problems[0]
    assert problems[1].startswith(f"{broken}:3: ") and "'phase'" in problems[1]
    assert problems[2].startswith(f"{broken}:6: ") and "'dont'" in problems[2]


def test_doctor_with_only_a_broken_user_file(
    capsys: pytest.CaptureFixture[str], isolated_dirs: dict[str, Path]
) -> None:
    user = isolated_dirs["config"] / "content"
    user.mkdir(parents=True)
    broken = user / "steps.yaml"
    broken.write_text("steps:\n  - id: network\n    title: [x\n")
    assert cli.main(["doctor"]) == 1
    assert [p.split(": ")[0] for p in problem_lines(capsys.readouterr().out)] == [f"{broken}:3"]


def test_commands_in_a_subprocess(data_file: Path) -> None:
    added = run("add", "[b]Ada[/b]", "--company", "Engines")
    assert (added.returncode, added.stdout, added.stderr) == (0, "1\n", "")
    listed = run("list", "--json")
    assert listed.returncode == 0
    assert json.loads(listed.stdout)[0]["name"] == "[b]Ada[/b]"
    table = run("list")
    assert "[b]Ada[/b]" in table.stdout and "\x1b" not in table.stdout
    assert run("doctor").returncode == 0

    data_file.write_bytes(b"\x00" * 10)
    doctor = run("doctor")
    assert doctor.returncode == 1
    assert len(problem_lines(doctor.stdout)) == 1
    failed = run("list")
    assert failed.returncode == 1
    assert failed.stderr.count("\n") == 1 and "Traceback" not in failed.stderr
    assert data_file.read_bytes() == b"\x00" * 10


# -- bad input ----------------------------------------------------------------------------

BAD_INPUT = {
    "empty-name": (["add", ""], "NAME"),
    "blank-name": (["add", " \x1b "], "NAME"),
    "meeting": (["add", "Ada", "--meeting", "next tuesday"], "--meeting"),
    "referred-by": (["add", "Ada", "--referred-by", "Nobody"], "--referred-by"),
    "minutes-0": (["add", "Ada", "--minutes", "0"], "--minutes"),
    "minutes-241": (["add", "Ada", "--minutes", "241"], "--minutes"),
    "minutes-abc": (["add", "Ada", "--minutes", "abc"], "--minutes"),
}


@pytest.mark.parametrize("existing", [False, True], ids=["no-file", "existing-file"])
@pytest.mark.parametrize("argv, option", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    data_file: Path,
    argv: list[str],
    option: str,
    existing: bool,
) -> None:
    if existing:
        assert cli.main(["add", "Bob"]) == 0
        capsys.readouterr()
        before = data_file.read_bytes()
    assert cli.main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"infocoach: {option}: ")
    assert "Traceback" not in captured.err
    if existing:
        assert data_file.read_bytes() == before
    else:
        assert not data_file.exists()


def test_bad_input_in_a_subprocess(data_file: Path) -> None:
    result = run("add", "Ada", "--minutes", "241")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "infocoach: --minutes: 241 is out of range (1 to 240 minutes)\n"
    assert not data_file.exists()


def test_doctor_never_writes_even_to_migrate(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data_file = isolated_dirs["data"] / locations.DATA_FILE_NAME
    data_file.parent.mkdir(parents=True)
    old = json.dumps({"_default": {"1": {"name": "Ada", "checked": []}}}).encode()
    data_file.write_bytes(old)

    assert cli.main(["doctor"]) == 0
    assert "(1 contacts)" in capsys.readouterr().out
    assert data_file.read_bytes() == old


def test_output_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`infocoach list | head -1` with more contacts than a pipe holds: no traceback, exit 0."""
    from infocoach.core.imports import Record
    from infocoach.data.repositories import Store

    data = tmp_path / "data"
    people = [Record(n, {"name": f"Person {n:05}", "company": "Acme " * 8}) for n in range(3000)]
    Store(data / "infocoach.json").import_contacts(people)
    env = {**os.environ, "INFOCOACH_DATA_DIR": str(data)}
    script = f"{sys.executable} -m infocoach list | head -1"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", script], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1


READING_COMMANDS = [["list"], ["list", "--json"], ["agenda"], ["agenda", "--plain"], ["stats"],
                    ["doctor"], ["brief", "X"],
                    ["export", "json"], ["history", "X"], ["history", "#1", "--json"],
                    ["draft", "X", "thank-you"],
                    ["draft", "#1", "outreach-email", "--fresh"]]  # fmt: skip


@pytest.mark.parametrize("command", READING_COMMANDS)
def test_reading_commands_never_create_a_folder(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no" / "such" / "folder"
    assert cli.main(["--data-dir", str(missing), *command]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert f"--data-dir: {missing} is not a folder" in line
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize(
    "command", [["list"], ["agenda"], ["agenda", "--plain"], ["stats"], ["export", "json"]]
)
def test_reading_commands_on_a_first_run_create_nothing(
    command: list[str], data_file: Path
) -> None:
    assert cli.main(command) == 0
    assert not data_file.parent.exists()


def test_demo_with_a_command_is_refused_and_the_real_file_untouched(
    data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["add", "Real Person"]) == 0
    before = data_file.read_bytes()
    assert cli.main(["--demo", "add", "X"]) == 2
    assert "--demo" in capsys.readouterr().err
    assert data_file.read_bytes() == before


def test_list_sorts_names_as_people_read(capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("Zoë Zimmer", "Élodie Martin", "eli Brown", "Emma Stone", "Éli Brown"):
        assert cli.main(["add", name]) == 0
    capsys.readouterr()
    assert cli.main(["list", "--json"]) == 0
    names = [row["name"] for row in json.loads(capsys.readouterr().out)]
    assert names == ["eli Brown", "Éli Brown", "Élodie Martin", "Emma Stone", "Zoë Zimmer"]


def test_add_takes_the_kind_of_meeting(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["add", "Ada", "--meeting-kind", "video"]) == 0
    assert cli.main(["add", "Bob"]) == 0
    capsys.readouterr()
    assert cli.main(["list", "--json"]) == 0
    kinds = {row["name"]: row["meeting_kind"] for row in json.loads(capsys.readouterr().out)}
    assert kinds == {"Ada": "video", "Bob": "phone"}
    assert cli.main(["add", "Cy", "--meeting-kind", "carrier pigeon"]) == 2
    assert "--meeting-kind" in capsys.readouterr().err
