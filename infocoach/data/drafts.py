"""What she is writing: the notes of a call in progress, and messages kept from the editor."""

from __future__ import annotations

from collections.abc import Iterable

from infocoach.core.models import CallDraft
from infocoach.core.text import clean_text
from infocoach.data.schema import CALL_DRAFTS, CONTACTS, MESSAGE_DRAFTS, call_draft_from
from infocoach.data.unit_of_work import UnitOfWork, mutation


class Drafts(UnitOfWork):
    """Call drafts and message drafts, one set per contact."""

    @mutation
    def save_call_draft(
        self, contact_id: int, notes: str, asked: Iterable[str] = (), started: str = ""
    ) -> None:
        """Keep the notes and ticked questions of a call in progress, replacing the last;
        `started` (ISO, to the second) is when the call began, kept from the first save."""
        self._require(CONTACTS, contact_id)
        mine = [doc_id for doc_id, _ in self._of_contact(CALL_DRAFTS, contact_id)]
        kept = self.call_draft(contact_id)
        document = {
            "contact_id": contact_id,
            "date": self._now(),
            "text": clean_text(notes),
            "asked": list(dict.fromkeys(asked)),
            "started": started or (kept.started if kept else ""),
        }
        if mine:
            self._update_docs(CALL_DRAFTS, document, mine[:1])
            if mine[1:]:
                self._remove_docs(CALL_DRAFTS, mine[1:])
        else:
            self._insert_doc(CALL_DRAFTS, document)
        self._changed(CALL_DRAFTS, contact_id)

    def call_draft(self, contact_id: int) -> CallDraft | None:
        """The saved draft of a call with the contact, or None."""
        found = [call_draft_from(doc) for _, doc in self._of_contact(CALL_DRAFTS, contact_id)]
        return found[0] if found else None

    @mutation
    def clear_call_draft(self, contact_id: int) -> None:
        mine = [doc_id for doc_id, _ in self._of_contact(CALL_DRAFTS, contact_id)]
        if mine:
            self._remove_docs(CALL_DRAFTS, mine)
            self._changed(CALL_DRAFTS, contact_id)

    def message_drafts(self, contact_id: int) -> dict[str, str]:
        """Template id -> the message to the contact as last kept from the editor."""
        return {
            document["script"]: document.get("text", "")
            for _, document in self._of_contact(MESSAGE_DRAFTS, contact_id)
        }

    @mutation
    def keep_message_draft(self, contact_id: int, script_id: str, text: str | None) -> None:
        """Keep the message written from a template for the contact (None: forget it)."""
        self._require(CONTACTS, contact_id)
        mine = [
            doc_id
            for doc_id, document in self._of_contact(MESSAGE_DRAFTS, contact_id)
            if document.get("script") == script_id
        ]
        if mine:
            self._remove_docs(MESSAGE_DRAFTS, mine)
        if text is not None:
            document = {
                "contact_id": contact_id,
                "script": script_id,
                "text": clean_text(text),
                "date": self._now(),
            }
            self._insert_doc(MESSAGE_DRAFTS, document)
        self._changed(MESSAGE_DRAFTS, contact_id)
