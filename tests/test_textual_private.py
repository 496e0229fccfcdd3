"""Each private Textual (and textual-serve) name the app leans on is still there, in the
versions pyproject.toml pins: an upgrade that takes one away fails here, naming it."""

from __future__ import annotations

import importlib
import inspect
import re
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from textual.drivers.linux_driver import LinuxDriver
from textual_serve.server import Server

from infocoach.tui.textual_private import PRIVATE_NAMES, PrivateName

PYPROJECT = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text()


def owner_of(private: PrivateName) -> Any:
    """The module or class that should hold the name."""
    try:
        return importlib.import_module(private.owner)
    except ImportError:
        module, _, cls = private.owner.rpartition(".")
        return getattr(importlib.import_module(module), cls)


def holds(owner: Any, name: str) -> bool:
    """Whether `owner` has `name`, or (a class) sets it on each instance it makes."""
    if hasattr(owner, name):
        return True
    return inspect.isclass(owner) and any(
        f"self.{name} = " in inspect.getsource(cls) or f"self.{name}: " in inspect.getsource(cls)
        for cls in owner.__mro__
        if cls.__module__.startswith("textual")
    )


@pytest.mark.parametrize("private", PRIVATE_NAMES, ids=lambda p: f"{p.owner}.{p.name}")
def test_each_private_textual_name_is_still_there(private: PrivateName) -> None:
    assert holds(owner_of(private), private.name), (
        f"Textual {version('textual')} has no {private.owner}.{private.name}, which infocoach "
        f"needs: {private.why}. See infocoach/tui/textual_private.py."
    )


def test_the_driver_still_hands_its_writer_thread_the_output_closing_replaces() -> None:
    source = inspect.getsource(LinuxDriver)
    assert "WriterThread(self._file)" in source, (
        "Textual's LinuxDriver no longer gives its writer thread `self._file`: "
        "infocoach/tui/closing.py's TerminalDriver replaces it so a closed terminal cannot hang"
    )


def test_textual_serves_application_is_still_made_where_serve_adds_its_guard() -> None:
    assert inspect.iscoroutinefunction(Server._make_app), (
        "textual-serve's Server._make_app is gone or changed: infocoach/cli/serve.py adds the "
        "key, host and origin checks there"
    )


def test_no_private_textual_name_is_used_outside_its_module() -> None:
    tui = Path(__file__).resolve().parent.parent / "infocoach" / "tui"
    names = {private.name for private in PRIVATE_NAMES} | {"_text_area"}
    allowed = {"textual_private.py"}
    for path in tui.rglob("*.py"):
        if path.name in allowed:
            continue
        for name in names:
            uses = re.findall(rf"\.{name}\b|import {name}\b", path.read_text())
            if name == "_check_bindings":  # the override itself, in app.py
                uses = [use for use in uses if path.name != "app.py"]
            assert not uses, f"{path.relative_to(tui)} uses {name}: go through textual_private"


@pytest.mark.parametrize("package", ["textual", "textual-serve"])
def test_the_versions_that_were_checked_are_pinned_exactly(package: str) -> None:
    assert f'"{package}=={version(package)}"' in PYPROJECT
