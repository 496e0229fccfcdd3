"""Every script and drill, filled for realistic contacts, reads like a person wrote it.

Contacts come from a LinkedIn Connections.csv through the real importer, plus ones added by
hand: cold and referred, with and without a role, long and Unicode names, with and without
your own details. Nothing may be left as a `{placeholder}` or an `<angle>` marker; what only
you can write shows in [square brackets]; no seams such as "your name LinkedIn"; the first
email and the follow-up pass the app's own checker; the voicemail fits 30 seconds at 140 words
a minute; the LinkedIn note fits a free account's 200 characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest

from infocoach.core.drafts import area_of, contact_values, when_spoken
from infocoach.core.outreach_check import NEW_EMAILS, check_outreach
from infocoach.core.pacing import DEFAULT_PACE, seconds_at, word_spans
from infocoach.data.repositories import Store
from infocoach.exchange.importers import parse_linkedin
from infocoach.guidance.loader import load_guidance
from infocoach.guidance.records import Guidance, Script

CONNECTIONS_CSV = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Maya,Okafor,https://www.linkedin.com/in/maya,maya@example.org,Initech,"
    "Product Manager,26 Jan 2015\n"
    "Zoë,O'Brien,https://www.linkedin.com/in/zoe,,Café Crème Ltd,Head of Analytics,1 Mar 2024\n"
    "María José,Carreño Quiñones de la Fuente,https://www.linkedin.com/in/mj,,"
    "Compañía Nacional de Telecomunicaciones,Senior Software Engineer,3 Feb 2020\n"
    "李,小龙,https://www.linkedin.com/in/li,,,,\n"
    "Sam,Lee,https://www.linkedin.com/in/sam,,Globex,CEO,12 Dec 2019\n"
).encode()

MINE_FULL = {
    "my_name": "Ana Lima",
    "my_role": "Reference librarian",
    "my_phone": "0161 496 0773",
    "my_purpose": "learn how data teams bring in people from other fields",
    "my_background": "a reference librarian moving into data work",
}
MINE_LONG = {
    "my_name": "Bartholomew Oyelaran-Featherstonehaugh",
    "my_phone": "+44 20 7946 0958",
    "my_purpose": "understand what a first year in user research looks like",
    "my_background": "a secondary-school science teacher of twelve years",
}
MINE_EMPTY: dict[str, str] = {}
MINES = {"full": MINE_FULL, "long": MINE_LONG, "empty": MINE_EMPTY}

LEFTOVER_BRACES = re.compile(r"[{}]")
ANGLE_MARKER = re.compile(r"<[^<>\n]{1,40}>")
SEAMS = {
    "a capital right after 'your name'": re.compile(r"\byour name [A-Z]"),
    "doubled spaces": re.compile(r"(?<=\S)  +(?=\S)"),
    "a space before a comma": re.compile(r" ,"),
    "a space before a full stop": re.compile(r" \.(?!\.)"),
    "two full stops": re.compile(r"(?<!\.)\.\.(?!\.)"),
    "empty parentheses": re.compile(r"\(\s*\)"),
    "empty brackets": re.compile(r"\[\s*\]"),
    "an article before nothing": re.compile(r"\b(?:the|a|an|at|about|in) [.,?!]"),
    "'the the'": re.compile(r"\bthe the\b", re.IGNORECASE),
    "a job title as an area": re.compile(r"looks after [A-Z]"),
    "the old 'not about a job'": re.compile(r"not (?:about|calling about) a job", re.I),
}
VOICEMAIL_SECONDS = 30
LINKEDIN_LIMIT = 200


@dataclass(frozen=True)
class Case:
    label: str
    values: dict[str, str]
    connections: tuple[str, ...]
    referred: bool


@pytest.fixture(scope="module")
def guidance() -> Guidance:
    return load_guidance()


def _cases(store: Store) -> list[Case]:
    """Imported, cold, referred, with and without a role, met and not met, each with three
    sets of your own details (full, long, none)."""
    result = parse_linkedin(CONNECTIONS_CSV)
    assert result.rejections == []
    store.import_contacts(result.records)
    imported = {contact.name: contact for contact in store.contacts()}
    maya = imported["Maya Okafor"]
    referred = store.add_contact(
        name="Ann-Katrin Müller-Lüdenscheidt",
        company="Umbrella Analytics",
        role="Data Team Lead",
        industry="health data",
        referred_by=maya.id,
        how_met="through Maya Okafor",
    )
    bare = store.add_contact(name="Jo", referred_by=maya.id)
    cold = store.add_contact(
        name="Priya Raman",
        company="Hooli",
        industry="fintech",
        how_met="on the PyData meetup speaker list",
    )
    # Met yesterday, and gave two names at the end of the call.
    store.add_interview(referred.id, day=date(2026, 11, 19), minutes=20)
    store.add_contact(name="Bo Chen", referred_by=referred.id, how_met="through Ann-Katrin")
    store.add_contact(name="Cy Díaz", referred_by=referred.id, how_met="through Ann-Katrin")
    store.add_interview(cold.id, day=date(2026, 11, 20), minutes=15)  # met today
    people = [*imported.values(), referred, bare, cold]
    cases = []
    for mine_label, mine in MINES.items():
        for person in people:
            values = contact_values(store, store.get_contact(person.id), mine)
            cases.append(
                Case(
                    f"{person.name} / {mine_label} details",
                    values,
                    (values.get("referrer", ""), values.get("how_met", "")),
                    bool(values.get("referrer")),
                )
            )
    cases.append(Case("no contact", contact_values(store, None, MINE_FULL), (), False))
    return cases


@pytest.fixture
def cases(store: Store) -> list[Case]:
    return _cases(store)


def _problems(text: str) -> list[str]:
    found = []
    if LEFTOVER_BRACES.search(text):
        found.append("a placeholder was left in braces")
    if match := ANGLE_MARKER.search(text):
        found.append(f"an angle-bracket marker {match.group(0)!r}")
    for what, pattern in SEAMS.items():
        if match := pattern.search(text):
            start = max(0, match.start() - 30)
            found.append(f"{what}: …{text[start : match.end() + 30]!r}…")
    return found


def test_every_script_and_drill_reads_right_for_every_contact(
    guidance: Guidance, cases: list[Case]
) -> None:
    problems = []
    for case in cases:
        for script in guidance.scripts:
            for problem in _problems(script.fill(case.values)):
                problems.append(f"{script.id} for {case.label}: {problem}")
        for drill in guidance.drills:
            for problem in _problems(drill.fill(case.values)):
                problems.append(f"drill {drill.id} for {case.label}: {problem}")
    assert problems == []


def test_the_referred_version_goes_to_a_referred_contact_and_the_cold_one_to_a_cold_one(
    guidance: Guidance, cases: list[Case]
) -> None:
    named = [s for s in guidance.scripts if "{referrer}" in s.text]
    assert {"phone-direct", "voicemail", "outreach-email", "follow-up-no-reply"} <= {
        s.id for s in named
    }
    for script in named:
        assert script.cold_text and "{referrer}" not in script.cold_text, script.id
    for case in cases:
        for script in named:
            filled = script.fill(case.values)
            if case.referred:
                assert case.values["referrer"] in filled, (script.id, case.label)
            assert "[who suggested them]" not in filled, (script.id, case.label)


def _checked(script: Script, case: Case) -> dict[str, bool]:
    text = script.fill(case.values)
    required = script.id in NEW_EMAILS
    results = check_outreach(text, case.connections, subject_required=required)
    # The brackets are hers to fill (the times that suit her): tests/test_drafts_for_real_
    # contacts.py checks the checker quotes them; here, every other rule.
    return {result.id: result.passed for result in results if result.id != "fill-in"}


@pytest.mark.parametrize("script_id", ["outreach-email", "follow-up-no-reply"])
def test_first_email_and_follow_up_pass_the_checker(
    guidance: Guidance, cases: list[Case], script_id: str
) -> None:
    script = guidance.script(script_id)
    assert script is not None
    checked = 0
    for case in cases:
        if not case.values.get("how_met") and not case.referred:
            continue  # cold with no idea where the name came from: the connection is hers to add
        if not case.values.get("my_name"):
            continue  # her details not set yet: the checker's job is to tell her
        results = _checked(script, case)
        assert all(results.values()), (case.label, results, script.fill(case.values))
        checked += 1
    assert checked >= 10


def test_the_checker_sees_both_a_referred_and_a_cold_contact_pass(
    guidance: Guidance, cases: list[Case]
) -> None:
    kinds = {
        case.referred
        for case in cases
        for script_id in ("outreach-email", "follow-up-no-reply")
        if case.values.get("my_name")
        and (case.referred or case.values.get("how_met"))
        and all(_checked(guidance.script(script_id), case).values())  # type: ignore[arg-type]
    }
    assert kinds == {True, False}


def spoken_seconds(text: str) -> float:
    """As the teleprompter counts: directions in parentheses are not read aloud."""
    return seconds_at(len(word_spans(text)), DEFAULT_PACE)


def test_the_voicemail_fits_thirty_seconds_with_the_number_twice(
    guidance: Guidance, cases: list[Case]
) -> None:
    script = guidance.script("voicemail")
    assert script is not None and DEFAULT_PACE == 140
    for case in cases:
        filled = script.fill(case.values)
        phone = case.values.get("my_phone") or "[your phone number]"
        assert filled.count(phone) == 2, case.label
        assert spoken_seconds(filled) <= VOICEMAIL_SECONDS, (case.label, spoken_seconds(filled))


def test_the_linkedin_note_fits_200_characters_and_comes_after_the_meeting(
    guidance: Guidance, cases: list[Case]
) -> None:
    script = guidance.script("linkedin-note")
    assert script is not None
    assert "thank you" in script.text.casefold()
    assert not re.search(r"could (?:i|we)|15 or 20|a few questions", script.text, re.I)
    for case in cases:
        filled = script.fill(case.values).strip()
        assert len(filled) <= LINKEDIN_LIMIT, (case.label, len(filled), filled)


def test_what_the_app_knows_is_filled_in(guidance: Guidance, store: Store) -> None:
    by_name = {case.label: case for case in _cases(store)}
    ann = by_name["Ann-Katrin Müller-Lüdenscheidt / full details"].values
    assert ann["when_we_spoke"] == "yesterday"
    assert ann["names_gained"] == "Bo Chen and Cy Díaz"
    assert ann["referrer"] == "Maya Okafor"
    thanks = guidance.script("thank-you").fill(ann)  # type: ignore[union-attr]
    assert "talk with me yesterday" in thanks and "Bo Chen and Cy Díaz" in thanks
    assert "Ana Lima" in thanks
    priya = by_name["Priya Raman / full details"].values
    assert priya["when_we_spoke"] == "today"
    email = guidance.script("outreach-email").fill(priya)  # type: ignore[union-attr]
    assert "I found your name on the PyData meetup speaker list." in email
    maya = by_name["Maya Okafor / full details"].values
    email = guidance.script("outreach-email").fill(maya)  # type: ignore[union-attr]
    assert "I found your name in my LinkedIn connections." in email
    assert "about product at Initech" in email


def test_missing_details_are_marked_in_square_brackets_only(guidance: Guidance) -> None:
    email = guidance.script("outreach-email").fill({"first_name": "Jo"})  # type: ignore[union-attr]
    assert "[your name]" in email and "[where you found their name]" in email
    assert "<" not in email and "{" not in email


@pytest.mark.parametrize(
    ("role", "industry", "area"),
    [
        ("Product Manager", "", "product"),
        ("Head of Analytics", "", "analytics"),
        ("Data Scientist", "", "data science"),
        ("Senior Software Engineer", "", "software engineering"),
        ("UX Designer", "", "UX design"),
        ("CEO", "fintech", "fintech"),
        ("Founder", "Public sector", "public sector"),
        ("", "IT", "IT"),
        ("", "", "the work"),
        ("VP, Marketing", "", "marketing"),
    ],
)
def test_a_job_title_becomes_an_area_of_work(role: str, industry: str, area: str) -> None:
    assert area_of(role, industry) == area


def test_when_we_spoke_comes_from_the_real_dates() -> None:
    today = date(2026, 11, 20)  # a Friday
    assert when_spoken(date(2026, 11, 20), today) == "today"
    assert when_spoken(date(2026, 11, 19), today) == "yesterday"
    assert when_spoken(date(2026, 11, 16), today) == "on Monday"
    assert when_spoken(date(2026, 10, 3), today) == "on 3 October"
    assert when_spoken(None, today) == ""
