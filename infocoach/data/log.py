"""The log of what happened with each contact: events, interviews and rehearsals."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from infocoach.core.history import HistoryEntry, history, parse_entry_id
from infocoach.core.models import (
    EVENTS,
    MAX_MINUTES,
    MIN_MINUTES,
    Interview,
    InvalidInput,
    LoggedEvent,
    Rehearsal,
)
from infocoach.core.speech import Speech
from infocoach.core.stages import Event, stage_event
from infocoach.core.text import clean_line, clean_text
from infocoach.data.schema import (
    CONTACTS,
    EVENT_LOG,
    INTERVIEWS,
    REHEARSALS,
    event_from,
    interview_from,
    rehearsal_from,
)
from infocoach.data.unit_of_work import UnitOfWork, mutation


class Log(UnitOfWork):
    """Events, interviews and rehearsals, and the history that shows them as one list."""

    def _event_index(self) -> dict[int, list[Event]]:
        """Every contact's event log in date order, built again only when the events change."""
        version = self._versions.get(EVENT_LOG, 0)
        if self._events_index[0] != version:
            grouped: dict[int, list[Event]] = {}
            for doc_id, document in self._records(EVENT_LOG):
                event = stage_event(event_from(document, doc_id))
                if event is not None:
                    grouped.setdefault(document["contact_id"], []).append(event)
            for events in grouped.values():
                events.sort()
            self._events_index = (version, grouped)
        return self._events_index[1]

    def events_by_contact(self) -> dict[int, list[Event]]:
        """Contact id -> that contact's events in date order (contacts with none left out)."""
        with self._lock:
            return {key: list(found) for key, found in self._event_index().items()}

    @mutation
    def add_interview(
        self,
        contact_id: int,
        *,
        day: date | None = None,
        minutes: int = 0,
        notes: str = "",
        questions_asked: Iterable[str] = (),
        referrals: Iterable[str] = (),
    ) -> int:
        self._require(CONTACTS, contact_id)
        doc_id = self._insert_doc(
            INTERVIEWS,
            {
                "contact_id": contact_id,
                "date": (day or self.today()).isoformat(),
                "minutes": minutes,
                "notes": clean_text(notes),
                "questions_asked": list(questions_asked),
                "referrals": [clean_line(name) for name in referrals],
            },
        )
        self._changed(INTERVIEWS, contact_id)
        return doc_id

    def interviews(self, contact_id: int | None = None) -> list[Interview]:
        return [interview_from(doc, i) for i, doc in self._of_contact(INTERVIEWS, contact_id)]

    @mutation
    def log_event(
        self, contact_id: int, event: str, *, day: date | None = None, note: str = ""
    ) -> int:
        if event not in EVENTS:
            raise InvalidInput({"event": f"{event!r} is not one of {', '.join(EVENTS)}"})
        self._require(CONTACTS, contact_id)
        doc_id = self._insert_doc(
            EVENT_LOG,
            {
                "contact_id": contact_id,
                "event": event,
                "date": (day or self.today()).isoformat(),
                "note": clean_text(note),
            },
        )
        self._changed(EVENT_LOG, contact_id)
        return doc_id

    def events(self, contact_id: int | None = None) -> list[LoggedEvent]:
        found = [event_from(doc, i) for i, doc in self._of_contact(EVENT_LOG, contact_id)]
        return sorted(found, key=lambda event: event.date)

    def history(self, contact_id: int) -> list[HistoryEntry]:
        """The contact's events and interviews as one list, oldest first (see core.history)."""
        return history(self.interviews(contact_id), self.events(contact_id))

    def entry(self, entry_id: str) -> HistoryEntry:
        """One history entry by its id (`e12`, `i3`); InvalidInput when there is none."""
        wanted = parse_entry_id(entry_id)
        table = EVENT_LOG if wanted.kind == "event" else INTERVIEWS
        document = self._memory.tables.get(table, {}).get(str(wanted.number))
        if document is None:
            raise InvalidInput({"entry": f"there is no entry {wanted}"})
        for found in self.history(document["contact_id"]):
            # the "interviewed" event logged with an interview is part of that entry
            paired = wanted.kind == "event" and found.paired_event == wanted.number
            if found.id == wanted or paired:
                return found
        raise InvalidInput({"entry": f"there is no entry {wanted}"})

    @mutation
    def remove_entry(self, entry_id: str) -> HistoryEntry:
        """Delete a history entry (an interview with the event logged with it)."""
        found = self.entry(entry_id)
        if found.is_interview:
            self._remove_docs(INTERVIEWS, [found.id.number])
            self._changed(INTERVIEWS, found.contact_id)
            if found.paired_event is not None:
                self._remove_docs(EVENT_LOG, [found.paired_event])
        else:
            self._remove_docs(EVENT_LOG, [found.id.number])
        self._changed(EVENT_LOG, found.contact_id)
        return found

    @mutation
    def edit_entry(
        self,
        entry_id: str,
        *,
        day: date | None = None,
        event: str | None = None,
        notes: str | None = None,
        minutes: int | None = None,
        names_gained: Sequence[str] | None = None,
    ) -> HistoryEntry:
        """Correct a history entry; only the values given change. InvalidInput says why not."""
        found = self.entry(entry_id)
        fields: dict[str, Any] = {}
        if day is not None:
            fields["date"] = day.isoformat()
        if found.is_interview:
            if event is not None:
                raise InvalidInput({"event": "an interview is no event: delete it instead"})
            if minutes is not None:
                if not MIN_MINUTES <= minutes <= MAX_MINUTES:
                    raise InvalidInput(
                        {"minutes": f"{minutes} is not between {MIN_MINUTES} and {MAX_MINUTES}"}
                    )
                fields["minutes"] = minutes
            if notes is not None:
                fields["notes"] = clean_text(notes)
            if names_gained is not None:
                fields["referrals"] = [n for n in map(clean_line, names_gained) if n]
            self._update_docs(INTERVIEWS, fields, [found.id.number])
            self._changed(INTERVIEWS, found.contact_id)
            if found.paired_event is not None and "date" in fields:
                self._update_docs(EVENT_LOG, {"date": fields["date"]}, [found.paired_event])
        else:
            if minutes is not None or names_gained is not None:
                raise InvalidInput({"minutes": "only an interview has minutes and names gained"})
            if event is not None:
                if event not in EVENTS:
                    raise InvalidInput({"event": f"{event!r} is not one of {', '.join(EVENTS)}"})
                fields["event"] = event
            if notes is not None:
                fields["note"] = clean_text(notes)
            self._update_docs(EVENT_LOG, fields, [found.id.number])
        self._changed(EVENT_LOG, found.contact_id)
        return self.entry(str(found.id))

    @mutation
    def add_rehearsal(
        self,
        script_id: str,
        seconds: float,
        words_per_minute: float,
        contact_id: int | None = None,
        heard: Speech | None = None,
    ) -> int:
        """`heard`: what listening measured, kept with the rehearsal."""
        listened = (
            {}
            if heard is None
            else {
                "speaking_seconds": round(heard.speaking_seconds, 1),
                "longest_pause": round(heard.longest_pause, 1),
                "ask_seconds": None if heard.ask_seconds is None else round(heard.ask_seconds, 1),
            }
        )
        doc_id = self._insert_doc(
            REHEARSALS,
            {
                "date": self._now(),
                "script_id": script_id,
                "contact_id": contact_id,
                "seconds": round(seconds, 1),
                "wpm": round(words_per_minute, 1),
                **listened,
            },
        )
        self._changed(REHEARSALS)
        return doc_id

    def rehearsals(self, script_id: str | None = None) -> list[Rehearsal]:
        found = (rehearsal_from(doc, i) for i, doc in self._records(REHEARSALS))
        return [r for r in found if script_id is None or r.script_id == script_id]
