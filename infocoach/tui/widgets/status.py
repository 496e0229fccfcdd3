"""The status line: what the last toast said, kept on screen after the toast has gone.

A toast passes in seconds and a screen reader may never reach it; the status line keeps the
latest message (with its time, and its severity as a word), so nothing important exists only
as a passing toast.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from textual.widgets import Static

if TYPE_CHECKING:
    from infocoach.tui.app import InfoCoachApp

SEVERITY_WORDS = {"warning": "Warning", "error": "Error"}


@dataclass(frozen=True)
class StatusEntry:
    at: datetime
    severity: str
    title: str
    text: str  # plain text, one line

    def line(self) -> str:
        heading = " · ".join(
            part for part in (SEVERITY_WORDS.get(self.severity, ""), self.title) if part
        )
        return f"{self.at:%H:%M} {heading + ': ' if heading else ''}{self.text}"


class StatusLine(Static):
    """One line at the foot of a screen with the app's latest status message."""

    app: InfoCoachApp

    DEFAULT_CSS = """
    StatusLine {
        height: 1; padding: 0 1; color: $text-muted; background: $surface;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    StatusLine.-warning { color: $text-warning; }
    StatusLine.-error { color: $text-error; }
    """

    def __init__(self) -> None:
        super().__init__("", markup=False, id="status-line")

    def on_mount(self) -> None:
        self.app.status_said.subscribe(self, self.show_entry)
        if self.app.latest_status is not None:
            self.show_entry(self.app.latest_status)

    def show_entry(self, entry: StatusEntry) -> None:
        self.update(entry.line())
        self.set_class(entry.severity == "warning", "-warning")
        self.set_class(entry.severity == "error", "-error")
