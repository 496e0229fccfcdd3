"""Bindings shared by several screens, from the action table (`infocoach.tui.actions`)."""

from infocoach.tui.actions import app_binding

# Modal screens do not pass keys on to the app's bindings, so each overlay carries its own.
QUIT = app_binding("app.quit", show=False)
