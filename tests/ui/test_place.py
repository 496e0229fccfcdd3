"""She finds her place: the selection and the filter come back at the next start, the
Contacts title counts, the five steps show at a glance, and the question tags say what
they are (and filter)."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from infocoach.data.settings import Settings, load_settings, save_settings
from infocoach.tui import textual_private
from infocoach.tui.screens import main
from infocoach.tui.widgets.checklist import ChecklistPane, StepHeader
from infocoach.tui.widgets.contacts import ContactsPane
from infocoach.tui.widgets.questions import NO_MATCH, QuestionsPane

from .conftest import reopen


def on_screen(widget: Widget, lines: int | None = None) -> bool:
    """Whether `widget` (its first `lines`: all when None) is drawn where it is: displayed,
    with a non-empty region inside the screen and inside every container around it, and the
    topmost widget at its first cell."""
    region = widget.region
    if lines is not None:
        region = region._replace(height=min(lines, region.height))
    if not widget.display or region.area == 0:
        return False
    screen = widget.screen
    if not screen.region.contains_region(region):
        return False
    for parent in widget.ancestors:
        if (
            isinstance(parent, Widget)
            and parent is not screen
            and not parent.region.contains_region(region)
        ):
            return False
    found, _ = screen.get_widget_at(region.x, region.y)
    return found is widget or widget in found.ancestors


def header_text(header: StepHeader) -> str:
    return str(header.render())


# -- the place comes back ------------------------------------------------------------------


async def test_a_restart_restores_the_selection_and_the_filter(demo_store, make_app, data_file):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one(ContactsPane)
        await pilot.press("slash", *"bright", "enter", "down")
        await pilot.pause()
        chosen = pane.highlighted_id
        assert chosen is not None and chosen != pane.contact_list.rows[0].id
        assert app.screen.contact is not None and app.screen.contact.id == chosen
    saved = load_settings()
    assert (saved.last_contact, saved.contact_filter) == (chosen, "bright")

    again = make_app(reopen(data_file))
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = again.screen.query_one(ContactsPane)
        assert pane.filtering and pane.filter_input.value == "bright"
        assert pane.highlighted_id == chosen
        assert again.screen.contact is not None and again.screen.contact.id == chosen
        assert pane.contact_list.has_focus  # the list keeps the keys, not the filter
        shown = len(pane.contact_list.rows)
        assert str(pane.border_title) == f"Contacts · {shown} of 12"
        assert all("bright" in c.search_text() for c in pane.contact_list.rows)


async def test_the_place_is_saved_once_it_settles_not_at_each_key(
    demo_store, make_app, monkeypatch
):
    # A settle time no test run reaches: the wait is ended by hand, so a slow machine
    # cannot make the "not at each key" check pass or fail by chance.
    monkeypatch.setattr(main, "PLACE_SETTLE_SECONDS", 600)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        pane = screen.query_one(ContactsPane)

        async def settled() -> None:
            # The list's own settle timers (the cursor's 0.1 s, the filter's 0.15 s) note the
            # place first: wait for that, however slow the machine, then end the place's wait.
            for _ in range(200):
                if screen._pending_selection is None and screen._pending_place is not None:
                    break
                await pilot.pause(0.05)
            assert screen._pending_place is not None  # the save waits for the place to settle
            screen.remember_place()
            await pilot.pause()

        await pilot.press("down", "down", "down")
        await pilot.pause()
        assert load_settings().last_contact == 0  # not written at each key
        await settled()
        assert load_settings().last_contact == pane.highlighted_id
        await pilot.press("slash", *"lumen")
        await pilot.pause()
        assert load_settings().contact_filter == ""
        await settled()
        assert load_settings().contact_filter == "lumen"
        await pilot.press("escape")  # clearing the filter is remembered too
        await pilot.pause()
        await settled()
        assert load_settings().contact_filter == ""


async def test_a_contact_deleted_meanwhile_falls_back_to_the_first(demo_store, make_app):
    gone = demo_store.find_contact("Grace Liu")
    save_settings(Settings(last_contact=gone.id))
    demo_store.delete_contact(gone.id)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(ContactsPane)
        first = pane.contact_list.rows[0]
        assert pane.highlighted_id == first.id
        assert app.screen.contact == first
        assert not pane.filtering


async def test_a_filter_matching_nobody_comes_back_with_its_line(demo_store, make_app):
    save_settings(Settings(contact_filter="nobody-is-called-this"))
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(ContactsPane)
        assert pane.filtering and pane.filter_input.value == "nobody-is-called-this"
        assert pane.highlighted_id is None and app.screen.contact is None
        assert on_screen(pane.query_one("#no-match"))
        assert str(pane.border_title) == "Contacts · 0 of 12"
        await pilot.press("escape")
        await pilot.pause()
        assert pane.highlighted_id == pane.contact_list.rows[0].id
        assert str(pane.border_title) == "Contacts · 12"


# -- the Contacts title counts --------------------------------------------------------------


async def test_the_contacts_title_counts_with_and_without_filter(demo_store, make_app):
    demo_store.add_contact(name="[b]Not markup[/b] Lumen")  # a name is data, never markup
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one(ContactsPane)
        assert str(pane.border_title) == "Contacts · 13"
        await pilot.press("slash", *"lumen")
        await pilot.pause()
        shown = len(pane.contact_list.rows)
        assert 1 < shown < 13
        assert str(pane.border_title) == f"Contacts · {shown} of 13"
        await pilot.press("escape")
        assert str(pane.border_title) == "Contacts · 13"


async def test_no_contacts_no_count(store, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)):
        assert str(app.screen.query_one(ContactsPane).border_title) == "Contacts"


# -- the five steps at a glance -------------------------------------------------------------


async def test_the_five_steps_show_at_a_glance_at_120x40(demo_store, make_app, content):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one(ChecklistPane)
        contact = app.screen.contact
        search = demo_store.search_checklist()  # Network: ticked for the whole search
        headers = list(pane.query(StepHeader))
        assert [h.step.id for h in headers] == [s.id for s in content.steps]
        for header in headers:
            ticked = contact.checklist if header.step.per_contact else search
            done = sum(1 for item in header.step.items if item.id in ticked)
            assert on_screen(header), header.step.title
            assert header.region.height == 1
            text = header_text(header)
            assert header.step.title in text and f"{done}/{len(header.step.items)}" in text
        opened = [h for h in headers if h.has_class("-open")]
        assert len(opened) == 1 and opened[0].step.id == pane.open_step
        # The open step is the contact's first with an item left, its items under its line
        first_left = next(
            s
            for s in content.steps
            if s.per_contact and any(i.id not in contact.checklist for i in s.items)
        )
        assert pane.open_step == first_left.id
        items = pane.items
        assert on_screen(items) and items.region.y == opened[0].region.bottom
        assert [o.id for o in items.options] == [i.id for i in first_left.items]
        assert pane.highlighted_item not in contact.checklist

        # Past the last item the next step opens; the others stay one line each
        items.focus()
        items.highlighted = items.option_count - 1
        await pilot.press("down")
        await pilot.pause()
        after = content.steps[[s.id for s in content.steps].index(first_left.id) + 1]
        assert pane.open_step == after.id
        assert pane.highlighted_item == after.items[0].id
        assert all(on_screen(h) for h in headers)
        await pilot.press("up")
        await pilot.pause()
        assert pane.open_step == first_left.id
        assert pane.highlighted_item == first_left.items[-1].id


async def test_a_click_on_a_step_line_opens_it(demo_store, make_app, content):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one(ChecklistPane)
        last = content.steps[-1]
        await pilot.click(f"#step-{last.id}")
        await pilot.pause()
        assert pane.open_step == last.id and pane.items.has_focus
        assert pane.query_one(f"#step-{last.id}").has_class("-open")


async def test_at_80x24_the_step_lines_and_the_welcome_show(store, make_app):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        headers = list(app.screen.query(StepHeader))
        assert len(headers) == 5 and all(on_screen(h) for h in headers)
        assert all("0/" in header_text(h) for h in headers)
        welcome = app.screen.query_one("#welcome")
        assert on_screen(welcome, lines=2)  # "Welcome! Press a to add your first…"
        assert str(welcome.render()).startswith("Welcome! Press  a  to add")
        assert linkedin_hint_in_view(welcome)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_welcome_says_both_ways_to_begin_in_view(store, make_app, size):
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert linkedin_hint_in_view(app.screen.query_one("#welcome"))


def linkedin_hint_in_view(welcome: Widget) -> bool:
    """Whether the welcome's last line about importing from LinkedIn is drawn inside its
    pane (not cut off below it)."""
    lines = welcome.render().wrap(welcome.content_size.width)
    last = max(n for n, line in enumerate(lines) if "LinkedIn connections" in line.plain)
    pane = welcome.parent
    assert isinstance(pane, Widget)
    return welcome.content_region.y + last < pane.content_region.bottom


async def test_at_80x24_the_open_step_starts_with_a_whole_item(demo_store, make_app):
    """The open step's list starts with the first line of an item, never the tail of one,
    and shows the highlighted item whole (three lines at 80x24); so after a resize."""
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        items = app.screen.query_one(ChecklistPane).items
        items.focus()
        for _ in range(4):
            await pilot.press("down")
            await pilot.pause()
            assert starts_with_an_item_and_shows_the_highlighted_whole(items)
        await pilot.resize_terminal(60, 20)  # narrower: the items wrap anew
        await pilot.pause()
        await pilot.pause()
        assert starts_with_an_item_and_shows_the_highlighted_whole(items, whole=False)


def starts_with_an_item_and_shows_the_highlighted_whole(items, whole: bool = True) -> bool:
    """Whether the list's first line drawn is an item's first line, with the highlighted
    item in view from its first line (and, if `whole`, to its last)."""
    top = round(items.scroll_y)
    first = textual_private.first_line_of_highlight(items)
    height = items.scrollable_content_region.height
    option = items.highlighted_option
    lines = len(option.prompt.wrap(items.scrollable_content_region.width))
    return (
        top in textual_private.first_lines_of_options(items)
        and top <= first < top + height
        and (not whole or first + lines <= top + height)
    )


async def test_at_80x24_with_contacts_the_step_lines_show(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert all(on_screen(h) for h in app.screen.query(StepHeader))


@pytest.mark.parametrize("on_checklist", [False, True], ids=["", "checklist-focused"])
@pytest.mark.parametrize("filtered", [False, True], ids=["", "filter-restored"])
@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_the_footer_keeps_help_and_quit(demo_store, make_app, size, filtered, on_checklist):
    if filtered:  # the filter open at start adds its key to the footer
        save_settings(Settings(contact_filter="lumen"))
    app = make_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if on_checklist:  # the pane's own keys join the footer
            app.screen.query_one(ChecklistPane).items.focus()
            await pilot.pause()
        for _ in range(100):  # the footer is built again after the focus moves (a slow
            # machine may draw it in parts): wait for its keys, laid out, up to 5 s
            shown = {key.key_display for key in app.screen.query(FooterKey) if key.region}
            if {"?", "q"} <= shown:
                break
            await pilot.pause(0.05)
        keys = {key.key_display: key for key in app.screen.query(FooterKey)}
        for shown in ("?", "q"):
            assert shown in keys, sorted(keys)
            key = keys[shown]
            assert on_screen(key), (shown, key.region)
            assert Region(0, size[1] - 1, size[0], 1).contains_region(key.region)


# -- question tags --------------------------------------------------------------------------


async def test_question_tags_are_whole_words(demo_store, make_app, content):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)):
        bank = app.screen.query_one(QuestionsPane).bank
        for category in content.categories:
            for question in category.questions:
                prompt = str(bank.get_option(question.id).prompt)
                assert prompt == f"{question.tiara} · {question.text}"


async def test_the_question_filter_matches_tags_and_categories(demo_store, make_app, content):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one(QuestionsPane)
        pane.query_one("#question-filter", Input).focus()
        await pilot.press(*"advice")
        shown = {o.id for o in pane.bank.options if not o.disabled}
        expected = {
            q.id
            for c in content.categories
            for q in c.questions
            if q.tiara == "Advice" or "advice" in c.title.casefold() or "advice" in q.text.lower()
        }
        assert shown == expected
        assert any("advice" not in pane.text_of(q).casefold() for q in shown)  # not by text
        # Words narrow down, whatever they match: a tag and a word of the text
        await pilot.press(*" field")
        narrowed = {o.id for o in pane.bank.options if not o.disabled}
        assert narrowed and narrowed < shown
        assert all("field" in pane.text_of(q).casefold() for q in narrowed)


async def test_no_question_matches_says_so_in_the_list(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one(QuestionsPane)
        before = app.screen.contact.questions
        pane.query_one("#question-filter", Input).focus()
        await pilot.press(*"xylophone")
        options = pane.bank.options
        assert len(options) == 1 and options[0].disabled
        assert str(options[0].prompt) == NO_MATCH
        assert pane.bank.highlighted is None and on_screen(pane.bank)
        await pilot.press("enter", "enter")  # to the list, then enter there: chooses nothing
        await pilot.pause()
        assert app.store.get_contact(app.screen.contact.id).questions == before
        pane.query_one("#question-filter", Input).value = ""
        await pilot.pause()
        assert len(pane.bank.options) > 1
