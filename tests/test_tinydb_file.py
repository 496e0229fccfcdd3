"""The data file stays what the design promised: a TinyDB JSON database. TinyDB itself (as a
script of hers would) opens it and finds every record the app shows, under the ids it shows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tinydb import TinyDB

from infocoach.data.repositories import Store


def _filled(store: Store) -> None:
    """One record of every kind the app shows, made the ways she makes them."""
    ada = store.add_contact(name="Ada Lovelace", company="Analytical Engines", tags="math")
    grace = store.add_contact(name="[b]Grace[/b]", referred_by=ada.id, how_met="a [/")
    store.add_company(name="Harvard Computation Lab", motivation="3")
    store.log_event_ticking(
        ada.id, "reached-out", {"reached-out": ("reach-out",)}, day=date(2026, 11, 2)
    )
    store.add_interview(
        grace.id, day=date(2026, 11, 10), minutes=20, notes="kind", referrals=["Alan"]
    )
    store.add_rehearsal("elevator-pitch", 31.5, 140.0, ada.id)
    store.save_call_draft(ada.id, "half a thought", ["q1"])
    store.keep_message_draft(grace.id, "thank-you", "Thank you, Grace.")
    store.set_search_checked("list-targets", True)
    store.add_own_question("What would you do in my place?")
    store.choose_question(ada.id, "q1")
    store.delete_contact(store.add_contact(name="Gone Soon").id)  # leaves a tombstone too


def _as_tinydb_reads(path: Path) -> dict[str, object]:
    with TinyDB(path, access_mode="r") as db:

        def rows(table: str, *keys: str) -> dict[int, tuple[object, ...]]:
            return {d.doc_id: tuple(d[k] for k in keys) for d in db.table(table).all()}

        return {
            "contacts": rows(
                "contacts",
                "name",
                "company",
                "company_id",
                "referred_by",
                "how_met",
                "checklist",
                "questions",
            ),
            "companies": rows("companies", "name", "motivation"),
            "events": rows("events", "contact_id", "event", "date"),
            "interviews": rows("interviews", "contact_id", "date", "minutes", "notes", "referrals"),
            "rehearsals": rows("rehearsals", "script_id", "contact_id", "seconds"),
            "call drafts": {d["contact_id"]: d["text"] for d in db.table("call_drafts").all()},
            "message drafts": {
                (d["contact_id"], d["script"]): d["text"] for d in db.table("message_drafts").all()
            },
            "search ticks": {d["item"]: d["date"] for d in db.table("search_checklist").all()},
            "own questions": [d["text"] for d in db.table("own_questions").all()],
        }


def _as_app_shows(store: Store) -> dict[str, object]:
    contacts = store.contacts()
    drafts = {c.id: store.call_draft(c.id) for c in contacts}
    return {
        "contacts": {
            c.id: (
                c.name,
                c.company,
                c.company_id,
                c.referred_by,
                c.how_met,
                c.checklist,
                list(c.questions),
            )
            for c in contacts
        },
        "companies": {c.id: (c.name, c.motivation) for c in store.companies()},
        "events": {e.id: (e.contact_id, e.event, e.date) for e in store.events()},
        "interviews": {
            i.id: (i.contact_id, i.date, i.minutes, i.notes, list(i.referrals))
            for i in store.interviews()
        },
        "rehearsals": {r.id: (r.script_id, r.contact_id, r.seconds) for r in store.rehearsals()},
        "call drafts": {i: d.text for i, d in drafts.items() if d is not None},
        "message drafts": {
            (c.id, script): text
            for c in contacts
            for script, text in store.message_drafts(c.id).items()
        },
        "search ticks": store.search_checklist(),
        "own questions": [q.text for q in store.own_questions()],
    }


def test_tinydb_opens_the_file_and_finds_every_record_the_app_shows(
    store: Store, data_file: Path
) -> None:
    _filled(store)
    found = _as_tinydb_reads(data_file)
    assert all(found.values())  # every kind of record is there to compare
    assert found == _as_app_shows(store)  # the app that saved it
    assert found == _as_app_shows(Store(data_file, clock=store.now))  # and one opening it
