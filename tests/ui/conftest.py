"""Fixtures for driving the app: demo data on a fixed date, a clock the test moves by hand."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
import textual._wait as textual_wait
from textual.pilot import Pilot

from infocoach.data.repositories import Store
from infocoach.exchange import audio
from infocoach.exchange.demo import populate
from infocoach.guidance.loader import load_guidance
from infocoach.guidance.records import Guidance
from infocoach.tui.app import InfoCoachApp
from tests.conftest import FIXED_NOW

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
def content() -> Guidance:
    return load_guidance()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def demo_store(store: Store, content: Guidance) -> Store:
    populate(store, content, DEMO_DAY)
    return store


_LIVE_STORES: list[Store] = []  # stores of the apps this test made: they save in the background


@pytest.fixture
def make_app(content: Guidance, clock: FakeClock) -> Iterator[Callable[..., InfoCoachApp]]:
    """The app on `store`; a listening rehearsal hears `microphone()` (by default none: a test
    never opens the computer's own microphone)."""

    def make(
        store: Store, microphone: Callable[[], audio.Microphone] = NoMicrophone
    ) -> InfoCoachApp:
        _LIVE_STORES.append(store)
        return InfoCoachApp(store, content, clock=clock, microphone=microphone)

    yield make
    _LIVE_STORES.clear()


class NoMicrophone:
    """A computer with no microphone."""

    def start(self, hear: audio.Hear) -> None:
        raise audio.AudioError("no microphone to listen with")

    def stop(self) -> None:
        pass


def reopen(path: Path) -> Store:
    """The data as a fresh process would read it from disk, once the app's saves are done, on
    the tests' day (a contact's type moves on with the days of silence)."""
    for store in _LIVE_STORES:
        assert store.wait_until_saved(10), "a background save did not finish"
    return Store(path, clock=lambda: FIXED_NOW)


QUESTIONS = ["role-typical-week", "role-current-projects", "role-first-months"]


@pytest.fixture
def caller(demo_store):
    """A contact who sorts first (so is selected at start), with an agreed 20 minutes."""
    contact = demo_store.add_contact(
        name="Aaron Able",
        company="Acme",
        role="Data lead",
        how_met="Alumni evening",
        referred_by="Maya Okafor",
        minutes=20,
    )
    demo_store.set_questions(contact.id, QUESTIONS)
    return contact


IDLE_LOOK = 1 / 200  # seconds


@pytest.fixture(autouse=True)
def quick_idle_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pilot waits after each key until the process is idle, watching it 20 ms at a time:
    at least 40 ms a key, and the suite presses tens of thousands. It watches 5 ms at a time
    here, still for the same share of CPU (infocoach/tui/textual_private.py names both). A test
    that needs more than the app's messages handled and a look at the CPU waits for what it
    needs by name (`until`)."""
    monkeypatch.setattr(textual_wait, "SLEEP_GRANULARITY", IDLE_LOOK)
    monkeypatch.setattr(textual_wait, "SLEEP_IDLE", IDLE_LOOK / 20)


async def until(pilot: Pilot, holds: Callable[[], bool], what: str, seconds: float = 5) -> None:
    """Pause until `holds()` is true, failing after `seconds` with `what` it waited for."""
    deadline = time.monotonic() + seconds
    while not holds():
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        await pilot.pause(0.02)
