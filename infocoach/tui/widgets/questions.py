"""The Questions pane: the bank by category, and the questions chosen for this contact."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from infocoach.core.models import Contact, OwnQuestion
from infocoach.core.text import fold
from infocoach.guidance.records import QuestionCategory
from infocoach.tui import actions
from infocoach.tui.widgets.filter_input import FilterInput
from infocoach.tui.widgets.selection import SelectionList

HEADING_PREFIX = "category:"
OWN_CATEGORY_TITLE = "Your own questions"
# A tag reads as a tag without colour too (NO_COLOR, a screen reader): "Trends · How has…".
# Muted by the theme's $text-muted, never by dim, which the high-contrast theme cannot undo.
TAG_SEPARATOR = " · "
TAG_STYLE = "italic $text-muted"
OWN_TAG = "Yours"  # the tag of your own questions, as Trends or Advice tag the bank's
NO_MATCH = "No question matches the filter."
NO_MATCH_ID = "no-match"


class ChosenList(SelectionList):
    """The contact's chosen questions, in the order they will be asked."""

    KEEPS_LETTERS = True  # a word typed here acts on nothing (see tui.actions)
    BINDINGS = actions.bindings("main", "questions", "chosen")

    class Moved(Message):
        def __init__(self, question_id: str, offset: int) -> None:
            super().__init__()
            self.question_id = question_id
            self.offset = offset

    class Dropped(Message):
        def __init__(self, question_id: str) -> None:
            super().__init__()
            self.question_id = question_id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return actions.check(self, actions.find("main", action, "questions", "chosen"))

    def _highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def action_move(self, offset: int) -> None:
        question_id = self._highlighted_id()
        if question_id is not None:
            self.post_message(self.Moved(question_id, offset))

    def action_drop(self) -> None:
        question_id = self._highlighted_id()
        if question_id is not None:
            self.post_message(self.Dropped(question_id))


class QuestionBank(SelectionList):
    """The bank of questions: enter adds the highlighted one, n writes one of her own; any
    other letter or digit starts the filter (see tui.actions)."""

    KEEPS_LETTERS = True
    BINDINGS = actions.bindings("main", "questions", "bank")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return actions.check(self, actions.find("main", action, "questions", "bank"))

    def on_key(self, event: events.Key) -> None:
        if actions.starts_filter(self, event) and event.character:
            event.stop()
            event.prevent_default()
            self.screen.query_one(QuestionFilter).start_with(event.character)


class QuestionFilter(FilterInput):
    """The filter over the bank: enter adds the highlighted question straight away (one
    key, not two), down moves into the list of what it found."""

    BINDINGS = actions.bindings("main", "questions", "filter")

    class Choose(Message):
        """Enter in the filter: add the bank's highlighted question."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return actions.check(self, actions.find("main", action, "questions", "filter"))

    def action_choose(self) -> None:
        self.post_message(self.Choose())

    def action_to_list(self) -> None:
        self.screen.query_one("#question-bank").focus()


class QuestionsPane(Vertical):
    DEFAULT_CSS = """
    QuestionsPane {
        #question-filter { margin-bottom: 1; }
        #question-bank { height: 2fr; max-height: 100%; border: none; }
        #question-bank > .option-list--option-disabled { color: $accent; text-style: bold; }
        #chosen-title { height: 2; color: $text; text-style: bold; border-top: solid $primary; }
        ChosenList { height: 1fr; max-height: 100%; border: none; }
    }
    """

    class Chosen(Message):
        def __init__(self, question_id: str) -> None:
            super().__init__()
            self.question_id = question_id

    def __init__(
        self,
        categories: tuple[QuestionCategory, ...],
        own: Sequence[OwnQuestion] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.border_title = "Questions"
        self._categories = categories
        self._own: list[OwnQuestion] = list(own)
        self._texts = {q.id: q.text for c in categories for q in c.questions}
        self._texts.update({q.id: q.text for q in own})
        self._shown: tuple[int | None, tuple[str, ...]] = (None, ())  # contact, its questions

    def compose(self) -> ComposeResult:
        yield QuestionFilter(placeholder="Filter questions", id="question-filter")
        yield QuestionBank(id="question-bank")
        yield Static(id="chosen-title")
        yield ChosenList(id="chosen-questions")

    @property
    def bank(self) -> OptionList:
        return self.query_one("#question-bank", OptionList)

    @property
    def chosen(self) -> ChosenList:
        return self.query_one(ChosenList)

    def text_of(self, question_id: str) -> str:
        return self._texts.get(question_id, question_id)

    def on_mount(self) -> None:
        self._render_bank()

    def set_own_questions(self, own: Sequence[OwnQuestion]) -> None:
        self._own = list(own)
        self._texts.update({q.id: q.text for q in own})
        self._render_bank()

    def show_in_bank(self, question_id: str) -> None:
        """Put the bank's cursor on a question (scrolled into view), if the filter shows it."""
        try:
            self.bank.highlighted = self.bank.get_option_index(question_id)
        except OptionDoesNotExist:
            return

    def _render_bank(self) -> None:
        """The bank by category, through the filter: each of its words must be found in a
        question's text, its tag (Trends, Insights…) or its category's title."""
        words = fold(self.query_one("#question-filter", Input).value).split()
        groups = [
            (c.id, c.title, [(q.id, q.text, q.tiara) for q in c.questions])
            for c in self._categories
        ]
        groups.append(("own", OWN_CATEGORY_TITLE, [(q.id, q.text, OWN_TAG) for q in self._own]))
        options: list[Option] = []
        for group_id, title, questions in groups:
            matching = [
                q
                for q in questions
                if all(word in fold(f"{q[1]} {q[2]} {title}") for word in words)
            ]
            if not matching:
                continue
            options.append(Option(Content(title), id=f"{HEADING_PREFIX}{group_id}", disabled=True))
            options.extend(
                Option(Content.assemble((tag, TAG_STYLE), TAG_SEPARATOR, text), id=question_id)
                for question_id, text, tag in matching
            )
        found = bool(options)
        if not found:  # a line in the list says so, where the questions would be
            options.append(Option(Content(NO_MATCH), id=NO_MATCH_ID, disabled=True))
        keep = self.bank.highlighted
        self.bank.set_options(options)
        if found:
            self.bank.highlighted = min(keep if keep is not None else 1, len(options) - 1)
        if keep is None:
            self.bank.scroll_home(animate=False, immediate=True)

    def show(self, contact: Contact | None) -> None:
        """Show the chosen questions of `contact` (None: nobody selected).

        For the same contact again the cursor goes to a question just chosen, else stays on
        the question it was on (moved or not), else at the same place."""
        chosen = contact.questions if contact else ()
        title = f"Chosen for {contact.name} ({len(chosen)})" if contact else "No contact selected"
        self.query_one("#chosen-title", Static).update(Content(title))
        cursor = self._cursor_for(contact.id if contact else None, chosen)
        self._shown = (contact.id if contact else None, chosen)
        options = [
            Option(Content(f"{n}. {self.text_of(q)}"), id=q) for n, q in enumerate(chosen, 1)
        ]
        self.chosen.set_options(options)
        if options:
            self.chosen.highlighted = min(cursor, len(options) - 1)

    def _cursor_for(self, contact_id: int | None, chosen: tuple[str, ...]) -> int:
        shown_id, before = self._shown
        if contact_id is None or contact_id != shown_id:
            return 0
        added = [question for question in chosen if question not in before]
        if added:
            return chosen.index(added[-1])
        index = self.chosen.highlighted or 0
        if index < len(before) and before[index] in chosen:
            return chosen.index(before[index])
        return index

    @on(Input.Changed, "#question-filter")
    def _filter_changed(self) -> None:
        self._render_bank()

    @on(QuestionFilter.Choose)
    def _filter_choose(self) -> None:
        option = self.bank.highlighted_option
        if option is not None and option.id and not option.disabled:
            self.post_message(self.Chosen(option.id))

    @on(OptionList.OptionSelected, "#question-bank")
    def _bank_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))
