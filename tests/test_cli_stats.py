"""`infocoach stats [--today D] [--json]`, in-process and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from infocoach.cli import main as cli
from infocoach.core.models import STAGES
from infocoach.data import locations
from infocoach.data.repositories import Store
from infocoach.exchange.demo import populate
from infocoach.guidance.loader import load_guidance
from tests.conftest import FIXED_NOW

DAY = FIXED_NOW.date()
KEYS = ("contacts", "interviews", "referrals", "thank_you_on_time", "by_stage", "rehearsals")


def stats(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli.main(["stats", *args])
    out, err = capsys.readouterr()
    return status, out, err


def fill(data_file: Path) -> None:
    """Three contacts, two interviews (one thanked the next day, one late), one referral, a
    rehearsal."""
    store = Store(data_file, clock=lambda: FIXED_NOW)  # the rehearsal is dated DAY
    maya = store.add_contact(name="Maya Okafor", company="Brightwater", industry="Analytics")
    dan = store.add_contact(name="Dan Reyes", company="Brightwater", referred_by="Maya Okafor")
    store.add_contact(name="Tom Becker")
    store.log_event(maya.id, "reached-out", day=DAY - timedelta(days=12))
    store.log_event(maya.id, "replied", day=DAY - timedelta(days=11))
    store.log_event(maya.id, "interviewed", day=DAY - timedelta(days=4))
    store.log_event(maya.id, "thanked", day=DAY - timedelta(days=3))
    store.add_interview(
        maya.id,
        day=DAY - timedelta(days=4),
        notes="Juniors come from interns",
        referrals=["Dan Reyes", "Ola Berg"],
    )
    store.log_event(dan.id, "interviewed", day=DAY - timedelta(days=3))  # not thanked: late
    store.add_rehearsal("phone-direct", 40.0, 150.0)


def test_json_on_an_empty_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = stats(capsys, "--json", "--today", DAY.isoformat())
    assert status == 0 and err == ""
    data = json.loads(out)
    for key in KEYS:
        assert key in data
    assert data["contacts"] == data["interviews"] == data["referrals"] == data["rehearsals"] == 0
    assert data["thank_you_on_time"] is None
    assert data["by_stage"] == dict.fromkeys(STAGES, 0)


def test_json_figures(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    fill(data_file)
    status, out, _ = stats(capsys, "--json", "--today", DAY.isoformat())
    assert status == 0
    data = json.loads(out)
    assert data["today"] == "2026-11-20"
    assert data["contacts"] == 3
    assert data["interviews"] == 2
    assert data["referrals"] == 1
    assert data["thank_you_on_time"] == 0.5
    assert data["by_stage"] == {
        **dict.fromkeys(STAGES, 0),
        "identified": 1,
        "interviewed": 1,
        "thanked": 1,
    }
    assert data["rehearsals"] == 1
    assert data["outreach"] == 1 and data["replies"] == 1 and data["reply_rate"] == 1.0
    assert data["names_gained"] == 2 and data["names_per_interview"] == 1.0
    assert data["longest_chain_names"] == ["Maya Okafor", "Dan Reyes"]
    weeks = data["interviews_per_week"]
    assert len(weeks) == 12 and weeks[-1] == {"week": "2026-11-16", "interviews": 2}
    assert data["heard"]["companies"][0]["name"] == "Brightwater"
    assert data["heard"]["companies"][0]["one_source"] is True


def test_the_week_follows_today(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    fill(data_file)
    _, out, _ = stats(capsys, "--json", "--today", "2026-12-01")
    weeks = json.loads(out)["interviews_per_week"]
    assert weeks[-1] == {"week": "2026-11-30", "interviews": 0}
    assert weeks[-3] == {"week": "2026-11-16", "interviews": 2}


def test_text(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    fill(data_file)
    status, out, _ = stats(capsys, "--today", DAY.isoformat())
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Insights on 2026-11-20"
    assert "Interviews         2 (last 12 weeks, oldest first: 0 0 0 0 0 0 0 0 0 0 0 2)" in lines
    assert "Outreach           1 message to 1 person; 1 replied (100%)" in lines
    assert "Thank-you on time  1 of 2 by the next day (50%)" in lines
    assert "Longest chain      Maya Okafor → Dan Reyes" in lines
    assert "Rehearsals         1 (1 this week)" in lines
    assert "Pace               150 words a minute: good pace for a phone call" in lines
    assert lines[-1].startswith("2 interviews so far — ")


def test_text_on_an_empty_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = stats(capsys)
    assert status == 0
    assert "Thank-you on time  —" in out
    assert "No interviews yet" in out


def test_the_demo_data(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    populate(Store(data_file), load_guidance(), DAY)
    _, out, _ = stats(capsys, "--json", "--today", DAY.isoformat())
    data = json.loads(out)
    assert data["contacts"] == 12
    assert data["interviews"] == 5  # each demo interview has a record and an event: once each
    assert data["referrals"] == 4
    assert data["reply_rate"] == 0.7


def test_a_bad_day_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = stats(capsys, "--today", "20/11/2026")
    assert status == 2 and out == ""
    assert err.startswith("infocoach: --today:")


def test_json_in_a_subprocess(data_file: Path) -> None:
    fill(data_file)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    assert env[locations.DATA_DIR_ENV] == str(data_file.parent)
    result = subprocess.run(
        [sys.executable, "-m", "infocoach", "stats", "--json", "--today", DAY.isoformat()],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["contacts"], data["interviews"], data["referrals"]) == (3, 2, 1)
    assert data["thank_you_on_time"] == 0.5
    assert data["by_stage"]["thanked"] == 1
    assert data["rehearsals"] == 1


def test_a_thank_you_still_due_is_not_counted_as_missed(
    capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    store = Store(data_file, clock=lambda: FIXED_NOW)
    ada = store.add_contact(name="Ada")
    store.log_event(ada.id, "interviewed", day=DAY)  # today: due by tomorrow
    _, out, _ = stats(capsys, "--json", "--today", DAY.isoformat())
    data = json.loads(out)
    assert (data["thank_you_on_time"], data["thanks_due"]) == (None, 1)
    _, out, _ = stats(capsys, "--json", "--today", (DAY + timedelta(days=2)).isoformat())
    data = json.loads(out)
    assert (data["thank_you_on_time"], data["thanks_due"]) == (0.0, 0)  # late from D+2


def test_the_text_counts_only_thank_yous_whose_day_has_come(
    capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    store = Store(data_file, clock=lambda: FIXED_NOW)
    ada = store.add_contact(name="Ada")
    bob = store.add_contact(name="Bob")
    store.log_event(ada.id, "interviewed", day=DAY - timedelta(days=5))
    store.log_event(ada.id, "thanked", day=DAY - timedelta(days=4))
    store.log_event(bob.id, "interviewed", day=DAY)  # due by tomorrow: not missed yet
    _, out, _ = stats(capsys, "--today", DAY.isoformat())
    line = next(line for line in out.splitlines() if line.startswith("Thank-you on time"))
    assert line.endswith("1 of 1 by the next day (100%); 1 still due, not counted yet")
