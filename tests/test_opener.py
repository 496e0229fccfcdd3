"""The first minute of a call, and the running order of the questions (pure)."""

from __future__ import annotations

from datetime import datetime

import pytest

from infocoach.core.calls import SMALL_TALK, running_order
from infocoach.core.opener import confirm_line, first_minute, minutes_words, time_words


@pytest.mark.parametrize(
    ("hour", "minute", "said"),
    [
        (14, 0, "two"),
        (9, 30, "half past nine"),
        (12, 15, "quarter past twelve"),
        (11, 45, "quarter to twelve"),
        (23, 45, "quarter to twelve"),
        (0, 0, "twelve"),
        (14, 10, "2:10"),
        (8, 5, "8:05"),
    ],
)
def test_times_are_said_as_on_the_phone(hour, minute, said):
    assert time_words(datetime(2026, 11, 20, hour, minute)) == said


def test_minutes_in_words():
    assert [minutes_words(n) for n in (1, 15, 20, 45, 90)] == [
        "one minute",
        "fifteen minutes",
        "twenty minutes",
        "forty-five minutes",
        "90 minutes",
    ]


def test_the_confirm_line_with_and_without_a_meeting_time():
    at_two = datetime(2026, 11, 20, 14, 0)
    assert confirm_line(20, at_two) == "We said twenty minutes at two; is this still a good time?"
    assert confirm_line(15, None) == "We said fifteen minutes; is this still a good time?"


def test_the_opener_lines_and_the_three_kept():
    order = ["Small?", "Trend?", "Advice?", "Resource?", "Task?"]
    ranked = ["Task?", "Trend?", "Advice?", "Small?", "Resource?"]
    opener = first_minute(20, None, "learn how labs hire.", order, ranked)
    assert opener.lines == (
        "We said twenty minutes; is this still a good time?",
        "Thank you. In a sentence: I'm hoping to learn how labs hire.",
        "Could I start with this: Small?",
    )
    assert opener.keep == ("Trend?", "Advice?", "Task?")  # her first three, in running order


def test_an_opener_without_purpose_or_questions_leaves_those_lines_out():
    opener = first_minute(20, None, "  ", [], [])
    assert opener.lines == ("We said twenty minutes; is this still a good time?",)
    assert opener.keep == ()


def test_running_order_is_small_talk_then_tiara_with_her_own_last():
    kinds = {
        "a": "Assignments",
        "t": "Trends",
        "s": SMALL_TALK,
        "i": "Insights",
        "r": "Resources",
        "v": "Advice",
        "t2": "Trends",
    }
    assert running_order(["a", "mine", "t", "r", "s", "v", "t2", "i"], kinds) == [
        "s",
        "t",
        "t2",
        "i",
        "v",
        "r",
        "a",
        "mine",
    ]
