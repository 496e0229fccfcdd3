"""The Insights figures, computed from fixed plain data and a fixed `today`."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from infocoach.core.insights import (
    ONE_SOURCE,
    PACE_TREND,
    TOPIC_LIMIT,
    WEEKS,
    Insights,
    compute,
    from_store,
    longest_chain,
    merge_interviews,
    percent,
    progress_line,
    week_start,
)
from infocoach.core.models import STAGES, Contact, Interview, Rehearsal
from infocoach.core.stages import Event
from infocoach.data.repositories import Store

TODAY = date(2026, 11, 20)  # a Friday
MONDAY = date(2026, 11, 16)


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def log(*entries: tuple[str, date] | tuple[str, date, str]) -> list[Event]:
    """Events in the order given (seq numbers follow it)."""
    return sorted(Event(entry[1], n, entry[0], *entry[2:]) for n, entry in enumerate(entries))


def record(
    contact_id: int, when: date, notes: str = "", referrals: tuple[str, ...] = ()
) -> Interview:
    return Interview(0, contact_id, when.isoformat(), 20, notes, (), referrals)


def rehearsal(number: int, when: str, wpm: float) -> Rehearsal:
    return Rehearsal(number, when, "phone-direct", None, 40.0, wpm)


def figures(
    contacts: list[Contact],
    events: dict[int, list[Event]] | None = None,
    interviews: list[Interview] | None = None,
    rehearsals: list[Rehearsal] | None = None,
    today: date = TODAY,
) -> Insights:
    return compute(contacts, events or {}, interviews or [], rehearsals or [], today)


# -- interviews, once each -----------------------------------------------------------------


def test_a_record_and_an_event_on_the_same_day_are_one_interview() -> None:
    found = merge_interviews(
        [record(1, day(-2), "Hiring is slow")], {1: log(("interviewed", day(-2)))}
    )
    assert [(i.contact_id, i.day, i.notes) for i in found] == [(1, day(-2), "Hiring is slow")]


def test_an_event_alone_counts_and_keeps_its_note() -> None:
    found = merge_interviews(
        [], {4: log(("reached-out", day(-9)), ("interviewed", day(-3), "Kind"))}
    )
    assert [(i.contact_id, i.day, i.notes) for i in found] == [(4, day(-3), "Kind")]


def test_two_records_on_one_day_are_one_interview_with_both_notes() -> None:
    found = merge_interviews(
        [record(1, day(-1), "First"), record(1, day(-1), "Second"), record(1, day(-1), "First")], {}
    )
    assert len(found) == 1
    assert found[0].notes == "First\n\nSecond"


def test_an_event_logged_a_few_days_off_stands_for_the_record() -> None:
    """Logged late (or the day before): one interview, on the earlier of the two days."""
    found = merge_interviews([record(1, day(-5), "Notes")], {1: log(("interviewed", day(-3)))})
    assert [(i.day, i.notes) for i in found] == [(day(-5), "Notes")]
    found = merge_interviews([record(2, day(-5))], {2: log(("interviewed", day(-6), "From log"))})
    assert [(i.day, i.notes) for i in found] == [(day(-6), "From log")]


def test_events_far_from_any_record_are_interviews_of_their_own() -> None:
    found = merge_interviews([record(1, day(-40))], {1: log(("interviewed", day(-2)))})
    assert [i.day for i in found] == [day(-40), day(-2)]


def test_a_same_day_match_wins_over_a_near_one() -> None:
    """The event of day -8 is nearest to the record of day -7, which is day -7's own."""
    records = [record(1, day(-10), "early"), record(1, day(-7), "late")]
    events = {1: log(("interviewed", day(-8)), ("interviewed", day(-7)))}
    found = merge_interviews(records, events)
    assert [(i.day, i.notes) for i in found] == [(day(-10), "early"), (day(-7), "late")]


def test_two_events_on_the_same_day_are_one_interview() -> None:
    found = merge_interviews([], {1: log(("interviewed", day(-1)), ("interviewed", day(-1)))})
    assert len(found) == 1


def test_records_of_unknown_contacts_and_bad_dates_are_left_out() -> None:
    result = figures(
        [Contact(1, "Ada")],
        interviews=[
            record(1, day(-1)),
            record(99, day(-1)),
            Interview(7, 1, "not a date", notes="x"),
        ],
    )
    assert result.interviews == 1


# -- interviews per week -------------------------------------------------------------------


def test_week_start_is_the_monday() -> None:
    assert week_start(TODAY) == MONDAY
    assert week_start(MONDAY) == MONDAY
    assert week_start(date(2026, 11, 15)) == date(2026, 11, 9)  # a Sunday


def test_weeks_are_twelve_mondays_ending_in_the_week_of_today() -> None:
    first = MONDAY - timedelta(weeks=WEEKS - 1)
    interviews = [
        record(1, MONDAY),  # this week, its first day
        record(2, TODAY),
        record(3, MONDAY - timedelta(days=1)),  # Sunday: the week before
        record(4, first),  # the first day of the first week
        record(5, first - timedelta(days=1)),  # before the twelve weeks: not in the chart
    ]
    contacts = [Contact(n, f"P{n}") for n in range(1, 6)]
    result = figures(contacts, interviews=interviews)
    assert [w.start for w in result.weeks] == [first + timedelta(weeks=n) for n in range(WEEKS)]
    assert all(w.start.weekday() == 0 for w in result.weeks)
    assert [w.interviews for w in result.weeks] == [1] + [0] * 9 + [1, 2]
    assert result.interviews_this_week == 2
    assert result.interviews == 5  # all of them count in the total


def test_weeks_when_today_is_a_monday() -> None:
    result = figures([Contact(1, "A")], interviews=[record(1, MONDAY)], today=MONDAY)
    assert result.weeks[-1].start == MONDAY and result.weeks[-1].interviews == 1
    result = figures([Contact(1, "A")], interviews=[record(1, MONDAY)], today=MONDAY - timedelta(1))
    assert result.weeks[-1].start == MONDAY - timedelta(weeks=1)
    assert sum(w.interviews for w in result.weeks) == 0


# -- nothing yet ---------------------------------------------------------------------------


def test_no_data_at_all() -> None:
    result = figures([])
    assert result.contacts == result.interviews == result.outreach == 0
    assert result.reply_rate is None
    assert result.names_per_interview is None
    assert result.thank_you_on_time is None
    assert result.by_stage == dict.fromkeys(STAGES, 0)
    assert result.longest_chain == ()
    assert result.pace_trend == () and result.pace_note == ""
    assert result.companies == () and result.industries == ()
    assert [w.interviews for w in result.weeks] == [0] * WEEKS
    assert result.progress.startswith("No interviews yet")
    data = result.as_dict()
    assert data["thank_you_on_time"] is None and data["reply_rate"] is None
    json.dumps(data)


def test_contacts_but_no_interviews() -> None:
    contacts = [Contact(1, "A", stage="reached-out"), Contact(2, "B")]
    result = figures(contacts, {1: log(("reached-out", day(-3)))})
    assert result.interviews == 0
    assert result.thank_you_on_time is None
    assert result.reply_rate == 0.0
    assert percent(result.thank_you_on_time) == "—"


# -- outreach and replies ------------------------------------------------------------------


def test_outreach_replies_and_the_reply_rate() -> None:
    contacts = [Contact(n, f"P{n}") for n in range(1, 6)]
    events = {
        1: log(("reached-out", day(-20)), ("reached-out", day(-12)), ("replied", day(-10))),
        2: log(("reached-out", day(-8))),  # silent
        3: log(("replied", day(-30)), ("reached-out", day(-5))),  # the answer came before
        4: log(("reached-out", day(-6)), ("scheduled", day(-6))),  # same day counts
        5: log(("scheduled", day(-4))),  # never reached out: not in the rate
    }
    result = figures(contacts, events)
    assert result.outreach == 5
    assert result.people_reached == 4
    assert result.replies == 2
    assert result.reply_rate == 0.5
    assert percent(result.reply_rate) == "50%"


def test_declining_is_not_a_reply_that_moves_things_on() -> None:
    events = {1: log(("reached-out", day(-5)), ("declined", day(-2)))}
    assert figures([Contact(1, "A")], events).replies == 0


# -- pipeline ------------------------------------------------------------------------------


def test_contacts_per_stage_include_every_stage() -> None:
    contacts = [
        Contact(1, "A", stage="thanked"),
        Contact(2, "B", stage="thanked"),
        Contact(3, "C", stage="closed"),
        Contact(4, "D"),
    ]
    result = figures(contacts)
    assert list(result.by_stage) == list(STAGES)
    assert result.by_stage["thanked"] == 2
    assert result.by_stage["closed"] == 1
    assert result.by_stage["identified"] == 1
    assert result.by_stage["scheduled"] == 0
    assert sum(result.by_stage.values()) == 4


# -- referrals -----------------------------------------------------------------------------


def test_names_gained_are_deduplicated_ignoring_case_and_spaces() -> None:
    contacts = [
        Contact(1, "Maya"),
        Contact(2, "Ann  Lee", referred_by=1),  # also written in the notes
        Contact(3, "Tom", referred_by=1),
        Contact(4, "Raj"),
    ]
    interviews = [
        record(1, day(-9), referrals=("Ann Lee", "ANN LEE", "Bo Chan")),
        record(1, day(-2), referrals=("bo chan",)),  # a second talk, a name already given
        record(4, day(-1)),
    ]
    result = figures(contacts, interviews=interviews)
    assert result.interviews == 3
    assert result.people_interviewed == 2
    assert result.names_gained == 3  # Ann Lee, Bo Chan, Tom
    assert result.names_per_interview == 1.0
    assert result.goal_met == 1  # Maya gave 3 names, Raj none
    assert result.referred == 2


def test_referred_counts_only_referrers_who_are_contacts() -> None:
    contacts = [
        Contact(1, "A"),
        Contact(2, "B", referred_by=1),
        Contact(3, "C", referred_by=77),
        Contact(4, "D", referred_by=4),
    ]
    assert figures(contacts).referred == 1


def _by_id(*contacts: Contact) -> dict[int, Contact]:
    return {c.id: c for c in contacts}


def test_the_longest_chain_runs_from_the_first_referrer_down() -> None:
    contacts = _by_id(
        Contact(1, "Ada"),
        Contact(2, "Bea", referred_by=1),
        Contact(3, "Cy", referred_by=2),
        Contact(4, "Dee", referred_by=3),
        Contact(5, "Eve", referred_by=1),
        Contact(6, "Flo"),
    )
    assert longest_chain(contacts) == ("Ada", "Bea", "Cy", "Dee")


def test_no_referrals_no_chain() -> None:
    assert longest_chain(_by_id(Contact(1, "A"), Contact(2, "B"))) == ()
    assert longest_chain({}) == ()


def test_a_referral_cycle_ends_and_counts_each_person_once() -> None:
    contacts = _by_id(
        Contact(1, "Xan", referred_by=2),
        Contact(2, "Yul", referred_by=1),
        Contact(3, "Zed", referred_by=1),
    )
    chain = longest_chain(contacts)
    assert len(chain) == 3 and set(chain) == {"Xan", "Yul", "Zed"}
    assert chain[-1] == "Zed"  # the one outside the loop is at the end of the line


def test_a_contact_referring_itself_or_a_missing_referrer_stops_the_chain() -> None:
    contacts = _by_id(
        Contact(1, "Self", referred_by=1),
        Contact(2, "Lost", referred_by=99),
        Contact(3, "Kid", referred_by=2),
    )
    assert longest_chain(contacts) == ("Lost", "Kid")


def test_a_long_chain_does_not_recurse() -> None:
    contacts = _by_id(*(Contact(n, f"P{n}", referred_by=n - 1 or None) for n in range(1, 5001)))
    chain = longest_chain(contacts)
    assert len(chain) == 5000 and chain[0] == "P1" and chain[-1] == "P5000"


# -- thank-you notes -----------------------------------------------------------------------


def test_thank_you_on_time_is_the_day_of_the_interview_or_the_next() -> None:
    contacts = [Contact(n, f"P{n}") for n in range(1, 6)]
    events = {
        1: log(("interviewed", day(-10)), ("thanked", day(-10))),  # same day
        2: log(("interviewed", day(-10)), ("thanked", day(-9))),  # next day
        3: log(("interviewed", day(-10)), ("thanked", day(-8))),  # two days: late
        4: log(("thanked", day(-11)), ("interviewed", day(-10))),  # before: another talk
        5: log(("interviewed", day(-1))),  # not yet, and still due today: not counted
    }
    result = figures(contacts, events)
    assert result.interviews == 5
    assert result.thanked_on_time == 2 and result.thanks_due == 1 and result.thanks_counted == 4
    assert result.thank_you_on_time == pytest.approx(0.5)
    assert result.as_dict()["thank_you_on_time"] == 0.5
    assert result.as_dict()["thanks_due"] == 1


def test_every_thank_you_on_time() -> None:
    events = {1: log(("interviewed", day(-3)), ("thanked", day(-2)))}
    result = figures([Contact(1, "A")], events, [record(1, day(-3))])
    assert result.thank_you_on_time == 1.0


# -- rehearsals ----------------------------------------------------------------------------


def test_rehearsals_this_week_start_on_monday() -> None:
    rehearsals = [
        rehearsal(1, "2026-11-15T21:00:00", 170),  # Sunday: last week
        rehearsal(2, "2026-11-16T08:00:00", 160),  # Monday
        rehearsal(3, "2026-11-20T09:00:00", 150),
        rehearsal(4, "bad", 150),
    ]
    result = figures([], rehearsals=rehearsals)
    assert result.rehearsals == 3
    assert result.rehearsals_this_week == 2


def test_the_pace_trend_is_the_last_ten_paces_oldest_first() -> None:
    rehearsals = [rehearsal(n, f"2026-11-{n:02d}T10:00:00", 100 + n) for n in range(15, 0, -1)]
    result = figures([], rehearsals=rehearsals)
    assert len(result.pace_trend) == PACE_TREND
    assert result.pace_trend == tuple(float(100 + n) for n in range(6, 16))
    assert result.pace_note == "a little slow — nearly there"  # the latest: 115
    calm = figures([], rehearsals=[rehearsal(1, "2026-11-20T10:00:00", 141)])
    assert calm.pace_note == "good pace for a phone call"
    rushed = figures([], rehearsals=[rehearsal(1, "2026-11-20T10:00:00", 190)])
    assert rushed.pace_note.startswith("slow down")


# -- the progress line ---------------------------------------------------------------------


@pytest.mark.parametrize("count", [0, 1, 9, 11, 12, 30])
def test_the_progress_line_encourages_and_never_promises(count: int) -> None:
    line = progress_line(count).casefold()
    for promise in ("will get", "guarantee", "you will", "promise", "sure to"):
        assert promise not in line
    if count:
        assert line.startswith(f"{count} interview")
    for offer in ("offer", "opening", "dozen", "job"):
        assert offer not in line  # progress is what you learn, not a count towards an offer
    if 0 < count < 3:
        assert "keep going" in line


def test_progress_words() -> None:
    assert progress_line(1) == (
        "1 interview so far — each conversation makes the next one easier; keep going."
    )
    assert progress_line(9).startswith("9 interviews so far — ")
    assert "several views to compare" in progress_line(3)


# -- what I heard --------------------------------------------------------------------------


def _heard_data() -> tuple[list[Contact], list[Interview]]:
    contacts = [
        Contact(1, "Maya", company="Brightwater", industry="Analytics"),
        Contact(2, "Dan", company="BRIGHTWATER ", industry="Analytics"),
        Contact(3, "Chris", company="Open Shelf", industry="Retail"),
        Contact(4, "Lena", company="", industry="retail"),
        Contact(5, "Noor", company="Quiet Co", industry=""),
    ]
    interviews = [
        record(1, day(-20), "They hire juniors [b]from[/b] the internship"),
        record(1, day(-5), "Second talk: the team is growing"),
        record(2, day(-3), "Pipelines and reviews"),
        record(3, day(-2), "Gave me two names"),
        record(4, day(-1), ""),
        record(5, day(-1), ""),
    ]
    return contacts, interviews


def test_notes_are_grouped_by_company_ignoring_case() -> None:
    contacts, interviews = _heard_data()
    result = figures(contacts, interviews=interviews)
    by_name = {t.name: t for t in result.companies}
    assert list(by_name) == ["Brightwater", "Open Shelf", "Quiet Co"]  # most interviews first
    brightwater = by_name["Brightwater"]
    assert (brightwater.interviews, brightwater.people, brightwater.sources) == (3, 2, 2)
    assert not brightwater.one_source
    assert [n.text for n in brightwater.notes] == [
        "They hire juniors [b]from[/b] the internship",  # kept literally
        "Second talk: the team is growing",
        "Pipelines and reviews",
    ]
    assert by_name["Open Shelf"].one_source
    assert ONE_SOURCE in by_name["Open Shelf"].summary()
    assert by_name["Quiet Co"].sources == 0 and not by_name["Quiet Co"].one_source
    assert "nothing written down yet" in by_name["Quiet Co"].counts()


def test_two_talks_with_one_person_are_still_one_source() -> None:
    contacts, interviews = _heard_data()
    only_maya = [i for i in interviews if i.contact_id == 1]
    (topic,) = figures(contacts, interviews=only_maya).companies
    assert topic.interviews == 2 and topic.sources == 1 and topic.one_source
    assert topic.counts() == "2 interviews"
    assert topic.summary() == f"2 interviews · {ONE_SOURCE}"
    assert ONE_SOURCE.startswith("one person said")


def test_notes_are_grouped_by_industry_too() -> None:
    contacts, interviews = _heard_data()
    result = figures(contacts, interviews=interviews)
    assert [(t.name, t.interviews, t.people, t.sources) for t in result.industries] == [
        ("Analytics", 3, 2, 2),
        ("Retail", 2, 2, 1),  # "Retail" and "retail"; Lena wrote nothing
    ]


def test_a_warning_past_five_interviews_on_one_topic() -> None:
    contacts = [Contact(n, f"P{n}", company="Acme", industry="Energy") for n in range(1, 8)]
    five = [record(n, day(-n), f"note {n}") for n in range(1, TOPIC_LIMIT + 1)]
    result = figures(contacts, interviews=five)
    assert not result.companies[0].too_many and result.crowded == ()
    six = [*five, record(6, day(-6), "note 6")]
    result = figures(contacts, interviews=six)
    assert result.companies[0].too_many and result.industries[0].too_many
    assert [t.name for t in result.crowded] == ["Acme", "Energy"]
    assert "word gets around" in result.companies[0].summary()
    assert result.as_dict()["heard"]["companies"][0]["too_many"] is True


# -- all together --------------------------------------------------------------------------


def test_as_dict_has_every_key_and_is_json() -> None:
    contacts, interviews = _heard_data()
    data = json.loads(json.dumps(figures(contacts, interviews=interviews).as_dict()))
    for key in (
        "contacts",
        "interviews",
        "referrals",
        "thank_you_on_time",
        "by_stage",
        "rehearsals",
        "interviews_per_week",
        "reply_rate",
        "names_per_interview",
        "longest_chain",
        "progress",
        "heard",
    ):
        assert key in data
    assert data["contacts"] == 5 and data["interviews"] == 6
    assert len(data["interviews_per_week"]) == WEEKS
    assert data["thank_you_on_time"] == 0.0


def test_from_store_reads_the_store_as_of_its_clock(store: Store) -> None:
    maya = store.add_contact(name="Maya", company="Brightwater", industry="Analytics")
    dan = store.add_contact(name="Dan", company="Brightwater", referred_by="Maya")
    store.log_event(maya.id, "reached-out", day=day(-10))
    store.log_event(maya.id, "replied", day=day(-9))
    store.log_event(maya.id, "interviewed", day=day(-2))
    store.log_event(maya.id, "thanked", day=day(-1))
    store.add_interview(maya.id, day=day(-2), notes="Hiring in spring", referrals=["Dan", "Ola"])
    store.add_interview(dan.id, notes="Team of six")  # today, from the store's clock
    store.add_rehearsal("phone-direct", 40, 150)
    result = from_store(store)
    assert result.today == TODAY
    assert result.contacts == 2
    assert result.interviews == 2
    assert result.interviews_this_week == 2
    assert result.replies == 1 and result.reply_rate == 1.0
    assert result.names_gained == 2  # Dan (both ways) and Ola
    assert result.thank_you_on_time == 1.0  # Dan's, today, is still due: not missed
    assert (result.thanked_on_time, result.thanks_due) == (1, 1)
    assert result.longest_chain == ("Maya", "Dan")
    assert result.rehearsals == result.rehearsals_this_week == 1
    assert result.by_stage["thanked"] == 1
    (brightwater,) = result.companies
    assert brightwater.sources == 2
    assert from_store(store, day(-30)).interviews_this_week == 0


# -- fair numbers (issue 15) ---------------------------------------------------------------


def test_a_thank_you_is_late_only_after_the_day_after() -> None:
    contacts = [Contact(1, "A")]
    events = {1: log(("interviewed", day(0)))}
    on_the_day = figures(contacts, events)  # interview today: due, not missed
    assert (on_the_day.thanks_due, on_the_day.thank_you_on_time) == (1, None)
    next_day = figures(contacts, events, today=day(1))
    assert (next_day.thanks_due, next_day.thank_you_on_time) == (1, None)
    late = figures(contacts, events, today=day(2))
    assert (late.thanks_due, late.thank_you_on_time) == (0, 0.0)
    thanked = {1: log(("interviewed", day(0)), ("thanked", day(1)))}
    assert figures(contacts, thanked, today=day(1)).thank_you_on_time == 1.0
    assert figures(contacts, thanked, today=day(30)).thank_you_on_time == 1.0
    too_late = {1: log(("interviewed", day(0)), ("thanked", day(2)))}
    assert figures(contacts, too_late, today=day(2)).thank_you_on_time == 0.0


def test_a_partial_run_is_not_a_rehearsal_and_has_no_pace() -> None:
    rehearsals = [
        rehearsal(1, "2026-11-19T10:00:00", 128),
        rehearsal(2, "2026-11-20T10:00:00", 0.0),  # stopped early: saved with no pace
        rehearsal(3, "2026-11-20T11:00:00", 151),
    ]
    result = figures([], rehearsals=rehearsals)
    assert result.rehearsals == result.rehearsals_this_week == 2
    assert result.pace_trend == (128.0, 151.0)


def test_what_several_people_said_counts_the_people() -> None:
    contacts, interviews = _heard_data()
    by_name = {t.name: t for t in figures(contacts, interviews=interviews).companies}
    assert by_name["Brightwater"].counts() == "3 interviews, from 2 people"
    assert ONE_SOURCE not in by_name["Brightwater"].summary()
    assert by_name["Open Shelf"].summary() == f"1 interview · {ONE_SOURCE}"


def test_no_line_promises_an_opening() -> None:
    for count in range(0, 40):
        assert "opening" not in progress_line(count).casefold()
