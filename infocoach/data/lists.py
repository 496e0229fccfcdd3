"""The settings-like tables: the checklist of the whole search, and her own questions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from infocoach.core.models import InvalidInput, OwnQuestion
from infocoach.core.text import clean_line
from infocoach.data.schema import (
    OWN_QUESTION_PREFIX,
    OWN_QUESTIONS,
    SEARCH_CHECKLIST,
    own_question_from,
)
from infocoach.data.unit_of_work import UnitOfWork, mutation


class Lists(UnitOfWork):
    """The steps worked once for the whole search, and the questions she wrote herself."""

    def search_checklist(self) -> dict[str, str]:
        """Item id -> the date it was ticked, for the steps worked once for the whole search
        (Network): the same for every contact."""
        found: dict[str, str] = {}
        for _, document in sorted(self._records(SEARCH_CHECKLIST)):
            found.setdefault(document["item"], document.get("date", ""))
        return found

    def _there_already(self, table: str, document: Mapping[str, Any]) -> int | None:
        """A step of the search is ticked once: ticked elsewhere meanwhile is ticked."""
        if table != SEARCH_CHECKLIST:
            return super()._there_already(table, document)
        found = (i for i, d in self._records(SEARCH_CHECKLIST) if d["item"] == document["item"])
        return next(found, None)

    @mutation
    def set_search_checked(self, item_id: str, checked: bool) -> dict[str, str]:
        """Tick (stamped with today's date) or untick an item of the whole search; returns
        every such tick."""
        mine = [i for i, document in self._records(SEARCH_CHECKLIST) if document["item"] == item_id]
        if checked and not mine:
            self._insert_doc(
                SEARCH_CHECKLIST, {"item": clean_line(item_id), "date": self.today().isoformat()}
            )
        elif not checked and mine:
            self._remove_docs(SEARCH_CHECKLIST, mine)
        self._changed(SEARCH_CHECKLIST)
        return self.search_checklist()

    @mutation
    def toggle_search_checked(self, item_id: str) -> dict[str, str]:
        return self.set_search_checked(item_id, item_id not in self.search_checklist())

    def own_questions(self) -> list[OwnQuestion]:
        return [own_question_from(doc, doc_id) for doc_id, doc in self._records(OWN_QUESTIONS)]

    @mutation
    def add_own_question(self, text: str, category: str = "mine") -> OwnQuestion:
        text, category = clean_line(text), clean_line(category)
        if not text:
            raise InvalidInput({"text": "the question is empty"})
        doc_id = self._insert_doc(OWN_QUESTIONS, {"text": text, "category": category})
        self._changed(OWN_QUESTIONS)
        return OwnQuestion(f"{OWN_QUESTION_PREFIX}{doc_id}", text, category)
