"""Contacts pane: add, edit, delete with undo, filter; the form's inline validation."""

from __future__ import annotations

from textual.widgets import Input, OptionList
from textual.widgets._toast import Toast

from infocoach.tui.dialogs.choose_contact import ChooseContactDialog
from infocoach.tui.dialogs.confirm import ConfirmDialog
from infocoach.tui.dialogs.contact_form import ContactForm
from infocoach.tui.widgets.contacts import ContactsPane
from infocoach.tui.widgets.status import StatusLine

from .conftest import reopen, until


def shown_names(app) -> list[str]:
    pane = app.screen.query_one(ContactsPane)
    return [contact.name for contact in pane.contact_list.rows]


async def test_first_contact_is_selected_and_drives_panes(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        first = demo_store.contacts()[0]
        assert app.screen.contact.id == first.id
        assert app.screen.sub_title.split(" · ")[0] == first.name
        await pilot.press("down")
        second = demo_store.contacts()[1]
        assert app.screen.contact.id == second.id


async def test_add_contact_with_the_form(store, make_app, data_file):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, ContactForm)
        assert app.focused.id == "name"
        await pilot.press(*"Ann Lee")
        await pilot.press("tab", "tab", *"Acme")  # past "Greet as"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
        assert shown_names(app) == ["Ann Lee"]
    saved = reopen(data_file).contacts()
    assert [(c.name, c.company) for c in saved] == [("Ann Lee", "Acme")]


async def test_the_form_shows_its_greeting_and_she_can_correct_it(store, make_app, data_file):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"Dr. Amara Nwosu")
        await pilot.pause()
        greet = app.screen.query_one("#greet_as", Input)
        assert greet.placeholder == "Dr. Nwosu (type to change)"  # the app's guess, as typed
        await pilot.press("tab", *"Amara", "tab", *"Siemens Healthineers AG", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
        # editing it again: her own greeting, kept; the guess still shown behind it
        await pilot.press("e")
        await pilot.pause()
        greet = app.screen.query_one("#greet_as", Input)
        assert greet.value == "Amara" and greet.placeholder == "Dr. Nwosu (type to change)"
        await pilot.press("escape")
    [saved] = reopen(data_file).contacts()
    assert (saved.greet_as, saved.greeting, saved.company) == (
        "Amara",
        "Amara",
        "Siemens Healthineers AG",
    )


async def test_form_marks_bad_fields_and_saves_nothing(store, make_app, data_file):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        form = app.screen
        form.query_one("#meeting", Input).value = "next tuesday"
        form.query_one("#minutes", Input).value = "300"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        invalid = {field.id for field in form.query(".field.-invalid")}
        assert invalid == {"field-name", "field-meeting", "field-minutes"}
        assert "out of range" in str(form.query_one("#field-minutes .error").render())
        assert app.focused.id == "name"
        await pilot.press("escape")
        assert not isinstance(app.screen, ContactForm)
    assert store.contacts() == []
    assert not data_file.exists()


async def test_edit_contact(demo_store, make_app, data_file):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        contact = app.screen.contact
        await pilot.press("e")
        company = app.screen.query_one("#company", Input)
        assert company.value == contact.company
        company.value = "Acme Research"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert reopen(data_file).get_contact(contact.id).company == "Acme Research"


async def test_delete_asks_first_then_undo_restores(demo_store, make_app, data_file):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        contact = app.screen.contact
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press(*"yes")  # a bare letter never confirms
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # on the safe choice, focused first: keep
        assert contact.name in shown_names(app)
        await pilot.press("d", "ctrl+y")
        await pilot.pause()
        assert contact.name not in shown_names(app)
        assert contact.id not in {c.id for c in reopen(data_file).contacts()}
        await pilot.press("u")
        await pilot.pause()
        assert app.screen.contact.id == contact.id
    assert reopen(data_file).get_contact(contact.id) == contact


async def test_filter_as_you_type(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"northwind")
        assert sorted(shown_names(app)) == ["Priya Natarajan", "Tom Becker"]
        assert app.screen.contact.name in {"Priya Natarajan", "Tom Becker"}
        await pilot.press("ctrl+u")  # clear the field
        await pilot.press(*"diary studies")  # matches notes
        assert shown_names(app) == ["Priya Natarajan"]
        await pilot.press("escape")
        assert len(shown_names(app)) == demo_store.contact_count()


async def test_letter_keys_type_into_fields_instead_of_acting(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"qade")
        assert app.is_running
        assert app.screen.query_one("#contact-filter", Input).value == "qade"
        assert not isinstance(app.screen, (ContactForm, ConfirmDialog))


async def test_welcome_panel_when_there_are_no_contacts(store, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)):
        pane = app.screen.query_one(ContactsPane)
        assert pane.has_class("-empty")
        assert "a  to add your first contact" in str(pane.query_one("#welcome").render())


# -- the referrer: names that clash, and one who is not a contact yet ------------------------


async def fill_new_contact(pilot, name: str, referrer: str) -> None:
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*name)
    pilot.app.screen.query_one("#referred_by", Input).focus()
    await pilot.press(*referrer, "ctrl+s")
    await pilot.pause()


async def test_a_referrer_name_two_contacts_share_is_picked_by_company(store, make_app, data_file):
    store.add_contact(name="Aisha Ahmed", company="Acme", role="Data lead")
    globex = store.add_contact(name="Aisha Ahmed", company="Globex")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await fill_new_contact(pilot, "Ben Ode", "aisha ahmed")
        assert isinstance(app.screen, ChooseContactDialog)
        shown = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert shown == ["Aisha Ahmed, Acme, Data lead", "Aisha Ahmed, Globex"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, (ChooseContactDialog, ContactForm))
    assert reopen(data_file).find_contact("Ben Ode").referred_by == globex.id


async def test_escape_on_the_picker_goes_back_to_the_form_with_the_text(store, make_app):
    store.add_contact(name="Aisha Ahmed", company="Acme")
    store.add_contact(name="Aisha Ahmed", company="Globex")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await fill_new_contact(pilot, "Ben Ode", "Aisha Ahmed")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert app.screen.values()["name"] == "Ben Ode"
        assert app.focused.id == "referred_by"
    assert [c.name for c in store.contacts()] == ["Aisha Ahmed", "Aisha Ahmed"]


async def test_a_referrer_who_is_not_a_contact_is_added_in_the_same_step(
    store, make_app, data_file
):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await fill_new_contact(pilot, "Ben Ode", "Nina Newman")
        assert isinstance(app.screen, ConfirmDialog)
        assert "No contact is named “Nina Newman”" in str(
            app.screen.query_one("#question").render()
        )
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert not isinstance(app.screen, (ConfirmDialog, ContactForm))
    reread = reopen(data_file)
    assert reread.find_contact("Ben Ode").referred_by == reread.find_contact("Nina Newman").id


async def test_editing_a_contact_whose_referrer_shares_a_name_just_works(
    store, make_app, data_file
):
    first = store.add_contact(name="Aisha Ahmed", company="Acme")
    store.add_contact(name="Aisha Ahmed", company="Globex")
    ben = store.add_contact(name="Ben Ode", referred_by=f"#{first.id}")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.select_contact(ben.id)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#company", Input).focus()
        await pilot.press(*"Initech", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
    reread = reopen(data_file).get_contact(ben.id)
    assert (reread.company, reread.referred_by) == ("Initech", first.id)


async def test_the_undo_on_the_status_line_takes_a_delete_back(demo_store, make_app, data_file):
    before = {c.id: c for c in demo_store.contacts()}
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("d", "ctrl+y")
        await pilot.pause(0.3)
        assert len(demo_store.contacts()) == len(before) - 1
        assert not app.screen.query(Toast)  # a routine notice: the status line, no toast
        status = app.screen.query_one(StatusLine)
        text = status.render().plain
        assert "Deleted " in text and "Undo" in text
        padding = status.styles.padding
        await pilot.click(status, offset=(padding.left + text.index("Undo") + 1, 0))
        await pilot.pause()
    assert {c.id: c for c in reopen(data_file).contacts()} == before


async def test_a_held_arrow_moves_the_list_at_once_and_the_panes_when_it_rests(
    demo_store, make_app, monkeypatch
):
    from infocoach.tui.screens import main

    monkeypatch.setattr(main, "CURSOR_SETTLE_SECONDS", 1.0)  # presses below come well within
    contacts = demo_store.contacts()
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one(ContactsPane)
        await pilot.pause()
        await pilot.press("down")  # after a rest: the panes follow at once (the next frame)
        await until(
            pilot, lambda: app.screen.contact.id == contacts[1].id, "the panes", seconds=0.5
        )
        await pilot.press("down", "down")  # a held key: the list answers each move...
        assert pane.highlighted_id == contacts[3].id
        assert pane.contact_list.cursor == 3
        assert app.screen.contact.id == contacts[1].id  # ...the panes wait for a rest
        await pilot.pause(1.2)
        assert app.screen.contact.id == contacts[3].id
        assert app.screen.sub_title.split(" · ")[0] == contacts[3].name


async def test_an_action_right_after_a_move_acts_on_the_contact_under_the_cursor(
    demo_store, make_app, monkeypatch
):
    from infocoach.tui.screens import main

    monkeypatch.setattr(main, "CURSOR_SETTLE_SECONDS", 5.0)
    contacts = demo_store.contacts()
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "e")
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#name", Input).value == contacts[2].name
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.contact.id == contacts[2].id  # the panes show it too
