"""The base of every dialog: one look, Escape, the safe choice focused, a footer of its own keys.

A subclass writes `compose_body` (what goes in the box) and, when it needs to, overrides:

- `BOX_TITLE` or `box_title()`: the title on the box's border, shown literally (a `str` is
  wrapped in `Content`, never read as markup); `set_box_subtitle` changes the subtitle later;
- `AUTO_FOCUS`: a selector for the widget focused first, which must be the safe choice;
- `is_dirty()`: True when closing would throw typed text away: Escape then asks "Discard your
  changes?" first, with "Keep editing" focused (so does the quit key, while any open dialog
  is dirty);
- `cancel()`: what closing does once it is safe (default: dismiss with None).

The screen class `-danger` draws the box in the error colour (a destructive confirmation), and
`-full` makes it fill the terminal, over the status line that shows the notices (the screen
beneath, whose line shows them otherwise, is hidden). Escape closes, `q` quits the app as on
every overlay (a focused text field takes the key first), and the Footer lists only the
dialog's own keys.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Footer

from infocoach.tui import actions
from infocoach.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from infocoach.tui.app import InfoCoachApp

ResultT = TypeVar("ResultT")

DISCARD_QUESTION = "Discard your changes?"
DISCARD_ID = "discard-question"


def plain(text: str | Content) -> Content:
    """`text` as Content: a `str` is taken literally, never parsed as markup."""
    return text if isinstance(text, Content) else Content(text)


class Dialog(ModalScreen[ResultT]):
    """A centred box over the dimmed screen beneath; see the module docstring."""

    app: InfoCoachApp

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > #dialog-box {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
        border-title-color: $text; border-title-style: bold;
        border-subtitle-color: $text-muted;
    }
    Dialog.-danger > #dialog-box { border: thick $error; }
    Dialog.-full > #dialog-box { width: 100%; height: 1fr; padding: 0 1; }
    Dialog .hint { color: $text-muted; }
    Dialog .error { color: $error; }
    Dialog .buttons { height: auto; margin-top: 1; align-horizontal: right; }
    Dialog .buttons Button { margin-left: 2; }
    /* Under 70 columns the buttons stand one above the other, a line each, labels whole. */
    Dialog.-tiny .buttons { layout: vertical; }
    Dialog.-tiny .buttons Button {
        width: 100%; height: 1; min-width: 0; margin: 0; border: none;
    }
    Dialog Checkbox { max-width: 100%; text-wrap: nowrap; text-overflow: ellipsis; }
    /* One-line fields and menus: a dialog is small; borders would take two rows each. */
    Dialog Input, Dialog Input:focus {
        height: 1; border: none; padding: 0 1; background: $boost;
    }
    Dialog Input:focus { background: $primary 30%; }
    Dialog Select > SelectCurrent, Dialog Select:focus > SelectCurrent {
        height: 1; border: none; padding: 0 1; background: $boost;
    }
    Dialog Select:focus > SelectCurrent { background: $primary 30%; }
    Dialog .field { height: auto; }
    Dialog .field > Label { width: 16; }
    Dialog .field > Vertical { width: 1fr; height: auto; }
    """

    BINDINGS = actions.bindings("dialog")
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (70, "-roomy")]

    BOX_TITLE: ClassVar[str] = ""
    """The title on the box's border, when it does not depend on the data."""

    BOX_TYPE: ClassVar[type[Widget]] = Vertical
    """The container of the box (e.g. VerticalScroll for a long text)."""

    def compose(self) -> ComposeResult:
        box = self.BOX_TYPE(id="dialog-box")
        box.border_title = plain(self.box_title())
        subtitle = self.box_subtitle()
        if subtitle:
            box.border_subtitle = plain(subtitle)
        with box:
            yield from self.compose_body()
        if self.has_class("-full"):  # the screen beneath is hidden: its notices show here
            yield StatusLine()
        yield Footer(show_command_palette=False)

    def compose_body(self) -> ComposeResult:
        """The widgets inside the box."""
        yield from ()

    def box_title(self) -> str | Content:
        return self.BOX_TITLE

    def box_subtitle(self) -> str | Content:
        return ""

    @property
    def box(self) -> Widget:
        return self.query_one("#dialog-box")

    def set_box_subtitle(self, subtitle: str | Content) -> None:
        self.box.border_subtitle = plain(subtitle)

    # -- closing --------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        """True when closing now would throw away something the user typed."""
        return False

    def cancel(self) -> None:
        """Close without a result (once it is safe to)."""
        self.dismiss(None)

    def action_close(self) -> None:
        """Escape: close, asking first when typed changes would be lost."""
        self._unless_kept(self.cancel, dirty=self.is_dirty())

    def action_quit(self) -> None:
        """The quit key: when any open dialog holds typed changes, "Discard your changes?"
        first; otherwise the app's own question (see `InfoCoachApp.action_quit_app`)."""
        dirty = any(isinstance(s, Dialog) and s.is_dirty() for s in self.app.screen_stack)
        if dirty:
            self._unless_kept(self.app.exit, dirty=True)
        else:
            self.app.action_quit_app()

    def _unless_kept(self, then: Callable[[], object], *, dirty: bool) -> None:
        if not dirty:
            then()
            return
        if self.id == DISCARD_ID:  # already the question: asked once is enough
            return

        def answered(discard: bool | None) -> None:
            if discard:
                then()

        self.app.ask(DISCARD_QUESTION, answered, yes="Discard", no="Keep editing", id=DISCARD_ID)
