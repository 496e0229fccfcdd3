"""The Textual app: loads settings, applies the theme, opens the main screen."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import replace

from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.theme import Theme

from infocoach.data.settings import (
    DARK_THEME,
    LIGHT_THEME,
    Settings,
    SettingsError,
    load_settings,
    save_settings,
)
from infocoach.data.store import Store
from infocoach.guidance.records import Guidance
from infocoach.tui import actions
from infocoach.tui.screens.main import MainScreen


class InfoCoachApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "infocoach"
    # Not priority bindings: a focused text field takes the key first, so `q` can be typed.
    BINDINGS = actions.bindings("app")

    def __init__(
        self,
        store: Store,
        guidance: Guidance,
        *,
        clock: Callable[[], float] = time.monotonic,
        remember_settings: bool = True,
    ) -> None:
        super().__init__()
        self.store = store
        self.guidance = guidance
        self.clock = clock
        self._remember_settings = remember_settings
        self._settings_problem = ""
        try:
            self.settings = load_settings() if remember_settings else Settings()
        except SettingsError as error:
            self.settings = Settings()
            self._settings_problem = str(error)
            self._remember_settings = False

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(MainScreen())
        for problem in (*self.guidance.warnings, self._settings_problem):
            if problem:
                self.notify(problem, title="Content", severity="warning", markup=False, timeout=20)

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name == self.settings.theme:
            return
        self.settings = Settings(**{**self.settings.__dict__, "theme": theme.name})
        if self._remember_settings:
            try:
                save_settings(self.settings)
            except OSError as error:
                self.notify(f"Could not save the theme choice: {error}", markup=False)

    def change_settings(self, **changes: object) -> None:
        """Apply and remember settings such as `pace_wpm=150` or `call_bell=False`."""
        self.settings = replace(self.settings, **changes)  # type: ignore[arg-type]
        if self._remember_settings:
            try:
                save_settings(self.settings)
            except OSError as error:
                self.notify(f"Could not save the settings: {error}", markup=False)

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return actions.check(self, actions.find("app", action))

    def on_key(self, event: events.Key) -> None:
        """A key of an action shown disabled says why, in one line (and does nothing else)."""
        actions.explain_disabled(self.screen, event)

    async def action_quit_app(self) -> None:
        await self.action_quit()

    def action_help(self) -> None:
        from infocoach.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette: the actions of the screen and of the app that can run now."""
        yield from actions.palette(screen)
        yield from super().get_system_commands(screen)
