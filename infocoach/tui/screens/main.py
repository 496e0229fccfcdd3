"""The main screen: Contacts, Checklist, Questions and Timer, driven by the selected contact."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input

from infocoach.core.agenda import prepare_item_ids
from infocoach.core.drafts import contact_values
from infocoach.core.models import Contact
from infocoach.data.storage import DataFileError
from infocoach.tui import actions, flows
from infocoach.tui.actions import (
    NEEDS_CONTACT,
    NEEDS_DRILLS,
    NEEDS_FILTER,
    NEEDS_REHEARSAL,
    Action,
)
from infocoach.tui.dialogs.confirm import ConfirmDialog
from infocoach.tui.dialogs.guide import GuideDialog
from infocoach.tui.dialogs.question_dialog import QuestionDialog
from infocoach.tui.messages import (
    CHECKLIST,
    CONTACTS,
    EVENTS,
    EVERYTHING,
    INTERVIEWS,
    OWN_QUESTIONS,
    QUESTIONS,
    REHEARSALS,
    SETTINGS,
    DataChanged,
    announce,
)
from infocoach.tui.widgets.checklist import ChecklistPane
from infocoach.tui.widgets.contacts import ContactList, ContactsPane
from infocoach.tui.widgets.questions import ChosenList, QuestionsPane
from infocoach.tui.widgets.status import StatusLine
from infocoach.tui.widgets.timer import TimerPane

if TYPE_CHECKING:
    from infocoach.core.agenda import AgendaItem
    from infocoach.tui.app import InfoCoachApp

T = TypeVar("T")
CATCH_UP_SECONDS = 2.0
FILTER_SETTLE_SECONDS = 0.15
CURSOR_SETTLE_SECONDS = 0.1  # a held arrow key moves the list; the panes follow when it rests
PLACE_SETTLE_SECONDS = 1.0  # where you are is remembered once you stay a second
FRAME_OUT_SECONDS = 1.0  # at most, for the first frame to reach the terminal before the read
LISTED = frozenset({CONTACTS, EVENTS, INTERVIEWS})  # what the contact list shows may change
PLACEHOLDERS = (("Checklist", "checklist-pane"), ("Questions", "questions-pane"),
                ("Timer", "timer-pane"))  # fmt: skip


class MainScreen(Screen[None]):
    """Its keys are the "main" actions of `infocoach.tui.actions`; what they act on is always
    the contact under the list's cursor, which the filter shows."""

    app: InfoCoachApp

    ACTION_SCREEN = "main"
    # -tiny is -narrow with a footer that drops its palette hint, so ? and q still fit
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (70, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # -short: under 30 rows
    BINDINGS = actions.bindings("main")

    def __init__(self) -> None:
        super().__init__()
        self.contact: Contact | None = None
        self._pending_selection: Timer | None = None
        self._pending_place: Timer | None = None
        self._place: tuple[int, str] = (0, "")  # the contact selected (0: none), the filter
        self._none_highlighted = True
        self._first_screen_shown = False  # the list shows the first screen kept, not the file
        # The panes besides the list are built right after the first frame (`_build_panes`);
        # a key that needs one, pressed before, waits for them (`panes_built`).
        self._panes_built = asyncio.Event()

    def compose(self) -> ComposeResult:
        yield Header()
        with Grid(id="panes"):
            yield ContactsPane(id="contacts-pane", classes="pane")
            # The other panes follow right after the first frame (see `_build_panes`): until
            # then an empty frame of each holds its place.
            for title, pane_id in PLACEHOLDERS:
                placeholder = Vertical(id=pane_id, classes="pane -placeholder")
                placeholder.border_title = title
                yield placeholder
        yield StatusLine()
        yield Footer()

    async def _build_panes(self) -> None:
        """The Checklist, Questions and Timer panes, in place of their empty frames, shown
        for the contact under the list's cursor."""
        content, store = self.app.guidance, self.app.store
        grid = self.query_one("#panes", Grid)
        await grid.remove_children(".-placeholder")
        # Everything the panes show is read from the store now: a change made before they
        # were built is not lost (`_data_changed` skips them until then).
        await grid.mount_all(
            [
                ChecklistPane(content.steps, id="checklist-pane", classes="pane"),
                QuestionsPane(
                    content.categories, store.own_questions(), id="questions-pane", classes="pane"
                ),
                TimerPane(
                    content.scripts,
                    self.app.clock,
                    pace=self.app.settings.pace_wpm,
                    history=self._paces,
                    microphone=self.app.microphone,
                    recordings=self.app.recordings_folder,
                    id="timer-pane",
                    classes="pane",
                ),
            ]
        )
        if not self.is_attached:  # the app closed meanwhile (the terminal closed as it opened)
            return
        self._panes_built.set()
        self._show_selected()
        self.refresh_bindings()

    @property
    def panes_ready(self) -> bool:
        """Whether the Checklist, Questions and Timer panes are built (see `_build_panes`)."""
        return self._panes_built.is_set()

    async def panes_built(self) -> None:
        """Return once the panes are built: at once after the first moment. Not to be awaited
        on the screen's own task before then (the panes are built there)."""
        await self._panes_built.wait()

    def _paces(self, script_id: str) -> list[float]:
        """The paces of the shown contact's rehearsals of `script_id` (0: a partial run);
        with no contact shown, those saved without one."""
        shown = self.contact.id if self.contact else None
        return [r.wpm for r in self.app.store.rehearsals(script_id) if r.contact_id == shown]

    def on_mount(self) -> None:
        settings = self.app.settings  # where you were last time
        self._place = (settings.last_contact, settings.contact_filter)
        self.query_one(ContactsPane).restore_filter(settings.contact_filter)
        if not self._show_first_screen(settings.last_contact, settings.contact_filter):
            self._show_list(settings.last_contact or None)
        self.query_one(ContactsPane).contact_list.focus()
        self._unreadable_reported = False
        self.call_after_refresh(self._after_first_frame)

    def _show_first_screen(self, last_contact: int, contact_filter: str) -> bool:
        """Draw the list from the first screen kept beside the data file, while the file is
        not read yet, when it shows where she left off (see `data.first_screen`); whether it
        was drawn (if not, the list is drawn from the file, read first)."""
        first = self.app.first_screen
        if first is None or contact_filter.strip():
            return False
        row = first.row_of(last_contact) if last_contact else (0 if first.start == 0 else None)
        if row is None:
            return False
        rows = first.rows()
        self.query_one(ContactsPane).show_first_screen(rows, row)
        self._show_contact(rows[row])
        self._first_screen_shown = True
        return True

    def data_read(self) -> None:
        """The data file is read: its contacts take the place of the first screen's."""
        if self._first_screen_shown:
            self._first_screen_shown = False
            self._show_list(self.app.settings.last_contact or None)

    async def _after_first_frame(self) -> None:
        if self._first_screen_shown:
            # In the terminal first, then the file is read: waited for on a task of its own,
            # as the frame itself needs this screen's task.
            self.run_worker(self._read_once_shown(), group="first-read", exclusive=True)
            return
        await self._start_panes()

    async def _read_once_shown(self) -> None:
        await self.app.screen_shown(FRAME_OUT_SECONDS)
        if self.app.read_data():  # else the app exits, saying why
            await self._start_panes()

    async def _start_panes(self) -> None:
        self.set_interval(CATCH_UP_SECONDS, self.catch_up)
        await self._build_panes()
        self.find_open_calls()

    @work(thread=True, exclusive=True, group="open-calls")
    def find_open_calls(self) -> None:
        """A call left open (the terminal closed, the laptop died) is said at start, not only
        when she presses c on that contact: off the UI thread, as it reads every contact."""
        from infocoach.core.calls import parse_started, resume_text

        store = self.app.store
        now = store.now()
        for contact in store.contacts():
            draft = store.call_draft(contact.id)
            if draft is None:
                continue
            when = resume_text(parse_started(draft.started), now, contact.agreed_minutes)
            said = (
                f"A call with {contact.name} was left open{f' ({when})' if when else ''}: "
                "select them and press c to resume it; your notes are kept."
            )
            self.app.call_from_thread(
                self.notify, said, title="Call left open", markup=False, timeout=20
            )

    @work(thread=True, exclusive=True, group="catch-up")
    def catch_up(self) -> None:
        """Look for what another infocoach (the CLI, another window) saved in the meantime:
        off the UI thread, since reading the file takes time."""
        try:
            changed = self.app.store.refresh()
        except DataFileError as error:
            self.app.call_from_thread(self._caught_up, False, error)
        else:
            self.app.call_from_thread(self._caught_up, changed, None)

    def _caught_up(self, changed: bool, error: DataFileError | None) -> None:
        if error is not None:
            if not self._unreadable_reported:
                self._unreadable_reported = True
                self.notify(
                    str(error), title="Data file", severity="error", markup=False, timeout=30
                )
            return
        self._unreadable_reported = False
        self.app.tell_dropped(self.app.store.take_dropped())
        self.app.tell_merged()
        if changed:
            announce(self.app, *EVERYTHING)
            self.notify("Updated with changes saved elsewhere.")

    # -- what can run now -----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return actions.check(self, actions.find("main", action))

    def why_not(self, action: Action) -> str | None:
        """Why `action` cannot run now (None: it can), in one line."""
        needs = action.needs
        pane = self.query_one(ContactsPane)
        if needs is NEEDS_CONTACT and pane.highlighted_id is None:
            return self._no_contact(action.name)
        if needs is NEEDS_DRILLS and not self.app.guidance.drills:
            return "No role-play drills are loaded."
        if needs is NEEDS_FILTER and not pane.filtering:
            return "The contact filter is not open."
        if needs is NEEDS_REHEARSAL and not self._rehearsing():
            start = actions.keys_text(actions.action("main.timer"))
            return f"No rehearsal is running: {start} starts one."
        return None

    def _rehearsing(self) -> bool:
        timers = self.query(TimerPane)
        return bool(timers) and timers.first().running

    def _no_contact(self, doing: str) -> str:
        pane = self.query_one(ContactsPane)
        if not pane.has_contacts:
            add = actions.keys_text(actions.action("main.add"))
            return f"{doing}: no contacts yet. Press {add} to add one."
        if pane.filtering:
            clear = actions.keys_text(actions.action("contacts.clear_filter"))
            return f"{doing}: no contact matches the filter. Press {clear} to clear it."
        return f"{doing}: select a contact first."

    def selected_contact(self) -> Contact | None:
        """The contact under the list's cursor, read now: visible, never one the filter hides
        (`contact`, which the panes show, follows a moment later while the filter is typed)."""
        return self._now(self.query_one(ContactsPane).highlighted_contact)

    def _now(self, contact: Contact | None) -> Contact | None:
        """The contact as the store holds it now, found by uid: a contact added here may
        have another id once another process's save is caught up with (None: gone)."""
        if contact is None:
            return None
        try:
            return self.app.store.contact_now(contact)
        except KeyError:
            return None

    # -- selection and refreshing ---------------------------------------------------------

    def _show_list(self, select: Contact | int | None = None) -> int | None:
        """Redraw the list from the store, and the other panes for the contact under it;
        `select` goes under the cursor: its id in the list drawn."""
        pane = self.query_one(ContactsPane)
        contacts = self.app.store.contacts()
        select_id = _id_in(contacts, select)
        pane.show_contacts(contacts, select_id)
        self._show_selected()
        return select_id

    def select_contact(self, contact: Contact | int) -> None:
        """Put a contact under the cursor (clearing a filter that hides it)."""
        pane = self.query_one(ContactsPane)
        wanted = self._show_list(contact)
        if wanted is None or pane.highlighted_id != wanted:
            pane.action_clear_filter()
            self._show_list(contact)

    @on(DataChanged)
    def _data_changed(self, event: DataChanged) -> None:
        """Refresh what the change touches; the cursor stays (or moves to `contact_id`)."""
        tables = event.tables
        if not self.panes_ready:  # they are filled from the store when built
            if tables & LISTED:
                self._show_list(event.contact_id if event.select else None)
            return
        if OWN_QUESTIONS in tables:
            self.query_one(QuestionsPane).set_own_questions(self.app.store.own_questions())
        shown = self.contact.id if self.contact else None
        if tables & LISTED:
            self._show_list(event.contact_id if event.select else None)
        elif SETTINGS in tables:
            self._show_contact(self.contact)  # the scripts are filled with your details
        elif tables & {CHECKLIST, QUESTIONS} and shown is not None and event.contact_id == shown:
            try:
                contact = self.app.store.get_contact(event.contact_id)
            except KeyError:
                contact = None
            if contact is not None:
                self.contact = contact
                if CHECKLIST in tables:
                    self.query_one(ChecklistPane).show(contact, self.app.store.search_checklist())
                if QUESTIONS in tables:
                    self.query_one(QuestionsPane).show(contact)
        if REHEARSALS in tables:
            self.query_one(TimerPane).refresh_history()
        self.refresh_bindings()

    @on(ContactList.Highlighted)
    def _contact_highlighted(self, event: ContactList.Highlighted) -> None:
        # The list's cursor now, not the event's: a message queued before a later selection
        # (say, from the first frame) must not take the panes back to an older contact.
        if self._first_screen_shown:  # it shows its contact; the file's list follows it
            return
        contact_id = self.query_one(ContactsPane).highlighted_id
        if (contact_id is None) != self._none_highlighted:
            # Which keys can act changed: redraw the footer (only then: it is a relayout)
            self._none_highlighted = contact_id is None
            self.refresh_bindings()
        resting = self._pending_selection is None
        if self._pending_selection is not None:
            self._pending_selection.stop()
            self._pending_selection = None
        if self.query_one(ContactsPane).filter_input.has_focus:
            # While the user types a filter the list answers each key at once; the other
            # panes follow when the typing pauses.
            self._pending_selection = self.set_timer(FILTER_SETTLE_SECONDS, self._settle)
            return
        if contact_id == (self.contact.id if self.contact else None):
            return  # the panes show it already
        # A move after a rest shows its contact at once (right after the list's frame); moves
        # that follow quickly (a held arrow key) leave the panes until the cursor rests.
        if resting:
            self.call_after_refresh(self._follow_cursor)
        self._pending_selection = self.set_timer(CURSOR_SETTLE_SECONDS, self._cursor_rested)

    def _cursor_rested(self) -> None:
        self._pending_selection = None
        self._follow_cursor()

    def _follow_cursor(self) -> None:
        contact_id = self.query_one(ContactsPane).highlighted_id
        if contact_id != (self.contact.id if self.contact else None):
            self._show_selected()

    def _settle(self) -> None:
        """The typing paused: the panes show the contact under the cursor now (a timer that
        fired just as the cursor moved on must not bring back the one it started with)."""
        self._pending_selection = None
        self._show_selected()

    def _show_selected(self) -> None:
        self._show_contact(self.selected_contact())
        self._place_changed()

    # -- remembering where you are --------------------------------------------------------

    @on(Input.Changed, "#contact-filter")
    def _place_changed(self) -> None:
        """Note the selection and the filter; they are saved once they stay put a moment
        (not at each key), or when the app closes before that."""
        pane = self.query_one(ContactsPane)
        last, _ = self._place
        selected = self.selected_contact()  # its id now, should another save have moved it
        self._place = (selected.id if selected else last, pane.filter_text)  # none: keep last
        if self._pending_place is not None:
            self._pending_place.stop()
        self._pending_place = self.set_timer(PLACE_SETTLE_SECONDS, self.remember_place)

    def remember_place(self) -> None:
        """Save the selected contact and the filter in the settings, when they changed."""
        if self._pending_place is not None:
            self._pending_place.stop()
            self._pending_place = None
        contact_id, filter_text = self._place
        settings = self.app.settings
        if (contact_id, filter_text) != (settings.last_contact, settings.contact_filter):
            self.app.change_settings(last_contact=contact_id, contact_filter=filter_text)

    def on_unmount(self) -> None:
        if self._pending_place is not None:  # quitting before the place settled
            self.remember_place()

    def _show_contact(self, contact: Contact | None) -> None:
        self.contact = contact
        # the header names the contact, and how they answer once the log shows it
        self.sub_title = (
            " · ".join(part for part in (contact.name, contact.contact_type) if part)
            if contact
            else ""
        )
        if not self.panes_ready:  # shown once they are built
            return
        self.query_one(ChecklistPane).show(contact, self.app.store.search_checklist())
        self.query_one(QuestionsPane).show(contact)
        timer = self.query_one(TimerPane)
        timer.show(self._placeholders(contact), self._minutes(contact))
        timer.refresh_history()  # the counts are the contact's own

    def _placeholders(self, contact: Contact | None) -> dict[str, str]:
        return contact_values(self.app.store, contact, self.app.settings.placeholders())

    @staticmethod
    def _minutes(contact: Contact | None) -> int:
        return contact.agreed_minutes if contact else Contact(0, "").agreed_minutes

    def _contact_for(self, doing: str) -> Contact | None:
        """The selected visible contact, shown in the panes too (a selection still settling
        is shown now); None after saying in one line why there is none."""
        if self._pending_selection is not None:
            self._pending_selection.stop()
            self._pending_selection = None
            self._show_selected()
        contact = self.selected_contact()
        if contact is None:
            self.notify(self._no_contact(doing), severity="warning", markup=False)
        return contact

    # -- contacts -------------------------------------------------------------------------

    def action_add_contact(self) -> None:
        from infocoach.tui.dialogs.contact_form import ContactForm  # TextArea is slow to import

        store = self.app.store
        self.app.push_screen(
            ContactForm(
                "Add a contact",
                lambda values: self._saving_referrer(values, lambda v: store.add_contact(**v)),
                contacts=store.contacts(),
                calls_per_day=self.app.settings.calls_per_day,
            ),
            self._after_form,
        )

    def action_edit_contact(self) -> None:
        contact = self._contact_for("Edit contact")
        if contact is None:
            return
        from infocoach.tui.dialogs.contact_form import FIELDS, ContactForm

        store = self.app.store
        initial = {name: str(getattr(contact, name) or "") for name, _, _ in FIELDS}
        initial.update(
            tags=", ".join(contact.tags),
            notes=contact.notes,
            referred_by=self._placeholders(contact).get("referrer", ""),
            given_name=contact.given_name,  # not fields of the form: what its guess reads
            family_name=contact.family_name,
        )

        def update(values: dict[str, str]) -> Contact:
            # Only the fields edited here: a field another window changed meanwhile keeps
            # its new value (the change is applied again on top of theirs when saved).
            edited = {name: value for name, value in values.items() if value != initial.get(name)}
            return store.update_contact(contact.id, **edited)

        form = ContactForm(
            "Edit contact",
            lambda values: self._saving_referrer(values, update),
            initial,
            contacts=store.contacts(),
            contact_id=contact.id,
            calls_per_day=self.app.settings.calls_per_day,
        )
        self.app.push_screen(form, self._after_form)

    def _saving_referrer(
        self, values: dict[str, str], save: Callable[[dict[str, str]], Contact]
    ) -> Contact:
        """Save the form; a referrer who is not a contact yet is added first, in one save."""
        from infocoach.tui.dialogs.contact_form import NEW_REFERRER

        store = self.app.store
        new_referrer = values.pop(NEW_REFERRER, "")
        if not new_referrer:
            return save(values)

        def both() -> Contact:
            referrer = store.add_contact(name=new_referrer)
            return save({**values, "referred_by": f"#{referrer.id}"})

        return store.run_as_one(both)

    def _after_form(self, contact: Contact | None) -> None:
        if contact is not None:
            announce(self.app, CONTACTS, contact_id=contact.id)
            if self._now(contact) is not None:
                self.select_contact(contact)
            self.app.notify_once_saved(f"Saved {contact.name}.")

    def action_delete_contact(self) -> None:
        contact = self._contact_for("Delete contact")
        if contact is None:
            return
        undo = actions.keys_text(actions.action("app.undo"))
        question = Content.assemble(
            "Delete ",
            (contact.name, "bold"),
            f"?\nTheir checklist, questions, events and notes go too. You can undo with {undo}.",
        )

        def answered(yes: bool | None) -> None:
            if yes:
                store = self.app.store
                _, taken = store.undoable(
                    f"deleted {contact.name}", lambda: store.delete_contact(contact.id)
                )
                announce(self.app, CONTACTS, EVENTS, contact_id=contact.id)
                self.app.did(taken, f"Deleted {contact.name}.")

        self.app.push_screen(ConfirmDialog(question), answered)

    def action_filter(self) -> None:
        self.query_one(ContactsPane).open_filter()

    def action_transfer(self, mode: Literal["import", "export"], kind: str) -> None:
        flows.open_transfer(self.app, mode, kind, self.selected_contact())

    # -- checklist and questions ----------------------------------------------------------

    @on(ChecklistPane.Toggled)
    def _toggle_item(self, event: ChecklistPane.Toggled) -> None:
        contact = self._contact_for("Tick")
        if contact is None:
            return
        store = self.app.store
        item_id = event.item_id
        ticked = store.search_checklist() if event.search else contact.checklist
        doing = "Ticked" if item_id not in ticked else "Unticked"
        item = self.app.guidance.item(item_id)
        step = item.text if item else item_id
        contact_id = contact.id

        def change() -> object:
            if event.search:  # the same tick for every contact
                return store.toggle_search_checked(item_id)
            return store.toggle_checked(contact_id, item_id)

        _, undo = store.undoable(f"{doing.lower()} “{step}”", change)
        whom = "your whole search" if event.search else contact.name
        announce(self.app, CHECKLIST, contact_id=contact.id)
        self.app.did(undo, f"{doing} “{step}” for {whom}.")

    @on(QuestionsPane.Chosen)
    def _choose_question(self, event: QuestionsPane.Chosen) -> None:
        contact = self._contact_for("Choose a question")
        if contact is not None:
            self.app.store.choose_question(contact.id, event.question_id)
            announce(self.app, QUESTIONS, contact_id=contact.id)

    @on(ChosenList.Dropped)
    def _drop_question(self, event: ChosenList.Dropped) -> None:
        contact = self._contact_for("Remove")
        if contact is None:
            return
        store = self.app.store
        _, undo = store.undoable(
            f"removed a question for {contact.name}",
            lambda: store.drop_question(contact.id, event.question_id),
        )
        announce(self.app, QUESTIONS, contact_id=contact.id)
        self.app.did(undo, f"Removed the question from {contact.name}'s list.")

    @on(ChosenList.Moved)
    def _move_question(self, event: ChosenList.Moved) -> None:
        contact = self._contact_for("Move")
        if contact is not None:
            self.app.store.move_question(contact.id, event.question_id, event.offset)
            announce(self.app, QUESTIONS, contact_id=contact.id)

    async def action_own_question(self) -> None:
        await self.panes_built()  # a key pressed before then waits for them

        def added(text: str | None) -> None:
            if text:
                own = self.app.store.add_own_question(text)
                pane = self.query_one(QuestionsPane)
                pane.set_own_questions(self.app.store.own_questions())
                pane.show_in_bank(own.id)  # where it went, in view
                announce(self.app, OWN_QUESTIONS)
                self.notify("Added to “Your own questions”.")

        self.app.push_screen(QuestionDialog(), added)

    # -- timer and overlays ---------------------------------------------------------------

    async def action_toggle_timer(self) -> None:
        await self.panes_built()
        self.query_one(TimerPane).toggle()

    async def action_finish_rehearsal(self) -> None:
        await self.panes_built()
        self.query_one(TimerPane).stop(finished=True)

    async def action_toggle_listening(self) -> None:
        await self.panes_built()
        listens = self.query_one(TimerPane).toggle_listening()
        if listens is not None:
            self.notify(
                "Rehearsals listen now: t starts one, and your pace is heard."
                if listens
                else "Rehearsals no longer listen."
            )

    async def action_reset_timer(self) -> None:
        await self.panes_built()
        self.query_one(TimerPane).reset()

    async def action_pace(self, steps: int) -> None:
        await self.panes_built()
        self.query_one(TimerPane).step_pace(steps)

    @on(TimerPane.Finished)
    def _rehearsed(self, event: TimerPane.Finished) -> None:
        """Save a finished rehearsal (not a double tap of `t`) and show the new history; a
        partial run is saved with its seconds and a pace of 0 (no pace)."""
        result, contact = event.result, self.selected_contact()
        if not result.counts:
            return
        contact_id = contact.id if contact else None
        self.app.store.add_rehearsal(
            event.script_id, result.seconds, result.wpm, contact_id, event.heard
        )
        announce(self.app, REHEARSALS, contact_id=contact_id)

    @on(TimerPane.PaceChanged)
    def _pace_changed(self, event: TimerPane.PaceChanged) -> None:
        self.app.change_settings(pace_wpm=event.wpm)

    async def action_call_mode(self) -> None:
        await self.panes_built()
        contact = self._contact_for("Call mode")
        if contact is None:
            return
        flows.start_call(self.app, contact)

    def action_drill(self) -> None:
        from infocoach.tui.dialogs.drill import DrillDialog

        if not self.app.guidance.drills:
            self.notify(self.why_not(actions.action("main.drill")) or "", severity="warning")
            return
        self.app.push_screen(
            DrillDialog(self.app.guidance.drills, values=self.app.settings.placeholders())
        )

    def action_guide(self) -> None:
        self.app.push_screen(GuideDialog(self.app.guidance.cards))

    def action_insights(self) -> None:
        flows.open_insights(self.app)

    # -- follow-up ------------------------------------------------------------------------

    def action_log_event(self) -> None:
        contact = self._contact_for("Log an event")
        if contact is not None:
            flows.log_event(self.app, contact)

    def action_messages(self) -> None:
        contact = self._contact_for("Message templates")
        if contact is not None:
            flows.open_message(self.app, contact)

    def action_referrals(self) -> None:
        contact = self._contact_for("Referrals")
        if contact is not None:
            flows.open_referrals(self.app, contact)

    def action_history(self) -> None:
        contact = self._contact_for("History")
        if contact is not None:
            flows.open_history(self.app, contact)

    def action_my_details(self) -> None:
        flows.edit_my_details(self.app)

    def action_targets(self) -> None:
        flows.open_targets(self.app, self._target_chosen)

    def _target_chosen(self, contact_id: int | None) -> None:
        if contact_id is not None:
            self.select_contact(contact_id)

    async def action_agenda(self) -> None:
        await self.panes_built()  # an agenda item may go to the checklist
        flows.open_agenda(self.app, self._agenda_chosen)

    def _agenda_chosen(self, item: AgendaItem | None) -> None:
        if item is None:
            return
        try:
            contact = self.app.store.get_contact(item.contact_id)
        except KeyError:
            self.notify("That contact is no longer there.", severity="warning")
            return
        self.select_contact(contact)
        if item.script and self.app.guidance.script(item.script):
            back = functools.partial(flows.open_agenda, self.app, self._agenda_chosen)
            flows.open_message(self.app, contact, item.script, closed=back)
        elif item.action == "prepare":
            self._focus_prepare(contact)

    def _focus_prepare(self, contact: Contact) -> None:
        checklist = self.query_one(ChecklistPane)
        left = [i for i in prepare_item_ids(self.app.guidance) if i not in contact.checklist]
        if left:
            checklist.go_to(left[0])
        checklist.items.focus()
        why = actions.keys_text(actions.action("checklist.why"))
        tick = actions.keys_text(actions.action("checklist.toggle"))
        self.notify(
            f"Tick the Prepare items before you meet {contact.name} "
            f"({tick} ticks, {why} says why).",
            markup=False,
        )


def _id_in(contacts: list[Contact], select: Contact | int | None) -> int | None:
    """The id `select` has in `contacts`. A contact is found by its uid: the writer may have
    caught up with another process's save since it was read, and given it another id (its
    old one may now be someone else's)."""
    if not isinstance(select, Contact):
        return select
    if not select.uid:
        return select.id
    return next((contact.id for contact in contacts if contact.uid == select.uid), None)
