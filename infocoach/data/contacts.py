"""Contacts, with their checklist ticks and chosen questions, and the stage their log shows."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from infocoach.core.companies import check_contact_type, contact_type
from infocoach.core.models import (
    ID_REFERENCE,
    AmbiguousName,
    Contact,
    InvalidInput,
    contact_fields,
)
from infocoach.core.stages import derive_stage
from infocoach.core.text import clean_line, fold, reading_order
from infocoach.data.companies import Companies
from infocoach.data.log import Log
from infocoach.data.schema import CONTACTS, contact_from, document_from
from infocoach.data.unit_of_work import mutation, no_collection

# More contacts changed than this since the last read: sorting them all again is quicker than
# putting each in its place.
RESORT_ABOVE = 64


class Contacts(Log, Companies):
    """Contacts: read with the stage and type their log shows; they name their company."""

    def _with_stage(self, contact: Contact) -> Contact:
        """The contact with the stage its event log shows (the stored one when it has none)
        and the contact type it shows (unless she chose one)."""
        events = self._event_index().get(contact.id, ())
        stage = derive_stage(events, contact.stage)
        kind = contact.contact_type_override or contact_type(events, self.today())
        if stage == contact.stage and kind == contact.contact_type:
            return contact
        return replace(contact, stage=stage, contact_type=kind)

    def contacts(self) -> list[Contact]:
        """Every contact, sorted by name as people read (case and accents aside), then id."""
        with self._lock, no_collection():
            today = self.today()
            if self._typed_on != today:  # a contact's type moves on with the days of silence
                self._typed_on = today
                self._contacts.clear()
                self._sorted = None
            if self._sorted is None:
                documents = self._memory.tables.get(CONTACTS, {})
                every = not self._contacts  # built again whole: so is the order
                if every:
                    self._touched = {int(doc_id) for doc_id in documents}
                index = self._event_index()
                for contact_id in self._touched:
                    document = documents.get(str(contact_id))
                    if document is None:
                        self._contacts.pop(contact_id, None)
                    else:
                        # as `_with_stage`, without building the contact twice
                        stored = document.get("stage", "identified")
                        events = index.get(contact_id, ())
                        stage = derive_stage(events, stored)
                        kind = contact_type(events, today)
                        self._contacts[contact_id] = contact_from(document, contact_id, stage, kind)
                if every or len(self._touched) > RESORT_ABOVE:
                    self._sort_all()
                else:
                    for contact_id in self._touched:
                        self._resort(contact_id)
                self._touched = set()
                self._sorted = [self._contacts[contact_id] for _, contact_id in self._order]
            return list(self._sorted)

    def _sort_all(self) -> None:
        self._order_keys = {i: (reading_order(c.name), i) for i, c in self._contacts.items()}
        self._order = sorted(self._order_keys.values())

    def _resort(self, contact_id: int) -> None:
        """The contact in its place in the order again (out of it, when it is gone)."""
        old = self._order_keys.pop(contact_id, None)
        if old is not None:
            del self._order[bisect.bisect_left(self._order, old)]
        contact = self._contacts.get(contact_id)
        if contact is not None:
            key = (reading_order(contact.name), contact_id)
            self._order_keys[contact_id] = key
            bisect.insort(self._order, key)

    def contact_count(self) -> int:
        with self._lock:
            return len(self._memory.tables.get(CONTACTS, {}))

    def get_contact(self, contact_id: int) -> Contact:
        with self._lock:
            document = self._memory.tables.get(CONTACTS, {}).get(str(contact_id))
            if document is None:
                raise KeyError(contact_id)
            return self._with_stage(contact_from(document, contact_id))

    def contact_by_uid(self, uid: str) -> Contact:
        """The contact with this uid, wherever it is now (another process's save may have
        given a contact added here another doc id); KeyError when there is none."""
        with self._lock:
            found = self._id_of(CONTACTS, uid) if uid else None
        if found is None:
            raise KeyError(uid)
        return self.get_contact(found)

    def contact_now(self, contact: Contact) -> Contact:
        """`contact` as the store holds it now, found by its uid (see `contact_by_uid`; by
        id when it has none); KeyError when it is gone."""
        return self.contact_by_uid(contact.uid) if contact.uid else self.get_contact(contact.id)

    def find_contact(self, name: str) -> Contact:
        """The contact called `name` (ignoring case and accents), or `#ID`: InvalidInput when
        there is none, AmbiguousName when several share the name."""
        wanted = clean_line(name)
        if ID_REFERENCE.fullmatch(wanted):
            try:
                return self.get_contact(int(wanted[1:]))
            except KeyError:
                raise InvalidInput({"name": f"no contact has the id {wanted}"}) from None
        matches = self.contacts_named(wanted)
        if not matches:
            raise InvalidInput({"name": f"no contact is named {wanted!r}"})
        if len(matches) > 1:
            raise AmbiguousName(wanted, tuple(matches))
        return matches[0]

    def contacts_named(self, name: str) -> list[Contact]:
        """Every contact called `name` (ignoring case and accents)."""
        wanted = fold(name)
        return [c for c in self.contacts() if fold(c.name) == wanted]

    def _resolve_referrer(self, value: object, own_id: int | None) -> int | None:
        if value is None or value == "":
            return None
        if isinstance(value, int):
            if not self._holds(CONTACTS, value):
                raise InvalidInput({"referred_by": f"no contact has id {value}"})
            referrer_id = value
        else:
            try:
                referrer_id = self.find_contact(str(value)).id
            except AmbiguousName:
                raise
            except InvalidInput as error:
                raise InvalidInput({"referred_by": error.problems["name"]}) from None
        if referrer_id == own_id:
            raise InvalidInput({"referred_by": "a contact cannot refer themselves"})
        return referrer_id

    @mutation
    def add_contact(self, **raw: object) -> Contact:
        """Add a contact from typed values or typed-in text; raises InvalidInput."""
        values = contact_fields({"name": "", **raw})
        if "referred_by" in values:
            values["referred_by"] = self._resolve_referrer(values["referred_by"], None)
        if "company" in values:
            values["company_id"] = self._company_for(str(values["company"]))
        now = self._now()
        contact = contact_from({**values, "created": now, "updated": now}, 0)
        contact_id = self._insert_doc(CONTACTS, document_from(contact))
        self._changed(CONTACTS, contact_id)
        return self.get_contact(contact_id)

    @mutation
    def update_contact(self, contact_id: int, **raw: object) -> Contact:
        current = self.get_contact(contact_id)
        values = contact_fields(raw)
        if "referred_by" in values:
            values["referred_by"] = self._resolve_referrer(values["referred_by"], contact_id)
        if "company" in values:
            values["company_id"] = self._company_for(str(values["company"]), current)
        return self._write_contact(contact_from({**document_from(current), **values}, contact_id))

    @mutation
    def set_contact_type(self, contact_id: int, label: str) -> Contact:
        """Say what kind of contact this is (booster, obligate, curmudgeon), whatever the log
        shows; "" goes back to what the log shows."""
        current = self.get_contact(contact_id)
        return self._write_contact(
            replace(current, contact_type_override=check_contact_type(label))
        )

    def _write_contact(self, contact: Contact) -> Contact:
        contact = replace(contact, updated=self._now())
        self._update_docs(CONTACTS, document_from(contact), [contact.id])
        self._changed(CONTACTS, contact.id)
        return self.get_contact(contact.id)

    def _check(
        self, contact: Contact, item_id: str, checked: bool, day: date | None = None
    ) -> Contact:
        checklist = dict(contact.checklist)
        if checked:
            checklist[item_id] = (day or self.today()).isoformat()
        else:
            checklist.pop(item_id, None)
        return self._write_contact(replace(contact, checklist=checklist))

    @mutation
    def set_checked(self, contact_id: int, item_id: str, checked: bool) -> Contact:
        """Tick (stamped with today's date) or untick one checklist item."""
        return self._check(self.get_contact(contact_id), item_id, checked)

    @mutation
    def toggle_checked(self, contact_id: int, item_id: str) -> Contact:
        contact = self.get_contact(contact_id)
        return self._check(contact, item_id, item_id not in contact.checklist)

    def _ask(self, contact: Contact, question_ids: Iterable[str]) -> Contact:
        """The contact with these chosen questions (order kept, repeats dropped), written."""
        ordered = tuple(dict.fromkeys(question_ids))
        return self._write_contact(replace(contact, questions=ordered))

    @mutation
    def set_questions(self, contact_id: int, question_ids: Iterable[str]) -> Contact:
        """Replace the contact's chosen questions."""
        return self._ask(self.get_contact(contact_id), question_ids)

    @mutation
    def choose_question(self, contact_id: int, question_id: str) -> Contact:
        contact = self.get_contact(contact_id)
        return self._ask(contact, (*contact.questions, question_id))

    @mutation
    def drop_question(self, contact_id: int, question_id: str) -> Contact:
        contact = self.get_contact(contact_id)
        return self._ask(contact, (q for q in contact.questions if q != question_id))

    @mutation
    def move_question(self, contact_id: int, question_id: str, offset: int) -> Contact:
        """Move a chosen question up (negative offset) or down, clamped to the list."""
        contact = self.get_contact(contact_id)
        questions = list(contact.questions)
        start = questions.index(question_id)
        end = max(0, min(len(questions) - 1, start + offset))
        questions.insert(end, questions.pop(start))
        return self._ask(contact, questions)
