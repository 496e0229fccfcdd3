"""Import and export from the command palette: opens the transfer dialog over the main screen,
then shows the summary toast and the refreshed list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from infocoach.core.models import Contact
from infocoach.tui.dialogs.transfer import Mode, TransferDialog, TransferDone
from infocoach.tui.messages import CONTACTS, EVENTS, announce

if TYPE_CHECKING:
    from infocoach.tui.app import InfoCoachApp


def open_transfer(app: InfoCoachApp, mode: Mode, kind: str, contact: Contact | None = None) -> None:
    """Push the dialog (an export may include the brief of `contact`); afterwards, the toast,
    and a `DataChanged` when contacts were added."""

    def finished(done: TransferDone | None) -> None:
        if done is None:
            return
        if done.changed:
            announce(app, CONTACTS, EVENTS)
        title = "Import" if mode == "import" else "Export"
        app.notify(done.message, title=title, markup=False, timeout=12,
                   severity="warning" if done.warning else "information")  # fmt: skip

    app.push_screen(TransferDialog(mode, kind, contact), finished)
