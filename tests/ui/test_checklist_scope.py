"""Step 1 (Network) is ticked once for the whole search; logging an event ticks what it does."""

from __future__ import annotations

from textual.widgets import OptionList, ProgressBar

from infocoach.tui.dialogs.log_event import LogEventDialog
from infocoach.tui.screens.main import MainScreen
from infocoach.tui.widgets.checklist import ChecklistPane, StepHeader

from .conftest import reopen


async def select(pilot, contact_id: int) -> MainScreen:
    main = pilot.app.screen
    assert isinstance(main, MainScreen)
    main.select_contact(contact_id)
    await pilot.pause()
    assert main.contact is not None and main.contact.id == contact_id
    return main


def shown(pane: ChecklistPane, item_id: str) -> str:
    """The line of `item_id` in the open step, as drawn."""
    return str(pane.items.get_option(item_id).prompt)


async def test_a_network_tick_shows_with_every_contact(store, make_app, data_file, content):
    ada = store.add_contact(name="Ada")
    bob = store.add_contact(name="Bob")
    network = content.steps[0]
    item = network.items[2].id
    per_contact = sum(len(step.items) for step in content.steps[1:])
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one(ChecklistPane)
        await select(pilot, ada.id)
        assert pane.open_step == "prepare"  # a contact opens at its own first step left
        bar = pane.query_one("#overall", ProgressBar)
        assert (bar.total, bar.progress) == (per_contact, 0)

        pane.go_to(item)
        pane.items.focus()
        await pilot.press("space")
        await pilot.pause()

        saved = reopen(data_file)
        assert saved.search_checklist() == {item: "2026-11-20"}
        assert saved.get_contact(ada.id).checklist == {}
        assert shown(pane, item).startswith("[x]")
        header = pane.query_one(f"#step-{network.id}", StepHeader)
        assert header.done == 1
        assert "whole search" in str(header.render())
        assert bar.progress == 0  # the contact's own progress counts steps 2-5 only
        assert any("for your whole search" in n.text for n in app.said)

        await select(pilot, bob.id)
        pane.go_to(item)
        assert shown(pane, item).startswith("[x]")  # the same tick with Bob
        assert pane.query_one(f"#step-{network.id}", StepHeader).done == 1
        assert bar.progress == 0
        # and unticked from Bob, it is gone for Ada too; u brings it back
        pane.items.focus()
        await pilot.press("space")
        await pilot.pause()
        assert reopen(data_file).search_checklist() == {}
        await select(pilot, ada.id)
        pane.go_to(item)
        assert shown(pane, item).startswith("[ ]")
        await pilot.press("u")
        await pilot.pause()
        assert reopen(data_file).search_checklist() == {item: "2026-11-20"}

        # a step 2 tick is the contact's own and moves its bar
        pane.go_to(content.steps[1].items[0].id)
        pane.items.focus()
        await pilot.press("space")
        await pilot.pause()
        assert bar.progress == 1
        assert set(reopen(data_file).get_contact(ada.id).checklist) == {
            content.steps[1].items[0].id
        }


async def test_logging_thanked_ticks_the_thank_you_and_u_undoes_both(
    store, make_app, data_file, content
):
    ada = store.add_contact(name="Ada")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await select(pilot, ada.id)
        await pilot.press("l")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LogEventDialog)
        events = dialog.query_one("#log-events", OptionList)
        events.focus()
        events.highlighted = events.get_option_index("thanked")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is main

        saved = reopen(data_file)
        assert [e.event for e in saved.events(ada.id)] == ["thanked"]
        assert saved.get_contact(ada.id).checklist == {"follow-up-thank-you": "2026-11-20"}
        thank_you = content.item("follow-up-thank-you")
        assert any(f"Ticked “{thank_you.text}”" in n.text for n in app.said)
        pane = main.query_one(ChecklistPane)
        pane.go_to("follow-up-thank-you")
        assert shown(pane, "follow-up-thank-you").startswith("[x]")

        await pilot.press("u")  # one undo takes back the event and the tick
        await pilot.pause()
        saved = reopen(data_file)
        assert saved.events(ada.id) == []
        assert saved.get_contact(ada.id).checklist == {}
        pane.go_to("follow-up-thank-you")
        assert shown(pane, "follow-up-thank-you").startswith("[ ]")
