"""Keys typed just before a save key (ctrl+s, ctrl+e…) are in what is saved, and keys typed after
a tab go to the field it moves to: a fast typist or a paste, where a key arrives before the text
field has taken the letters before it."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from infocoach.tui.dialogs.contact_form import ContactForm

from .conftest import reopen

TYPED = "Browser Test Person"


def type_at_once(app, text: str, then: str) -> None:
    """Queue every key at once, as a terminal delivers a burst, without waiting between."""
    for character in text:
        key = "space" if character == " " else character
        app.post_message(events.Key(key, character))
    app.post_message(events.Key(then, None))


def field_values(form: ContactForm) -> dict[str, str]:
    return {field.id: field.value for field in form.query(Input) if field.value}


async def test_a_name_typed_in_a_burst_then_saved_is_saved_whole(store, make_app, data_file):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert isinstance(app.focused, Input)
        type_at_once(app, TYPED, "ctrl+s")
        for _ in range(20):
            await pilot.pause()
        assert not isinstance(app.screen, ContactForm), app.focused.value
    assert [contact.name for contact in reopen(data_file).contacts()] == [TYPED]


async def test_words_typed_in_a_burst_after_a_tab_go_to_the_next_field(store, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        type_at_once(app, "Bo Chen", "tab")  # to "Greet as"
        type_at_once(app, "", "tab")
        type_at_once(app, "Acme", "tab")
        type_at_once(app, "Analyst", "shift+tab")
        type_at_once(app, "", "shift+tab")
        type_at_once(app, "", "shift+tab")  # back where she began
        for _ in range(20):
            await pilot.pause()
        assert field_values(form) == {"name": "Bo Chen", "company": "Acme", "role": "Analyst"}
        assert app.focused.id == "name"
