"""What the rules read from the data, as a protocol: the store fits it, and core never imports
the store."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Protocol

from infocoach.core.models import Contact, Interview, Rehearsal
from infocoach.core.stages import Event


class Records(Protocol):
    def today(self) -> date: ...

    def now(self) -> datetime: ...

    def contacts(self) -> list[Contact]: ...

    def get_contact(self, contact_id: int) -> Contact: ...

    def events_by_contact(self) -> Mapping[int, Sequence[Event]]: ...

    def interviews(self, contact_id: int | None = None) -> Sequence[Interview]: ...

    def rehearsals(self, script_id: str | None = None) -> Sequence[Rehearsal]: ...
