"""Issue 29 in the app: a day that flows (names found whatever their accents, one count of
names gained, a held interview clears the planned meeting, ...)."""

from __future__ import annotations

from infocoach.tui.widgets.contacts import ContactsPane


def shown_names(app) -> list[str]:
    return [contact.name for contact in app.screen.query_one(ContactsPane).contact_list.rows]


async def test_the_filter_ignores_accents_and_case(store, make_app):
    for name in ("Chloé Martin", "CHLOÉ Dubois", "Zoë Park"):
        store.add_contact(name=name)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"chloe")
        assert sorted(shown_names(app)) == ["CHLOÉ Dubois", "Chloé Martin"]
        await pilot.press("ctrl+u", *"zoe park")
        assert shown_names(app) == ["Zoë Park"]
