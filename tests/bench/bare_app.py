"""The bare Textual app the benchmark compares infocoach with: a Header, a Static, a Footer.

python tests/bench/bare_app.py   (quit with ctrl+q)
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

TEXT = "A bare Textual app for the infocoach benchmark."


class BareApp(App[None]):
    TITLE = "bare"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(TEXT)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
