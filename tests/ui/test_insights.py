"""The Insights dashboard: opened with `i`, closed with escape, figures as the data says."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.containers import ScrollableContainer
from textual.widgets import Sparkline, Static

from infocoach.tui.screens.insights import InsightsScreen
from infocoach.tui.screens.main import MainScreen
from infocoach.tui.widgets.pace_chart import PaceChart
from tests.ui.conftest import DEMO_DAY

PACES = (168, 158, 150, 146, 141)


def text(screen: InsightsScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def topics(screen: InsightsScreen) -> list[str]:
    return [str(topic.render()) for topic in screen.query(".topic").results(Static)]


@pytest.fixture
def rehearsed_store(demo_store):
    """The demo data and five rehearsals of one script, dated the demo day."""
    for wpm in PACES:
        demo_store.add_rehearsal("phone-direct", 40.0, wpm)
    return demo_store


async def test_i_opens_the_dashboard_and_escape_closes_it(rehearsed_store, make_app):
    app = make_app(rehearsed_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        assert screen.sub_title == "Friday 20 November 2026"
        assert text(screen, "#progress-line") == (
            "5 interviews so far — several views to compare now. Keep learning, "
            "and keep in touch with the people you met."
        )
        weeks = screen.query_one("#weeks", Sparkline)
        assert list(weeks.data) == [0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 2]
        assert text(screen, "#weeks-summary").startswith("2 this week · 5 in 12 weeks")
        assert text(screen, "#outreach") == (
            "12 messages to 10 people · 7 replied · reply rate 70%"
        )
        pipeline = text(screen, "#pipeline").splitlines()
        assert len(pipeline) == 7
        assert pipeline[0].startswith("to contact") and pipeline[0].endswith(" 2")
        assert pipeline[-1].startswith("closed") and pipeline[-1].endswith(" 1")
        referrals = text(screen, "#referrals")
        assert "1.0 names per interview — the goal is 2" in referrals
        assert "4 contacts came through a referral" in referrals
        assert "Longest chain: Maya Okafor → Daniel Reyes → Aisha Rahman" in referrals
        assert text(screen, "#thanks") == (  # Daniel's, yesterday, is due today: not missed
            "75% · 3 of 4 interviews thanked by the next day\n"
            "1 thank-you still due (by the day after the interview), not counted yet"
        )
        rehearsals = text(screen, "#rehearsals")
        assert "5 rehearsals this week · 5 in all" in rehearsals
        assert "168 → 141 words a minute over the last 5" in rehearsals
        chart = screen.query_one("#paces", PaceChart)
        assert chart.data == list(PACES)
        assert text(screen, "#paces").endswith("scale 80–200 wpm")  # a fixed scale
        heard = topics(screen)
        assert heard[0].startswith("Brightwater Analytics  2 interviews, from 2 people")
        assert "Said the team hires juniors from their internship." in heard[0]
        shelf = next(topic for topic in heard if topic.startswith("Open Shelf Books"))
        assert "one person said — ask someone else" in shelf
        assert app.focused is screen.query_one("#heard")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen)
        await pilot.press("i")  # the same key closes it again
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_q_quits_from_the_dashboard(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i", "q", "ctrl+y")
        await pilot.pause()
        assert not app.is_running


async def test_the_palette_offers_insights(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        (command,) = [c for c in app.get_system_commands(app.screen) if c.title == "Insights"]
        command.callback()
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen)


async def test_the_figures_are_counted_when_the_dashboard_opens(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert text(app.screen, "#progress-line").startswith("5 interviews so far")
        await pilot.press("escape")
        tom = demo_store.find_contact("Tom Becker")
        demo_store.log_event(tom.id, "interviewed", day=DEMO_DAY - timedelta(days=1))
        demo_store.log_event(tom.id, "thanked", day=DEMO_DAY)
        await pilot.press("i")
        await pilot.pause()
        assert text(app.screen, "#progress-line").startswith("6 interviews so far")
        assert text(app.screen, "#thanks").startswith(
            "80% · 4 of 5 interviews thanked by the next day\n1 thank-you still due"
        )


async def test_an_empty_file(store, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        assert text(screen, "#progress-line").startswith("No interviews yet")
        assert text(screen, "#heard-empty").startswith("Nothing written down yet")
        assert text(screen, "#thanks").startswith("— no interviews yet")
        assert text(screen, "#rehearsals").startswith("No rehearsals yet")
        assert not screen.query("#paces")


HOSTILE = ["[b]Ann[/b]", "a [/", "[@click=app.quit]x[/]", "[link=https://example.com]l[/link]"]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_names_companies_and_notes_are_shown_literally(store, make_app, size):
    for number, hostile in enumerate(HOSTILE):
        contact = store.add_contact(name=f"{hostile} {number}", company=hostile, industry=hostile)
        store.add_interview(
            contact.id, notes=f"They said {hostile}\nand more [i]", referrals=[hostile]
        )
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("i")
        await pilot.pause()
        heard = "\n".join(topics(app.screen))
        for number, hostile in enumerate(HOSTILE):
            assert f"{hostile} {number}" in heard
            assert f"They said {hostile}" in heard
        assert "and more [i]" in heard
        await pilot.press("pagedown", "end")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, InsightsScreen)


async def test_a_company_with_many_notes_shows_the_latest(store, make_app):
    for number in range(9):
        contact = store.add_contact(name=f"Person {number}", company="Acme")
        store.add_interview(
            contact.id, day=DEMO_DAY - timedelta(days=20 - number), notes=f"Note number {number}"
        )
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        (acme,) = topics(app.screen)
        assert acme.startswith("Acme  9 interviews, from 9 people")
        assert "Past 5 interviews: more interviews on the same topic rarely teach more" in acme
        assert "3 earlier notes not shown; the latest:" in acme
        assert "Note number 2" not in acme and "Note number 3" in acme and "Note number 8" in acme
        assert "Acme: past 5 interviews" in text(app.screen, "#crowded")


async def test_narrow_is_one_column_that_scrolls(rehearsed_store, make_app):
    app = make_app(rehearsed_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        body = screen.query_one("#insights-body", ScrollableContainer)
        progress, heard = screen.query_one("#progress"), screen.query_one("#heard")
        assert screen.has_class("-narrow")
        assert app.focused is progress  # read from the top
        assert heard.region.y > progress.region.y and heard.region.x == progress.region.x
        assert body.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause(0.3)
        assert body.scroll_y > 0


async def test_wide_the_notes_scroll_on_their_own(rehearsed_store, make_app):
    app = make_app(rehearsed_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-wide")
        progress, heard = screen.query_one("#progress"), screen.query_one("#heard")
        assert heard.region.x > progress.region.x and heard.region.y == progress.region.y
        await pilot.press("end")
        await pilot.pause(0.3)
        assert heard.scroll_y > 0 and progress.scroll_y == 0


def _open_insights(pilot_keys=("i",)):
    async def run_before(pilot) -> None:
        await pilot.press(*pilot_keys)
        await pilot.pause()

    return run_before


def test_dashboard_snapshot(snap_compare, rehearsed_store, make_app):
    app = make_app(rehearsed_store)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_open_insights())


def test_dashboard_snapshot_narrow(snap_compare, rehearsed_store, make_app):
    app = make_app(rehearsed_store)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open_insights())
