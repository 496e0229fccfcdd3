"""Import and export from the command palette: the dialog, the worker, the progress bar, the
toast and the refreshed contact list; errors stay in the dialog and write nothing."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import vobject
from textual.command import CommandPalette
from textual.widgets import Input, ProgressBar, Select, Static
from textual.worker import get_current_worker

from infocoach.tui.dialogs.transfer_dialog import TransferDialog
from infocoach.tui.flows import open_transfer
from infocoach.tui.screens.main import MainScreen
from infocoach.tui.widgets.contacts import ContactsPane

from .conftest import reopen

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def write_connections(path: Path, rows: int) -> Path:
    lines = ["Notes:", '"Some emails, may be ""missing""', 'across lines."', "", HEADER]
    lines += [
        f'First{i},"Last, {i}",https://www.linkedin.com/in/p{i},,"Co ""{i % 7}""",Role,1 Mar 2024'
        for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def toasts(app) -> list[str]:
    return [notification.text for notification in app.said]


def shown_names(app) -> list[str]:
    return [contact.name for contact in app.screen.query_one(ContactsPane).contact_list.rows]


async def run_dialog(app, pilot, path: Path) -> TransferDialog:
    dialog = app.screen
    assert isinstance(dialog, TransferDialog)
    dialog.query_one("#transfer-path", Input).value = str(path)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return dialog


async def test_palette_offers_import_and_export(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)):
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Import LinkedIn connections…", "Import vCard…", "Export…"} <= titles


async def test_import_linkedin_from_the_palette(demo_store, make_app, data_file, tmp_path):
    before = demo_store.contact_count()
    csv_path = tmp_path / "Connections.csv"
    csv_path.write_text(
        f"Notes:\n\n{HEADER}\n"
        '[b]Zoë,"a [/",https://www.linkedin.com/in/zoe,,"Café, ""Ltd""",Lead,1 Mar 2024\n'
        ",,,,,Nobody,\n",
        encoding="utf-8",
    )
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"LinkedIn")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        dialog = await run_dialog(app, pilot, csv_path)
        assert isinstance(app.screen, MainScreen) and not dialog.is_attached
        assert "[b]Zoë a [/" in shown_names(app)
        (message,) = [t for t in toasts(app) if "Connections.csv" in t]
        assert message == (
            "Connections.csv: added 1, skipped 0 (duplicates), rejected 0, "
            "1 hidden by LinkedIn (members who hide their name)"
        )
    saved = reopen(data_file)
    assert saved.contact_count() == before + 1
    zoe = saved.find_contact("[b]Zoë a [/")
    assert (zoe.company, zoe.how_met) == ('Café, "Ltd"', "in my LinkedIn connections")


async def test_five_thousand_rows_with_the_progress_bar(store, make_app, data_file, tmp_path):
    csv_path = write_connections(tmp_path / "big.csv", 5000)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        open_transfer(app, "import", "linkedin")
        await pilot.pause()
        bar = app.screen.query_one(ProgressBar)
        await run_dialog(app, pilot, csv_path)
        assert (bar.total, bar.progress) == (5000, 5000)
        assert isinstance(app.screen, MainScreen)
        assert any("added 5000, skipped 0 (duplicates), rejected 0" in t for t in toasts(app))
        assert len(shown_names(app)) == 5000
    assert reopen(data_file).contact_count() == 5000


async def test_a_bad_file_is_shown_in_the_dialog_and_writes_nothing(
    demo_store, make_app, data_file, tmp_path
):
    before = data_file.read_bytes()
    bad = tmp_path / "photo.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        open_transfer(app, "import", "linkedin")
        await pilot.pause()
        dialog = await run_dialog(app, pilot, bad)
        assert app.screen is dialog
        error = str(dialog.query_one("#transfer-error", Static).render())
        assert error == f"{bad}: a binary file, not CSV"
        assert not dialog.query_one("#transfer-path", Input).disabled
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
    assert data_file.read_bytes() == before


async def test_a_file_larger_than_any_address_book_is_refused_in_the_dialog_at_once(
    demo_store, make_app, data_file, tmp_path
):
    before = data_file.read_bytes()
    huge = tmp_path / "everyone.vcf"
    with huge.open("wb") as file:
        file.truncate(1024 * 1024 * 1024)  # sparse: 1 GB that takes no room on the disk
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        open_transfer(app, "import", "vcard")
        await pilot.pause()
        started = time.monotonic()
        dialog = await run_dialog(app, pilot, huge)
        assert time.monotonic() - started < 30
        assert app.screen is dialog
        error = str(dialog.query_one("#transfer-error", Static).render())
        assert error == (
            f"{huge}: 1.0 GB is larger than any address book (50,000 contacts at most; the "
            "limit is 128 MB); nothing was imported"
        )
    assert data_file.read_bytes() == before


async def test_import_vcard_and_export_vcard_from_the_dialog(store, make_app, data_file, tmp_path):
    cards = tmp_path / "in.vcf"
    cards.write_bytes(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë [/ 😀\r\nNOTE:two\\nlines\r\nEND:VCARD\r\n".encode()
    )
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        open_transfer(app, "import", "vcard")
        await pilot.pause()
        await run_dialog(app, pilot, cards)
        assert shown_names(app) == ["Zoë [/ 😀"]

        open_transfer(app, "export", "csv")
        await pilot.pause()
        dialog = app.screen
        path_input = dialog.query_one("#transfer-path", Input)
        assert path_input.value.endswith("infocoach-export.csv")
        dialog.query_one("#transfer-format", Select).value = "vcard"
        await pilot.pause()
        assert path_input.value.endswith("infocoach-export.vcf")  # follows the format
        out = tmp_path / "out.vcf"
        await run_dialog(app, pilot, out)
        assert isinstance(app.screen, MainScreen)
        assert any(f"Exported vcard to {out}" in t for t in toasts(app))
    card = vobject.readOne(out.read_text(encoding="utf-8"))
    assert (card.fn.value, card.note.value) == ("Zoë [/ 😀", "two\nlines")


async def test_brief_of_the_selected_contact(demo_store, make_app, tmp_path):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        contact = app.screen.contact
        open_transfer(app, "export", "markdown", contact)
        await pilot.pause()
        out = tmp_path / "brief.md"
        await run_dialog(app, pilot, out)
        assert isinstance(app.screen, MainScreen)
    assert out.read_text(encoding="utf-8").startswith(f"# Interview brief: {contact.name}\n")


async def test_escape_cancels_a_running_import_and_writes_nothing(
    demo_store, make_app, data_file, tmp_path, monkeypatch
):
    from infocoach.exchange import importers
    from infocoach.tui.dialogs import transfer_dialog as dialog_module

    before = data_file.read_bytes()
    reached = threading.Event()

    def slow_import(store, kind, path, progress):
        def held(done: int, total: int) -> None:
            """The first row is in: wait there until escape has cancelled the worker (a
            few seconds at most, so a failure is quick), then go on as the real one does."""
            if not reached.is_set():
                reached.set()
                deadline = time.monotonic() + 10
                while not get_current_worker().is_cancelled and time.monotonic() < deadline:
                    time.sleep(0.01)
            progress(done, total)

        records = importers.read(kind, path).records
        return store.import_contacts(records, held)

    monkeypatch.setattr(dialog_module.operations, "import_file", slow_import)
    csv_path = write_connections(tmp_path / "some.csv", 50)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        open_transfer(app, "import", "linkedin")
        await pilot.pause()
        app.screen.query_one("#transfer-path", Input).value = str(csv_path)
        await pilot.press("enter")
        while not reached.is_set():
            await pilot.pause(0.01)
        await pilot.press("escape")  # cancels the worker; the import stops at its next step
        for _ in range(200):
            if isinstance(app.screen, MainScreen):
                break
            await pilot.pause(0.02)
        assert isinstance(app.screen, MainScreen)
        assert not any("some.csv" in t for t in toasts(app))
    assert data_file.read_bytes() == before


async def test_export_refuses_a_link_planted_at_its_path(store, make_app, tmp_path):
    """#25: someone who can write to the folder plants a link to her `~/.bashrc` where the
    export goes; the dialog says so and the file the link points to keeps its bytes."""
    bashrc = tmp_path / ".bashrc"
    bashrc.write_bytes(b"alias ll='ls -l'\n")
    out = tmp_path / "shared" / "contacts.csv"
    out.parent.mkdir()
    out.symlink_to(bashrc)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        open_transfer(app, "export", "csv")
        await pilot.pause()
        dialog = await run_dialog(app, pilot, out)
        assert app.screen is dialog
        error = str(dialog.query_one("#transfer-error", Static).render())
        assert error.startswith(f"cannot write {out}: it is a symbolic link (to {bashrc})")
    assert bashrc.read_bytes() == b"alias ll='ls -l'\n" and out.is_symlink()
