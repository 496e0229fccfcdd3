"""The first minute of call mode: her opener, one line at a time, and the branch their answer
picks with one key (go ahead, only ten minutes, not a good time)."""

from __future__ import annotations

from infocoach.data.settings import Settings, save_settings
from infocoach.tui.dialogs.new_time import NewTimeDialog
from infocoach.tui.screens.call import CallScreen
from infocoach.tui.screens.main import MainScreen
from infocoach.tui.widgets.countdown import Countdown

from .conftest import reopen
from .test_call_mode import open_call

PURPOSE = "learn how data teams hire juniors"
# Chosen in her order of importance; asked small talk first, then by TIARA.
CHOSEN = ["advice-in-my-shoes", "role-typical-week", "industry-big-changes", "small-talk-week",
          "resources-tools"]  # fmt: skip


def opener(screen: CallScreen) -> str:
    return str(screen.query_one("#call-opener").render())


def footer_keys(screen: CallScreen) -> set[str]:
    """The keys the footer shows as usable now."""
    return {
        key
        for key, active in screen.active_bindings.items()
        if active.binding.show and active.enabled
    }


def on_the_phone(demo_store, caller):
    save_settings(Settings(my_purpose=PURPOSE))
    demo_store.update_contact(caller.id, meeting="2026-11-20 14:00")
    demo_store.set_questions(caller.id, CHOSEN)


async def test_the_opener_says_one_line_at_a_time_then_shows_the_questions(
    demo_store, make_app, caller
):
    on_the_phone(demo_store, caller)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        assert screen.query_one("#call-opener").display
        first = opener(screen)
        assert first.startswith("We said twenty minutes at two; is this still a good time?")
        assert "ctrl+n go ahead · ctrl+o only ten minutes · ctrl+l not a good time" in first
        assert {"ctrl+n", "ctrl+o", "ctrl+l"} <= footer_keys(screen)
        assert "ctrl+s" not in footer_keys(screen)
        await pilot.press("ctrl+n")
        assert opener(screen).startswith(f"Thank you. In a sentence: I'm hoping to {PURPOSE}.")
        assert "twenty minutes" not in opener(screen)  # one line at a time
        assert "ctrl+o" not in footer_keys(screen)  # the branch was picked
        await pilot.press("ctrl+n")
        assert opener(screen).startswith("Could I start with this: How has your week been")
        await pilot.press("ctrl+n")
        assert not screen.query_one("#call-opener").display
        assert "ctrl+n" not in footer_keys(screen)
        options = screen.query_one("#call-questions").options
        assert [option.id for option in options] == [
            "small-talk-week",
            "industry-big-changes",
            "advice-in-my-shoes",
            "resources-tools",
            "role-typical-week",
        ]
        assert screen.query_one(Countdown).value == "20:00"


async def test_only_ten_minutes_keeps_her_three_and_sets_the_clock(demo_store, make_app, caller):
    on_the_phone(demo_store, caller)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        await pilot.press("ctrl+o")
        said = opener(screen)
        # her three most important, said in the running order
        assert said.startswith(
            "Ten minutes is kind of you. I'll keep to these three:\n"
            "1. What are the biggest changes happening in the industry right now?\n"
            "2. If you were in my shoes, what would your next step be?\n"
            "3. What does a typical week look like for you?"
        )
        assert "How has your week" not in said
        assert screen.query_one(Countdown).value == "10:00"
        assert screen.plan.minutes == 10
        listing = screen.query_one("#call-questions")
        spare = [o.id for o in listing.options if str(o.prompt).endswith("(if time)")]
        assert spare == ["small-talk-week", "resources-tools"]  # the two not kept
        assert "keep 3" in str(listing.border_title)
        await pilot.press("ctrl+n", "ctrl+n")
        assert opener(screen).startswith(
            "Could I start with this: What are the biggest changes happening"
        )


async def test_not_a_good_time_gives_a_line_then_saves_the_new_time(demo_store, make_app, caller):
    on_the_phone(demo_store, caller)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        await pilot.press("ctrl+l")
        assert opener(screen).startswith("Of course, let's not squeeze it in.")
        assert "ctrl+s saves the time you agree" in opener(screen)
        assert "ctrl+s" in footer_keys(screen)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, NewTimeDialog)
        await pilot.press("ctrl+u", *"2026-11-24 10:30", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        saved = reopen(demo_store.path)
        assert saved.get_contact(caller.id).meeting == "2026-11-24 10:30"
        events = saved.events(caller.id)
        assert [(e.event, e.note) for e in events][-1] == (
            "scheduled",
            "moved from 2026-11-20 14:00",
        )
        assert saved.interviews(caller.id) == []  # no talk logged
        assert saved.call_draft(caller.id) is None  # nothing typed: nothing to resume


async def test_a_bad_new_time_is_named_and_kept(demo_store, make_app, caller):
    on_the_phone(demo_store, caller)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_call(pilot)
        await pilot.press("ctrl+l", "ctrl+s", "ctrl+u", *"next tuesday", "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, NewTimeDialog)
        error = str(dialog.query_one("#new-time-error").render())
        assert error.startswith("New time: 'next tuesday' is not a date and time")
        assert demo_store.get_contact(caller.id).meeting == "2026-11-20 14:00"


async def test_a_resumed_call_skips_the_first_minute(demo_store, make_app, caller):
    on_the_phone(demo_store, caller)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_call(pilot)
        await pilot.press("escape", "ctrl+y")  # left mid-call
        await pilot.press("c", "enter")  # resume
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CallScreen) and screen.resume
        assert not screen.query_one("#call-opener").display
