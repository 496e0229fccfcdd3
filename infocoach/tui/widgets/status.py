"""The status line: the place of the app's notices, one row above the footer on every screen.

A notice never floats over what she reads (the Timer's script, the agenda's details, her notes
in a call): it takes this line of its own, which keeps the latest (with its time, and its
severity as a word) until the next, where a screen reader can find it. An Undo in the notice
is a link here too; `u` works anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from textual.content import Content
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
    shown: Content | None = None  # as drawn, with its links (Undo); `text` when None

    def heading(self) -> str:
        heading = " · ".join(
            part for part in (SEVERITY_WORDS.get(self.severity, ""), self.title) if part
        )
        return f"{self.at:%H:%M} {heading + ': ' if heading else ''}"

    def line(self) -> str:
        return self.heading() + self.text

    def content(self, width: int | None = None) -> Content:
        """The line as drawn in `width` cells: its links act (a click on Undo takes the
        change back), and a link at its end stays in view, the words before it cut short."""
        shown = Content(self.text) if self.shown is None else self.shown
        one_line = Content(" ").join(line.rstrip() for line in shown.split() if line.plain.strip())
        line = Content.assemble(self.heading(), one_line)
        if width is None or line.cell_length <= width:
            return line
        link = min((s.start for s in line.spans if str(s.style).startswith("@click")), default=None)
        if link is None:
            return line  # cut with "…" at the end (text-overflow)
        offer = line[link:]
        words = line[:link].rstrip().truncate(max(1, width - offer.cell_length - 1), ellipsis=True)
        return Content.assemble(words, " ", offer)


class StatusLine(Static):
    """One line at the foot of a screen with the app's latest notice."""

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
        self._entry: StatusEntry | None = None

    def on_mount(self) -> None:
        self.app.status_said.subscribe(self, self.show_entry)
        if self.app.latest_status is not None:
            self.show_entry(self.app.latest_status)

    def render(self) -> Content:
        if self._entry is None:
            return Content("")
        return self._entry.content(self.content_region.width)

    def show_entry(self, entry: StatusEntry) -> None:
        self._entry = entry
        self.refresh()
        self.set_class(entry.severity == "warning", "-warning")
        self.set_class(entry.severity == "error", "-error")
