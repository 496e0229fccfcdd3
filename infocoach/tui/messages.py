"""What the screens tell each other: after each change, one `DataChanged` says what changed.

Screens and their panes refresh from it (`@on(DataChanged)`); no screen reaches into another.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App

# What changed, by table of the data file (and, for a contact, the part of it).
CONTACTS = "contacts"  # contact records: added, edited, deleted, restored, imported
EVENTS = "events"  # the log of events (a contact's stage follows it)
CHECKLIST = "checklist"  # a contact's ticked items
QUESTIONS = "questions"  # a contact's chosen questions
OWN_QUESTIONS = "own_questions"  # the user's own questions in the bank
REHEARSALS = "rehearsals"
INTERVIEWS = "interviews"
CALL_DRAFTS = "call_drafts"  # notes kept while a call is open
SETTINGS = "settings"  # your details, pace, bell: not the data file, but the scripts use them
COMPANIES = "companies"  # the target companies: scores, notes, merges
EVERYTHING = frozenset(
    {CONTACTS, EVENTS, CHECKLIST, QUESTIONS, OWN_QUESTIONS, REHEARSALS, INTERVIEWS,
     CALL_DRAFTS, SETTINGS, COMPANIES}
)  # fmt: skip


class DataChanged(Message, bubble=False):
    """Something changed (on screen at once; saved behind it): which tables, and which
    contact when one contact changed.

    `select` asks the main screen to put that contact under the cursor (after an add, an
    undo, a call).
    """

    def __init__(
        self, tables: Iterable[str], contact_id: int | None = None, *, select: bool = False
    ) -> None:
        super().__init__()
        self.tables = frozenset(tables)
        self.contact_id = contact_id
        self.select = select

    def __repr__(self) -> str:
        return f"DataChanged({sorted(self.tables)}, {self.contact_id}, select={self.select})"


def announce(
    app: App[Any], *tables: str, contact_id: int | None = None, select: bool = False
) -> None:
    """Tell every open screen what changed (each screen gets the message)."""
    for screen in app.screen_stack:
        screen.post_message(DataChanged(tables, contact_id, select=select))
