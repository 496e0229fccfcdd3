"""Bindings shared by several screens."""

from textual.binding import Binding

# Modal screens do not pass keys on to the app's bindings, so each overlay carries its own.
QUIT = Binding("q", "app.quit", "Quit", show=False)
