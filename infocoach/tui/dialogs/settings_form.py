"""Your details: your name, role, phone, purpose, background and time zone, used to fill the
scripts."""

from __future__ import annotations

import re
from collections.abc import Mapping

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from infocoach.core.models import known_time_zone
from infocoach.core.text import clean_line
from infocoach.tui import actions
from infocoach.tui.dialogs.base import Dialog

# field, label, placeholder, how the scripts use it ({} is the value; None: no preview)
DETAILS = (
    ("my_name", "Your name", "As you sign your messages, e.g. Ana Lima", "My name is {}."),
    ("my_role", "Your role now", "e.g. Reference librarian (for your own records)", None),
    ("my_phone", "Your phone", "The number you leave on voicemails", "…on {}. (Say it slowly.)"),
    ("my_purpose", "Your purpose", "Starts with a verb: learn how data teams hire juniors",
     "I'm hoping to {}."),
    ("my_background", "Your background", "Follows “I'm”: a librarian moving into data work",
     "I'm {}, and …"),
    ("my_time_zone", "Your time zone", "Blank: this computer's; else e.g. Europe/London",
     None),
)  # fmt: skip


def detail_hint(name: str, value: str) -> str:
    """A gentle note when a value will read oddly inside the scripts; '' when it reads well."""
    value = value.strip()
    lowered = value.casefold()
    if not value:
        return ""
    if name == "my_purpose":
        if re.match(r"^to\b", lowered):
            return "Leave out the first “to”: the scripts already say “hoping to”."
        if re.match(r"^(i|i'm|i am|my)\b", lowered):
            return "Start with the verb, e.g. “learn how …”, “understand …”, “move into …”."
    if name == "my_background" and re.match(r"^(i'm|i am|im)\b", lowered):
        return "Leave out “I'm”: the scripts say it for you."
    if name == "my_time_zone":
        if known_time_zone(value):
            return ""
        return "Not a time zone: a name like Europe/London or America/Chicago."
    if value.endswith("."):
        return "Leave off the full stop: the scripts add their own."
    return ""


class SettingsForm(Dialog[dict[str, str] | None]):
    """Dismisses with the changed details, or None when cancelled."""

    DEFAULT_CSS = """
    SettingsForm > #dialog-box { width: 90; padding: 0 1; }
    SettingsForm #details-intro { margin-bottom: 1; }
    SettingsForm .field > Label { width: 17; }
    SettingsForm .preview { color: $text-muted; padding: 0 1; }
    SettingsForm .preview.-hint { color: $warning; }
    """

    BOX_TITLE = "Your details"
    BINDINGS = actions.bindings("details")
    AUTO_FOCUS = "#my_name"

    def __init__(self, current: Mapping[str, str]) -> None:
        super().__init__()
        self._current = dict(current)

    def compose_body(self) -> ComposeResult:
        yield Static(
            "Set once; every script and draft is filled in with them. Kept in your config "
            "folder, never sent anywhere.",
            id="details-intro",
            classes="hint",
            markup=False,
        )
        for name, label, placeholder, _ in DETAILS:
            with Horizontal(classes="field"):
                yield Label(label)
                with Vertical():
                    yield Input(self._current.get(name, ""), placeholder=placeholder, id=name)
                    yield Static("", id=f"{name}-preview", classes="preview", markup=False)

    def on_mount(self) -> None:
        for name, *_ in DETAILS:
            self._preview(name)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input.id:
            self._preview(event.input.id)

    def _preview(self, name: str) -> None:
        template = next((t for n, _, _, t in DETAILS if n == name), None)
        value = clean_line(self.query_one(f"#{name}", Input).value)
        preview = self.query_one(f"#{name}-preview", Static)
        hint = detail_hint(name, value)
        preview.set_class(bool(hint), "-hint")
        if hint:
            preview.update(Content(hint))
        elif template and value:
            preview.update(Content("Reads: " + template.format(value)))
        else:
            preview.update("")

    def values(self) -> dict[str, str]:
        return {name: clean_line(self.query_one(f"#{name}", Input).value) for name, *_ in DETAILS}

    @on(Input.Submitted)
    def _next(self) -> None:
        self.focus_next()

    def action_save(self) -> None:
        self.dismiss(self.values())

    def is_dirty(self) -> bool:
        return any(
            value != clean_line(self._current.get(name, ""))
            for name, value in self.values().items()
        )
