"""Conflict copies met by the app: `u` takes a whole merge back; a copy not to trust, or too
large to merge by itself, is set aside as it is on the command line (issue #27)."""

from __future__ import annotations

from pathlib import Path

import pytest

from infocoach.data.repositories import Store
from tests.conftest import FIXED_NOW
from tests.test_merge_safety import (
    NAMES,
    TEN_YEARS_MS,
    changed,
    deleted,
    names_in,
    read,
    write_copy,
)

from .conftest import reopen

FIXED_MS = int(FIXED_NOW.timestamp() * 1000)  # the stores' clock: stamps are made from it


async def test_u_after_a_merge_takes_the_whole_merge_back(
    store: Store, make_app, data_file: Path
) -> None:
    for name in NAMES:
        store.add_contact(name=name, email=f"{name.split()[0].lower()}@example.org")
    ours = read(data_file)
    later = FIXED_MS + 60_000
    theirs = deleted(ours, ("Bo Chen",), later)
    theirs = changed(theirs, "Ada Park", later, email="ada@elsewhere.example")
    write_copy(data_file, theirs)

    app = make_app(Store(data_file, clock=lambda: FIXED_NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        merged = read(data_file)
        assert "Bo Chen" not in names_in(merged)
        (said,) = [n.text for n in app.said if n.title == "Merged"]
        assert "Undo" in said
        status = app.latest_status.line()  # what the status line shows after the toast
        assert "1 contact changed (Ada Park), 1 deleted (Bo Chen)" in status
        await pilot.press("u")
        await pilot.pause()

    back = reopen(data_file)
    assert sorted(contact.name for contact in back.contacts()) == sorted(NAMES)
    assert back.find_contact("Ada Park").email == "ada@example.org"


@pytest.mark.parametrize(
    ("ahead_ms", "gone", "why"),
    [
        (TEN_YEARS_MS, NAMES, "10 changes are stamped more than a day ahead"),
        (60_000, NAMES[:4], "it would delete 4 of the 10 contacts here"),
    ],
)
async def test_a_copy_arriving_while_the_app_runs_meets_the_same_rules(
    store: Store, make_app, data_file: Path, ahead_ms: int, gone: tuple[str, ...], why: str
) -> None:
    for name in NAMES:
        store.add_contact(name=name)
    ours = read(data_file)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        copy_path = write_copy(data_file, deleted(ours, gone, FIXED_MS + ahead_ms))
        app.screen.catch_up()  # what the app's timer does every few seconds
        await app.workers.wait_for_complete()
        await pilot.pause()
        (said,) = [n.text for n in app.said if n.title == "Merged"]
        assert "set aside, not merged" in said and why in said
        assert sorted(contact.name for contact in app.store.contacts()) == sorted(NAMES)
    assert names_in(read(data_file)) == sorted(NAMES)
    assert copy_path.exists()
