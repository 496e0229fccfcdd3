"""The outreach checker's rules, each passing and failing for the right reason."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infocoach.core.outreach_check import (
    FIRST,
    FIRST_RULE_IDS,
    LINKEDIN_LIMIT,
    NEW_EMAILS,
    SPOKEN,
    WRITTEN,
    Rules,
    body_of,
    check_about_them,
    check_connection,
    check_job_words,
    check_length,
    check_message,
    check_outreach,
    check_question,
    check_subject,
    check_tone,
    note_length,
    rules_for,
    sentences,
    subject_of,
)
from infocoach.guidance.loader import load_guidance

GOOD = """Subject: A few questions about your work at Brightwater

Hello Maya,

Daniel Reyes suggested I write to you. Your work on the data team is what I'd like to learn
about. Could you spare 15 minutes for a call at a time that suits you?

Thank you,
Ana"""


def by_id(text: str, connections=("Daniel Reyes",)) -> dict:
    return {result.id: result for result in check_outreach(text, connections)}


def test_a_good_note_passes_every_rule() -> None:
    results = check_outreach(GOOD, ["Daniel Reyes", "Daniel"])
    assert [r.id for r in results] == list(FIRST_RULE_IDS)
    assert all(r.passed and not r.warning for r in results), results


def test_body_leaves_out_subject_and_greeting() -> None:
    body = body_of(GOOD)
    assert body.startswith("Daniel Reyes suggested")
    assert body_of("Dear Dr. Okafor,\n\nI met you.") == "I met you."
    # a first line that is not a greeting stays
    assert body_of("Hi there is a long first sentence that is not a greeting at all.").startswith(
        "Hi there"
    )


@pytest.mark.parametrize(
    ("count", "passed", "warning"),
    [
        (10, True, False),
        (75, True, False),
        (76, True, True),
        (99, True, True),
        (100, False, False),
        (130, False, False),
    ],
)
def test_length(count: int, passed: bool, warning: bool) -> None:
    result = check_length(" ".join(["word"] * count))
    assert (result.passed, result.warning) == (passed, warning)
    assert str(count) in result.why


@pytest.mark.parametrize(
    "text",
    [
        "Is there a job?",
        "Any JOBS going",
        "the open positions",
        "I saw the opening",
        "Are you hiring",
        "a vacancy",
        "two vacancies",
        "my resume",
        "my résumé",
        "Resumes attached",
    ],
)
def test_job_words_fail(text: str) -> None:
    result = check_job_words(text)
    assert not result.passed
    assert "“" in result.why


@pytest.mark.parametrize(
    "text", ["I'd love to learn about your work", "a jobless rate", "reposition", "hirings"]
)
def test_no_job_words_pass(text: str) -> None:
    assert check_job_words(text).passed


def test_job_words_are_listed_once_each() -> None:
    result = check_job_words("A job, a job, a position.")
    assert result.why.count("job") == 2  # “job” plus the advice's own “a job”
    assert "“position”" in result.why


def test_connection_must_be_in_the_first_sentence() -> None:
    assert check_connection("Daniel Reyes told me about you. Hi.", ["Daniel Reyes"]).passed
    assert check_connection("daniel reyes told me about you.", ["Daniel Reyes"]).passed
    late = check_connection("I love your work. Daniel Reyes told me about you.", ["Daniel Reyes"])
    assert not late.passed and "who sent you" in late.why
    assert not check_connection("Danielle told me.", ["Daniel"]).passed  # whole words only


@pytest.mark.parametrize(
    "first",
    [
        "Maya referred me to you.",
        "A friend suggested I write.",
        "We met at the meetup.",
        "Sam recommended you.",
        "Ana introduced us last week.",
    ],
)
def test_connection_words_count(first: str) -> None:
    assert check_connection(first + " Then more.", []).passed


def test_how_met_text_counts_as_the_connection() -> None:
    text = "I came across you through the alumni directory. More."
    assert check_connection(text, ["through the alumni directory"]).passed
    assert not check_connection(text, []).passed
    # "I found your name ..." says where the name came from, whatever follows
    assert check_connection("I found your name on a conference list. More.", []).passed
    assert not check_connection("", ["x"]).passed


def test_request_as_a_question() -> None:
    assert check_question("Could you spare 15 minutes?").passed
    assert check_question('She asked "why not?" Then stopped.').passed
    result = check_question("Let me know if you could spare 15 minutes.")
    assert not result.passed and "question mark" in result.why


def test_more_about_them_than_about_you() -> None:
    assert check_about_them("Your team and your work, would you?").passed
    result = check_about_them("I am keen. My plan is mine. I'd like your view.")
    assert not result.passed and "1 × you/your" in result.why and "I/me/my" in result.why
    assert not check_about_them("You and I.").passed  # a tie is not more


def test_sentences_split_at_stops_and_blank_lines() -> None:
    assert sentences("One. Two? Three!\n\nFour\nstill four") == [
        "One.",
        "Two?",
        "Three!",
        "Four still four",
    ]


def test_the_shipped_first_note_and_follow_up_pass() -> None:
    content = load_guidance()
    values = {
        "first_name": "Maya",
        "name": "Maya Okafor",
        "company": "Brightwater",
        "role": "Data Team Lead",
        "how_met": "through the alumni directory",
        "my_name": "Ana Lima",
        "my_background": "a librarian with ten years in research",
        "my_purpose": "move into data analysis",
        "times": "Tuesday morning",
        "my_phone": "021 555 0100",
        "area": "data",
    }
    # The LinkedIn note is sent after the meeting, not to ask for one: these rules don't apply.
    for script_id in ("outreach-email", "follow-up-no-reply"):
        text = content.script(script_id).fill(values)
        results = check_outreach(
            text, ["through the alumni directory"], subject_required=script_id in NEW_EMAILS
        )
        failed = [r for r in results if not r.passed]
        assert failed == [], (script_id, failed)


@given(st.text(max_size=400))
def test_any_text_gets_every_verdict(text: str) -> None:
    results = check_outreach(text, [text[:10]])
    assert [r.id for r in results] == list(FIRST_RULE_IDS)
    assert all(isinstance(r.why, str) and r.why for r in results)


# -- the subject line -----------------------------------------------------------------------


def test_subject_of_reads_only_a_first_line() -> None:
    assert subject_of(GOOD) == "A few questions about your work at Brightwater"
    assert subject_of("\n\n  subject:   Your   data work\nHello") == "Your data work"
    assert subject_of("Hello Maya,\nSubject: late") is None
    assert subject_of("") is None


def test_a_new_email_needs_a_subject_line() -> None:
    missing = check_subject("Hello Maya,\n\nDaniel suggested I write.")
    assert not missing.passed and "“Subject:”" in missing.why
    # a note or a reply needs none
    assert check_subject("Hello Maya,\n\nHi.", required=False).passed
    # ...but one that is there is checked all the same
    assert not check_subject("Subject: Hello\n\nHi.", required=False).passed
    assert by_id("Hello Maya,\n\nDaniel suggested I write.")["subject"].passed is False
    results = check_outreach("Hello Maya, Daniel suggested I write.", subject_required=False)
    assert results[1].id == "subject" and results[1].passed


@pytest.mark.parametrize(
    "subject",
    [
        "A few questions about your work at Brightwater",
        "Your data work at Acme",
        "Re: A question about product design",
        "Daniel Reyes suggested I write",
    ],
)
def test_specific_short_subjects_pass(subject: str) -> None:
    result = check_subject(f"Subject: {subject}\n\nHello Maya,")
    assert result.passed and not result.warning, result.why


@pytest.mark.parametrize(
    ("subject", "why"),
    [
        ("Hello", "says little"),
        ("Quick question!", "says little"),
        ("Re: Hi", "says little"),
        ("Informational interview request", "says little"),
        ("Networking", "says little"),
        ("", "empty"),
        ("Re:", "empty"),
        ("Any openings on your team?", "“openings”"),
        ("My resume", "“resume”"),
    ],
)
def test_vague_or_job_subjects_fail(subject: str, why: str) -> None:
    result = check_subject(f"Subject: {subject}\n\nHello Maya,")
    assert not result.passed
    assert why in result.why


def test_a_long_subject_is_a_warning_not_a_failure() -> None:
    """A long company name is no fault of hers: the subject passes, with a warning."""
    subject = "A question about data at María José Carreño Quiñones de la Fuente Consultores"
    result = check_subject(f"Subject: {subject}\n\nHello Maya,")
    assert result.passed and result.warning
    assert f"{len(subject)} characters" in result.why


def test_the_subject_line_does_not_count_toward_the_100_words() -> None:
    body = " ".join(["word"] * 95) + "?"
    subject = "Subject: " + " ".join(["topic"] * 9)
    assert check_outreach(body)[FIRST_RULE_IDS.index("length")].passed
    with_subject = {r.id: r for r in check_outreach(f"{subject}\n\n{body}")}
    assert with_subject["length"].passed and "95 words" in with_subject["length"].why
    # job words in the subject are the subject rule's, not the body's
    job = {r.id: r for r in check_outreach(f"Subject: A job at Acme\n\n{body}")}
    assert not job["subject"].passed and job["no-job-words"].passed


# -- tone ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("I am in transition and keen to learn.", "“in transition”"),
        ("I'm desperate for advice.", "“desperate”"),
        ("I'm desperately trying.", "“desperately”"),
        ("Any job would do.", "“any job”"),
        ("I have been out of work since May.", "“out of work”"),
        ("Please help me.", "“please help me”"),
        ("I’ll take anything at this point.", "“i'll take anything”"),
        ("I will take anything.", "“i will take anything”"),
        ("You are my last resort.", "“last resort”"),
        ("Nobody will hire me.", "“nobody will hire me”"),
    ],
)
def test_desperate_tone_is_flagged_with_the_phrase_quoted(text: str, quoted: str) -> None:
    result = check_tone(text)
    assert not result.passed
    assert quoted in result.why


def test_tone_lists_each_phrase_once_and_reads_the_subject_too() -> None:
    result = check_tone("Subject: Desperate\n\nI am desperate. Truly desperate, in transition.")
    assert result.why.count("“desperate”") == 1 and "“in transition”" in result.why
    assert not by_id("Subject: Out of work, any advice?\n\nHello.")["tone"].passed


@pytest.mark.parametrize(
    "text",
    [
        "I'm moving from teaching into data analysis.",
        "Your team's transition to the cloud",
        "I'd love to hear how you work.",
        "Anything you could share helps.",
    ],
)
def test_calm_text_passes_the_tone_rule(text: str) -> None:
    assert check_tone(text).passed


# -- which messages the rules pass or fail --------------------------------------------------


def test_each_script_has_the_rules_of_its_kind() -> None:
    for script_id in ("outreach-email", "follow-up-no-reply", "connection-request"):
        assert rules_for(script_id, "email").kind == FIRST
    for script_id in ("thank-you", "keep-in-touch", "referrer-update", "linkedin-note"):
        assert rules_for(script_id, "email").kind == WRITTEN
    for script_id, kind in (
        ("voicemail", "voicemail"),
        ("phone-direct", "phone"),
        ("meeting-opening", "spoken"),
    ):
        assert rules_for(script_id, kind).kind == SPOKEN
    assert rules_for("outreach-email", "email").subject_required
    assert not rules_for("follow-up-no-reply", "email").subject_required
    assert rules_for("voicemail", "voicemail").seconds_limit == 30


def test_a_leftover_bracket_fails_quoting_it() -> None:
    text = "Hello Maya,\n\nMaya suggested I write. Would [two or three times] suit you?"
    for kind in (FIRST, WRITTEN, SPOKEN):
        [fill_in] = [r for r in check_message(text, Rules(kind)) if r.id == "fill-in"]
        assert not fill_in.passed and fill_in.why == "Fill in: [two or three times]"
    filled = text.replace("[two or three times]", "Tuesday at ten")
    assert check_message(filled, Rules(FIRST), ["Maya"])[0].passed


def test_the_word_count_is_what_wc_counts_and_says_what_it_left_out() -> None:
    body = "Maya suggested I write — could you spare 15 minutes, e.g. on Tuesday?"
    [length] = [r for r in check_outreach(f"Hello Jo,\n\n{body}") if r.id == "length"]
    assert length.why.startswith(f"{len(body.split())} words, the subject and greeting not")
    near = check_length("word " * 76)
    assert near.warning and "76 words" in near.why and "under 76" not in near.why


def test_a_spoken_script_is_timed_at_her_pace() -> None:
    words = "word " * 70  # 30 seconds at 140 words a minute
    results = check_message(f"{words} (Say it slowly, twice over.)", Rules(SPOKEN, False, 30))
    assert [r.id for r in results] == ["fill-in", "spoken-length"]
    assert not results[1].passed and "about 30 seconds at your pace (140" in results[1].why
    assert check_message("word " * 50, Rules(SPOKEN, False, 30))[1].passed
    slower = check_message("word " * 50, Rules(SPOKEN), pace=120)[1]
    assert slower.passed and slower.why == "about 25 seconds at your pace (120 words a minute)"


def test_a_title_ends_no_sentence() -> None:
    assert sentences("Hi Dr. Nwosu, Maya suggested I write. Thanks.") == [
        "Hi Dr. Nwosu, Maya suggested I write.",
        "Thanks.",
    ]


def test_note_length_counts_the_characters_without_the_blank_ends() -> None:
    assert note_length("  Hi Maya, a note.\n\n") == len("Hi Maya, a note.")
    assert LINKEDIN_LIMIT == 200
