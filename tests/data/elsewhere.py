"""Another process saving to the same data file while a change is made here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from infocoach.data.repositories import Store

T = TypeVar("T")


def while_another_saves(
    mine: Store, change: Callable[[], T], theirs: Callable[[Store], object]
) -> T:
    """Make `change` on `mine` while another process saves `theirs` before it: what the change
    did is then applied again on top of their file (see `data.replay`)."""

    def both() -> T:
        result = change()
        theirs(Store(mine.path))
        return result

    return mine.run_as_one(both)
