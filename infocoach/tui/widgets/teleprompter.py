"""A script to read aloud, with the word to say now highlighted and kept in view."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from infocoach.core.pacing import direction_spans, word_spans

SAID_STYLE = "dim"
NOW_STYLE = "bold reverse"
DIRECTION_STYLE = "italic dim"


def line_around(text: str, at: int) -> tuple[int, int]:
    """Where the line of `text` holding character `at` starts and ends."""
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end


def prompter_text(text: str, index: int | None, *, whole_line: bool = False) -> Content:
    """`text` as plain content (never markup); with `index`, the words before it dimmed and
    that word highlighted (with `whole_line`, the line holding it). Stage directions in
    parentheses are always shown in italics."""
    spans = word_spans(text)
    content = Content(text)
    for start, end in direction_spans(text):
        content = content.stylize(DIRECTION_STYLE, start, end)
    if index is None or not spans:
        return content
    if index >= len(spans):
        return content.stylize(SAID_STYLE, 0, len(text))
    start, end = spans[index]
    if whole_line:
        start, end = line_around(text, start)
    if start:
        content = content.stylize(SAID_STYLE, 0, start)
    return content.stylize(NOW_STYLE, start, end)


class Teleprompter(VerticalScroll):
    """Shows a text; `follow(index)` highlights a word and scrolls to keep it in view."""

    DEFAULT_CSS = """
    Teleprompter { height: 1fr; }
    Teleprompter > Static { width: 1fr; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._text = ""
        self._index: int | None = None
        self._words = 0
        self._spans: list[tuple[int, int]] = []  # where each spoken word is in the text

    def compose(self) -> ComposeResult:
        yield Static(id="script-text", markup=False)

    @property
    def text(self) -> str:
        return self._text

    @property
    def words(self) -> int:
        """How many words are spoken aloud (stage directions left out)."""
        return self._words

    @property
    def index(self) -> int | None:
        return self._index

    def _line_of(self, index: int | None) -> int | None:
        """Which line of the text holds word `index` (past the last word: one past the end)."""
        if index is None or not self._spans:
            return None
        if index >= len(self._spans):
            return self._text.count("\n") + 1
        return self._text.count("\n", 0, self._spans[index][0])

    def show(self, text: str) -> None:
        """A new text, without highlight, scrolled to the top."""
        self._text = text
        self._spans = word_spans(text)
        self._words = len(self._spans)
        self._index = None
        self.query_one("#script-text", Static).update(prompter_text(text, None))
        self.scroll_home(animate=False)

    def follow(self, index: int | None) -> None:
        """Highlight word `index` (None: no highlight); redraws only when it moves. With calm
        motion (no animation) the highlight is the word's whole line, and moves line by line."""
        whole_line = self.app.animation_level == "none"
        if index == self._index or (
            whole_line and self._line_of(index) == self._line_of(self._index)
        ):
            self._index = index
            return
        self._index = index
        self.query_one("#script-text", Static).update(
            prompter_text(self._text, index, whole_line=whole_line)
        )
        if index is None:  # stopped or reset: back to the start, ready for the next run
            self.scroll_home(animate=False)
            return
        if not self._words:
            return
        # Keep the word about a third of the way down: the reader sees what comes next.
        fraction = min(index, self._words) / self._words
        target = fraction * self.virtual_size.height - self.scrollable_content_region.height / 3
        self.scroll_to(y=max(0.0, target), animate=False)
