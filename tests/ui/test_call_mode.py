"""Call mode: warm-up offer, who and why, question ticks, cues and bell, notes that survive an
abrupt exit, and ending the call."""

from __future__ import annotations

import json

import pytest
from textual.widgets import TextArea

from infocoach.core.calls import ON_TIME_ITEM, TWO_NAMES_ITEM
from infocoach.core.timing import TIME_UP_CUE, WRAP_UP_CUE
from infocoach.data.settings import Settings, save_settings, settings_path
from infocoach.tui.dialogs.call_dialogs import CallStartDialog, DebriefDialog, EndCallDialog
from infocoach.tui.dialogs.warmup import WarmupDialog
from infocoach.tui.screens.call import PURPOSE_HINT, CallScreen
from infocoach.tui.screens.main import MainScreen
from infocoach.tui.widgets.countdown import Countdown

from .conftest import QUESTIONS, reopen


class Bell:
    def __init__(self) -> None:
        self.rings = 0

    def __call__(self) -> None:
        self.rings += 1


async def open_call(pilot) -> CallScreen:
    await pilot.press("c")
    assert isinstance(pilot.app.screen, CallStartDialog)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CallScreen)
    return screen


async def skip_the_debrief(pilot) -> None:
    """Escape on the debrief offered as the call ends (see test_energy_ui.py)."""
    assert isinstance(pilot.app.screen, DebriefDialog)
    await pilot.press("escape")
    await pilot.pause()


def text_of(screen: CallScreen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def test_c_opens_call_mode_on_the_selected_contact(demo_store, make_app, caller):
    save_settings(Settings(my_purpose="learn how data teams hire juniors"))
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.screen.contact.id == caller.id
        screen = await open_call(pilot)
        who = text_of(screen, "#who")
        for part in (
            "Aaron Able",
            "Data lead · Acme",
            "Met: at the alumni evening",  # typed "Alumni evening": made a phrase
            "Referred by: Maya Okafor",
            "Purpose: learn how data teams hire juniors",
        ):
            assert part in who
        assert screen.query_one(Countdown).value == "20:00"
        options = screen.query_one("#call-questions").options
        assert [option.id for option in options] == QUESTIONS
        assert "Questions · 0 of 3 asked" in str(screen.query_one("#call-questions").border_title)
        # the cards of a phone call (the default kind), hidden until asked for
        assert len(screen.query("#call-cards .card")) == len(
            app.guidance.cards_for("during", "phone")
        )
        assert not screen.query_one("#call-cards").display
        await pilot.press("ctrl+g")
        assert screen.query_one("#call-cards").display
        await pilot.press("escape", "ctrl+y")  # leaving asks first
        assert isinstance(app.screen, MainScreen)


async def test_a_missing_purpose_gets_a_gentle_hint(demo_store, make_app, caller):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        assert PURPOSE_HINT in text_of(screen, "#who")


async def test_escape_in_the_first_dialog_does_not_open_call_mode(store, make_app):
    store.add_contact(name="Ann")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, CallStartDialog)  # the dialog did open
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert not any(isinstance(screen, CallScreen) for screen in app.screen_stack)


async def test_without_a_contact_c_only_explains(store, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # no dialog, no call mode
        assert [entry.text for entry in app.said] == [
            "Call mode: no contacts yet. Press a to add one."
        ]


async def test_questions_are_ticked_as_asked_and_saved_at_once(
    demo_store, make_app, caller, data_file
):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        await pilot.press("shift+tab", "enter")  # from Notes to the questions
        assert screen.asked == {QUESTIONS[0]}
        assert reopen(data_file).call_draft(caller.id).asked == (QUESTIONS[0],)
        await pilot.press("down", "down", "enter")
        assert screen.asked == {QUESTIONS[0], QUESTIONS[2]}
        assert "2 of 3 asked" in str(screen.query_one("#call-questions").border_title)
        assert reopen(data_file).call_draft(caller.id).asked == (QUESTIONS[0], QUESTIONS[2])
        prompt = str(screen.query_one("#call-questions").get_option(QUESTIONS[0]).prompt)
        assert prompt.startswith("✓ 1.")
        await pilot.press("up", "up", "enter")  # untick
        assert screen.asked == {QUESTIONS[2]}


async def test_cues_fire_once_at_their_times_with_the_bell(demo_store, make_app, caller, clock):
    app = make_app(demo_store)
    bell = Bell()
    app.bell = bell
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        clock.advance(18 * 60 - 1)
        screen.tick()
        assert screen.cues_fired == [] and bell.rings == 0
        countdown = screen.query_one(Countdown)
        assert not countdown.has_class("-warning")
        clock.advance(1)
        screen.tick()
        assert screen.cues_fired == ["wrap-up"] and bell.rings == 1
        assert text_of(screen, ".countdown--cue") == WRAP_UP_CUE and countdown.has_class("-warning")
        assert screen.query_one(Countdown).value == "2:00"
        screen.tick()
        clock.advance(60)
        screen.tick()
        assert bell.rings == 1  # each cue rings once
        clock.advance(60)
        screen.tick()
        assert screen.cues_fired == ["wrap-up", "time-up"] and bell.rings == 2
        assert text_of(screen, ".countdown--cue") == TIME_UP_CUE and countdown.has_class("-over")
        clock.advance(300)
        screen.tick()
        assert bell.rings == 2 and screen.query_one(Countdown).value == "+5:00"


async def test_pausing_holds_the_cues(demo_store, make_app, caller, clock):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        clock.advance(60)
        await pilot.press("ctrl+t")
        clock.advance(30 * 60)
        screen.tick()
        assert screen.cues_fired == [] and "paused" in text_of(screen, ".countdown--label")
        await pilot.press("ctrl+t")
        clock.advance(17 * 60)
        screen.tick()
        assert screen.cues_fired == ["wrap-up"]


async def test_the_bell_can_be_turned_off_and_it_is_remembered(demo_store, make_app, caller, clock):
    app = make_app(demo_store)
    bell = Bell()
    app.bell = bell
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        await pilot.press("ctrl+b")
        assert app.settings.call_bell is False
        assert json.loads(settings_path().read_text())["call_bell"] is False
        assert "bell off" in text_of(screen, ".countdown--label")
        clock.advance(20 * 60)
        screen.tick()
        assert screen.cues_fired == ["wrap-up", "time-up"] and bell.rings == 0
        await pilot.press("ctrl+b")
        assert app.settings.call_bell is True and "bell on" in text_of(screen, ".countdown--label")


async def test_notes_are_saved_within_a_second_of_typing(demo_store, make_app, caller, clock):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        screen.query_one(TextArea).focus()
        assert reopen(demo_store.path).call_draft(caller.id).text == ""  # saved at the start
        await pilot.press(*"Uses dbt daily")
        screen.tick()
        assert reopen(demo_store.path).call_draft(caller.id).text == ""  # not yet: 0 s passed
        clock.advance(0.5)
        await pilot.press(*" [b]and[/b]")
        screen.tick()
        assert reopen(demo_store.path).call_draft(caller.id).text == ""
        clock.advance(0.5)  # one second after the first unsaved key: saved while typing
        screen.tick()
        draft = reopen(demo_store.path).call_draft(caller.id)
        assert draft.text == "Uses dbt daily [b]and[/b]"
        await pilot.press(*" SQL")
        clock.advance(1)
        screen.tick()
        # The terminal is closed here: what a fresh process reads from disk is all there is.
        assert reopen(demo_store.path).call_draft(caller.id).text.endswith("SQL")


async def test_notes_survive_an_abrupt_exit_and_come_back(demo_store, make_app, caller, clock):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        await pilot.press("shift+tab", "down", "enter")
        screen.query_one(TextArea).focus()
        await pilot.press(*"Team of six.", "enter", *"Hires from internships.")
        clock.advance(1)
        screen.tick()
        on_disk = reopen(demo_store.path).call_draft(caller.id)
        assert on_disk.text == "Team of six.\nHires from internships."
        app.exit()  # no end of call, no leave: the app simply goes away
    fresh = make_app(reopen(demo_store.path))
    async with fresh.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        assert screen.query_one(TextArea).text == "Team of six.\nHires from internships."
        assert screen.asked == {QUESTIONS[1]}
        assert "2. " in str(screen.query_one("#call-questions").get_option(QUESTIONS[1]).prompt)
        assert "1 of 3 asked" in str(screen.query_one("#call-questions").border_title)


async def test_escape_leaves_without_logging_and_keeps_the_notes(
    demo_store, make_app, caller, clock
):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        screen.query_one(TextArea).focus()
        await pilot.press(*"half a thought")
        await pilot.press("escape", "ctrl+y")  # saved at once, not a second later
        assert isinstance(app.screen, MainScreen)
        stored = reopen(demo_store.path)
        assert stored.interviews(caller.id) == []
        assert stored.call_draft(caller.id).text == "half a thought"
        screen = await open_call(pilot)
        assert screen.query_one(TextArea).text == "half a thought"


async def test_ending_the_call_logs_the_interview_and_ticks_what_was_earned(
    demo_store, make_app, caller, clock
):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        await pilot.press("shift+tab", "enter", "down", "down", "enter")
        screen.query_one(TextArea).focus()
        await pilot.press(*"Great call.")
        clock.advance(17 * 60 + 50)
        screen.tick()
        await pilot.press("ctrl+e")
        dialog = app.screen
        assert isinstance(dialog, EndCallDialog)
        assert dialog.query_one("#end-minutes").value == "18"
        await pilot.press("enter", *"Ann Lee", "enter", *"Bo Chen", "enter", "enter")
        await pilot.pause()
        await skip_the_debrief(pilot)
        assert isinstance(app.screen, MainScreen)
        stored = reopen(demo_store.path)
        (interview,) = stored.interviews(caller.id)
        assert interview.minutes == 18 and interview.notes == "Great call."
        assert interview.questions_asked == (QUESTIONS[0], QUESTIONS[2])
        assert interview.referrals == ("Ann Lee", "Bo Chen")
        assert {TWO_NAMES_ITEM, ON_TIME_ITEM} <= set(stored.get_contact(caller.id).checklist)
        assert "interviewed" in [event.event for event in stored.events(caller.id)]
        assert stored.call_draft(caller.id) is None
        assert stored.find_contact("Bo Chen").referred_by == caller.id
        assert ON_TIME_ITEM in app.screen.contact.checklist  # the main screen shows it
        screen = await open_call(pilot)
        assert screen.query_one(TextArea).text == ""  # a new call starts clean


async def test_a_long_call_with_one_name_earns_nothing(demo_store, make_app, caller, clock):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        clock.advance(25 * 60)
        screen.tick()
        await pilot.press("ctrl+e")
        dialog = app.screen
        assert dialog.query_one("#end-minutes").value == "25"
        await pilot.press("enter", *"Ann Lee", "enter")
        dialog.query_one("#end-add").value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = reopen(demo_store.path)
        assert stored.interviews(caller.id)[0].referrals == ("Ann Lee",)
        checklist = stored.get_contact(caller.id).checklist
        assert TWO_NAMES_ITEM not in checklist and ON_TIME_ITEM not in checklist
        assert all(contact.name != "Ann Lee" for contact in stored.contacts())


async def test_the_end_dialog_checks_minutes_and_can_go_back(demo_store, make_app, caller):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        await pilot.press("ctrl+e")
        dialog = app.screen
        dialog.query_one("#end-minutes").value = "0"
        await pilot.press("ctrl+s")
        assert app.screen is dialog
        assert "out of range" in str(dialog.query_one("#end-error").render())
        await pilot.press("escape")
        assert app.screen is screen
        assert reopen(demo_store.path).interviews(caller.id) == []


async def test_warm_up_steps_then_goes_to_the_call(demo_store, make_app, caller, clock):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "w")
        warmup = app.screen
        assert isinstance(warmup, WarmupDialog)
        assert warmup.step == 0 and "Breathe" in text_of(warmup, "#warmup-prompt")
        assert not warmup.query_one("#warmup-aside").display
        clock.advance(15)
        warmup.refresh_steps()
        assert warmup.step == 1 and "Smile" in text_of(warmup, "#warmup-prompt")
        await pilot.press("space")  # on to the opener
        assert warmup.step == 2
        opener = text_of(warmup, "#warmup-aside")  # the first line of the first minute
        assert opener == "We said twenty minutes; is this still a good time?"
        clock.advance(20)
        warmup.refresh_steps()
        assert warmup.step == 3 and PURPOSE_HINT not in text_of(warmup, "#warmup-aside")
        clock.advance(15)
        warmup.refresh_steps()
        assert "Ready" in text_of(warmup, "#warmup-prompt")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)


async def test_warm_up_escape_goes_back(demo_store, make_app, caller):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "w")
        assert isinstance(app.screen, WarmupDialog)  # the warm-up did open
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert not any(isinstance(screen, CallScreen) for screen in app.screen_stack)


async def test_hostile_text_is_shown_literally(store, make_app):
    name = "[b]Ann[/b] [@click=app.quit]x[/]"
    store.add_contact(name=name, company="a [/", how_met="[link=https://x.example]y[/link]")
    save_settings(Settings(my_purpose="[red]learn[/red]"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_call(pilot)
        who = text_of(screen, "#who")
        for part in (name, "a [/", "[link=https://x.example]y[/link]", "[red]learn[/red]"):
            assert part in who
        await pilot.press("ctrl+e")
        assert name in str(app.screen.query_one("Static").render())


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_call_mode_snapshot(snap_compare, demo_store, make_app, caller, clock, size):
    save_settings(Settings(my_purpose="learn how data teams grow their juniors"))

    async def run_before(pilot) -> None:
        screen = await open_call(pilot)
        await pilot.press("shift+tab", "enter", "down")
        notes = screen.query_one(TextArea)
        notes.cursor_blink = False
        notes.focus()
        await pilot.press(*"Team of six; hires from the internship.")
        clock.advance(18 * 60 + 5)
        screen.tick()
        await pilot.pause()

    assert snap_compare(make_app(demo_store), terminal_size=size, run_before=run_before)


def test_cards_can_be_shown_at_80_columns(snap_compare, demo_store, make_app, caller):
    async def run_before(pilot) -> None:
        screen = await open_call(pilot)
        screen.query_one(TextArea).cursor_blink = False
        assert not screen.query_one("#call-cards").display
        await pilot.press("ctrl+g")
        assert screen.query_one("#call-cards").display
        assert not screen.query_one("#call-left").display
        await pilot.pause()

    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=run_before)


async def test_the_palette_offers_call_commands_only_in_call_mode(demo_store, make_app, caller):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "End the call" not in [c.title for c in app.get_system_commands(app.screen)]
        screen = await open_call(pilot)
        commands = {c.title: c for c in app.get_system_commands(screen)}
        assert "Call mode" not in commands
        commands["Bell at the cues on or off"].callback()
        assert app.settings.call_bell is False
        commands["End the call"].callback()
        await pilot.pause()
        assert isinstance(app.screen, EndCallDialog)


async def test_nothing_typed_mid_call_ends_the_call(demo_store, make_app, caller):
    """Focus starts in Notes; `q` types a q; a letter typed on the questions goes to Notes;
    tab only moves between Notes and the questions; escape asks before leaving."""
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        notes, questions = screen.query_one(TextArea), screen.query_one("#call-questions")
        assert notes.has_focus
        await pilot.press(*"quick question about q", "q")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert notes.text == "quick question about qq"
        await pilot.press("shift+tab")
        assert questions.has_focus
        await pilot.press("q", "u", "i")  # mid-sentence on the list: still notes
        await pilot.pause()
        assert app.screen is screen and notes.has_focus
        assert notes.text.endswith("qqui")
        for _ in range(5):
            await pilot.press("tab")
            assert app.focused in (notes, questions)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen  # the question "Leave the call…?"
        await pilot.press("escape")  # the safe answer: stay
        await pilot.pause()
        assert app.screen is screen and app.is_running
        shown = {b.binding.key for b in screen.active_bindings.values() if b.binding.show}
        assert "q" not in shown and {"ctrl+e", "ctrl+t"} <= shown


async def test_the_cards_follow_the_kind_of_meeting(demo_store, make_app, caller):
    demo_store.update_contact(caller.id, meeting_kind="in person")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        titles = [
            str(card.render()).partition("\n")[0] for card in screen.query("#call-cards .card")
        ]
        assert "In the room" in titles and "On the phone" not in titles
        assert "in person" in str(screen.query_one("#call-cards").border_title)
