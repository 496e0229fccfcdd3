"""Importers: LinkedIn's Connections.csv and vCards into plain records; the store's all-or-nothing
bulk import with its duplicate rule; a hypothesis fuzz of the LinkedIn importer."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from infocoach.core.imports import Duplicates, ImportResult, Record, Rejection, Skipped
from infocoach.data import storage
from infocoach.data.repositories import Store
from infocoach.data.storage import DataWriteError
from infocoach.exchange.importers import (
    ImportFileError,
    parse_linkedin,
    parse_vcard,
    read,
    split_escaped,
    unescape,
)
from tests.disk_faults import disk_full

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
OLD_HEADER = "First Name,Last Name,Email Address,Company,Position,Connected On"
PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are'
    " missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\r\n'
    "\r\n"
)


def linkedin(*rows: str, header: str = HEADER, preamble: str = PREAMBLE, bom: bool = True) -> bytes:
    text = preamble + header + "\r\n" + "".join(row + "\r\n" for row in rows)
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def fields_of(parsed) -> list[dict[str, str]]:
    return [record.fields for record in parsed.records]


# -- LinkedIn -----------------------------------------------------------------------------------


def test_a_real_shaped_linkedin_export() -> None:
    raw = linkedin(
        "Ada,Lovelace,https://www.linkedin.com/in/ada,ada@engines.org,Analytical Engines,"
        "Engineer,15 Mar 2024",
        'Zoë,"O\'Brien, Jr.",https://www.linkedin.com/in/zoe,,"Café ""Ünïcode"", Ltd",'
        '"Head of\nResearch",01 Jan 2023',
        "李,小龙,,,,,",
    )
    parsed = parse_linkedin(raw)
    assert parsed.rejections == []
    assert [r.row for r in parsed.records] == [5, 6, 8]  # Zoë's row spans lines 6 and 7
    ada, zoe, li = fields_of(parsed)
    assert ada == {
        "name": "Ada Lovelace",
        "given_name": "Ada",  # the First Name column: what to call her
        "family_name": "Lovelace",
        "company": "Analytical Engines",
        "role": "Engineer",
        "email": "ada@engines.org",
        "linkedin": "https://www.linkedin.com/in/ada",
        "how_met": "in my LinkedIn connections",
        "notes": "Connected on LinkedIn on 15 Mar 2024.",
    }
    assert zoe["name"] == "Zoë O'Brien, Jr."
    assert zoe["company"] == 'Café "Ünïcode", Ltd'
    assert zoe["role"] == "Head of\nResearch" and zoe["email"] == ""
    assert li["name"] == "李 小龙" and li["how_met"] == "in my LinkedIn connections"


def test_older_exports_without_url_and_without_preamble() -> None:
    parsed = parse_linkedin(
        linkedin(
            "Ada,Lovelace,a@b.c,Engines,Eng,1 Feb 2020", header=OLD_HEADER, preamble="", bom=False
        )
    )
    assert fields_of(parsed)[0]["linkedin"] == ""
    assert fields_of(parsed)[0]["email"] == "a@b.c"
    assert parsed.records[0].row == 2


def test_preamble_with_quotes_commas_and_blank_lines_is_skipped() -> None:
    preamble = 'Notes:\n\n"A, b ""quoted""\nacross lines"\n\n,,,\nFirst Name only\n\n'
    parsed = parse_linkedin(linkedin("Ada,Lovelace,,,,,", preamble=preamble))
    assert fields_of(parsed)[0]["name"] == "Ada Lovelace"
    assert parsed.records[0].row == preamble.count("\n") + 2


def test_blank_lines_and_empty_rows_are_not_rows_and_bad_rows_are_rejected() -> None:
    parsed = parse_linkedin(
        linkedin("", ",,,,,,", "Ada,Lovelace,,,,,", "a,b,c,d,e,f,g,EXTRA", "Bob,,,,,,")
    )
    assert [r.row for r in parsed.records] == [7, 9]
    assert parsed.rejections == [Rejection(8, "8 fields, but the header has 7")]


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"", "no LinkedIn header line found"),
        (b"name,email\nAda,a@b.c\n", "no LinkedIn header line found"),
        (b"First Name,Last Name,Email\nAda,L,a@b.c\n", "no LinkedIn header line found"),
        (b"First Name,Last Name,Connected On\nAda,L,01 Jan 2024\n", "no LinkedIn header"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a binary file"),
        ("First Name,Last Name\nZoë,X\n".encode("latin-1"), "not valid UTF-8 at line 2"),
        ("First Name,Last Name\n".encode("utf-16"), "UTF-16 text"),
    ],
)
def test_files_that_are_not_connections_csv(raw: bytes, problem: str) -> None:
    with pytest.raises(ImportFileError, match=problem):
        parse_linkedin(raw)


def test_read_reports_missing_files_and_folders(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="No such file"):
        read("linkedin", tmp_path / "missing.csv")
    with pytest.raises(ImportFileError, match="folder"):
        read("vcard", tmp_path)


# -- vCard --------------------------------------------------------------------------------------

VCARD_30 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Lovelace;Ada;King;Lady;\r\n"
    "FN:Ada King\\, Countess of Lovelace\r\n"
    "ORG:Analytical Engines\\; Ltd;Research\r\n"
    "TITLE:Head of \\\\ numbers\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:ada@engines.org\r\n"
    "item1.X-ABLabel:work\r\n"
    "EMAIL;TYPE=INTERNET:other@example.org\r\n"
    "TEL;TYPE=CELL:+44 20 7946 0000\r\n"
    "item2.URL:https://example.org\r\n"
    "URL:https://www.linkedin.com/in/ada\r\n"
    "NOTE:First line\\nsecond line with a very long text that is folded onto the next\r\n"
    "  physical line\\, with commas\\; and semicolons\r\n"
    "CATEGORIES:math,engines\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ==\r\n"
    "END:VCARD\r\n"
)
VCARD_21 = (
    "BEGIN:VCARD\n"
    "VERSION:2.1\n"
    "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=F6rg\n"
    "ORG;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Caf=C3=A9 =\n"
    "Cr=C3=A8me\n"
    "TEL;CELL;PREF:+49 30 1234\n"
    "END:VCARD\n"
)


def test_vcard_30_with_groups_folding_escapes_and_preferences() -> None:
    parsed = parse_vcard(VCARD_30.encode())
    assert parsed.rejections == []
    (card,) = fields_of(parsed)
    assert card == {
        "name": "Ada King, Countess of Lovelace",
        "given_name": "Ada",  # from N: what to call her
        "family_name": "Lovelace",
        "greet_as": "",
        "time_zone": "",
        "company": "Analytical Engines; Ltd, Research",
        "role": "Head of \\ numbers",
        "email": "ada@engines.org",
        "phone": "+44 20 7946 0000",
        "linkedin": "https://www.linkedin.com/in/ada",
        "website": "https://example.org",
        "notes": "First line\nsecond line with a very long text that is folded onto the next "
        "physical line, with commas; and semicolons",
        "tags": "math,engines",
        "industry": "",
        "how_met": "",
    }


def test_vcard_21_quoted_printable_and_charset_and_name_from_n() -> None:
    (card,) = fields_of(parse_vcard(VCARD_21.encode("ascii")))
    assert card["name"] == "Jörg Müller"
    assert card["company"] == "Café Crème"
    assert card["phone"] == "+49 30 1234"


def test_vcard_40_and_several_cards_with_line_numbers() -> None:
    text = (
        "\ufeffBEGIN:VCARD\nVERSION:4.0\nFN:Émile\nTEL;VALUE=uri;PREF=1:tel:+33-1\nEND:VCARD\n"
        "\n"
        "BEGIN:VCARD\nVERSION:4.0\nFN:Broken\nthis line has no colon\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nFN:No end\n"
    )
    parsed = parse_vcard(text.encode())
    assert [(r.row, r.fields["name"], r.fields["phone"]) for r in parsed.records] == [
        (1, "Émile", "+33-1")
    ]
    assert parsed.rejections == [
        Rejection(7, "line 10 is not a vCard property"),
        Rejection(12, "the card has no END:VCARD"),
    ]


def test_vcard_values_that_are_not_utf8_are_read_as_windows_1252() -> None:
    raw = b"BEGIN:VCARD\nFN:caf\xe9\nEND:VCARD\nBEGIN:VCARD\nFN:ok\nEND:VCARD\n"
    parsed = parse_vcard(raw)
    assert [card["name"] for card in fields_of(parsed)] == ["café", "ok"]
    assert parsed.rejections == []


@pytest.mark.parametrize(
    ("raw", "problem"),
    [(b"", "no vCard found"), (b"FN:Ada\n", "no vCard found"), (b"BEGIN:VCARD\x00", "binary")],
)
def test_files_that_are_not_vcards(raw: bytes, problem: str) -> None:
    with pytest.raises(ImportFileError, match=problem):
        parse_vcard(raw)


def test_unescape_and_split() -> None:
    assert unescape(r"a\,b\;c\\d\ne\Nf") == "a,b;c\\d\ne\nf"
    assert split_escaped(r"a\;b;c", ";") == [r"a\;b", "c"]


# -- duplicates and the store's bulk import -----------------------------------------------------


def test_the_duplicate_rule() -> None:
    known = Duplicates()
    assert known.add(
        {
            "name": "Ada Lovelace",
            "company": "Engines",
            "linkedin": "https://www.linkedin.com/in/ada/",
        }
    )
    assert not known.add({"name": "Someone Else", "linkedin": "http://linkedin.com/in/ADA"})
    assert not known.add({"name": "ada  lovelace", "company": "ENGINES"})  # no URL: by name
    assert known.add({"name": "Ada Lovelace", "company": "Engines", "linkedin": "x.com/other-ada"})
    assert known.add({"name": "Ada Lovelace", "company": "Other"})
    assert not known.add({"name": "Ada Lovelace", "company": "Other", "linkedin": "y.com/a"})


def test_import_adds_skips_and_rejects_in_one_save(store: Store, data_file: Path) -> None:
    store.add_contact(name="Ada Lovelace", company="Engines")
    saves = []
    real = storage.atomic_write_bytes
    storage.atomic_write_bytes = lambda path, payload: (saves.append(path), real(path, payload))[1]
    try:
        records = [
            Record(5, {"name": "ADA LOVELACE", "company": "engines", "linkedin": "u/1"}),
            Record(6, {"name": "Bob", "company": "Co", "linkedin": "u/2"}),
            Record(7, {"name": "", "company": "Nameless"}),
            Record(8, {"name": "Bobby", "linkedin": "https://u/2/"}),
            Record(9, {"name": "Cy\x1b[31m", "notes": "two\r\nlines"}),
        ]
        result = store.import_contacts(records)
    finally:
        storage.atomic_write_bytes = real
    assert result == ImportResult(
        2,
        (Skipped(5, "ADA LOVELACE"), Skipped(8, "Bobby")),
        (Rejection(7, "name: a name is required"),),
    )
    assert [p for p in saves if p == data_file] == [data_file]  # one save of the data file
    on_disk = Store(data_file)
    assert [(c.name, c.notes) for c in on_disk.contacts()] == [
        ("Ada Lovelace", ""),
        ("Bob", ""),
        ("Cy[31m", "two\nlines"),
    ]


def test_import_is_all_or_nothing(data_on_small_disk: Path, store: Store, data_file: Path) -> None:
    store.add_contact(name="Ada")
    before = data_file.read_bytes()
    records = [Record(n, {"name": f"P{n}"}) for n in range(1, 301)]

    def stop(done: int, total: int) -> None:
        if done >= 150:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.import_contacts(records, progress=stop)
    assert data_file.read_bytes() == before and store.contact_count() == 1

    with disk_full(data_on_small_disk), pytest.raises(DataWriteError, match="No space left"):
        store.import_contacts(records)
    assert data_file.read_bytes() == before and store.contact_count() == 1


def test_ten_thousand_linkedin_rows_import_quickly(store: Store, data_file: Path) -> None:
    rows = [
        f"First{i},Last{i},https://www.linkedin.com/in/p{i},p{i}@example.com,"
        f'"Company {i % 97}, Inc","Role ""{i}""",15 Mar 2024'
        for i in range(10_000)
    ]
    started = time.perf_counter()
    parsed = parse_linkedin(linkedin(*rows))
    result = store.import_contacts(parsed.records)
    elapsed = time.perf_counter() - started
    assert (result.added, result.skipped, result.rejected) == (10_000, 0, ())
    assert len(json.loads(data_file.read_bytes())["contacts"]) == 10_000
    assert elapsed < 5, f"10,000 rows took {elapsed:.1f} s"


# -- fuzz ---------------------------------------------------------------------------------------

CELL_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=30,
) | st.sampled_from(['"', '""', ",", "\n", "\r\n", "\r", ' "a, b" ', "=1+1", "\ufeff", "\u2028"])
ROW = st.lists(CELL_TEXT, min_size=7, max_size=7)
PREAMBLE_LINES = st.lists(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r\n"),
            max_size=40) | st.sampled_from(["Notes:", "", '"', '"open quote', ',,,', 'a,"b']),
    max_size=6,
)  # fmt: skip


def _written(rows: list[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(ROW, max_size=12), preamble=PREAMBLE_LINES, stop_at=st.integers(0, 15))
def test_fuzz_linkedin_never_crashes_and_never_writes_half(
    rows: list[list[str]], preamble: list[str], stop_at: int
) -> None:
    assume(not any("first name" in line.casefold() for line in preamble))
    text = "".join(line + "\n" for line in preamble) + HEADER + "\r\n" + _written(rows)
    parsed = parse_linkedin(text.encode("utf-8"))
    # Every row comes back exactly: the parser never loses, merges or splits a row; a row
    # with no name (a member hidden by LinkedIn) is counted, not read.
    filled = [row for row in rows if any(cell.strip() for cell in row)]
    kept = [row for row in filled if row[0].strip() or row[1].strip()]
    assert parsed.rejections == []
    assert len(parsed.records) == len(kept)
    assert parsed.hidden == len(filled) - len(kept)
    for record, row in zip(parsed.records, kept, strict=True):
        first, last, url, email, company, position, _connected = row
        assert record.fields["company"] == company and record.fields["role"] == position
        assert record.fields["linkedin"] == url and record.fields["email"] == email
        assert record.fields["name"] == " ".join(p for p in (first.strip(), last.strip()) if p)
    rows_start = [record.row for record in parsed.records]
    assert rows_start == sorted(set(rows_start))

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "infocoach.json"
        store = Store(path)
        store.add_contact(name="Already Here")
        before = path.read_bytes()

        def progress(done: int, total: int) -> None:
            if done >= stop_at:
                raise RuntimeError("stopped part way")

        stopped = False
        try:
            result = store.import_contacts(parsed.records, progress=progress)
        except RuntimeError:
            stopped = True
        if stopped:
            assert path.read_bytes() == before
            return
        assert result.added + result.skipped + len(result.rejected) == len(parsed.records)
        assert len(Store(path).contacts()) == 1 + result.added


def test_a_big_folded_photo_and_note_unfold_in_linear_time() -> None:
    from infocoach.exchange.exporters import fold

    photo = "PHOTO;ENCODING=b;TYPE=JPEG:" + "A" * 3_000_000
    note = "NOTE:" + "é" * 300_000
    card = "\r\n".join(["BEGIN:VCARD", "FN:Big", fold(photo), fold(note), "END:VCARD", ""])
    started = time.perf_counter()
    (record,) = parse_vcard(card.encode()).records
    assert record.fields["notes"] == "é" * 300_000
    assert time.perf_counter() - started < 2


# -- vCard: property tests ----------------------------------------------------------------------

VCARD_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40).filter(
    lambda text: text.strip() == text
)


@settings(max_examples=100, deadline=None)
@given(name=VCARD_TEXT.filter(bool), company=VCARD_TEXT, notes=st.lists(VCARD_TEXT, max_size=3))
def test_vcard_round_trip_keeps_every_field(name: str, company: str, notes: list[str]) -> None:
    from infocoach.core.models import Contact
    from infocoach.exchange.exporters import vcard

    contact = Contact(id=1, name=name, company=company, notes="\n".join(notes).strip())
    (record,) = parse_vcard(vcard([contact])).records
    assert record.fields["name"] == name
    assert record.fields.get("company", "") == company
    assert record.fields.get("notes", "") == contact.notes


@settings(max_examples=150, deadline=None)
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_vcard_parser_never_fails_with_anything_but_its_own_error(raw: bytes) -> None:
    text = b"BEGIN:VCARD\r\nVERSION:3.0\r\n" + raw + b"\r\nEND:VCARD\r\n"
    for candidate in (raw, text):
        try:
            parsed = parse_vcard(candidate)
        except ImportFileError:
            continue
        assert all(isinstance(record.fields, dict) for record in parsed.records)


def test_an_older_export_without_url_is_still_linkedin() -> None:
    raw = (
        b"First Name,Last Name,Company,Position,Connected On\nAda,Lovelace,Acme,Lead,01 Jan 2024\n"
    )
    assert [r.fields["name"] for r in parse_linkedin(raw).records] == ["Ada Lovelace"]
