"""Targets: her LAMP list of companies, in the order to work them, the top five marked; for the
highlighted company its scores, research notes, the people there (with how each answers) and
what she heard there. Enter goes to a contact there; e edits the company."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from infocoach.core.agenda import short_day
from infocoach.core.companies import Target
from infocoach.core.insights import Conversation
from infocoach.core.models import STAGE_LABELS, Contact
from infocoach.core.text import plural
from infocoach.tui import actions
from infocoach.tui.messages import DataChanged
from infocoach.tui.widgets.selection import SelectionList
from infocoach.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from infocoach.tui.app import InfoCoachApp

# how the summary names the companies marked ★ when there are fewer than five
TOP_MARKED = {1: "the one", 2: "both", 3: "all three", 4: "all four"}
TOP_MARKED_COUNT = {1: "one", 2: "two", 3: "three", 4: "four"}  # fewer scored than listed


def marked_words(top: int, companies: int) -> str:
    """What the summary says of the ★: none until a Motivation is scored (an unrated list
    has no top), then which are marked."""
    if top == 0:
        return "none marked ★ until you score their Motivation (e to edit one)."
    if top < companies and top in TOP_MARKED_COUNT:
        return f"the top {TOP_MARKED_COUNT[top]} marked ★ (the others are not scored yet)."
    return f"{TOP_MARKED.get(top, 'the top five')} marked ★."


NOTES_SHOWN = 5  # the latest notes heard at a company; the rest are in Insights
EMPTY = (
    "No companies yet.\n\n"
    "List about forty employers you might want to work for: each company your contacts work "
    "at is on the list already, and `infocoach company add NAME` or `infocoach import targets "
    "FILE` (a spreadsheet with a Company column) adds more. Score each for Motivation (your gut "
    "interest, 0-3) and Posting (relevant openings, 0-3); knowing someone there is Advocacy. "
    "Then work the top five."
)


def target_row(target: Target) -> Content:
    """Two lines: mark, rank, name and scores; then what she has there."""
    company = target.company
    mark = "★" if target.top_five else " "
    advocacy = "yes" if target.advocacy else "no"
    first = Content.assemble(
        (f"{mark} {target.rank:>2}. ", "bold $accent" if target.top_five else "dim"),
        (company.name, "bold"),
        (f"   M {company.motivation} · P {company.posting} · A {advocacy}", "dim"),
    )
    told = f"{target.told_me} told you something" if target.told_me else "nobody heard from yet"
    counts = (plural(len(target.contacts), "contact"), plural(target.interviews, "interview"))
    second = Content("      " + " · ".join((*counts, told)))
    return Content.assemble(first, "\n", second)


def person_line(contact: Contact) -> str:
    parts = [contact.name, contact.role, STAGE_LABELS.get(contact.stage, contact.stage)]
    if contact.contact_type:
        parts.append(contact.contact_type)
    return " · ".join(part for part in parts if part)


def target_detail(target: Target, heard: Sequence[tuple[Contact, Conversation]]) -> Content:
    """The highlighted company in full."""
    company = target.company
    place = f"rank {target.rank}" + (", top five: work it now" if target.top_five else "")
    advocacy = []
    if target.contacts:
        advocacy.append(f"you know {plural(len(target.contacts), 'person', 'people')} there")
    if company.shared_background:
        advocacy.append("a background you share")
    parts: list[str | tuple[str, str]] = [
        (company.name, "bold"),
        f" · {place}\n",
        f"Motivation {company.motivation} · Posting {company.posting} · Advocacy "
        f"{'yes: ' + ' and '.join(advocacy) if advocacy else 'no'}\n",
    ]
    facts = " · ".join(part for part in (company.industry, company.website) if part)
    if facts:
        parts.append(f"{facts}\n")
    if company.notes:
        parts += [("Research notes", "bold"), "\n", company.notes, "\n"]
    parts.append(("People there", "bold"))
    if target.contacts:
        for contact in target.contacts:
            parts += ["\n  ", person_line(contact)]
    else:
        parts += ["\n  ", ("nobody yet: find someone on LinkedIn or through a friend", "dim")]
    parts += ["\n", ("What I heard there", "bold")]
    if not heard:
        parts += ["\n  ", ("nothing written down yet", "dim")]
    for contact, conversation in heard[-NOTES_SHOWN:]:
        parts += ["\n  ", (contact.name, "italic"), (f" · {short_day(conversation.day)}", "dim")]
        for line in conversation.notes.splitlines():
            parts += ["\n    ", line]
    return Content.assemble(*parts)


class TargetList(SelectionList):
    """The companies; enter goes to a contact there, e edits the highlighted company."""

    BINDINGS = actions.bindings("targets", widget="list")


class TargetsScreen(Screen[int | None]):
    """Dismisses with a contact id to select on the main screen, or None."""

    app: InfoCoachApp

    DEFAULT_CSS = """
    TargetsScreen #targets { padding: 0 1; }
    TargetsScreen #targets-summary { text-style: bold; margin: 1 0 0 0; }
    TargetsScreen #targets-list, TargetsScreen #targets-list:focus {
        height: 1fr; border: none; padding: 0; text-wrap: nowrap; text-overflow: ellipsis;
    }
    TargetsScreen #targets-detail-box {
        height: auto; max-height: 45%; border-top: solid $primary 50%;
    }
    TargetsScreen.-empty #targets-detail-box, TargetsScreen.-empty #targets-list {
        display: none;
    }
    TargetsScreen #targets-empty { display: none; color: $text-muted; max-width: 90; }
    TargetsScreen.-empty #targets-empty { display: block; }
    """

    BINDINGS = actions.bindings("targets", quit=True)

    def __init__(
        self,
        load: Callable[[], list[Target]],
        heard: Callable[[Target], list[tuple[Contact, Conversation]]],
        edit: Callable[[Target], None],
    ) -> None:
        """`load` gives the LAMP list, `heard(target)` what she heard there, `edit(target)`
        opens the company form (a `DataChanged` then refreshes the list)."""
        super().__init__()
        self._load = load
        self._heard = heard
        self._edit = edit
        self.targets: list[Target] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="targets"):
            yield Static("", id="targets-summary", markup=False)
            yield TargetList(id="targets-list")
            yield Static(EMPTY, id="targets-empty", markup=False)
            with VerticalScroll(id="targets-detail-box", can_focus=False):
                yield Static("", id="targets-detail", markup=False)
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Targets"
        self.refresh_targets()
        self.query_one(TargetList).focus()

    def refresh_targets(self) -> None:
        listing = self.query_one(TargetList)
        chosen = self.highlighted
        self.targets = self._load()
        listing.set_options(
            Option(target_row(target), id=str(target.company.id)) for target in self.targets
        )
        if self.targets:
            ids = [target.company.id for target in self.targets]
            keep = chosen.company.id if chosen is not None else None
            listing.highlighted = ids.index(keep) if keep in ids else 0
        self.set_class(not self.targets, "-empty")
        top = sum(target.top_five for target in self.targets)
        companies = plural(len(self.targets), "company", "companies")
        self.query_one("#targets-summary", Static).update(
            f"{companies}, in the order to work them: {marked_words(top, len(self.targets))} "
            "M motivation, P posting (0-3), A advocacy."
        )
        self._show_detail()

    @property
    def highlighted(self) -> Target | None:
        index = self.query_one(TargetList).highlighted
        return self.targets[index] if index is not None and index < len(self.targets) else None

    @on(OptionList.OptionHighlighted, "#targets-list")
    def _show_detail(self) -> None:
        target = self.highlighted
        detail = self.query_one("#targets-detail", Static)
        detail.update(target_detail(target, self._heard(target)) if target else "")

    @on(DataChanged)
    def _data_changed(self) -> None:
        self.refresh_targets()

    @on(OptionList.OptionSelected, "#targets-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        target = self.highlighted
        if target is None:
            return
        if not target.contacts:
            self.notify(
                f"Nobody at {target.company.name} yet: add a contact there with a on the main "
                "screen.",
                markup=False,
            )
            return
        waiting = [c for c in target.contacts if c.stage == "identified"]
        self.dismiss((waiting or list(target.contacts))[0].id)

    def action_edit(self) -> None:
        target = self.highlighted
        if target is not None:
            self._edit(target)

    def action_close(self) -> None:
        self.dismiss(None)
