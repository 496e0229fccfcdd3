"""Issue 29 in the app: a day that flows (names found whatever their accents, one count of
names gained, a held interview clears the planned meeting, ...)."""

from __future__ import annotations

from dataclasses import replace

from textual.geometry import Region
from textual.widgets import Input
from textual.widgets._toast import Toast, ToastRack

from infocoach.core.calls import CallPlan
from infocoach.core.drafts import contact_values
from infocoach.core.referrals import names_gained
from infocoach.tui.dialogs.contact_form import ContactForm
from infocoach.tui.screens.call import who_text
from infocoach.tui.themes import HIGH_CONTRAST
from infocoach.tui.widgets.checklist import ChecklistPane, StepHeader
from infocoach.tui.widgets.contacts import ContactsPane
from infocoach.tui.widgets.questions import QuestionsPane
from infocoach.tui.widgets.status import StatusLine
from infocoach.tui.widgets.timer import TimerPane

from .conftest import DEMO_DAY, QUESTIONS, reopen
from .test_call_mode import open_call
from .test_targets import detail, open_targets, rows


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


# -- one count of names gained ------------------------------------------------------------


async def test_ending_a_call_counts_names_as_insights_do(demo_store, make_app, caller, clock):
    """A name the caller gave before (saved as referred by them) joins the two of this call:
    the notice says both, and its total is the figure Insights and Referrals show."""
    demo_store.add_contact(name="Ann [b]Lee[/b]", referred_by=f"#{caller.id}")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        clock.advance(18 * 60)
        screen.tick()
        await pilot.press("ctrl+e")
        await pilot.press("enter", *"Priya Shah", "enter", *"Ann Lee", "enter", "enter")
        await pilot.pause()
        said = [note.text for note in app.said]
        store = reopen(demo_store.path)
        gained = names_gained(caller.id, store.contacts(), store.interviews(caller.id))
        assert gained.count == 3
        assert any("2 names (3 from Aaron Able in all)" in message for message in said), said


def test_the_thank_you_thanks_for_the_names_the_rule_counts(demo_store, caller):
    """Names written at the end of a call but not added as contacts are thanked for too, and
    a name written again with other accents is one name."""
    demo_store.add_contact(name="José Álvarez", referred_by=f"#{caller.id}")
    demo_store.add_interview(
        caller.id, day=DEMO_DAY, minutes=20, referrals=["Jose Alvarez", "Priya Shah"]
    )
    values = contact_values(demo_store, demo_store.get_contact(caller.id), {})
    assert values["names_gained"] == "Jose Alvarez and Priya Shah"
    gained = names_gained(caller.id, demo_store.contacts(), demo_store.interviews(caller.id))
    assert gained.count == 2


# -- call mode: a Tab by mistake -----------------------------------------------------------


async def test_a_space_after_a_stray_tab_is_a_note_not_a_tick(
    demo_store, make_app, caller, data_file
):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot)
        await pilot.press(*"She moved", "tab", *" to Lisbon")
        assert screen.asked == set()
        assert screen.notes.text == "She moved to Lisbon"
        assert screen.notes.has_focus
        await pilot.press("shift+tab", "enter")  # ticking is deliberate, and shown in the footer
        assert screen.asked == {QUESTIONS[0]}
        footer = [b.description for _, b, enabled, _ in screen.active_bindings.values() if enabled]
        assert "Tick asked" in footer


# -- Targets: no top before anything is scored -------------------------------------------


async def test_targets_star_nothing_while_nothing_is_scored(store, make_app):
    for number, company in enumerate(("Acme", "Beta", "Cobalt", "Delta", "Echo", "Fjord")):
        store.add_contact(name=f"Person {number}", company=company)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_targets(pilot)
        assert not any(row.startswith("★") for row in rows(screen))
        summary = str(screen.query_one("#targets-summary").render())
        assert "none marked ★ until you score their Motivation" in summary
        assert "work it now" not in detail(screen)
    assert not any(target.top_five for target in store.targets())


# -- high contrast: nothing dimmed --------------------------------------------------------


def styles_of(widget, text: str) -> list:
    """The styles the widget draws `text` in (each segment holding part of it)."""
    region = Region(0, 0, widget.size.width, widget.size.height)
    return [
        segment.style
        for strip in widget.render_lines(region)
        for segment in strip
        if segment.text.strip() and segment.text.strip() in text
    ]


async def test_high_contrast_dims_neither_tags_nor_whole_search_nor_tick_dates(
    demo_store, make_app, content
):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = HIGH_CONTRAST.name
        await pilot.pause()
        network = next(h for h in app.screen.query(StepHeader) if not h.step.per_contact)
        bank = app.screen.query_one(QuestionsPane).bank
        tag = content.categories[0].questions[0].tiara
        checklist = app.screen.query_one(ChecklistPane)
        checklist.items.focus()
        await pilot.press("down", "space", "up")  # ticked: its date, the cursor above it
        await pilot.pause()
        ticked = str(checklist.items.get_option_at_index(checklist.items.highlighted + 1).prompt)
        stamp = ticked[ticked.index("✓") :]
        shown = ((network, StepHeader.SEARCH_NOTE), (bank, f"{tag} ·"), (checklist.items, stamp))
        for widget, text in shown:
            styles = styles_of(widget, text)
            assert styles, text
            for style in styles:
                assert not style.dim, text
                assert style.color is not None and style.color.get_truecolor() == (255,) * 3, text


# -- the rehearsal's two clocks ------------------------------------------------------------


async def test_a_rehearsal_says_which_clock_is_which_and_the_pace_unit(demo_store, make_app, clock):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        timer = app.screen.query_one(TimerPane)
        await pilot.press("t")
        clock.advance(10)
        timer.refresh_time()
        status = str(timer.query_one("#rehearsal-status").render())
        assert "Rehearsing 0:10 read so far" in status
        assert f"prompter {timer.pace} wpm" in status
        label = str(timer.query_one(".countdown--label").render())
        assert "left of the" in label and "-min call" in label
        await pilot.press("t")


# -- the question filter: one Enter adds, Down goes to the list ------------------------------


def footer_labels(app) -> list[str]:
    return [b.description for _, b, enabled, _ in app.screen.active_bindings.values() if enabled]


async def test_enter_in_the_question_filter_adds_and_down_moves_to_the_list(
    demo_store, make_app, data_file
):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        contact = app.screen.contact
        pane = app.screen.query_one(QuestionsPane)
        pane.query_one("#question-filter").focus()
        await pilot.press(*"terms")
        wanted = pane.bank.highlighted_option.id
        assert "Add to contact" in footer_labels(app)
        await pilot.press("enter")
        await pilot.pause()
        assert wanted in reopen(data_file).get_contact(contact.id).questions
        assert pane.query_one("#question-filter").has_focus  # she can filter again
        await pilot.press("down")
        assert pane.bank.has_focus
        labels = footer_labels(app)
        assert "Add to contact" in labels and "My question" in labels


# -- one rule for letters typed on a list ---------------------------------------------------


async def test_a_word_typed_on_a_list_fires_no_main_key(demo_store, make_app, data_file):
    """The walk's "trend" on the questions: it started a rehearsal, reset it and opened Edit
    contact. On the bank it is filter text; on the checklist and the chosen questions,
    nothing; the main keys are not in the footer there."""
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = app.screen
        contact = main.contact
        before = reopen(data_file).get_contact(contact.id)
        pane = main.query_one(QuestionsPane)
        pane.bank.focus()
        await pilot.pause()
        labels = footer_labels(app)
        assert "Edit" not in labels and {"Add to contact", "My question"} <= set(labels)
        await pilot.press(*"trend")
        await pilot.pause()
        filter_input = pane.query_one("#question-filter", Input)
        assert filter_input.has_focus and filter_input.value == "trend"
        assert app.screen is main and not main.query_one(TimerPane).running
        for widget in (main.query_one(ChecklistPane).items, pane.chosen):
            widget.focus()
            await pilot.pause()
            await pilot.press(*"trend", *"edit")
            await pilot.pause()
            assert app.screen is main and widget.has_focus
            assert not main.query_one(TimerPane).running
            assert "Edit" not in footer_labels(app)
            assert "works from the contact list" in app.latest_status.text  # and says so
            await pilot.press("a")  # the welcome's key opens an empty form wherever she is
            await pilot.pause()
            assert isinstance(app.screen, ContactForm) and app.screen.box_title() == "Add a contact"
            await pilot.press("escape")
            await pilot.pause()
        await app.workers.wait_for_complete()
        assert reopen(data_file).get_contact(contact.id) == before
        contacts = main.query_one(ContactsPane)
        contacts.contact_list.focus()  # the main keys act here, on the contact it chooses
        await pilot.pause()
        assert "Edit" in footer_labels(app)
        await pilot.press(*"sky")  # no key: the first letter starts the contact filter
        await pilot.pause()
        assert contacts.filter_input.has_focus and contacts.filter_input.value == "sky"


# -- call mode: said once -------------------------------------------------------------------


def test_met_through_the_referrer_is_not_said_twice():
    plan = CallPlan(
        1,
        "Ann Lee",
        "Acme",
        "Data lead",
        "through Daniel Reyes",
        "Daniel Reyes",
        "To learn",
        20,
        (),
    )
    shown = str(who_text(plan))
    assert "Referred by: Daniel Reyes" in shown and "Met:" not in shown
    other = str(who_text(replace(plan, how_met="at the PyData meetup")))
    assert "Met: at the PyData meetup" in other and "Referred by: Daniel Reyes" in other


# -- the agenda: a footer of keys that act -------------------------------------------------


async def test_on_a_prepare_item_the_agenda_footer_offers_only_what_acts(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("end", "up")  # Priya: prepare
        await pilot.pause()
        assert app.screen.highlighted_item.action == "prepare"
        labels = footer_labels(app)
        assert "Log it done" not in labels and "Open draft" not in labels
        assert "Open" in labels
        await pilot.press("up")  # a thank-you: logging it is offered
        await pilot.pause()
        assert "Log it done" in footer_labels(app)


# -- the checklist's count ------------------------------------------------------------------


async def test_this_contact_counts_ticks_instead_of_a_small_percentage(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one(ChecklistPane)
        contact = app.screen.contact
        total = len(pane._contact_items)
        done = len(pane._contact_items.intersection(contact.checklist))
        row = pane.query_one("#overall-row")
        text = " ".join(str(w.render()) for w in row.query("Label"))
        assert f"This contact: {done} of {total} done" in text
        await pilot.pause()
        shown = [w for w in row.query("*") if w.display and "%" in str(w.render())]
        assert shown == []


# -- notices in call mode -------------------------------------------------------------------


async def test_in_call_mode_a_notice_goes_to_the_status_line_and_covers_nothing(
    demo_store, make_app, caller
):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_call(pilot)
        await pilot.press("ctrl+b")  # the bell toggles, and says so
        await pilot.pause(0.3)
        said = [note.text for note in app.said][-1]
        assert said in str(screen.query_one(StatusLine).render())
        screen.notify("The data file could not be saved.", severity="error")
        await pilot.pause(0.3)  # even an error, a toast elsewhere, covers nothing here:
        assert screen.query(Toast)
        assert not any(toast.display for toast in screen.query(Toast))
        assert screen.query_one(ToastRack).region.height == 0
        assert "could not be saved" in str(screen.query_one(StatusLine).render())


async def test_every_screen_says_a_notice_on_its_own_line_above_the_footer(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        for key in ("", "A", "T", "i", "h", "m"):
            if key:
                await pilot.press(key)
                await pilot.pause()
            screen = app.screen
            screen.notify(f"A notice on {type(screen).__name__}.")
            await pilot.pause(0.3)
            status = screen.query_one(StatusLine)
            assert f"A notice on {type(screen).__name__}." in str(status.render())
            assert status.region.bottom == screen.query_one("Footer").region.y
            assert status.region.height == 1
            assert not screen.query(Toast), key  # nothing floats over the screen's content
            if key:
                await pilot.press("escape")
                await pilot.pause()


async def test_a_long_notice_keeps_its_undo_in_view(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        app.screen.query_one(ChecklistPane).items.focus()
        await pilot.press("space")  # "Ticked “Read the company website thoroughly, plus…”"
        await pilot.pause()
        status = app.screen.query_one(StatusLine)
        drawn = status.render().plain
        assert drawn.endswith("Undo (or u)") and "…" in drawn
        assert len(drawn) <= status.content_region.width


# -- small terminals ------------------------------------------------------------------------


async def test_at_60x20_all_five_steps_are_in_view(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(ChecklistPane)
        inside = pane.content_region
        for header in pane.query(StepHeader):
            assert inside.contains_region(header.region), header.step.title
