"""The one table of actions: every binding comes from it, help and the palette show it, and
every key of the main screen does its thing, or says in one line why it cannot."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.widgets import Input

import infocoach.tui
from infocoach.core import pacing
from infocoach.tui import actions
from infocoach.tui.actions import ACTIONS, NEEDS_CONTACT, Action
from infocoach.tui.dialogs.call_dialogs import CallStartDialog
from infocoach.tui.dialogs.confirm import ConfirmDialog
from infocoach.tui.dialogs.contact_form import ContactForm
from infocoach.tui.dialogs.drill import DrillDialog
from infocoach.tui.dialogs.guide import GuideDialog
from infocoach.tui.dialogs.help import HelpDialog, help_source, help_text
from infocoach.tui.dialogs.history import HistoryDialog
from infocoach.tui.dialogs.log_event import LogEventDialog
from infocoach.tui.dialogs.message_editor import MessageEditor
from infocoach.tui.dialogs.question_dialog import QuestionDialog
from infocoach.tui.dialogs.referrals import ReferralsDialog
from infocoach.tui.messages import EVENTS, announce
from infocoach.tui.screens.agenda import AgendaScreen
from infocoach.tui.screens.insights import InsightsScreen
from infocoach.tui.screens.main import MainScreen
from infocoach.tui.screens.targets import TargetsScreen
from infocoach.tui.widgets.contacts import ContactsPane, contact_detail
from infocoach.tui.widgets.timer import TimerPane

TUI = Path(infocoach.tui.__file__).parent


def tui_modules() -> list[str]:
    return [
        info.name
        for info in pkgutil.walk_packages([str(TUI)], prefix="infocoach.tui.")
        if not info.ispkg
    ]


def classes_with_bindings() -> list[type[DOMNode]]:
    """Every widget, screen and app class of ours that declares its own BINDINGS."""
    found = []
    for name in tui_modules():
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == name and issubclass(cls, DOMNode) and "BINDINGS" in vars(cls):
                found.append(cls)
    return found


# -- the table is the only place that knows keys ---------------------------------------------


def test_every_binding_of_every_screen_comes_from_the_table() -> None:
    bound: set[str] = set()
    classes = classes_with_bindings()
    assert len(classes) > 20
    for cls in classes:
        for binding in vars(cls)["BINDINGS"]:
            assert isinstance(binding, Binding), f"{cls.__name__}: {binding!r} is not a Binding"
            assert binding.id in actions.BY_ID, f"{cls.__name__}: {binding.key} is not in the table"
            action = actions.BY_ID[binding.id]
            assert binding.key == action.keys, f"{cls.__name__}: {binding.key} != {action.keys}"
            assert binding.action.removeprefix("app.") == action.action.removeprefix("app.")
            bound.add(action.id)
    unbound = {a.id for a in ACTIONS if a.keys} - bound
    assert not unbound, f"actions with keys that no screen binds: {unbound}"


def test_action_ids_name_their_place() -> None:
    for action in ACTIONS:
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", action.id), action.id
        assert action.label and action.description
        assert action.keys or action.palette, f"{action.id}: neither a key nor a palette entry"


def test_help_shows_every_action_of_every_screen() -> None:
    places = set(actions.help_places(help_source()))
    text = help_text()
    assert "{{keys" not in text
    for action in ACTIONS:
        place = f"{action.screen}/{action.pane}" if action.pane else action.screen
        assert place in places, f"help.md has no {{{{keys {place}}}}} table"
        keys = " or ".join(f"`{actions.key_label(key)}`" for key in action.key_list)
        row = f"| {keys} | {action.description} |" if keys else f"*{action.name}* |"
        assert row in text, f"{action.id} is missing from help: {row}"


def test_no_screen_reaches_into_another_objects_private_parts() -> None:
    """Only `textual_private` reaches into Textual's, each name with its reason (`os._exit` is
    public, whatever its name says)."""
    private = re.compile(r"\b(?!self\b|cls\b|os\._exit\b)[a-z_]\w*\.(_[a-z]\w*)\b")
    strings = re.compile(r"\"[^\"]*\"|'[^']*'")
    for path in TUI.rglob("*.py"):
        if path.name == "textual_private.py":
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            code = strings.sub('""', line).split("#")[0]
            if code.lstrip().startswith(("from ", "import ")):
                continue
            assert not private.search(code), f"{path.name}:{number}: {line.strip()}"


def test_palette_only_keys_are_pane_and_dialog_keys() -> None:
    for action in ACTIONS:
        if not action.palette and action.screen in {"app", "main", "call"}:
            assert action.pane or action.id == "app.quit", action.id


# -- check_action ----------------------------------------------------------------------------


async def test_check_action_follows_the_selection(store, make_app) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.screen
        assert main.check_action("edit_contact", ()) is None  # shown disabled
        assert main.check_action("add_contact", ()) is True
        assert app.check_action("undo", ()) is None
        assert main.active_bindings["e"].enabled is False
        store.add_contact(name="Ada")
        announce(app, "contacts")
        await pilot.pause()
        assert main.check_action("edit_contact", ()) is True
        assert main.active_bindings["e"].enabled is True
        pane = main.query_one(ContactsPane)
        assert pane.check_action("clear_filter", ()) is False  # no filter: not in the footer
        await pilot.press("slash", *"zz")
        await pilot.pause()
        assert pane.check_action("clear_filter", ()) is True
        assert main.check_action("add_contact", ()) is False  # typing: letters are the field's
        assert app.check_action("quit_app", ()) is False
        await pilot.press("enter")  # the filter stays, the list has the focus again
        assert main.check_action("add_contact", ()) is True
        assert main.check_action("edit_contact", ()) is None  # the filter hides Ada


async def test_typing_in_the_filter_never_runs_a_key_and_the_footer_shows_its_keys(
    demo_store, make_app, data_file
) -> None:
    before = data_file.read_bytes()
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.screen
        await pilot.press("slash")
        typed = "aedunptrcgAlmRiq?/"
        await pilot.press(*typed)
        await pilot.pause()
        assert app.is_running and app.screen is main
        field = main.query_one(ContactsPane).filter_input
        assert field.has_focus and field.value == typed
        assert not main.query_one(TimerPane).running
        assert len(app.said) == 0  # nothing said "cannot"
        shown = {b.binding.id for b in main.active_bindings.values() if b.binding.show}
        assert shown == {"contacts.clear_filter"}
        assert not any(
            b.binding.id in actions.BY_ID
            and actions.BY_ID[b.binding.id].screen in {"main", "app"}
            and not actions.BY_ID[b.binding.id].pane
            for b in main.active_bindings.values()
        )
    assert data_file.read_bytes() == before


# -- the palette -----------------------------------------------------------------------------


def palette_titles(app) -> set[str]:
    return {command.title for command in app.get_system_commands(app.screen)}


def main_palette() -> list[Action]:
    return [a for a in ACTIONS if a.palette and a.screen in {"app", "main"}]


async def test_the_palette_offers_every_action_that_can_run_now(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        titles = palette_titles(app)
        # nothing deleted, no filter open, no failed save, no rehearsal running
        cannot = {"app.undo", "contacts.clear_filter", "app.retry_save", "main.finished"}
        for action in main_palette():
            assert (action.name in titles) == (action.id not in cannot), action.id
        await pilot.press("slash", *"zzzz", "enter")
        await pilot.pause()
        titles = palette_titles(app)
        for action in main_palette():
            can = action.needs is not NEEDS_CONTACT and action.id not in cannot - {
                "contacts.clear_filter"
            }
            assert (action.name in titles) == can, action.id
        assert "Clear filter" in titles


async def test_a_palette_command_runs_while_a_field_has_the_focus(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        (edit,) = [c for c in app.get_system_commands(app.screen) if c.title == "Edit contact"]
        edit.callback()
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#name", Input).value == app.screen_stack[-2].contact.name


# -- every key of the main screen, three ways ------------------------------------------------

Check = Callable[[Pilot], object]


def opens(screen_type: type) -> tuple[Check, tuple[str, ...]]:
    def check(pilot: Pilot) -> None:
        assert isinstance(pilot.app.screen, screen_type), pilot.app.screen

    return check, ("escape",)


def timer_running(running: bool) -> Check:
    def check(pilot: Pilot) -> None:
        assert pilot.app.screen.query_one(TimerPane).running is running

    return check


def listening(on: bool) -> Check:
    def check(pilot: Pilot) -> None:
        assert pilot.app.screen.query_one(TimerPane).listens is on

    return check


def prompter_pace(wpm: int) -> Check:
    def check(pilot: Pilot) -> None:
        assert pilot.app.screen.query_one(TimerPane).pace == wpm

    return check


def filter_open(pilot: Pilot) -> None:
    pane = pilot.app.screen.query_one(ContactsPane)
    assert pane.filtering and pane.filter_input.has_focus


# What each key does when it can run; then the keys that bring the main screen back.
DOES: dict[str, tuple[Check, tuple[str, ...]]] = {
    "app.help": opens(HelpDialog),
    "main.add": opens(ContactForm),
    "main.edit": opens(ContactForm),
    "main.delete": opens(ConfirmDialog),
    "main.filter": (filter_open, ("enter",)),  # enter keeps the filter, back to the list
    "main.own_question": opens(QuestionDialog),
    "main.timer": (timer_running(True), ()),
    "main.finished": (timer_running(False), ()),  # pressed while the rehearsal runs
    "main.listen": (listening(True), ()),
    "main.reset": (timer_running(False), ()),
    "main.call": opens(CallStartDialog),
    "main.drill": opens(DrillDialog),
    "main.guide": opens(GuideDialog),
    "main.agenda": opens(AgendaScreen),
    "main.targets": opens(TargetsScreen),
    "main.log_event": opens(LogEventDialog),
    "main.messages": opens(MessageEditor),
    "main.referrals": opens(ReferralsDialog),
    "main.history": opens(HistoryDialog),
    "main.insights": opens(InsightsScreen),
    # pressed in this order, from the contact list
    "timer.slower": (prompter_pace(pacing.DEFAULT_PACE - 10), ()),
    "timer.faster": (prompter_pace(pacing.DEFAULT_PACE), ()),
}
MAIN_KEYS = [a for a in ACTIONS if a.screen in {"app", "main"} and not a.pane and a.keys]


def test_the_three_ways_test_knows_every_key_of_the_main_screen() -> None:
    assert {a.id for a in MAIN_KEYS} == set(DOES) | {"app.quit", "app.undo", "app.retry_save"}


def file_bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


async def press_every_main_key(pilot: Pilot, reason: Callable[[Action], str | None]) -> None:
    """Press each key of MAIN_KEYS: it does its thing (then back to the main screen), or it
    is shown disabled and says in one line why (`reason(action)`, None when it can run)."""
    app = pilot.app
    main = app.screen
    assert isinstance(main, MainScreen)
    for action in MAIN_KEYS:
        if action.id == "app.quit":
            continue
        if action.id == "app.retry_save":  # only there after a failed save
            assert all(key not in main.active_bindings for key in action.key_list)
            continue
        for key in action.key_list:
            why = reason(action)
            active = main.active_bindings[key]
            assert active.binding.id == action.id
            assert active.enabled is (why is None), f"{key}: shown enabled is {active.enabled}"
            said_before = len(app.said)
            await pilot.press(key)
            await pilot.pause()
            news = [n.text for n in list(app.said)[said_before:]]
            if why is None:
                check, back = DOES[action.id]
                check(pilot)
                await pilot.press(*back)
                await pilot.pause()
            else:
                assert news == [why], f"{key}: {news}"
                assert "\n" not in why
            assert app.screen is main, f"{key} left {app.screen}"
    await pilot.press("q", "ctrl+y")
    await pilot.pause()
    assert not app.is_running


@pytest.mark.slow
async def test_every_main_key_with_a_visible_selected_contact(
    demo_store, make_app, data_file
) -> None:
    before = file_bytes(data_file)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        contact = app.screen.selected_contact()
        assert contact is not None

        def reason(action: Action) -> str | None:
            if action.id == "app.undo":
                return "Nothing to undo yet."
            return None

        await press_every_main_key(pilot, reason)
    assert file_bytes(data_file) == before


@pytest.mark.slow
async def test_every_main_key_with_no_contacts(store, make_app, data_file) -> None:
    before = file_bytes(data_file)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:

        def reason(action: Action) -> str | None:
            if action.id == "app.undo":
                return "Nothing to undo yet."
            if action.needs is NEEDS_CONTACT:
                return f"{action.name}: no contacts yet. Press a to add one."
            return None

        await press_every_main_key(pilot, reason)
    assert file_bytes(data_file) == before


@pytest.mark.slow
async def test_every_main_key_with_a_filter_that_hides_every_contact(
    demo_store, make_app, data_file
) -> None:
    before = file_bytes(data_file)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"no such person", "enter")
        await pilot.pause(0.3)  # the panes follow the list once the typing settles
        assert app.screen.selected_contact() is None and app.screen.contact is None

        def reason(action: Action) -> str | None:
            if action.id == "app.undo":
                return "Nothing to undo yet."
            if action.needs is NEEDS_CONTACT:
                return f"{action.name}: no contact matches the filter. Press escape to clear it."
            return None

        await press_every_main_key(pilot, reason)
    assert file_bytes(data_file) == before


async def test_a_key_acts_on_the_highlighted_contact_not_on_one_the_filter_hides(
    demo_store, make_app
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.screen
        first = main.contact
        await pilot.press("slash", *"Tom Becker", "enter", "e")  # no pause: panes lag behind
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#name", Input).value == "Tom Becker" != first.name


# -- DataChanged -----------------------------------------------------------------------------


async def test_one_message_refreshes_every_open_screen(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.screen
        await pilot.press("A")
        await pilot.pause()
        agenda = app.screen
        assert isinstance(agenda, AgendaScreen)
        item = agenda.items[0]
        demo_store.log_event(item.contact_id, item.event)  # as a dialog would save it
        announce(app, EVENTS, contact_id=item.contact_id)
        await pilot.pause()
        assert item not in agenda.items
        row = next(
            c for c in main.query_one(ContactsPane).contact_list.rows if c.id == item.contact_id
        )
        assert contact_detail(row).endswith(contact_detail(demo_store.get_contact(item.contact_id)))


@pytest.mark.parametrize("key", ["a", "e"])
async def test_a_saved_form_selects_the_contact(demo_store, make_app, key) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        app.screen.query_one("#name", Input).value = "Zed Zimmer"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.contact.name == "Zed Zimmer"
        assert app.screen.selected_contact().name == "Zed Zimmer"


async def test_a_keymap_remaps_an_action_by_its_id(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.set_keymap({"main.add": "plus"})
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
