"""Role-play drills: a random (seedable) situation, a short timer, the answer, the next one."""

from __future__ import annotations

import random

from infocoach.core.practice import DRILL_SECONDS, Deck
from infocoach.tui.dialogs.drill import DrillDialog, time_bar
from infocoach.tui.screens.main import MainScreen


def shown(screen: DrillDialog, selector: str) -> str:
    return str(screen.query_one(selector).render())


def test_the_time_bar_empties() -> None:
    assert time_bar(30, 30, 10) == "▰" * 10
    assert time_bar(15, 30, 10) == "▰" * 5 + "▱" * 5
    assert time_bar(0, 30, 10) == "▱" * 10
    assert time_bar(-3, 30, 10) == "▱" * 10


async def test_p_opens_a_drill_and_escape_closes_it(demo_store, make_app, content):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, DrillDialog)
        assert screen.drill in content.drills
        assert shown(screen, "#drill-title") == screen.drill.title
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_a_seeded_drill_reveals_then_moves_on(demo_store, make_app, content, clock):
    expected = Deck(content.drills, random.Random(11))
    order = [expected.deal() for _ in range(3)]
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = DrillDialog(content.drills, seed=11)
        await app.push_screen(screen)
        await pilot.pause()
        assert screen.drill == order[0]
        assert shown(screen, "#drill-situation") == order[0].situation
        answer_box = screen.query_one("#drill-answer-box")
        assert not screen.revealed and not answer_box.display
        assert "Answer aloud now" in shown(screen, "#drill-clock")
        assert "0:30" in shown(screen, "#drill-clock")
        clock.advance(12)
        screen.refresh_clock()
        assert "0:18" in shown(screen, "#drill-clock")
        await pilot.press("space")
        assert screen.revealed and answer_box.display
        assert shown(screen, "#drill-answer") == order[0].answer
        await pilot.press("n")
        assert screen.drill == order[1] and not screen.revealed and not answer_box.display
        assert "0:30" in shown(screen, "#drill-clock")  # a fresh timer for each situation
        assert screen.query_one("VerticalScroll").border_subtitle == "drill 2"
        await pilot.press("n")
        assert screen.drill == order[2]


async def test_the_answer_shows_itself_when_time_is_up(demo_store, make_app, content, clock):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = DrillDialog(content.drills, seed=2)
        await app.push_screen(screen)
        await pilot.pause()
        clock.advance(DRILL_SECONDS - 1)
        screen.refresh_clock()
        assert not screen.revealed
        clock.advance(1)
        screen.refresh_clock()
        assert screen.revealed and screen.query_one("#drill-answer-box").display
        if screen.drill.tip:
            assert screen.drill.tip in shown(screen, "#drill-tip")


async def test_spoken_and_unspoken_situations_are_labelled(demo_store, make_app, content):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = DrillDialog(content.drills, seed=0)
        await app.push_screen(screen)
        await pilot.pause()
        labels = set()
        for _ in content.drills:
            spoken = screen.drill.situation.startswith('"')
            label = shown(screen, "#drill-they-say")
            assert label == ("They say:" if spoken else "What happens:")
            labels.add(label)
            await pilot.press("n")
        assert labels == {"They say:", "What happens:"}


def test_drill_snapshot(snap_compare, demo_store, make_app, content, clock):
    async def run_before(pilot) -> None:
        await pilot.app.push_screen(DrillDialog(content.drills, seed=5))
        clock.advance(9)
        await pilot.press("space")
        await pilot.pause()

    assert snap_compare(make_app(demo_store), terminal_size=(100, 30), run_before=run_before)
