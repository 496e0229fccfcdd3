"""A realistic sample data set, for `infocoach --demo`, screenshots and tests."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path

from infocoach.core.models import InvalidInput
from infocoach.data import locations
from infocoach.data.repositories import Store
from infocoach.guidance.loader import load_guidance
from infocoach.guidance.records import Guidance

# name, company, role, industry, how met (it ends "I found your name ..."), referred by, stage,
# meeting in days (None: none), minutes, ticked items per step (network, prepare, set, conduct,
# follow-up), notes
_PEOPLE = [
    ("Maya Okafor", "Brightwater Analytics", "Data Team Lead", "Analytics",
     "through our old team at the library", None, "thanked", -9, 20, (3, 5, 4, 6, 2),
     "Said the team hires juniors from their internship. Suggested SQL and dbt."),
    ("Daniel Reyes", "Brightwater Analytics", "Analytics Engineer", "Analytics",
     "through Maya Okafor", "Maya Okafor", "interviewed", -1, 20, (3, 5, 4, 5, 0),
     "Day to day: pipelines, reviews, stakeholder calls. Open to a follow-up."),
    ("Priya Natarajan", "Northwind Health", "UX Researcher", "Healthcare",
     "through Daniel Reyes", "Daniel Reyes", "scheduled", 1, 15, (2, 3, 2, 0, 0),
     "Works on patient portal research. Loves talking about diary studies."),
    ("Tom Becker", "Northwind Health", "Product Manager", "Healthcare",
     "at the UX meetup in March", None, "reached-out", None, None, (2, 1, 1, 0, 0),
     "Sent a LinkedIn note on Monday."),
    ("Lena Fischer", "Harbor & Finch", "Head of Design", "Retail",
     "in the alumni directory", None, "identified", None, None, (1, 0, 0, 0, 0),
     "Harbor & Finch opened a design studio downtown."),
    ("Samuel Adeyemi", "Civic Transit Lab", "Operations Analyst", "Public sector",
     "through a neighbour", None, "keeping-in-touch", -45, 15, (3, 5, 4, 6, 3),
     "Told me about the city's open data programme. Sent him the article on ridership."),
    ("Grace Liu", "Civic Transit Lab", "Data Scientist", "Public sector",
     "through Samuel Adeyemi", "Samuel Adeyemi", "thanked", -20, 20, (3, 4, 4, 6, 2),
     "Said Python and SQL matter more than any certificate."),
    ("Omar Haddad", "Lumen Energy", "Sustainability Manager", "Energy",
     "at a volunteer day at the food bank", None, "reached-out", None, None, (2, 2, 1, 0, 0),
     "Left a voicemail on Tuesday; call back Friday morning."),
    ("Hannah Kowalski", "Lumen Energy", "Recruiter", "Energy",
     "at a career fair", None, "closed", None, None, (1, 0, 0, 0, 0),
     "Only takes calls about open roles: not the right person to learn from."),
    ("Jonas Berg", "Fieldnote Studio", "Founder", "Media",
     "on a podcast I listen to", None, "identified", None, None, (0, 0, 0, 0, 0),
     "Small studio, six people. Writes a newsletter about audio storytelling."),
    ("Aisha Rahman", "Brightwater Analytics", "Director of Analytics", "Analytics",
     "through Daniel Reyes", "Daniel Reyes", "scheduled", 3, 30, (2, 1, 2, 0, 0),
     "Daniel's manager. Prefers mornings."),
    ("Chris Doyle", "Open Shelf Books", "Store Manager", "Retail",
     "through my sister, a friend of theirs", None, "interviewed", -3, 15, (3, 4, 4, 4, 0),
     "Quick call, stopped on time. Gave me two names at a distributor."),
]  # fmt: skip

_EVENTS_BY_STAGE = {
    "identified": (),
    "reached-out": ("reached-out",),
    "scheduled": ("reached-out", "replied", "scheduled"),
    "interviewed": ("reached-out", "replied", "scheduled", "interviewed"),
    "thanked": ("reached-out", "replied", "scheduled", "interviewed", "thanked"),
    "keeping-in-touch": ("reached-out", "scheduled", "interviewed", "thanked", "kept-in-touch"),
    "closed": ("reached-out", "declined"),
}


# These also reached out this many days before the usual day, so that the demo shows every
# contact type: Chris answered a week late (an obligate), Omar has not answered in twelve days,
# nor the follow-up since (a curmudgeon); Maya, like the others who replied two days after
# reaching out, is a booster. The agenda is the same as without: the later outreach decides it.
_EARLIER_OUTREACH = {"Chris Doyle": 7, "Omar Haddad": 4}

# The LAMP list: company, motivation, posting, shared background, website, notes. The first
# ones are the contacts' companies (made with them); the others have no contact yet.
_COMPANIES = [
    ("Brightwater Analytics", 3, 2, False, "https://brightwater.example",
     "Hires juniors from its internship; a modern data stack (dbt, SQL)."),
    ("Northwind Health", 3, 1, True, "https://northwind.example",
     "Patient portal team; a former classmate works in research."),
    ("Civic Transit Lab", 2, 3, False, "", "Three analyst openings on the city's jobs page."),
    ("Lumen Energy", 2, 0, False, "", ""),
    ("Harbor & Finch", 1, 0, False, "", "New design studio downtown."),
    ("Fieldnote Studio", 1, 1, False, "", ""),
    ("Open Shelf Books", 0, 1, False, "", ""),
    ("Meridian Public Library", 3, 0, True, "https://meridian-library.example",
     "Where I worked before: the data services team is growing."),
    ("Kestrel Robotics", 2, 2, False, "https://kestrel.example", "Two data analyst postings."),
    ("Greenway Credit Union", 1, 2, False, "", ""),
]  # fmt: skip

_DAYS_FROM_MEETING = {
    "reached-out": -14, "replied": -12, "scheduled": -10, "interviewed": 0, "thanked": 1,
    "kept-in-touch": 30, "declined": -12,
}  # fmt: skip


def populate(store: Store, content: Guidance, today: date) -> None:
    """Fill an empty store with the sample contacts, relative to `today`."""
    categories = {category.id: category for category in content.categories}
    picks = [
        q.id
        for name in ("role", "company", "resources")
        if name in categories
        for q in categories[name].questions[:3]
    ]

    def add_everyone() -> None:
        for index, person in enumerate(_PEOPLE):
            (
                name,
                company,
                role,
                industry,
                how_met,
                referrer,
                stage,
                days,
                minutes,
                ticks,
                notes,
            ) = person
            meeting = None
            if days is not None:
                when = datetime.combine(today + timedelta(days=days), time(10 + index % 6, 0))
                meeting = when.strftime("%Y-%m-%d %H:%M")
            contact = store.add_contact(
                name=name,
                company=company,
                role=role,
                industry=industry,
                how_met=how_met,
                referred_by=referrer,
                stage=stage,
                meeting=meeting or "",
                minutes=minutes or "",
                notes=notes,
                tags=industry.lower(),
                email=f"{name.split()[0].lower()}@{company.split()[0].lower()}.example",
            )
            for step, count in zip(content.steps, ticks, strict=False):
                for item in step.items[:count]:
                    if step.per_contact:
                        store.set_checked(contact.id, item.id, True)
                    elif item.id not in store.search_checklist():  # once for the search
                        store.set_search_checked(item.id, True)
            if stage != "identified":
                store.set_questions(contact.id, picks[index % 3 : index % 3 + 6])
            for event in _EVENTS_BY_STAGE[stage]:
                if days is None:  # no meeting: reached out (and maybe declined) last week
                    day = today - timedelta(days=8 - 2 * _EVENTS_BY_STAGE[stage].index(event))
                else:  # dated around the meeting; thanked the next day, as it should be
                    day = today + timedelta(days=days + _DAYS_FROM_MEETING[event])
                if event == "reached-out" and name in _EARLIER_OUTREACH:
                    earlier = day - timedelta(days=_EARLIER_OUTREACH[name])
                    store.log_event(contact.id, event, day=earlier)
                store.log_event(contact.id, event, day=day)
            if days is not None and days < 0:
                store.add_interview(
                    contact.id,
                    day=today + timedelta(days=days),
                    minutes=minutes or 15,
                    notes=notes,
                    referrals=("two names",) if "names" in notes else (),
                )

        for company, motivation, posting, shared, website, research in _COMPANIES:
            scores = {
                "motivation": motivation,
                "posting": posting,
                "shared_background": shared,
                "website": website,
                "notes": research,
            }
            try:
                store.update_company(store.find_company(company).id, **scores)
            except InvalidInput:  # no contact there yet
                store.add_company(name=company, **scores)

    store.run_as_one(add_everyone)
    store.add_own_question("What surprised you most in your first year here?")


@contextmanager
def demo_data_dir(today: date | None = None) -> Iterator[Path]:
    """A temporary data folder holding the demo data; removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="infocoach-demo-") as folder:
        path = Path(folder)
        store = Store(path / locations.DATA_FILE_NAME)
        populate(store, load_guidance(), today or date.today())
        yield path
