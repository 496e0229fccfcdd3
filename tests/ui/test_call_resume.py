"""A call left unfinished (Escape, a crash, a closed terminal) is resumed with the real time
left; ending a call picks the names gained from the contacts or adds new ones, and `u` takes
the whole call back."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, TextArea

from infocoach.core.calls import ON_TIME_ITEM
from infocoach.core.models import MAX_MINUTES
from infocoach.core.timing import TIME_UP_CUE
from infocoach.data.repositories import Store
from infocoach.exchange.demo import populate
from infocoach.tui.dialogs.call_dialogs import CallStartDialog, EndCallDialog
from infocoach.tui.screens.call import CallScreen
from infocoach.tui.screens.main import MainScreen
from infocoach.tui.widgets.contact_picker import ContactPicker
from infocoach.tui.widgets.countdown import Countdown

from .conftest import DEMO_DAY, QUESTIONS, reopen
from .test_call_mode import skip_the_debrief

STARTED = datetime(DEMO_DAY.year, DEMO_DAY.month, DEMO_DAY.day, 10, 2)


class WallClock:
    """The store's wall clock, moved by hand (the app's monotonic clock is `clock`)."""

    def __init__(self) -> None:
        self.now = STARTED

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class Bell:
    def __init__(self) -> None:
        self.rings = 0

    def __call__(self) -> None:
        self.rings += 1


@pytest.fixture
def wall() -> WallClock:
    return WallClock()


@pytest.fixture
def wall_store(data_file: Path, content, wall: WallClock) -> Store:
    store = Store(data_file, clock=wall)
    populate(store, content, DEMO_DAY)
    return store


@pytest.fixture
def caller(wall_store: Store):
    """Sorts first (selected at start), a 15-minute call agreed."""
    contact = wall_store.add_contact(
        name="Aaron Able", company="Acme", role="Data lead", minutes=15
    )
    wall_store.set_questions(contact.id, QUESTIONS)
    return contact


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def start_dialog(pilot) -> CallStartDialog:
    await pilot.press("c")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, CallStartDialog)
    return dialog


async def into_call(pilot, *keys: str) -> CallScreen:
    await pilot.press(*keys)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CallScreen)
    return screen


async def test_a_call_left_abruptly_resumes_with_the_real_time_left(
    wall_store, make_app, caller, clock, wall, data_file
):
    app = make_app(wall_store)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await start_dialog(pilot)
        assert not dialog.resuming and "Resume" not in text_of(dialog, "Static")
        screen = await into_call(pilot, "enter")
        # Saved the moment the call starts: a kill -9 now still leaves something to resume.
        draft = reopen(data_file).call_draft(caller.id)
        assert draft.started == "2026-11-20T10:02:00" and draft.text == ""
        await pilot.press(*"Uses dbt; team of six")
        clock.advance(1)
        wall.advance(seconds=1)
        screen.tick()
        assert reopen(data_file).call_draft(caller.id).text == "Uses dbt; team of six"
        app.exit()  # no leave, no end: the app simply goes away
    wall.advance(minutes=8, seconds=-1)  # eight minutes after the start
    fresh = make_app(Store(data_file, clock=wall))
    async with fresh.run_test(size=(120, 40)) as pilot:
        dialog = await start_dialog(pilot)
        assert dialog.resuming
        question = text_of(dialog, "#resume-question")
        assert "Resume the call with Aaron Able (started 10:02, 7 min left)?" in question
        screen = await into_call(pilot, "enter")
        assert screen.query_one(Countdown).value == "7:00"
        assert screen.query_one(TextArea).text == "Uses dbt; team of six"
        assert screen.query_one(TextArea).has_focus
        clock.advance(60)
        screen.tick()
        assert screen.query_one(Countdown).value == "6:00"
        assert screen.cues_fired == []
        # The start stays the first one: leaving and coming back still counts from 10:02.
        assert reopen(data_file).call_draft(caller.id).started == "2026-11-20T10:02:00"


async def test_a_call_resumed_after_its_time_says_it_is_over(
    wall_store, make_app, caller, wall, data_file
):
    wall_store.save_call_draft(
        caller.id, "half a thought", [QUESTIONS[1]], started=STARTED.isoformat()
    )
    wall.advance(minutes=18)
    app = make_app(wall_store)
    bell = Bell()
    app.bell = bell
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await start_dialog(pilot)
        assert "(started 10:02, 3 min over)?" in text_of(dialog, "#resume-question")
        screen = await into_call(pilot, "enter")
        countdown = screen.query_one(Countdown)
        assert countdown.value == "+3:00" and countdown.has_class("-over")
        assert text_of(screen, ".countdown--cue") == TIME_UP_CUE
        assert bell.rings == 0  # cues passed while away are shown, not rung
        assert screen.asked == {QUESTIONS[1]}


async def test_a_call_left_with_escape_resumes_on_the_same_run(
    wall_store, make_app, caller, clock, wall
):
    app = make_app(wall_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_dialog(pilot)
        await into_call(pilot, "enter")
        await pilot.press(*"first notes", "escape", "ctrl+y")
        assert isinstance(app.screen, MainScreen)
        wall.advance(minutes=2)
        dialog = await start_dialog(pilot)
        assert "(started 10:02, 13 min left)" in text_of(dialog, "#resume-question")
        screen = await into_call(pilot, "enter")
        assert screen.query_one(Countdown).value == "13:00"
        assert screen.query_one(TextArea).text == "first notes"


@pytest.mark.parametrize("started", ["", "yesterday at ten", "2026-13-45T99:00:00"])
async def test_a_draft_without_a_readable_start_resumes_from_the_full_time(
    wall_store, make_app, caller, wall, data_file, started
):
    wall_store.save_call_draft(caller.id, "old notes", [])  # saved at once: no app yet
    # The start as an older version left it (none) or as a hand edit garbled it.
    raw = json.loads(data_file.read_text())
    (draft,) = raw["call_drafts"].values()
    if started:
        draft["started"] = started
    else:
        draft.pop("started", None)
    data_file.write_text(json.dumps(raw))
    wall.advance(minutes=30)
    app = make_app(Store(data_file, clock=wall))
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await start_dialog(pilot)
        assert dialog.resuming
        assert text_of(dialog, "#resume-question").strip() == "Resume the call with Aaron Able?"
        screen = await into_call(pilot, "enter")
        assert screen.query_one(Countdown).value == "15:00"
        assert screen.query_one(TextArea).text == "old notes"
    # From now on the draft knows when this call began.
    assert reopen(data_file).call_draft(caller.id).started == "2026-11-20T10:32:00"


async def test_starting_over_runs_the_clock_from_full_and_keeps_the_notes(
    wall_store, make_app, caller, wall, data_file
):
    wall_store.save_call_draft(caller.id, "keep me", [], started=STARTED.isoformat())
    wall.advance(days=1, minutes=15)
    app = make_app(wall_store)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await start_dialog(pilot)
        assert "(started 2026-11-20 10:02, 1 day over)" in text_of(dialog, "#resume-question")
        screen = await into_call(pilot, "s")
        assert screen.query_one(Countdown).value == "15:00"
        assert screen.query_one(TextArea).text == "keep me"
    assert reopen(data_file).call_draft(caller.id).started == "2026-11-21T10:17:00"


async def test_s_types_nothing_and_starts_nothing_without_a_call_to_resume(
    wall_store, make_app, caller
):
    app = make_app(wall_store)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await start_dialog(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is dialog
        shown = {b.binding.key for b in dialog.active_bindings.values() if b.binding.show}
        assert "s" not in shown


async def test_the_end_dialog_starts_on_the_minutes_from_the_real_time(
    wall_store, make_app, caller, clock, wall
):
    wall_store.save_call_draft(caller.id, "", [], started=STARTED.isoformat())
    wall.advance(minutes=8)
    app = make_app(wall_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_dialog(pilot)
        screen = await into_call(pilot, "enter")
        clock.advance(3 * 60 + 40)
        screen.tick()
        await pilot.press("ctrl+e")
        dialog = app.screen
        assert isinstance(dialog, EndCallDialog)
        minutes = dialog.query_one("#end-minutes", Input)
        assert minutes.has_focus and minutes.value == "12"  # 11 min 40 s, rounded
        await pilot.press("backspace", "backspace", "ctrl+s")  # emptied, or replaced by typing
        assert app.screen is dialog
        assert "Minutes: how long was it?" in text_of(dialog, "#end-error")
        assert minutes.has_focus
        await pilot.press("escape")
        assert app.screen is screen


async def test_the_minutes_are_capped_at_the_longest_allowed(
    wall_store, make_app, caller, clock, wall
):
    wall_store.save_call_draft(caller.id, "", [], started=STARTED.isoformat())
    wall.advance(days=3)
    app = make_app(wall_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_dialog(pilot)
        await into_call(pilot, "enter")
        await pilot.press("ctrl+e")
        assert app.screen.query_one("#end-minutes", Input).value == str(MAX_MINUTES)


def two_ann_lees(store: Store) -> tuple[int, int]:
    acme = store.add_contact(name="Ann Lee", company="Acme", role="Engineer")
    globex = store.add_contact(
        name="Ann Lee", company="Globex", role="Designer", referred_by="Maya Okafor"
    )
    return acme.id, globex.id


async def end_the_call(pilot) -> EndCallDialog:
    await pilot.press("ctrl+e")
    dialog = pilot.app.screen
    assert isinstance(dialog, EndCallDialog)
    await pilot.press("enter")  # keep the minutes, on to the names
    assert dialog.query_one(ContactPicker).input.has_focus
    return dialog


async def test_names_are_picked_from_contacts_of_the_same_name_or_added(
    wall_store, make_app, caller, data_file
):
    acme, globex = two_ann_lees(wall_store)
    bo = wall_store.add_contact(name="Bo Chen", company="Initech")
    app = make_app(wall_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_dialog(pilot)
        await into_call(pilot, "enter")
        dialog = await end_the_call(pilot)
        await pilot.press(*"ann lee")
        choices = dialog.query_one(ContactPicker).choices
        prompts = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
        assert prompts == [
            "Ann Lee, Acme, Engineer",
            "Ann Lee, Globex, Designer",
            "New contact: ann lee",
        ]
        await pilot.press("tab", "down", "enter")  # the one at Globex
        await pilot.press(*"Bo", "enter")  # the first choice: the Bo Chen on file
        await pilot.press(*"Cy Dunn", "enter")  # no one of that name: a new contact
        chosen = dialog.query_one("#end-chosen", OptionList)
        assert [str(chosen.get_option_at_index(i).prompt) for i in range(3)] == [
            "✓ Ann Lee, Globex, Designer",
            "✓ Bo Chen, Initech",
            "✓ Cy Dunn (new)",
        ]
        await pilot.press("enter")  # enter in the empty field: log it
        await pilot.pause()
        await skip_the_debrief(pilot)
        assert isinstance(app.screen, MainScreen)
    stored = reopen(data_file)
    (interview,) = stored.interviews(caller.id)
    assert interview.referrals == ("Ann Lee", "Bo Chen", "Cy Dunn")
    assert stored.get_contact(acme).referred_by is None  # the other Ann Lee is untouched
    assert stored.get_contact(globex).referred_by != caller.id  # already had a referrer
    assert stored.get_contact(bo.id).referred_by == caller.id  # had none: now this one
    (cy,) = stored.contacts_named("Cy Dunn")
    assert cy.referred_by == caller.id and cy.how_met == "through Aaron Able"
    assert len(stored.contacts_named("Ann Lee")) == 2


async def test_a_new_contact_can_share_a_name_and_a_pick_can_be_taken_off(
    wall_store, make_app, caller, data_file
):
    two_ann_lees(wall_store)
    app = make_app(wall_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_dialog(pilot)
        await into_call(pilot, "enter")
        dialog = await end_the_call(pilot)
        await pilot.press(*"Ann Lee", "tab", "down", "down", "enter")  # New contact: Ann Lee
        await pilot.press(*"Ann", "enter")  # the first Ann Lee (Acme)...
        chosen = dialog.query_one("#end-chosen", OptionList)
        assert chosen.option_count == 2
        chosen.focus()
        await pilot.press("end", "enter")  # ...taken off again
        assert chosen.option_count == 1
        await pilot.press("shift+tab")  # back up to the name field
        assert dialog.query_one(ContactPicker).input.has_focus
        await pilot.press(*"Ann Lee")
        await pilot.press("ctrl+s")  # typed but not added: said, and the dialog stays
        assert app.screen is dialog
        assert "“Ann Lee” is not added yet" in text_of(dialog, "#end-error")
        dialog.query_one(ContactPicker).input.value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        await skip_the_debrief(pilot)
        assert isinstance(app.screen, MainScreen)
    stored = reopen(data_file)
    assert stored.interviews(caller.id)[0].referrals == ("Ann Lee",)
    lees = stored.contacts_named("Ann Lee")
    assert len(lees) == 3
    assert [c.referred_by for c in lees if c.company == ""] == [caller.id]


async def test_u_takes_the_whole_call_back_and_the_draft_returns(
    wall_store, make_app, caller, clock, wall, data_file
):
    acme, _ = two_ann_lees(wall_store)
    app = make_app(wall_store)
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **more: said.append(str(message)) or notify(message, **more)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_dialog(pilot)
        screen = await into_call(pilot, "enter")
        await pilot.press(*"Loved the call")
        await pilot.press("shift+tab", "enter")
        clock.advance(10 * 60)
        screen.tick()
        dialog = await end_the_call(pilot)
        await pilot.press(*"Ann Lee", "enter", *"Cy Dunn", "enter", "enter")
        await pilot.pause()
        await skip_the_debrief(pilot)
        assert isinstance(app.screen, MainScreen)
        assert dialog.picked and app.screen.contact.id == caller.id
        stored = reopen(data_file)
        assert len(stored.interviews(caller.id)) == 1 and stored.call_draft(caller.id) is None
        assert stored.get_contact(acme).referred_by == caller.id
        assert ON_TIME_ITEM in stored.get_contact(caller.id).checklist
        assert any(m.startswith("Logged the call with Aaron Able: 10 min") for m in said)
        await pilot.press("u")
        await pilot.pause()
        stored = reopen(data_file)
        assert stored.interviews(caller.id) == []
        assert "interviewed" not in [event.event for event in stored.events(caller.id)]
        assert ON_TIME_ITEM not in stored.get_contact(caller.id).checklist
        assert stored.get_contact(acme).referred_by is None
        assert stored.contacts_named("Cy Dunn") == []
        draft = stored.call_draft(caller.id)
        assert draft.text == "Loved the call" and draft.asked == (QUESTIONS[0],)
        assert draft.started == "2026-11-20T10:02:00"
        dialog = await start_dialog(pilot)  # and the call can be resumed
        assert dialog.resuming


async def test_a_call_left_open_is_said_at_start_in_whole_minutes_left(
    wall_store, make_app, caller, clock, wall, data_file
):
    """Issue 29: after a crash the app says so as it opens, not only behind c; 6:19 left
    reads "6 min left", as the countdown shows it, never rounded up to 7."""
    app = make_app(wall_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_dialog(pilot)
        await into_call(pilot, "enter")
        app.exit()  # the terminal closed mid-call
    wall.advance(minutes=8, seconds=41)
    fresh = make_app(Store(data_file, clock=wall))
    async with fresh.run_test(size=(120, 40)) as pilot:
        await fresh.workers.wait_for_complete()
        await pilot.pause()
        said = [note.text for note in fresh.said]
        assert any(
            "A call with Aaron Able was left open (started 10:02, 6 min left)" in line
            for line in said
        ), said
