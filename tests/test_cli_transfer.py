"""`infocoach import`, `export` and `restore`: outputs, one-line errors with exit 2, and a data
file left byte-for-byte unchanged by every failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from infocoach.cli import main as cli
from infocoach.data import locations
from infocoach.data.backups import backup_folder
from infocoach.data.migrations import SCHEMA_VERSION
from infocoach.data.repositories import Store

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
CONNECTIONS = (
    "\ufeffNotes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses\n'
    'are missing, and ""quoted"" text."\n'
    "\n"
    f"{HEADER}\n"
    'Ada,Lovelace,https://www.linkedin.com/in/ada,ada@example.org,"Engines, Ltd",Lead,15 Mar 2024\n'
    '[b]Bold,"a [/",https://www.linkedin.com/in/b,,Acme,"Multi\nline",01 Jan 2023\n'
    ",,,,Nobody Inc,,02 Feb 2022\n"
    "Ada,Lovelace,https://linkedin.com/in/ada/,,Engines,Lead,15 Mar 2024\n"
)


@pytest.fixture
def connections(tmp_path: Path) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS, encoding="utf-8")
    return path


def seed(data_file: Path) -> bytes:
    """A data file with one contact; returns its bytes."""
    Store(data_file).add_contact(name="Existing Person", company="Old Co")
    return data_file.read_bytes()


def one_error_line(err: str, *needles: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("infocoach: ")
    for needle in needles:
        assert needle in lines[0]


# -- import -------------------------------------------------------------------------------------


def test_import_linkedin(capsys, connections: Path, data_file: Path) -> None:
    assert cli.main(["import", "linkedin", str(connections)]) == 0
    out = capsys.readouterr().out.splitlines()
    hidden = "1 hidden by LinkedIn (members who hide their name)"
    assert out[0] == f"added 2, skipped 1 (duplicates), rejected 0, {hidden}"
    assert out[1].startswith("skipped duplicates (")
    assert "line numbers in the file" in out[1] and "where each row starts" in out[1]
    assert out[2] == "  line 10: Ada Lovelace"
    names = [(c.name, c.company, c.role, c.how_met) for c in Store(data_file).contacts()]
    assert names == [
        ("[b]Bold a [/", "Acme", "Multi line", "in my LinkedIn connections"),
        ("Ada Lovelace", "Engines, Ltd", "Lead", "in my LinkedIn connections"),
    ]
    assert cli.main(["import", "linkedin", str(connections)]) == 0
    assert capsys.readouterr().out.startswith(
        f"added 0, skipped 3 (duplicates), rejected 0, {hidden}\n"
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"name,email\nAda,a@b.c\n", "no LinkedIn header line found"),
        # A plain list of names is no LinkedIn export, though its first columns match.
        (b"First Name,Last Name,Email\nAda,Lovelace,a@b.c\n", "no LinkedIn header line found"),
        (b"\x00\x01\x02binary", "a binary file"),
        (f"{HEADER}\nZo\xeb,X,,,,,\n".encode("latin-1"), "not valid UTF-8 at line 2"),
        (b"", "no LinkedIn header line found"),
    ],
)
def test_import_of_a_file_that_is_not_connections_csv(
    capsys, tmp_path: Path, data_file: Path, content: bytes, problem: str
) -> None:
    before = seed(data_file)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    assert cli.main(["import", "linkedin", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    one_error_line(captured.err, f"infocoach: {bad}: ", problem)
    assert data_file.read_bytes() == before


def test_import_of_a_missing_file_writes_nothing(capsys, tmp_path: Path, data_file: Path) -> None:
    assert cli.main(["import", "vcard", str(tmp_path / "nope.vcf")]) == 2
    one_error_line(capsys.readouterr().err, "nope.vcf: No such file")
    assert not data_file.exists()


def test_import_vcard(capsys, tmp_path: Path, data_file: Path) -> None:
    cards = tmp_path / "people.vcf"
    cards.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nORG:Engines\r\n"
        b"NOTE:line one\\nline two\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:ADA LOVELACE\r\nORG:engines\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nNOTE:No name\\, company or e-mail\r\nEND:VCARD\r\n"
    )
    assert cli.main(["import", "vcard", str(cards)]) == 0
    assert capsys.readouterr().out.splitlines()[::2] == [
        "added 1, skipped 1 (duplicates), rejected 1",
        "  line 7: ADA LOVELACE",
        "  line 12: name: a name is required",
    ]
    (ada,) = Store(data_file).contacts()
    assert (ada.name, ada.company, ada.notes) == ("Ada Lovelace", "Engines", "line one\nline two")


# -- export -------------------------------------------------------------------------------------


def test_export_to_stdout_and_to_a_file(capsysbinary, tmp_path: Path, data_file: Path) -> None:
    Store(data_file).add_contact(name="=Zoë [/", company="+Co", notes="a,\nb")
    before = data_file.read_bytes()
    for fmt, start in (
        ("csv", b"id,name,"),
        ("vcard", b"BEGIN:VCARD\r\nVERSION:3.0\r\n"),
        ("ics", b"BEGIN:VCALENDAR\r\n"),
        ("json", b"{"),
    ):
        assert cli.main(["export", fmt]) == 0
        printed = capsysbinary.readouterr().out
        assert printed.startswith(start), fmt
        target = tmp_path / f"out.{fmt}"
        assert cli.main(["export", fmt, "-o", str(target)]) == 0
        assert capsysbinary.readouterr().out == f"exported {fmt} to {target}\n".encode()
        if fmt != "ics":  # the calendar's DTSTAMP moves with the clock
            assert target.read_bytes() == printed
    assert "'=Zoë [/,'+Co,".encode() in (tmp_path / "out.csv").read_bytes()
    assert data_file.read_bytes() == before


def test_export_markdown_needs_a_known_contact(capsys, data_file: Path) -> None:
    Store(data_file).add_contact(name="Ada [b]Lovelace", company="Engines")
    assert cli.main(["export", "markdown"]) == 2
    one_error_line(capsys.readouterr().err, "--contact")
    assert cli.main(["export", "markdown", "--contact", "nobody"]) == 2
    one_error_line(capsys.readouterr().err, "--contact: no contact is named 'nobody'")
    assert cli.main(["export", "csv", "--contact", "ada [b]lovelace"]) == 2
    one_error_line(capsys.readouterr().err, "markdown format only")
    assert cli.main(["export", "markdown", "--contact", "ada [b]lovelace"]) == 0
    assert capsys.readouterr().out.startswith("# Interview brief: Ada \\[b\\]Lovelace\n")


def test_export_to_a_folder_that_does_not_exist(capsys, tmp_path: Path, data_file: Path) -> None:
    assert cli.main(["export", "csv", "-o", str(tmp_path / "no" / "such" / "x.csv")]) == 1
    one_error_line(capsys.readouterr().err, "cannot write")


def test_export_in_a_subprocess_keeps_crlf_and_utf8(data_file: Path) -> None:
    Store(data_file).add_contact(name="Zoë 😀 " + "é" * 60, notes="x\ny")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}  # the bytes must not depend on it
    result = subprocess.run(
        [sys.executable, "-m", "infocoach", "export", "vcard"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "FN:Zoë 😀".encode() in result.stdout and b"NOTE:x\\ny\r\n" in result.stdout
    assert all(len(line) <= 75 for line in result.stdout.split(b"\r\n"))


# -- restore ------------------------------------------------------------------------------------


def test_export_json_then_restore_brings_everything_back(
    capsys, tmp_path: Path, data_file: Path
) -> None:
    store = Store(data_file)
    ada = store.add_contact(
        name="Ada 😀 [/",
        company="Engines",
        notes="two\nlines",
        meeting="2026-12-01 10:00",
        minutes="20",
        tags="a, b",
    )
    store.add_contact(name="Bob", referred_by="Ada 😀 [/")
    own = store.add_own_question("Mine?")
    store.set_questions(ada.id, [own.id])
    store.set_checked(ada.id, "network-list", True)
    store.log_event(ada.id, "reached-out")
    backup = tmp_path / "backup.json"
    assert cli.main(["export", "json", "-o", str(backup)]) == 0
    saved = json.loads(data_file.read_bytes())
    store.delete_contact(ada.id)
    store.add_contact(name="Later")
    changed = data_file.read_bytes()
    capsys.readouterr()

    assert cli.main(["restore", str(backup)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"restored 2 contacts from {backup} into {data_file}"
    assert json.loads(data_file.read_bytes()) == saved
    kept = [p for p in backup_folder(data_file).iterdir() if p.name.startswith("before-restore")]
    assert len(kept) == 1 and kept[0].read_bytes() == changed
    assert out[1] == f"the data as it was before is kept in {kept[0]}"
    again = Store(data_file)
    assert [c.name for c in again.contacts()] == ["Ada 😀 [/", "Bob"]
    assert again.events(ada.id)[0].event == "reached-out"


def test_restore_migrates_an_old_backup(capsys, tmp_path: Path, data_file: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"_default": {"1": {"name": "Ada", "checked": ["network-list"]}}}))
    assert cli.main(["restore", str(old)]) == 0
    tables = json.loads(data_file.read_bytes())
    assert tables["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert [c.name for c in Store(data_file).contacts()] == ["Ada"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "the file is empty"),
        (b"garbage", "not valid JSON"),
        (b'{"contacts": {"1": {"name": "Ada"', "truncated"),
        (b'{"contacts": []}', "wrong shape"),
        (b'{"contacts": {"1": {"name": 5}}}', "contact 1 has no name"),
        (b'{"contacts": {"1": {"name": "A", "tags": "x"}}}', "'tags' of record 1"),
        (b'{"meta": {"1": {"schema_version": 999}}}', "newer infocoach"),
        (b'{"_default": {"1": {"name": "A", "checked": 5}}}', "not a usable backup"),
        (b"\xff\xfe{}", "not valid UTF-8"),
    ],
)
def test_a_bad_backup_changes_nothing(
    capsys, tmp_path: Path, data_file: Path, content: bytes, problem: str
) -> None:
    before = seed(data_file)
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    assert cli.main(["restore", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    one_error_line(
        captured.err, f"infocoach: {bad}: not a usable backup", problem, "nothing was changed"
    )
    assert data_file.read_bytes() == before
    assert not any(backup_folder(data_file).glob("before-restore*"))


def test_restore_of_a_missing_file_or_a_folder(capsys, tmp_path: Path, data_file: Path) -> None:
    before = seed(data_file)
    assert cli.main(["restore", str(tmp_path / "missing.json")]) == 2
    one_error_line(capsys.readouterr().err, "No such file", "nothing was changed")
    assert cli.main(["restore", str(tmp_path)]) == 2
    one_error_line(capsys.readouterr().err, "is a folder")
    assert data_file.read_bytes() == before


def test_restore_into_an_empty_data_folder(capsys, tmp_path: Path) -> None:
    source = tmp_path / "b.json"
    Store(source).add_contact(name="Ada")
    folder = tmp_path / "fresh"
    assert cli.main(["restore", str(source), "--data-dir", str(folder)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1  # nothing to keep
    assert [c.name for c in Store(folder / locations.DATA_FILE_NAME).contacts()] == ["Ada"]


def test_help_lists_the_transfer_commands(capsys) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert all(word in out for word in ("import", "export", "restore"))
    with pytest.raises(SystemExit):
        cli.main(["import", "--help"])
    assert "linkedin" in capsys.readouterr().out
    with pytest.raises(SystemExit) as caught:
        cli.main(["export", "pdf"])
    assert caught.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


def test_the_cli_offers_every_export_format_without_importing_them_at_start_up() -> None:
    from infocoach.cli import import_export as command
    from infocoach.exchange import operations

    assert command.EXPORT_FORMATS == operations.EXPORT_FORMATS
    check = "import sys, infocoach.cli.main; infocoach.cli.main.build_parser(); "
    check += "print('infocoach.exchange.exporters' in sys.modules, "
    check += "'infocoach.exchange.importers' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "False"], result.stderr
