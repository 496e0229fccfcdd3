"""Small flows that open a screen for a contact and save what it returns: log an event, draft a
message, referrals, your details, the Agenda, import and export. Each change ends in one
`DataChanged`.

They take the app (and a contact) and know nothing of the main screen.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from infocoach.core.agenda import NO_SHOW_SCRIPT, agenda_items, no_show_from, prepare_item_ids
from infocoach.core.calls import parse_started, resume_text
from infocoach.core.drafts import contact_values, referrer_of
from infocoach.core.models import STAGE_LABELS, InvalidInput
from infocoach.tui import actions
from infocoach.tui.messages import CHECKLIST, COMPANIES, CONTACTS, EVENTS, SETTINGS, announce

# The screens below are imported when first opened: the first frame does not wait for them.
if TYPE_CHECKING:
    from infocoach.core.agenda import AgendaItem
    from infocoach.core.companies import Target
    from infocoach.core.insights import Conversation
    from infocoach.core.models import Company, Contact
    from infocoach.tui.app import InfoCoachApp
    from infocoach.tui.dialogs.log_event import LoggedEvent
    from infocoach.tui.dialogs.transfer_dialog import Mode, TransferDone


# -- log an event ---------------------------------------------------------------------------


def log_event(app: InfoCoachApp, contact: Contact, suggest: str | None = None) -> None:
    """Ask which event to log for `contact` (offering `suggest`), and save it."""
    from infocoach.tui.dialogs.log_event import LogEventDialog

    def chosen(logged: LoggedEvent | None) -> None:
        if logged is not None:
            _save_event(app, contact, logged)

    app.push_screen(LogEventDialog(contact, app.store.today(), suggest), chosen)


def _save_event(app: InfoCoachApp, contact: Contact, logged: LoggedEvent) -> bool:
    store = app.store
    done_by = app.guidance.done_by()
    try:
        saved, undo = store.undoable(
            f"logged {logged.event} for {contact.name}",
            lambda: store.log_event_ticking(
                contact.id, logged.event, done_by, day=logged.day, note=logged.note
            ),
        )
    except (KeyError, InvalidInput) as error:
        app.notify(f"Not logged: {error}", severity="error", markup=False)
        return False
    stage = store.get_contact(contact.id).stage
    announce(app, EVENTS, CHECKLIST, contact_id=contact.id)
    items = [app.guidance.item(item_id) for item_id in saved.ticked]
    ticked = "".join(f" Ticked “{item.text}”." for item in items if item is not None)
    app.did(
        undo,
        f"Logged {logged.event} for {contact.name} on {logged.day.isoformat()}. "
        f"Stage: {STAGE_LABELS.get(stage, stage)}.{ticked}",
    )
    return True


def move_meeting(
    app: InfoCoachApp, contact: Contact, hint: str, done: Callable[[bool], None] | None = None
) -> None:
    """Ask for the meeting's new time and save it, with a `scheduled` event that says from
    when it moved (one undoable change); `done(moved)` runs after."""
    from infocoach.tui.dialogs.new_time import NewTimeDialog

    store = app.store

    def chosen(meeting: str | None) -> None:
        if meeting is None:
            if done is not None:
                done(False)
            return
        moved_from = f"moved from {contact.meeting}" if contact.meeting else "time agreed"

        def move() -> None:
            store.update_contact(contact.id, meeting=meeting)
            store.log_event(contact.id, "scheduled", note=moved_from)

        try:
            _, undo = store.undoable(f"moved the meeting with {contact.name}", move)
        except (KeyError, InvalidInput) as error:
            app.notify(f"Not moved: {error}", severity="error", markup=False)
            if done is not None:
                done(False)
            return
        announce(app, CONTACTS, EVENTS, contact_id=contact.id)
        app.did(undo, f"The meeting with {contact.name} is now {meeting}.")
        if done is not None:
            done(True)

    app.push_screen(NewTimeDialog(contact.name, contact.meeting, hint), chosen)


# -- message templates ----------------------------------------------------------------------


def open_message(
    app: InfoCoachApp,
    contact: Contact,
    script_id: str | None = None,
    closed: Callable[[], None] | None = None,
) -> None:
    """The draft editor for `contact`; `closed()` runs when she closes it (the agenda opens
    again then, so a draft opened from her morning list goes back to it)."""
    from infocoach.tui.dialogs.message_editor import DRAFTS_FOLDER, MessageEditor

    referrer = referrer_of(app.store, contact)
    connections = [contact.how_met]
    if referrer is not None:
        connections += [referrer.name, referrer.greeting]
    editor = MessageEditor(
        contact,
        app.guidance.scripts,
        contact_values(app.store, contact, app.settings.placeholders()),
        drafts_dir=app.store.path.parent / DRAFTS_FOLDER,
        connections=connections,
        script_id=script_id,
        drafts=app.store.message_drafts(contact.id),
        keep=lambda template, text: app.store.keep_message_draft(
            app.store.contact_now(contact).id, template, text
        ),
        pace=app.settings.pace_wpm,
    )
    app.push_screen(editor, (lambda _: closed()) if closed is not None else None)


# -- the agenda -----------------------------------------------------------------------------


def agenda(app: InfoCoachApp) -> list[AgendaItem]:
    """What is due today, from the store."""
    return agenda_items(
        app.store,
        app.store.today(),
        prepare_items=prepare_item_ids(app.guidance),
        calls_per_day=app.settings.calls_per_day,
    )


def open_agenda(app: InfoCoachApp, chosen: Callable[[AgendaItem | None], None]) -> None:
    """The Agenda; `l` logs an item; `chosen(item)` runs with the item opened (None: closed)."""
    from infocoach.tui.screens.agenda import AgendaScreen

    def log(item: AgendaItem) -> None:
        try:
            contact = app.store.get_contact(item.contact_id)
        except KeyError:
            return
        log_event(app, contact, item.event)

    def answer(item: AgendaItem, what: str) -> None:
        try:
            contact = app.store.get_contact(item.contact_id)
        except KeyError:
            return
        answer_meeting_question(app, contact, what, item.due)

    app.push_screen(AgendaScreen(lambda: agenda(app), app.store.today(), log, answer), chosen)


def answer_meeting_question(app: InfoCoachApp, contact: Contact, what: str, day: date) -> None:
    """Did the meeting on `day` happen? "happened" logs the talk on its day; "moved" asks
    for the new time; "no-show", once ten minutes have passed, logs it and opens the one kind
    note to send (after it, nothing more is asked of her)."""
    from infocoach.tui.dialogs.log_event import LoggedEvent

    if what == "happened":
        _save_event(app, contact, LoggedEvent("interviewed", day))
    elif what == "moved":
        move_meeting(app, contact, "The agenda then asks nothing more about the old time.")
    elif what == "no-show":
        waited_until = no_show_from(contact)
        if waited_until is not None and app.store.now() < waited_until:
            again = actions.keys_text(actions.action("agenda.no_show"))
            app.notify(
                f"People run late: give {contact.name} until {waited_until:%H:%M}, "
                f"then {again} again.",
                markup=False,
            )
            return
        if _save_event(app, contact, LoggedEvent("no-show", day, "one kind note, then let it go")):
            open_message(app, contact, NO_SHOW_SCRIPT)


# -- target companies -------------------------------------------------------------------------


def open_targets(app: InfoCoachApp, chosen: Callable[[int | None], None]) -> None:
    """The LAMP list; `e` edits a company; `chosen(contact_id)` runs with the contact to
    select (None: closed)."""
    from infocoach.core.insights import merge_interviews
    from infocoach.tui.screens.targets import TargetsScreen

    store = app.store

    def heard(target: Target) -> list[tuple[Contact, Conversation]]:
        people = {contact.id: contact for contact in target.contacts}
        conversations = merge_interviews(store.interviews(), store.events_by_contact())
        return [
            (people[c.contact_id], c) for c in conversations if c.contact_id in people and c.notes
        ]

    app.push_screen(
        TargetsScreen(store.targets, heard, lambda target: edit_company(app, target.company)),
        chosen,
    )


def edit_company(app: InfoCoachApp, company: Company) -> None:
    from infocoach.tui.dialogs.company_form import CompanyForm, company_initial, company_values

    store = app.store
    initial = company_initial(company)

    def save(typed: dict[str, str]) -> Company:
        values = company_values(typed)
        edited = {name: value for name, value in values.items() if typed[name] != initial[name]}
        saved, undo = store.undoable(
            f"edit {company.name}", lambda: store.update_company(company.id, **edited)
        )
        app.did(undo, f"Saved {saved.name}.", once_saved=True)
        announce(app, COMPANIES)
        return saved

    app.push_screen(CompanyForm(f"Edit {company.name}", save, initial))


# -- referrals ------------------------------------------------------------------------------


def open_referrals(app: InfoCoachApp, contact: Contact) -> None:
    from infocoach.tui.dialogs.referrals import ReferralsDialog

    store = app.store
    interviewed = [
        contact_id
        for contact_id, events in store.events_by_contact().items()
        if any(event.kind == "interviewed" for event in events)
    ]
    app.push_screen(ReferralsDialog(contact, store.contacts(), store.interviews(), interviewed))


# -- history --------------------------------------------------------------------------------


def open_history(app: InfoCoachApp, contact: Contact) -> None:
    """The contact's events and interviews, to correct or delete (each change undoable)."""
    from infocoach.tui.dialogs.history import HistoryDialog

    app.push_screen(HistoryDialog(contact))


# -- your details ---------------------------------------------------------------------------


def edit_my_details(app: InfoCoachApp) -> None:
    from infocoach.tui.dialogs.settings_form import SettingsForm

    def saved(values: dict[str, str] | None) -> None:
        if values is None:
            return
        saved = app.change_settings(**values)
        announce(app, SETTINGS)
        if saved:
            app.notify("Your details are saved; the scripts use them now.")
        else:
            app.notify("The scripts use your details now, until you quit: they are not saved.")

    # the time zone she set, not the computer's the scripts fall back on: blank stays blank
    current = {**app.settings.placeholders(), "my_time_zone": app.settings.my_time_zone}
    app.push_screen(SettingsForm(current), saved)


# -- import and export ----------------------------------------------------------------------


def open_transfer(app: InfoCoachApp, mode: Mode, kind: str, contact: Contact | None = None) -> None:
    """Push the dialog (an export may include the brief of `contact`); afterwards, the toast,
    and a `DataChanged` when contacts were added."""
    from infocoach.tui.dialogs.transfer_dialog import TransferDialog

    def finished(done: TransferDone | None) -> None:
        if done is None:
            return
        if done.changed:
            announce(app, CONTACTS, EVENTS)
        title = "Import" if mode == "import" else "Export"
        app.notify(
            done.message,
            title=title,
            markup=False,
            timeout=12,
            severity="warning" if done.warning else "information",
        )

    app.push_screen(TransferDialog(mode, kind, contact), finished)


# -- call mode and insights ------------------------------------------------------------------


def start_call(
    app: InfoCoachApp, contact: Contact, done: Callable[[bool], None] | None = None
) -> None:
    """Offer the warm-up, then open call mode; `done(logged)` runs when call mode closes."""
    from infocoach.core.opener import opener_of
    from infocoach.exchange.operations import call_plan  # the brief plans the call the same way
    from infocoach.tui.dialogs.call_dialogs import CallStartDialog
    from infocoach.tui.dialogs.warmup import WarmupDialog
    from infocoach.tui.screens.call import CallScreen

    referrer = referrer_of(app.store, contact)
    plan = call_plan(
        app.store, app.guidance, contact, app.settings.my_purpose, referrer.name if referrer else ""
    )

    def open_call(resume: bool = False) -> None:
        app.push_screen(
            CallScreen(
                plan,
                app.guidance.cards_for("during", plan.meeting_kind),
                functools.partial(move_meeting, app),
                resume=resume,
            ),
            lambda logged: done(bool(logged)) if done is not None else None,
        )

    def warmed_up(go: bool | None) -> None:
        if go:
            open_call()

    def chosen(choice: str | None) -> None:
        if choice in ("call", "over", "resume"):
            open_call(resume=choice == "resume")
        elif choice == "warmup":  # the opener read once: the first line of the first minute
            opener = opener_of(plan).confirm
            app.push_screen(WarmupDialog(plan.name, opener, plan.purpose), warmed_up)

    # A call left unfinished (left, crashed, terminal closed) can be resumed.
    draft = app.store.call_draft(contact.id)
    resume = None
    if draft is not None:
        resume = resume_text(parse_started(draft.started), app.store.now(), plan.minutes)
    app.push_screen(CallStartDialog(plan.name, resume), chosen)


def open_insights(app: InfoCoachApp) -> None:
    """The pipeline, the interviews by week and what she heard."""
    from infocoach.core.insights import from_store
    from infocoach.tui.screens.insights import InsightsScreen

    app.push_screen(InsightsScreen(from_store(app.store)))
