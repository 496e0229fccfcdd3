"""The add / edit contact form: every field, validated inline, saved with ctrl+s."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Static, TextArea

from infocoach.core.models import Contact, InvalidInput
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
    ("how_met", "How you met", "Referral, event, alumni list..."),
    ("referred_by", "Referred by", "Name of the contact who referred you"),
    ("tags", "Tags", "Comma separated"),
    ("meeting", "Meeting", "YYYY-MM-DD HH:MM"),
    ("minutes", "Minutes agreed", "15 or 20 is a good ask"),
    ("keep_in_touch_weeks", "Keep in touch", "Every how many weeks after thanking them (6)"),
)


class ContactForm(Dialog[Contact | None]):
    """Dismisses with the saved contact, or None when cancelled."""

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
    ) -> None:
        super().__init__()
        self._title = title
        self._save = save
        self._initial = initial or {}

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
        try:
            contact = self._save(self.values())
        except InvalidInput as error:
            self._mark(error.problems)
            return
        self.dismiss(contact)

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
