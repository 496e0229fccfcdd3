"""The right record every time (issue #27): while the command line adds contacts in another
process, what she adds and ticks in the app lands on the contact she meant, never on one that
took its number meanwhile."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

from infocoach.data.store import Store
from infocoach.tui.widgets.checklist import ChecklistPane

ROUNDS = 6
# Another process adds contacts, each `infocoach add` a store opened and saved on its own, as
# fast as it can, until the test removes the file it watches.
ADD_LOOP = """
import sys
from pathlib import Path
from infocoach.cli.main import main

keep_going = Path(sys.argv[1])
number = 0
while keep_going.exists():
    number += 1
    main(["add", f"Other {number}"])
"""


async def test_every_tick_lands_on_the_contact_she_ticked_while_the_cli_adds(
    store: Store, make_app, data_file: Path, tmp_path: Path
) -> None:
    store.add_contact(name="Aaron Able")  # sorts first: selected when the app opens
    keep_going = tmp_path / "keep-going"
    keep_going.touch()
    loop = subprocess.Popen(
        [sys.executable, "-c", ADD_LOOP, str(keep_going)],
        env={**os.environ}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    ticked: dict[str, str] = {}
    app = make_app(store)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            for number in range(1, ROUNDS + 1):
                name = f"Mine {number}"
                await pilot.press("a", *name, "ctrl+s")
                await pilot.pause()
                checklist = app.screen.query_one(ChecklistPane)
                checklist.items.focus()
                await pilot.pause()
                item = checklist.items.get_option_at_index(checklist.items.highlighted or 0).id
                assert item is not None
                ticked[name] = item
                await pilot.press("space")
                await pilot.pause()
                app.screen.query_one("#contact-list").focus()
            assert app.store.wait_until_saved(20)
    finally:
        keep_going.unlink()
        assert loop.wait(timeout=60) == 0, loop.stderr.read() if loop.stderr else ""

    listed = json.loads(data_file.read_text(encoding="utf-8"))["contacts"].values()
    others = [c["name"] for c in listed if c["name"].startswith("Other")]
    assert len(others) >= ROUNDS  # the other process did race the app
    checked = {c["name"]: sorted(c["checklist"]) for c in listed if c["checklist"]}
    assert checked == {name: [item] for name, item in ticked.items()}


async def test_an_add_and_a_tick_waiting_to_be_saved_follow_her_contact_when_renumbered(
    store: Store, make_app, data_file: Path
) -> None:
    """Deterministically, what the race above does now and then: while the app's add and tick
    wait for the file's lock, another process saves a contact under the id the app gave hers."""
    store.add_contact(name="Aaron Able")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.store.wait_until_saved(10)
        lock = os.open(data_file.parent / f".~{data_file.name}.lock", os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)  # as another infocoach saving does
            await pilot.press("a", *"Mine", "ctrl+s")
            await pilot.pause()
            checklist = app.screen.query_one(ChecklistPane)
            checklist.items.focus()
            await pilot.pause()
            first = checklist.items.get_option_at_index(checklist.items.highlighted or 0).id
            await pilot.press("space")
            await pilot.pause()
            tables = json.loads(data_file.read_text(encoding="utf-8"))
            contacts = tables["contacts"]
            taken = str(max(int(key) for key in contacts) + 1)  # the id "Mine" has in the app
            contacts[taken] = {**contacts["1"], "name": "Other", "_uid": "0123456789abcdef"}
            data_file.write_text(json.dumps(tables), encoding="utf-8")
        finally:
            os.close(lock)  # the other process is done
        assert app.store.wait_until_saved(20)
        await pilot.press("down", "space")  # the next item too, once all is saved
        await pilot.pause()
        second = checklist.items.get_option_at_index(checklist.items.highlighted or 0).id
        assert app.store.wait_until_saved(20)

    listed = json.loads(data_file.read_text(encoding="utf-8"))["contacts"].values()
    checked = {c["name"]: sorted(c["checklist"]) for c in listed if c["checklist"]}
    assert checked == {"Mine": sorted([first, second])}
