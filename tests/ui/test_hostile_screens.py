"""A contact named like markup opens every screen and dialog: drawn literally, nothing acts.

The name is also the company, role, how they met, the notes, the referrer's name, an own
question, interview notes, your own details and the titles of a script, a guide card and a
drill (a user's content file can set those). Each screen is checked on what the terminal
really shows: the name's characters are on screen, and the cells that draw them carry no
click action and no link.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Input

from infocoach.data.settings import Settings, save_settings
from infocoach.guidance.records import Drill
from infocoach.tui.app import InfoCoachApp
from infocoach.tui.dialogs.base import Dialog
from infocoach.tui.dialogs.call_dialogs import CallStartDialog, EndCallDialog
from infocoach.tui.dialogs.confirm import ConfirmDialog
from infocoach.tui.dialogs.contact_form import ContactForm
from infocoach.tui.dialogs.drill import DrillDialog
from infocoach.tui.dialogs.guide import GuideDialog
from infocoach.tui.dialogs.help import HelpDialog
from infocoach.tui.dialogs.log_event import LogEventDialog
from infocoach.tui.dialogs.message_editor import MessageEditor
from infocoach.tui.dialogs.question_dialog import QuestionDialog
from infocoach.tui.dialogs.referrals import ReferralsDialog
from infocoach.tui.dialogs.settings_form import SettingsForm
from infocoach.tui.dialogs.transfer_dialog import TransferDialog
from infocoach.tui.dialogs.warmup import WarmupDialog
from infocoach.tui.flows import open_transfer
from infocoach.tui.screens.agenda import AgendaScreen
from infocoach.tui.screens.call import CallScreen
from infocoach.tui.screens.insights import InsightsScreen
from infocoach.tui.screens.main import MainScreen

HOSTILE = ["a [/", "[@click=app.quit]x[/]", "[link=file:///etc/passwd]y[/link]"]


# -- what the terminal shows --------------------------------------------------------------


def box_of(app: InfoCoachApp) -> Region:
    """Where the top screen draws: a dialog's box, else the whole terminal."""
    if isinstance(app.screen, Dialog):
        return app.screen.box.region
    return app.screen.region


def drawn(app: InfoCoachApp, region: Region) -> list[str]:
    """The text of each terminal row within `region`, as composited for the top screen."""
    strips = app.screen._compositor.render_strips()
    return [strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom)]


def assert_shown_literally(app: InfoCoachApp, text: str, region: Region | None = None) -> None:
    """`text` is drawn, character for character, and none of its cells acts when clicked."""
    region = region or box_of(app)
    hits = []
    for row, line in enumerate(drawn(app, region)):
        start = line.find(text)
        while start != -1:
            hits.append((region.x + start, region.y + row))
            start = line.find(text, start + 1)
    assert hits, f"{text!r} is not drawn on {type(app.screen).__name__}:\n" + "\n".join(
        drawn(app, region)
    )
    compositor = app.screen._compositor
    for x, y in hits:
        for cell in range(len(text)):
            style = compositor.get_style_at(x + cell, y)
            assert "@click" not in style.meta, (text, x + cell, y, style.meta)
            assert style.link is None, (text, x + cell, y, style.link)


def assert_no_actions_drawn(app: InfoCoachApp) -> None:
    """No cell on the terminal carries a click action or a link (the UI draws none itself)."""
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        for segment in strip:
            style = segment.style
            if style is not None:
                assert "@click" not in style.meta and style.link is None, (y, segment)


async def on_top(pilot, screen_type: type[Screen], name: str | None) -> Screen:
    """The app still runs, `screen_type` is on top, and `name` is shown literally in it."""
    await pilot.pause()
    app = pilot.app
    assert app.is_running and app.return_code is None
    assert isinstance(app.screen, screen_type), type(app.screen)
    assert_no_actions_drawn(app)
    if name is not None:
        assert_shown_literally(app, name)
    return app.screen


async def shown_in_toast(pilot, text: str) -> None:
    """`text` is drawn literally in a toast; then the toasts go, so they hide nothing later."""
    await pilot.pause()
    assert_shown_literally(pilot.app, text, pilot.app.screen.region)
    assert_no_actions_drawn(pilot.app)
    pilot.app.clear_notifications()
    await pilot.pause()


async def back_to_main(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()
    assert isinstance(pilot.app.screen, MainScreen), type(pilot.app.screen)


# -- the data: the name everywhere ----------------------------------------------------------


@pytest.fixture(params=HOSTILE)
def name(request) -> str:
    return request.param


@pytest.fixture
def hostile_app(store, content, clock, name, monkeypatch):
    """A contact with `name` in every field, referred by one who has it too; an interview
    with notes, an interview yesterday (so the Agenda has a thank-you due), an own question."""
    referrer = store.add_contact(name=f"Ref {name}", company=name, notes=name)
    contact = store.add_contact(
        name=name,
        company=name,
        role=name,
        how_met=name,
        notes=name,
        industry=name,
        referred_by=referrer.id,
        minutes=20,
    )
    store.add_contact(name=f"{name} junior", referred_by=contact.id)
    question = store.add_own_question(name)
    store.set_questions(contact.id, [question.id, "role-typical-week"])
    yesterday = store.today() - timedelta(days=1)
    store.log_event(contact.id, "interviewed", day=yesterday, note=name)
    store.add_interview(contact.id, day=yesterday, minutes=20, notes=name, referrals=[name])
    store.add_interview(referrer.id, day=yesterday, minutes=20, notes=name)
    save_settings(Settings(my_name=name, my_purpose=name, my_background=name, my_phone=name))
    script = replace(content.scripts[0], title=name, text=f"{name}\n\n" + content.scripts[0].text)
    guidance = replace(
        content,
        scripts=(script, *content.scripts[1:]),
        cards=(replace(content.cards[0], title=name), *content.cards[1:]),
        drills=(Drill("hostile", title=name, situation=name, answer=name, tip=name),),
        warnings=(f"{name}: not read",),
    )
    app = InfoCoachApp(store, guidance, clock=clock)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    monkeypatch.setattr("webbrowser.open", lambda url, *_, **__: opened.append(url))
    app.opened = opened
    app.hostile_ids = (contact.id, referrer.id)
    return app


def assert_nothing_acted(app: InfoCoachApp) -> None:
    assert app.is_running and app.return_code is None
    assert app.opened == []


# -- the screens ----------------------------------------------------------------------------


@pytest.mark.slow
async def test_main_screen_and_its_overlays(hostile_app, name):
    app = hostile_app
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        main = await on_top(pilot, MainScreen, name)
        assert main.contact is not None and main.contact.id == app.hostile_ids[0]
        await shown_in_toast(pilot, f"{name}: not read")  # the content warning

        await pilot.press("e")
        form = await on_top(pilot, ContactForm, name)
        assert form.query_one("#how_met", Input).value == name
        await pilot.press("ctrl+s")  # saved unchanged: the toast names the contact
        await on_top(pilot, MainScreen, None)
        await shown_in_toast(pilot, f"Saved {name}.")

        await pilot.press("l")
        await on_top(pilot, LogEventDialog, f"Log an event for {name}")
        await back_to_main(pilot, "escape")

        await pilot.press("d")
        await on_top(pilot, ConfirmDialog, f"Delete {name}?")
        await back_to_main(pilot, "escape")

        await pilot.press("n")
        dialog = await on_top(pilot, QuestionDialog, None)
        dialog.query_one(Input).value = f"{name}?"
        await on_top(pilot, QuestionDialog, f"{name}?")
        await back_to_main(pilot, "enter")
        assert_shown_literally(app, f"{name}?")  # now in the bank

        await pilot.press("R")
        await on_top(pilot, ReferralsDialog, f"Referrals around {name}")
        assert_shown_literally(app, f"{name} was referred by Ref {name}")
        assert_shown_literally(app, f"{name} junior")  # in the tree
        await back_to_main(pilot, "escape")

        await pilot.press("m")
        editor = await on_top(pilot, MessageEditor, f"Message for {name}")
        assert editor.text  # a draft, filled with the name
        await back_to_main(pilot, "escape")

        await pilot.press("A")
        await on_top(pilot, AgendaScreen, name)
        await back_to_main(pilot, "escape")

        await pilot.press("i")
        await on_top(pilot, InsightsScreen, name)
        await back_to_main(pilot, "escape")

        await pilot.press("p")
        await on_top(pilot, DrillDialog, name)
        await pilot.press("space")  # the answer and the tip
        await on_top(pilot, DrillDialog, f"Tip: {name}")
        await back_to_main(pilot, "escape")

        await pilot.press("g")
        await on_top(pilot, GuideDialog, name)
        await back_to_main(pilot, "escape")

        await pilot.press("question_mark")
        await on_top(pilot, HelpDialog, None)
        await back_to_main(pilot, "escape")
        assert_nothing_acted(app)


async def test_call_mode_and_its_dialogs(hostile_app, name):
    app = hostile_app
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await on_top(pilot, MainScreen, name)
        await shown_in_toast(pilot, f"{name}: not read")
        await pilot.press("c")
        await on_top(pilot, CallStartDialog, f"Ready to call {name}?")
        await pilot.press("w")
        await on_top(pilot, WarmupDialog, f"then call {name}")
        await pilot.press("enter")
        call = await on_top(pilot, CallScreen, name)
        for part in (f"Met: {name}", f"Referred by: Ref {name}", f"Purpose: {name}"):
            assert_shown_literally(app, part)
        assert_shown_literally(app, name, call.query_one("#call-questions").region)  # own question
        await pilot.press("ctrl+e")
        await on_top(pilot, EndCallDialog, f"Log the interview with {name}")
        assert_shown_literally(app, f"referred by {name}"[:30])  # the checkbox clips the rest
        await pilot.press("escape")
        assert app.screen is call
        await pilot.press("escape")  # leaving asks, naming the contact literally
        await on_top(pilot, ConfirmDialog, f"Leave the call with {name}?")
        await back_to_main(pilot, "ctrl+y")
        assert_nothing_acted(app)


async def test_forms_and_transfer_dialogs(hostile_app, name, tmp_path):
    app = hostile_app
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        main = await on_top(pilot, MainScreen, name)
        await shown_in_toast(pilot, f"{name}: not read")
        assert_shown_literally(app, name, main.query_one("#timer-pane").region)  # script title

        app.push_screen(SettingsForm(app.settings.placeholders()))
        form = await on_top(pilot, SettingsForm, name)
        assert_shown_literally(app, f"Reads: My name is {name}.")
        assert form.query_one("#my_purpose", Input).value == name
        await back_to_main(pilot, "escape")

        open_transfer(app, "import", "linkedin")
        dialog = await on_top(pilot, TransferDialog, None)
        missing = tmp_path / f"{name}.csv"
        dialog.query_one("#transfer-path", Input).value = str(missing)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await on_top(pilot, TransferDialog, f"{missing.name}")
        await back_to_main(pilot, "escape")

        open_transfer(app, "export", "markdown", main.selected_contact())
        await on_top(pilot, TransferDialog, None)
        await back_to_main(pilot, "escape")
        assert_nothing_acted(app)
