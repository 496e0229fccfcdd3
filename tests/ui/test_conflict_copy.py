"""A sync tool's conflict copy is merged while the app runs, and the app says so (#17)."""

from __future__ import annotations

from pathlib import Path

import pytest

from infocoach.data.repositories import Store
from tests.conftest import FIXED_NOW
from tests.test_conflict_copies import SYNCTHING, conflict_copy, other_machine


def _merged_lines(app) -> list[str]:
    return [n.text for n in app.said if n.title == "Merged"]


async def test_a_copy_appearing_while_the_app_runs_is_merged_and_said(
    demo_store: Store, make_app, data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.store.wait_until_saved(10)
        other = other_machine(data_file, tmp_path, monkeypatch)
        other.add_contact(name="Zed Other")
        copy_path = conflict_copy(other, data_file)
        app.screen.catch_up()  # what the app's timer does every few seconds
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Zed Other" in [contact.name for contact in app.store.contacts()]
        (line,) = _merged_lines(app)
        assert line.startswith(
            "Merged changes from another machine (Syncthing conflict copy of 2026-12-02 10:15): "
            "1 contact added (Zed Other)."
        )
        assert not copy_path.exists()


async def test_a_copy_found_when_the_app_opens_is_said_at_start(
    store: Store, make_app, data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_contact(name="Ada")
    other = other_machine(data_file, tmp_path, monkeypatch, SYNCTHING)
    other.add_contact(name="Cy")
    conflict_copy(other, data_file)
    app = make_app(Store(data_file, clock=lambda: FIXED_NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert len(_merged_lines(app)) == 1
        assert [contact.name for contact in app.store.contacts()] == ["Ada", "Cy"]
