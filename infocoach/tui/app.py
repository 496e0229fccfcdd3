"""The Textual app: loads settings, applies the theme, opens the main screen."""

from __future__ import annotations

import asyncio
import functools
import gc
import os
import shutil
import subprocess
import time
from collections import deque
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.content import Content
from textual.driver import Driver
from textual.markup import MarkupError, escape
from textual.message import Message
from textual.notifications import Notification, Notify, SeverityLevel
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import Theme
from textual.widgets import Input, TextArea

from infocoach.core.text import number_words
from infocoach.data.first_screen import FirstScreen, StoreToOpen, write_first_screen
from infocoach.data.repositories import Store, Undo
from infocoach.data.settings import (
    DARK_THEME,
    LIGHT_THEME,
    Settings,
    SettingsError,
    load_settings,
    save_settings,
)
from infocoach.data.storage import DataFileError, DataWriteError
from infocoach.data.writer import SaveState
from infocoach.exchange import audio
from infocoach.guidance.records import Guidance
from infocoach.tui import actions, textual_private
from infocoach.tui.closing import Closing, TerminalDriver
from infocoach.tui.dialogs.confirm import ConfirmDialog
from infocoach.tui.keymap import Keymap, load_keymap
from infocoach.tui.messages import EVERYTHING, announce
from infocoach.tui.screens.main import MainScreen
from infocoach.tui.themes import HIGH_CONTRAST
from infocoach.tui.widgets.status import StatusEntry

QUIT_QUESTION_ID = "quit-question"
SPEECH_COMMAND = "espeak-ng"
CALLS_A_DAY_CHOICES = 3  # the palette cycles the calls-a-day limit through 1, 2 and 3
TYPING_CATCH_UP_SECONDS = 1.0  # the longest a save key waits for the letters typed before it
# Textual's keys that move the focus (its Screen's bindings), as the screen methods they run.
FOCUS_KEYS: dict[str, Callable[[Screen[Any]], object]] = {
    "tab": Screen.focus_next,
    "shift+tab": Screen.focus_previous,
}
# A notice given this long or longer is about the app (a keymap problem, a call left open), not
# about the moment: it is a toast as well as a line on the status line.
LASTING_TOAST_SECONDS = 20
SAID_KEPT = 500
UNDO_DEPTH = 50  # how many changes `u` can take back, newest first
FRAME_POLL_SECONDS = 0.005
MAX_CONTENT_NOTES = 5  # notes at start about her content files; `infocoach doctor` lists all


class SaveStateChanged(Message):
    """The writer thread finished a save (or failed one): posted from that thread."""

    def __init__(self, state: SaveState) -> None:
        super().__init__()
        self.state = state


class StatusSaid(Message):
    """A notification was shown (`notify` may be called from any thread)."""

    def __init__(self, entry: StatusEntry) -> None:
        super().__init__()
        self.entry = entry


class InfoCoachApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "infocoach"
    # Not priority bindings: a focused text field takes the key first, so `q` can be typed.
    BINDINGS = actions.bindings("app")
    WAIT_FOR_SAVES_SECONDS = 30.0

    def __init__(
        self,
        store: Store | StoreToOpen,
        guidance: Guidance,
        *,
        clock: Callable[[], float] = time.monotonic,
        remember_settings: bool = True,
        ends_process: bool = False,
        microphone: Callable[[], audio.Microphone] = audio.LiveMicrophone,
    ) -> None:
        """`ends_process`: the app is the process (the command line), which it ends, whatever
        its UI thread does, when the terminal goes away or on SIGTERM (see `tui.closing`).
        `microphone` makes what a listening rehearsal hears (a recording played, in tests).
        A `StoreToOpen` is read once the first screen (kept beside it) is drawn, or at the
        first thing that needs it, whichever comes first (see `store`)."""
        if os.environ.get("NO_COLOR") == "":
            # The NO_COLOR convention: set *and not empty*; Textual takes it when merely set.
            del os.environ["NO_COLOR"]
        super().__init__()
        self._to_open = store if isinstance(store, StoreToOpen) else None
        self._store = None if isinstance(store, StoreToOpen) else store
        # why the data file could not be read after the first screen (the app then exits)
        self.open_error: DataFileError | DataWriteError | None = None
        self._started = asyncio.Event()  # Textual's start-up is over (`on_ready`)
        self.guidance = guidance
        self.clock = clock
        self.microphone = microphone
        self._remember_settings = remember_settings
        self._settings_problem = ""
        self._save_error: DataWriteError | DataFileError | None = None
        self._quitting = False
        self._ends_process = ends_process
        self.closing = Closing(lambda: self._store, self.save_everything_and_exit)
        self._undos: list[Undo] = []
        # what to say once a change has landed: (the change's number, saying it)
        self._once_saved: list[tuple[int, Callable[[], None]]] = []
        self.latest_status: StatusEntry | None = None
        # Every notice of this session, oldest first (the last SAID_KEPT): the record of what
        # the app told her, as plain text
        self.said: deque[StatusEntry] = deque(maxlen=SAID_KEPT)
        self.status_said: Signal[StatusEntry] = Signal(self, "status-said")
        self.keymap = load_keymap() if remember_settings else Keymap({}, ())
        actions.use_keymap(self.keymap.keys)
        try:
            self.settings = load_settings() if remember_settings else Settings()
        except SettingsError as error:
            self.settings = Settings()
            self._settings_problem = str(error)
            self._remember_settings = False

    @property
    def store(self) -> Store:
        """The data. When the app opened on the first screen kept beside the data file, the
        file is read at the first thing that needs it (here, on the UI thread: a key pressed
        meanwhile waits for it, and then acts on the data read)."""
        if self._store is None:
            assert self._to_open is not None
            self._store = Store(self._to_open.path)
            gc.freeze()  # as the command line does for a file read before the app (`cli.main`)
            self._data_read()
        return self._store

    @property
    def data_read(self) -> bool:
        """Whether the data file is read (it always is, but when the app quit while it still
        showed the first screen kept beside it)."""
        return self._store is not None

    @property
    def first_screen(self) -> FirstScreen | None:
        """The first screen to draw while the data file is not read yet (None once it is)."""
        return self._to_open.first_screen if self._to_open and self._store is None else None

    def read_data(self) -> bool:
        """Read the data file now, if it is not yet; False when it cannot be: the app then
        exits, and the command line says why (`open_error`), as when it is read before."""
        try:
            self.store  # noqa: B018 - reading it is the point
        except (DataFileError, DataWriteError) as error:
            self.open_error = error
            self.exit(return_code=1)
            return False
        return True

    def on_ready(self) -> None:
        self._started.set()

    async def screen_shown(self, limit: float) -> None:
        """Return once the terminal has a whole frame of the screen as it is now (at most
        `limit` seconds). Frames drawn while the app starts (in Textual's batch) are not
        written, and a frame is written by Textual's writer thread piece by piece, each
        needing the GIL: work that holds it long (reading a large file) would hold it back."""
        deadline = time.monotonic() + limit
        with suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._started.wait(), limit)
        driver = textual_private.app_driver(self)
        if not isinstance(driver, TerminalDriver):
            return
        frames = driver.frames
        self.screen.refresh()
        while driver.frames == frames or not driver.caught_up:
            if time.monotonic() > deadline:
                return
            await asyncio.sleep(FRAME_POLL_SECONDS)

    async def on_event(self, event: events.Event) -> None:
        # A key or a click acts on the data as read, never on the first screen alone.
        if self._store is None and isinstance(event, events.InputEvent) and not self.read_data():
            return
        await super().on_event(event)

    def _data_read(self) -> None:
        """The data is in memory: the writer starts, and what opening it found is said."""
        store = self.store
        store.save_in_background(self._post_save_state)
        if store.cannot_save:
            self.notify(
                store.cannot_save,
                title="Data file",
                severity="warning",
                markup=False,
                timeout=LASTING_TOAST_SECONDS,
            )
        self.tell_merged()
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.data_read()
        self.keep_first_screen(self.settings.last_contact)

    @work(thread=True, exclusive=True, group="first-screen")
    def keep_first_screen(self, selected: int) -> None:
        """Keep the first screen beside the data file, for the next start (see
        `data.first_screen`): off the UI thread, after a read and each save."""
        self._write_first_screen(selected)

    def _write_first_screen(self, selected: int) -> None:
        store = self._store
        if store is None:
            return
        found = store.as_saved(lambda: (store.contacts(), store.events_by_contact()))
        if found is not None:
            (contacts, logs), stamp = found
            write_first_screen(store.path, stamp, contacts, logs, selected or None)

    def on_mount(self) -> None:
        with suppress(ValueError):  # not the main thread: signals are not for this app
            self.closing.listen(asyncio.get_running_loop(), end_process=self._ends_process)
        self.register_theme(HIGH_CONTRAST)
        if self.settings.calm_motion:
            self.animation_level = "none"
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.set_keymap(self.keymap.keys)
        self.push_screen(MainScreen())
        if self._store is not None:  # else read after the first screen (see `store`)
            self._data_read()
        for problem in self.keymap.problems:
            self.notify(problem, title="Keys", severity="warning", markup=False, timeout=20)
        warnings = list(self.guidance.warnings)
        if len(warnings) > MAX_CONTENT_NOTES:  # each a note on the screen: a few, then a count
            more = len(warnings) - MAX_CONTENT_NOTES + 1
            warnings[MAX_CONTENT_NOTES - 1 :] = [
                f"{more:,} more problems in your content files: `infocoach doctor` lists them all"
            ]
        for problem in (*warnings, self._settings_problem):
            if problem:
                self.notify(problem, title="Content", severity="warning", markup=False, timeout=20)

    # -- notices: the status line, never over what she reads --------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice goes to the status line at the foot of the screen (one row of its own,
        above the footer), which keeps the latest; a toast would float over the script, the
        agenda's details or her notes. Only an error, a lasting notice about the app (a
        content or keymap problem at start, a call left open) and one of several lines (an
        import's rejected rows), which one line cannot hold, are toasts as well; call mode
        shows none (see app.tcss)."""
        toast = Notification(
            message,
            title,
            severity,
            self.NOTIFICATION_TIMEOUT if timeout is None else timeout,
            markup=markup,
        )
        several_lines = "\n" in message.strip()
        if severity == "error" or toast.timeout >= LASTING_TOAST_SECONDS or several_lines:
            self.post_message(Notify(toast))
        shown = Content(message)
        if markup:
            with suppress(MarkupError):  # shown as typed, as a toast falls back too
                shown = Content.from_markup(message)
        entry = StatusEntry(datetime.now(), severity, title, " ".join(shown.plain.split()), shown)
        self.said.append(entry)
        self.post_message(StatusSaid(entry))

    @on(StatusSaid)
    def _status_said(self, event: StatusSaid) -> None:
        self.latest_status = event.entry
        self.status_said.publish(event.entry)

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
        self._say_what_landed(state)
        if state.error is not None and before is None:
            elsewhere = (
                " To keep them in another file: ctrl+p, Export, JSON (a full backup)."
                if isinstance(state.error, DataFileError)
                else ""
            )
            self.notify(
                f"{state.error} Your changes are kept here; ctrl+r tries again.{elsewhere}",
                title="Not saved",
                severity="error",
                markup=False,
                timeout=30,
            )
        elif state.error is None and before is not None:
            self.notify("Saved.", markup=False)
        if state.error is None and state.unsaved == 0:
            self.keep_first_screen(self.settings.last_contact)
        if self._quitting and state.unsaved == 0:
            self.exit()

    def when_saved(self, say: Callable[[], None]) -> None:
        """Call `say` once the change just made is on disk: at once if it is already, never
        if its save fails ("Not saved" tells her then, and "Saved." once a retry lands)."""
        change = self.store.last_change
        if self.store.saved_through >= change:
            say()
        else:
            self._once_saved.append((change, say))

    def notify_once_saved(self, message: str) -> None:
        """A plain-text note that says a change is saved: shown only once it is."""
        self.when_saved(lambda: self.notify(message, markup=False))

    def _say_what_landed(self, state: SaveState) -> None:
        if state.error is not None or state.dropped:
            self._once_saved.clear()  # not saved: the error or the dropped change speaks
        landed = [say for change, say in self._once_saved if change <= state.saved_through]
        self._once_saved = [(n, say) for n, say in self._once_saved if n > state.saved_through]
        for say in landed:
            say()
        for line in state.unconfirmed:
            self.notify(
                line[:1].upper() + line[1:],
                title="Saved, unconfirmed",
                severity="warning",
                markup=False,
                timeout=30,
            )

    def why_not(self, action: actions.Action) -> str | None:
        if action.needs is actions.NEEDS_FAILED_SAVE and self._save_error is None:
            return "Nothing to try again: every change is saved."
        if action.needs is actions.NEEDS_UNDO and not self._undos:
            return "Nothing to undo yet."
        return None

    # -- undo -------------------------------------------------------------------------------

    def did(
        self,
        undo: Undo,
        said: str,
        *,
        title: str = "",
        timeout: float = 10,
        once_saved: bool = False,
    ) -> None:
        """A change that can be taken back: the toast says what happened and offers undo (a
        click on its Undo, or the key, which also works after the toast is gone). A toast
        that says the change is saved (`once_saved`) waits until it is."""
        self._undos = [*self._undos[-(UNDO_DEPTH - 1) :], undo]
        key = actions.keys_text(actions.action("app.undo"))
        text = f"{escape(said)} [@click=app.undo][u]Undo[/u][/] (or {escape(key)})"
        toast = functools.partial(self.notify, text, title=title, timeout=timeout)
        if once_saved:
            self.when_saved(toast)
        else:
            toast()
        self.refresh_bindings()

    def action_undo(self) -> None:
        if not self._undos:
            self.notify(self.why_not(actions.action("app.undo")) or "", severity="warning")
            return
        undo = self._undos.pop()
        self.store.undo(undo)
        contact_ids = undo.contact_ids()
        announce(
            self,
            *EVERYTHING,
            contact_id=contact_ids[0] if contact_ids else None,
            select=bool(contact_ids),
        )
        self.notify(f"Undone: {undo.label}.", markup=False)
        self.refresh_bindings()

    def tell_dropped(self, reasons: Iterable[str]) -> None:
        """Changes given up because another window or the command line changed the same data
        first: never dropped silently."""
        for reason in reasons:
            self.notify(
                f"A change made here no longer applied after changes saved elsewhere: {reason}",
                title="Not saved",
                severity="warning",
                markup=False,
                timeout=30,
            )

    def tell_merged(self) -> None:
        """What was merged from a sync tool's conflict copies (two machines' changes made
        one), or why a copy was not: never done silently; `u` takes a merge back."""
        for line, undo in self.store.take_merges():
            if undo is None:
                self.notify(line, title="Merged", markup=False, timeout=30)
            else:
                self.did(undo, line, title="Merged", timeout=30)

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
                title="Not saved",
                severity="error",
                markup=False,
                timeout=30,
            )

    async def save_everything_and_exit(self) -> None:
        """The terminal was closed (SIGHUP) or the system asks infocoach to stop (SIGTERM):
        keep what is typed on every open screen, save it, then go; not while the main screen
        is still being built (the terminal closed as the app opened), whose widgets would be
        asked to show a contact while being taken down."""
        for screen in self.screen_stack:
            keep = getattr(screen, "keep_typed_text", None)
            if keep is not None:
                keep()
        if self._store is not None:  # else nothing was read, so nothing was changed
            self._store.retry_saving()
            self._store.wait_until_saved(self.WAIT_FOR_SAVES_SECONDS)
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                await screen.panes_built()
        self.exit()

    def on_unmount(self) -> None:
        with suppress(ValueError):
            self.closing.stop_listening()
        if self._store is not None:
            self._store.wait_until_saved(self.WAIT_FOR_SAVES_SECONDS)
            self._write_first_screen(self.settings.last_contact)  # where she left off

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name == self.settings.theme:
            return
        self.settings = Settings(**{**self.settings.__dict__, "theme": theme.name})
        if self._remember_settings:
            try:
                save_settings(self.settings)
            except OSError as error:
                self.notify(f"Could not save the theme choice: {error}", markup=False)

    # -- motion and cues ----------------------------------------------------------------------

    @property
    def calm_motion(self) -> bool:
        """No animation and no blinking: the setting, or TEXTUAL_ANIMATIONS=none."""
        return self.animation_level == "none"

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if self.calm_motion and isinstance(event.widget, (Input, TextArea)):
            event.widget.cursor_blink = False

    def action_toggle_calm_motion(self) -> None:
        calm = not self.calm_motion
        self.animation_level = "none" if calm else "full"
        self.change_settings(calm_motion=calm)
        focused = self.focused
        if isinstance(focused, (Input, TextArea)):
            focused.cursor_blink = not calm
        self.notify("Calm motion: no animation or blinking." if calm else "Motion as usual.")

    def recordings_folder(self) -> Path | None:
        """Where a rehearsal's recording is kept: under the data folder when she keeps them."""
        if not self.settings.keep_recordings:
            return None
        return self.store.path.parent / audio.RECORDINGS_FOLDER

    def action_toggle_keep_recordings(self) -> None:
        keep = not self.settings.keep_recordings
        self.change_settings(keep_recordings=keep)
        folder = self.store.path.parent / audio.RECORDINGS_FOLDER
        self.notify(
            f"Each rehearsal listened to is kept in {folder}."
            if keep
            else "Recordings are no longer kept: nothing you say is written anywhere.",
            markup=False,
        )

    def action_toggle_speak_cues(self) -> None:
        speak = not self.settings.speak_cues
        self.change_settings(speak_cues=speak)
        if not speak:
            self.notify("Cues are no longer spoken.")
        elif shutil.which(SPEECH_COMMAND) is None:
            self.notify(
                f"Cues will be spoken once {SPEECH_COMMAND} is installed "
                f"(apt install {SPEECH_COMMAND}).",
                severity="warning",
            )
        else:
            self.notify("Each cue is spoken aloud too.")

    def action_cycle_calls_per_day(self) -> None:
        """The calls a day she allows herself: 1, 2, 3, then 1 again (kept in the settings);
        booking more on one day is pointed out in the form and the Agenda."""
        calls = self.settings.calls_per_day % CALLS_A_DAY_CHOICES + 1
        self.change_settings(calls_per_day=calls)
        self.notify(
            f"At most {number_words(calls)} call{'s' if calls != 1 else ''} a day: one more on "
            "the same day is pointed out in the contact form and the Agenda."
        )

    def cue(self, text: str) -> None:
        """A timer cue for someone who may not be looking: the bell, and the cue spoken
        when that is turned on and espeak-ng is installed."""
        if self.settings.call_bell:
            self.bell()
        speech = shutil.which(SPEECH_COMMAND) if self.settings.speak_cues else None
        if speech is not None:
            with suppress(OSError):  # speech is a courtesy: the cue is on screen regardless
                subprocess.Popen(
                    [speech, "--", text],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )

    def change_settings(self, **changes: object) -> bool:
        """Apply and remember settings such as `pace_wpm=150` or `call_bell=False`; whether
        they are saved (a failure to save them is said here)."""
        self.settings = replace(self.settings, **changes)  # type: ignore[arg-type]
        if not self._remember_settings:
            return False
        try:
            save_settings(self.settings)
        except OSError as error:
            self.notify(
                f"Could not save the settings: {error.strerror or error}",
                title="Not saved",
                severity="error",
                markup=False,
            )
            return False
        return True

    # -- actions ---------------------------------------------------------------------------

    async def _check_bindings(self, key: str, priority: bool = False) -> bool:
        """A save key (ctrl+s, ctrl+e, ctrl+k…: our priority bindings) waits until the text
        field has taken the keys typed before it. Textual runs a priority binding as soon as
        the app reads the key, while the letters before it may still wait in the field's own
        queue: a burst of typing or a paste would be saved without its last letters.

        Tab and shift+tab out of a text field wait the same way and move the focus here, at
        once: Textual moves it only once the key has passed through the field's queue, and
        the letters of a burst after it ("Bo Chen", tab, "Acme") were by then given to the
        field it left. (A private Textual method: see `textual_private`.)"""
        focused = self.focused
        if priority and isinstance(focused, (Input, TextArea)):
            moves_on = FOCUS_KEYS.get(key)
            if moves_on or key in actions.priority_keys():
                caught_up = asyncio.Event()
                focused.call_later(caught_up.set)  # runs after what is queued for the field
                with suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(caught_up.wait(), TYPING_CATCH_UP_SECONDS)
            if moves_on and self.focused is focused:
                moves_on(self.screen)
                return True
        return await super()._check_bindings(key, priority)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return actions.check(self, actions.find("app", action))

    def on_key(self, event: events.Key) -> None:
        """A key of an action shown disabled says why, in one line (and does nothing else);
        a main key typed on a list that keeps its letters says where it works."""
        if not actions.explain_disabled(self.screen, event):
            actions.explain_kept(self.screen, event)

    def ask(
        self,
        question: str | Content,
        answered: Callable[[bool | None], None],
        *,
        yes: str = "Yes",
        no: str = "No",
        danger: bool = True,
        id: str | None = None,
    ) -> None:
        """A yes / no question over the screen; `answered(yes)` runs with her answer. Dialogs
        and widgets ask through here rather than importing the confirmation themselves."""
        self.push_screen(ConfirmDialog(question, yes=yes, no=no, danger=danger, id=id), answered)

    def action_quit_app(self) -> None:
        """`q` asks first, so the q of a word typed by mistake ("questions") never ends the
        session; ctrl+q quits at once."""
        if self.screen.id == QUIT_QUESTION_ID:
            return

        def answered(quit: bool | None) -> None:
            if quit:
                self.call_later(self.action_quit)

        self.ask(
            "Quit infocoach? (ctrl+q quits without asking)",
            answered,
            yes="Quit",
            no="Stay",
            danger=False,
            id=QUIT_QUESTION_ID,
        )

    def action_help(self) -> None:
        from infocoach.tui.dialogs.help import HelpDialog  # opened on demand, not at start

        if not isinstance(self.screen, HelpDialog):
            self.push_screen(HelpDialog())

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def get_driver_class(self) -> type[Driver]:
        """In a terminal, Textual's driver made safe for a terminal that goes away."""
        from textual.drivers.linux_driver import LinuxDriver

        found = super().get_driver_class()
        return TerminalDriver if found is LinuxDriver else found

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette: the actions of the screen and of the app that can run now."""
        yield from actions.palette(screen)
        yield from super().get_system_commands(screen)
