"""The Checklist pane: the five steps with their items for the selected contact.

Step 1 (Network) is worked once for the whole search: it shows the same ticks with every
contact, and the contact's own progress counts the other steps only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from infocoach.core.models import Contact
from infocoach.guidance.records import Step
from infocoach.tui import actions, textual_private
from infocoach.tui.widgets.selection import SelectionList


def progress_text(done: int, total: int, width: int = 10) -> str:
    """A small text bar such as '▰▰▰▱▱▱▱▱▱▱ 3/10'."""
    filled = round(width * done / total) if total else 0
    return f"{'▰' * filled}{'▱' * (width - filled)} {done}/{total}"


class StepHeader(Widget):
    """One line per step: "▸ 2 Prepare   ▰▰▰▱▱▱ 3/7". The count always shows; the bar
    shrinks, then goes, then the title is cut short, as the pane narrows. A step for the
    whole search says so after its title while there is room."""

    SEARCH_NOTE = " · whole search"

    DEFAULT_CSS = """
    StepHeader { height: 1; width: 1fr; color: $text; }
    StepHeader.-open { color: $accent; text-style: bold; }
    StepHeader.-done { color: $text-muted; }
    StepHeader:hover { background: $boost; }
    """

    class Opened(Message):
        def __init__(self, step_id: str) -> None:
            super().__init__()
            self.step_id = step_id

    def __init__(self, step: Step, title_width: int = 0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.step = step
        self.done = 0
        self._title_width = title_width  # the longest step's, so the bars line up

    def show(self, done: int, open: bool) -> None:
        self.done = done
        self.set_class(open, "-open")
        self.set_class(done == len(self.step.items) > 0, "-done")
        self.refresh()

    def render(self) -> Content:
        width = self.size.width
        total = len(self.step.items)
        title = f"{'▾' if self.has_class('-open') else '▸'} {self.step.number} {self.step.title}"
        count = f"{self.done}/{total}"
        room = width - len(count) - 1
        bar_width = min(10, room - max(len(title), self._title_width) - 2)
        if bar_width < 4:
            bar_width = 0
        if len(title) > room - (bar_width + 1 if bar_width else 0):
            title = title[: max(0, room - 1)] + "…" if room > 1 else ""
        bar = progress_text(self.done, total, bar_width)[:bar_width] if bar_width else ""
        gap = width - len(title) - len(count) - (len(bar) + 1 if bar else 0)
        note = self.SEARCH_NOTE if not self.step.per_contact else ""
        if len(note) + 1 > gap:
            note = ""
        return Content.assemble(
            title,
            (note, "$text-muted"),  # the theme's: full white in high contrast
            " " * max(1, gap - len(note)),
            (f"{bar} " if bar else "", "dim"),
            count,
        )

    def on_click(self) -> None:
        self.post_message(self.Opened(self.step.id))


class StepItems(SelectionList):
    """The items of the open step; moving past its first or last item opens the step
    before or after."""

    KEEPS_LETTERS = True  # a word typed here acts on nothing (see tui.actions)

    class Crossed(Message):
        def __init__(self, direction: int) -> None:
            super().__init__()
            self.direction = direction

    def scroll_to_highlight(self, top: bool = False) -> None:
        """The highlighted item in view, and the list's first line the first line of an item:
        in a short pane it never starts with the end of the item before."""
        super().scroll_to_highlight(top)
        starts = textual_private.first_lines_of_options(self)
        highlighted = textual_private.first_line_of_highlight(self)
        top_line = round(self.scroll_y)
        if highlighted is None or top_line in starts:
            return
        next_start = min((line for line in starts if line > top_line), default=highlighted)
        self.scroll_to(y=min(next_start, highlighted), animate=False, immediate=True)

    def on_resize(self) -> None:
        # the items wrap anew at another width: the highlighted one starts elsewhere
        self.call_after_refresh(self.scroll_to_highlight)

    def action_cursor_down(self) -> None:
        if self.highlighted is not None and self.highlighted >= self.option_count - 1:
            self.post_message(self.Crossed(1))
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if not self.highlighted:
            self.post_message(self.Crossed(-1))
        else:
            super().action_cursor_up()


class ChecklistPane(Vertical):
    """The five steps at a glance, each one line with its progress; the open step (the one
    being worked on) shows its items under its line."""

    DEFAULT_CSS = """
    ChecklistPane {
        #overall-row { height: 1; margin-bottom: 1; }
        #overall-row Label { width: auto; margin-right: 1; }
        #overall { width: 1fr; }
        #overall Bar { width: 1fr; }
        #checklist-items { height: 1fr; min-height: 2; border: none; }
        #why { display: none; height: auto; max-height: 6; padding: 0 1; overflow-y: auto;
               border-top: solid $primary; color: $text-muted; }
        &.-why #why { display: block; }
        /* While it says why, only the open step's header stays: the item explained keeps
           the room to be seen beside its reason. */
        &.-why StepHeader { display: none; }
        &.-why StepHeader.-open { display: block; }
    }
    """

    BINDINGS = actions.bindings("main", "checklist")

    class Toggled(Message):
        """Tick or untick `item_id`: the contact's own, or (`search`) the whole search's."""

        def __init__(self, item_id: str, search: bool = False) -> None:
            super().__init__()
            self.item_id = item_id
            self.search = search

    def __init__(self, steps: tuple[Step, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.border_title = "Checklist"
        why = actions.keys_text(actions.action("checklist.why"))
        self.border_subtitle = f"{why}: why it matters"
        self._steps = steps
        self._why = {item.id: item.why for step in steps for item in step.items}
        self._step_of = {item.id: step.id for step in steps for item in step.items}
        self._search_items = {i.id for step in steps if not step.per_contact for i in step.items}
        self._contact_items = set(self._step_of) - self._search_items
        self._open = steps[0].id if steps else ""
        self._checked: dict[str, str] = {}
        self._contact_id: int | None = -1  # nobody shown yet; None: no contact

    def compose(self) -> ComposeResult:
        with Horizontal(id="overall-row"):
            yield Label("This contact", id="overall-label")
            # A count, not a percentage: two ticks of 46 read "2 of 46", never "4%".
            yield ProgressBar(id="overall", show_eta=False, show_percentage=False)
        longest = max((len(f"▸ {s.number} {s.title}") for s in self._steps), default=0)
        for step in self._steps:
            yield StepHeader(step, longest, id=f"step-{step.id}")
        yield StepItems(id="checklist-items")
        yield Static(id="why", markup=False)

    @property
    def items(self) -> OptionList:
        return self.query_one("#checklist-items", OptionList)

    @property
    def open_step(self) -> str:
        """The id of the step whose items are shown."""
        return self._open

    @property
    def highlighted_item(self) -> str | None:
        option = self.items.highlighted_option
        return option.id if option is not None else None

    def show(self, contact: Contact | None, search: Mapping[str, str]) -> None:
        """Draw every step for `contact` (None: nothing of a contact ticked), with `search`
        (item -> date) the ticks of the steps for the whole search. Another contact opens at
        its first item not ticked yet; the same one again keeps the cursor."""
        contact_id = contact.id if contact else None
        own = contact.checklist if contact else {}
        self._checked = {
            **{i: day for i, day in search.items() if i in self._search_items},
            **{i: day for i, day in own.items() if i not in self._search_items},
        }
        if contact_id != self._contact_id:
            self._contact_id = contact_id
            first = next(
                (
                    i
                    for s in self._steps
                    if s.per_contact or contact is None
                    for i in s.items
                    if i.id not in self._checked
                ),
                None,
            )
            if first is not None:
                self.go_to(first.id)
            else:
                self._open_step(self._open, 0)
        else:
            self._open_step(self._open, self.items.highlighted or 0)
        done, total = len(self._contact_items.intersection(own)), len(self._contact_items)
        self.query_one("#overall", ProgressBar).update(total=total or 1, progress=done)
        self.query_one("#overall-label", Label).update(f"This contact: {done} of {total} done")

    def go_to(self, item_id: str) -> None:
        """Open the step of `item_id` with the cursor on it."""
        step_id = self._step_of.get(item_id)
        if step_id is None:
            return
        step = next(s for s in self._steps if s.id == step_id)
        index = next(n for n, item in enumerate(step.items) if item.id == item_id)
        self._open_step(step_id, index)

    def _open_step(self, step_id: str, cursor: int) -> None:
        """Show the items of `step_id` under its line, the cursor on item `cursor` (-1: the
        last), and every step's line with its progress."""
        self._open = step_id
        for step in self._steps:
            done = sum(1 for item in step.items if item.id in self._checked)
            self.query_one(f"#step-{step.id}", StepHeader).show(done, step.id == step_id)
        opened = next((s for s in self._steps if s.id == step_id), None)
        if opened is None:  # no steps loaded
            return
        options: list[Option] = []
        for item in opened.items:
            stamp = self._checked.get(item.id)
            box = "[x]" if stamp else "[ ]"
            options.append(
                Option(
                    Content.assemble(
                        f"{box} {item.text}", (f"  ✓ {stamp}", "$text-muted") if stamp else ""
                    ),
                    id=item.id,
                )
            )
        items = self.items
        self.move_child(items, after=self.query_one(f"#step-{step_id}"))
        items.set_options(options)
        if options:
            items.highlighted = len(options) - 1 if cursor < 0 else min(cursor, len(options) - 1)
        self._show_why()

    @on(StepItems.Crossed)
    def _crossed(self, event: StepItems.Crossed) -> None:
        event.stop()
        ids = [step.id for step in self._steps]
        index = ids.index(self._open) + event.direction
        if 0 <= index < len(ids):
            self._open_step(ids[index], 0 if event.direction > 0 else -1)

    @on(StepHeader.Opened)
    def _header_clicked(self, event: StepHeader.Opened) -> None:
        event.stop()
        if event.step_id != self._open:
            self._open_step(event.step_id, 0)
        self.items.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return actions.check(self, actions.find("main", action, "checklist"))

    def action_toggle_item(self) -> None:
        item_id = self.highlighted_item
        if item_id is not None:
            self.post_message(self.Toggled(item_id, item_id in self._search_items))

    def action_toggle_why(self) -> None:
        self.toggle_class("-why")
        self._show_why()
        self.call_after_refresh(self.items.scroll_to_highlight)

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
