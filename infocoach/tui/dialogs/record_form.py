"""A form of one record's fields (a line each, and notes), validated inline, saved with ctrl+s:
the contact form and the company form are both one of these."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Static, TextArea

from infocoach.core.models import InvalidInput
from infocoach.tui import actions
from infocoach.tui.dialogs.base import Dialog

RecordT = TypeVar("RecordT")

# field, label, placeholder
Field = tuple[str, str, str]


class RecordForm(Dialog[RecordT | None], Generic[RecordT]):
    """Dismisses with the saved record, or None when cancelled. `save(values)` saves the typed
    text of every field (`notes` among them) and raises InvalidInput naming each bad field,
    which is then marked under its field while the form stays open."""

    DEFAULT_CSS = """
    RecordForm > #dialog-box { width: 80; padding: 0 1; }
    RecordForm VerticalScroll { height: auto; max-height: 1fr; }
    RecordForm .error { display: none; height: auto; }
    RecordForm .field.-invalid .error { display: block; }
    RecordForm .field.-invalid Input { background: $error 25%; }
    RecordForm #notes { height: 5; border: none; background: $boost; }
    RecordForm #notes:focus { background: $primary 30%; }
    """

    BINDINGS = actions.bindings("form")
    AUTO_FOCUS = "Input"  # the first field
    FIELDS: ClassVar[tuple[Field, ...]] = ()
    NOTES_LABEL = "Notes"

    def __init__(
        self,
        title: str,
        save: Callable[[dict[str, str]], RecordT],
        initial: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self._title = title
        self._save = save
        self._initial = dict(initial or {})

    def box_title(self) -> str:
        return self._title

    def compose_body(self) -> ComposeResult:
        with VerticalScroll():
            for name, label, placeholder in self.FIELDS:
                with Horizontal(classes="field", id=f"field-{name}"):
                    yield Label(label)
                    with Vertical():
                        yield Input(self._initial.get(name, ""), placeholder=placeholder, id=name)
                        yield Static(classes="error", markup=False)
            with Horizontal(classes="field", id="field-notes"):
                yield Label(self.NOTES_LABEL)
                with Vertical():
                    yield TextArea(self._initial.get("notes", ""), id="notes")
                    yield Static(classes="error", markup=False)

    def values(self) -> dict[str, str]:
        found = {name: self.query_one(f"#{name}", Input).value for name, _, _ in self.FIELDS}
        found["notes"] = self.query_one("#notes", TextArea).text
        return found

    def ready(self, values: dict[str, str]) -> dict[str, str] | None:
        """The values to save, once settled (None: a question was asked first, and the
        answer saves again)."""
        return values

    def action_save(self) -> None:
        for field in self.query(".field"):
            field.remove_class("-invalid")
        values = self.ready(self.values())
        if values is None:
            return
        try:
            record = self._save(values)
        except InvalidInput as error:
            self._mark(error.problems)
            return
        self.dismiss(record)

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
