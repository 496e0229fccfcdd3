"""The Agenda around a meeting, on Friday 20 November 2026 at 09:30 (the store's clock): the
confirmation the day before with its draft, and "did it happen?" answered with one key."""

from __future__ import annotations

from infocoach.data.settings import Settings, save_settings
from infocoach.tui.dialogs.message_editor import MessageEditor
from infocoach.tui.dialogs.new_time import NewTimeDialog
from infocoach.tui.screens.agenda import AgendaScreen

from .conftest import reopen
from .test_agenda import open_agenda


def shown_keys(screen) -> set[str]:
    return {
        key
        for key, active in screen.active_bindings.items()
        if active.binding.show and active.enabled
    }


def actions_of(agenda: AgendaScreen) -> list[tuple[str, str]]:
    return [(item.action, item.contact) for item in agenda.items]


async def test_the_day_before_the_agenda_offers_the_confirmation_draft(store, make_app):
    save_settings(Settings(my_name="Sam Reed", my_phone="07700 900123"))
    store.add_contact(name="Bo Chen", meeting="2026-11-21 14:00", meeting_kind="video")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        agenda = await open_agenda(pilot)
        assert actions_of(agenda) == [("confirm", "Bo Chen"), ("prepare", "Bo Chen")]
        detail = str(agenda.query_one("#agenda-detail").render())
        assert "enter opens the “Confirming the day before” draft" in detail
        assert "l logs “confirmed” when it is done" in detail
        assert not {"h", "m", "n"} & shown_keys(agenda)
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, MessageEditor) and editor.script_id == "confirm-meeting"
        assert "Subject: Confirming Saturday 21 November at 14:00" in editor.text
        assert "on Saturday 21 November at 14:00, by video call." in editor.text
        assert "you can reach me on 07700 900123." in editor.text


async def test_it_happened_logs_the_talk_and_the_thank_you_follows(store, make_app):
    ada = store.add_contact(name="Ada Lovelace", meeting="2026-11-20 09:00")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        agenda = await open_agenda(pilot)
        assert actions_of(agenda)[0] == ("happened", "Ada Lovelace")
        detail = str(agenda.query_one("#agenda-detail").render())
        assert "h it happened (logs the talk) · m it moved (a new time) · n they did not come" in (
            detail
        )
        assert {"h", "m", "n"} <= shown_keys(agenda)
        await pilot.press("h")
        await pilot.pause()
        logged = reopen(store.path).events(ada.id)
        assert [(e.event, e.date) for e in logged] == [("interviewed", "2026-11-20")]
        assert actions_of(agenda) == [("thank-you", "Ada Lovelace")]


async def test_it_moved_saves_the_new_time(store, make_app):
    ada = store.add_contact(name="Ada Lovelace", meeting="2026-11-20 09:00")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        agenda = await open_agenda(pilot)
        await pilot.press("m")
        assert isinstance(app.screen, NewTimeDialog)
        await pilot.press("ctrl+u", *"2026-11-24 16:00", "ctrl+s")
        await pilot.pause()
        assert app.screen is agenda
        saved = reopen(store.path)
        assert saved.get_contact(ada.id).meeting == "2026-11-24 16:00"
        assert [e.event for e in saved.events(ada.id)] == ["scheduled"]
        assert agenda.items == []  # nothing asked about the old time, no thanks due


async def test_no_show_waits_ten_minutes_then_one_kind_note(store, make_app):
    late = store.add_contact(name="Lee Park", meeting="2026-11-20 09:25")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        agenda = await open_agenda(pilot)
        await pilot.press("n")  # 09:30: only five minutes late
        await pilot.pause()
        assert app.screen is agenda
        assert reopen(store.path).events(late.id) == []
        said = [n.text for n in app.said]
        assert "People run late: give Lee Park until 09:35, then n again." in said


async def test_after_ten_minutes_no_show_logs_it_and_opens_the_note(store, make_app):
    ada = store.add_contact(name="Ada Lovelace", meeting="2026-11-20 09:15")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        agenda = await open_agenda(pilot)
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, MessageEditor) and editor.script_id == "no-show-note"
        assert "I think we missed each other at 09:15" in editor.text
        assert "no reply is needed" in editor.text
        assert [e.event for e in reopen(store.path).events(ada.id)] == ["no-show"]
        await pilot.press("escape")
        await pilot.pause()
        assert agenda.items == []  # one try, then let it go: no thanks, no chasing
