"""The Agenda: what is due and overdue today, overdue first; enter opens the draft."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from infocoach.core.agenda import ACTION_TITLES, AgendaItem, due_label, short_day, when_label
from infocoach.tui import actions
from infocoach.tui.actions import NEEDS_CLEARING_EVENT, NEEDS_MEETING_QUESTION
from infocoach.tui.messages import DataChanged
from infocoach.tui.widgets.selection import SelectionList
from infocoach.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from infocoach.tui.app import InfoCoachApp

LABEL_WIDTH = 18  # "due by Sun 22 Nov" and a space
ACTION_WIDTH = 15

EMPTY = (
    "Nothing is due today.\n\n"
    "Items appear here as you log events (l on the main screen): a thank-you on the day of an "
    "interview (due by the next day), news for the person who referred you, a follow-up when "
    "someone is silent, and a note every few weeks to the people who helped you."
)


def item_row(item: AgendaItem, today: date) -> Content:
    """Two lines: when, what and who; then what to do. Overdue rows in the warning colour."""
    tone = "$warning" if item.overdue else ""
    when = when_label(item, today)
    first = Content.assemble(
        (f"{when:<{LABEL_WIDTH}}", f"bold {tone}".strip()),
        (f"{ACTION_TITLES[item.action]:<{ACTION_WIDTH}}", f"bold {tone}".strip()),
        (item.contact, tone or "bold"),
    )
    second = Content.assemble(" " * LABEL_WIDTH, (item.text, tone or "dim"))
    return Content.assemble(first, "\n", second)


def item_detail(item: AgendaItem, today: date, script_title: str | None) -> Content:
    """The highlighted item in full: what, when, and what its keys will do."""
    when = f"due {short_day(item.due)} ({due_label(item.due, today)})"
    parts: list[str | tuple[str, str]] = [
        (ACTION_TITLES[item.action], "bold"),
        " · ",
        (item.contact, "bold"),
        " · ",
        (when, "bold $warning" if item.overdue else "bold"),
        "\n",
        item.text,
        "\n",
    ]
    if item.action == "happened":
        answers = [
            f"{actions.keys_text(actions.action(f'agenda.{name}'))} {said}"
            for name, said in ANSWERS
        ]
        return Content.assemble(*parts, (" · ".join(answers), "dim"))
    keys = [
        f"enter opens the “{script_title}” draft"
        if script_title
        else "enter shows the Prepare checklist"
    ]
    if item.event:
        keys.append(f"l logs “{item.event}” when it is done")
    else:
        keys.append(NOTHING_TO_LOG.get(item.action, "it clears by itself"))
    parts.append((" · ".join(keys), "dim"))
    return Content.assemble(*parts)


# The answers to "did it happen?", each one key.
ANSWERS = (
    ("happened", "it happened (logs the talk)"),
    ("moved", "it moved (a new time)"),
    ("no_show", "they did not come (after ten minutes, one kind note)"),
)

# Why `l` offers nothing for an item no event of its contact clears.
NOTHING_TO_LOG = {
    "happened": "answer whether it happened with its own keys (in the footer)",
    "busy-day": "it clears when the meeting moves to another day",
    "try-another-contact": "it clears when you reach out to someone else there (log it on them)",
    "prepare": "it clears when the Prepare items are ticked, or once you have met",
}


def summary(items: list[AgendaItem], today: date) -> str:
    heading = f"{today:%A} {today.day} {today:%B} {today.year}"
    overdue = sum(item.overdue for item in items)
    later = len(items) - overdue
    if not items:
        return f"{heading}: nothing due"
    parts = [f"{overdue} overdue"] if overdue else []
    if later:
        parts.append(f"{later} due now or soon")
    return f"{heading}: " + ", ".join(parts)


class AgendaList(SelectionList):
    """The agenda items; enter opens the item's draft (shown in the footer)."""

    BINDINGS = actions.bindings("agenda", widget="list")


class AgendaScreen(Screen[AgendaItem | None]):
    """Dismisses with the chosen item (to open its draft), or None."""

    app: InfoCoachApp

    DEFAULT_CSS = """
    AgendaScreen #agenda { padding: 0 1; }
    AgendaScreen #agenda-summary { text-style: bold; margin: 1 0; }
    AgendaScreen #agenda-list, AgendaScreen #agenda-list:focus {
        height: 1fr; border: none; padding: 0; text-wrap: nowrap; text-overflow: ellipsis;
    }
    AgendaScreen #agenda-detail {
        height: auto; border-top: solid $primary 50%; padding: 0 0 1 0;
    }
    AgendaScreen.-empty #agenda-detail { display: none; }
    AgendaScreen #agenda-empty { display: none; color: $text-muted; max-width: 90; }
    AgendaScreen.-empty #agenda-empty { display: block; }
    AgendaScreen.-empty #agenda-list { display: none; }
    """

    BINDINGS = actions.bindings("agenda", quit=True)

    def __init__(
        self,
        load: Callable[[], list[AgendaItem]],
        today: date,
        log: Callable[[AgendaItem], None] | None = None,
        answer: Callable[[AgendaItem, str], None] | None = None,
    ) -> None:
        """`load` gives the items; `log(item)` logs the item's event and `answer(item, what)`
        acts on the answer to "did it happen?" ("happened", "moved" or "no-show"); a
        `DataChanged` then refreshes the list."""
        super().__init__()
        self._load = load
        self._log = log
        self._answer = answer
        self.today = today
        self.items: list[AgendaItem] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="agenda"):
            yield Static("", id="agenda-summary", markup=False)
            yield AgendaList(id="agenda-list")
            yield Static(EMPTY, id="agenda-empty", markup=False)
            yield Static("", id="agenda-detail", markup=False)
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Agenda"
        self.refresh_items()
        self.query_one("#agenda-list", OptionList).focus()

    def refresh_items(self, keep: int | None = None) -> None:
        listing = self.query_one("#agenda-list", OptionList)
        index = listing.highlighted if keep is None else keep
        self.items = self._load()
        listing.set_options(
            Option(item_row(item, self.today), id=str(number))
            for number, item in enumerate(self.items)
        )
        if self.items:
            listing.highlighted = min(index or 0, len(self.items) - 1)
        self.set_class(not self.items, "-empty")
        self.query_one("#agenda-summary", Static).update(summary(self.items, self.today))
        self._show_detail()

    @property
    def highlighted_item(self) -> AgendaItem | None:
        index = self.query_one("#agenda-list", OptionList).highlighted
        return self.items[index] if index is not None and index < len(self.items) else None

    @on(OptionList.OptionHighlighted, "#agenda-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()

    def _show_detail(self) -> None:
        self.refresh_bindings()  # `l` follows the highlighted item
        item = self.highlighted_item
        detail = self.query_one("#agenda-detail", Static)
        if item is None:
            detail.update("")
            return
        script = self.app.guidance.script(item.script) if item.script else None
        detail.update(item_detail(item, self.today, script.title if script else None))

    @on(OptionList.OptionSelected, "#agenda-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        item = self.highlighted_item
        if item is not None:
            self.dismiss(item)

    def action_log_done(self) -> None:
        item = self.highlighted_item
        if item is None or self._log is None or item.event is None:
            return  # only the event that clears the item is offered
        self._log(item)

    def action_answer(self, what: str) -> None:
        item = self.highlighted_item
        if item is None or item.action != "happened" or self._answer is None:
            return
        self._answer(item, what)

    # -- what can run -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":  # three keys, one method: each its own entry in the table
            found = actions.BY_ID.get(f"agenda.{str(parameters[0]).replace('-', '_')}")
            return actions.check(self, found)
        return actions.check(self, actions.find("agenda", action))

    def why_not(self, action: actions.Action) -> str | None:
        if action.needs is NEEDS_MEETING_QUESTION:
            item = self.highlighted_item
            if item is None or item.action != "happened":
                return f"{action.name}: only for a meeting whose time has passed."
        if action.needs is NEEDS_CLEARING_EVENT:
            item = self.highlighted_item
            if item is None:
                return f"{action.name}: nothing is due."
            if item.event is None:
                why = NOTHING_TO_LOG.get(item.action, "it clears by itself")
                return f"Nothing to log for this item: {why}."
        return None

    @on(DataChanged)
    def _data_changed(self) -> None:
        self.refresh_items()

    def action_close(self) -> None:
        self.dismiss(None)
