"""The filter field of the Contacts and Questions panes."""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input


class FilterInput(Input):
    """Textual's Input, minus a layout of the whole screen at every keystroke.

    Input sets its `virtual_size` (its text's width) whenever its value changes, and a new
    virtual size lays out the screen again: every pane is measured and drawn anew (tens of
    milliseconds with the four panes). Only this input's horizontal scroll range depends on
    that width (its own size is fixed by the pane), so it is set without a layout."""

    def _watch_value(self, value: str) -> None:
        if self.is_mounted and not self.styles.auto_dimensions:
            # The size Input's own watcher is about to set, set first without a layout:
            # its assignment then changes nothing.
            self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

    def start_with(self, character: str) -> None:
        """Take the focus with `character` typed at the end: the first letter of a word
        typed on the list the filter is for. (Not all selected, as on focus, or the next
        letter would replace it.)"""
        self.select_on_focus = False
        self.focus()
        self.cursor_position = len(self.value)
        self.insert_text_at_cursor(character)

    def on_blur(self) -> None:
        self.select_on_focus = True
