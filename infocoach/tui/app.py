"""The Textual app: loads settings, applies the theme, opens the main screen."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import replace

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
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
from infocoach.data.storage import DataFileError, DataWriteError
from infocoach.data.store import Store
from infocoach.data.writer import SaveState
from infocoach.guidance.records import Guidance
from infocoach.tui.screens.main import MainScreen
from infocoach.tui.widgets.timer import TimerPane


class SaveStateChanged(Message):
    """The writer thread finished a save (or failed one): posted from that thread."""

    def __init__(self, state: SaveState) -> None:
        super().__init__()
        self.state = state


class InfoCoachApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "infocoach"
    # Not a priority binding: a focused text field takes the key first, so `q` can be typed.
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+r", "retry_save", "Retry saving", show=False, id="app.retry_save"),
    ]
    WAIT_FOR_SAVES_SECONDS = 30.0

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
        self._save_error: DataWriteError | DataFileError | None = None
        self._quitting = False
        try:
            self.settings = load_settings() if remember_settings else Settings()
        except SettingsError as error:
            self.settings = Settings()
            self._settings_problem = str(error)
            self._remember_settings = False

    def on_mount(self) -> None:
        self.store.save_in_background(lambda state: self.post_message(SaveStateChanged(state)))
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(MainScreen())
        for problem in (*self.guidance.warnings, self._settings_problem):
            if problem:
                self.notify(problem, title="Content", severity="warning", markup=False, timeout=20)

    # -- saving: off the UI thread, and nothing lost on the way out ------------------------

    def _show_save_state(self, unsaved: int) -> None:
        """The title carries the marker: the screens' subtitles name the contact."""
        if self._save_error is not None:
            self.title = f"{self.TITLE} · ⚠ not saved"
        else:
            self.title = f"{self.TITLE} · saving…" if unsaved else self.TITLE

    @on(SaveStateChanged)
    def _save_state_changed(self, event: SaveStateChanged) -> None:
        state, before = event.state, self._save_error
        if not state.finished:
            self._show_save_state(state.unsaved)
            return
        self._save_error = state.error
        self._show_save_state(state.unsaved)
        if state.error is not None and before is None:
            self.notify(
                f"{state.error} Your changes are kept here; ctrl+r tries again.",
                title="Not saved", severity="error", markup=False, timeout=30,
            )  # fmt: skip
        elif state.error is None and before is not None:
            self.notify("Saved.", markup=False)
        if self._quitting and state.unsaved == 0:
            self.exit()

    def action_retry_save(self) -> None:
        self.store.retry_saving()

    async def action_quit(self) -> None:
        """Quit once every change is on disk ("saving…" meanwhile); asked twice with a save
        that keeps failing, quit anyway."""
        if not self.store.unsaved or (self._quitting and self._save_error is not None):
            self.exit()
            return
        self._quitting = True
        self._show_save_state(self.store.unsaved)
        self.store.retry_saving()
        if self._save_error is not None:
            self.notify(
                f"{self.store.unsaved} change(s) are not saved yet. ctrl+r tries again; "
                "quit again to leave without them.",
                title="Not saved", severity="error", markup=False, timeout=30,
            )  # fmt: skip

    def on_unmount(self) -> None:
        self.store.wait_until_saved(self.WAIT_FOR_SAVES_SECONDS)

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

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if isinstance(screen, MainScreen):
            yield SystemCommand("Add contact", "Add a new contact (a)", screen.action_add_contact)
            yield SystemCommand("Edit contact", "Edit the selected contact (e)",
                                screen.action_edit_contact)  # fmt: skip
            yield SystemCommand("Delete contact", "Delete the selected contact (d)",
                                screen.action_delete_contact)  # fmt: skip
            yield SystemCommand("Filter contacts", "Filter the contact list (/)",
                                screen.action_filter)  # fmt: skip
            yield SystemCommand("Add my own question", "Add a question to the bank (n)",
                                screen.action_own_question)  # fmt: skip
            yield SystemCommand("Start or stop a rehearsal",
                                "Read the script aloud with the paced teleprompter (t)",
                                screen.action_toggle_timer)  # fmt: skip
            yield SystemCommand("Call mode", "One calm screen for the call with the selected "
                                "contact (c)", screen.action_call_mode)  # fmt: skip
            yield SystemCommand("Role-play drill", "Practise answering a hard moment aloud (p)",
                                screen.action_drill)  # fmt: skip
            timer = screen.query_one(TimerPane)
            yield SystemCommand("Slower teleprompter", "10 words a minute slower ([ in Timer)",
                                lambda: timer.action_pace(-1))  # fmt: skip
            yield SystemCommand("Faster teleprompter", "10 words a minute faster (] in Timer)",
                                lambda: timer.action_pace(1))  # fmt: skip
            from infocoach.tui.screens.followup import followup_commands

            yield from followup_commands(screen)
            yield SystemCommand("Insights", "Your progress, and what the interviews taught (i)",
                                screen.action_insights)  # fmt: skip
            yield SystemCommand("Open guide", "Quick-reference cards (g)", screen.action_guide)
            yield SystemCommand("Help", "Every key (?)", screen.action_help)
            from infocoach.tui.screens.transfer import transfer_commands

            yield from transfer_commands(screen)
        from infocoach.tui.screens.call import call_commands

        yield from call_commands(screen)
        yield SystemCommand("Switch light / dark", "Toggle between the light and dark theme",
                            self.action_toggle_dark)  # fmt: skip
        yield from super().get_system_commands(screen)
