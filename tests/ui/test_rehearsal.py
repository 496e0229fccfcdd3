"""Rehearsal in the Timer pane: the paced teleprompter, the saved result, pace and history."""

from __future__ import annotations

import json
import math

from textual.widgets import Input

from infocoach.core import pacing
from infocoach.data.settings import settings_path
from infocoach.tui.dialogs.confirm import ConfirmDialog
from infocoach.tui.widgets.pace_chart import PaceChart, chart_text
from infocoach.tui.widgets.teleprompter import NOW_STYLE, SAID_STYLE, prompter_text
from infocoach.tui.widgets.timer import WHOLE_NO, WHOLE_QUESTION, TimerPane

from .conftest import reopen


def status(timer: TimerPane) -> str:
    return str(timer.query_one("#rehearsal-status").render())


def count(timer: TimerPane) -> str:
    return str(timer.query_one("#rehearsal-count").render())


def to_the_end(timer: TimerPane) -> int:
    """Whole seconds for the prompter (at its pace) to reach the script's last word."""
    return math.ceil(pacing.seconds_at(timer.prompter.words, timer.pace))


def styles_at(content, offset: int) -> list[str]:
    return [str(span.style) for span in content.spans if span.start <= offset < span.end]


def test_prompter_text_dims_what_was_said_and_marks_the_word_now() -> None:
    text = "Hello Maya. (Smile.) My [b]name[/b] is Jo."
    plain = prompter_text(text, None)
    assert plain.plain == text  # user text stays literal: no markup is applied
    assert styles_at(plain, 0) == []
    assert any("italic" in s for s in styles_at(plain, text.index("(Smile")))
    marked = prompter_text(text, 3)  # Hello, Maya., My, [b]name[/b]
    start = text.index("[b]name")
    assert NOW_STYLE in styles_at(marked, start)
    assert NOW_STYLE not in styles_at(marked, start - 1)
    assert SAID_STYLE in styles_at(marked, 0) and SAID_STYLE not in styles_at(marked, start)
    assert SAID_STYLE in styles_at(prompter_text(text, 99), len(text) - 1)  # all read


async def test_t_starts_and_stops_a_rehearsal_that_is_saved(demo_store, make_app, clock, data_file):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        timer = app.screen.query_one(TimerPane)
        contact = app.screen.contact
        script_id, words = timer.script.id, timer.prompter.words
        assert words > 50
        assert "Not rehearsed yet" in str(timer.query_one("#rehearsal-count").render())
        assert timer.prompter.index is None
        await pilot.press("t")
        assert timer.running and timer.has_class("-running")
        assert timer.prompter.index == 0
        clock.advance(10)
        timer.refresh_time()
        assert timer.prompter.index == 23  # 10 s at 140 words a minute
        assert "Rehearsing 0:10" in status(timer)
        assert "read along" in status(timer)
        clock.advance(25)
        timer.refresh_time()
        assert "read along" in status(timer)  # the prompter is not at the end: no pace yet
        seconds = to_the_end(timer)
        clock.advance(seconds - 35)
        timer.refresh_time()
        assert f"stop now: {words * 60 / seconds:.0f} wpm" in status(timer)
        await pilot.press("t")
        assert not timer.running and timer.prompter.index is None
        (row,) = reopen(data_file).rehearsals(script_id)
        expected = round(words * 60 / seconds, 1)
        assert (row.seconds, row.wpm, row.contact_id) == (seconds, expected, contact.id)
        result = timer.last_result
        assert f"{result.wpm:.0f} wpm: {result.feedback.text}" in status(timer)
        assert "Rehearsed once" in count(timer)
        chart = timer.query_one("#pace-history", PaceChart)
        assert not chart.display  # one point is not a trend
        await pilot.press("t")
        clock.advance(60)
        await pilot.press("t")
        rows = reopen(data_file).rehearsals(script_id)
        assert [r.seconds for r in rows] == [seconds, 60.0]
        assert "Rehearsed 2 times" in count(timer)
        assert chart.data == [expected, round(words, 1)]
        assert chart.display


async def test_stopped_before_the_end_is_a_partial_run_with_no_pace(
    demo_store, make_app, clock, data_file
):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        timer = app.screen.query_one(TimerPane)
        script_id = timer.script.id
        await pilot.press("t")
        clock.advance(20)  # a fifth of the script, or so: "a pace" of 300 words a minute
        await pilot.press("t")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)  # clearly stopped early: no question
        assert timer.last_result.partial
        assert "Stopped early at 0:20: no pace" in status(timer) and "wpm" not in status(timer)
        (row,) = reopen(data_file).rehearsals(script_id)
        assert (row.seconds, row.wpm) == (20.0, pacing.PARTIAL_WPM)  # kept, with no pace
        assert "Not rehearsed yet" in count(timer)  # a partial run is not a rehearsal


async def test_an_impossible_pace_asks_and_the_safe_answer_is_partial(
    demo_store, make_app, clock, data_file
):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        timer = app.screen.query_one(TimerPane)
        script_id, words = timer.script.id, timer.prompter.words
        await pilot.press("t")
        seconds = math.ceil(words * 60 / pacing.PLAUSIBLE_MIN) + 10  # under 80 words a minute
        clock.advance(seconds)
        await pilot.press("t")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert WHOLE_QUESTION in str(dialog.query_one("#question").render())
        assert app.focused.id == "no" and WHOLE_NO in str(app.focused.label)
        assert reopen(data_file).rehearsals() == []  # nothing saved until answered
        await pilot.press("enter")  # the focused, safe answer
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        (row,) = reopen(data_file).rehearsals(script_id)
        assert (row.seconds, row.wpm) == (float(seconds), pacing.PARTIAL_WPM)
        assert "Stopped early" in status(timer) and "Not rehearsed yet" in count(timer)


async def test_yes_all_of_it_keeps_the_impossible_pace(demo_store, make_app, clock, data_file):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        timer = app.screen.query_one(TimerPane)
        words = timer.prompter.words
        await pilot.press("t")
        seconds = math.ceil(words * 60 / pacing.PLAUSIBLE_MIN) + 10
        clock.advance(seconds)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("ctrl+y")
        await pilot.pause()
        (row,) = reopen(data_file).rehearsals()
        assert row.wpm == round(words * 60 / seconds, 1)
        assert "Rehearsed once" in count(timer)


async def test_counts_are_the_selected_contacts(demo_store, make_app, content):
    script = content.scripts[0].id
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        first = app.screen.contact
        others = [c for c in demo_store.contacts() if c.id != first.id]
        for wpm in (130.0, 150.0):
            demo_store.add_rehearsal(script, 50, wpm, first.id)
        demo_store.add_rehearsal(script, 50, 140.0, others[0].id)
        demo_store.add_rehearsal(script, 50, 140.0)  # no contact
        demo_store.add_rehearsal(script, 20, pacing.PARTIAL_WPM, first.id)  # partial: no count
        app.screen.select_contact(first.id)
        await pilot.pause()
        timer = app.screen.query_one(TimerPane)
        assert "Rehearsed 2 times" in count(timer)
        assert timer.query_one(PaceChart).data == [130.0, 150.0]
        app.screen.select_contact(others[0].id)
        await pilot.pause()
        assert "Rehearsed once" in count(timer)


def test_the_pace_chart_has_a_fixed_scale() -> None:
    assert chart_text([128, 151]) == "▄▅"  # close paces look close
    assert chart_text([80, 200]) == "▁█"
    assert chart_text([40, 260, 140]) == "▁█▅"  # off the scale: at the bottom or the top
    assert pacing.chart_levels([128, 151]) == pacing.chart_levels([128, 151, 80, 200])[:2]


async def test_a_slip_of_the_key_is_not_saved(demo_store, make_app, clock, data_file):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        timer = app.screen.query_one(TimerPane)
        await pilot.press("t")
        clock.advance(pacing.MIN_REHEARSAL_SECONDS - 0.5)
        await pilot.press("t")
        assert reopen(data_file).rehearsals() == []
        assert "Too short to count" in status(timer)
        assert "Not rehearsed yet" in str(timer.query_one("#rehearsal-count").render())


async def test_reset_drops_a_running_rehearsal(demo_store, make_app, clock, data_file):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        timer = app.screen.query_one(TimerPane)
        await pilot.press("t")
        clock.advance(30)
        await pilot.press("r")
        assert not timer.running and timer.stopwatch.elapsed == 0
        assert reopen(data_file).rehearsals() == []
        assert status(timer).startswith("t rehearses ·")


async def test_counts_and_history_belong_to_the_shown_script(demo_store, make_app, content):
    first, second = content.scripts[0].id, content.scripts[1].id
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        for wpm in (120.0, 150.0, 135.0):
            demo_store.add_rehearsal(second, 50, wpm, app.screen.contact.id)
        timer = app.screen.query_one(TimerPane)
        timer.refresh_history()
        assert timer.script.id == first
        assert "Not rehearsed yet" in str(timer.query_one("#rehearsal-count").render())
        timer.query_one("#script-select").value = second
        await pilot.pause()
        assert "Rehearsed 3 times" in count(timer)
        assert timer.query_one(PaceChart).data == [120.0, 150.0, 135.0]


async def test_changing_the_script_starts_over(demo_store, make_app, clock, content, data_file):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        timer = app.screen.query_one(TimerPane)
        await pilot.press("t")
        clock.advance(20)
        timer.query_one("#script-select").value = content.scripts[1].id
        await pilot.pause()
        assert not timer.running and timer.stopwatch.elapsed == 0
        assert reopen(data_file).rehearsals() == []


async def test_brackets_change_the_prompter_pace_and_it_is_remembered(demo_store, make_app, clock):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        timer = app.screen.query_one(TimerPane)
        timer.prompter.focus()
        await pilot.press("right_square_bracket")
        assert timer.pace == 150 and app.settings.pace_wpm == 150
        assert json.loads(settings_path().read_text())["pace_wpm"] == 150
        await pilot.press("t")
        clock.advance(12)
        timer.refresh_time()
        assert timer.prompter.index == 30  # 12 s at 150 words a minute
        await pilot.press("t")
        for _ in range(6):
            await pilot.press("left_square_bracket")
        assert timer.pace == pacing.MIN_PACE
        assert json.loads(settings_path().read_text())["pace_wpm"] == pacing.MIN_PACE
        await pilot.press("r")
        assert "at 110 wpm ([/])" in status(timer)
    again = make_app(reopen(demo_store.path))
    async with again.run_test(size=(120, 40)):
        assert again.screen.query_one(TimerPane).pace == pacing.MIN_PACE


async def test_brackets_change_the_pace_from_any_pane_but_not_while_typing(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await screen.panes_built()
        timer = screen.query_one(TimerPane)
        for pane in ("#contact-list", "#checklist-pane", "#questions-pane", "#timer-pane"):
            # the pane's first focusable widget that takes no typing (not a filter field)
            next(
                w
                for w in screen.query(f"{pane}, {pane} *")
                if w.focusable and not isinstance(w, Input)
            ).focus()
            await pilot.pause()
            await pilot.press("left_square_bracket")
            assert timer.pace == pacing.DEFAULT_PACE - 10, pane
            await pilot.press("right_square_bracket")
            assert timer.pace == pacing.DEFAULT_PACE, pane
        await pilot.press("slash", "left_square_bracket")  # typed into the contact filter
        assert timer.pace == pacing.DEFAULT_PACE
        assert screen.query_one("#contact-filter").value == "["


async def test_the_palette_offers_the_new_commands(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in (
            "Start or stop a rehearsal",
            "Call mode",
            "Role-play drill",
            "Slower teleprompter",
            "Faster teleprompter",
        ):
            assert title in titles
        faster = next(c for c in app.get_system_commands(app.screen) if c.title.startswith("Fast"))
        await faster.callback()
        await pilot.pause()
        assert app.screen.query_one(TimerPane).pace == 150


def test_finished_rehearsal_snapshot(snap_compare, demo_store, make_app, clock, content):
    """The chart's fixed scale: 128 and 151 a minute look close, as they are."""
    script = content.scripts[0].id

    async def run_before(pilot) -> None:
        screen = pilot.app.screen
        await screen.panes_built()  # the Timer pane follows the first frame
        for seconds, wpm in ((52, 182.0), (58, 128.0), (63, 151.0), (66, 144.0)):
            demo_store.add_rehearsal(script, seconds, wpm, screen.contact.id)
        timer = screen.query_one(TimerPane)
        timer.refresh_history()
        await pilot.press("t")
        clock.advance(to_the_end(timer))
        await pilot.press("t")
        await pilot.pause()

    assert snap_compare(make_app(demo_store), terminal_size=(120, 40), run_before=run_before)


def test_stopped_early_snapshot(snap_compare, demo_store, make_app, clock):
    async def run_before(pilot) -> None:
        await pilot.press("t")
        clock.advance(20)
        await pilot.press("t")
        await pilot.pause()

    assert snap_compare(make_app(demo_store), terminal_size=(120, 40), run_before=run_before)


async def test_a_rushed_reading_she_says_she_finished_gets_its_pace(
    demo_store, make_app, clock, data_file
):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        timer = app.screen.query_one(TimerPane)
        script_id, words = timer.script.id, timer.prompter.words
        await pilot.press("t")
        assert "read along (f if you finish first)" in status(timer)
        seconds = math.ceil(words * 60 / 190)  # 190 words a minute: ahead of the prompter
        clock.advance(seconds)
        await pilot.press("f")
        await pilot.pause()
        assert not timer.running and not isinstance(app.screen, ConfirmDialog)
        result = timer.last_result
        assert not result.partial and result.feedback.kind == "fast"
        assert f"at {result.wpm:.0f} wpm: slow down — breathe at each full stop" in status(timer)
        (row,) = reopen(data_file).rehearsals(script_id)
        assert row.wpm == round(words * 60 / seconds, 1)
        assert "Rehearsed once" in count(timer)


async def test_f_without_a_rehearsal_says_why_it_does_nothing(demo_store, make_app, data_file):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        said = [notification.text for notification in app.said]
        assert "No rehearsal is running: t starts one." in said
        assert reopen(data_file).rehearsals() == []
