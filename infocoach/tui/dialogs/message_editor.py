"""The message editor: a script filled in for one contact, edited, checked live, copied or saved."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from infocoach.core.models import Contact
from infocoach.core.outreach_check import (
    FIRST,
    LINKEDIN_LIMIT,
    RULE_IDS,
    SPOKEN,
    WRITTEN,
    RuleResult,
    Rules,
    check_message,
    note_length,
    rules_for,
)
from infocoach.core.pacing import DEFAULT_PACE
from infocoach.core.text import file_slug
from infocoach.data.files import ensure_private_folder, write_own_file
from infocoach.guidance.records import Script
from infocoach.tui import actions
from infocoach.tui.dialogs.base import Dialog

DRAFTS_FOLDER = "drafts"
MY_DETAILS = ("my_name", "my_phone", "my_purpose", "my_background")
# The draft that usually comes next at each stage, when no script is asked for.
STAGE_SCRIPTS = {
    "identified": "outreach-email",
    "reached-out": "follow-up-no-reply",
    "scheduled": "meeting-opening",
    "interviewed": "thank-you",
    "thanked": "keep-in-touch",
    "keeping-in-touch": "keep-in-touch",
    "closed": "keep-in-touch",
}
# The notes whose length LinkedIn limits (a free account: LINKEDIN_LIMIT characters).
LINKEDIN_NOTES = frozenset({"linkedin-note", "connection-request"})
# What the checker says it judges, by the kind of message.
KIND_NOTES = {
    FIRST: "A first message: the full rules.",
    WRITTEN: "A note after a meeting or a reply: no connection or question needed.",
    SPOKEN: "Said aloud: what is left to fill in, and its length.",
}


def draft_path(drafts_dir: Path, contact: Contact, script_id: str) -> Path:
    """`<drafts>/<contact>-<script>.txt`."""
    return drafts_dir / f"{file_slug(contact.name)}-{script_id}.txt"


def save_draft(path: Path, text: str) -> Path:
    """Write `text` to `path` atomically (its folder is created, private), never through a
    symbolic link (`write_own_file`); returns the path."""
    path = path.expanduser()
    ensure_private_folder(path.parent)
    write_own_file(path, text.encode("utf-8"))
    return path


def rule_row(result: RuleResult) -> Content:
    """A checker rule's mark and title: ✓ passed, ! passed with a warning, ✗ failed."""
    if not result.passed:
        mark, style = "✗ ", "bold $error"
    elif result.warning:
        mark, style = "! ", "bold $warning"
    else:
        mark, style = "✓ ", "bold $success"
    return Content.assemble((mark, style), (result.title, "bold"))


class MessageEditor(Dialog[None]):
    """Escape closes; edits that were neither saved nor copied are asked about first."""

    DEFAULT_CSS = """
    MessageEditor #message-script { width: 1fr; }
    MessageEditor #message-body { height: 1fr; margin-top: 1; }
    MessageEditor #message-text { width: 1fr; height: 100%; border: none; background: $boost; }
    MessageEditor #message-text:focus { background: $boost; }
    MessageEditor #checker { width: 40%; max-width: 42; height: 100%; padding: 0 0 0 1; }
    MessageEditor #checker-title { text-style: bold; }
    MessageEditor #checker-note { color: $text-muted; }
    MessageEditor #note-length { margin-top: 1; }
    MessageEditor .rule { margin-top: 1; }
    MessageEditor .why { color: $text-muted; padding-left: 2; }
    MessageEditor #message-save { height: 1; margin-top: 1; }
    MessageEditor #message-save > Label { width: 9; }
    MessageEditor #message-path { width: 1fr; }
    MessageEditor Button { margin-left: 1; }
    """

    BINDINGS = actions.bindings("message")
    AUTO_FOCUS = "#message-text"

    def __init__(
        self,
        contact: Contact,
        scripts: Iterable[Script],
        values: Mapping[str, str],
        *,
        drafts_dir: Path,
        connections: Iterable[str] = (),
        script_id: str | None = None,
        drafts: Mapping[str, str] | None = None,
        keep: Callable[[str, str | None], None] | None = None,
        pace: int = DEFAULT_PACE,
    ) -> None:
        """`drafts`: the messages kept from earlier (template id -> text); `keep(template id,
        text)` keeps one (None: the template's own text again, nothing to keep); `pace`: her
        speaking pace, to time a spoken script."""
        super().__init__(classes="-full")
        self.contact = contact
        self._scripts = {script.id: script for script in scripts}
        self._values = dict(values)
        self._drafts_dir = drafts_dir
        self._connections = tuple(connections)
        wanted = script_id or STAGE_SCRIPTS.get(contact.stage, "outreach-email")
        self._script_id = wanted if wanted in self._scripts else next(iter(self._scripts), "")
        self._stored = dict(drafts or {})  # as kept in the data file
        self._texts = dict(self._stored)  # edits per script while the editor is open
        self._keep = keep
        self._pace = pace
        self._auto_path = ""
        self.results: list[RuleResult] = []

    def box_title(self) -> Content:
        return Content.assemble("Message for ", (self.contact.name, "bold"))

    def compose_body(self) -> ComposeResult:
        yield Select(
            # A title may come from the user's own content file: Text, never markup.
            [(Text(script.title), script.id) for script in self._scripts.values()],
            value=self._script_id or Select.NULL,
            allow_blank=False,
            id="message-script",
        )
        with Horizontal(id="message-body"):
            yield TextArea(self._filled(self._script_id), id="message-text")
            with VerticalScroll(id="checker"):
                yield Static("Checker", id="checker-title", markup=False)
                yield Static("", id="checker-note", markup=False)
                yield Static("", id="note-length", markup=False)
                for rule in RULE_IDS:
                    yield Static("", id=f"rule-{rule}", classes="rule", markup=False)
                    yield Static("", id=f"why-{rule}", classes="why", markup=False)
        with Horizontal(id="message-save"):
            yield Label("Save to")
            yield Input(id="message-path")
            yield Button("Save", id="message-save-button", variant="primary", compact=True)
            yield Button("Copy", id="message-copy-button", compact=True)
        yield Static(self._hint(), id="message-hint", classes="hint", markup=False)

    def _hint(self) -> str:
        missing = [name for name in MY_DETAILS if not self._values.get(name)]
        if missing:
            return "Your own details are missing ([your name]…): ctrl+p, then “Your details”."
        keep = actions.keys_text(actions.action("message.keep"))
        return (
            "Square brackets mark what only you can write. Edit freely: nothing is sent; "
            f"{keep} keeps it for later."
        )

    def on_mount(self) -> None:
        self._set_auto_path()
        self._check()

    # -- script and text ------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self.query_one("#message-text", TextArea).text

    @property
    def script_id(self) -> str:
        return self._script_id

    def _filled(self, script_id: str) -> str:
        if script_id in self._texts:
            return self._texts[script_id]
        return self._fresh(script_id)

    def _fresh(self, script_id: str) -> str:
        """The script filled in, before any edit."""
        script = self._scripts.get(script_id)
        return script.fill(self._values).rstrip() + "\n" if script else ""

    def _kept_text(self, script_id: str) -> str:
        """The text closing can go back to: the kept draft, or else the template filled in."""
        return self._stored.get(script_id, self._fresh(script_id))

    def _edited(self) -> dict[str, str]:
        """Each template's text that differs from what is kept."""
        texts = {**self._texts, self._script_id: self.text}
        return {key: text for key, text in texts.items() if text != self._kept_text(key)}

    def is_dirty(self) -> bool:
        return bool(self._edited())

    def keep_drafts(self) -> int:
        """Keep every edited message in the data file; returns how many."""
        edited = self._edited()
        for script_id, text in edited.items():
            fresh = text == self._fresh(script_id)
            if self._keep is not None:
                self._keep(script_id, None if fresh else text)
            if fresh:
                self._stored.pop(script_id, None)
            else:
                self._stored[script_id] = text
        return len(edited)

    def keep_typed_text(self) -> None:
        """Asked by the app before it is closed from outside (the terminal closed)."""
        self.keep_drafts()

    def action_keep(self) -> None:
        kept = self.keep_drafts()
        self.dismiss(None)
        if kept:
            self.notify(
                f"Kept the message for {self.contact.name}: it is here when you come back.",
                markup=False,
            )

    @on(Select.Changed, "#message-script")
    def _script_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str) or event.value == self._script_id:
            return
        self._texts[self._script_id] = self.text
        self._script_id = event.value
        self.query_one("#message-text", TextArea).load_text(self._filled(event.value))
        self._set_auto_path()
        self._check()

    def _set_auto_path(self) -> None:
        """Point the path at this script's draft, unless the user typed a path of their own."""
        field = self.query_one("#message-path", Input)
        if field.value in ("", self._auto_path):
            self._auto_path = str(draft_path(self._drafts_dir, self.contact, self._script_id))
            field.value = self._auto_path

    # -- the checker ----------------------------------------------------------------------

    @on(TextArea.Changed, "#message-text")
    def _text_changed(self) -> None:
        self._check()

    @property
    def rules(self) -> Rules:
        """The rules of the script shown: a first message, a note, or a spoken script."""
        script = self._scripts.get(self._script_id)
        return rules_for(self._script_id, script.kind if script else "")

    def _check(self) -> None:
        text = self.text
        rules = self.rules
        self.results = check_message(text, rules, self._connections, pace=self._pace)
        checked = {result.id for result in self.results}
        for rule in RULE_IDS:
            for part in (f"#rule-{rule}", f"#why-{rule}"):
                self.query_one(part, Static).display = rule in checked
        for result in self.results:
            self.query_one(f"#rule-{result.id}", Static).update(rule_row(result))
            # The why may quote the user's own words: plain Content, never markup.
            self.query_one(f"#why-{result.id}", Static).update(Content(result.why))
        failed = sum(not result.passed for result in self.results)
        if failed:
            title = f"Checker: {failed} of {len(self.results)} to fix"
        else:
            title = "Checker: all pass"
        self.query_one("#checker-title", Static).update(title)
        note = KIND_NOTES[rules.kind]
        self.query_one("#checker-note", Static).update(note)
        self._show_note_length(text)

    def _show_note_length(self, text: str) -> None:
        """For the LinkedIn note: "143 / 200 characters", in the error colour past the limit."""
        counter = self.query_one("#note-length", Static)
        counter.display = self._script_id in LINKEDIN_NOTES
        if not counter.display:
            return
        count = note_length(text)
        counter.set_class(count > LINKEDIN_LIMIT, "-over")
        shown = f"{count} / {LINKEDIN_LIMIT} characters"
        if count <= LINKEDIN_LIMIT:
            counter.update(Content.assemble((shown, "bold")))
            return
        over = count - LINKEDIN_LIMIT
        warning = f"{over} over: a free LinkedIn account stops at {LINKEDIN_LIMIT}; trim it."
        counter.update(Content.assemble((shown, "bold $error"), "\n", (warning, "$error")))

    # -- copy and save --------------------------------------------------------------------

    def action_copy(self) -> None:
        text = self.text
        self.app.copy_to_clipboard(text)
        self.keep_drafts()
        self.notify(
            f"Copied {len(text.split())} words. If your terminal does not pass the clipboard "
            "on, save to a file instead (ctrl+s).",
            title="Copied",
            markup=False,
        )

    def action_save(self) -> None:
        raw = self.query_one("#message-path", Input).value.strip()
        if not raw:
            self.notify("Type a file path first.", severity="warning", markup=False)
            self.query_one("#message-path", Input).focus()
            return
        try:
            path = save_draft(Path(raw), self.text)
        except OSError as error:
            self.notify(
                f"Could not save {raw}: {error.strerror or error}",
                title="Not saved",
                severity="error",
                markup=False,
                timeout=15,
            )
            return
        self.keep_drafts()
        self.notify(f"Saved to {path}", title="Saved", markup=False)

    @on(Button.Pressed, "#message-save-button")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#message-copy-button")
    def _copy_pressed(self) -> None:
        self.action_copy()

    @on(Input.Submitted, "#message-path")
    def _path_submitted(self) -> None:
        self.action_save()
