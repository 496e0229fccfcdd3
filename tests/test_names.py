"""What a draft calls a person and their company, where it found their name, and when a call
abroad suits both sides (issue #26): the pure rules, and every way a contact comes in."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from infocoach.cli import main as cli
from infocoach.core.companies import company_key, everyday_name
from infocoach.core.drafts import call_window, place_name
from infocoach.core.how_met import as_found_phrase
from infocoach.core.models import Contact
from infocoach.core.names import greeting_name, parse_name
from infocoach.data.repositories import Store
from infocoach.exchange.exporters import vcard
from infocoach.exchange.importers import parse_linkedin, parse_vcard
from infocoach.guidance.records import Script, fill_text


@pytest.mark.parametrize(
    ("typed", "greeting"),
    [
        ("Dr. Amara Nwosu", "Dr. Nwosu"),
        ("Dr Amara Nwosu PhD", "Dr Nwosu"),
        ("Prof. Dr. Klaus Becker", "Prof. Dr. Becker"),
        ("Ms. Sofia van der Berg", "Ms. van der Berg"),
        ("José María Álvarez", "José María"),
        ("Jose Maria Alvarez Garcia", "Jose Maria"),
        ("María José Álvarez García", "María José"),
        ("Nguyễn Văn An", "An"),
        ("Nguyen Thi Hoa", "Hoa"),
        ("Robert Smith Jr.", "Robert"),
        ("Kwame Mensah, PhD", "Kwame"),
        ("Okafor, Maya", "Maya"),
        ("Mary-Jane O'Neil", "Mary-Jane"),
        ("Sir Keir Starmer", "Keir"),  # a title with a form of its own: the given name
        ("Aisha", "Aisha"),
        ("[b]Ann[/b]", "[b]Ann[/b]"),
    ],
)
def test_a_name_typed_as_one_string_greets_as_a_careful_person_would(
    typed: str, greeting: str
) -> None:
    assert greeting_name(typed) == greeting


def test_the_parts_of_a_name() -> None:
    assert parse_name("Dr. Amara Nwosu, PhD") == parse_name("Dr. Amara Nwosu PhD")
    parts = parse_name("Dr. Amara Nwosu, PhD")
    assert (parts.title, parts.given, parts.family, parts.suffix) == (
        "Dr.",
        "Amara",
        "Nwosu",
        "PhD",
    )
    vietnamese = parse_name("Nguyễn Văn An")
    assert (vietnamese.given, vietnamese.family) == ("An", "Nguyễn")
    spanish = parse_name("José María Álvarez García")
    assert (spanish.given, spanish.family) == ("José María", "Álvarez García")


def test_what_an_import_gave_beats_the_guess_until_the_name_is_retyped() -> None:
    # LinkedIn's columns: a title in First Name, a suffix in Last Name
    assert greeting_name("Dr. Amara Nwosu", "Dr. Amara", "Nwosu") == "Dr. Nwosu"
    assert greeting_name("Kwame Mensah, PhD", "Kwame", "Mensah, PhD") == "Kwame"
    assert greeting_name("Tanaka Yuki", "Yuki", "Tanaka") == "Yuki"  # the guess: "Tanaka"
    assert greeting_name("Nguyễn Thị Hoa", "Hoa", "Nguyễn") == "Hoa"
    # she renamed the contact since: the columns no longer say who this is
    assert greeting_name("Sam Lee", "Yuki", "Tanaka") == "Sam"
    # what she typed as "Greet as" beats everything
    assert greeting_name("Tanaka Yuki", "Yuki", "Tanaka", "  Ms.  Tanaka ") == "Ms. Tanaka"


@pytest.mark.parametrize(
    ("legal", "everyday"),
    [
        ("Foxconn Technology Co., Ltd.", "Foxconn Technology"),
        ("Siemens Healthineers AG", "Siemens Healthineers"),
        ("Brightwater Analytics Ltd", "Brightwater Analytics"),
        ("Koninklijke Philips N.V.", "Koninklijke Philips"),
        ("Acme Corp.", "Acme"),
        ("The Walt Disney Company", "The Walt Disney Company"),
        ("Co.", "Co."),  # never the whole name
        ("Initech", "Initech"),
    ],
)
def test_a_company_is_named_in_a_sentence_as_people_say_it(legal: str, everyday: str) -> None:
    assert everyday_name(legal) == everyday
    # one matching for both: the everyday name is the same company as the legal one
    assert company_key(everyday) == company_key(legal) or everyday.endswith("Company")


@pytest.mark.parametrize(
    ("typed", "phrase"),
    [
        ("Referral", "through a referral"),
        ("Alumni list", "on the alumni list"),
        ("PyData meetup", "at the PyData meetup"),
        ("Maya Okafor", "through Maya Okafor"),
        ("my cousin", "through my cousin"),
        ("Twitter", "on Twitter"),
        ("through the Tokyo design forum", "through the Tokyo design forum"),
        ("Cold email", "Cold email"),  # kept as typed: a draft asks her for the words
    ],
)
def test_how_met_becomes_a_phrase(typed: str, phrase: str) -> None:
    assert as_found_phrase(typed) == phrase
    assert as_found_phrase(phrase) == phrase  # the phrase is read the same again


def test_how_met_becomes_a_phrase_on_every_way_in(store: Store) -> None:
    assert store.add_contact(name="Ann Lee", how_met="Referral").how_met == "through a referral"
    edited = store.update_contact(1, how_met="Alumni list")
    assert edited.how_met == "on the alumni list"
    card = parse_vcard(
        b"BEGIN:VCARD\r\nFN:Bo Chen\r\nX-INFOCOACH-HOW-MET:PyData meetup\r\nEND:VCARD\r\n"
    )
    store.import_contacts(card.records)
    assert store.find_contact("Bo Chen").how_met == "at the PyData meetup"
    store.flush()
    assert cli.main(["add", "Cy Díaz", "--how-met", "Alumni list"]) == 0
    assert Store(store.path).find_contact("Cy Díaz").how_met == "on the alumni list"


def test_a_way_of_finding_the_name_that_reads_wrong_shows_a_bracket(store: Store) -> None:
    contact = store.add_contact(name="Jo Park", how_met="Cold email")
    assert contact.how_met == "Cold email"  # what she typed is kept
    script = Script("s", "S", "email", "any time", "", "I found your name {how_met}.")
    from infocoach.core.drafts import contact_values

    assert script.fill(contact_values(store, contact, {})) == (
        "I found your name [where you found their name]."
    )


def test_a_call_window_is_given_in_both_zones() -> None:
    winter = date(2026, 12, 7)
    assert call_window("Asia/Tokyo", "Europe/London", winter) == (
        "between 17:00 and 18:00 your time in Tokyo (08:00 to 09:00 here in London)"
    )
    assert call_window("Europe/Madrid", "Europe/London", winter) == (
        "between 09:00 and 11:00 your time in Madrid (08:00 to 10:00 here in London)"
    )
    # she is in Auckland, they are in New York: their morning is her next day's night
    assert call_window("America/New_York", "Pacific/Auckland", winter) == (
        "between 14:00 and 16:00 your time in New York (08:00 to 10:00 here in Auckland)"
    )
    assert call_window("", "Europe/London", winter) == ""
    assert call_window("Nowhere/Else", "Europe/London", winter) == ""
    assert place_name("America/Argentina/Buenos_Aires") == "Buenos Aires"


def test_words_for_what_the_app_knows_or_does_not() -> None:
    text = "Hi.{if names_gained} You sent me to {names_gained}.{else} Thanks.{end}\n\n\n\nBye"
    assert fill_text(text, {"names_gained": "Bo Chen"}) == "Hi. You sent me to Bo Chen.\n\nBye"
    assert fill_text(text, {"names_gained": ""}) == "Hi. Thanks.\n\nBye"


# -- every way a contact comes in keeps what to call them ------------------------------------


def test_linkedin_and_vcard_keep_the_given_and_family_name(store: Store) -> None:
    linkedin = parse_linkedin(
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b"Jos\xc3\xa9 Mar\xc3\xada,\xc3\x81lvarez,https://www.linkedin.com/in/jm,,,,1 Mar 2024\n"
        b'Dr. Amara,"Nwosu, PhD",https://www.linkedin.com/in/amara,,,,1 Mar 2024\n'
    )
    cards = parse_vcard(
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Tanaka Yuki\r\nN:Tanaka;Yuki;;;\r\n"
        b"TZ:Asia/Tokyo\r\nX-INFOCOACH-GREET-AS:Ms. Tanaka\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lee Min\r\nTZ:-05:00\r\nEND:VCARD\r\n"
    )
    store.import_contacts([*linkedin.records, *cards.records])
    jm = store.find_contact("José María Álvarez")
    assert (jm.given_name, jm.family_name, jm.greeting) == ("José María", "Álvarez", "José María")
    amara = store.find_contact("Dr. Amara Nwosu, PhD")  # the name as LinkedIn shows it
    assert (amara.given_name, amara.family_name, amara.greeting) == ("Amara", "Nwosu", "Dr. Nwosu")
    tanaka = store.find_contact("Tanaka Yuki")
    assert (tanaka.greet_as, tanaka.time_zone, tanaka.greeting) == (
        "Ms. Tanaka",
        "Asia/Tokyo",
        "Ms. Tanaka",
    )
    assert store.find_contact("Lee Min").time_zone == ""  # an offset says too little
    # and out again: a vCard export carries them, and reads back the same
    again = parse_vcard(vcard([tanaka], "4.0")).records[0].fields
    assert (again["given_name"], again["family_name"]) == ("Yuki", "Tanaka")
    assert (again["greet_as"], again["time_zone"]) == ("Ms. Tanaka", "Asia/Tokyo")
    again = parse_vcard(vcard([tanaka], "3.0")).records[0].fields
    assert again["time_zone"] == "Asia/Tokyo"


def test_add_greet_as_and_time_zone(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        cli.main(["add", "Tanaka Yuki", "--greet-as", "Ms. Tanaka", "--time-zone", "Asia/Tokyo"])
        == 0
    )
    assert capsys.readouterr().out == "1\n"
    assert cli.main(["draft", "#1", "thank-you"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Dear Ms. Tanaka,"
    assert cli.main(["add", "Bo Chen", "--time-zone", "../../etc/passwd"]) == 2
    [error] = capsys.readouterr().err.splitlines()
    assert "--time-zone" in error and "'../../etc/passwd' is not a time zone" in error


def test_a_hostile_greeting_is_only_text() -> None:
    contact = Contact(1, "a [/", greet_as="[@click=app.quit]Hi[/]")
    assert contact.greeting == "[@click=app.quit]Hi[/]"
    filled = Script("s", "S", "email", "any", "Dear {first_name},").fill({"first_name": "{x}"})
    assert filled == "Dear {x},"


def test_a_conflict_copy_carries_what_to_call_them() -> None:
    from infocoach.data.merge import merge
    from infocoach.data.schema import contact_from

    def tables(stamp: str, **fields: str) -> dict[str, dict[str, dict[str, object]]]:
        document = {
            "_uid": "tanaka",
            "_stamp": stamp,
            "_base": "0000000000001.0000.aaaa1111",
            "name": "Tanaka Yuki",
            "created": "2026-11-01T10:00:00",
            **fields,
        }
        return {"meta": {"1": {"schema_version": 5}}, "contacts": {"1": document}}

    ours = tables("1790000100000.0000.aaaa1111")
    theirs = tables(
        "1790000200000.0000.bbbb2222",
        greet_as="Ms. Tanaka",
        given_name="Yuki",
        family_name="Tanaka",
        time_zone="Asia/Tokyo",
    )
    for merged, _ in (merge(ours, theirs), merge(theirs, ours)):
        contact = contact_from(merged["contacts"]["1"], 1)
        assert (contact.greeting, contact.time_zone) == ("Ms. Tanaka", "Asia/Tokyo")
        assert (contact.given_name, contact.family_name) == ("Yuki", "Tanaka")


def test_a_noun_stored_before_is_made_a_phrase_when_drafted(store: Store) -> None:
    from infocoach.core.drafts import contact_values

    contact = store.add_contact(name="Ann Lee")
    old = replace(contact, how_met="Referral")  # as an older version stored what she typed
    assert contact_values(store, old, {})["how_met"] == "through a referral"
