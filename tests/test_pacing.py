"""Pace, stopwatch, cue, warm-up and call arithmetic, on a clock the test moves by hand."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest

from infocoach.core import pacing
from infocoach.core.calls import (
    ON_TIME_ITEM,
    TWO_NAMES_ITEM,
    earned_items,
    minutes_of,
    parse_names,
    plan_call,
)
from infocoach.core.practice import (
    WARMUP_SECONDS,
    WARMUP_STEPS,
    Deck,
    warmup_position,
    warmup_step_start,
)
from infocoach.core.timing import (
    TIME_UP_CUE,
    WRAP_UP_CUE,
    CueTracker,
    Stopwatch,
    call_cues,
    countdown_state,
    format_clock,
    remaining_seconds,
)
from infocoach.data.repositories import Store
from infocoach.data.settings import Settings, load_settings, save_settings
from infocoach.guidance.loader import load_guidance
from infocoach.guidance.records import Guidance

VALUES = {
    "first_name": "Maya", "name": "Maya Okafor", "company": "Brightwater Analytics",
    "role": "Data Team Lead", "industry": "analytics", "referrer": "Daniel Reyes",
    "my_name": "Jordan Lee", "my_phone": "555 0100", "my_background": "a librarian",
    "my_purpose": "learn how analytics teams hire juniors", "times": "Tuesday at ten",
    "callback": "on Thursday", "how_met": "through Daniel", "minutes": "20",
}  # fmt: skip


class FakeClock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(scope="module")
def content() -> Guidance:
    return load_guidance()


# -- stopwatch and countdown ---------------------------------------------------------------


def test_stopwatch_pauses_and_resumes_without_losing_or_gaining_time() -> None:
    clock = FakeClock()
    watch = Stopwatch(clock)
    assert watch.elapsed == 0 and not watch.running
    watch.start()
    clock.advance(10)
    watch.pause()
    clock.advance(1000)  # time while paused does not count
    assert watch.elapsed == 10
    watch.start()
    watch.start()  # a second start changes nothing
    clock.advance(2.5)
    assert watch.elapsed == 12.5 and watch.running
    assert watch.toggle() is False
    clock.advance(7)
    assert watch.elapsed == 12.5
    watch.reset()
    assert watch.elapsed == 0 and not watch.running


def test_stopwatch_shift_skips_ahead_but_never_below_zero() -> None:
    clock = FakeClock()
    watch = Stopwatch(clock)
    watch.start()
    clock.advance(4)
    watch.shift(11)
    assert watch.elapsed == 15
    watch.shift(-100)
    assert watch.elapsed == 0
    clock.advance(3)
    assert watch.elapsed == 3


def test_countdown_runs_into_overtime() -> None:
    assert remaining_seconds(20, 0) == 1200
    assert remaining_seconds(20, 0.4) == 1200  # rounded up: a fresh countdown shows 20:00
    assert remaining_seconds(20, 1.0) == 1199
    assert countdown_state(remaining_seconds(20, 17 * 60 + 59)) == "calm"
    assert countdown_state(remaining_seconds(20, 18 * 60)) == "warning"
    assert countdown_state(remaining_seconds(20, 20 * 60)) == "over"
    assert format_clock(remaining_seconds(20, 20 * 60 + 75)) == "+1:15"


# -- cues ----------------------------------------------------------------------------------


def test_cues_two_minutes_before_the_end_and_at_the_end() -> None:
    wrap_up, time_up = call_cues(20)
    assert (wrap_up.id, wrap_up.at, wrap_up.text) == ("wrap-up", 18 * 60, WRAP_UP_CUE)
    assert (time_up.id, time_up.at, time_up.text) == ("time-up", 20 * 60, TIME_UP_CUE)
    assert [cue.at for cue in call_cues(15)] == [780, 900]
    assert [cue.id for cue in call_cues(2)] == ["time-up"]  # no room for a wrap-up cue
    assert [cue.at for cue in call_cues(3)] == [60, 180]


def test_each_cue_is_handed_out_once_at_its_time() -> None:
    clock = FakeClock()
    watch = Stopwatch(clock)
    tracker = CueTracker(call_cues(20))
    watch.start()
    clock.advance(18 * 60 - 0.1)
    assert tracker.due(watch.elapsed) == [] and tracker.current(watch.elapsed) is None
    clock.advance(0.1)
    assert [cue.id for cue in tracker.due(watch.elapsed)] == ["wrap-up"]
    assert tracker.due(watch.elapsed) == []
    assert tracker.current(watch.elapsed).id == "wrap-up"
    watch.pause()
    clock.advance(600)  # paused: the end does not come
    assert tracker.due(watch.elapsed) == []
    watch.start()
    clock.advance(120)
    assert [cue.id for cue in tracker.due(watch.elapsed)] == ["time-up"]
    clock.advance(3600)
    assert tracker.due(watch.elapsed) == [] and tracker.current(watch.elapsed).id == "time-up"


def test_cues_missed_between_checks_come_together_in_order() -> None:
    tracker = CueTracker(call_cues(15))
    assert [cue.id for cue in tracker.due(2000)] == ["wrap-up", "time-up"]
    assert tracker.due(2000) == []  # handed out once, even when late


# -- pace ----------------------------------------------------------------------------------


def test_words_per_minute() -> None:
    assert pacing.words_per_minute(140, 60) == 140
    assert pacing.words_per_minute(70, 30) == 140
    assert pacing.words_per_minute(100, 45) == pytest.approx(133.33, abs=0.01)
    assert pacing.words_per_minute(100, 0) == 0
    assert pacing.seconds_at(140, 140) == 60 and pacing.seconds_at(35, 140) == 15


def test_live_pace_appears_once_it_is_plausible() -> None:
    assert pacing.live_pace(100, 0) is None
    assert pacing.live_pace(100, 10) is None  # 600 a minute: still reading
    assert pacing.live_pace(100, 24) == 250
    assert pacing.live_pace(100, 40) == 150
    assert pacing.live_pace(0, 40) is None


@pytest.mark.parametrize(
    ("wpm", "kind", "start"),
    [
        (80, "slow", "slow —"),
        (109.9, "slow", "slow —"),
        (110, "a-little-slow", "a little slow"),
        (119.9, "a-little-slow", "a little slow"),
        (120, "good", "good pace for a phone call"),
        (140, "good", "good pace for a phone call"),
        (160, "good", "good pace for a phone call"),
        (160.1, "fast", "slow down"),
        (230, "fast", "slow down"),
    ],
)
def test_feedback_bands(wpm: float, kind: str, start: str) -> None:
    feedback = pacing.feedback(wpm)
    assert feedback.kind == kind
    assert feedback.text.startswith(start)


def test_word_to_highlight_moves_at_the_target_pace() -> None:
    assert pacing.word_at(0, 140, 100) == 0
    assert pacing.word_at(0.42, 140, 100) == 0
    assert pacing.word_at(0.43, 140, 100) == 1  # 140 a minute: a word every 3/7 of a second
    assert pacing.word_at(30, 140, 100) == 70
    assert pacing.word_at(30, 110, 100) == 55
    assert pacing.word_at(30, 170, 100) == 85
    assert pacing.word_at(60, 140, 100) == 100  # read to the end: past the last word
    assert pacing.word_at(600, 140, 100) == 100
    assert pacing.word_at(5, 140, 0) == 0


def test_pace_steps_stay_between_110_and_170() -> None:
    assert pacing.step_pace(140, 1) == 150
    assert pacing.step_pace(140, -1) == 130
    assert pacing.step_pace(170, 1) == 170
    assert pacing.step_pace(110, -1) == 110
    assert pacing.clamp_pace(500) == 170 and pacing.clamp_pace(0) == 110


def test_stage_directions_are_not_spoken_words() -> None:
    text = "Hello Maya. (Smile.) My number is 555. (Say it slowly, twice.) Thanks."
    spans = pacing.word_spans(text)
    words = [text[start:end] for start, end in spans]
    assert words == ["Hello", "Maya.", "My", "number", "is", "555.", "Thanks."]
    assert pacing.direction_spans(text) == [(12, 20), (39, 62)]
    assert [text[s:e] for s, e in pacing.direction_spans(text)] == [
        "(Smile.)",
        "(Say it slowly, twice.)",
    ]
    assert len(pacing.word_spans("An unclosed ( bracket counts")) == 5


def test_a_rehearsal_result() -> None:
    result = pacing.result(105, 45)
    assert result.wpm == 140 and result.feedback.kind == "good" and result.counts
    assert not pacing.result(105, 2).counts  # a double tap of the key is not a reading


def test_pace_of_the_shipped_direct_phone_script(content: Guidance) -> None:
    text = content.script("phone-direct").fill(VALUES)
    words = len(pacing.word_spans(text))
    assert words == len(text.split())  # no stage directions in it
    assert "Maya" in text and "{" not in text
    at_target = pacing.seconds_at(words, 140)
    assert 40 < at_target < 90  # an opener takes under a minute and a half
    result = pacing.result(words, at_target)
    assert result.wpm == pytest.approx(140) and result.feedback.kind == "good"
    assert pacing.result(words, 35).feedback.kind == "fast"
    assert pacing.result(words, 120).feedback.kind == "slow"


def test_the_shipped_voicemail_directions_are_not_counted(content: Guidance) -> None:
    text = content.script("voicemail").fill(VALUES)
    spoken = [text[start:end] for start, end in pacing.word_spans(text)]
    assert "(Say" not in spoken and "(Slowly" not in spoken and "slowly.)" not in spoken
    assert len(spoken) == len(text.split()) - 6  # "(Say the number slowly.)", "(Slowly again.)"
    gatekeeper = content.script("phone-gatekeeper").fill(VALUES)
    assert "(If" not in [gatekeeper[s:e] for s, e in pacing.word_spans(gatekeeper)]


# -- warm-up and drills ----------------------------------------------------------------------


def test_the_warm_up_takes_one_minute_in_four_steps() -> None:
    assert WARMUP_SECONDS == 60
    assert [step.id for step in WARMUP_STEPS] == ["breathe", "smile", "opener", "purpose"]
    assert warmup_position(0) == (0, 15)
    assert warmup_position(14.5) == (0, 0.5)
    assert warmup_position(15) == (1, 10)
    assert warmup_position(30) == (2, 15)
    assert warmup_position(59) == (3, 1)
    assert warmup_position(60) == (4, 0)
    assert warmup_position(500) == (4, 0)
    assert [warmup_step_start(i) for i in range(5)] == [0, 15, 25, 45, 60]


def test_the_deck_deals_everything_before_repeating_and_is_seedable() -> None:
    cards = list(range(12))
    deck = Deck(cards, random.Random(4))
    first = [deck.deal() for _ in range(12)]
    assert sorted(first) == cards and first != cards  # shuffled, no repeats
    second = [deck.deal() for _ in range(12)]
    assert sorted(second) == cards and second[0] != first[-1]
    again = Deck(cards, random.Random(4))
    assert [again.deal() for _ in range(12)] == first
    single = Deck(["only"])
    assert [single.deal(), single.deal()] == ["only", "only"]
    with pytest.raises(ValueError):
        Deck([])


def test_the_deck_never_deals_the_same_card_twice_in_a_row() -> None:
    for seed in range(200):
        deck = Deck([1, 2, 3], random.Random(seed))
        dealt = [deck.deal() for _ in range(30)]
        assert all(a != b for a, b in itertools.pairwise(dealt))


# -- ending a call -------------------------------------------------------------------------


def test_names_are_split_on_commas_and_cleaned() -> None:
    assert parse_names("Ann Lee, Bo Chen") == ["Ann Lee", "Bo Chen"]
    assert parse_names(" Ann Lee ,, ann lee; Bo\tChen\nCy ") == ["Ann Lee", "Bo Chen", "Cy"]
    assert parse_names("  ,  ") == []
    assert parse_names("[b]Ann[/b]") == ["[b]Ann[/b]"]


def test_minutes_of_a_call() -> None:
    assert minutes_of(0) == 1 and minutes_of(29) == 1 and minutes_of(91) == 2
    assert minutes_of(18 * 60 + 29) == 18 and minutes_of(18 * 60 + 31) == 19


def test_only_what_the_call_shows_is_earned() -> None:
    assert earned_items(["Ann", "Bo"], 18, 20) == [TWO_NAMES_ITEM, ON_TIME_ITEM]
    assert earned_items(["Ann"], 20, 20) == [ON_TIME_ITEM]
    assert earned_items(["Ann", "Bo", "Cy"], 21, 20) == [TWO_NAMES_ITEM]
    assert earned_items([], 25, 20) == []


def test_the_conduct_items_exist_in_the_shipped_steps(content: Guidance) -> None:
    for item_id in (TWO_NAMES_ITEM, ON_TIME_ITEM):
        assert content.item(item_id) is not None and content.item(item_id).step_id == "conduct"


def test_finish_call_logs_everything_in_one_save(store: Store, content: Guidance) -> None:
    referrer = store.add_contact(name="Daniel Reyes")
    maya = store.add_contact(name="Maya Okafor", minutes=20, referred_by="Daniel Reyes")
    own = store.add_own_question("What surprised you?")
    store.set_questions(maya.id, ["role-typical-week", own.id, "no-such-question"])
    store.save_call_draft(maya.id, "draft", ["role-typical-week"])
    texts = {q.id: q.text for q in (*content.questions, *store.own_questions())}
    plan = plan_call(store.get_contact(maya.id), "Daniel Reyes", texts, "learn about data")
    assert plan.referrer == "Daniel Reyes" and plan.minutes == 20
    assert plan.purpose == "learn about data"
    assert [q for q, _ in plan.questions] == ["role-typical-week", own.id]  # unknown left out
    earned = store.finish_call(
        plan,
        minutes=19,
        notes="Uses dbt.",
        asked=[own.id, "not-chosen"],
        referrals=["Ann Lee", "Daniel Reyes"],
        add_referrals=True,
    )
    assert earned == [TWO_NAMES_ITEM, ON_TIME_ITEM]
    reread = Store(store.path)
    (interview,) = reread.interviews(maya.id)
    assert interview.minutes == 19 and interview.notes == "Uses dbt."
    assert interview.questions_asked == (own.id,)
    assert interview.referrals == ("Ann Lee", "Daniel Reyes")
    assert [event.event for event in reread.events(maya.id)] == ["interviewed"]
    assert set(reread.get_contact(maya.id).checklist) == {TWO_NAMES_ITEM, ON_TIME_ITEM}
    assert reread.call_draft(maya.id) is None
    ann = reread.find_contact("Ann Lee")
    assert ann.referred_by == maya.id and ann.how_met == "through Maya Okafor"
    assert len([c for c in reread.contacts() if c.name == "Daniel Reyes"]) == 1
    assert reread.get_contact(referrer.id).referred_by is None


# -- call drafts in the store --------------------------------------------------------------


def test_a_call_draft_is_kept_replaced_and_cleared(store: Store, data_file: Path) -> None:
    maya = store.add_contact(name="Maya")
    assert store.call_draft(maya.id) is None
    store.save_call_draft(maya.id, "first", ["a"])
    store.save_call_draft(maya.id, "first and second\x1b[31m", ["a", "b", "a"])
    draft = Store(data_file).call_draft(maya.id)
    assert draft.text == "first and second[31m" and draft.asked == ("a", "b")
    assert len(json.loads(data_file.read_text())["call_drafts"]) == 1
    store.clear_call_draft(maya.id)
    assert Store(data_file).call_draft(maya.id) is None


def test_deleting_a_contact_takes_its_draft_and_undo_brings_it_back(store: Store) -> None:
    maya = store.add_contact(name="Maya")
    store.save_call_draft(maya.id, "notes", [])
    _, deleted = store.undoable("deleted Maya", lambda: store.delete_contact(maya.id))
    assert store.call_draft(maya.id) is None
    store.undo(deleted)
    assert store.call_draft(maya.id).text == "notes"


# -- settings ------------------------------------------------------------------------------


def test_pace_and_bell_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert load_settings(path).pace_wpm == 140 and load_settings(path).call_bell is True
    save_settings(Settings(pace_wpm=150, call_bell=False, my_name="Jo"), path)
    loaded = load_settings(path)
    assert (loaded.pace_wpm, loaded.call_bell, loaded.my_name) == (150, False, "Jo")


@pytest.mark.parametrize(
    ("saved", "pace", "bell"),
    [
        ({"pace_wpm": 400}, 170, True),
        ({"pace_wpm": 12}, 110, True),
        ({"pace_wpm": "150"}, 140, True),
        ({"pace_wpm": True}, 140, True),
        ({"pace_wpm": 150.5}, 140, True),
        ({"call_bell": 0}, 140, True),
        ({"call_bell": "no"}, 140, True),
        ({"call_bell": False, "theme": 3}, 140, False),
    ],
)
def test_odd_saved_values_fall_back_safely(tmp_path: Path, saved: dict, pace: int, bell: bool):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(saved))
    loaded = load_settings(path)
    assert (loaded.pace_wpm, loaded.call_bell) == (pace, bell)
    assert loaded.theme == Settings().theme


# -- fair numbers (issue 15) ---------------------------------------------------------------


def test_a_run_stopped_before_the_end_has_no_pace() -> None:
    partial = pacing.result(105, 20, whole=False)
    assert partial.partial and partial.counts
    assert partial.wpm == pacing.PARTIAL_WPM and not partial.doubtful
    assert partial.feedback.kind == "partial"
    whole = pacing.result(105, 45)
    assert not whole.partial and whole.as_partial() == partial.__class__(
        45, 105, pacing.PARTIAL_WPM, pacing.PARTIAL_FEEDBACK, partial=True
    )


def test_the_prompter_reaches_the_end_on_the_last_word() -> None:
    words = 105  # at 140 a minute, the last word (index 104) comes at 44.6 s
    assert not pacing.reached_end(pacing.word_at(44.0, 140, words), words)
    assert pacing.reached_end(pacing.word_at(44.6, 140, words), words)
    assert pacing.reached_end(pacing.word_at(90.0, 140, words), words)


@pytest.mark.parametrize(
    ("seconds", "doubtful"),
    [(28.0, True), (28.7, False), (45.0, False), (78.75, False), (79.0, True), (300.0, True)],
)
def test_an_impossible_pace_for_the_whole_script_is_doubtful(seconds: float, doubtful: bool):
    # 105 words: over 220 a minute under 28.6 s, under 80 a minute over 78.75 s
    assert pacing.result(105, seconds).doubtful is doubtful
    assert not pacing.result(105, 2).doubtful  # a slip of the key is not saved anyway


def test_the_chart_scale_is_fixed_from_80_to_200() -> None:
    assert pacing.chart_levels([80, 128, 151, 200]) == [0, 3, 4, 7]
    assert pacing.chart_levels([128, 151]) == [3, 4]  # not bottom and top
    assert pacing.chart_levels([20, 500]) == [0, 7]
    assert pacing.chart_levels([140], levels=2) == [0]
