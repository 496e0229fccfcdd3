"""Import and export from the command palette: opens the transfer dialog over the main screen,
then shows the summary toast and the refreshed list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from infocoach.tui.dialogs.transfer import Mode, TransferDialog, TransferDone

if TYPE_CHECKING:
    from infocoach.tui.screens.main import MainScreen


def open_transfer(screen: MainScreen, mode: Mode, kind: str) -> None:
    """Push the dialog over the main screen; afterwards, the toast and the refreshed list."""

    def finished(done: TransferDone | None) -> None:
        if done is None:
            return
        if done.changed:
            screen._reload_contacts(screen.contact.id if screen.contact else None)
        severity = "warning" if done.warning else "information"
        title = "Import" if mode == "import" else "Export"
        screen.notify(done.message, title=title, severity=severity, markup=False, timeout=12)

    screen.app.push_screen(TransferDialog(mode, kind, screen.contact), finished)


def transfer_commands(screen: MainScreen) -> Iterator[SystemCommand]:
    yield SystemCommand(
        "Import LinkedIn connections…",
        "Add contacts from LinkedIn's Connections.csv",
        lambda: open_transfer(screen, "import", "linkedin"),
    )
    yield SystemCommand(
        "Import vCard…",
        "Add contacts from a .vcf file (vCard 2.1, 3.0 or 4.0)",
        lambda: open_transfer(screen, "import", "vcard"),
    )
    yield SystemCommand(
        "Export…",
        "CSV, vCard, iCalendar, a JSON backup, or a brief of the selected contact",
        lambda: open_transfer(screen, "export", "csv"),
    )
