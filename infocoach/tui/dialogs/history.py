"""A contact's history, newest first: every event and interview, to correct (e) or delete (d).

Each change is one undoable store change: the toast offers Undo and `u` takes it back, here or
on the main screen. After each change one `DataChanged` makes the stage, the agenda and the
insights follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from infocoach.core.history import HistoryEntry
from infocoach.core.models import Contact, InvalidInput
from infocoach.tui import actions
from infocoach.tui.actions import NEEDS_ENTRY
from infocoach.tui.dialogs.base import Dialog
from infocoach.tui.dialogs.edit_entry import EditEntryDialog
from infocoach.tui.messages import EVENTS, INTERVIEWS, DataChanged, announce
from infocoach.tui.widgets.selection import SelectionList

if TYPE_CHECKING:
    from infocoach.tui.app import InfoCoachApp

ID_WIDTH = 6
DATE_WIDTH = 12
WHAT_WIDTH = 22


def what_happened(entry: HistoryEntry) -> str:
    """The event ("reached-out") or "Interview · 25 min"."""
    if not entry.is_interview:
        return entry.what
    return f"Interview · {entry.minutes} min" if entry.minutes else "Interview"


def first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0].strip() if lines else ""


def entry_row(entry: HistoryEntry) -> Content:
    """One line: id, date, what happened, names gained, the notes' first line."""
    parts: list[str | tuple[str, str]] = [
        (f"{entry.id!s:<{ID_WIDTH}}", "bold $accent"),
        f"{entry.date:<{DATE_WIDTH}}",
        (f"{what_happened(entry):<{WHAT_WIDTH}}", "bold"),
    ]
    if entry.names_gained:
        parts += [("names: " + ", ".join(entry.names_gained), "italic"), "  "]
    if entry.notes.strip():
        parts.append((first_line(entry.notes), "dim"))
    return Content.assemble(*parts)


def entry_detail(entry: HistoryEntry) -> Content:
    """The highlighted entry in full, with its notes as typed."""
    parts: list[str | tuple[str, str]] = [
        (str(entry.id), "bold $accent"),
        " · ",
        entry.date,
        " · ",
        (what_happened(entry), "bold"),
    ]
    if entry.is_interview:
        names = ", ".join(entry.names_gained) if entry.names_gained else "none"
        parts += ["\n", ("Names gained: ", "bold"), names]
        if entry.questions_asked:
            parts += ["\n", ("Questions asked: ", "bold"), str(len(entry.questions_asked))]
    parts += ["\n\n", entry.notes.strip() or ("No notes.", "dim")]
    return Content.assemble(*parts)


def empty_text(contact: Contact) -> Content:
    return Content.assemble(
        "Nothing logged for ",
        (contact.name, "bold"),
        " yet. Log an event with l on the main "
        "screen, or end a call in call mode (c) to record an interview: each entry shows here, "
        "to correct or delete.",
    )


class HistoryList(SelectionList):
    """The entries; enter edits the highlighted one."""

    BINDINGS = actions.bindings("history", widget="list")


class HistoryDialog(Dialog[None]):
    """The history of one contact, newest first."""

    app: InfoCoachApp

    DEFAULT_CSS = """
    HistoryDialog #history-list, HistoryDialog #history-list:focus {
        height: 1fr; border: none; padding: 0; text-wrap: nowrap; text-overflow: ellipsis;
    }
    HistoryDialog #history-detail {
        height: auto; max-height: 50%; border-top: solid $primary 50%; padding: 0 0 1 0;
    }
    HistoryDialog #history-empty { display: none; color: $text-muted; max-width: 90;
        margin-top: 1; }
    HistoryDialog.-empty #history-empty { display: block; }
    HistoryDialog.-empty #history-list, HistoryDialog.-empty #history-detail { display: none; }
    """

    ACTION_SCREEN = "history"
    BINDINGS = actions.bindings("history", undo=True)
    AUTO_FOCUS = "#history-list"

    def __init__(self, contact: Contact) -> None:
        super().__init__(classes="-full")
        self.contact = contact
        self.entries: list[HistoryEntry] = []

    def box_title(self) -> Content:
        return Content.assemble("History · ", (self.contact.name, "bold"), " · newest first")

    def compose_body(self) -> ComposeResult:
        yield HistoryList(id="history-list")
        yield Static(empty_text(self.contact), id="history-empty")
        yield Static("", id="history-detail")

    def on_mount(self) -> None:
        self.refresh_entries()

    # -- the list ---------------------------------------------------------------------------

    def refresh_entries(self) -> None:
        """Read the history again, keeping the highlighted entry (or its place)."""
        listing = self.query_one(HistoryList)
        current = self.highlighted_entry
        index = listing.highlighted or 0
        self.entries = list(reversed(self.app.store.history(self.contact.id)))
        listing.set_options(Option(entry_row(entry), id=str(entry.id)) for entry in self.entries)
        if self.entries:
            ids = [entry.id for entry in self.entries]
            kept = ids.index(current.id) if current is not None and current.id in ids else None
            listing.highlighted = kept if kept is not None else min(index, len(ids) - 1)
        self.set_class(not self.entries, "-empty")
        self._show_detail()
        self.refresh_bindings()

    @property
    def highlighted_entry(self) -> HistoryEntry | None:
        index = self.query_one(HistoryList).highlighted
        return self.entries[index] if index is not None and index < len(self.entries) else None

    @on(OptionList.OptionHighlighted, "#history-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()

    def _show_detail(self) -> None:
        entry = self.highlighted_entry
        detail = self.query_one("#history-detail", Static)
        detail.update(entry_detail(entry) if entry is not None else Content(""))

    @on(DataChanged)
    def _data_changed(self) -> None:
        self.refresh_entries()

    # -- what can run -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return actions.check(self, actions.find("history", action))

    def why_not(self, action: actions.Action) -> str | None:
        if action.needs is NEEDS_ENTRY and self.highlighted_entry is None:
            return f"{action.name}: nothing logged yet for this contact."
        return self.app.why_not(action)

    # -- correcting and deleting ------------------------------------------------------------

    @on(OptionList.OptionSelected, "#history-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_entry()

    def action_edit_entry(self) -> None:
        entry = self.highlighted_entry
        if entry is None:
            return
        store = self.app.store

        def save(changes: dict[str, Any]) -> None:
            """Raises InvalidInput when the store refuses: the dialog then stays open."""
            _, undo = store.undoable(
                f"the change to {entry.id}", lambda: store.edit_entry(str(entry.id), **changes)
            )
            announce(self.app, EVENTS, INTERVIEWS, contact_id=entry.contact_id)
            self.app.did(undo, f"Changed {entry.id}.")

        self.app.push_screen(EditEntryDialog(self.contact, entry, save))

    def action_delete_entry(self) -> None:
        entry = self.highlighted_entry
        if entry is None:
            return
        undo_key = actions.keys_text(actions.action("app.undo"))
        also = (
            "\nThe “interviewed” event logged with it goes too, so the stage may go back."
            if entry.paired_event is not None
            else ""
        )
        question = Content.assemble(
            "Delete ",
            (f"{entry.id} ({entry.date}, {what_happened(entry)})", "bold"),
            " from the history of ",
            (self.contact.name, "bold"),
            f"?{also}\nYou can undo with {undo_key}.",
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(entry)

        self.app.ask(question, answered, yes="Delete", no="Keep it")

    def _delete(self, entry: HistoryEntry) -> None:
        store = self.app.store
        try:
            _, undo = store.undoable(
                f"deleted {entry.id}", lambda: store.remove_entry(str(entry.id))
            )
        except InvalidInput as error:  # gone meanwhile (another window, the command line)
            self.notify(f"Not deleted: {error}", severity="warning", markup=False)
            self.refresh_entries()
            return
        announce(self.app, EVENTS, INTERVIEWS, contact_id=entry.contact_id)
        self.app.did(undo, f"Deleted {entry.id}.")
