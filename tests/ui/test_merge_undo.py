"""`u` takes a whole merge of a conflict copy back, in the app (issue #27)."""

from __future__ import annotations

from pathlib import Path

from infocoach.data.store import Store
from tests.conftest import FIXED_NOW
from tests.test_merge_safety import NAMES, changed, deleted, names_in, read, write_copy

from .conftest import reopen


async def test_u_after_a_merge_takes_the_whole_merge_back(
    store: Store, make_app, data_file: Path
) -> None:
    for name in NAMES:
        store.add_contact(name=name, email=f"{name.split()[0].lower()}@example.org")
    ours = read(data_file)
    later = int(FIXED_NOW.timestamp() * 1000) + 60_000  # a minute after the store's clock
    theirs = deleted(ours, ("Bo Chen",), later)
    theirs = changed(theirs, "Ada Park", later, email="ada@elsewhere.example")
    write_copy(data_file, theirs)

    app = make_app(Store(data_file, clock=lambda: FIXED_NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        merged = read(data_file)
        assert "Bo Chen" not in names_in(merged)
        (said,) = [n.message for n in app._notifications if n.title == "Merged"]
        assert "Undo" in said
        status = app.latest_status.line()  # what the status line shows after the toast
        assert "1 contact changed (Ada Park), 1 deleted (Bo Chen)" in status
        await pilot.press("u")
        await pilot.pause()

    back = reopen(data_file)
    assert sorted(contact.name for contact in back.contacts()) == sorted(NAMES)
    assert back.find_contact("Ada Park").email == "ada@example.org"
