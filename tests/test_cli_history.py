"""`infocoach history` and `unlog`, #ID wherever a contact is named, every field in `list
--json`, and a description and help for every command and option."""

from __future__ import annotations

import argparse
import json
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from infocoach.cli import main as cli
from infocoach.core.models import Contact
from infocoach.data.store import Store
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
    assert cli.main(["log", "ada lovelace", "reached-out", "--date", "2026-11-03",
                     "--note", "[b]LinkedIn[/b] \x1b[31mnote\nsecond line"]) == 0  # fmt: skip
    record_call(data_file, 1, date(2026, 11, 10), minutes=25, notes="Loved it\nmore",
                referrals=["Bo Chen", "Cy Diaz"], questions_asked=["q1"])  # fmt: skip
    capsys.readouterr()
    return 1


@pytest.fixture
def two_aishas(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["add", "Aisha Ahmed", "--company", "Acme"]) == 0
    assert cli.main(["add", "Aisha Ahmed", "--company", "Beta", "--role", "Eng"]) == 0
    capsys.readouterr()


# -- history ------------------------------------------------------------------------------


# -- unlog --------------------------------------------------------------------------------


# -- #ID and ambiguous names --------------------------------------------------------------


# -- list --json and help -----------------------------------------------------------------


def test_list_json_carries_every_field_of_every_contact(
    capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    store = Store(data_file, clock=lambda: FIXED_NOW)
    maya = store.add_contact(name="Maya", company="Brightwater", industry="Water",
                             linkedin="https://www.linkedin.com/in/maya", how_met="meetup",
                             notes="likes [b]tea[/b]", keep_in_touch_weeks=6)  # fmt: skip
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
