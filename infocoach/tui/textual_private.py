"""Every private Textual name infocoach uses, each in this one place with why no public one
serves. Textual is pinned to the version these were checked against (pyproject.toml), and
tests/test_textual_private.py fails, naming the name, when an upgrade takes one away."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, cast

from textual.app import App
from textual.drivers.linux_driver import LinuxDriver
from textual.keys import _character_to_key
from textual.notifications import Notification
from textual.widget import Widget
from textual.widgets import OptionList

if TYPE_CHECKING:
    from textual.geometry import Size


@dataclass(frozen=True)
class PrivateName:
    owner: str  # the module or class that holds it, dotted
    name: str
    why: str


PRIVATE_NAMES = (
    PrivateName("textual.keys", "_character_to_key",
                "keymap.yaml and the set of typed keys name a key as Textual's bindings do "
                "(\"?\" is \"question_mark\"); no public function gives that name"),
    PrivateName("textual.app.App", "_check_bindings",
                "overridden in InfoCoachApp so a save key waits until the field has taken the "
                "letters typed before it; no public hook runs before a priority binding"),
    PrivateName("textual.app.App", "_notifications",
                "the toasts on screen, for the tests that check which notices are toasts; the "
                "app keeps no public list of them"),
    PrivateName("textual.widgets._text_area", "TextArea",
                "to ask whether a TextArea has the focus without importing it when none is on "
                "screen: the public `textual.widgets.TextArea` import costs start-up time"),
    PrivateName("textual.widgets.OptionList", "_line_cache",
                "which line each option starts on: the highlighted one's for the terminal "
                "cursor that screen readers follow, all of them so the checklist never starts "
                "inside an item; OptionList keeps it to itself"),
    PrivateName("textual.widget.Widget", "_scroll_update",
                "updates the scrollbars after the contact list sets its virtual size quietly "
                "(setting it publicly lays out the whole screen on every keystroke)"),
    PrivateName("textual.app.App", "_driver",
                "the app's driver, to wait until its writer thread has written the first "
                "frame to the terminal before the data file is read; no public accessor"),
    PrivateName("textual.drivers.linux_driver.LinuxDriver", "_file",
                "what the driver's writer thread writes to: `closing.TerminalDriver` puts an "
                "output there that survives a terminal that is gone; no public way to give "
                "the thread another"),
    PrivateName("textual._wait", "SLEEP_GRANULARITY",
                "tests only: how long the test pilot watches the process for idleness after "
                "each key (20 ms); tests/ui/conftest.py looks 5 ms at a time, as the suite "
                "presses some 30,000 keys and no public setting sets the pilot's pace"),
    PrivateName("textual._wait", "SLEEP_IDLE",
                "tests only: the CPU time in one look that still counts as idle, kept at the "
                "same share of the shorter look as Textual sets for its own"),
)  # fmt: skip


def character_to_key(character: str) -> str:
    """Textual's name for the key that types `character` ("?" -> "question_mark")."""
    return _character_to_key(character)


def notifications(app: App[Any]) -> list[Notification]:
    """The toasts the app shows now."""
    return list(app._notifications)


def is_text_area(widget: object) -> bool:
    """Whether `widget` is a TextArea, without importing TextArea when none was made."""
    text_area = sys.modules.get("textual.widgets._text_area")
    return text_area is not None and isinstance(widget, text_area.TextArea)


def first_line_of_highlight(option_list: OptionList) -> int | None:
    """The line (of all the list's lines) where the highlighted option begins."""
    if option_list.highlighted is None:
        return None
    line: int | None = option_list._line_cache.index_to_line.get(option_list.highlighted)
    return line


def first_lines_of_options(option_list: OptionList) -> list[int]:
    """The line (of all the list's lines) where each option begins, in order."""
    return sorted(option_list._line_cache.index_to_line.values())


def update_scrollbars(widget: Widget, virtual_size: Size) -> None:
    """Scrollbar visibility, thumb size and position for a virtual size set quietly."""
    widget._scroll_update(virtual_size)


def app_driver(app: App[Any]) -> object:
    """The driver the app runs with (None before it runs)."""
    return app._driver


def driver_output(driver: LinuxDriver) -> IO[str]:
    """What the driver's writer thread writes to."""
    return cast(IO[str], driver._file)


def replace_driver_output(driver: LinuxDriver, output: object) -> None:
    """Have the writer thread (made after this) write to `output` instead."""
    driver._file = cast(Any, output)  # Textual types it as its own file
