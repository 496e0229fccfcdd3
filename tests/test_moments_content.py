"""The content for the moments around a call: the drills without a referrer, and the guide's
plain words (write first, most people say yes, the three kinds of contact and 3B7)."""

from __future__ import annotations

from infocoach.guidance.loader import load_guidance

SHIPPED = load_guidance()


def card(card_id: str) -> str:
    (found,) = [c for c in SHIPPED.cards if c.id == card_id]
    return " ".join((found.title, *found.do, *found.dont))


def drill(drill_id: str):
    (found,) = [d for d in SHIPPED.drills if d.id == drill_id]
    return found


def test_who_gave_you_this_number_when_nobody_did_is_answered_honestly() -> None:
    nobody = drill("who-gave-number-nobody")
    assert "nobody referred you" in nobody.situation
    answer = nobody.fill({"how_met": "in the alumni directory", "area": "data engineering"})
    assert answer.startswith("No one, to be honest: I found your name in the alumni directory.")
    assert "{" not in answer and "[" not in answer  # nothing of a referrer to fill in


def test_whats_your_situation_while_employed() -> None:
    employed = drill("situation-employed")
    assert "You are employed, and exploring" in employed.situation
    answer = employed.fill({"field": "public health"})
    assert "whether public health could be my next step" in answer
    assert "[your current role]" in answer  # only she knows it


def test_the_guide_says_plainly() -> None:
    assert "most people agree" in card("before-most-say-yes")
    assert "write instead" in card("before-write-first")
    kinds = card("before-contact-types")
    for words in (
        "Boosters",
        "Obligates",
        "Curmudgeons",
        "busy, not no",
        "3 working days",
        "after 7",
    ):
        assert words in kinds


def test_small_talk_is_a_category_asked_first() -> None:
    kinds = SHIPPED.question_kinds()
    small = [q.id for q in SHIPPED.questions if q.category == "small-talk"]
    assert len(small) >= 3 and {kinds[q] for q in small} == {"small talk"}
    assert kinds["role-typical-week"] == "Assignments"
