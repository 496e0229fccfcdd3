"""Realistic data files for the benchmark: contacts with notes, ticks, questions and events."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

from infocoach.data.migrations import SCHEMA_VERSION

FIRST = [
    "Maya",
    "Daniel",
    "Priya",
    "Tom",
    "Lena",
    "Samuel",
    "Grace",
    "Omar",
    "Hannah",
    "Jonas",
    "Aisha",
    "Chris",
    "Noor",
    "Mateo",
    "Ingrid",
    "Kwame",
    "Yuki",
    "Elif",
    "Rosa",
    "Arjun",
]
LAST = [
    "Okafor",
    "Reyes",
    "Natarajan",
    "Becker",
    "Fischer",
    "Adeyemi",
    "Liu",
    "Haddad",
    "Kowalski",
    "Berg",
    "Rahman",
    "Doyle",
    "Silva",
    "Novak",
    "Tanaka",
    "Moreau",
]
WORDS = (
    "analytics data platform research design product health energy retail transit "
    "media finance logistics education climate software hardware policy"
).split()
ROLES = [
    "Data Analyst",
    "Product Manager",
    "UX Researcher",
    "Engineering Manager",
    "Operations Lead",
    "Recruiter",
    "Designer",
    "Director of Analytics",
]
EVENTS = ["reached-out", "replied", "scheduled", "interviewed", "thanked"]
SEARCH_ITEMS = ["network-start-list", "network-search-online"]  # ticked once for the search
ITEMS = [
    "prepare-research-company",
    "prepare-purpose-sentence",
    "prepare-questions",
    "set-write-note",
    "conduct-two-way",
]


def tables_for(count: int, seed: int = 12) -> dict:
    rng = random.Random(seed)
    start = date(2026, 1, 5)
    contacts, events = {}, {}
    event_id = 0
    for i in range(1, count + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        company = f"{rng.choice(WORDS).title()} {rng.choice(['Labs', 'Group', 'Health', 'Works'])}"
        notes = " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 40)))
        contacts[str(i)] = {
            "name": f"{first} {last} {i}",
            "company": company,
            "role": rng.choice(ROLES),
            "industry": rng.choice(WORDS),
            "email": f"{first.lower()}.{last.lower()}{i}@example.com",
            "phone": f"+1 555 {i:07d}",
            "linkedin": f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{i}",
            "how_met": "in my LinkedIn connections",
            "referred_by": rng.randint(1, i - 1) if i > 1 and rng.random() < 0.2 else None,
            "tags": [rng.choice(WORDS)],
            "notes": notes,
            "stage": "identified",
            "meeting": None,
            "minutes": rng.choice([None, 15, 20, 30]),
            "created": "2026-01-05T09:00:00",
            "updated": "2026-01-05T09:00:00",
            "checklist": {item: "2026-02-01" for item in rng.sample(ITEMS, rng.randint(0, 4))},
            "questions": [],
        }
        for step in range(rng.randint(0, 3)):
            event_id += 1
            day = start + timedelta(days=rng.randint(0, 300))
            events[str(event_id)] = {
                "contact_id": i,
                "event": EVENTS[step],
                "date": day.isoformat(),
                "note": "",
            }
    search = {
        str(n): {"item": item, "date": "2026-01-20"} for n, item in enumerate(SEARCH_ITEMS, 1)
    }
    companies = _companies_of(contacts)
    for prefix, table in (("c", contacts), ("e", events), ("s", search), ("k", companies)):
        _stamp_records(prefix, table)
    return {
        "meta": {"1": {"schema_version": SCHEMA_VERSION}},
        "contacts": contacts,
        "events": events,
        "search_checklist": search,
        "companies": companies,
    }


def _companies_of(contacts: dict) -> dict:
    """A company record for each company the contacts name, each contact linked to its own
    (as schema 5 has them)."""
    ids: dict[str, int] = {}
    for record in contacts.values():
        record["company_id"] = ids.setdefault(record["company"], len(ids) + 1)
    return {
        str(company_id): {
            "name": name,
            "website": "",
            "industry": "",
            "motivation": company_id % 4,
            "posting": company_id % 3,
            "shared_background": False,
            "notes": "",
            "created": "2026-01-05T09:00:00",
            "updated": "2026-01-05T09:00:00",
        }
        for name, company_id in ids.items()
    }


def _stamp_records(prefix: str, table: dict) -> None:
    """What every record of schema 4 carries for a merge (see `data.stamps`), as the store
    writes it: a 16-character uid, a stamp and an empty base."""
    for key, record in table.items():
        record["_uid"] = f"{prefix}{int(key):015x}"
        record["_stamp"] = f"{1_767_600_000_000 + int(key):013d}.0000.bench001"
        record["_base"] = ""


def write_data_file(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "infocoach.json"
    path.write_text(json.dumps(tables_for(count), separators=(",", ":")), encoding="utf-8")
    return path
