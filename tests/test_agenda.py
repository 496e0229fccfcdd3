"""The follow-up rules, stage derivation and the agenda, on fixed dates.

November 2026: Mon 16, Tue 17, Wed 18, Thu 19, Fri 20, Sat 21, Sun 22, Mon 23, Tue 24.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from infocoach.core import agenda as agenda_module
from infocoach.core.agenda import (
    ACTION_EVENTS,
    ACTION_SCRIPTS,
    ACTIONS,
    AgendaItem,
    add_business_days,
    agenda_items,
    build_agenda,
    due_label,
    prepare_item_ids,
    thank_you_deadline,
    thank_you_late,
    thank_you_on_time,
    when_label,
)
from infocoach.core.models import EVENTS, Contact, LoggedEvent
from infocoach.core.stages import EVENT_HELP, Event, derive_stage, stage_event
from infocoach.data import log as log_module
from infocoach.data.repositories import Store
from infocoach.guidance.loader import load_guidance


def d(day: int, month: int = 11) -> date:
    return date(2026, month, day)


def log(*entries: tuple[str, date]) -> list[Event]:
    return [Event(day, number, kind) for number, (kind, day) in enumerate(entries, 1)]


def run(contacts, events, today, prepare=(), now=None):
    return build_agenda(contacts, events, today, prepare_items=prepare, now=now)


def actions(items: list[AgendaItem]) -> list[tuple[str, str]]:
    return [(item.action, item.contact) for item in items]


ADA = Contact(1, "Ada Lovelace", company="Engines", industry="Computing")


# -- business days ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (d(20), 3, d(25)),  # Friday + 3 business days = Wednesday
        (d(20), 7, d(1, 12)),  # Friday + 7 = Tuesday of the week after next
        (d(16), 3, d(19)),  # Monday + 3 = Thursday
        (d(16), 7, d(25)),  # Monday + 7 = Wednesday next week
        (d(21), 1, d(23)),  # Saturday + 1 = Monday
        (d(22), 3, d(25)),  # Sunday + 3 = Wednesday
        (d(19), 0, d(19)),  # day 0 is the day itself
        (d(19), 1, d(20)),
        (d(20), 1, d(23)),  # Friday + 1 skips the weekend
    ],
)
def test_add_business_days(start: date, days: int, expected: date) -> None:
    assert add_business_days(start, days) == expected
    assert expected.weekday() < 5 or days == 0


def test_due_labels() -> None:
    assert due_label(d(17), d(20)) == "3 days overdue"
    assert due_label(d(19), d(20)) == "1 day overdue"
    assert due_label(d(20), d(20)) == "due today"
    assert due_label(d(21), d(20)) == "due tomorrow"
    assert due_label(d(23), d(20)) == "due in 3 days"


# -- stages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kinds", "stage"),
    [
        ((), "identified"),
        (("reached-out",), "reached-out"),
        (("reached-out", "replied"), "reached-out"),
        (("reached-out", "replied", "scheduled"), "scheduled"),
        (("reached-out", "scheduled", "interviewed"), "interviewed"),
        (("interviewed", "thanked"), "thanked"),
        (("interviewed", "thanked", "kept-in-touch"), "keeping-in-touch"),
        (("interviewed", "referrer-updated"), "interviewed"),
        (("reached-out", "declined"), "closed"),
        (("reached-out", "declined", "replied"), "reached-out"),  # changed their mind
        (("reached-out", "declined", "scheduled"), "scheduled"),
        (("thanked", "reached-out"), "thanked"),  # never moves back
    ],
)
def test_stage_follows_the_furthest_event(kinds: tuple[str, ...], stage: str) -> None:
    events = log(*((kind, d(1 + number)) for number, kind in enumerate(kinds)))
    assert derive_stage(events) == stage


def test_stage_uses_dates_not_the_order_of_logging() -> None:
    # declined logged last but dated first: the later scheduled reopens the contact
    events = [Event(d(18), 1, "scheduled"), Event(d(10), 2, "declined")]
    assert derive_stage(events) == "scheduled"
    # same day: the one logged later wins
    assert derive_stage([Event(d(10), 1, "replied"), Event(d(10), 2, "declined")]) == "closed"


def test_stage_without_events_is_the_stored_one() -> None:
    assert derive_stage([], "scheduled") == "scheduled"
    assert derive_stage([], "nonsense") == "identified"
    assert derive_stage(log(("reached-out", d(1))), "thanked") == "reached-out"


def test_every_event_has_help_text() -> None:
    assert set(EVENT_HELP) == set(EVENTS)


def test_stage_events_skip_unknown_events_and_bad_dates() -> None:
    assert stage_event(LoggedEvent(1, 2, "replied", "2026-11-18")) == Event(d(18), 1, "replied")
    assert stage_event(LoggedEvent(3, 5, "bribed", "2026-11-16")) is None
    assert stage_event(LoggedEvent(4, 5, "replied", "yesterday")) is None


def test_the_store_groups_and_sorts_events_per_contact(store: Store) -> None:
    ada, bo = store.add_contact(name="Ada"), store.add_contact(name="Bo")
    store.log_event(ada.id, "replied", day=d(18))
    store.log_event(ada.id, "reached-out", day=d(16))
    grouped = store.events_by_contact()
    assert list(grouped) == [ada.id] and bo.id not in grouped
    assert [(e.kind, e.day) for e in grouped[ada.id]] == [
        ("reached-out", d(16)),
        ("replied", d(18)),
    ]


def test_the_store_derives_the_stage_from_the_log(store: Store) -> None:
    ada = store.add_contact(name="Ada", stage="scheduled")
    assert store.get_contact(ada.id).stage == "scheduled"  # no log yet: the stored stage
    store.log_event(ada.id, "reached-out", day=d(10))
    assert store.get_contact(ada.id).stage == "reached-out"
    store.log_event(ada.id, "interviewed", day=d(17))
    assert [c.stage for c in store.contacts()] == ["interviewed"]
    store.log_event(ada.id, "thanked", day=d(18))
    assert store.contacts()[0].stage == "thanked"
    assert Store(store.path).get_contact(ada.id).stage == "thanked"  # a fresh process too
    store.log_event(ada.id, "declined", day=d(19))
    assert store.get_contact(ada.id).stage == "closed"


def test_contacts_build_the_event_index_once_per_change(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = [store.add_contact(name=f"P{i}") for i in range(30)]
    for person in people:
        store.log_event(person.id, "reached-out", day=d(10))
    calls = []
    real = log_module.stage_event

    def counting(logged):
        calls.append(logged.id)
        return real(logged)

    monkeypatch.setattr(log_module, "stage_event", counting)
    store.add_contact(name="Zed")  # a change: the next read rebuilds once
    assert {c.stage for c in store.contacts() if c.name != "Zed"} == {"reached-out"}
    for person in people:
        store.get_contact(person.id)
    store.contacts()
    assert sorted(calls) == sorted(set(calls)) and len(calls) == len(people)  # built once


# -- thank-you ----------------------------------------------------------------------------


def test_thank_you_is_due_the_day_of_the_interview_and_the_next_then_late() -> None:
    events = {1: log(("interviewed", d(18)))}
    (item,) = run([ADA], events, d(18))  # interview day: due, not missed
    assert (item.action, item.due, item.overdue) == ("thank-you", d(19), False)
    assert "talk today" in item.text and "thank-you due by tomorrow" in item.text
    assert when_label(item, d(18)) == "due by tomorrow"
    (item,) = run([ADA], events, d(19))
    assert (item.action, item.due, item.overdue) == ("thank-you", d(19), False)
    assert "Ada Lovelace" in item.text and "Wed 18 Nov" in item.text
    assert when_label(item, d(19)) == "due today" and "due by" not in item.text
    (item,) = run([ADA], events, d(20))  # D+2: late
    assert item.overdue and item.due == d(19) and when_label(item, d(20)) == "1 day overdue"


def test_the_thank_you_deadline_rule() -> None:
    assert thank_you_deadline(d(18)) == d(19)
    assert [thank_you_late(d(18), day) for day in (d(18), d(19), d(20))] == [False, False, True]
    assert [thank_you_on_time(d(18), day) for day in (d(17), d(18), d(19), d(20))] == [
        False,
        True,
        True,
        False,
    ]


def test_thanked_ends_the_thank_you_but_only_after_that_interview() -> None:
    done = {1: log(("interviewed", d(18)), ("thanked", d(19)))}
    assert [i.action for i in run([ADA], done, d(25))] == []
    earlier = {1: log(("interviewed", d(2)), ("thanked", d(3)), ("interviewed", d(18)))}
    assert [i.action for i in run([ADA], earlier, d(20))] == ["thank-you"]


# -- update the referrer ------------------------------------------------------------------

MAYA = Contact(7, "Maya Okafor", company="Brightwater")
DANIEL = Contact(8, "Daniel Reyes", company="Brightwater", referred_by=7)


def test_referrer_update_names_the_referrer_and_is_due_three_days_later() -> None:
    events = {8: log(("interviewed", d(16)))}
    assert [i.action for i in run([MAYA, DANIEL], events, d(16))] == ["thank-you"]
    items = run([MAYA, DANIEL], events, d(17))
    update = next(i for i in items if i.action == "update-referrer")
    assert (update.due, update.overdue) == (d(19), False)
    assert (update.contact_id, update.contact) == (8, "Daniel Reyes")
    assert (update.referrer, update.referrer_id) == ("Maya Okafor", 7)
    assert "Maya Okafor" in update.text and "Daniel Reyes" in update.text
    later = next(i for i in run([MAYA, DANIEL], events, d(20)) if i.action == "update-referrer")
    assert later.overdue


def test_referrer_updated_on_the_referred_contact_ends_it() -> None:
    done = {8: log(("interviewed", d(16)), ("thanked", d(17)), ("referrer-updated", d(18)))}
    assert "update-referrer" not in [i.action for i in run([MAYA, DANIEL], done, d(20))]
    # logged on the referrer instead: the item stays
    wrong = {
        8: log(("interviewed", d(16)), ("thanked", d(17))),
        7: log(("referrer-updated", d(18))),
    }
    assert "update-referrer" in [i.action for i in run([MAYA, DANIEL], wrong, d(20))]


def test_no_referrer_update_without_a_known_referrer() -> None:
    events = {8: log(("interviewed", d(16)))}
    assert "update-referrer" not in [i.action for i in run([DANIEL], events, d(20))]
    assert "update-referrer" not in [i.action for i in run([Contact(8, "Solo")], events, d(20))]


# -- 3B7 ----------------------------------------------------------------------------------


def test_three_b_seven_after_a_monday_reach_out() -> None:
    events = {1: log(("reached-out", d(16)))}
    assert run([ADA], events, d(18)) == []  # day 2: nothing yet
    (another,) = run([ADA], events, d(19))  # day 3 (Thursday)
    assert (another.action, another.due, another.overdue) == ("try-another-contact", d(19), False)
    assert "Engines" in another.text
    items = run([ADA], events, d(24))  # Tuesday: follow-up due Wed 25
    assert [(i.action, i.overdue) for i in items] == [("try-another-contact", True)]
    items = run([ADA], events, d(25))
    assert [(i.action, i.due, i.overdue) for i in items] == [
        ("try-another-contact", d(19), True),
        ("follow-up", d(25), False),
    ]


def test_reaching_out_on_a_friday_counts_working_days_only() -> None:
    events = {1: log(("reached-out", d(20)))}  # Friday
    assert run([ADA], events, d(24)) == []  # Tuesday is only day 2
    assert [i.due for i in run([ADA], events, d(25))] == [d(25)]  # Wednesday: try another
    follow_up = [i for i in run([ADA], events, d(1, 12)) if i.action == "follow-up"]
    assert [i.due for i in follow_up] == [d(1, 12)]  # Tuesday after next
    assert [i.action for i in run([ADA], events, d(30))] == ["try-another-contact"]


def test_reaching_out_on_a_saturday_starts_on_monday() -> None:
    events = {1: log(("reached-out", d(21)))}
    assert [i.due for i in run([ADA], events, d(25))] == [d(25)]


@pytest.mark.parametrize("answer", ["replied", "scheduled", "declined", "interviewed"])
def test_an_answer_on_day_two_cancels_three_b_seven(answer: str) -> None:
    events = {1: log(("reached-out", d(16)), (answer, d(18)))}
    assert [
        i.action
        for i in run([ADA], events, d(30))
        if i.action in ("try-another-contact", "follow-up")
    ] == []


def test_an_answer_before_a_new_reach_out_does_not_cancel_it() -> None:
    events = {1: log(("replied", d(2)), ("reached-out", d(16)))}
    assert [i.action for i in run([ADA], events, d(25))] == ["try-another-contact", "follow-up"]


def test_a_second_silent_reach_out_is_the_follow_up() -> None:
    events = {1: log(("reached-out", d(2)), ("reached-out", d(11)))}
    assert [i.action for i in run([ADA], events, d(30))] == ["try-another-contact"]


def test_contacting_someone_else_at_the_company_ends_try_another() -> None:
    bob = Contact(2, "Bob", company="ENGINES")
    cy = Contact(3, "Cy", company="Elsewhere")
    events = {1: log(("reached-out", d(16))), 3: log(("reached-out", d(17)))}
    assert "try-another-contact" in [i.action for i in run([ADA, bob, cy], events, d(20))]
    events[2] = [Event(d(10), 9, "reached-out")]  # before Ada: does not count
    assert "try-another-contact" in [i.action for i in run([ADA, bob, cy], events, d(20))]
    events[2] = [Event(d(17), 9, "reached-out")]
    items = run([ADA, bob, cy], events, d(20))
    assert ("try-another-contact", "Ada Lovelace") not in actions(items)
    assert ("try-another-contact", "Cy") in actions(items)  # nobody else at Elsewhere


def test_without_a_company_the_same_industry_counts() -> None:
    loner = Contact(1, "Lo", industry="Retail")
    other = Contact(2, "Ot", industry="retail")
    events = {1: log(("reached-out", d(16))), 2: log(("reached-out", d(16)))}
    assert ("try-another-contact", "Lo") not in actions(run([loner, other], events, d(20)))
    (item,) = [i for i in run([loner], events, d(20)) if i.action == "try-another-contact"]
    assert "in the same field" in item.text


# -- keep in touch ------------------------------------------------------------------------


def test_keep_in_touch_six_weeks_after_the_last_event() -> None:
    events = {1: log(("interviewed", d(30, 9)), ("thanked", d(1, 10)))}
    assert run([ADA], events, d(11)) == []
    (item,) = run([ADA], events, d(12))  # 1 Oct + 42 days
    assert (item.action, item.due, item.overdue) == ("keep-in-touch", d(12), False)
    assert item.overdue is False and run([ADA], events, d(13))[0].overdue
    events[1] += [Event(d(12), 9, "kept-in-touch")]
    assert run([ADA], events, d(20)) == []
    assert run([ADA], events, d(24, 12))[0].due == d(24, 12)


def test_keep_in_touch_interval_per_contact() -> None:
    events = {1: log(("interviewed", d(30, 9)), ("thanked", d(1, 10)))}
    slow = Contact(1, "Ada Lovelace", keep_in_touch_weeks=8)
    assert run([slow], events, d(20)) == []
    (item,) = run([slow], events, d(26))
    assert item.due == d(26) and "every 8 weeks" in item.text


def test_no_keep_in_touch_before_thanks_or_after_closing() -> None:
    assert run([ADA], {1: log(("interviewed", d(1, 9)))}, d(20)) != []  # thank-you only
    assert "keep-in-touch" not in [
        i.action for i in run([ADA], {1: log(("interviewed", d(1, 9)))}, d(20))
    ]
    closed = {1: log(("interviewed", d(1, 9)), ("thanked", d(2, 9)), ("declined", d(3, 9)))}
    assert run([ADA], closed, d(20)) == []


def test_telling_a_referrer_how_it_went_keeps_in_touch_with_them() -> None:
    events = {
        7: log(("interviewed", d(1, 9)), ("thanked", d(2, 9))),
        8: log(("interviewed", d(10)), ("thanked", d(11)), ("referrer-updated", d(12))),
    }
    assert "keep-in-touch" not in [i.action for i in run([MAYA, DANIEL], events, d(20))]
    without = {**events, 8: log(("interviewed", d(10)), ("thanked", d(11)))}
    assert ("keep-in-touch", "Maya Okafor") in actions(run([MAYA, DANIEL], without, d(20)))


# -- prepare ------------------------------------------------------------------------------

AROUND_THE_MEETING = ("confirm", "happened")  # their own tests: test_agenda_meetings.py


def others(items: list[AgendaItem]) -> list[AgendaItem]:
    """The items besides those that confirm a meeting and ask whether it happened."""
    return [item for item in items if item.action not in AROUND_THE_MEETING]


PREP = ("prepare-a", "prepare-b", "prepare-c")


def test_prepare_for_a_meeting_within_two_days() -> None:
    ada = Contact(1, "Ada Lovelace", meeting="2026-11-22 10:30", checklist={"prepare-a": "x"})
    assert run([ada], {}, d(19), PREP) == []  # three days ahead
    (item,) = others(run([ada], {}, d(20), PREP))
    assert (item.action, item.due, item.overdue) == ("prepare", d(22), False)
    assert "2 of 3" in item.text and "10:30" in item.text and "Sun 22 Nov" in item.text
    assert others(run([ada], {}, d(22), PREP))[0].action == "prepare"  # the day itself
    # past: nothing to prepare; the thank-you for the meeting is due by today
    past = others(run([ada], {}, d(23), PREP))
    assert [(i.action, i.due) for i in past] == [("thank-you", d(23))]


def test_no_prepare_when_done_or_not_needed() -> None:
    ready = Contact(1, "Ada", meeting="2026-11-21 10:00", checklist=dict.fromkeys(PREP, "x"))
    assert others(run([ready], {}, d(20), PREP)) == []
    ada = Contact(1, "Ada", meeting="2026-11-21 10:00")
    assert others(run([ada], {}, d(20), ())) == []  # no Prepare items known
    assert [i.action for i in others(run([ada], {}, d(21), PREP))] == ["prepare"]
    met = {1: log(("interviewed", d(21)))}  # already had the meeting
    assert "prepare" not in [i.action for i in run([ada], met, d(21), PREP)]
    broken = Contact(1, "Ada", meeting="soon")
    assert run([broken], {}, d(20), PREP) == []


# -- the whole agenda ---------------------------------------------------------------------


def test_overdue_first_then_by_due_date() -> None:
    people = [
        Contact(1, "Ann", company="A", meeting="2026-11-21 09:00"),
        Contact(2, "Ben", company="B"),
        Contact(3, "Cat", company="C"),
        Contact(4, "Dan", company="D"),
    ]
    events = {
        2: log(("interviewed", d(18))),  # thank-you due 19: overdue
        3: log(("interviewed", d(10))),  # thank-you due 11: overdue, older
        4: log(("interviewed", d(19))),  # thank-you due 20: today
    }
    items = others(run(people, events, d(20), PREP))
    assert [(i.contact, i.action, i.overdue) for i in items] == [
        ("Cat", "thank-you", True),
        ("Ben", "thank-you", True),
        ("Dan", "thank-you", False),
        ("Ann", "prepare", False),
    ]


def test_items_are_plain_data_with_a_script_and_json() -> None:
    events = {8: log(("interviewed", d(16)))}
    items = run([MAYA, DANIEL], events, d(20))
    for item in items:
        assert item.action in ACTIONS
        assert item.script == ACTION_SCRIPTS[item.action]
        data = item.as_dict()
        assert json.loads(json.dumps(data)) == data
        assert {"contact", "action", "due", "overdue", "text"} <= set(data)
        assert data["due"] == item.due.isoformat()
    with pytest.raises(AttributeError):
        items[0].overdue = False  # type: ignore[misc]


def test_names_are_data_in_the_text() -> None:
    odd = Contact(1, "[b]x[/b] a [/", company="[red]")
    (item,) = [i for i in run([odd], {1: log(("reached-out", d(16)))}, d(20))]
    assert item.contact == "[b]x[/b] a [/" and "[b]x[/b] a [/" in item.text and "[red]" in item.text


def test_agenda_items_from_the_store(store: Store) -> None:
    content = load_guidance()
    maya = store.add_contact(name="Maya Okafor", company="Brightwater")
    daniel = store.add_contact(name="Daniel Reyes", referred_by=maya.id)
    store.log_event(daniel.id, "interviewed", day=d(16))
    items = agenda_items(store, d(20), prepare_items=prepare_item_ids(content))
    assert [(i.action, i.contact) for i in items] == [
        ("thank-you", "Daniel Reyes"),
        ("update-referrer", "Daniel Reyes"),
    ]
    assert items[1].referrer == "Maya Okafor"
    # a meeting tomorrow, nothing ticked
    store.log_event(daniel.id, "thanked", day=d(17))
    store.update_contact(daniel.id, meeting="2026-11-22 10:00")
    assert [
        i.action for i in agenda_items(store, d(20), prepare_items=prepare_item_ids(content))
    ] == ["update-referrer", "prepare"]
    assert len(prepare_item_ids(content)) == len(
        next(s for s in content.steps if s.id == "prepare").items
    )


def test_the_interface_other_modules_import() -> None:
    assert agenda_module.AgendaItem.__dataclass_params__.frozen  # type: ignore[attr-defined]
    fields = agenda_module.AgendaItem.__dataclass_fields__  # type: ignore[attr-defined]
    assert {"contact_id", "contact", "action", "due", "overdue", "text"} <= set(fields)


def test_keep_in_touch_weeks_is_stored_and_checked(store: Store, data_file: Path) -> None:
    ada = store.add_contact(name="Ada", keep_in_touch_weeks="8")
    assert ada.keep_in_touch_weeks == 8
    assert Store(data_file).get_contact(ada.id).keep_in_touch_weeks == 8
    assert store.update_contact(ada.id, keep_in_touch_weeks="").keep_in_touch_weeks is None
    with pytest.raises(ValueError, match="keep_in_touch_weeks"):
        store.update_contact(ada.id, keep_in_touch_weeks="0")
    with pytest.raises(ValueError, match="keep_in_touch_weeks"):
        store.add_contact(name="Bob", keep_in_touch_weeks="often")


def test_a_wrongly_typed_interval_is_refused_on_open(data_file: Path) -> None:
    from infocoach.data.storage import DataFileError

    data_file.parent.mkdir(parents=True, exist_ok=True)
    data_file.write_text(
        json.dumps(
            {
                "meta": {"1": {"schema_version": 1}},
                "contacts": {"1": {"name": "Ada", "keep_in_touch_weeks": "six"}},
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="keep_in_touch_weeks"):
        Store(data_file)


def test_the_store_clock_is_the_one_today(data_file: Path) -> None:
    store = Store(data_file, clock=lambda: datetime(2026, 11, 20, 23, 59))
    assert store.today() == d(20)


# -- fair agenda (issue 15) ----------------------------------------------------------------


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute)


def test_prepare_is_dropped_once_the_meeting_time_has_passed() -> None:
    ada = Contact(1, "Ada Lovelace", meeting="2026-11-20 10:30")
    before = others(run([ada], {}, d(20), PREP, now=at(20, 9)))
    assert [i.action for i in before] == ["prepare"]
    after = others(run([ada], {}, d(20), PREP, now=at(20, 11)))  # met, not logged yet
    (thanks,) = after
    assert (thanks.action, thanks.due, thanks.overdue) == ("thank-you", d(21), False)
    assert "talk today" in thanks.text and "thank-you due by tomorrow" in thanks.text
    assert when_label(thanks, d(20)) == "due by tomorrow"
    # the next day it is due today; after that only a logged interview keeps it
    next_day = others(run([ada], {}, d(21), PREP))
    assert [(i.action, i.overdue) for i in next_day] == [("thank-you", False)]
    assert others(run([ada], {}, d(22), PREP)) == []
    logged = {1: log(("interviewed", d(20)))}
    assert [(i.action, i.overdue) for i in run([ada], logged, d(22), PREP)] == [("thank-you", True)]
    thanked = {1: log(("interviewed", d(20)), ("thanked", d(20)))}
    assert run([ada], thanked, d(20), PREP, now=at(20, 18)) == []


def test_an_interview_today_shows_the_thank_you_and_no_prepare() -> None:
    ada = Contact(1, "Ada Lovelace", meeting="2026-11-20 16:00")
    met_early = {1: log(("interviewed", d(20)))}  # logged before the planned time
    items = run([ada], met_early, d(20), PREP, now=at(20, 9))
    assert [(i.action, when_label(i, d(20))) for i in items] == [("thank-you", "due by tomorrow")]
    moved_up = {1: log(("interviewed", d(19)))}  # met the day before the planned meeting
    assert "prepare" not in [i.action for i in run([ada], moved_up, d(20), PREP, now=at(20, 9))]


def test_the_clearing_event_of_each_item() -> None:
    assert ACTION_EVENTS["thank-you"] == "thanked"
    assert ACTION_EVENTS["prepare"] is None and ACTION_EVENTS["try-another-contact"] is None
    events = {1: log(("reached-out", d(16)))}
    (item,) = run([ADA], events, d(19))
    assert item.event is None  # nothing logged on Ada clears it


def test_the_store_clock_says_which_meetings_happened(data_file: Path) -> None:
    content = load_guidance()
    morning = Store(data_file, clock=lambda: at(20, 9))
    ada = morning.add_contact(name="Ada", meeting="2026-11-20 10:30")
    prep = prepare_item_ids(content)
    actions = [i.action for i in agenda_items(morning, d(20), prepare_items=prep)]
    assert actions == ["confirm", "prepare"]
    noon = Store(data_file, clock=lambda: at(20, 12))
    actions = [i.action for i in agenda_items(noon, d(20), prepare_items=prep)]
    assert actions == ["happened", "thank-you"]
    # another day asked for: the day alone decides (a meeting today has not happened yet)
    actions = [i.action for i in agenda_items(noon, d(19), prepare_items=prep)]
    assert actions == ["confirm", "prepare"]
    assert ada.id
