"""Insights: the progress you can see, and what the interviews taught ("What I heard").

The figures come computed (see `infocoach.core.insights`): this screen only lays them out. Names,
companies and notes are the user's text and are shown literally, never read as markup.
Wide: progress on the left, What I heard scrolling on its own on the right. Narrow: one column.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Container, ScrollableContainer, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Sparkline, Static

from infocoach.core.agenda import short_day
from infocoach.core.insights import (
    ONE_SOURCE,
    TOO_MANY,
    TOPIC_LIMIT,
    WEEKS,
    WHY,
    Insights,
    Topic,
    percent,
)
from infocoach.core.models import STAGE_LABELS
from infocoach.core.referrals import GOAL
from infocoach.core.text import plural
from infocoach.tui import actions
from infocoach.tui.widgets.pace_chart import PaceChart
from infocoach.tui.widgets.status import StatusLine

BAR_WIDTH = 24  # the longest pipeline bar, in cells
WEEK_CELLS = 3  # cells per week in the interviews chart
STAGE_WIDTH = max(len(label) for label in STAGE_LABELS.values()) + 2
WIDE = 100  # from this many columns, two columns
NOTES_SHOWN = TOPIC_LIMIT + 1  # the latest notes of each company or field: a big file stays quick

EMPTY_HEARD = (
    "Nothing written down yet. After each conversation, note what you heard: it is "
    "gathered here by company and by field, with how many different people said it."
)

Part = str | tuple[str, str] | Content


def bar(count: int, largest: int, width: int = BAR_WIDTH) -> str:
    """A bar of full blocks for `count` out of `largest` (at least one block for any count)."""
    if count <= 0 or largest <= 0:
        return ""
    return "█" * max(1, round(width * count / largest))


def pipeline_text(figures: Insights) -> Content:
    largest = max(figures.by_stage.values(), default=0)
    rows: list[Content] = []
    for stage, count in figures.by_stage.items():
        label = STAGE_LABELS.get(stage, stage)
        rows.append(
            Content.assemble(
                (f"{label:<{STAGE_WIDTH}}", "dim" if not count else ""),
                (bar(count, largest), "$primary"),
                (f" {count}", "bold" if count else "dim"),
            )
        )
    return Content("\n").join(rows)


def weeks_caption(figures: Insights) -> str:
    width = WEEKS * WEEK_CELLS
    first = f"from {short_day(figures.weeks[0].start)}" if figures.weeks else ""
    return f"{first:<{width - 9}}this week"


def weeks_summary(figures: Insights) -> str:
    in_weeks = sum(week.interviews for week in figures.weeks)
    busiest = max((week.interviews for week in figures.weeks), default=0)
    return (
        f"{figures.interviews_this_week} this week · {in_weeks} in {WEEKS} weeks · "
        f"busiest week {busiest} · {figures.interviews} in all"
    )


def outreach_text(figures: Insights) -> str:
    if not figures.outreach:
        return "No outreach logged yet: press l on the main screen when you send a note."
    people = plural(figures.people_reached, "person", "people")
    return (
        f"{plural(figures.outreach, 'message')} to {people} · {figures.replies} replied · "
        f"reply rate {percent(figures.reply_rate)}"
    )


def referrals_text(figures: Insights) -> Content:
    parts: list[Part] = []
    if figures.interviews:
        per = figures.names_per_interview or 0.0
        names = plural(figures.names_gained, "name")
        people = plural(figures.people_interviewed, "person", "people")
        parts += [
            (f"{per:.1f}", "$success" if per >= GOAL else "bold"),
            f" names per interview — the goal is {GOAL}",
            f"\n{names} from {plural(figures.interviews, 'interview')} · "
            f"goal met with {figures.goal_met} of {people}",
        ]
    else:
        parts.append(f"No interviews yet: at the end of each one, ask for {GOAL} names.")
    parts.append(f"\n{plural(figures.referred, 'contact')} came through a referral")
    if figures.longest_chain:
        parts.append("\nLongest chain: ")
        for number, name in enumerate(figures.longest_chain):
            if number:
                parts.append(" → ")
            parts.append((name, "bold"))
    return Content.assemble(*parts)


def thanks_text(figures: Insights) -> Content:
    if not figures.interviews:
        return Content("— no interviews yet. Send a short thank-you by the day after each one.")
    due = figures.thanks_due
    still_due = f"{plural(due, 'thank-you')} still due (by the day after the interview)"
    if not figures.thanks_counted:
        return Content(f"— {still_due}.")
    tone = "$success" if (figures.thank_you_on_time or 0.0) >= 1 else "bold"
    return Content.assemble(
        (percent(figures.thank_you_on_time), tone),
        f" · {figures.thanked_on_time} of {plural(figures.thanks_counted, 'interview')} "
        "thanked by the next day",
        (f"\n{still_due}, not counted yet", "dim") if due else "",
    )


def rehearsals_text(figures: Insights) -> Content:
    if not figures.rehearsals:
        return Content("No rehearsals yet: t on the main screen reads a script aloud with you.")
    paces = figures.pace_trend
    if len(paces) > 1:
        pace = f"{paces[0]:.0f} → {paces[-1]:.0f} words a minute over the last {len(paces)}"
    else:
        pace = f"{paces[-1]:.0f} words a minute" if paces else "—"
    return Content.assemble(
        f"{plural(figures.rehearsals_this_week, 'rehearsal')} this week · "
        f"{figures.rehearsals} in all",
        "\nPace: ",
        (pace, "bold"),
        ("\n" + figures.pace_note, "dim") if figures.pace_note else "",
    )


def topic_text(topic: Topic) -> Content:
    """The topic's name and counts, then each note with who said it and when."""
    parts: list[Part] = [(topic.name, "bold"), ("  " + topic.counts(), "dim")]
    if topic.one_source:
        parts += ["  ", (ONE_SOURCE, "$warning")]
    if topic.too_many:
        parts += ["\n", (f"Past {TOPIC_LIMIT} interviews: {TOO_MANY}.", "$warning")]
    earlier = len(topic.notes) - NOTES_SHOWN
    if earlier > 0:
        parts += ["\n  ", (f"{plural(earlier, 'earlier note')} not shown; the latest:", "dim")]
    for note in topic.notes[-NOTES_SHOWN:]:
        parts += ["\n  ", (note.contact, "italic"), (f" · {short_day(note.day)}", "dim")]
        for line in note.text.splitlines():
            parts += ["\n    ", line]
    return Content.assemble(*parts)


class InsightsScreen(Screen[None]):
    """The dashboard; escape (or i) goes back to the main screen."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]

    DEFAULT_CSS = """
    InsightsScreen #insights-body { height: 1fr; overflow: hidden hidden; }
    InsightsScreen #progress-line { text-style: bold; margin-top: 1; padding: 0 1; }
    InsightsScreen #why { color: $text-muted; padding: 0 1; }
    InsightsScreen #columns { layout: horizontal; height: 1fr; margin-top: 1; }
    InsightsScreen #progress { width: 60; height: 100%; padding: 0 1; }
    InsightsScreen #heard { width: 1fr; height: 100%; padding: 0 1;
        border-left: tall $primary 30%; }
    InsightsScreen #progress:focus, InsightsScreen #heard:focus { background: $boost; }
    InsightsScreen .heading { text-style: bold; color: $primary; margin-top: 1; }
    InsightsScreen .heading.-first { margin-top: 0; }
    InsightsScreen #weeks { width: 36; height: 2; }
    InsightsScreen #weeks-caption, InsightsScreen .muted { color: $text-muted; }
    InsightsScreen #paces { width: 30; height: 1; }
    InsightsScreen .topic { margin-top: 1; }
    InsightsScreen #crowded { color: $warning; margin-top: 1; }
    InsightsScreen.-narrow #insights-body { overflow-y: auto; }
    InsightsScreen.-narrow #columns { layout: vertical; height: auto; }
    InsightsScreen.-narrow #progress, InsightsScreen.-narrow #heard {
        width: 100%; height: auto; border-left: none; }
    InsightsScreen.-narrow #heard { margin-top: 1; }
    InsightsScreen.-narrow #progress:focus, InsightsScreen.-narrow #heard:focus {
        background: transparent; }
    """

    BINDINGS = actions.bindings("insights", quit=True)

    def __init__(self, figures: Insights) -> None:
        super().__init__()
        self.figures = figures

    def compose(self) -> ComposeResult:
        figures = self.figures
        yield Header()
        with ScrollableContainer(id="insights-body", can_focus=False):
            yield Static(Content(figures.progress), id="progress-line")
            yield Static(Content(WHY), id="why")
            with Container(id="columns"):
                with VerticalScroll(id="progress"):
                    yield from self._progress()
                with VerticalScroll(id="heard"):
                    yield from self._heard()
        yield StatusLine()
        yield Footer()

    def _progress(self) -> ComposeResult:
        figures = self.figures
        yield Static(f"Interviews per week, last {WEEKS} weeks", classes="heading -first")
        yield Sparkline([week.interviews for week in figures.weeks], id="weeks")
        yield Static(weeks_caption(figures), id="weeks-caption", markup=False)
        yield Static(weeks_summary(figures), id="weeks-summary", markup=False)
        yield Static("Outreach", classes="heading")
        yield Static(outreach_text(figures), id="outreach", markup=False)
        yield Static("Pipeline", classes="heading")
        yield Static(pipeline_text(figures), id="pipeline")
        yield Static("Referrals", classes="heading")
        yield Static(referrals_text(figures), id="referrals")
        yield Static("Thank-you notes on time", classes="heading")
        yield Static(thanks_text(figures), id="thanks")
        yield Static("Rehearsals", classes="heading")
        yield Static(rehearsals_text(figures), id="rehearsals")
        if len(figures.pace_trend) > 1:
            yield PaceChart(figures.pace_trend, scale=True, id="paces")

    def _heard(self) -> ComposeResult:
        figures = self.figures
        yield Static("What I heard", classes="heading -first")
        yield Static(
            "One interview is one opinion: what several people said is the real information.",
            classes="muted",
        )
        if figures.crowded:
            names = ", ".join(topic.name for topic in figures.crowded)
            yield Static(
                Content.assemble((names, "bold"), f": past {TOPIC_LIMIT} interviews — {TOO_MANY}."),
                id="crowded",
            )
        if not figures.companies and not figures.industries:
            yield Static(EMPTY_HEARD, classes="muted topic", id="heard-empty", markup=False)
            return
        for title, topics in (("By company", figures.companies), ("By field", figures.industries)):
            if topics:
                yield Static(title, classes="heading")
                for topic in topics:
                    yield Static(topic_text(topic), classes="topic")

    def on_mount(self) -> None:
        today = self.figures.today
        self.title = "Insights"
        self.sub_title = f"{today:%A} {today.day} {today:%B} {today.year}"
        # Wide: the notes scroll on their own. Narrow: one column, read from the top.
        self.query_one("#heard" if self.app.size.width >= WIDE else "#progress").focus()

    def action_close(self) -> None:
        self.dismiss(None)
