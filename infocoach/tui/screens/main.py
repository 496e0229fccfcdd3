"""The main screen: Contacts, Checklist, Questions and Timer, driven by the selected contact."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header

from infocoach.core.drafts import contact_values
from infocoach.core.models import Contact
from infocoach.data.storage import DataFileError, DataWriteError
from infocoach.data.store import DeletedContact
from infocoach.tui.dialogs.confirm import ConfirmDialog
from infocoach.tui.dialogs.question_dialog import QuestionDialog
from infocoach.tui.screens.followup import FollowUpActions
from infocoach.tui.screens.guide import GuideScreen
from infocoach.tui.screens.help import HelpScreen
from infocoach.tui.widgets.checklist import ChecklistPane
from infocoach.tui.widgets.contacts import ContactList, ContactsPane
from infocoach.tui.widgets.questions import ChosenList, QuestionsPane
from infocoach.tui.widgets.timer import TimerPane

if TYPE_CHECKING:
    from infocoach.tui.app import InfoCoachApp

T = TypeVar("T")
CATCH_UP_SECONDS = 2.0
FILTER_SETTLE_SECONDS = 0.15


class MainScreen(FollowUpActions, Screen[None]):
    app: InfoCoachApp

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS = [
        Binding("a", "add_contact", "Add", id="main.add"),
        Binding("e", "edit_contact", "Edit", id="main.edit"),
        Binding("d", "delete_contact", "Delete", id="main.delete"),
        Binding("u", "undo_delete", "Undo", show=False, id="main.undo"),
        Binding("slash", "filter", "Filter", id="main.filter"),
        Binding("n", "own_question", "My question", show=False, id="main.own_question"),
        Binding("t", "toggle_timer", "Timer", id="main.timer"),
        Binding("r", "reset_timer", "Reset timer", show=False, id="main.reset"),
        Binding("c", "call_mode", "Call mode", show=False, id="main.call"),
        Binding("p", "drill", "Role-play drill", show=False, id="main.drill"),
        Binding("g", "guide", "Guide", id="main.guide"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="main.help"),
        Binding("l", "log_event", "Log event", show=False, id="main.log_event"),
        Binding("m", "messages", "Messages", show=False, id="main.messages"),
        Binding("A", "agenda", "Agenda", show=False, id="main.agenda"),
        Binding("R", "referrals", "Referrals", show=False, id="main.referrals"),
        Binding("i", "insights", "Insights", show=False, id="main.insights"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.contact: Contact | None = None
        self._pending_selection: Timer | None = None
        self._last_deleted: DeletedContact | None = None

    def compose(self) -> ComposeResult:
        content = self.app.guidance
        yield Header()
        with Grid(id="panes"):
            yield ContactsPane(id="contacts-pane", classes="pane")
            yield ChecklistPane(content.steps, id="checklist-pane", classes="pane")
            yield QuestionsPane(content.categories, id="questions-pane", classes="pane")
            yield TimerPane(
                content.scripts, self.app.clock, pace=self.app.settings.pace_wpm,
                history=lambda script_id: [r["wpm"] for r in self.app.store.rehearsals(script_id)],
                id="timer-pane", classes="pane",
            )  # fmt: skip
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(QuestionsPane).set_own_questions(self.app.store.own_questions())
        self._reload_contacts()
        self.query_one(ContactsPane).contact_list.focus()
        self._unreadable_reported = False
        self.set_interval(CATCH_UP_SECONDS, self.catch_up)

    def catch_up(self) -> None:
        """Show what another infocoach (the CLI, another window) saved in the meantime."""
        try:
            changed = self.app.store.refresh()
        except DataFileError as error:
            if not self._unreadable_reported:
                self._unreadable_reported = True
                self.notify(str(error), title="Data file", severity="error", markup=False,
                            timeout=30)  # fmt: skip
            return
        self._unreadable_reported = False
        if changed:
            self.query_one(QuestionsPane).set_own_questions(self.app.store.own_questions())
            self._reload_contacts(self.contact.id if self.contact else None)
            self.notify("Updated with changes saved elsewhere.")

    # -- selection ------------------------------------------------------------------------

    def _reload_contacts(self, select_id: int | None = None) -> None:
        """Redraw the list from the store, and the other panes for the contact under it."""
        pane = self.query_one(ContactsPane)
        pane.show_contacts(self.app.store.contacts(), select_id)
        self._show_selected(pane.highlighted_id)

    @on(ContactList.Highlighted)
    def _contact_highlighted(self, event: ContactList.Highlighted) -> None:
        if self._pending_selection is not None:
            self._pending_selection.stop()
            self._pending_selection = None
        if self.query_one(ContactsPane).filter_input.has_focus:
            # While the user types a filter the list answers each key at once; the other
            # panes follow when the typing pauses.
            self._pending_selection = self.set_timer(
                FILTER_SETTLE_SECONDS, lambda: self._show_selected(event.contact_id)
            )
        else:
            self._show_selected(event.contact_id)

    def _show_selected(self, contact_id: int | None) -> None:
        self._show_contact(self.app.store.get_contact(contact_id) if contact_id else None)

    def _show_contact(self, contact: Contact | None, *, keep_questions: int | None = None) -> None:
        self.contact = contact
        self.sub_title = contact.name if contact else ""
        self.query_one(ChecklistPane).show(contact)
        self.query_one(QuestionsPane).show(contact, keep_questions)
        self.query_one(TimerPane).show(self._placeholders(contact), self._minutes(contact))

    def _placeholders(self, contact: Contact | None) -> dict[str, str]:
        return contact_values(self.app.store, contact, self.app.settings.placeholders())

    @staticmethod
    def _minutes(contact: Contact | None) -> int:
        return contact.agreed_minutes if contact else Contact(0, "").agreed_minutes

    def _save(self, change: Callable[[], T]) -> T | None:
        """Run a store change; a failed save is shown and the screen keeps its state."""
        try:
            return change()
        except DataWriteError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False, timeout=15)
            return None

    # -- contacts -------------------------------------------------------------------------

    def action_add_contact(self) -> None:
        from infocoach.tui.dialogs.contact_form import ContactForm  # TextArea is slow to import

        store = self.app.store
        self.app.push_screen(
            ContactForm("Add a contact", lambda values: store.add_contact(**values)),
            self._after_form,
        )

    def action_edit_contact(self) -> None:
        contact = self.contact
        if contact is None:
            self.notify("Select a contact to edit first.", severity="warning")
            return
        from infocoach.tui.dialogs.contact_form import FIELDS, ContactForm

        store = self.app.store
        initial = {name: str(getattr(contact, name) or "") for name, _, _ in FIELDS}
        initial.update(
            tags=", ".join(contact.tags),
            notes=contact.notes,
            referred_by=self._placeholders(contact).get("referrer", ""),
        )
        self.app.push_screen(
            ContactForm(
                "Edit contact", lambda values: store.update_contact(contact.id, **values), initial
            ),
            self._after_form,
        )

    def _after_form(self, contact: Contact | None) -> None:
        if contact is not None:
            self._reload_contacts(contact.id)
            self.notify(f"Saved {contact.name}.", markup=False)

    def action_delete_contact(self) -> None:
        contact = self.contact
        if contact is None:
            return
        question = Content.assemble("Delete ", (contact.name, "bold"),
                                    "?\nTheir checklist, questions, events and notes go too. "
                                    "You can undo with u.")  # fmt: skip

        def answered(yes: bool | None) -> None:
            if yes:
                deleted = self._save(lambda: self.app.store.delete_contact(contact.id))
                if deleted is not None:
                    self._last_deleted = deleted
                    self._reload_contacts()
                    self.notify(f"Deleted {contact.name}. Press u to undo.", markup=False)

        self.app.push_screen(ConfirmDialog(question), answered)

    def action_undo_delete(self) -> None:
        deleted = self._last_deleted
        if deleted is None:
            self.notify("Nothing to undo.", severity="warning")
            return
        restored = self._save(lambda: self.app.store.undo_delete(deleted))
        if restored is not None:
            self._last_deleted = None
            self._reload_contacts(restored.id)
            self.notify(f"Restored {restored.name}.", markup=False)

    def action_filter(self) -> None:
        self.query_one(ContactsPane).open_filter()

    # -- checklist and questions ----------------------------------------------------------

    @on(ChecklistPane.Toggled)
    def _toggle_item(self, event: ChecklistPane.Toggled) -> None:
        if self.contact is not None:
            contact_id = self.contact.id
            updated = self._save(lambda: self.app.store.toggle_checked(contact_id, event.item_id))
            if updated is not None:
                self.contact = updated
                self.query_one(ChecklistPane).show(updated)

    @on(QuestionsPane.Chosen)
    def _choose_question(self, event: QuestionsPane.Chosen) -> None:
        if self.contact is None:
            self.notify("Select a contact first.", severity="warning")
            return
        contact_id = self.contact.id
        updated = self._save(lambda: self.app.store.choose_question(contact_id, event.question_id))
        if updated is not None:
            self._show_questions(updated, len(updated.questions) - 1)

    @on(ChosenList.Dropped)
    def _drop_question(self, event: ChosenList.Dropped) -> None:
        if self.contact is not None:
            contact_id, index = self.contact.id, self.query_one(ChosenList).highlighted
            updated = self._save(
                lambda: self.app.store.drop_question(contact_id, event.question_id)
            )
            if updated is not None:
                self._show_questions(updated, index)

    @on(ChosenList.Moved)
    def _move_question(self, event: ChosenList.Moved) -> None:
        if self.contact is not None:
            contact_id = self.contact.id
            updated = self._save(
                lambda: self.app.store.move_question(contact_id, event.question_id, event.offset)
            )
            if updated is not None:
                self._show_questions(updated, updated.questions.index(event.question_id))

    def _show_questions(self, contact: Contact, index: int | None) -> None:
        self.contact = contact
        self.query_one(QuestionsPane).show(contact, index)

    def action_own_question(self) -> None:
        def added(text: str | None) -> None:
            if text:
                question = self._save(lambda: self.app.store.add_own_question(text))
                if question is not None:
                    self.query_one(QuestionsPane).set_own_questions(self.app.store.own_questions())
                    self.notify("Added to “Your own questions”.")

        self.app.push_screen(QuestionDialog(), added)

    # -- timer and overlays ---------------------------------------------------------------

    def action_toggle_timer(self) -> None:
        self.query_one(TimerPane).toggle()

    def action_reset_timer(self) -> None:
        self.query_one(TimerPane).reset()

    @on(TimerPane.Finished)
    def _rehearsed(self, event: TimerPane.Finished) -> None:
        """Save a finished rehearsal (not a double tap of `t`) and show the new history."""
        result, contact_id = event.result, self.contact.id if self.contact else None
        if result.counts and self._save(
            lambda: self.app.store.add_rehearsal(
                event.script_id, result.seconds, result.wpm, contact_id
            )
        ):
            self.query_one(TimerPane).refresh_history()

    @on(TimerPane.PaceChanged)
    def _pace_changed(self, event: TimerPane.PaceChanged) -> None:
        self.app.change_settings(pace_wpm=event.wpm)

    def action_call_mode(self) -> None:
        from infocoach.tui.screens.call import start_call  # imported on first use, not at start

        contact = self.contact
        if contact is None:
            self.notify("Select the contact you are about to call.", severity="warning")
            return
        script = self.query_one(TimerPane).script
        start_call(self.app, contact, script, self._placeholders(contact),
                   lambda _logged: self._reload_contacts(contact.id))  # fmt: skip

    def action_drill(self) -> None:
        from infocoach.tui.screens.drill import DrillScreen

        if not self.app.guidance.drills:
            self.notify("No role-play drills are loaded.", severity="warning")
            return
        self.app.push_screen(DrillScreen(self.app.guidance.drills))

    def action_guide(self) -> None:
        self.app.push_screen(GuideScreen(self.app.guidance.cards))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_insights(self) -> None:
        from infocoach.core.insights import from_store
        from infocoach.tui.screens.insights import InsightsScreen

        self.app.push_screen(InsightsScreen(from_store(self.app.store)))
