"""Text that would harm a terminal or the data file, through the real command line.

Escape sequences (OSC 52 sets the clipboard, DCS queries the terminal) are cleaned out of every
string when a file's tables are read, whichever way they came in, and again out of everything the
commands print. A file holding lone surrogates, arguments that are not UTF-8 and a data folder
infocoach may not open each give one line naming what is wrong, never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from infocoach.cli.common import json_text
from infocoach.core.text import for_terminal
from infocoach.data.repositories import Store
from tests.conftest import run_without_override

OSC52 = "\x1b]52;c;ZXZpbA==\x07"  # set the clipboard to "evil"
DCS = "\x1bP+q544e\x1b\\"  # a terminal query
CSI8 = "\x9b2J"  # the 8-bit CSI: clear the screen
EVIL = OSC52 + DCS + CSI8
# What must never reach a terminal: ESC, BEL and the C1 CSI (as UTF-8), raw or JSON-escaped
# (a stored escape would come back raw on the next read).
RAW = (b"\x1b", b"\x07", "\x9b".encode(), b"\\u001b", b"\\u0007", b"\\u009b")
DAY = "2026-11-20"
NAME = "Ada Lovelace" + for_terminal(EVIL)  # the poisoned name, as it reads once cleaned


def run(
    *args: str | bytes, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    command: list[str | bytes] = [sys.executable, "-m", "infocoach", *args]
    return subprocess.run(command, capture_output=True, env=env, timeout=60)


def assert_clean(output: bytes) -> None:
    for raw in RAW:
        assert raw not in output, (raw, output)


def poisoned(tables: Any) -> Any:
    """Every string of the tables (but dates, ids and stages) followed by the escape sequences."""
    if isinstance(tables, dict):
        return {key: poisoned(value) for key, value in tables.items()}
    if isinstance(tables, list):
        return [poisoned(item) for item in tables]
    if isinstance(tables, str) and not tables[:1].isdigit() and tables not in ("identified",):
        return tables + EVIL
    return tables


def seed_poisoned(data_file: Path) -> None:
    store = Store(data_file)
    ada = store.add_contact(
        name="Ada Lovelace",
        company="Engines",
        notes="Met at the fair",
        tags="math, engines",
        meeting="2026-11-25 10:00",
    )
    store.log_event(ada.id, "interviewed", day=date(2026, 11, 18), note="Long talk")
    store.add_interview(
        ada.id,
        day=date(2026, 11, 18),
        minutes=30,
        notes="Ask about Babbage",
        referrals=["Charles Babbage"],
    )
    store.add_own_question("What surprised you?", "career")
    tables = json.loads(data_file.read_bytes())
    tables["contacts"]["1"]["checklist"] = {"research": DAY}
    data_file.write_text(json.dumps(poisoned(tables)), encoding="utf-8")


# -- 8: escape sequences, in by any way, out by none -----------------------------------------


def test_a_file_edited_by_hand_loads_clean_and_no_command_prints_an_escape(
    data_file: Path,
) -> None:
    seed_poisoned(data_file)
    commands = [
        ["list"],
        ["list", "--json"],
        ["agenda", "--today", DAY],
        ["agenda", "--today", DAY, "--json"],
        ["stats", "--today", DAY],
        ["stats", "--today", DAY, "--json"],
        ["doctor"],
        ["export", "json"],
        ["export", "csv"],
        ["export", "vcard"],
        ["export", "ics"],
        ["export", "markdown", "--contact", NAME],
    ]
    for command in commands:
        result = run(*command)
        assert result.returncode == 0, (command, result.stderr)
        assert_clean(result.stdout + result.stderr)
    assert json.loads(run("list", "--json").stdout)[0]["name"] == NAME
    logged = run("log", NAME, "replied", "--note", f"Yes{OSC52}")
    assert logged.returncode == 0, logged.stderr
    assert_clean(logged.stdout)
    assert_clean(data_file.read_bytes())  # the next save wrote the clean text back


def test_a_restored_backup_with_escape_sequences_is_stored_clean(
    tmp_path: Path, data_file: Path
) -> None:
    seed_poisoned(tmp_path / "seed.json")
    backup = tmp_path / "seed.json"
    restored = run("restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert_clean(data_file.read_bytes())
    listing = run("list")
    assert NAME[:20].encode() in listing.stdout
    assert_clean(listing.stdout)


def test_arguments_with_escape_sequences_are_never_echoed_raw(data_file: Path) -> None:
    Store(data_file).add_contact(name="Ada")
    for command in (
        ["log", f"Zed{OSC52}", "replied"],  # no such contact: the error quotes the name
        ["log", "Ada", f"x{OSC52}"],  # no such event
        ["list", f"{DCS}"],  # argparse: unrecognized arguments
        ["list", "--json", "spoofed\rinfocoach: all good"],
        ["agenda", "--today", f"2026{OSC52}"],
    ):
        result = run(*command)
        assert result.returncode == 2, (command, result.stderr)
        assert len(result.stderr.splitlines()) <= 3  # one line (argparse adds its usage)
        assert_clean(result.stdout + result.stderr)
        assert b"\r" not in result.stderr


def test_output_helpers_escape_or_drop_what_a_terminal_acts_on() -> None:
    text = json_text({"name": f"A{CSI8}\x7f\ud800"})
    assert json.loads(text) == {"name": f"A{CSI8}\x7f\ud800"}
    assert_clean(text.encode("utf-8").replace(b"\\u", b"u"))  # escaped, none raw
    assert for_terminal(f"a{EVIL}\tb\r\nc\ud800\rd") == "a]52;c;ZXZpbA==P+q544e\\2J\tb\nc\ufffdd"


# -- 10: lone surrogates in the file, arguments that are not UTF-8 ----------------------------


def test_a_file_with_a_lone_surrogate_is_refused_in_one_line(data_file: Path) -> None:
    store = Store(data_file)
    for name in ("Ada", "Bob", "Cy"):
        store.add_contact(name=name)
    text = data_file.read_text(encoding="utf-8").replace('"Cy"', '"Cy\\ud800"')
    data_file.write_text(text, encoding="utf-8")
    before = data_file.read_bytes()
    where = "text with an invalid character (a lone surrogate) in record 3 of table 'contacts'"
    for command in (
        ["list"],
        ["list", "--json"],
        ["export", "json"],
        ["add", "Dee"],
        ["log", "Ada", "replied"],
        ["agenda"],
        ["stats"],
    ):
        result = run(*command)
        assert result.returncode == 1, (command, result.stderr)
        [line] = result.stderr.decode().splitlines()
        assert where in line and str(data_file) in line
    doctor = run("doctor")
    assert doctor.returncode == 1 and b"Traceback" not in doctor.stderr
    assert where in doctor.stdout.decode()
    assert data_file.read_bytes() == before


def test_a_backup_with_a_lone_surrogate_is_not_restored(tmp_path: Path, data_file: Path) -> None:
    backup = tmp_path / "backup.json"
    backup.write_text('{"contacts": {"1": {"name": "A\\udc00"}}}', encoding="utf-8")
    result = run("restore", str(backup))
    assert result.returncode == 2
    [line] = result.stderr.decode().splitlines()
    assert "lone surrogate" in line and "record 1 of table 'contacts'" in line
    assert not data_file.exists()


@pytest.mark.parametrize(
    "args",
    [[b"add", b"\xff"], [b"add", b"Ada", b"--company", b"A\xffB"], [b"log", b"\xc3", b"replied"]],
)
def test_arguments_that_are_not_utf8_give_one_line(args: list[bytes], data_file: Path) -> None:
    result = run(*args)
    assert result.returncode == 2
    [line] = result.stderr.decode().splitlines()
    assert "is not valid UTF-8" in line and "\\x" in line
    assert not data_file.exists()


# -- 11: a data folder (or file) infocoach may not open ---------------------------------------


@pytest.mark.parametrize("what", ["folder", "file"])
def test_data_that_may_not_be_opened_gives_one_line(what: str, data_file: Path) -> None:
    Store(data_file).add_contact(name="Ada")
    before = data_file.read_bytes()
    target = data_file.parent if what == "folder" else data_file
    original_mode = target.stat().st_mode
    env = dict(os.environ)
    commands = [
        ["list"],
        ["list", "--json"],
        ["add", "Bob"],
        ["agenda"],
        ["stats"],
        ["export", "json"],
        ["log", "Ada", "replied"],
        [],
    ]
    target.chmod(0)
    try:
        results = [run_without_override(command, env) for command in commands]
        doctor = run_without_override(["doctor"], env)
    finally:
        target.chmod(original_mode)
    for command, result in zip(commands, results, strict=True):
        assert result.returncode == 1, (command, result.stderr)
        [line] = result.stderr.splitlines()
        assert f"cannot read {data_file}: Permission denied" in line, line
        assert "ls -ld" in line
    assert doctor.returncode == 1 and "Traceback" not in doctor.stderr, doctor.stderr
    assert f"cannot read {data_file}: Permission denied" in doctor.stdout
    assert data_file.read_bytes() == before


@pytest.mark.parametrize(
    ("field", "stored", "loaded"),
    [
        ("name", "  Ada\nLovelace\t", "Ada Lovelace"),  # no control character: the quick path
        ("company", "Acme ", "Acme"),
        ("notes", "two\r\nlines\x1b[2J", "two\nlines[2J"),
        ("tags", [" x ", "y\x07"], ["x", "y"]),
    ],
)
def test_a_file_is_cleaned_as_the_store_cleans_what_it_is_given(
    field: str, stored: Any, loaded: Any, data_file: Path
) -> None:
    Store(data_file).add_contact(name="Ada", notes="one\nline")
    tables = json.loads(data_file.read_bytes())
    tables["contacts"]["1"][field] = stored
    data_file.write_text(json.dumps(tables), encoding="utf-8")
    contact = Store(data_file).get_contact(1)
    assert getattr(contact, field) == (tuple(loaded) if isinstance(loaded, list) else loaded)
