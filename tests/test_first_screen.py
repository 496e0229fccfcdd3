"""The first screen kept beside the data file (`data.first_screen`): used only when it fits the
file as it is now (with the contacts' types of the day it is read on); a stale, damaged or
foreign one is ignored, never shown."""

from __future__ import annotations

import json
import os
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from infocoach.data.first_screen import (
    AROUND,
    index_path,
    read_first_screen,
    write_first_screen,
)
from infocoach.data.repositories import Store
from tests.conftest import FIXED_NOW

DAY = FIXED_NOW.date()


def filled(path: Path, count: int) -> Store:
    store = Store(path, clock=lambda: FIXED_NOW)
    store.run_as_one(
        lambda: [store.add_contact(name=f"Person {n:03d}", company="Acme") for n in range(count)]
    )
    return store


def keep(store: Store, selected: int | None = None) -> None:
    found = store.as_saved(lambda: (store.contacts(), store.events_by_contact()))
    assert found is not None
    (contacts, logs), stamp = found
    assert write_first_screen(store.path, stamp, contacts, logs, selected)


def test_the_window_around_the_selected_contact_is_the_stores_own(data_file: Path) -> None:
    store = filled(data_file, 300)
    contacts = store.contacts()
    keep(store, contacts[150].id)
    first = read_first_screen(data_file, DAY)
    assert first is not None
    assert first.total == 300
    assert first.start == 150 - AROUND
    assert list(first.contacts) == contacts[150 - AROUND : 151 + AROUND]  # whole, equal records
    assert first.row_of(contacts[150].id) == 150
    rows = first.rows()
    assert len(rows) == 300 and rows[150] == contacts[150]
    with pytest.raises(IndexError):  # a row outside the window is never made up
        rows[0]


def test_a_change_saved_since_makes_it_stale(data_file: Path) -> None:
    store = filled(data_file, 10)
    keep(store)
    Store(data_file, clock=lambda: FIXED_NOW).add_contact(name="Aaron Added")
    assert read_first_screen(data_file, DAY) is None


def test_read_on_another_day_the_types_are_that_days(data_file: Path) -> None:
    """A contact's type moves on with the days of silence: worked out again from the log
    kept with each contact, as the store does for the day it reads the file on."""
    store = filled(data_file, 10)
    silent, answered, chosen = store.contacts()[:3]
    for contact in (silent, answered, chosen):
        store.log_event(contact.id, "reached-out", day=DAY - timedelta(days=1))
    store.log_event(answered.id, "replied", day=DAY)
    store.set_contact_type(chosen.id, "booster")
    keep(store)
    for later in (DAY, DAY + timedelta(days=3), DAY + timedelta(days=40)):
        first = read_first_screen(data_file, later)
        assert first is not None
        as_read = Store(data_file, clock=lambda later=later: datetime.combine(later, time(9)))
        assert list(first.contacts) == as_read.contacts()[: len(first.contacts)]
    first = read_first_screen(data_file, DAY + timedelta(days=40))
    assert first is not None
    types = {c.id: c.contact_type for c in first.contacts}
    assert types[silent.id] == "curmudgeon"  # no answer after the days it was given
    assert read_first_screen(data_file, DAY) is not None
    assert {c.id: c.contact_type for c in read_first_screen(data_file, DAY).contacts}[
        silent.id
    ] != "curmudgeon"


def test_a_file_replaced_with_the_same_size_and_time_makes_it_stale(data_file: Path) -> None:
    """Another file put in its place (a restore, a sync) is another inode; a change of its
    mode or owner changes its ctime: either way the index is not this file's."""
    keep(filled(data_file, 10))
    status = data_file.stat()
    copy = data_file.with_name("copy.json")
    copy.write_bytes(data_file.read_bytes())
    os.utime(copy, ns=(status.st_atime_ns, status.st_mtime_ns))
    os.replace(copy, data_file)
    assert read_first_screen(data_file, DAY) is None


def test_a_change_of_mode_makes_it_stale(data_file: Path) -> None:
    keep(filled(data_file, 10))
    data_file.chmod(0o400)
    assert read_first_screen(data_file, DAY) is None


def test_written_only_from_memory_that_holds_what_the_file_holds(data_file: Path) -> None:
    store = filled(data_file, 10)
    found = store.as_saved(store.contacts)
    assert found is not None
    contacts, stamp = found
    Store(data_file, clock=lambda: FIXED_NOW).add_contact(name="Elsewhere")  # saved meanwhile
    assert not write_first_screen(data_file, stamp, contacts, {}, None)
    assert not index_path(data_file).exists()
    writer = store.save_in_background(lambda state: None)
    writer.stop()  # a change made here then waits, unsaved
    store.add_contact(name="Not saved yet")
    assert store.as_saved(store.contacts) is None


def rewritten(data_file: Path, change) -> None:  # type: ignore[no-untyped-def]
    index = index_path(data_file)
    found = json.loads(index.read_bytes())
    change(found)
    index.write_text(json.dumps(found), encoding="utf-8")


@pytest.mark.parametrize(
    "damage",
    [
        lambda found: found["contacts"][0].update(name=["a list"]),  # a field of another type
        lambda found: found["contacts"][0].update(surprise="x"),  # a field Contact lacks
        lambda found: found["contacts"][0].pop("notes"),  # a field missing
        lambda found: found["contacts"][0].update(tags=[1]),  # not text in a list of text
        lambda found: found["contacts"][0].update(checklist={"a": 1}),
        lambda found: found["contacts"][0].update(id=True),  # a bool is no id
        lambda found: found.update(total=1),  # fewer than the window holds
        lambda found: found.update(start=-1),
        lambda found: found.update(contacts=[]),
        lambda found: found.update(format=2),  # another version of infocoach's
        lambda found: found.pop("version"),
        lambda found: found["logs"].pop(),  # a log short
        lambda found: found["logs"][0].append(["2026-13-01", 1, "replied", ""]),  # no such day
        lambda found: found["logs"][0].append(["2026-11-01", "1", "replied", ""]),
    ],
)
def test_a_damaged_index_is_ignored(data_file: Path, damage) -> None:  # type: ignore[no-untyped-def]
    keep(filled(data_file, 10))
    rewritten(data_file, damage)
    assert read_first_screen(data_file, DAY) is None


@pytest.mark.parametrize("raw", [b"", b"{", b"\xff\xfe", b"[]", b"null", b'{"format": 1}'])
def test_an_index_that_is_not_one_is_ignored(data_file: Path, raw: bytes) -> None:
    keep(filled(data_file, 10))
    index_path(data_file).write_bytes(raw)
    assert read_first_screen(data_file, DAY) is None


def test_no_data_file_no_first_screen(data_file: Path) -> None:
    assert read_first_screen(data_file, DAY) is None
    data_file.parent.mkdir(parents=True, exist_ok=True)
    index_path(data_file).write_bytes(b"{}")
    assert read_first_screen(data_file, DAY) is None


def test_kept_beside_the_target_of_a_linked_data_file(data_file: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "synced" / "infocoach.json"
    elsewhere.parent.mkdir()
    store = filled(elsewhere, 5)
    data_file.parent.mkdir(parents=True, exist_ok=True)
    data_file.symlink_to(elsewhere)
    found = store.as_saved(store.contacts)
    assert found is not None
    assert write_first_screen(data_file, found[1], found[0], {}, None)
    assert index_path(data_file) == elsewhere.parent / ".~infocoach.json.first"
    assert read_first_screen(data_file, DAY) is not None
