"""The terminal cursor on what is highlighted.

Screen readers, braille displays and input methods follow the terminal's cursor, not the
colours of a highlight: so the focused list puts the cursor (`App.cursor_position`, which
Textual moves the terminal's cursor to with each frame) at the start of its highlighted row,
as Textual's own Input does at its caret. Each list does it when it draws, so the cursor
follows every move, scroll, resize and change of focus.
"""

from __future__ import annotations

from textual.geometry import Offset, Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import OptionList

from infocoach.tui import textual_private


def follow_highlight(widget: Widget, line: int | None) -> None:
    """Put the terminal cursor on line `line` of `widget`'s content (counted from the top of
    what it scrolls), when the widget has the focus and the line is on screen."""
    if line is None or not widget.has_focus:
        return
    region = widget.scrollable_content_region
    y = region.y + line - widget.scroll_offset.y
    if region.y <= y < region.bottom:
        widget.app.cursor_position = Offset(region.x, y)


class SelectionList(OptionList):
    """An OptionList whose highlighted option carries the terminal cursor."""

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)
        if self.highlighted is not None:
            # the first line of the highlighted option (set by the render above)
            follow_highlight(self, textual_private.first_line_of_highlight(self))
        return lines
