"""The main screen's follow-up commands: log an event, drafts, the Agenda, referrals, your details.

A mixin for MainScreen, which provides `contact`, `_reload_contacts`, `_show_contact` and `_save`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand

from infocoach.core.agenda import agenda_items, prepare_item_ids
from infocoach.core.drafts import contact_values, referrer_of
from infocoach.core.models import STAGE_LABELS, InvalidInput
from infocoach.tui.widgets.checklist import ChecklistPane
from infocoach.tui.widgets.contacts import ContactsPane

# The screens below are imported when first opened: the first frame does not wait for them.
if TYPE_CHECKING:
    from infocoach.core.agenda import AgendaItem
    from infocoach.core.models import Contact
    from infocoach.tui.app import InfoCoachApp
    from infocoach.tui.dialogs.log_event import LoggedEvent


class FollowUpActions:
    app: InfoCoachApp
    contact: Contact | None
    notify: Callable[..., Any]
    _reload_contacts: Callable[..., None]
    _show_contact: Callable[..., None]
    _save: Callable[..., Any]
    query_one: Callable[..., Any]

    def _under_cursor(self) -> Contact | None:
        """The contact under the list's cursor, read now (`contact` follows a moment later)."""
        contact_id = self.query_one(ContactsPane).highlighted_id
        if contact_id is None:
            return None
        try:
            return self.app.store.get_contact(contact_id)
        except KeyError:
            return None

    # -- log an event ---------------------------------------------------------------------

    def action_log_event(self) -> None:
        contact = self._under_cursor()
        if contact is None:
            self.notify("Select a contact first.", severity="warning")
            return
        self.log_event_for(contact)

    def log_event_for(
        self, contact: Contact, suggest: str | None = None, then: Callable[[], None] | None = None
    ) -> None:
        """Ask which event to log for `contact`; save it; then call `then`."""
        from infocoach.tui.dialogs.log_event import LogEventDialog

        def chosen(logged: LoggedEvent | None) -> None:
            if logged is not None and self._log(contact, logged) and then is not None:
                then()

        self.app.push_screen(LogEventDialog(contact, self.app.store.today(), suggest), chosen)

    def _log(self, contact: Contact, logged: LoggedEvent) -> bool:
        store = self.app.store
        try:
            saved = self._save(
                lambda: store.log_event(contact.id, logged.event, day=logged.day, note=logged.note)
            )
        except (KeyError, InvalidInput) as error:
            self.notify(f"Not logged: {error}", severity="error", markup=False)
            return False
        if saved is None:
            return False
        stage = store.get_contact(contact.id).stage
        self._reload_contacts(self.contact.id if self.contact else contact.id)
        self.notify(
            f"Logged {logged.event} for {contact.name} on {logged.day.isoformat()}. "
            f"Stage: {STAGE_LABELS.get(stage, stage)}.",
            markup=False,
        )
        return True

    # -- message templates ----------------------------------------------------------------

    def action_messages(self) -> None:
        contact = self._under_cursor()
        if contact is None:
            self.notify("Select a contact first.", severity="warning")
            return
        self.open_message(contact)

    def open_message(self, contact: Contact, script_id: str | None = None) -> None:
        from infocoach.tui.screens.message import DRAFTS_FOLDER, MessageEditor

        app = self.app
        referrer = referrer_of(app.store, contact)
        connections = [contact.how_met]
        if referrer is not None:
            connections += [referrer.name, referrer.first_name]
        editor = MessageEditor(
            contact,
            app.guidance.scripts,
            contact_values(app.store, contact, app.settings.placeholders()),
            drafts_dir=app.store.path.parent / DRAFTS_FOLDER,
            connections=connections,
            script_id=script_id,
        )
        app.push_screen(editor)

    # -- the agenda -----------------------------------------------------------------------

    def agenda(self) -> list[AgendaItem]:
        app = self.app
        return agenda_items(
            app.store, app.store.today(), prepare_items=prepare_item_ids(app.guidance)
        )

    def action_agenda(self) -> None:
        from infocoach.tui.screens.agenda import AgendaScreen

        def log(item: AgendaItem, done: Callable[[], None]) -> None:
            try:
                contact = self.app.store.get_contact(item.contact_id)
            except KeyError:
                return
            self.log_event_for(contact, item.event, done)

        self.app.push_screen(
            AgendaScreen(self.agenda, self.app.store.today(), log), self._agenda_chosen
        )

    def _agenda_chosen(self, item: AgendaItem | None) -> None:
        if item is None:
            self._reload_contacts(self.contact.id if self.contact else None)
            return
        try:
            contact = self.app.store.get_contact(item.contact_id)
        except KeyError:
            self.notify("That contact is no longer there.", severity="warning")
            return
        self.select_contact(contact)
        if item.script and self.app.guidance.script(item.script):
            self.open_message(contact, item.script)
        elif item.action == "prepare":
            self._focus_prepare(contact)

    def select_contact(self, contact: Contact) -> None:
        """Put `contact` under the cursor on the main screen (clearing a filter that hides it)."""
        pane = self.query_one(ContactsPane)
        self._reload_contacts(contact.id)
        if pane.highlighted_id != contact.id:
            pane.action_clear_filter()
            self._reload_contacts(contact.id)
        self._show_contact(contact)

    def _focus_prepare(self, contact: Contact) -> None:
        checklist = self.query_one(ChecklistPane)
        left = [i for i in prepare_item_ids(self.app.guidance) if i not in contact.checklist]
        if left:
            index = checklist.items.get_option_index(left[0])
            checklist.items.highlighted = index
        checklist.items.focus()
        self.notify(
            f"Tick the Prepare items before you meet {contact.name} (space ticks, w says why).",
            markup=False,
        )

    # -- referrals ------------------------------------------------------------------------

    def action_referrals(self) -> None:
        contact = self._under_cursor()
        if contact is None:
            self.notify("Select a contact first.", severity="warning")
            return
        from infocoach.tui.screens.referrals import ReferralsScreen

        store = self.app.store
        interviewed = [
            contact_id
            for contact_id, events in store.events_by_contact().items()
            if any(event.kind == "interviewed" for event in events)
        ]
        self.app.push_screen(
            ReferralsScreen(contact, store.contacts(), store.interviews(), interviewed)
        )

    # -- your details ---------------------------------------------------------------------

    def action_my_details(self) -> None:
        from infocoach.tui.dialogs.settings_form import SettingsForm

        def saved(values: dict[str, str] | None) -> None:
            if values is None:
                return
            self.app.change_settings(**values)
            self._show_contact(self.contact)
            self.notify("Your details are saved; the scripts use them now.")

        self.app.push_screen(SettingsForm(self.app.settings.placeholders()), saved)


def followup_commands(screen: Any) -> Iterator[SystemCommand]:
    """The palette entries for the follow-up commands of the main screen."""
    yield SystemCommand("Agenda", "What is due and overdue today (A)", screen.action_agenda)
    yield SystemCommand("Log an event", "Reached out, replied, interviewed, thanked… (l)",
                        screen.action_log_event)  # fmt: skip
    yield SystemCommand("Message templates", "Draft, check and copy a message to the selected "
                        "contact (m)", screen.action_messages)  # fmt: skip
    yield SystemCommand("Referrals", "Who referred whom, and names gained per interview (R)",
                        screen.action_referrals)  # fmt: skip
    yield SystemCommand("Your details", "Your name, phone, purpose and background for the "
                        "scripts", screen.action_my_details)  # fmt: skip
