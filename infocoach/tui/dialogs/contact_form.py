"""The add / edit contact form: every field, validated inline, saved with ctrl+s."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from textual import on
from textual.content import Content
from textual.widgets import Input, Static

from infocoach.core.agenda import CALLS_PER_DAY, busy_day_note
from infocoach.core.models import ID_REFERENCE, MEETING_FORMAT, Contact, parse_meeting
from infocoach.core.names import greeting_name
from infocoach.core.text import clean_line, fold
from infocoach.tui.dialogs.choose_contact import ChooseContactDialog
from infocoach.tui.dialogs.record_form import Field, RecordForm

FIELDS: tuple[Field, ...] = (
    ("name", "Name", "Who you want to talk to"),
    ("greet_as", "Greet as", "What you call them after “Hello”"),
    ("company", "Company", ""),
    ("role", "Role", "Their job title"),
    ("industry", "Industry", ""),
    ("email", "Email", ""),
    ("phone", "Phone", ""),
    ("linkedin", "LinkedIn URL", ""),
    ("website", "Website", "Their own page or the company's"),
    ("time_zone", "Time zone", "Where they are, if abroad: Asia/Tokyo, America/Chicago…"),
    ("how_met", "I found your name…", "through Maya Okafor, at the PyData meetup..."),
    ("referred_by", "Referred by", "Who referred you: a contact's name, or a new one"),
    ("tags", "Tags", "Comma separated"),
    ("meeting", "Meeting", "YYYY-MM-DD HH:MM"),
    ("minutes", "Minutes agreed", "15 or 20 is a good ask"),
    ("meeting_kind", "Meeting by", "phone, video or in person (phone)"),
    ("keep_in_touch_weeks", "Keep in touch", "Every how many weeks after thanking them (6)"),
    (
        "contact_type_override",
        "Answers like a",
        "booster, obligate or curmudgeon; blank: as your log shows",
    ),
)


NEW_REFERRER = "new_referrer"  # in the saved values: a referrer to add as a contact first


class ContactForm(RecordForm[Contact]):
    """Dismisses with the saved contact, or None when cancelled.

    A referrer typed by name is checked against `contacts` before saving: when several share
    the name, a picker asks which one (the value saved is then `#ID`); when none has it, the
    form offers to add the referrer as a contact too, in the same save (`NEW_REFERRER`).

    A meeting typed on a day that already holds `calls_per_day` calls is pointed out under
    the field (it can still be saved: the day is hers to choose).
    """

    FIELDS = FIELDS

    def __init__(
        self,
        title: str,
        save: Callable[[dict[str, str]], Contact],
        initial: Mapping[str, str] | None = None,
        contacts: Sequence[Contact] = (),
        *,
        contact_id: int | None = None,
        calls_per_day: int = CALLS_PER_DAY,
    ) -> None:
        """`contact_id`: the contact edited (None: a new one)."""
        super().__init__(title, save, initial)
        self._contacts = contacts
        self._contact_id = contact_id
        self._calls_per_day = calls_per_day
        self._chosen_referrers: dict[str, int] = {}  # typed name (folded) -> the one meant
        self._new_referrer = ""

    def on_mount(self) -> None:
        self._show_greeting(self._initial.get("name", ""))
        field = self.query_one("#field-meeting Vertical")
        field.mount(Static(id="meeting-busy", classes="hint", markup=False))
        self._point_out_busy_day()

    @on(Input.Changed, "#name")
    def _name_changed(self, event: Input.Changed) -> None:
        self._show_greeting(event.value)

    def _show_greeting(self, name: str) -> None:
        """The greeting the app would use, as the "Greet as" field's placeholder: what she
        sees is what a draft says, until she types her own."""
        name = clean_line(name)
        if not name:
            return
        given, family = self._initial.get("given_name", ""), self._initial.get("family_name", "")
        guess = greeting_name(name, given, family)
        self.query_one("#greet_as", Input).placeholder = f"{guess} (type to change)"

    @on(Input.Changed, "#meeting")
    def _point_out_busy_day(self) -> None:
        try:
            typed = parse_meeting(self.query_one("#meeting", Input).value)
        except ValueError:
            typed = None  # not a time yet: saving says what is wrong
        note = ""
        if typed is not None:
            meeting = datetime.strptime(typed, MEETING_FORMAT)
            note = busy_day_note(self._contacts, meeting, self._calls_per_day, self._contact_id)
        hint = self.query("#meeting-busy")
        if hint:
            busy = hint.first(Static)
            busy.update(note)
            busy.display = bool(note)

    def ready(self, values: dict[str, str]) -> dict[str, str] | None:
        if not self._referrer_settled(clean_line(values["referred_by"])):
            return None
        typed = fold(values["referred_by"])
        if typed in self._chosen_referrers:
            values["referred_by"] = f"#{self._chosen_referrers[typed]}"
        elif typed and typed == fold(self._new_referrer):
            values[NEW_REFERRER] = self._new_referrer
        return values

    def _referrer_settled(self, typed: str) -> bool:
        """Whether the typed referrer says whom it means; if not, ask (and save after)."""
        unchanged = typed == clean_line(self._initial.get("referred_by", ""))
        folded = fold(typed)
        if not typed or unchanged or ID_REFERENCE.fullmatch(typed):
            return True
        if folded in self._chosen_referrers or folded == fold(self._new_referrer):
            return True
        named = [c for c in self._contacts if fold(c.name) == folded]
        if len(named) == 1:
            return True
        if named:
            self._ask_which(typed, named)
        else:
            self._offer_new_referrer(typed)
        return False

    def _ask_which(self, typed: str, named: list[Contact]) -> None:
        def chosen(contact: Contact | None) -> None:
            if contact is not None:
                self._chosen_referrers[fold(typed)] = contact.id
                self.action_save()
            else:
                self.query_one("#referred_by", Input).focus()

        question = f"{len(named)} contacts are named “{typed}”. Which one referred you?"
        self.app.push_screen(ChooseContactDialog(question, named), chosen)

    def _offer_new_referrer(self, typed: str) -> None:
        def answered(add: bool | None) -> None:
            if add:
                self._new_referrer = typed
                self.action_save()
            else:
                self.query_one("#referred_by", Input).focus()

        question = Content.assemble(
            "No contact is named “",
            (typed, "bold"),
            "”. Add them as a contact too (you can fill in their details later)?",
        )
        self.app.ask(question, answered, yes="Add them too", no="Back to the form", danger=False)
