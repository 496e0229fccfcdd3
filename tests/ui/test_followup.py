"""Logging events (l), referrals (R), your details and the palette entries, from the main screen."""

from __future__ import annotations

import json
from datetime import date

from textual.widgets import Input, OptionList, Select, Tree

from infocoach.core.models import EVENTS
from infocoach.data.settings import load_settings
from infocoach.tui import flows
from infocoach.tui.dialogs.log_event import LogEventDialog
from infocoach.tui.dialogs.referrals import ReferralsDialog
from infocoach.tui.dialogs.settings_form import SettingsForm, detail_hint
from infocoach.tui.screens.main import MainScreen
from infocoach.tui.widgets.contacts import ContactsPane, contact_detail


async def select(pilot, store, name: str) -> MainScreen:
    main = pilot.app.screen
    assert isinstance(main, MainScreen)
    main.select_contact(store.find_contact(name).id)
    await pilot.pause()
    assert main.contact is not None and main.contact.name == name
    return main


async def test_l_logs_an_event_with_date_and_note(store, make_app) -> None:
    ada = store.add_contact(name="Ada Lovelace")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await select(pilot, store, "Ada Lovelace")
        await pilot.press("l")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LogEventDialog)
        events = dialog.query_one("#log-events", OptionList)
        assert events.option_count == len(EVENTS)
        assert events.highlighted_option.id == "reached-out"  # the next step for "to contact"
        await pilot.press("down", "tab")  # replied; then the date
        date_field = dialog.query_one("#log-date", Input)
        assert date_field.has_focus and date_field.value == "2026-11-20"
        date_field.value = "2026-11-18"
        await pilot.press("tab", *"said yes", "enter")
        await pilot.pause()
        assert app.screen is main
        (event,) = store.events(ada.id)
        assert (event.event, event.date, event.note) == ("replied", "2026-11-18", "said yes")
        assert store.get_contact(ada.id).stage == "reached-out"
        (row,) = main.query_one(ContactsPane).contact_list.rows
        assert contact_detail(row) == "reached out"  # the list shows the derived stage
        assert any("Logged replied for Ada Lovelace" in n.text for n in app.said)


async def test_a_bad_date_is_refused_in_place(store, make_app) -> None:
    ada = store.add_contact(name="Ada")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await select(pilot, store, "Ada")
        await pilot.press("l")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#log-date", Input).value = "2026-02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "not a date" in str(dialog.query_one("#log-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert store.events(ada.id) == []


async def test_l_and_r_without_a_contact_warn(store, make_app) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", "R")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert [n.text for n in app.said] == [
            "Log an event: no contacts yet. Press a to add one.",
            "Referrals: no contacts yet. Press a to add one.",
        ]


async def test_referrals_show_the_tree_and_names_gained(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await select(pilot, demo_store, "Daniel Reyes")
        await pilot.press("R")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReferralsDialog)
        tree = screen.query_one("#referral-tree", Tree)
        lines = [str(tree.get_node_at_line(i).label) for i in range(tree.last_line + 1)]
        assert [line.split(" · ")[0] for line in lines] == [
            "Maya Okafor",
            "Daniel Reyes",
            "Aisha Rahman",
            "Priya Natarajan",
        ]
        assert "2 names (goal 2 met)" in lines[1] and "1 of 2 names" in lines[0]
        assert tree.cursor_node.data == demo_store.find_contact("Daniel Reyes").id
        chain = str(screen.query_one("#referral-chain").render())
        assert chain == "Daniel Reyes was referred by Maya Okafor."
        gains = str(screen.query_one("#gains-text").render())
        assert gains.startswith("5 interviews, 5 names, goal met in 1 of 5")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_referral_labels_are_literal(store, make_app) -> None:
    boss = store.add_contact(name="[b]Boss[/b]", company="a [/")
    store.add_contact(name="[@click=app.quit]kid[/]", referred_by=boss.id)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await select(pilot, store, "[@click=app.quit]kid[/]")
        await pilot.press("R")
        await pilot.pause()
        tree = app.screen.query_one("#referral-tree", Tree)
        labels = [tree.get_node_at_line(i).label.plain for i in range(tree.last_line + 1)]
        assert labels[0].startswith("[b]Boss[/b] · a [/")
        assert labels[1].startswith("[@click=app.quit]kid[/]")
        await pilot.click("#referral-tree")
        assert app.is_running


async def test_your_details_fill_the_scripts_and_are_remembered(
    demo_store, make_app, isolated_dirs
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await select(pilot, demo_store, "Tom Becker")
        main.action_my_details()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SettingsForm)
        await pilot.press(*"Ana Lima", "tab", "tab", "tab", *"to learn")
        await pilot.pause()
        preview = str(form.query_one("#my_purpose-preview").render())
        assert "Leave out the first “to”" in preview
        form.query_one("#my_purpose", Input).value = "learn how product teams work"
        await pilot.pause()
        assert str(form.query_one("#my_purpose-preview").render()) == (
            "Reads: I'm hoping to learn how product teams work."
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is main
        assert app.settings.my_name == "Ana Lima"
        saved = json.loads((isolated_dirs["config"] / "settings.json").read_text("utf-8"))
        assert saved["my_purpose"] == "learn how product teams work"
        assert load_settings().my_name == "Ana Lima"
        assert saved["my_time_zone"] == ""  # left blank: the computer's, not written in
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#message-script", Select).value = "outreach-email"
        await pilot.pause()
        assert "learn how product teams work" in app.screen.text


def test_detail_hints() -> None:
    assert detail_hint("my_purpose", "to learn") != ""
    assert detail_hint("my_purpose", "I want to learn") != ""
    assert detail_hint("my_purpose", "learn how teams work") == ""
    assert detail_hint("my_background", "I'm a librarian") != ""
    assert detail_hint("my_background", "a librarian.") != ""
    assert detail_hint("my_name", "") == ""
    assert detail_hint("my_time_zone", "Europe/London") == ""
    assert detail_hint("my_time_zone", "London") != ""
    assert detail_hint("my_time_zone", "../../etc/passwd") != ""


async def test_the_palette_offers_the_follow_up_commands(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Agenda", "Log an event", "Message templates", "Referrals", "Your details"):
            assert title in titles


async def test_keep_in_touch_interval_from_the_form(store, make_app) -> None:
    ada = store.add_contact(name="Ada")
    store.log_event(ada.id, "interviewed", day=date(2026, 9, 1))
    store.log_event(ada.id, "thanked", day=date(2026, 9, 2))
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await select(pilot, store, "Ada")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#keep_in_touch_weeks", Input).value = "20"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.get_contact(ada.id).keep_in_touch_weeks == 20
        assert flows.agenda(app) == []  # 20 weeks after 2 Sep is in January
