"""The agenda around a meeting, on fixed dates: the confirmation the day before, and once its
time has passed with nothing logged, "did it happen?" (and after a no-show, nothing more)."""

from __future__ import annotations

from datetime import datetime

from infocoach.core.agenda import meeting_values, no_show_from
from infocoach.core.models import Contact

from .test_agenda import d, log, run

MEETING = "2026-11-22 10:30"  # a Sunday


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute)


def kinds(items) -> list[str]:
    return [item.action for item in items]


def test_the_confirmation_is_due_the_day_before() -> None:
    ada = Contact(1, "Ada Lovelace", meeting=MEETING)
    assert "confirm" not in kinds(run([ada], {}, d(20)))  # two days ahead: too early
    (item,) = [i for i in run([ada], {}, d(21)) if i.action == "confirm"]
    assert (item.due, item.overdue) == (d(21), False)
    assert item.text == (
        "Confirm your meeting with Ada Lovelace on Sun 22 Nov at 10:30: the time, by phone, "
        "and a number to reach you"
    )
    assert item.script == "confirm-meeting" and item.event == "confirmed"
    # on the day, until the time: still worth sending, and never called overdue
    (late,) = [i for i in run([ada], {}, d(22), now=at(22, 9)) if i.action == "confirm"]
    assert (late.due, late.overdue) == (d(22), False)
    assert "confirm" not in kinds(run([ada], {}, d(22), now=at(22, 11)))  # the time has passed


def test_a_logged_confirmation_clears_it_and_says_how_they_talk() -> None:
    ada = Contact(1, "Ada Lovelace", meeting=MEETING, meeting_kind="video")
    assert "by video call" in run([ada], {}, d(21))[0].text
    confirmed = {1: log(("confirmed", d(21)))}
    assert "confirm" not in kinds(run([ada], confirmed, d(21)))
    old = {1: log(("confirmed", d(10)))}  # the confirmation of an earlier meeting
    assert "confirm" in kinds(run([ada], old, d(21)))


def test_once_the_time_has_passed_with_nothing_logged_the_agenda_asks() -> None:
    ada = Contact(1, "Ada Lovelace", meeting="2026-11-20 10:30")
    assert "happened" not in kinds(run([ada], {}, d(20), now=at(20, 10, 29)))
    (item,) = [i for i in run([ada], {}, d(20), now=at(20, 10, 30)) if i.action == "happened"]
    assert item.text == "Your meeting with Ada Lovelace on Fri 20 Nov at 10:30: did it happen?"
    assert item.script is None and item.event is None  # answered with its own keys
    assert "happened" in kinds(run([ada], {}, d(27)))  # it waits for her answer
    talked = {1: log(("interviewed", d(20)))}
    assert "happened" not in kinds(run([ada], talked, d(21)))
    earlier = {1: log(("interviewed", d(2)))}  # a talk before this meeting does not answer it
    assert "happened" in kinds(run([ada], earlier, d(21)))


def test_a_no_show_is_let_go() -> None:
    ada = Contact(1, "Ada Lovelace", meeting="2026-11-20 10:30")
    assert "thank-you" in kinds(run([ada], {}, d(20), now=at(20, 11)))
    missed = {1: log(("scheduled", d(16)), ("no-show", d(20)))}
    for day in (20, 21, 30):
        assert run([ada], missed, d(day), now=at(day, 12)) == []  # no thanks, no chasing
    assert no_show_from(ada) == at(20, 10, 40)  # ten minutes after the time
    assert no_show_from(Contact(2, "Bo")) is None


def test_a_moved_meeting_asks_nothing_about_the_old_time() -> None:
    moved = Contact(1, "Ada Lovelace", meeting="2026-11-25 10:30")
    items = run([moved], {1: log(("scheduled", d(20)))}, d(21), now=at(21, 12))
    assert "happened" not in kinds(items) and "thank-you" not in kinds(items)


def test_the_meeting_fills_the_scripts_that_confirm_move_or_cancel() -> None:
    ada = Contact(1, "Ada", meeting="2026-11-22 10:30", meeting_kind="in person")
    assert meeting_values(ada) == {
        "meeting_day": "Sunday 22 November",
        "meeting_time": "10:30",
        "how_we_talk": "in person",
    }
    # no meeting yet: the day and time are hers to fill, how they talk is known
    assert meeting_values(Contact(2, "Bo", meeting_kind="video")) == {
        "how_we_talk": "by video call"
    }
