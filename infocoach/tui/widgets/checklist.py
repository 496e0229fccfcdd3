"""The Checklist pane: the five steps with their items for the selected contact."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from infocoach.core.models import Contact
from infocoach.guidance.records import Step
from infocoach.tui import actions

STEP_PREFIX = "step:"


def progress_text(done: int, total: int, width: int = 10) -> str:
    """A small text bar such as '▰▰▰▱▱▱▱▱▱▱ 3/10'."""
    filled = round(width * done / total) if total else 0
    return f"{'▰' * filled}{'▱' * (width - filled)} {done}/{total}"


class ChecklistPane(Vertical):
    DEFAULT_CSS = """
    ChecklistPane {
        #overall-row { height: 1; margin-bottom: 1; }
        #overall-row Label { width: auto; margin-right: 1; }
        #overall { width: 1fr; }
        #overall Bar { width: 1fr; }
        #checklist-items { height: 1fr; max-height: 100%; border: none; }
        #checklist-items > .option-list--option-disabled { color: $text; }
        #why { display: none; height: auto; max-height: 6; padding: 0 1;
               border-top: solid $primary; color: $text-muted; }
        &.-why #why { display: block; }
    }
    """

    BINDINGS = actions.bindings("main", "checklist")

    class Toggled(Message):
        def __init__(self, item_id: str) -> None:
            super().__init__()
            self.item_id = item_id

    def __init__(self, steps: tuple[Step, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.border_title = "Checklist"
        self._steps = steps
        self._why = {item.id: item.why for step in steps for item in step.items}

    def compose(self) -> ComposeResult:
        with Horizontal(id="overall-row"):
            yield Label("Overall")
            yield ProgressBar(id="overall", show_eta=False)
        yield OptionList(id="checklist-items")
        yield Static(id="why", markup=False)

    @property
    def items(self) -> OptionList:
        return self.query_one("#checklist-items", OptionList)

    @property
    def highlighted_item(self) -> str | None:
        option = self.items.highlighted_option
        if option is None or not option.id or option.id.startswith(STEP_PREFIX):
            return None
        return option.id

    def show(self, contact: Contact | None) -> None:
        """Draw every step for `contact` (None: an empty checklist), keeping the cursor."""
        checked = contact.checklist if contact else {}
        keep = self.items.highlighted
        options: list[Option] = []
        total = done_total = 0
        for step in self._steps:
            done = sum(1 for item in step.items if item.id in checked)
            total += len(step.items)
            done_total += done
            heading = Content.assemble(
                (f"{step.number} {step.title}", "bold"), "  ",
                (progress_text(done, len(step.items)), "dim"),
            )  # fmt: skip
            options.append(Option(heading, id=f"{STEP_PREFIX}{step.id}", disabled=True))
            for item in step.items:
                stamp = checked.get(item.id)
                box = "[x]" if stamp else "[ ]"
                row = Content.assemble(
                    f"{box} {item.text}", (f"  ✓ {stamp}", "dim") if stamp else ""
                )
                options.append(Option(row, id=item.id))
        self.items.set_options(options)
        self.items.highlighted = keep if keep is not None else 1
        if keep is None:
            self.items.scroll_home(animate=False, immediate=True)
        self.query_one("#overall", ProgressBar).update(total=total or 1, progress=done_total)
        self._show_why()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return actions.check(self, actions.find("main", action, "checklist"))

    def action_toggle_item(self) -> None:
        item_id = self.highlighted_item
        if item_id is not None:
            self.post_message(self.Toggled(item_id))

    def action_toggle_why(self) -> None:
        self.toggle_class("-why")
        self._show_why()

    @on(OptionList.OptionHighlighted, "#checklist-items")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_why()

    @on(OptionList.OptionSelected, "#checklist-items")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle_item()

    def _show_why(self) -> None:
        item_id = self.highlighted_item
        self.query_one("#why", Static).update(
            Content(self._why.get(item_id, "") if item_id else "")
        )
