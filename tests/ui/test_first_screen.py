"""The app's first screen, drawn from the index kept beside the data file while the file is read
(`data.first_screen`): what it shows is the file's, and once read the list is the whole file's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from infocoach.core.models import Contact
from infocoach.data.first_screen import (
    StoreToOpen,
    WindowRows,
    read_first_screen,
    write_first_screen,
)
from infocoach.data.repositories import Store
from infocoach.data.settings import Settings, save_settings
from infocoach.data.storage import DataFileError
from infocoach.guidance.records import Guidance
from infocoach.tui import app as app_module
from infocoach.tui.app import InfoCoachApp
from infocoach.tui.screens.main import MainScreen
from infocoach.tui.widgets.contacts import ContactsPane

COUNT = 400


def filled(path: Path) -> Store:
    """A file of COUNT contacts, and the first screen kept beside it, around the 250th."""
    store = Store(path)
    store.run_as_one(
        lambda: [store.add_contact(name=f"Person {n:03d}", company="Acme") for n in range(COUNT)]
    )
    found = store.as_saved(store.contacts)
    assert found is not None
    contacts, stamp = found
    assert write_first_screen(path, stamp, contacts, {}, contacts[250].id)
    save_settings(Settings(last_contact=contacts[250].id))
    return store


def to_open(path: Path) -> StoreToOpen:
    first = read_first_screen(path, date.today())
    assert first is not None
    return StoreToOpen(path, first)


def list_state(app: InfoCoachApp) -> tuple[str, object, Contact | None]:
    pane = app.screen.query_one(ContactsPane)
    return str(pane.border_title), pane.contact_list.rows, pane.highlighted_contact


async def test_the_first_screen_is_the_files_and_the_list_is_whole_once_read(
    data_file: Path, content: Guidance, monkeypatch: pytest.MonkeyPatch
) -> None:
    contacts = filled(data_file).contacts()
    at_read: list[tuple[str, object, Contact | None]] = []

    def reading(path: Path) -> Store:
        at_read.append(list_state(app))  # what was on screen while the file was read
        return Store(path)

    monkeypatch.setattr(app_module, "Store", reading)
    app = InfoCoachApp(to_open(data_file), content)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        [(title, rows, selected)] = at_read
        assert title == f"Contacts · {COUNT:,}"
        assert isinstance(rows, WindowRows) and len(rows) == COUNT
        assert selected == contacts[250]  # where she left off, the store's very record
        assert [rows[n] for n in range(220, 280)] == contacts[220:280]
        title, rows, selected = list_state(app)
        assert app.data_read
        assert title == f"Contacts · {COUNT:,}"
        assert rows == contacts  # every contact, read from the file
        assert selected == contacts[250]
        assert isinstance(app.screen, MainScreen) and app.screen.panes_ready
        assert app.screen.sub_title == contacts[250].name


async def test_a_key_before_the_file_is_read_waits_for_it_and_acts_on_it(
    data_file: Path, content: Guidance, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing else reads the file here (as when she types while the app starts): the key
    reads it first, then moves on the whole list."""
    contacts = filled(data_file).contacts()

    async def nothing_after_the_first_frame(screen: MainScreen) -> None:
        return None

    monkeypatch.setattr(MainScreen, "_after_first_frame", nothing_after_the_first_frame)
    app = InfoCoachApp(to_open(data_file), content)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.data_read
        assert isinstance(list_state(app)[1], WindowRows)
        await pilot.press("end")  # the last row: outside the first screen kept
        await pilot.pause()
        assert app.data_read
        _, rows, selected = list_state(app)
        assert rows == contacts
        assert selected == contacts[-1]


async def test_the_first_screen_is_kept_after_the_read_and_after_each_save(
    data_file: Path, content: Guidance
) -> None:
    store = Store(data_file)
    ada = store.add_contact(name="Ada")
    store.add_contact(name="Bob")
    app = InfoCoachApp(store, content)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        first = read_first_screen(data_file, date.today())
        assert first is not None and [c.name for c in first.contacts] == ["Ada", "Bob"]
        app.store.update_contact(ada.id, notes="met at the fair")
        assert app.store.wait_until_saved()
        await pilot.pause()
        await app.workers.wait_for_complete()
        first = read_first_screen(data_file, date.today())
        assert first is not None  # of the file as saved now, not the one before
        assert first.contacts[0].notes == "met at the fair"


async def test_a_file_that_cannot_be_read_after_the_first_screen_ends_the_app_saying_why(
    data_file: Path, content: Guidance, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled(data_file)

    def unreadable(path: Path) -> Store:
        raise DataFileError(path, "input/output error")

    monkeypatch.setattr(app_module, "Store", unreadable)
    app = InfoCoachApp(to_open(data_file), content)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
    assert isinstance(app.open_error, DataFileError)
    assert "input/output error" in str(app.open_error)
    assert app.return_code == 1
