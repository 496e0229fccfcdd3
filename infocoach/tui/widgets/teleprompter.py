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


def prompter_text(text: str, index: int | None) -> Content:
    """`text` as plain content (never markup); with `index`, the words before it dimmed and
    that word highlighted. Stage directions in parentheses are always shown in italics."""
    spans = word_spans(text)
    content = Content(text)
    for start, end in direction_spans(text):
        content = content.stylize(DIRECTION_STYLE, start, end)
    if index is None or not spans:
        return content
    if index >= len(spans):
        return content.stylize(SAID_STYLE, 0, len(text))
    start, end = spans[index]
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

    def show(self, text: str) -> None:
        """A new text, without highlight, scrolled to the top."""
        self._text = text
        self._words = len(word_spans(text))
        self._index = None
        self.query_one("#script-text", Static).update(prompter_text(text, None))
        self.scroll_home(animate=False)

    def follow(self, index: int | None) -> None:
        """Highlight word `index` (None: no highlight); redraws only when it moves."""
        if index == self._index:
            return
        self._index = index
        self.query_one("#script-text", Static).update(prompter_text(self._text, index))
        if index is None:  # stopped or reset: back to the start, ready for the next run
            self.scroll_home(animate=False)
            return
        if not self._words:
            return
        # Keep the word about a third of the way down: the reader sees what comes next.
        fraction = min(index, self._words) / self._words
        target = fraction * self.virtual_size.height - self.scrollable_content_region.height / 3
        self.scroll_to(y=max(0.0, target), animate=False)
