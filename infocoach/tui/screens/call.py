"""Call mode: one calm screen for the live call.

It opens on the first minute (see `core.opener`): her lines one at a time, and one ctrl key
for each answer she may hear (go ahead, only ten minutes, not a good time).

Who you are talking to and why, your questions (tick them as asked), the countdown with its
cues, the 'during' guide cards, and notes that are saved as you type: within about a second
while typing, and at once on every tick, pause, leave or end. A terminal closed mid-call loses
at most the last second; the next call mode for the contact brings the notes back.

The call's start (wall clock, the store's) is saved with the draft the moment call mode opens,
so a call left, crashed or closed can be resumed: the countdown goes on from the real time
since the start. Ending the call is one undoable change (`u` on the main screen).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from infocoach.core.calls import (
    CallPlan,
    debrief_notes,
    minutes_of,
    parse_started,
    resume_text,
    seconds_since,
)
from infocoach.core.history import EntryId
from infocoach.core.models import Contact
from infocoach.core.opener import KEEP_WHEN_SHORT, SHORT_LINE, SHORT_MINUTES, Opener, opener_of
from infocoach.core.records import Records
from infocoach.core.referrals import names_gained
from infocoach.core.text import fold
from infocoach.core.timing import CueTracker, Stopwatch, call_cues
from infocoach.guidance.records import GuideCard
from infocoach.tui import actions
from infocoach.tui.actions import NEEDS_OPENER, NEEDS_OPENER_ANSWER, NEEDS_RESCHEDULE
from infocoach.tui.dialogs.call_dialogs import (
    DebriefDialog,
    EndCallDialog,
    EndCallResult,
    Referral,
)
from infocoach.tui.dialogs.confirm import ConfirmDialog
from infocoach.tui.dialogs.guide import card_text
from infocoach.tui.messages import (
    CALL_DRAFTS,
    CHECKLIST,
    CONTACTS,
    EVENTS,
    INTERVIEWS,
    announce,
)
from infocoach.tui.widgets.countdown import Countdown
from infocoach.tui.widgets.selection import SelectionList
from infocoach.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from infocoach.tui.app import InfoCoachApp

# Asks for the new time they offered and saves it; `moved(saved)` runs after (`flows.move_meeting`).
MoveMeeting = Callable[[Contact, str, Callable[[bool], None]], None]

TICK_SECONDS = 0.2
SAVE_AFTER_SECONDS = 0.8  # typing is saved this long after the first unsaved keystroke
PURPOSE_HINT = "Not written yet: on the main screen, ctrl+p, then “Your details”."
CALM_HINT = "Your most important questions first. Listen more than you talk."


def who_text(plan: CallPlan) -> Content:
    """Who you are talking to, and why: user text is always plain, never markup."""
    parts: list[str | tuple[str, str]] = [(plan.name, "bold")]
    line = " · ".join(part for part in (plan.role, plan.company) if part)
    if line:
        parts += ["\n", line]
    # "through Daniel Reyes" over "Referred by: Daniel Reyes" says one thing twice
    if plan.how_met and not (plan.referrer and fold(plan.referrer) in fold(plan.how_met)):
        parts += ["\n", ("Met: ", "$text-muted"), without_met(plan.how_met)]
    if plan.referrer:
        parts += ["\n", ("Referred by: ", "$text-muted"), plan.referrer]
    parts += ["\n", ("Purpose: ", "$text-muted")]
    parts.append(plan.purpose if plan.purpose else (PURPOSE_HINT, "italic $text-muted"))
    return Content.assemble(*parts)


def without_met(how_met: str) -> str:
    """How you met, after the "Met: " label: "Met at a meetup" reads "at a meetup"."""
    first, _, rest = how_met.partition(" ")
    return rest if first.casefold() == "met" and rest else how_met


def question_prompt(number: int, text: str, asked: bool, spare: bool = False) -> Content:
    """One question: ticked when asked; `spare` (time is short and it is not one of the three
    kept) dimmed, to ask only if time allows."""
    if asked:
        return Content.assemble(("✓ ", "$text-success"), (f"{number}. {text}", "dim"))
    if spare:
        return Content.assemble(("○ ", "$text-muted"), (f"{number}. {text} (if time)", "dim"))
    return Content.assemble(("○ ", "$text-muted"), f"{number}. {text}")


# Where the first minute stands: her lines in turn, or the line to find another time.
LINES, LATER, DONE = "lines", "later", "done"


def opener_text(opener: Opener, state: str, line: int, short: bool) -> Content:
    """What the first-minute box shows: the line to say now, in bold, then (dim) the keys for
    what they may answer. Her purpose, unwritten, shows the hint to write it."""
    key = {
        name: actions.keys_text(actions.action(f"call.{name}"))
        for name in ("go_ahead", "only_ten", "not_now", "new_time")
    }
    if state == LATER:
        return Content.assemble(
            (opener.reschedule, "bold"),
            "\n",
            (
                f"{key['new_time']} saves the time you agree; nothing is logged as a talk.",
                "$text-muted",
            ),
        )
    lines = opener_lines(opener, short)
    said = lines[line]
    parts: list[str | tuple[str, str]] = [(said, "bold") if said else (PURPOSE_HINT, "italic")]
    if short and line == 0:
        parts += [("\n" + "\n".join(f"{n}. {q}" for n, q in enumerate(opener.keep, 1)))]
    if line == 0 and not short:
        answers = (
            f"{key['go_ahead']} go ahead · {key['only_ten']} only ten minutes · "
            f"{key['not_now']} not a good time"
        )
    elif line + 1 < len(lines):
        answers = f"{key['go_ahead']} your next line"
    else:
        answers = f"{key['go_ahead']} on to your questions"
    parts += ["\n", (answers, "$text-muted")]
    return Content.assemble(*parts)


def opener_lines(opener: Opener, short: bool) -> list[str]:
    """Her lines in turn; "" stands for a purpose not written yet. When time is short, the
    first line says which three questions she keeps, and the first question is the first of
    those."""
    if short:
        first = f"Could I start with this: {opener.keep[0]}" if opener.keep else ""
        return [SHORT_LINE, opener.purpose, *([first] if first else [])]
    question = [opener.first_question] if opener.first_question else []
    return [opener.confirm, opener.purpose, *question]


class QuestionTicks(SelectionList):
    """The chosen questions; enter ticks the highlighted one as asked."""

    BINDINGS = actions.bindings("call", "questions")


class CallScreen(Screen[bool]):
    app: InfoCoachApp

    # -tiny is -narrow with a footer that drops its palette hint (see app.tcss)
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (70, "-narrow"), (100, "-wide")]

    DEFAULT_CSS = """
    CallScreen { layout: vertical; }
    CallScreen .call-box {
        border: round $primary 50%; border-title-color: $text; border-title-style: bold;
        padding: 0 1; height: 100%;
    }
    CallScreen .call-box:focus-within { border: round $accent; }
    CallScreen #call-top { height: 9; }
    CallScreen.-tiny #call-top { height: 10; }  /* who and why wrap onto one more line */
    CallScreen #who { width: 1fr; }
    CallScreen #clock-box { width: 34; }
    CallScreen.-narrow #clock-box, CallScreen.-tiny #clock-box { width: 28; }
    CallScreen #call-main { height: 1fr; }
    CallScreen #call-left { width: 1fr; }
    CallScreen #call-opener { height: auto; max-height: 60%; display: none; }
    CallScreen.-opening #call-opener { display: block; }
    /* On a small terminal the opener takes the questions' place, and more of the width. */
    CallScreen.-tiny.-opening #call-questions { display: none; }
    CallScreen.-tiny.-opening #call-opener { height: 1fr; max-height: 100%; }
    CallScreen.-tiny.-opening #call-left { width: 2fr; }
    CallScreen #call-questions { height: 1fr; }
    CallScreen #call-questions, CallScreen #call-questions:focus { background: $surface; }
    CallScreen #call-notes { width: 1fr; }
    /* The cards wait until asked for (ctrl+g); on a narrow screen they take the questions'
       place. */
    CallScreen #call-cards { width: 38; display: none; }
    CallScreen #call-cards .card { margin-bottom: 1; }
    CallScreen.-cards-shown #call-cards { display: block; }
    CallScreen.-narrow.-cards-shown #call-cards, CallScreen.-tiny.-cards-shown #call-cards {
        width: 1fr;
    }
    CallScreen.-narrow.-cards-shown #call-left,
    CallScreen.-tiny.-cards-shown #call-left { display: none; }
    """

    ACTION_SCREEN = "call"
    BINDINGS = actions.bindings("call")
    # Mid-call every letter is a note: `q` types a q, it never quits; commands are ctrl keys.
    LETTERS_ARE_TEXT = True

    def __init__(
        self,
        plan: CallPlan,
        cards: list[GuideCard],
        move_meeting: MoveMeeting,
        *,
        resume: bool = False,
    ) -> None:
        """`resume`: go on with the call whose draft is kept, its clock from its start (a
        fresh call, or starting over, keeps the draft's notes too but starts the clock now).
        `move_meeting(contact, hint, moved)` asks for the new time they offered."""
        super().__init__()
        self._plan = plan
        self._move_meeting = move_meeting
        self.resume = resume
        self.started_at = ""  # when the call began, as saved with the draft
        self._cards = cards
        self.asked: set[str] = set()
        self.stopwatch: Stopwatch | None = None
        self.cues = CueTracker(call_cues(plan.minutes))
        self.cues_fired: list[str] = []
        self._saved = ("", frozenset[str]())
        self._dirty_since: float | None = None
        self._notes = TextArea()
        self.opener = opener_of(plan)
        self.opening = DONE if resume else LINES  # a resumed call is past its first minute
        self.opener_line = 0
        self.short = False

    @property
    def plan(self) -> CallPlan:
        """The call's plan, its contact's id as the store has it now: a contact added here
        gets another id should another process have saved one under it meanwhile."""
        try:
            now = self.app.store.contact_by_uid(self._plan.contact_uid).id
        except KeyError:  # no uid, or gone: the plan as it was
            return self._plan
        if now != self._plan.contact_id:
            self._plan = replace(self._plan, contact_id=now)
        return self._plan

    def compose(self) -> ComposeResult:
        with Horizontal(id="call-top"):
            who = Static(who_text(self.plan), id="who", classes="call-box")
            who.border_title = "Talking with"
            yield who
            with Vertical(id="clock-box", classes="call-box") as box:
                box.border_title = "Time"
                yield Countdown(id="call-countdown", cue=True)
        with Horizontal(id="call-main"):
            with Vertical(id="call-left"):
                opener = Static(id="call-opener", classes="call-box")
                opener.border_title = "First minute"
                yield opener
                questions = QuestionTicks(id="call-questions", classes="call-box")
                questions.border_title = "Questions"
                yield questions
            self._notes = TextArea(
                id="call-notes",
                classes="call-box",
                soft_wrap=True,
                placeholder="Notes as you talk: what surprised you, advice, names…",
            )
            self._notes.border_title = "Notes"
            yield self._notes
            # Shown or hidden with ctrl+g, never focused by tab: tab is for notes and questions.
            with VerticalScroll(id="call-cards", classes="call-box", can_focus=False) as cards:
                cards.border_title = Content(f"During the call · {self.plan.meeting_kind}")
                for card in self._cards:
                    yield Static(card_text(card), classes="card")
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        self.stopwatch = Stopwatch(self.app.clock)
        draft = self._load_draft()
        self._render_questions()
        self._render_opener()
        said = self._start_clock()
        self.set_interval(TICK_SECONDS, self.tick)
        self.refresh_clock()
        self.notes.focus()
        self.notes.move_cursor(self.notes.document.end)  # go on after restored notes
        if draft and not said:
            said = f"Notes restored from {draft}."
        if said:
            self.notify(said, markup=False)

    def _start_clock(self) -> str:
        """Start the countdown: resumed from the draft's start, else from now (saved with the
        draft at once, so even a crash a second later can be resumed). Returns what to say."""
        store = self.app.store
        draft = store.call_draft(self.plan.contact_id)
        now = store.now()
        started = parse_started(draft.started) if self.resume and draft is not None else None
        assert self.stopwatch is not None
        self.stopwatch.start()
        if started is not None and draft is not None:
            self.started_at = draft.started
            self.stopwatch.shift(seconds_since(started, now))
            self.cues.due(self.elapsed)  # cues passed while away: shown, not rung again
            return f"Resumed the call: {resume_text(started, now, self.plan.minutes)}."
        self.started_at = now.isoformat(timespec="seconds")
        self._save(self._state(), started=self.started_at)
        if self.resume:
            return (
                "Resumed the call: when it started is not known, so the clock runs from "
                f"the full {self.plan.minutes} min."
            )
        return ""

    @property
    def notes(self) -> TextArea:
        return self._notes

    def on_key(self, event: events.Key) -> None:
        """A letter or a space typed while the questions have the focus is a note: it goes
        to Notes (enter stays the list's: it ticks the question)."""
        if event.is_printable and event.character and isinstance(self.focused, QuestionTicks):
            event.stop()
            event.prevent_default()
            self.notes.focus()
            self.notes.insert(event.character)

    # -- draft notes ----------------------------------------------------------------------

    def _load_draft(self) -> str:
        """Restore a saved draft; returns when it was saved ('' when there is none)."""
        draft = self.app.store.call_draft(self.plan.contact_id)
        if draft is None:
            return ""
        known = {question_id for question_id, _ in self.plan.questions}
        self.asked = {q for q in draft.asked if q in known}
        self.notes.load_text(draft.text)
        self._saved = (self.notes.text, frozenset(self.asked))
        return draft.date.replace("T", " ")

    @on(TextArea.Changed, "#call-notes")
    def _notes_changed(self) -> None:
        if self._dirty_since is None and self._state() != self._saved:
            self._dirty_since = self.app.clock()

    def _state(self) -> tuple[str, frozenset[str]]:
        return self.notes.text, frozenset(self.asked)

    def save_draft(self) -> None:
        """Keep the notes and ticks, if they changed (the writer thread puts them on disk; a
        failed save keeps them in memory and says so, see the app)."""
        state = self._state()
        self._dirty_since = None
        if state != self._saved:
            self._save(state)

    def _save(self, state: tuple[str, frozenset[str]], started: str = "") -> None:
        """Save the draft (`started` "" keeps the start already saved with it)."""
        asked = [question_id for question_id, _ in self.plan.questions if question_id in state[1]]
        self.app.store.save_call_draft(self.plan.contact_id, state[0], asked, started=started)
        self._saved = state
        announce(self.app, CALL_DRAFTS, contact_id=self.plan.contact_id)

    def on_unmount(self) -> None:
        self.save_draft()

    def keep_typed_text(self) -> None:
        """Asked by the app before it is closed from outside (see `save_everything_and_exit`)."""
        self.save_draft()

    def on_screen_suspend(self) -> None:
        self.save_draft()

    # -- questions ------------------------------------------------------------------------

    def _render_questions(self) -> None:
        questions = self.query_one(QuestionTicks)
        keep = questions.highlighted
        questions.clear_options()
        if not self.plan.questions:
            questions.add_option(
                Option(
                    Content("No questions chosen: pick some in the Questions pane."), disabled=True
                )
            )
        kept = set(self.plan.priority[:KEEP_WHEN_SHORT]) if self.short else None
        for number, (question_id, text) in enumerate(self.plan.questions, 1):
            spare = kept is not None and question_id not in kept
            prompt = question_prompt(number, text, question_id in self.asked, spare)
            questions.add_option(Option(prompt, id=question_id))
        if self.plan.questions:
            questions.highlighted = min(keep or 0, len(self.plan.questions) - 1)
        total = len(self.plan.questions)
        short = f" · keep {min(total, KEEP_WHEN_SHORT)}" if self.short else ""
        questions.border_title = f"Questions · {len(self.asked)} of {total} asked{short}"

    @on(OptionList.OptionSelected, "#call-questions")
    def _tick(self, event: OptionList.OptionSelected) -> None:
        question_id = event.option.id
        if question_id is None:
            return
        self.asked ^= {question_id}
        self._render_questions()
        self.save_draft()

    # -- the first minute -------------------------------------------------------------------

    def _render_opener(self) -> None:
        self.set_class(self.opening != DONE, "-opening")
        self.refresh_bindings()  # the footer shows the keys of the answers that apply now
        if self.opening == DONE:
            return
        box = self.query_one("#call-opener", Static)
        box.update(opener_text(self.opener, self.opening, self.opener_line, self.short))
        if self.opening == LATER:
            box.border_title = "First minute · not now"
        else:
            total = len(opener_lines(self.opener, self.short))
            box.border_title = f"First minute · {self.opener_line + 1} of {total}"

    def action_opener_next(self) -> None:
        """They said go ahead (or she said her line): the next line, then her questions."""
        if self.opening == LATER:
            self.opening, self.opener_line = LINES, 0  # they found the time after all
        elif self.opener_line + 1 < len(opener_lines(self.opener, self.short)):
            self.opener_line += 1
        else:
            self.opening = DONE
        self._render_opener()

    def action_opener_short(self) -> None:
        """Only ten minutes: the three questions to keep, and the clock set to ten."""
        self.short = True
        if self.plan.minutes > SHORT_MINUTES:
            self._plan = replace(self.plan, minutes=SHORT_MINUTES)
            self.cues = CueTracker(call_cues(SHORT_MINUTES))
            self.cues.due(self.elapsed)
            self.refresh_clock()
        self._render_questions()
        self._render_opener()

    def action_opener_not_now(self) -> None:
        self.opening = LATER
        self._render_opener()

    def action_new_time(self) -> None:
        """The time they offered instead: saved on the contact, and call mode closes with
        no talk logged (notes typed so far stay as the draft)."""
        self.save_draft()
        contact = self.app.store.get_contact(self.plan.contact_id)

        def moved(saved: bool) -> None:
            if not saved:
                return
            if not self.notes.text.strip():
                self.app.store.clear_call_draft(self.plan.contact_id)
                announce(self.app, CALL_DRAFTS, contact_id=self.plan.contact_id)
            self._saved = self._state()
            self.dismiss(False)

        hint = "Saving it closes call mode; nothing is logged as a talk."
        self._move_meeting(contact, hint, moved)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return actions.check(self, actions.find("call", action))

    def why_not(self, action: actions.Action) -> str | None:
        if action.needs is NEEDS_OPENER and self.opening == DONE:
            return "The first minute is over: your questions are on screen."
        if action.needs is NEEDS_OPENER_ANSWER and (
            self.opening != LINES or self.opener_line != 0 or self.short
        ):
            return "Only after your first line: their answer picks what comes next."
        if action.needs is NEEDS_RESCHEDULE and self.opening != LATER:
            return "Only when they said it is not a good time."
        return None

    # -- the clock and its cues -----------------------------------------------------------

    @property
    def elapsed(self) -> float:
        return self.stopwatch.elapsed if self.stopwatch else 0.0

    def tick(self) -> None:
        """Runs a few times a second: the countdown, cues, and saving typed notes."""
        self.refresh_clock()
        if (
            self._dirty_since is not None
            and self.app.clock() - self._dirty_since >= SAVE_AFTER_SECONDS
        ):
            self.save_draft()

    def refresh_clock(self) -> None:
        elapsed = self.elapsed
        for cue in self.cues.due(elapsed):
            self.cues_fired.append(cue.id)
            self.app.cue(cue.text)
        running = self.stopwatch is not None and self.stopwatch.running
        bell = "bell on" if self.app.settings.call_bell else "bell off"
        state = "" if running else "paused · "
        showing = self.cues.current(elapsed)
        self.query_one(Countdown).show(
            self.plan.minutes,
            elapsed,
            f"{state}of {self.plan.minutes} min · {bell}",
            showing.text if showing is not None else CALM_HINT,
        )

    def action_pause(self) -> None:
        if self.stopwatch is not None:
            running = self.stopwatch.toggle()
            self.notify("Clock running." if running else "Clock paused: ctrl+t resumes.")
        self.refresh_clock()
        self.save_draft()

    def action_toggle_bell(self) -> None:
        on = not self.app.settings.call_bell
        self.app.change_settings(call_bell=on)
        self.notify("The bell rings at each cue." if on else "No bell at the cues.")
        self.refresh_clock()

    def action_toggle_cards(self) -> None:
        self.toggle_class("-cards-shown")

    # -- leaving and ending ---------------------------------------------------------------

    def action_leave(self) -> None:
        """Back to the main screen without logging, once confirmed: the notes stay for next
        time. (Escape is easy to hit by accident in the middle of a call.)"""
        self.save_draft()

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(False)

        question = Content.assemble(
            "Leave the call with ", (self.plan.name, "bold"), "?\nYour notes are kept."
        )
        self.app.push_screen(
            ConfirmDialog(question, yes="Leave", no="Stay in the call", danger=False), answered
        )

    def action_end_call(self) -> None:
        self.save_draft()
        minutes = minutes_of(self.elapsed)
        contacts = self.app.store.contacts()
        dialog = EndCallDialog(self.plan, minutes, len(self.asked), contacts)
        self.app.push_screen(dialog, self._ended)

    def _ended(self, result: EndCallResult | None) -> None:
        if result is None:
            return
        store, plan, notes, asked = self.app.store, self.plan, self.notes.text, set(self.asked)

        def log_it() -> list[str]:
            earned = store.finish_call(
                plan,
                minutes=result.minutes,
                notes=notes,
                asked=asked,
                referrals=result.names,
                add_referrals=False,
            )
            for referral in result.referrals:
                refer(referral)
            return earned

        def refer(referral: Referral) -> None:
            """A new name becomes a contact referred by this one (when asked to); a picked
            contact without a referrer gets this one, unless that would make a loop."""
            if referral.contact_id is None:
                if result.add_referrals:
                    store.add_contact(
                        name=referral.name,
                        referred_by=plan.contact_id,
                        how_met=f"through {plan.name}",
                    )
                return
            contact = store.get_contact(referral.contact_id)
            if contact.referred_by is None and referral.contact_id not in referrers(plan):
                store.update_contact(contact.id, referred_by=plan.contact_id)

        def referrers(plan: CallPlan) -> set[int]:
            """The contact called and everyone up its chain of referrers."""
            chain, current = {plan.contact_id}, store.get_contact(plan.contact_id).referred_by
            while current is not None and current not in chain:
                chain.add(current)
                try:
                    current = store.get_contact(current).referred_by
                except KeyError:
                    break
            return chain

        earned, undo = store.undoable(f"ended the call with {plan.name}", log_it)
        self._saved = self._state()  # logged: nothing left to keep as a draft
        self._dirty_since = None
        announce(
            self.app,
            EVENTS,
            INTERVIEWS,
            CHECKLIST,
            CALL_DRAFTS,
            CONTACTS,
            contact_id=plan.contact_id,
            select=True,
        )
        ticked = f"; ticked {len(earned)} Conduct item{'s' if len(earned) != 1 else ''}"
        self.app.did(
            undo,
            f"Logged the call with {plan.name}: {result.minutes} min, "
            f"{names_told(store, plan, len(result.referrals))}{ticked if earned else ''}. "
            "Send your thank-you by tomorrow.",
        )
        self.dismiss(True)
        offer_debrief(self.app, plan)


def names_told(store: Records, plan: CallPlan, today: int) -> str:
    """The names this call gave, and the contact's count by the one rule (`names_gained`:
    what Insights, Referrals and `stats` count) when names they gave before add to it."""
    total = names_gained(plan.contact_id, store.contacts(), store.interviews(plan.contact_id))
    told = f"{today} name{'s' if today != 1 else ''}"
    return told if total.count == today else f"{told} ({total.count} from {plan.name} in all)"


def offer_debrief(app: InfoCoachApp, plan: CallPlan) -> None:
    """The three-question debrief as the call ends; the answers join the notes of the
    interview just logged (so What I heard has them)."""
    store = app.store

    def answered(answers: dict[str, str] | None) -> None:
        interviews = store.interviews(plan.contact_id)
        if not answers or not interviews:
            return
        latest = max(interviews, key=lambda interview: interview.id)
        notes = debrief_notes(latest.notes, answers)
        if notes == latest.notes:
            return
        _, undo = store.undoable(
            f"debrief of the call with {plan.name}",
            lambda: store.edit_entry(str(EntryId("interview", latest.id)), notes=notes),
        )
        announce(app, INTERVIEWS, contact_id=plan.contact_id)
        app.did(undo, f"Debrief kept with your notes on {plan.name}.")

    app.push_screen(DebriefDialog(plan.name), answered)
