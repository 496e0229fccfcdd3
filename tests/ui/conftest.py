"""Fixtures for driving the app: demo data on a fixed date, a clock the test moves by hand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from infocoach.app import InfoCoachApp
from infocoach.content import Content, load_content
from infocoach.demo import populate
from infocoach.store import Store

DEMO_DAY = date(2026, 11, 20)


class FakeClock:
    """A monotonic clock that only moves when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def demo_store(store: Store, content: Content) -> Store:
    populate(store, content, DEMO_DAY)
    return store


@pytest.fixture
def make_app(content: Content, clock: FakeClock) -> Callable[[Store], InfoCoachApp]:
    def make(store: Store) -> InfoCoachApp:
        return InfoCoachApp(store, content, clock=clock)

    return make


def reopen(path: Path) -> Store:
    """The data as a fresh process would read it from disk."""
    return Store(path)
