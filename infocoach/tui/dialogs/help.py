"""The help screen: packaged Markdown, with the key tables filled from the action table.

The Markdown is a small subset (headings, paragraphs, `-` lists, `code`, *italic*, **bold** and
tables), drawn here as one Rich renderable: Textual's Markdown widget took most of a second to
open this screen (an import of markdown-it and a widget per table cell) and ruled a line under
every row of a table.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from infocoach.tui import actions

# Inline marks, longest first: **bold**, `code` (a key), *italic*.
INLINE = re.compile(r"\*\*(?P<bold>.+?)\*\*|`(?P<code>[^`]+)`|\*(?P<italic>[^*]+)\*")
INLINE_STYLES = {"bold": "bold", "code": "bold", "italic": "italic"}


def help_source() -> str:
    """The packaged Markdown: prose, with a `{{keys …}}` mark where each key table goes."""
    return files("infocoach.tui").joinpath("help.md").read_text(encoding="utf-8")


def help_text() -> str:
    """The help as shown: the key tables come from the action table."""
    return actions.fill_help(help_source())


def inline(text: str, style: str = "") -> Text:
    """One line or paragraph with its inline marks styled (the marks themselves dropped)."""
    result = Text(style=style)
    end = 0
    for match in INLINE.finditer(text):
        result.append(text[end : match.start()])
        kind = match.lastgroup or ""
        result.append(match.group(kind), INLINE_STYLES[kind])
        end = match.end()
    result.append(text[end:])
    return result


def key_table(rows: list[list[str]]) -> Table:
    """A table of keys: header, then one row per key; no rules between rows."""
    table = Table(box=None, expand=True, padding=(0, 1), header_style="bold", show_edge=False)
    header, *body = rows
    table.add_column(header[0], ratio=2)
    table.add_column(header[1], ratio=5)
    # The ids are copied into keymap.yaml: never broken.
    table.add_column(header[2], style="dim", no_wrap=True, min_width=max(len(r[2]) for r in rows))
    for cells in body:
        table.add_row(*(inline(cell) for cell in cells))
    return table


@cache
def help_renderable(markdown: str) -> RenderableType:
    """The help as one renderable; built once per text (the keys are set at start)."""
    blocks: list[RenderableType] = []
    lines: list[str] = []  # the paragraph or list item being gathered
    rows: list[list[str]] = []  # the table being gathered

    def flush() -> None:
        if lines:
            blocks.append(inline(" ".join(lines)))
            lines.clear()
        if rows:
            blocks.append(key_table(rows))
            rows.clear()

    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            if lines:
                flush()
            if not set(stripped) <= set("|-: "):  # not the rule under the header
                rows.append([cell.strip() for cell in stripped.strip("|").split("|")])
            continue
        if rows:
            flush()
        if not stripped:
            flush()
            blocks.append(Text())
        elif stripped.startswith("#"):
            flush()
            level, _, title = stripped.partition(" ")
            blocks.append(inline(title, "bold underline" if len(level) == 1 else "bold"))
        elif stripped.startswith("- "):
            flush()
            lines.append("• " + stripped[2:])
        else:
            lines.append(stripped)
    flush()
    return Group(*blocks)


class HelpDialog(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpDialog { align: center middle; }
    HelpDialog > VerticalScroll {
        width: 90; max-width: 100%; height: 90%; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS = actions.bindings("help", quit=True)

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = "Help"
            box.border_subtitle = "escape to close"
            yield Static(help_renderable(help_text()), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
