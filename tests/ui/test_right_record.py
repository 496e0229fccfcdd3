"""The right record every time (issue #27): while the command line adds contacts in another
process, what she adds and ticks in the app lands on the contact she meant, never on one that
took its number meanwhile."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest

from infocoach.core.models import Contact
from infocoach.data.repositories import Store
from infocoach.tui.dialogs.contact_form import ContactForm
from infocoach.tui.widgets.checklist import ChecklistPane

from .test_call_mode import open_call

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


@pytest.mark.slow
async def test_every_tick_lands_on_the_contact_she_ticked_while_the_cli_adds(
    store: Store, make_app, data_file: Path, tmp_path: Path
) -> None:
    store.add_contact(name="Aaron Able")  # sorts first: selected when the app opens
    keep_going = tmp_path / "keep-going"
    keep_going.touch()
    loop = subprocess.Popen(
        [sys.executable, "-c", ADD_LOOP, str(keep_going)],
        env={**os.environ},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    ticked: dict[str, str] = {}
    app = make_app(store)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            for number in range(1, ROUNDS + 1):
                name = f"Mine {number}"
                await pilot.press("a", *name, "ctrl+s")
                await pilot.pause()
                ticked[name] = await tick_in_the_checklist(pilot)
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


@contextmanager
def another_process_saving(data_file: Path) -> Iterator[None]:
    """Hold the data file's lock, as another infocoach saving does; on leaving, save under it
    a contact "Other" with the id the next contact added gets (the id a contact added in the
    meantime has in the app), then let go."""
    lock = os.open(data_file.parent / f".~{data_file.name}.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        taken = max(int(key) for key in read_contacts(data_file)) + 1
        yield
        tables = json.loads(data_file.read_text(encoding="utf-8"))
        contacts = tables["contacts"]
        contacts[str(taken)] = {**contacts["1"], "name": "Other", "_uid": "0123456789abcdef"}
        data_file.write_text(json.dumps(tables), encoding="utf-8")
    finally:
        os.close(lock)


def read_contacts(data_file: Path) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = json.loads(data_file.read_text(encoding="utf-8"))["contacts"]
    return found


def id_of(data_file: Path, name: str) -> int:
    (key,) = [key for key, c in read_contacts(data_file).items() if c["name"] == name]
    return int(key)


async def tick_in_the_checklist(pilot) -> str:
    """Go to the checklist and tick the item under its cursor, as she does: its id."""
    checklist = pilot.app.screen.query_one(ChecklistPane)
    checklist.items.focus()
    await pilot.pause()
    item = checklist.items.get_option_at_index(checklist.items.highlighted or 0).id
    assert item is not None
    await pilot.press("space")
    await pilot.pause()
    return item


async def test_an_add_and_a_tick_waiting_to_be_saved_follow_her_contact_when_renumbered(
    store: Store, make_app, data_file: Path
) -> None:
    """Deterministically, what the race above does now and then: while the app's add and tick
    wait for the file's lock, another process saves a contact under the id the app gave hers."""
    store.add_contact(name="Aaron Able")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.store.wait_until_saved(10)
        with another_process_saving(data_file):
            await pilot.press("a", *"Mine", "ctrl+s")
            await pilot.pause()
            first = await tick_in_the_checklist(pilot)
        assert app.store.wait_until_saved(20)
        checklist = app.screen.query_one(ChecklistPane)
        await pilot.press("down", "space")  # the next item too, once all is saved
        await pilot.pause()
        second = checklist.items.get_option_at_index(checklist.items.highlighted or 0).id
        assert app.store.wait_until_saved(20)

    listed = read_contacts(data_file).values()
    checked = {c["name"]: sorted(c["checklist"]) for c in listed if c["checklist"]}
    assert checked == {"Mine": sorted([first, second])}


async def test_a_contact_added_as_another_process_is_caught_up_with_stays_under_the_cursor(
    store: Store, make_app, data_file: Path
) -> None:
    """The race above at its narrowest: another process's save is caught up with (renumbering
    her new contact, and giving its old id to "Other") just as the list is read again after
    the form closes. The cursor, the panes and a tick stay on her contact."""
    store.add_contact(name="Aaron Able")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.store.wait_until_saved(10)
        other_saving = ExitStack()
        other_saving.enter_context(another_process_saving(data_file))
        read_contacts_now = app.store.contacts

        def contacts_once_the_other_save_is_caught_up() -> list[Contact]:
            if not isinstance(app.screen, ContactForm):  # the form has closed
                app.store.contacts = read_contacts_now  # once is enough
                other_saving.close()  # the other process saves and lets go of the lock
                assert app.store.wait_until_saved(10)  # the writer caught up with it
            return read_contacts_now()

        await pilot.press("a", *"Mine")
        app.store.contacts = contacts_once_the_other_save_is_caught_up
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.contacts == read_contacts_now  # the other save came in between
        assert app.screen.selected_contact().name == "Mine"
        assert app.screen.contact.name == "Mine"
        first = await tick_in_the_checklist(pilot)
        assert app.store.wait_until_saved(20)

    listed = read_contacts(data_file).values()
    assert {c["name"] for c in listed} == {"Aaron Able", "Mine", "Other"}
    checked = {c["name"]: sorted(c["checklist"]) for c in listed if c["checklist"]}
    assert checked == {"Mine": [first]}


async def test_the_notes_of_a_call_opened_on_her_new_contact_stay_hers(
    store: Store, make_app, data_file: Path
) -> None:
    store.add_contact(name="Aaron Able")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.store.wait_until_saved(10)
        with another_process_saving(data_file):
            await pilot.press("a", *"Mine", "ctrl+s")
            await pilot.pause()
            call = await open_call(pilot)
        assert app.store.wait_until_saved(20)
        await pilot.press(*"Asked about the team")
        call.keep_typed_text()
        assert app.store.wait_until_saved(20)

    drafts = json.loads(data_file.read_text(encoding="utf-8"))["call_drafts"].values()
    assert [(d["contact_id"], d["text"]) for d in drafts] == [
        (id_of(data_file, "Mine"), "Asked about the team")
    ]
