"""The Targets view (#19): the LAMP list in order, the top five marked, a company's people,
how each answers and what she heard there; enter goes to a contact, e edits the company."""

from __future__ import annotations

from textual.widgets import Input, Static

from infocoach.tui.dialogs.company_form import CompanyForm
from infocoach.tui.screens.main import MainScreen
from infocoach.tui.screens.targets import TargetList, TargetsScreen
from infocoach.tui.widgets.contacts import ContactsPane

from .conftest import reopen


async def open_targets(pilot) -> TargetsScreen:
    await pilot.press("T")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TargetsScreen)
    return screen


def rows(screen: TargetsScreen) -> list[str]:
    listing = screen.query_one(TargetList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def detail(screen: TargetsScreen) -> str:
    return str(screen.query_one("#targets-detail", Static).render())


async def test_t_lists_the_companies_in_lamp_order_top_five_marked(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_targets(pilot)
        expected = [target.company.name for target in demo_store.targets()]
        shown = rows(screen)
        assert len(shown) == len(expected) >= 6
        for rank, (row, name) in enumerate(zip(shown, expected, strict=True), start=1):
            assert f"{rank:>2}. {name}" in row
            assert row.startswith("★") == (rank <= 5)
        scores = [(t.company.motivation, t.company.posting) for t in demo_store.targets()]
        assert scores == sorted(scores, reverse=True)  # motivation, then posting, first


async def test_the_highlighted_company_shows_its_people_their_types_and_what_she_heard(
    demo_store, make_app
) -> None:
    top = demo_store.targets()[0]
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_targets(pilot)
        shown = detail(screen)
        assert top.company.name in shown and "People there" in shown
        for contact in top.contacts:
            assert contact.name in shown
            if contact.contact_type:
                assert f"{contact.name}" in shown and contact.contact_type in shown
        assert "What I heard there" in shown
        await pilot.press("down")
        await pilot.pause()
        assert demo_store.targets()[1].company.name in detail(screen)


async def test_enter_goes_to_a_contact_there_on_the_main_screen(demo_store, make_app) -> None:
    top = demo_store.targets()[0]
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_targets(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        selected = app.screen.query_one(ContactsPane).highlighted_id
        assert selected in {contact.id for contact in top.contacts}


async def test_e_edits_the_scores_and_the_list_reorders_and_u_takes_it_back(
    demo_store, make_app, data_file
) -> None:
    last = demo_store.targets()[-1].company
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_targets(pilot)
        await pilot.press("end")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CompanyForm)
        form.query_one("#motivation", Input).value = "3"
        form.query_one("#posting", Input).value = "3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert f" 1. {last.name}" in rows(screen)[0]
        assert reopen(data_file).get_company(last.id).motivation == 3
        await pilot.press("u")
        await pilot.pause()
        assert f" 1. {last.name}" not in rows(screen)[0]


async def test_a_score_out_of_range_is_said_under_its_field(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_targets(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#motivation", Input).value = "7"
        form.query_one("#shared_background", Input).value = "perhaps"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#field-motivation").has_class("-invalid")
        assert form.query_one("#field-shared_background").has_class("-invalid")


def test_targets_snapshot(snap_compare, demo_store, make_app) -> None:
    async def open_it(pilot) -> None:
        await open_targets(pilot)

    assert snap_compare(make_app(demo_store), terminal_size=(120, 40), run_before=open_it)


async def test_she_can_say_how_a_contact_answers_and_the_header_shows_it(
    demo_store, make_app, data_file
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one(ContactsPane)
        contact_id = pane.highlighted_id
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#contact_type_override", Input).value = "Curmudgeon"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert reopen(data_file).get_contact(contact_id).contact_type == "curmudgeon"
        assert app.screen.sub_title.endswith(" · curmudgeon")  # in the header
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#contact_type_override", Input).value = "grumpy"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#field-contact_type_override").has_class("-invalid")
