"""Energy in the app: a third call on one day is pointed out in the contact form and in the
Agenda (on Friday 20 November 2026), and the debrief offered as a call ends feeds What I heard."""

from __future__ import annotations

import json

from textual.widgets import Input, TextArea

from infocoach.data.settings import settings_path
from infocoach.tui.dialogs.call_dialogs import DebriefDialog
from infocoach.tui.dialogs.contact_form import ContactForm
from infocoach.tui.dialogs.message_editor import MessageEditor
from infocoach.tui.dialogs.new_time import NewTimeDialog
from infocoach.tui.screens.main import MainScreen

from .conftest import reopen
from .test_agenda import open_agenda
from .test_call_mode import open_call


def busy_hint(form: ContactForm) -> str:
    hint = form.query_one("#meeting-busy")
    return str(hint.render()) if hint.display else ""


async def test_the_form_points_out_a_third_call_and_still_saves(store, make_app):
    store.add_contact(name="Ann Lee", meeting="2026-11-24 10:00")
    store.add_contact(name="Bo Chen", meeting="2026-11-24 14:00")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ContactForm)
        await pilot.press(*"Cy Tran")
        meeting = form.query_one("#meeting", Input)
        meeting.focus()
        await pilot.press(*"2026-11-25 10:00")  # another day: room
        assert busy_hint(form) == ""
        meeting.value = ""
        await pilot.press(*"2026-11-24 16:30")
        await pilot.pause()
        assert busy_hint(form) == (
            "That makes three calls on Tue 24 Nov (with Ann Lee at 10:00 and Bo Chen at "
            "14:00); two a day is your limit. Another day would leave you more to give."
        )
        await pilot.press("ctrl+s")  # pointed out, not refused
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert reopen(store.path).find_contact("Cy Tran").meeting == "2026-11-24 16:30"


async def test_editing_a_meeting_does_not_count_it_twice(store, make_app):
    store.add_contact(name="Ann Lee", meeting="2026-11-24 10:00")
    bo = store.add_contact(name="Bo Chen", meeting="2026-11-24 14:00")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.select_contact(bo.id)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ContactForm)
        assert busy_hint(form) == ""


async def test_the_agenda_points_out_the_third_call_and_offers_to_move_it(store, make_app):
    for name, time in (("Ann Lee", "10:00"), ("Bo Chen", "14:00"), ("Cy Tran", "16:30")):
        store.add_contact(name=name, meeting=f"2026-11-25 {time}")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        agenda = await open_agenda(pilot)
        (busy,) = [item for item in agenda.items if item.action == "busy-day"]
        assert busy.contact == "Cy Tran"
        agenda.query_one("#agenda-list").highlighted = agenda.items.index(busy)
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, MessageEditor) and editor.script_id == "moving-meeting"
        assert "I can't make Wednesday 25 November at 16:30" in editor.text


async def test_the_debrief_as_a_call_ends_feeds_what_i_heard(demo_store, make_app, caller):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        screen.query_one(TextArea).focus()
        await pilot.press(*"Uses dbt daily.")
        await pilot.press("ctrl+e", "ctrl+s")  # end the call, log it
        await pilot.pause()
        debrief = app.screen
        assert isinstance(debrief, DebriefDialog)
        assert [str(label.render()) for label in debrief.query("Label")] == [
            "What did I learn?",
            "Who next?",
            "How do I feel?",
        ]
        await pilot.press(*"Juniors start on data cleaning", "enter")
        await pilot.press(*"Ravi on the platform team", "enter")
        await pilot.press(*"[b]tired[/b] but glad", "enter")  # enter in the last: kept
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        (interview,) = reopen(demo_store.path).interviews(caller.id)
        assert interview.notes == (
            "Uses dbt daily.\n\nWhat I learned: Juniors start on data cleaning\n"
            "Who next: Ravi on the platform team\nHow I feel: [b]tired[/b] but glad"
        )
        await pilot.press("i")
        await pilot.pause()
        heard = " ".join(str(topic.render()) for topic in app.screen.query("#heard .topic"))
        assert "What I learned: Juniors start on data cleaning" in heard
        assert "How I feel: [b]tired[/b] but glad" in heard  # her text, never markup


async def test_escape_skips_the_debrief_and_asks_first_when_typed(demo_store, make_app, caller):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_call(pilot)
        await pilot.press("ctrl+e", "ctrl+s")
        await pilot.pause()
        await pilot.press(*"Something")
        await pilot.press("escape")  # typed: "discard your changes?" first
        assert not isinstance(app.screen, MainScreen)
        await pilot.press("escape")  # keep editing
        assert isinstance(app.screen, DebriefDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        (interview,) = reopen(demo_store.path).interviews(caller.id)
        assert interview.notes == "What I learned: Something"


async def test_the_calls_a_day_limit_is_changed_from_the_palette_and_kept(store, make_app):
    store.add_contact(name="Ann Lee", meeting="2026-11-24 10:00")
    store.add_contact(name="Bo Chen", meeting="2026-11-24 14:00")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        (command,) = [
            c for c in app.get_system_commands(app.screen) if c.title == "Calls a day: 1, 2 or 3"
        ]
        command.callback()  # 2 -> 3
        assert app.settings.calls_per_day == 3
        assert json.loads(settings_path().read_text())["calls_per_day"] == 3
        await pilot.press("a")
        form = app.screen
        form.query_one("#meeting", Input).value = "2026-11-24 16:30"
        await pilot.pause()
        assert busy_hint(form) == ""  # three a day is allowed now
        await pilot.press("escape")
        await pilot.pause()
        command.callback()  # 3 -> 1
        assert app.settings.calls_per_day == 1


async def test_names_in_the_moments_around_a_call_are_text(store, make_app):
    store.add_contact(name="a [/", meeting="2026-11-20 09:00")
    store.add_contact(name="[b]Bo[/b]", meeting="2026-11-20 09:10")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        agenda = await open_agenda(pilot)
        rows = [
            str(agenda.query_one("#agenda-list").get_option_at_index(i).prompt)
            for i in range(len(agenda.items))
        ]
        assert any(
            "Your meeting with a [/ on Fri 20 Nov at 09:00: did it happen?" in r for r in rows
        )
        assert any("Your meeting with [b]Bo[/b] on Fri 20 Nov at 09:10" in r for r in rows)
        odd = next(
            n
            for n, item in enumerate(agenda.items)
            if item.contact == "a [/" and item.action == "happened"
        )
        agenda.query_one("#agenda-list").highlighted = odd
        await pilot.press("m")
        dialog = app.screen
        assert isinstance(dialog, NewTimeDialog)
        assert dialog.box_title().plain == "A new time with a [/"  # as typed, not markup
