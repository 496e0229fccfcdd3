"""The add / edit contact form: every field, validated inline, saved with ctrl+s."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Static, TextArea

from infocoach.core.models import ID_REFERENCE, Contact, InvalidInput
from infocoach.core.text import clean_line
from infocoach.tui import actions
from infocoach.tui.dialogs.base import Dialog

# field, label, placeholder
FIELDS = (
    ("name", "Name", "Who you want to talk to"),
    ("company", "Company", ""),
    ("role", "Role", "Their job title"),
    ("industry", "Industry", ""),
    ("email", "Email", ""),
    ("phone", "Phone", ""),
    ("linkedin", "LinkedIn URL", ""),
    ("website", "Website", "Their own page or the company's"),
    ("how_met", "I found your name…", "through Maya Okafor, at the PyData meetup..."),
    ("referred_by", "Referred by", "Who referred you: a contact's name, or a new one"),
    ("tags", "Tags", "Comma separated"),
    ("meeting", "Meeting", "YYYY-MM-DD HH:MM"),
    ("minutes", "Minutes agreed", "15 or 20 is a good ask"),
    ("meeting_kind", "Meeting by", "phone, video or in person (phone)"),
    ("keep_in_touch_weeks", "Keep in touch", "Every how many weeks after thanking them (6)"),
)


NEW_REFERRER = "new_referrer"  # in the saved values: a referrer to add as a contact first


class ContactForm(Dialog[Contact | None]):
    """Dismisses with the saved contact, or None when cancelled.

    A referrer typed by name is checked against `contacts` before saving: when several share
    the name, a picker asks which one (the value saved is then `#ID`); when none has it, the
    form offers to add the referrer as a contact too, in the same save (`NEW_REFERRER`).
    """

    DEFAULT_CSS = """
    ContactForm > #dialog-box { width: 80; padding: 0 1; }
    ContactForm VerticalScroll { height: auto; max-height: 1fr; }
    ContactForm .error { display: none; height: auto; }
    ContactForm .field.-invalid .error { display: block; }
    ContactForm .field.-invalid Input { background: $error 25%; }
    ContactForm #notes { height: 5; border: none; background: $boost; }
    ContactForm #notes:focus { background: $primary 30%; }
    """

    BINDINGS = actions.bindings("form")
    AUTO_FOCUS = "#name"

    def __init__(
        self,
        title: str,
        save: Callable[[dict[str, str]], Contact],
        initial: dict[str, str] | None = None,
        contacts: Sequence[Contact] = (),
    ) -> None:
        super().__init__()
        self._title = title
        self._save = save
        self._initial = initial or {}
        self._contacts = contacts
        self._chosen_referrers: dict[str, int] = {}  # typed name (folded) -> the one meant
        self._new_referrer = ""

    def box_title(self) -> str:
        return self._title

    def compose_body(self) -> ComposeResult:
        with VerticalScroll():
            for name, label, placeholder in FIELDS:
                with Horizontal(classes="field", id=f"field-{name}"):
                    yield Label(label)
                    with Vertical():
                        yield Input(self._initial.get(name, ""), placeholder=placeholder, id=name)
                        yield Static(classes="error", markup=False)
            with Horizontal(classes="field", id="field-notes"):
                yield Label("Notes")
                with Vertical():
                    yield TextArea(self._initial.get("notes", ""), id="notes")
                    yield Static(classes="error", markup=False)

    def values(self) -> dict[str, str]:
        found = {name: self.query_one(f"#{name}", Input).value for name, _, _ in FIELDS}
        found["notes"] = self.query_one("#notes", TextArea).text
        return found

    def action_save(self) -> None:
        for field in self.query(".field"):
            field.remove_class("-invalid")
        values = self.values()
        if not self._referrer_settled(clean_line(values["referred_by"])):
            return
        typed = clean_line(values["referred_by"]).casefold()
        if typed in self._chosen_referrers:
            values["referred_by"] = f"#{self._chosen_referrers[typed]}"
        elif typed and typed == self._new_referrer.casefold():
            values[NEW_REFERRER] = self._new_referrer
        try:
            contact = self._save(values)
        except InvalidInput as error:
            self._mark(error.problems)
            return
        self.dismiss(contact)

    def _referrer_settled(self, typed: str) -> bool:
        """Whether the typed referrer says whom it means; if not, ask (and save after)."""
        unchanged = typed == clean_line(self._initial.get("referred_by", ""))
        folded = typed.casefold()
        if not typed or unchanged or ID_REFERENCE.fullmatch(typed):
            return True
        if folded in self._chosen_referrers or folded == self._new_referrer.casefold():
            return True
        named = [c for c in self._contacts if c.name.casefold() == folded]
        if len(named) == 1:
            return True
        if named:
            self._ask_which(typed, named)
        else:
            self._offer_new_referrer(typed)
        return False

    def _ask_which(self, typed: str, named: list[Contact]) -> None:
        from infocoach.tui.dialogs.choose_contact import ChooseContactDialog

        def chosen(contact: Contact | None) -> None:
            if contact is not None:
                self._chosen_referrers[typed.casefold()] = contact.id
                self.action_save()
            else:
                self.query_one("#referred_by", Input).focus()

        question = f"{len(named)} contacts are named “{typed}”. Which one referred you?"
        self.app.push_screen(ChooseContactDialog(question, named), chosen)

    def _offer_new_referrer(self, typed: str) -> None:
        from infocoach.tui.dialogs.confirm import ConfirmDialog

        def answered(add: bool | None) -> None:
            if add:
                self._new_referrer = typed
                self.action_save()
            else:
                self.query_one("#referred_by", Input).focus()

        question = Content.assemble(
            "No contact is named “", (typed, "bold"), "”. Add them as a contact too "
            "(you can fill in their details later)?",
        )  # fmt: skip
        self.app.push_screen(
            ConfirmDialog(question, yes="Add them too", no="Back to the form", danger=False),
            answered,
        )

    def _mark(self, problems: dict[str, str]) -> None:
        first = None
        for name, reason in problems.items():
            field = self.query(f"#field-{name}").first() if self.query(f"#field-{name}") else None
            if field is None:
                self.notify(f"{name}: {reason}", severity="error", markup=False)
                continue
            field.add_class("-invalid")
            field.query_one(".error", Static).update(Content(reason))
            first = first or field
        if first is not None:
            first.query_one("Input, TextArea").focus()

    def is_dirty(self) -> bool:
        return any(value != self._initial.get(name, "") for name, value in self.values().items())

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()
