"""Keys typed just before a save key (ctrl+s, ctrl+e…) are in what is saved: a fast typist or a
paste, where the save key arrives before the text field has taken the letters before it."""

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
