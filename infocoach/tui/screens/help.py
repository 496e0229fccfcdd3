"""The help screen: packaged Markdown, with the key tables filled from the action table."""

from __future__ import annotations

from importlib.resources import files

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from infocoach.tui import actions


def help_source() -> str:
    """The packaged Markdown: prose, with a `{{keys …}}` mark where each key table goes."""
    return files("infocoach.tui").joinpath("help.md").read_text(encoding="utf-8")


def help_text() -> str:
    """The help as shown: the key tables come from the action table."""
    return actions.fill_help(help_source())


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90; max-width: 100%; height: 90%; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS = actions.bindings("help", quit=True)

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown  # markdown-it is slow to import: only when asked

        with VerticalScroll() as box:
            box.border_title = "Help"
            box.border_subtitle = "escape to close"
            yield Markdown(help_text())

    def action_close(self) -> None:
        self.dismiss(None)
