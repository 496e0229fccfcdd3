"""The app says "Saved" only after the save has landed (#25): never before the writer has put
the change on disk, never when the save fails, and a save the disk did not confirm is said.

What the app said is read from its public record, the status line's feed (`status_said`,
every toast's words as they are shown).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from infocoach.data import locations
from infocoach.data.repositories import Store
from infocoach.data.settings import Settings, load_settings, save_settings
from infocoach.data.storage import FolderLock
from infocoach.tui.app import InfoCoachApp
from infocoach.tui.widgets.status import StatusEntry
from tests.conftest import FIXED_NOW, fill_up
from tests.disk_faults import folder_sync_fails

from .conftest import reopen

WAIT_SECONDS = 20.0  # loose: a hang fails, a slow machine does not


def record_status(app: InfoCoachApp, at_each: Callable[[StatusEntry], None] | None = None):
    """Every status entry from now on, in order; `at_each` runs at the moment it is said."""
    said: list[StatusEntry] = []

    def heard(entry: StatusEntry) -> None:
        said.append(entry)
        if at_each is not None:
            at_each(entry)

    app.status_said.subscribe(app, heard, immediate=True)
    return said


async def until(pilot, condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, "the app never got there"
        await pilot.pause(0.05)


async def edit_company(pilot, company: str) -> None:
    await pilot.press("e")
    pilot.app.screen.query_one("#company", Input).value = company
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_on_a_full_disk_no_saved_note_ever_appears(small_disk: Path, make_app) -> None:
    data_file = small_disk / "data" / "infocoach.json"
    store = Store(data_file, clock=lambda: FIXED_NOW)
    ann = store.add_contact(name="Ann Lee", company="Acme", notes="x" * 2000)
    filler = fill_up(small_disk)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        said = record_status(app)
        await edit_company(pilot, "Initech")
        await until(pilot, lambda: any(e.title == "Not saved" for e in said))
        await pilot.pause(0.3)  # anything said late would be said by now
        assert not [e.text for e in said if e.text.startswith("Saved")], said
        [failed] = [e for e in said if e.title == "Not saved"]
        assert failed.severity == "error" and "No space left on device" in failed.text

        filler.unlink()  # room again: ctrl+r saves, and only now is "Saved." said
        await pilot.press("ctrl+r")
        await until(pilot, lambda: any(e.text.startswith("Saved") for e in said))
        assert Store(data_file).get_contact(ann.id).company == "Initech"


async def test_saved_is_said_only_once_the_file_holds_the_change(
    demo_store: Store, make_app, data_file: Path
) -> None:
    """Another infocoach holds the lock, so the save waits: no "Saved" meanwhile; when it
    appears, the file on disk already holds the change."""
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        contact = app.screen.contact
        on_disk_when_said: list[str] = []

        def look_at_disk(entry: StatusEntry) -> None:
            if entry.text.startswith("Saved"):
                on_disk_when_said.append(Store(data_file).get_contact(contact.id).company)

        said = record_status(app, look_at_disk)
        with FolderLock(data_file):
            await edit_company(pilot, "Acme Research")
            await pilot.pause(0.5)
            assert app.title.endswith("saving…")
            assert not [e for e in said if e.text.startswith("Saved")]
        await until(pilot, lambda: bool(on_disk_when_said))
        assert on_disk_when_said == ["Acme Research"]
        assert [e.text for e in said if e.text.startswith("Saved")] == [f"Saved {contact.name}."]
    assert reopen(data_file).get_contact(contact.id).company == "Acme Research"


async def test_a_company_edit_says_saved_only_once_it_is(
    demo_store: Store, make_app, data_file: Path
) -> None:
    """The same for a company edited from the Targets view, whose note also offers undo."""
    company = demo_store.targets()[0].company
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        on_disk_when_said: list[str] = []

        def look_at_disk(entry: StatusEntry) -> None:
            if entry.text.startswith("Saved"):
                on_disk_when_said.append(Store(data_file).get_company(company.id).industry)

        said = record_status(app, look_at_disk)
        await pilot.press("T")
        await pilot.pause()
        with FolderLock(data_file):
            await pilot.press("e")
            await pilot.pause()
            app.screen.query_one("#industry", Input).value = "Water utilities"
            await pilot.press("ctrl+s")
            await pilot.pause(0.5)
            assert not [e for e in said if e.text.startswith("Saved")]
        await until(pilot, lambda: bool(on_disk_when_said))
        assert on_disk_when_said == ["Water utilities"]
        [note] = [e.text for e in said if e.text.startswith("Saved")]
        assert note.startswith(f"Saved {company.name}. Undo")


async def test_a_save_the_disk_did_not_confirm_is_said(
    demo_store: Store, make_app, data_file: Path
) -> None:
    """fsync of the data folder fails after the rename (made by the kernel: no real disk
    fails on cue): the change is saved, and she is told the disk did not confirm it."""
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        contact = app.screen.contact
        said = record_status(app)
        with folder_sync_fails(data_file.parent):
            await edit_company(pilot, "Acme Research")
            await until(pilot, lambda: any(e.title == "Saved, unconfirmed" for e in said))
        [warning] = [e for e in said if e.title == "Saved, unconfirmed"]
        assert warning.severity == "warning"
        assert warning.text.startswith(f"Saved {data_file}, but the disk did not confirm it")
        assert "Input/output error" in warning.text and "check the disk" in warning.text
        assert f"Saved {contact.name}." in [e.text for e in said]
        assert not any(e.title == "Not saved" for e in said)
    assert reopen(data_file).get_contact(contact.id).company == "Acme Research"


async def test_your_details_are_not_said_saved_when_the_disk_is_full(
    small_disk: Path, demo_store: Store, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = small_disk / "config"
    monkeypatch.setenv(locations.CONFIG_DIR_ENV, str(config))
    save_settings(Settings(my_name="Ana"))
    filler = fill_up(small_disk)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        said = record_status(app)
        app.screen.action_my_details()
        await pilot.pause()
        app.screen.query_one("#my_name", Input).value = "Ana Lima"
        await pilot.press("ctrl+s")
        await pilot.pause()
        texts = [e.text for e in said]
        assert not [text for text in texts if "saved;" in text], texts
        assert "Could not save the settings: No space left on device" in texts
        assert "The scripts use your details now, until you quit: they are not saved." in texts
        assert app.settings.my_name == "Ana Lima"
    filler.unlink()
    assert load_settings().my_name == "Ana"
