"""One thread that saves the store's changes, in order, so no save ever blocks the screen."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from infocoach.data.storage import DataFileError, DataWriteError

SaveError = DataWriteError | DataFileError


@dataclass(frozen=True)
class SaveState:
    """How saving stands: `unsaved` changes wait. After a save ran (`finished`), `error` is
    why it failed, or None; before, a change has just been asked to be saved."""

    unsaved: int
    finished: bool = True
    error: SaveError | None = None
    dropped: tuple[str, ...] = ()  # why changes were given up (see `Store.take_dropped`)
    saved_through: int = 0  # every change up to this number has landed (`Store.saved_through`)
    unconfirmed: tuple[str, ...] = ()  # saves that landed unconfirmed (`Store.take_unconfirmed`)


SaveListener = Callable[[SaveState], None]


class BackgroundWriter:
    """Runs `flush` on its own thread whenever woken, and tells the listener how it went.

    After a failure it waits to be woken again (a new change, or `retry`): the changes stay in
    memory and pending meanwhile, so nothing the user did is lost.
    """

    def __init__(
        self,
        flush: Callable[[], bool],
        unsaved: Callable[[], int],
        outcome: Callable[[SaveError | None], SaveState],
        listener: SaveListener,
    ) -> None:
        """`outcome` says how a save went, given its error (None when it landed)."""
        self._flush = flush
        self._unsaved = unsaved
        self._outcome = outcome
        self._listener = listener
        self._wanted = threading.Condition()
        self._woken = False
        self._busy = False
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="infocoach-writer", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        with self._wanted:
            self._woken = True
            self._wanted.notify_all()
        self._listener(SaveState(self._unsaved(), finished=False))

    retry = wake

    def _run(self) -> None:
        while True:
            with self._wanted:
                while not self._woken and not self._stopped:
                    self._wanted.wait()
                if self._stopped and not self._woken:
                    return
                self._woken = False
                self._busy = True
            error: SaveError | None = None
            try:
                self._flush()
            except (DataWriteError, DataFileError) as failed:
                error = failed
            finally:
                with self._wanted:
                    self._busy = False
                    self._wanted.notify_all()
            self._listener(self._outcome(error))

    def wait_until_idle(self, timeout: float) -> bool:
        """Wait for the saves asked for so far; True when none is left to run."""
        with self._wanted:
            return self._wanted.wait_for(lambda: not self._woken and not self._busy, timeout)

    def stop(self) -> None:
        with self._wanted:
            self._stopped = True
            self._wanted.notify_all()
        self._thread.join(timeout=5)
