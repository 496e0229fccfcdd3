"""However she leaves, the app ends, and keeps what she typed (issue 32).

The terminal goes away (the window closed, an SSH session dropped: SIGHUP; its output failing;
its input at an end) or the system asks infocoach to stop (SIGTERM). The app then keeps what is
typed on every screen and saves it (`InfoCoachApp.save_everything_and_exit`), and the process
ends: when the UI thread cannot take the request, a watchdog ends it once the save has had its
chance, and a second SIGTERM ends it as soon as the save has had its chance.

Textual's Linux driver writes to the terminal from a thread fed by a bounded queue. Once the
terminal was gone, that thread died on its first failed write, the queue filled up, and the UI
thread waited on it for good, deaf to SIGTERM. `TerminalDriver` keeps that thread alive, notices
when the terminal is gone, and stops writing to it.
"""

from __future__ import annotations

import asyncio
import contextvars
import os
import select
import signal
import threading
from collections.abc import Callable, Coroutine
from contextlib import suppress
from types import FrameType
from typing import IO, TYPE_CHECKING, Any

from textual.drivers.linux_driver import LinuxDriver

from infocoach.tui import textual_private

if TYPE_CHECKING:
    from textual.app import App

    from infocoach.data.repositories import Store

CLOSING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
TAKE_SECONDS = 4.0  # the UI thread takes the request within this, unless it is stuck
SAVE_SECONDS = 30.0  # the longest a save under way is waited for
GRACE_SECONDS = 2.0  # after the save: the app ends on its own, putting the terminal back
# poll(2) reports these whatever was asked: the other end of the terminal (or pipe) is gone
HANG_UPS = select.POLLHUP | select.POLLERR | select.POLLNVAL


class Closing:
    """SIGHUP and SIGTERM, taken on the UI thread by `save_and_exit`, and with `listen(...,
    end_process=True)` a watchdog that ends the process whatever the UI thread does."""

    def __init__(
        self,
        store: Callable[[], Store | None],
        save_and_exit: Callable[[], Coroutine[Any, Any, None]],
    ) -> None:
        """`store` gives the data once read (None before: nothing to save then)."""
        self._store = store
        self._save_and_exit = save_and_exit
        self._loop: asyncio.AbstractEventLoop | None = None
        self._context = contextvars.Context()  # the app's, for its work on a signal
        self._task: asyncio.Task[None] | None = None
        self._before: dict[int, Any] = {}  # the handlers found, put back in-process
        self._signals: list[int] = []  # the closing signals received, first first
        self._first = threading.Lock()  # taken, never waited on, by the first signal's handler
        self._asked = threading.Event()
        self._taken = threading.Event()  # the app has saved and exits, or a second SIGTERM came
        self._hurry = threading.Event()  # a second SIGTERM: wait for nothing but the save
        self._watchdog: threading.Thread | None = None

    def listen(self, loop: asyncio.AbstractEventLoop, *, end_process: bool) -> None:
        """From now on SIGHUP and SIGTERM close the app; with `end_process`, the process too.
        (Python's own handlers, not asyncio's: those only run when the event loop gets a turn,
        which a stuck UI thread never gives it.) Call from the main thread."""
        self._loop = loop
        self._context = contextvars.copy_context()
        for closing in CLOSING_SIGNALS:
            self._before[closing] = signal.signal(closing, self._signalled)
        if end_process and self._watchdog is None:
            # started now, not from a signal handler, which must not take the locks it would
            self._watchdog = threading.Thread(
                target=self._end_process, name="infocoach-closing", daemon=True
            )
            self._watchdog.start()

    def stop_listening(self) -> None:
        """The app has closed. In-process (tests) the handlers found are put back; a process
        that `end_process` keeps its own to the end, so a late signal still ends it."""
        if self._watchdog is None:
            for closing, before in self._before.items():
                signal.signal(closing, before)
        self._before.clear()

    def _signalled(self, signum: int, frame: FrameType | None) -> None:
        """Run by Python on the main thread between two steps of whatever it was doing (even
        while it waits on a lock): it hands the work over, taking no lock the main thread uses."""
        self._signals.append(signum)
        if not self._first.acquire(blocking=False):  # a later one (or one that interrupted it)
            if signum == signal.SIGTERM:
                self._hurry.set()
                self._taken.set()
            return
        if self._loop is not None:
            with suppress(RuntimeError):  # the loop has closed: the app is ending already
                self._loop.call_soon_threadsafe(self._take, context=self._context)
        self._asked.set()

    def _take(self) -> None:
        assert self._loop is not None
        self._task = self._loop.create_task(self._save_and_exit_then_say_so())

    async def _save_and_exit_then_say_so(self) -> None:
        try:
            await self._save_and_exit()
        finally:
            self._taken.set()

    def _end_process(self) -> None:
        """The watchdog: once asked, give the UI thread its turn, then the save its chance,
        then the app a moment to end by itself (putting the terminal back); then end it."""
        self._asked.wait()
        self._taken.wait(TAKE_SECONDS)
        store = self._store()
        if store is not None:
            store.retry_saving()  # what the UI thread handed over, even if it is stuck now
            store.wait_until_saved(SAVE_SECONDS)
        self._hurry.wait(GRACE_SECONDS)
        os._exit(128 + self._signals[0])  # no clean-up: the UI thread may hold any lock


class TerminalDriver(LinuxDriver):
    """Textual's Linux driver, for a terminal that can go away at any moment.

    Its writer thread survives a write that fails. Once the terminal is gone (a failed write,
    or poll(2) reporting its hang-up) it writes no more and stops the input thread; then, as
    when her keys can no longer come (the hang-up of its input alone, a pipe), it sends the
    process SIGHUP: the same way out as a closed window (`Closing`)."""

    def __init__(
        self,
        app: App[Any],
        *,
        debug: bool = False,
        mouse: bool = True,
        size: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(app, debug=debug, mouse=mouse, size=size)
        self.gone = threading.Event()
        self._handed = 0  # texts handed to the writer thread (by the UI thread)
        self._flushed = 0  # of those, how many it has written and flushed to the terminal
        self.frames = 0  # frames handed over (Textual flushes after each, and at set-up)
        output = _Output(textual_private.driver_output(self), self.let_go, self._written)
        textual_private.replace_driver_output(self, output)
        self._hang_up_watch: threading.Thread | None = None

    def start_application_mode(self) -> None:
        super().start_application_mode()  # type: ignore[no-untyped-call]  # Textual: untyped
        if self._hang_up_watch is None:
            output = textual_private.driver_output(self).fileno()
            self._hang_up_watch = threading.Thread(
                target=self._watch_for_hang_up,
                args=(self.fileno, output),
                name="infocoach-hang-up",
                daemon=True,
            )
            self._hang_up_watch.start()

    def _watch_for_hang_up(self, keys: int, output: int) -> None:
        watch = select.poll()
        for descriptor in (keys, output):
            watch.register(descriptor, 0)  # no data events: only the hang-ups poll always says
        while not self.gone.is_set():
            hung_up = {descriptor for descriptor, events in watch.poll() if events & HANG_UPS}
            if output in hung_up:
                self.let_go()
            elif keys in hung_up:  # the screen is still there: it is given back as on a quit
                watch.unregister(keys)
                _close_app()

    def let_go(self) -> None:
        """The terminal is gone: write no more, read no more, and close the app."""
        if self.gone.is_set():
            return
        self.gone.set()
        _write_nowhere()
        self.exit_event.set()  # Textual's input thread stops (it would spin on the end of input)
        _close_app()

    def write(self, data: str) -> None:
        if not self.gone.is_set():
            self._handed += 1
            super().write(data)

    def flush(self) -> None:
        self.frames += 1
        super().flush()

    def _written(self, count: int) -> None:
        self._flushed = count

    @property
    def caught_up(self) -> bool:
        """Whether the terminal has every frame drawn so far (none waits in the writer
        thread, which needs the GIL for each piece it writes)."""
        return self._flushed >= self._handed or self.gone.is_set()

    def resume_application_mode(self) -> None:
        # The kernel sends SIGCONT with the SIGHUP of a closed terminal; Textual resumes on it.
        if not self.gone.is_set():
            super().resume_application_mode()

    def close(self) -> None:
        output = textual_private.driver_output(self).fileno()
        if not self.gone.is_set() and _hung_up(output):  # closed as the app was ending
            self.gone.set()
            _write_nowhere()
        if not self.gone.is_set():  # nothing left to flush to a terminal that is gone
            super().close()


def _hung_up(descriptor: int) -> bool:
    watch = select.poll()
    watch.register(descriptor, 0)
    return any(events & HANG_UPS for _, events in watch.poll(0))


def _write_nowhere() -> None:
    """Whatever is still written to the standard output and error (Textual's writer thread,
    the interpreter's last flush at exit) goes to /dev/null: to a terminal that is gone it
    fails, and a failed last flush ends the process with status 120."""
    nowhere = os.open(os.devnull, os.O_WRONLY)
    try:
        for descriptor in (1, 2):
            with suppress(OSError):
                os.dup2(nowhere, descriptor)
    finally:
        os.close(nowhere)


def _close_app() -> None:
    os.kill(os.getpid(), signal.SIGHUP)


class _Output:
    """The terminal as Textual's writer thread sees it. A write that fails (EIO once the
    terminal is closed, EPIPE) lets go of the terminal instead of ending that thread, which
    would leave the UI thread waiting on the thread's full queue."""

    def __init__(
        self, file: IO[str], failed: Callable[[], None], flushed: Callable[[int], None]
    ) -> None:
        """`flushed(n)`: the first n texts written are on their way to the terminal."""
        self._terminal = file
        self._failed = failed
        self._flushed = flushed
        self._writes = 0

    def write(self, text: str) -> int:
        self._writes += 1
        try:
            return self._terminal.write(text)
        except OSError:
            self._failed()
            return len(text)

    def flush(self) -> None:
        try:
            self._terminal.flush()
        except OSError:
            self._failed()
        self._flushed(self._writes)

    def fileno(self) -> int:
        return self._terminal.fileno()
