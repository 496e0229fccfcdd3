"""User text is data: markup, escapes, huge and right-to-left names render literally."""

from __future__ import annotations

import pytest

from infocoach.tui.widgets.contacts import ContactsPane
from infocoach.tui.widgets.questions import TAG_SEPARATOR, QuestionsPane

HOSTILE = [
    "[b]Ann[/b]",
    "a [/",
    "[link=https://example.com]click[/link]",
    "[@click=app.quit]x[/]",
    "Z" * 3000,
    "مرحبا بالعالم",
    "👩‍👩‍👧‍👦 Family 🇳🇿",
]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_every_pane_renders_hostile_names(store, make_app, size):
    for name in HOSTILE:
        contact = store.add_contact(name=name, company=name[:50], notes=name, tags=name[:40])
        store.choose_question(contact.id, "role-typical-day")
        store.add_own_question(name)
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        pane = app.screen.query_one(ContactsPane)
        prompts = [contact.name for contact in pane.contact_list.rows]
        assert sorted(prompts) == sorted(HOSTILE)
        drawn = pane.contact_list.render_line(0).text
        first = pane.contact_list.rows[0].name
        assert drawn.strip().rstrip("…") and first.startswith(drawn.strip().rstrip("…"))
        for _ in HOSTILE:
            await pilot.press("down")
            await pilot.pause()
            assert app.screen.sub_title.split(" · ")[0] == app.screen.contact.name
            chosen_title = str(app.screen.query_one("#chosen-title").render())
            assert chosen_title.startswith(f"Chosen for {app.screen.contact.name[:20]}")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape", "d")
        await pilot.pause()
        await pilot.press("escape")
        bank = app.screen.query_one(QuestionsPane).bank
        assert "[b]Ann[/b]" in [
            str(o.prompt).split(TAG_SEPARATOR, 1)[1]
            for o in bank.options
            if o.id.startswith("own-")
        ]
        assert app.is_running


async def test_screenshots_show_markup_names_literally(store, make_app):
    store.add_contact(name="[b]Ann[/b]", company="[@click=app.quit]Acme[/]")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        svg = app.export_screenshot()
    assert "[b]Ann[/b]" in svg
    assert "[@click=app.quit]Acme[/]" in svg.replace("&#160;", " ")
