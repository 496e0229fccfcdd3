"""Import from and export to files: a small dialog with a path, a format and a progress bar;
the work runs in a thread worker and ends in a summary toast (see `flows.open_transfer`).

A failure is shown in the dialog and writes nothing (an import is one transaction).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static
from textual.worker import get_current_worker

from infocoach.core.imports import ROW_CONVENTION
from infocoach.core.models import Contact, InvalidInput
from infocoach.core.text import file_slug
from infocoach.data.settings import SettingsError
from infocoach.data.storage import DataFileError, DataWriteError
from infocoach.exchange import operations
from infocoach.exchange.importers import ImportFileError
from infocoach.tui import actions
from infocoach.tui.dialogs.base import Dialog

if TYPE_CHECKING:
    from infocoach.tui.app import InfoCoachApp

Mode = Literal["import", "export"]
IMPORT_CHOICES = [
    ("LinkedIn connections (Connections.csv)", "linkedin"),
    ("vCard file (.vcf)", "vcard"),
]
EXPORT_CHOICES = [
    ("CSV: every field of every contact", "csv"),
    ("vCard 3.0: for address books and phones", "vcard"),
    ("iCalendar: meetings and agenda items", "ics"),
    ("JSON: a full backup (infocoach restore)", "json"),
]
BRIEF_CHOICE = ("Markdown: interview brief of the selected contact", "markdown")
TOAST_REJECTIONS = 3


@dataclass(frozen=True)
class TransferDone:
    """What the dialog did: a summary for the toast, and whether contacts were added."""

    message: str
    changed: bool = False
    warning: bool = False


class ImportProgress(Message):
    """How far an import is (posted from the worker thread)."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class _Cancelled(Exception):
    pass


class TransferDialog(Dialog[TransferDone | None]):
    app: InfoCoachApp

    DEFAULT_CSS = """
    TransferDialog > #dialog-box { width: 80; }
    TransferDialog Label { color: $text-muted; margin-top: 1; }
    TransferDialog #transfer-progress { margin-top: 1; display: none; }
    TransferDialog.-running #transfer-progress { display: block; }
    TransferDialog #transfer-error { margin-top: 1; display: none; }
    TransferDialog .hint { margin-top: 1; }
    """

    BINDINGS = actions.bindings("transfer")
    AUTO_FOCUS = "#transfer-path"

    def __init__(self, mode: Mode, kind: str, contact: Contact | None = None) -> None:
        super().__init__()
        self.mode: Mode = mode
        self.contact = contact
        self.kind = (
            kind if kind in {value for _, value in self._choices()} else self._choices()[0][1]
        )
        self._suggested = ""

    # -- layout -------------------------------------------------------------------------------

    def _choices(self) -> list[tuple[str, str]]:
        if self.mode == "import":
            return IMPORT_CHOICES
        return EXPORT_CHOICES + ([BRIEF_CHOICE] if self.contact else [])

    def _suggest(self, fmt: str) -> str:
        if fmt == "markdown" and self.contact is not None:
            name = f"brief-{file_slug(self.contact.name)}.md"
        else:
            name = f"infocoach-export{operations.SUFFIXES[fmt]}"
        return str(Path.cwd() / name)

    def box_title(self) -> str:
        return "Import contacts" if self.mode == "import" else "Export"

    def compose_body(self) -> ComposeResult:
        importing = self.mode == "import"
        yield Label("File to import" if importing else "Write to file")
        self._suggested = "" if importing else self._suggest(self.kind)
        yield Input(
            self._suggested,
            placeholder="path to Connections.csv or a .vcf file" if importing else "",
            id="transfer-path",
        )
        yield Label("Format")
        yield Select(self._choices(), value=self.kind, allow_blank=False, id="transfer-format")
        yield ProgressBar(id="transfer-progress", show_eta=False)
        yield Static("", id="transfer-error", classes="error", markup=False)
        with Horizontal(classes="buttons"):
            yield Button("Import" if importing else "Export", variant="primary", id="run")
            yield Button("Cancel", id="cancel")
        hint = (
            "Duplicates (same LinkedIn URL, else same name and company) are skipped."
            if importing
            else "The file is replaced in one step; nothing is half-written."
        )
        yield Static(hint + "\nenter runs it", classes="hint", markup=False)

    def on_mount(self) -> None:
        self._bar = self.query_one(ProgressBar)

    @on(Select.Changed, "#transfer-format")
    def _format_changed(self, event: Select.Changed) -> None:
        if self.mode == "export" and isinstance(event.value, str):
            path = self.query_one("#transfer-path", Input)
            if path.value == self._suggested:  # not edited by hand: follow the format
                self._suggested = path.value = self._suggest(event.value)

    # -- running ------------------------------------------------------------------------------

    @on(Input.Submitted, "#transfer-path")
    @on(Button.Pressed, "#run")
    def start(self) -> None:
        if self.has_class("-running"):
            return
        text = self.query_one("#transfer-path", Input).value.strip()
        if not text:
            self._show_error("Type the path of a file first.")
            return
        fmt = self.query_one("#transfer-format", Select).value
        self._show_error("")
        self.add_class("-running")
        for widget in self.query("Input, Select, #run"):
            widget.disabled = True
        self._bar.update(total=None, progress=0)
        self._run(str(fmt), Path(text).expanduser())

    @work(thread=True, exclusive=True, group="transfer", exit_on_error=False)
    def _run(self, fmt: str, path: Path) -> None:
        try:
            done = self._import(fmt, path) if self.mode == "import" else self._export(fmt, path)
        except _Cancelled:
            self.app.call_from_thread(self._finish, None)
        except ImportFileError as error:
            self.app.call_from_thread(self._failed, f"{path}: {error}")
        except InvalidInput as error:
            self.app.call_from_thread(self._failed, "; ".join(error.problems.values()))
        except (operations.TransferError, DataWriteError, DataFileError, SettingsError) as error:
            self.app.call_from_thread(self._failed, str(error))
        except Exception as error:  # shown, never lost: the worker must not fail silently
            self.app.call_from_thread(self._failed, f"{type(error).__name__}: {error}")
        else:
            self.app.call_from_thread(self._finish, done)

    def _finish(self, done: TransferDone | None) -> None:
        self.dismiss(done)

    def _progress(self, done: int, total: int) -> None:
        """Called by the store from the worker thread; cancelling stops (and undoes) it.

        The store holds its lock meanwhile, and the UI thread may be waiting for that lock:
        so this only posts a message (never `call_from_thread`, which would wait for the UI
        thread and freeze both)."""
        if get_current_worker().is_cancelled:
            raise _Cancelled
        self.post_message(ImportProgress(done, total))

    @on(ImportProgress)
    def _show_progress(self, event: ImportProgress) -> None:
        self._bar.update(total=event.total, progress=event.done)

    def _import(self, kind: str, path: Path) -> TransferDone:
        result = operations.import_file(self.app.store, kind, path, self._progress)
        lines = [f"{path.name}: {result.summary()}"]
        lines += [str(rejection) for rejection in result.rejected[:TOAST_REJECTIONS]]
        if len(result.rejected) > TOAST_REJECTIONS:
            lines.append(f"… and {len(result.rejected) - TOAST_REJECTIONS} more rejected rows")
        if result.rejected:
            lines.append(f"({ROW_CONVENTION})")
        return TransferDone("\n".join(lines), bool(result.added), bool(result.rejected))

    def _export(self, fmt: str, path: Path) -> TransferDone:
        payload = operations.export(
            self.app.store,
            fmt,
            content=self.app.guidance,
            settings=self.app.settings,
            contact=self.contact if fmt == "markdown" else None,
        )
        operations.write_export(path, payload)
        return TransferDone(f"Exported {fmt} to {path}")

    def _failed(self, message: str) -> None:
        self.remove_class("-running")
        for widget in self.query("Input, Select, #run"):
            widget.disabled = False
        self._show_error(message)
        self.query_one("#transfer-path", Input).focus()

    def _show_error(self, message: str) -> None:
        error = self.query_one("#transfer-error", Static)
        error.update(message)
        error.display = bool(message)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_close()

    def cancel(self) -> None:
        """Close; a running import is cancelled and leaves the data as it was."""
        if self.has_class("-running"):
            self.workers.cancel_group(self, "transfer")
            return  # the worker dismisses once it has stopped
        self.dismiss(None)
