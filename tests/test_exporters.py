"""Exporters, read back with real parsers: csv, vobject (vCard), icalendar; the round trip
export -> import; folding at 75 octets with multi-byte characters; the formula guard."""

from __future__ import annotations

import csv
import io
from dataclasses import fields
from datetime import date, datetime, timedelta

import icalendar
import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from infocoach.core.agenda import AgendaItem
from infocoach.core.models import Contact
from infocoach.data.repositories import Store
from infocoach.data.settings import Settings
from infocoach.exchange import operations
from infocoach.exchange.exporters import (
    CSV_COLUMNS,
    Meeting,
    calendar,
    contact_uuid,
    contacts_csv,
    escape_text,
    fold,
    guard_formula,
    md,
    vcard,
)
from infocoach.exchange.importers import parse_vcard, unescape
from infocoach.guidance.loader import load_guidance

HOSTILE = [
    "[b]bold[/b]",
    "a [/",
    "[link=https://evil.example]x[/link]",
    'Say "hi", then; leave \\ now',
    "Zoë 😀 Ünïcode 李小龙",
    "שלום עולם",  # right to left
    '=HYPERLINK("http://x")',
    "-2+3",
    "@SUM(A1)",
    "+44 20 7946 0000",
]
NOW = datetime(2026, 11, 20, 9, 30)


def full_contact(contact_id: int = 7, **changes: object) -> Contact:
    values: dict[str, object] = dict(
        id=contact_id,
        name="Zoë [/ O'Brien 😀",
        company='Café; "Ünïcode", Ltd \\ [b]',
        role="Head of R&D, data",
        industry="Health; care",
        email="zoe@example.org",
        phone="+44 20 7946 0000",
        linkedin="https://www.linkedin.com/in/zoë,x;y",
        website="https://example.org/a page,b;c",
        how_met='Meetup, "Data"; March',
        referred_by=3,
        tags=("data", "héalth", "[b]"),
        notes="First line, with; stuff\nsecond \\ line 😀\n\nשלום " + "é" * 60,
        stage="scheduled",
        meeting="2026-12-01 10:00",
        minutes=20,
        created="2026-11-01T08:00:00",
        updated="2026-11-02T09:00:00",
        checklist={"network-list": "2026-11-01", "prepare-purpose": "2026-11-02"},
        questions=("trends-changes", "own-1"),
    )
    values.update(changes)
    return Contact(**values)  # type: ignore[arg-type]


def physical_lines(payload: bytes) -> list[bytes]:
    assert payload.endswith(b"\r\n")
    lines = payload[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    return lines


def assert_folded_right(payload: bytes) -> None:
    for line in physical_lines(payload):
        assert len(line) <= 75, line
        line.decode("utf-8")  # each physical line is whole UTF-8: no character was split


# -- folding and escaping -----------------------------------------------------------------------


@pytest.mark.parametrize("char", ["a", "é", "€", "😀"])  # 1, 2, 3 and 4 octets
def test_folding_at_75_octets_never_splits_a_character(char: str) -> None:
    line = "NOTE:" + char * 200
    folded = fold(line).encode()
    assert_folded_right(folded + b"\r\n")
    pieces = folded.split(b"\r\n")
    assert len(pieces[0]) > 75 - len(char.encode())  # filled as far as a whole character goes
    assert all(piece.startswith(b" ") for piece in pieces[1:])
    assert folded.decode().replace("\r\n ", "") == line


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_folding_and_escaping_round_trip_any_text(text: str) -> None:
    line = "NOTE:" + escape_text(text)
    folded = fold(line).encode("utf-8")
    assert_folded_right(folded + b"\r\n")
    unfolded = folded.decode("utf-8").replace("\r\n ", "")
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert unescape(unfolded.removeprefix("NOTE:")) == expected


def test_short_lines_are_not_folded() -> None:
    assert fold("FN:" + "x" * 72) == "FN:" + "x" * 72


# -- CSV ----------------------------------------------------------------------------------------


def read_csv(payload: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(payload.decode("utf-8"), newline="")))


def test_csv_has_every_field_rfc4180_quoting_and_crlf() -> None:
    contact = full_contact()
    payload = contacts_csv([contact], {3: "Ada Lovelace"})
    assert payload.startswith(",".join(CSV_COLUMNS).encode() + b"\r\n")
    (row,) = read_csv(payload)
    assert row["name"] == contact.name
    assert row["company"] == contact.company
    assert row["notes"] == contact.notes  # newlines, commas and quotes intact
    assert row["phone"] == "'+44 20 7946 0000"  # guarded
    assert row["referred_by"] == "3" and row["referred_by_name"] == "Ada Lovelace"
    assert row["tags"] == "data, héalth, [b]"
    assert row["checklist"] == "network-list=2026-11-01; prepare-purpose=2026-11-02"
    assert row["questions"] == "trends-changes; own-1"
    assert (row["meeting"], row["minutes"], row["stage"]) == ("2026-12-01 10:00", "20", "scheduled")
    assert (row["created"], row["updated"]) == (contact.created, contact.updated)
    for column in ("role", "industry", "email", "linkedin", "how_met"):
        assert row[column] == getattr(contact, column)
    every_field = {f.name for f in fields(Contact)}
    assert every_field <= set(row) and set(row) - every_field == {"referred_by_name"}
    assert row["keep_in_touch_weeks"] == ""


def test_csv_formula_guard() -> None:
    for text in ("=1+1", "+1", "-1", "@x", "\tx", "\rx"):
        assert guard_formula(text) == "'" + text
    for text in ("1+1", "a=b", "", " =x", "'quoted"):
        assert guard_formula(text) == text
    contacts = [full_contact(i, name=name, company=name) for i, name in enumerate(HOSTILE, 1)]
    rows = read_csv(contacts_csv(contacts))
    for row, name in zip(rows, HOSTILE, strict=True):
        expected = "'" + name if name[0] in "=+-@" else name
        assert row["name"] == expected and row["company"] == expected
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())


# -- vCard --------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vcard_is_read_by_vobject_with_every_field(version: str) -> None:
    contact = full_contact()
    payload = vcard([contact, full_contact(8, name="Madonna", company="", tags=())], version)
    assert_folded_right(payload)
    cards = list(vobject.readComponents(payload.decode("utf-8")))
    assert len(cards) == 2
    card = cards[0]
    assert card.version.value == version
    assert card.fn.value == contact.name
    assert card.n.value.family == "😀" and card.n.value.given == "Zoë [/ O'Brien"
    assert card.org.value == [contact.company]
    assert card.title.value == contact.role
    assert card.email.value == contact.email
    assert card.tel.value == contact.phone
    # A URL is a URI: the comma (which vobject splits at) and the space percent-encoded.
    assert [url.value for url in card.contents["url"]] == [
        "https://www.linkedin.com/in/zoë%2Cx;y",
        "https://example.org/a%20page%2Cb;c",
    ]
    assert card.note.value == contact.notes
    assert card.categories.value == list(contact.tags)
    assert cards[1].fn.value == "Madonna" and "org" not in cards[1].contents


def test_vcard_round_trip_through_the_importer_for_hostile_text() -> None:
    contacts = [
        full_contact(
            i,
            name=text,
            company=text,
            role=text,
            notes=f"{text}\n{text}",
            tags=(text.replace(",", ""), "x"),
        )
        for i, text in enumerate(HOSTILE, start=1)
    ]
    contacts.append(full_contact(99))
    parsed = parse_vcard(vcard(contacts))
    assert parsed.rejections == []
    assert len(parsed.records) == len(contacts)
    for record, contact in zip(parsed.records, contacts, strict=True):
        fields = record.fields
        for name in ("name", "company", "role", "email", "phone", "notes", "industry", "how_met"):
            assert fields[name] == getattr(contact, name), name
        assert fields["linkedin"] == "https://www.linkedin.com/in/zoë%2Cx;y"
        assert fields["website"] == "https://example.org/a%20page%2Cb;c"
        assert fields["tags"].split(",") == list(contact.tags)


def test_export_then_import_gives_the_same_contacts(store: Store, tmp_path) -> None:
    originals = [
        full_contact(
            i,
            name=f"{text} {i}",
            linkedin=f"https://linkedin.com/in/{i}",
            referred_by=None,
            questions=(),
            checklist={},
        )
        for i, text in enumerate(HOSTILE, start=1)
    ]
    fields = (
        "name",
        "company",
        "role",
        "industry",
        "email",
        "phone",
        "linkedin",
        "how_met",
        "tags",
        "notes",
    )
    for contact in originals:
        store.add_contact(**{name: getattr(contact, name) for name in fields})
    path = tmp_path / "out.vcf"
    path.write_bytes(operations.export(store, "vcard"))
    other = Store(tmp_path / "other" / "infocoach.json")
    result = operations.import_file(other, "vcard", path)
    assert (result.added, result.skipped, result.rejected) == (len(originals), 0, ())

    def view(s: Store) -> list[tuple]:
        return [tuple(getattr(c, f) for f in fields) for c in s.contacts()]

    assert view(other) == view(store)
    again = operations.import_file(other, "vcard", path)
    assert (again.added, again.skipped) == (0, len(originals))


# -- iCalendar ----------------------------------------------------------------------------------


def test_ics_is_read_by_icalendar() -> None:
    contact = full_contact()
    no_meeting = full_contact(8, meeting=None)
    questions = ("What changed, in your field; lately?", "Q2 \\ 😀")
    items = [
        AgendaItem(7, contact.name, "thank-you", date(2026, 12, 2), False, "Thank Zoë, today; [b]"),
        AgendaItem(9, "Bob", "follow-up", date(2026, 11, 18), True, "Follow up"),
    ]
    payload = calendar(
        [Meeting(contact, "Ada, the referrer", questions), Meeting(no_meeting)], items, NOW
    )
    assert_folded_right(payload)
    parsed = icalendar.Calendar.from_ical(payload)
    assert parsed["VERSION"] == "2.0" and "infocoach" in str(parsed["PRODID"])
    (event,) = parsed.walk("VEVENT")
    assert str(event["UID"]) == f"{contact_uuid(contact)}-meeting@infocoach"
    assert event.decoded("DTSTART") == datetime(2026, 12, 1, 10, 0)  # floating local time
    assert event.decoded("DTEND") == datetime(2026, 12, 1, 10, 20)
    assert event.decoded("DTSTAMP") == NOW.astimezone()  # in UTC; NOW is local time
    assert contact.name in str(event["SUMMARY"]) and contact.company in str(event["SUMMARY"])
    description = str(event["DESCRIPTION"])
    assert f"Informational interview with {contact.name}" in description
    assert "Referred by: Ada, the referrer" in description
    assert "1. What changed, in your field; lately?\n2. Q2 \\ 😀" in description
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-30)
    assert str(alarm["ACTION"]) == "DISPLAY"
    todos = parsed.walk("VTODO")
    assert [str(t["SUMMARY"]) for t in todos] == ["Thank Zoë, today; [b]", "Follow up"]
    assert [t.decoded("DUE") for t in todos] == [date(2026, 12, 2), date(2026, 11, 18)]
    assert [str(t["UID"]) for t in todos] == [
        "agenda-7-thank-you@infocoach",
        "agenda-9-follow-up@infocoach",
    ]
    # Stable: the same data gives the same calendar, so a re-import updates, never doubles.
    assert calendar([Meeting(contact, "Ada, the referrer", questions)], items, NOW) == payload


def test_ics_from_the_store_has_question_texts_and_agenda(store: Store) -> None:
    content = load_guidance()
    own = store.add_own_question("My own; question, [b]?")
    bank = content.questions[0]
    ada = store.add_contact(name="Ada", meeting="2026-12-01 10:00", minutes="30")
    store.set_questions(ada.id, [bank.id, own.id, "gone-question"])
    payload = operations.export(store, "ics", content=content, now=NOW)
    (event,) = icalendar.Calendar.from_ical(payload).walk("VEVENT")
    description = str(event["DESCRIPTION"])
    assert f"1. {bank.text}\n2. My own; question, [b]?" in description
    assert "gone-question" not in description
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=30)


def test_ics_has_a_todo_per_agenda_item(store: Store) -> None:
    from infocoach.core.agenda import agenda_items, prepare_item_ids

    content = load_guidance()
    ada = store.add_contact(name="Ada; [b]")
    store.log_event(ada.id, "interviewed", day=date(2026, 11, 16))
    bob = store.add_contact(name="Bob")
    store.log_event(bob.id, "reached-out", day=date(2026, 11, 2))
    expected = agenda_items(store, NOW.date(), prepare_items=prepare_item_ids(content))
    assert len(expected) >= 2
    payload = operations.export(store, "ics", content=content, now=NOW)
    todos = icalendar.Calendar.from_ical(payload).walk("VTODO")
    assert [(str(t["SUMMARY"]), t.decoded("DUE")) for t in todos] == [
        (item.text, item.due) for item in expected
    ]
    assert len({str(t["UID"]) for t in todos}) == len(todos)
    assert any(str(t["DESCRIPTION"]) == "Contact: Ada; [b]" for t in todos)


# -- Markdown brief -----------------------------------------------------------------------------


def test_markdown_brief(store: Store) -> None:
    content = load_guidance()
    ada = store.add_contact(name="Ada Lovelace")
    zoe = store.add_contact(
        name="Zoë *[b]* <script>",
        company="Café & Co",
        role="Lead",
        referred_by="Ada Lovelace",
        notes="# not a heading\n- not a list\nplain",
        meeting="2026-12-01 10:00",
        minutes="20",
    )
    network, first_step = content.steps[0], content.steps[1]  # Network is for the whole search
    store.set_search_checked(network.items[0].id, True)
    store.set_checked(zoe.id, first_step.items[0].id, True)
    store.set_questions(zoe.id, [content.questions[0].id])
    settings = Settings(my_name="Sam", my_purpose="learn how analytics teams hire juniors")
    text = operations.export(
        store, "markdown", content=content, settings=settings, contact=store.get_contact(zoe.id)
    ).decode()
    assert text.startswith("# Interview brief: Zoë \\*\\[b\\]\\* \\<script\\>\n")
    assert "**Lead** at **Café \\& Co**" in text
    assert "- Referred by: Ada Lovelace" in text and ada.name in text
    assert "- Meeting: 2026-12-01 10:00 (20 minutes agreed)" in text
    assert "## Your purpose\n\nlearn how analytics teams hire juniors\n" in text
    assert "\\# not a heading\\\n\\- not a list\\\nplain" in text
    assert "> We said twenty minutes at ten; is this still a good time?\n" in text
    purpose = "learn how analytics teams hire juniors"
    assert f"> Thank you. In a sentence: I'm hoping to {purpose}.\n" in text
    assert f"1. {md(content.questions[0].text)}" in text
    whole = f"- [ ] 1. Network: 1 of {len(network.items)} done (for your whole search)\n"
    assert whole in text
    assert f"- [ ] 2. {first_step.title}: 1 of {len(first_step.items)} done, still to do:" in text
    assert f"  - [ ] {md(first_step.items[1].text)}" in text
    assert f"  - [ ] {md(first_step.items[0].text)}" not in text
    assert f"- [ ] 3. {content.steps[2].title}: 0 of" in text


def test_markdown_escape() -> None:
    assert md("a [/ b") == "a \\[/ b"
    assert md("1. x") == "1\\. x" and md("- x") == "\\- x" and md("Dr. No - 1") == "Dr. No - 1"
