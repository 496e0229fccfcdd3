"""vCard import of real-shaped files: the quirks of Apple, Outlook, Android and Windows.

The fixtures in tests/fixtures/vcard are written from the public formats with each program's
habits: iOS 3.0 with `itemN.` groups, X-ABLabel and CR CR LF line ends; Outlook 2.1 with
`CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE`; Android 2.1 with a bare `QUOTED-PRINTABLE`
and `CHARSET=UTF-8`; Windows Contacts with `X-WAB-WEDDING_ANNIVERSARY` and raw Windows-1252
bytes with no charset declared.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infocoach.cli import main as cli
from infocoach.core.imports import Skipped
from infocoach.data.repositories import Store
from infocoach.exchange import operations
from infocoach.exchange.importers import is_linkedin, parse_vcard

FIXTURES = Path(__file__).parent / "fixtures" / "vcard"


def cards(name: str) -> list[dict[str, str]]:
    parsed = parse_vcard((FIXTURES / name).read_bytes())
    assert parsed.rejections == []
    return [record.fields for record in parsed.records]


def test_ios_cards_with_cr_cr_lf_groups_and_labels() -> None:
    assert b"\r\r\n" in (FIXTURES / "ios.vcf").read_bytes()
    maya, company = cards("ios.vcf")
    assert maya["name"] == "Maya Okafor"
    assert maya["role"] == "Partner; Strategy"
    assert maya["company"] == "Northwind Health, Strategy"
    assert maya["email"] == "maya@northwind.example"  # type=pref, though not first
    assert maya["phone"] == "+1 (555) 010-2000"
    assert maya["linkedin"] == "https://www.linkedin.com/in/maya-okafor"
    assert maya["website"] == "https://northwind.example"
    assert maya["notes"] == (
        "Met at the health-data meetup, March. Ask about the pilot and how the team is organised."
    )
    # A company card: no FN, an empty N, so named by its organisation.
    assert (company["name"], company["phone"]) == ("Globex Corporation", "+1 555 010 3000")


def test_outlook_windows_1252_quoted_printable_with_soft_line_breaks() -> None:
    joerg, anna = cards("outlook.vcf")
    assert joerg["name"] == "Jörg Müller"
    assert joerg["company"] == "Café Crème GmbH, Vertrieb"
    assert joerg["notes"] == "Erstes Gespräch – sehr gut, beim nächsten Mal nach dem Team fragen."
    assert joerg["phone"] == "+49 170 5555"  # the PREF one, though second
    assert joerg["linkedin"] == "" and joerg["website"] == "http://www.cafe-creme.example/"
    assert anna["website"] == joerg["website"]


def test_android_bare_quoted_printable_and_a_card_named_by_its_email() -> None:
    elodie, recruiter = cards("android.vcf")
    assert elodie["name"] == "Élodie Durand"
    assert elodie["company"] == "Société Générale"
    assert elodie["role"] == "Chargée d'affaires"
    assert elodie["phone"] == "+33 1 23 45 67 89"
    assert elodie["notes"] == (
        "Rencontrée au salon, une note assez longue qui continue sur la ligne suivante"
    )
    assert recruiter["name"] == recruiter["email"] == "recruiter@agency.example"


def test_windows_contacts_underscores_and_raw_windows_1252_bytes() -> None:
    raw = (FIXTURES / "windows.vcf").read_bytes()
    assert b"X-WAB-WEDDING_ANNIVERSARY" in raw and b"\x96" in raw
    (kenji,) = cards("windows.vcf")
    assert kenji["name"] == "Kenji Nakamura"
    assert kenji["role"] == "Director – Engineering"
    assert kenji["email"] == "kenji@contoso.example"


def test_a_byte_no_charset_reads_loses_nothing() -> None:
    # 0x81 is not Windows-1252 either: the property gets U+FFFD, the card is kept.
    raw = b"BEGIN:VCARD\r\nFN:Ada\r\nX-NOT-READ:a \x81 b\r\nTITLE:x\x81y\r\nEND:VCARD\r\n"
    parsed = parse_vcard(raw)
    assert parsed.rejections == []
    (record,) = parsed.records
    assert (record.fields["name"], record.fields["role"]) == ("Ada", "x\ufffdy")


def test_a_declared_charset_python_lacks_is_read_as_utf8() -> None:
    raw = "BEGIN:VCARD\nFN;CHARSET=X-UNKNOWN:Zoë\nEND:VCARD\n".encode()
    assert parse_vcard(raw).records[0].fields["name"] == "Zoë"


@pytest.mark.parametrize(
    ("lines", "email"),
    [
        (["EMAIL;PREF=2:two@x", "EMAIL;PREF=1:one@x", "EMAIL:none@x"], "one@x"),
        (["EMAIL:none@x", "EMAIL;PREF=50:fifty@x"], "fifty@x"),
        (["EMAIL:first@x", "EMAIL:second@x"], "first@x"),
        (["EMAIL;TYPE=work:w@x", "EMAIL;TYPE=work,pref:p@x"], "p@x"),
    ],
)
def test_preference_order(lines: list[str], email: str) -> None:
    card = "\r\n".join(["BEGIN:VCARD", "VERSION:4.0", "FN:A", *lines, "END:VCARD", ""])
    assert parse_vcard(card.encode()).records[0].fields["email"] == email


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (["N:Lovelace;Ada;;Lady;", "ORG:Engines", "EMAIL:ada@x"], "Lady Ada Lovelace"),
        (["N:;;;;", "ORG:Engines;Research", "EMAIL:ada@x"], "Engines, Research"),
        (["FN:", "EMAIL:ada@x"], "ada@x"),
    ],
)
def test_a_card_without_fn_is_named_from_n_then_org_then_email(lines: list[str], name: str) -> None:
    card = "\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"])
    assert parse_vcard(card.encode()).records[0].fields["name"] == name


@pytest.mark.parametrize(
    ("url", "linkedin"),
    [
        ("https://www.linkedin.com/in/ada", True),
        ("http://linkedin.com/company/engines", True),
        ("de.linkedin.com/in/joerg", True),
        ("https://notlinkedin.com/in/ada", False),
        ("https://example.org/linkedin.com", False),
        ("https://linkedin.com.evil.example/in/ada", False),
        ("http://[linkedin.com/in/ada", False),
    ],
)
def test_only_linkedin_com_is_linkedin(url: str, linkedin: bool) -> None:
    assert is_linkedin(url) is linkedin


def test_colleagues_sharing_a_company_page_are_both_imported(store: Store) -> None:
    result = operations.import_file(store, "vcard", FIXTURES / "outlook.vcf")
    assert (result.added, result.duplicates, result.rejected) == (2, (), ())
    assert sorted((c.name, c.linkedin, c.website) for c in store.contacts()) == [
        ("Anna Schmidt", "", "http://www.cafe-creme.example/"),
        ("Jörg Müller", "", "http://www.cafe-creme.example/"),
    ]
    again = operations.import_file(store, "vcard", FIXTURES / "outlook.vcf")
    assert again.added == 0
    assert again.duplicates == (Skipped(1, "Jörg Müller"), Skipped(17, "Anna Schmidt"))
    assert again.report()[1:] == [
        "skipped duplicates (line numbers in the file, counting from 1, where each row starts):",
        "  line 1: Jörg Müller",
        "  line 17: Anna Schmidt",
    ]


@pytest.mark.parametrize("name", ["ios.vcf", "outlook.vcf", "android.vcf", "windows.vcf"])
def test_every_fixture_card_lands_in_the_store(store: Store, name: str) -> None:
    result = operations.import_file(store, "vcard", FIXTURES / name)
    assert result.rejected == () and result.added == len(cards(name))


@pytest.mark.parametrize(
    "second",
    [
        b"ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=C3=91=85",
        b"ORG;PREF;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=C3=91=85",  # marked preferred
        b"ORG;TYPE=pref:\xc3\x91\xc3\x91\x85",
    ],
)
def test_of_several_org_lines_the_first_readable_one_is_kept(
    second: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An Android card with two ORG lines, the second holding a byte that is not UTF-8: its
    mojibake never replaces the good first one (#27)."""
    card = tmp_path / "android.vcf"
    card.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Durand;Elodie;;;\r\n"
        b"ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Soci=C3=A9t=C3=A9 G=C3=A9n=C3=A9rale\r\n"
        + second
        + b"\r\nEND:VCARD\r\n"
    )

    assert cli.main(["import", "vcard", str(card)]) == 0
    capsys.readouterr()
    assert cli.main(["list", "--json"]) == 0
    (contact,) = json.loads(capsys.readouterr().out)
    assert contact["company"] == "Société Générale"
