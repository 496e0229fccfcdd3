"""The Textual app: loads settings, applies the theme, opens the main screen."""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import replace
from typing import Any

from textual import events, on
from textual.app import App, SystemCommand
from textual.markup import escape
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
from infocoach.data.store import Store, Undo
from infocoach.data.writer import SaveState
from infocoach.guidance.records import Guidance
from infocoach.tui import actions
from infocoach.tui.messages import EVERYTHING, announce
from infocoach.tui.screens.main import MainScreen

QUIT_QUESTION_ID = "quit-question"
UNDO_DEPTH = 50  # how many changes `u` can take back, newest first
# The terminal closed, or the system asks to stop: typed text is saved first.
CLOSING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class SaveStateChanged(Message):
    """The writer thread finished a save (or failed one): posted from that thread."""

    def __init__(self, state: SaveState) -> None:
        super().__init__()
        self.state = state


class InfoCoachApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "infocoach"
    # Not priority bindings: a focused text field takes the key first, so `q` can be typed.
    BINDINGS = actions.bindings("app")
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
        self._undos: list[Undo] = []
        try:
            self.settings = load_settings() if remember_settings else Settings()
        except SettingsError as error:
            self.settings = Settings()
            self._settings_problem = str(error)
            self._remember_settings = False

    def on_mount(self) -> None:
        self.store.save_in_background(self._post_save_state)
        with suppress(ValueError, RuntimeError, NotImplementedError):  # not the main thread
            loop = asyncio.get_running_loop()
            for closing in CLOSING_SIGNALS:
                loop.add_signal_handler(closing, self.save_everything_and_exit)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(MainScreen())
        self.tell_merged(self.store.take_merged())
        for problem in (*self.guidance.warnings, self._settings_problem):
            if problem:
                self.notify(problem, title="Content", severity="warning", markup=False, timeout=20)

    # -- saving: off the UI thread, and nothing lost on the way out ------------------------

    def _post_save_state(self, state: SaveState) -> None:
        """Called on the writer thread: `post_message` is the thread-safe way in."""
        self.post_message(SaveStateChanged(state))

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
        self.tell_dropped(state.dropped)
        if state.error is not None and before is None:
            elsewhere = (
                " To keep them in another file: ctrl+p, Export, JSON (a full backup)."
                if isinstance(state.error, DataFileError)
                else ""
            )
            self.notify(
                f"{state.error} Your changes are kept here; ctrl+r tries again.{elsewhere}",
                title="Not saved", severity="error", markup=False, timeout=30,
            )  # fmt: skip
        elif state.error is None and before is not None:
            self.notify("Saved.", markup=False)
        if self._quitting and state.unsaved == 0:
            self.exit()

    def why_not(self, action: actions.Action) -> str | None:
        if action.needs is actions.NEEDS_FAILED_SAVE and self._save_error is None:
            return "Nothing to try again: every change is saved."
        if action.needs is actions.NEEDS_UNDO and not self._undos:
            return "Nothing to undo yet."
        return None

    # -- undo -------------------------------------------------------------------------------

    def did(self, undo: Undo, said: str) -> None:
        """A change that can be taken back: the toast says what happened and offers undo (a
        click on its Undo, or the key, which also works after the toast is gone)."""
        self._undos = [*self._undos[-(UNDO_DEPTH - 1) :], undo]
        key = actions.keys_text(actions.action("app.undo"))
        self.notify(
            f"{escape(said)} [@click=app.undo][u]Undo[/u][/] (or {escape(key)})", timeout=10
        )
        self.refresh_bindings()

    def action_undo(self) -> None:
        if not self._undos:
            self.notify(self.why_not(actions.action("app.undo")) or "", severity="warning")
            return
        undo = self._undos.pop()
        self.store.undo(undo)
        contact_ids = undo.contact_ids()
        announce(self, *EVERYTHING, contact_id=contact_ids[0] if contact_ids else None,
                 select=bool(contact_ids))  # fmt: skip
        self.notify(f"Undone: {undo.label}.", markup=False)
        self.refresh_bindings()

    def tell_dropped(self, reasons: Iterable[str]) -> None:
        """Changes given up because another window or the command line changed the same data
        first: never dropped silently."""
        for reason in reasons:
            self.notify(
                f"A change made here no longer applied after changes saved elsewhere: {reason}",
                title="Not saved", severity="warning", markup=False, timeout=30,
            )  # fmt: skip

    def tell_merged(self, lines: Iterable[str]) -> None:
        """What was merged from a sync tool's conflict copies (two machines' changes made
        one), or why a copy was not: never done silently."""
        for line in lines:
            self.notify(line, title="Merged", markup=False, timeout=30)

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

    def save_everything_and_exit(self) -> None:
        """The terminal was closed (SIGHUP) or the system asks infocoach to stop (SIGTERM):
        keep what is typed on every open screen, save it, then go."""
        for screen in self.screen_stack:
            keep = getattr(screen, "keep_typed_text", None)
            if keep is not None:
                keep()
        self.store.retry_saving()
        self.store.wait_until_saved(self.WAIT_FOR_SAVES_SECONDS)
        self.exit()

    def on_unmount(self) -> None:
        with suppress(ValueError, RuntimeError, NotImplementedError):
            loop = asyncio.get_running_loop()
            for closing in CLOSING_SIGNALS:
                loop.remove_signal_handler(closing)
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

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return actions.check(self, actions.find("app", action))

    def on_key(self, event: events.Key) -> None:
        """A key of an action shown disabled says why, in one line (and does nothing else)."""
        actions.explain_disabled(self.screen, event)

    def action_quit_app(self) -> None:
        """`q` asks first, so the q of a word typed by mistake ("questions") never ends the
        session; ctrl+q quits at once."""
        from infocoach.tui.dialogs.confirm import ConfirmDialog

        if self.screen.id == QUIT_QUESTION_ID:
            return

        def answered(quit: bool | None) -> None:
            if quit:
                self.call_later(self.action_quit)

        question = ConfirmDialog(
            "Quit infocoach? (ctrl+q quits without asking)",
            yes="Quit", no="Stay", danger=False, id=QUIT_QUESTION_ID,
        )  # fmt: skip
        self.push_screen(question, answered)

    def action_help(self) -> None:
        from infocoach.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette: the actions of the screen and of the app that can run now."""
        yield from actions.palette(screen)
        yield from super().get_system_commands(screen)
