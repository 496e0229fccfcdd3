"""The help screen: every key, from packaged Markdown."""

from __future__ import annotations

from importlib.resources import files

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from infocoach.tui.screens.keys import QUIT


def help_text() -> str:
    return files("infocoach.tui").joinpath("help.md").read_text(encoding="utf-8")


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90; max-width: 100%; height: 90%; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS = [Binding("escape,question_mark,f1", "close", "Close"), QUIT]

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown  # markdown-it is slow to import: only when asked

        with VerticalScroll() as box:
            box.border_title = "Help"
            box.border_subtitle = "escape to close"
            yield Markdown(help_text())

    def action_close(self) -> None:
        self.dismiss(None)
