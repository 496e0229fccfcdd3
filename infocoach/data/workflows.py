"""The changes that span aggregates: delete a contact with its log, merge two companies,
log an event and tick, end a call, import contacts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from infocoach.core.calls import CallPlan, earned_items
from infocoach.core.companies import Target, rank_targets
from infocoach.core.imports import Duplicates, ImportResult, Record, Rejection, Skipped
from infocoach.core.insights import merge_interviews
from infocoach.core.models import Company, Contact, InvalidInput, contact_fields
from infocoach.data.contacts import Contacts
from infocoach.data.copies import ConflictCopies
from infocoach.data.drafts import Drafts
from infocoach.data.lists import Lists
from infocoach.data.schema import COMPANIES, CONTACT_TABLES, CONTACTS, contact_from, document_from
from infocoach.data.unit_of_work import mutation


@dataclass(frozen=True)
class Logged:
    """An event logged (see `Store.log_event_ticking`): its record and the checklist items
    logging it ticked (those not ticked already)."""

    event_id: int
    ticked: tuple[str, ...]


class Workflows(Contacts, Drafts, Lists, ConflictCopies):
    """Each change here touches more than one repository, and is saved as one."""

    @mutation
    def delete_contact(self, contact_id: int) -> Contact:
        """Remove a contact with its interviews, events and rehearsals, in one save (see
        `undoable` to take it back)."""
        contact = self.get_contact(contact_id)
        for name in CONTACT_TABLES:
            mine = [i for i, d in self._records(name) if d.get("contact_id") == contact_id]
            if mine:
                self._remove_docs(name, mine)
                self._changed(name, contact_id)
        referred = [c.id for c in self.contacts() if c.referred_by == contact_id]
        if referred:
            self._update_docs(CONTACTS, {"referred_by": None}, referred)
        self._remove_docs(CONTACTS, [contact_id])
        self._changed(CONTACTS, contact_id, *referred)
        return contact

    @mutation
    def merge_companies(self, keep_id: int, other_id: int) -> Company:
        """Make two records of one company one: the other's contacts link to the one kept,
        its notes are added to the kept one's, a score or mark the kept one lacks is taken
        from it; then it is deleted. Undo with `undoable`."""
        if keep_id == other_id:
            raise InvalidInput({"company": "a company cannot be merged with itself"})
        keep, other = self.get_company(keep_id), self.get_company(other_id)
        notes = keep.notes
        if other.notes and other.notes not in notes:
            notes = f"{notes}\n\n{other.notes}" if notes else other.notes
        merged = replace(
            keep,
            website=keep.website or other.website,
            industry=keep.industry or other.industry,
            motivation=max(keep.motivation, other.motivation),
            posting=max(keep.posting, other.posting),
            shared_background=keep.shared_background or other.shared_background,
            notes=notes,
        )
        moved = [contact.id for contact in self.contacts() if contact.company_id == other_id]
        if moved:
            self._update_docs(CONTACTS, {"company_id": keep_id}, moved)
            self._changed(CONTACTS, *moved)
        self._remove_docs(COMPANIES, [other_id])
        return self._write_company(merged)

    def targets(self) -> list[Target]:
        """The LAMP list: every company in the order to work them (see `core.companies`)."""
        conversations = merge_interviews(self.interviews(), self.events_by_contact())
        return rank_targets(self.companies(), self.contacts(), conversations)

    @mutation
    def log_event_ticking(
        self,
        contact_id: int,
        event: str,
        done_by: Mapping[str, Iterable[str]],
        *,
        day: date | None = None,
        note: str = "",
    ) -> Logged:
        """Log an event and tick, dated the event's day, the contact's checklist items it
        completes: `done_by` maps an event to them (the guidance's `done_by`). An item ticked
        already keeps its date. One change: both land, or neither."""
        event_id = self.log_event(contact_id, event, day=day, note=note)
        contact = self.get_contact(contact_id)
        ticked = tuple(
            i for i in dict.fromkeys(done_by.get(event, ())) if i not in contact.checklist
        )
        for item_id in ticked:
            contact = self._check(contact, item_id, True, day)
        return Logged(event_id, ticked)

    @mutation
    def finish_call(
        self,
        plan: CallPlan,
        *,
        minutes: int,
        notes: str,
        asked: Iterable[str],
        referrals: Sequence[str],
        add_referrals: bool = False,
    ) -> list[str]:
        """Log the interview in one save; returns the Conduct items it ticked.

        With `add_referrals`, each name not yet a contact is added, referred by this contact.
        """
        ticked = set(asked)
        asked = [question_id for question_id, _ in plan.questions if question_id in ticked]
        earned = earned_items(referrals, minutes, plan.minutes)
        self.add_interview(
            plan.contact_id,
            minutes=minutes,
            notes=notes,
            questions_asked=asked,
            referrals=referrals,
        )
        self.log_event(plan.contact_id, "interviewed")
        checklist = self.get_contact(plan.contact_id).checklist
        for item_id in earned:
            if item_id not in checklist:
                self.set_checked(plan.contact_id, item_id, True)
        if add_referrals:
            known = {contact.name.casefold() for contact in self.contacts()}
            for name in referrals:
                if name.casefold() not in known:
                    self.add_contact(
                        name=name, referred_by=plan.contact_id, how_met=f"through {plan.name}"
                    )
        self.clear_call_draft(plan.contact_id)
        return earned

    @mutation
    def import_contacts(
        self,
        records: Sequence[Record],
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportResult:
        """Add the new contacts among `records` in one save: all of them land, or none.

        Each record's fields are checked as typed text; a bad one is rejected with its row.
        A record with the same LinkedIn URL as a stored or earlier one, or else the same name
        and company, is skipped (see `core.imports.Duplicates`). `progress(done, total)` is
        called now and then; an exception it raises cancels the import.
        """
        total = len(records)
        duplicates = Duplicates(self.contacts())
        now = self._now()
        documents: list[dict[str, Any]] = []
        rejected: list[Rejection] = []
        skipped: list[Skipped] = []
        every = max(1, total // 100)
        for done, record in enumerate(records, start=1):
            try:
                values = contact_fields({"name": "", **record.fields})
            except InvalidInput as error:
                rejected.append(Rejection(record.row, str(error)))
            else:
                values.pop("referred_by", None)
                if duplicates.add(values):
                    contact = contact_from({**values, "created": now, "updated": now}, 0)
                    documents.append(document_from(contact))
                else:
                    skipped.append(Skipped(record.row, str(values["name"])))
            if progress is not None and (done % every == 0 or done == total):
                progress(done, total)
        self._link_companies(documents)
        if documents:
            added = self._insert_docs(CONTACTS, documents)
            self._changed(CONTACTS, *added)
        return ImportResult(len(documents), tuple(skipped), tuple(rejected))
