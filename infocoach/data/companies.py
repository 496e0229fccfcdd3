"""Companies: her target list (see `core.companies`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from infocoach.core.companies import TargetsImported, company_fields, company_key, fold
from infocoach.core.models import ID_REFERENCE, Company, Contact, InvalidInput
from infocoach.core.text import clean_line
from infocoach.data.schema import COMPANIES, company_document, company_from
from infocoach.data.unit_of_work import UnitOfWork, mutation


class Companies(UnitOfWork):
    """The companies, found by the names they go by."""

    def _company_index(self) -> dict[str, int]:
        """`company_key` -> the id of the company of that name (the oldest, should a merge of
        two machines' copies have made two), built again only when the companies change."""
        version = self._versions.get(COMPANIES, 0)
        if self._company_keys[0] != version:
            index: dict[str, int] = {}
            for doc_id, document in sorted(self._records(COMPANIES), key=lambda found: found[0]):
                index.setdefault(company_key(document["name"]), doc_id)
            self._company_keys = (version, index)
        return self._company_keys[1]

    def _there_already(self, table: str, document: Mapping[str, Any]) -> int | None:
        """A company is made once by name: one of that name added elsewhere is the one."""
        if table != COMPANIES:
            return super()._there_already(table, document)
        return self._company_index().get(company_key(str(document.get("name", ""))))

    def _company_for(self, name: str, contact: Contact | None = None) -> int | None:
        """The id of the company `name` names, made when there is none (None for no name).
        A `contact` keeps its link while its company text still means the same company: she
        may have renamed the company record since."""
        key = company_key(name)
        if not key:
            return None
        if (
            contact is not None
            and contact.company_id is not None
            and company_key(contact.company) == key
            and str(contact.company_id) in self._memory.tables.get(COMPANIES, {})
        ):
            return contact.company_id
        found = self._company_index().get(key)
        if found is not None:
            return found
        now = self._now()
        company = Company(id=0, name=clean_line(name), created=now, updated=now)
        company_id = self._insert_doc(COMPANIES, company_document(company))
        self._changed(COMPANIES)
        return company_id

    def _link_companies(self, documents: list[dict[str, Any]]) -> None:
        """Link each new contact's record to its company, adding the companies not yet known
        all at once (one write: each write of the companies rebuilds their index)."""
        known = self._company_index()
        new: dict[str, dict[str, Any]] = {}  # company_key -> the company record to add
        now = self._now()
        for document in documents:
            key = company_key(document["company"])
            if key and key not in known and key not in new:
                company = Company(id=0, name=document["company"], created=now, updated=now)
                new[key] = company_document(company)
        if new:
            added = self._insert_docs(COMPANIES, list(new.values()))
            self._changed(COMPANIES)
            known = {**known, **dict(zip(new, added, strict=True))}
        for document in documents:
            document["company_id"] = known.get(company_key(document["company"]))

    def companies(self) -> list[Company]:
        """Every company, sorted by name (ignoring case and accents), then id."""
        found = [company_from(document, i) for i, document in self._records(COMPANIES)]
        return sorted(found, key=lambda company: (fold(company.name), company.id))

    def get_company(self, company_id: int) -> Company:
        with self._lock:
            document = self._memory.tables.get(COMPANIES, {}).get(str(company_id))
        if document is None:
            raise KeyError(company_id)
        return company_from(document, company_id)

    def find_company(self, name: str) -> Company:
        """The company `name` names ("ACME" finds "Acme Inc.": see `company_key`), or `#ID`;
        InvalidInput when there is none."""
        wanted = clean_line(name)
        if ID_REFERENCE.fullmatch(wanted):
            try:
                return self.get_company(int(wanted[1:]))
            except KeyError:
                raise InvalidInput({"company": f"no company has the id {wanted}"}) from None
        found = self._company_index().get(company_key(wanted))
        if found is None:
            raise InvalidInput({"company": f"no company is named {wanted!r}"})
        return self.get_company(found)

    def _refuse_clash(self, name: str, own_id: int | None) -> None:
        """InvalidInput when another company already goes by `name` (see `company_key`)."""
        found = self._company_index().get(company_key(name))
        if found is not None and found != own_id:
            other = self.get_company(found)
            raise InvalidInput(
                {"name": f"{name!r} is already on the list as {other.name!r} (#{other.id})"}
            )

    @mutation
    def add_company(self, **raw: object) -> Company:
        """Add a company from typed values or typed-in text; InvalidInput for a bad value or
        a name another company goes by."""
        values = company_fields({"name": "", **raw})
        self._refuse_clash(str(values["name"]), None)
        now = self._now()
        company = company_from({**values, "created": now, "updated": now}, 0)
        company_id = self._insert_doc(COMPANIES, company_document(company))
        self._changed(COMPANIES)
        return self.get_company(company_id)

    @mutation
    def update_company(self, company_id: int, **raw: object) -> Company:
        """Change the fields given; the contacts' company text stays as they wrote it."""
        current = self.get_company(company_id)
        values = company_fields(raw)
        if "name" in values:
            self._refuse_clash(str(values["name"]), company_id)
        return self._write_company(
            company_from({**company_document(current), **values}, company_id)
        )

    def _write_company(self, company: Company) -> Company:
        company = replace(company, updated=self._now())
        self._update_docs(COMPANIES, company_document(company), [company.id])
        self._changed(COMPANIES)
        return self.get_company(company.id)

    @mutation
    def import_targets(self, rows: Sequence[Mapping[str, object]]) -> TargetsImported:
        """Add each company of an imported LAMP list, or update the one of that name with the
        other fields given, in one save: all land, or none (a bad value: InvalidInput)."""
        # All rows first, then one insert and one update: a write of the companies rebuilds
        # their index (16,000 rows, one write each: minutes).
        known = self._company_index()
        new: dict[str, dict[str, Any]] = {}  # company_key -> the record to add
        changed: dict[int, dict[str, Any]] = {}  # id -> the record as it becomes
        now = self._now()
        for row in rows:
            values = company_fields({"name": "", **row})
            key = company_key(str(values["name"]))
            found = known.get(key)
            if found is None and key not in new:
                company = company_from({**values, "created": now, "updated": now}, 0)
                new[key] = company_document(company)
                continue
            values.pop("name")  # named again: the row's other values win, as in a change
            if found is None:
                new[key].update(values)
            else:
                before = changed.get(found) or company_document(self.get_company(found))
                changed[found] = {**before, **values, "updated": now}
        if new:
            self._insert_docs(COMPANIES, list(new.values()))
        if changed:
            self._update_each(COMPANIES, changed)
        if new or changed:
            self._changed(COMPANIES)
        return TargetsImported(len(new), len(changed))
