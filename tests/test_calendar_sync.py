"""Calendars that never clash (#17): meetings exported from two data folders live side by side
in one calendar, and a moved meeting updates its event instead of adding a second one. Read by
icalendar and by khal, a real calendar program, importing into one vdir calendar."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import icalendar

from infocoach.data.repositories import Store
from infocoach.exchange import operations

MEETING = "2026-12-10 10:00"


def one_meeting(folder: Path, name: str, meeting: str = MEETING) -> Store:
    """A data folder whose first contact (#1, as in every new file) has a meeting."""
    store = Store(folder / "infocoach.json")
    added = store.add_contact(name=name, company="Acme", meeting=meeting, minutes=20)
    assert added.id == 1
    return store


def ics(store: Store) -> bytes:
    return operations.export(store, "ics", now=datetime(2026, 12, 2, 9, 0))


def events(payload: bytes) -> list[icalendar.cal.Component]:
    return list(icalendar.Calendar.from_ical(payload).walk("VEVENT"))


def test_two_data_folders_give_their_contact_one_different_uids(tmp_path: Path) -> None:
    (first,) = events(ics(one_meeting(tmp_path / "laptop", "Ann Lee")))
    (second,) = events(ics(one_meeting(tmp_path / "work", "Bo Chen")))
    assert str(first["UID"]) != str(second["UID"])


def test_uids_are_stable_across_exports_and_a_moved_meeting_is_a_newer_revision(tmp_path):
    store = one_meeting(tmp_path, "Ann Lee")
    (before,) = events(ics(store))
    (again,) = events(ics(store))
    assert (str(again["UID"]), again["SEQUENCE"]) == (str(before["UID"]), before["SEQUENCE"])
    time.sleep(1.1)  # SEQUENCE counts seconds
    store.update_contact(1, meeting="2026-12-11 15:00")
    (moved,) = events(ics(Store(store.path)))
    assert str(moved["UID"]) == str(before["UID"])
    assert moved["SEQUENCE"] > before["SEQUENCE"]
    assert moved.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert moved.decoded("DTSTART") == datetime(2026, 12, 11, 15, 0)


def khal(config: Path, *arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "khal", "-c", str(config), *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "TZ": "UTC", "LC_ALL": "C.UTF-8"},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def khal_calendar(tmp_path: Path) -> Path:
    calendar = tmp_path / "calendar"
    calendar.mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        "[calendars]\n[[meetings]]\n"
        f"path = {calendar}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n"
        "longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n"
        "longdatetimeformat = %Y-%m-%d %H:%M\n"
        "[default]\ndefault_calendar = meetings\n"
    )
    return config


def khal_import(config: Path, payload: bytes, path: Path) -> None:
    path.write_bytes(payload)
    khal(config, "import", "--batch", "-a", "meetings", str(path))


def test_khal_keeps_both_folders_meetings_and_updates_a_moved_one(tmp_path: Path) -> None:
    config = khal_calendar(tmp_path)
    laptop = one_meeting(tmp_path / "laptop", "Ann Lee")
    work = one_meeting(tmp_path / "work", "Bo Chen", "2026-12-10 14:00")
    khal_import(config, ics(laptop), tmp_path / "laptop.ics")
    khal_import(config, ics(work), tmp_path / "work.ics")
    listed = khal(config, "list", "--format", "{start} {title}", "2026-12-09", "3d")
    assert "Ann Lee" in listed and "Bo Chen" in listed

    time.sleep(1.1)
    laptop.update_contact(1, meeting="2026-12-11 09:30")
    khal_import(config, ics(Store(laptop.path)), tmp_path / "laptop-again.ics")
    listed = khal(config, "list", "--format", "{start} {title}", "2026-12-09", "4d")
    ann = [line for line in listed.splitlines() if "Ann Lee" in line]
    assert ann == ["2026-12-11 09:30 Informational interview: Ann Lee (Acme)"], listed
    assert "Bo Chen" in listed
