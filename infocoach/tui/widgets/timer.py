"""The Timer pane: rehearse a script aloud against a paced teleprompter, and the call countdown.

`t` (on the main screen) starts a rehearsal and stops it; the countdown for the call runs with
the rehearsal, so a full role-play of the call can be timed too. A finished rehearsal is posted
upward as `TimerPane.Finished`; the screen saves it and the pane shows the new history.

Fair numbers: a run stopped before the teleprompter reached the last word is partial (no pace,
saved with wpm 0, left out of the count and the chart); a whole reading at a pace nobody reads at
(under 80 or over 220 a minute) first asks whether all of it was read, "No, I stopped early"
focused. The history is the selected contact's, of the shown script.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Label, Select, Static

from infocoach.core import pacing
from infocoach.core.models import DEFAULT_MINUTES
from infocoach.core.timing import Stopwatch, format_clock, remaining_seconds
from infocoach.guidance.records import Script
from infocoach.tui import actions
from infocoach.tui.widgets.countdown import Countdown
from infocoach.tui.widgets.pace_chart import PaceChart, scale_text
from infocoach.tui.widgets.teleprompter import Teleprompter

TICK_SECONDS = 0.2
HISTORY_LENGTH = 20  # paces shown in the chart
FEEDBACK_STYLE = {"good": "$text-success", "fast": "$text-warning", "slow": "$text-warning",
                  "a-little-slow": "$text-warning"}  # fmt: skip
WHOLE_QUESTION = "Did you read the whole script?"
WHOLE_YES, WHOLE_NO = "Yes, all of it", "No, I stopped early"


def rehearsed_text(count: int) -> str:
    if count == 0:
        return "Not rehearsed yet"
    return "Rehearsed once" if count == 1 else f"Rehearsed {count} times"


def pace_keys() -> str:
    """ "([/])": the keys that change the pace, with no space for a line to break at."""
    slower, faster = (
        actions.keys_text(actions.action(id)) for id in ("timer.slower", "timer.faster")
    )
    return f"({slower}/{faster})"


class TimerPane(Vertical):
    DEFAULT_CSS = """
    TimerPane {
        #script-select { width: 1fr; }
        #timer-body { height: 1fr; }
        #script-view { width: 1fr; height: 1fr; padding: 0 1; }
        #countdown-box { width: 24; height: auto; }
        #rehearsal-count { width: 100%; text-align: center; color: $text-muted; }
        #pace-history { width: 100%; margin: 0 1; text-align: center; }
        #rehearsal-status { height: auto; max-height: 2; padding: 0 1; color: $text-muted; }
        &.-running #rehearsal-status { color: $text; }
    }
    /* On a narrow screen the script needs the room while it is read. */
    MainScreen.-narrow TimerPane.-running #countdown-box { display: none; }
    """

    class Finished(Message):
        """A rehearsal ended; `result.counts` says whether it is worth saving."""

        def __init__(self, script_id: str, result: pacing.Result) -> None:
            super().__init__()
            self.script_id = script_id
            self.result = result

    class PaceChanged(Message):
        def __init__(self, wpm: int) -> None:
            super().__init__()
            self.wpm = wpm

    def __init__(
        self,
        scripts: tuple[Script, ...],
        clock: Callable[[], float],
        *,
        pace: int = pacing.DEFAULT_PACE,
        history: Callable[[str], Sequence[float]] | None = None,  # paces; 0: a partial run
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.border_title = "Timer"
        self._scripts = {script.id: script for script in scripts}
        self.stopwatch = Stopwatch(clock)
        self.pace = pacing.clamp_pace(pace)
        self._history = history or (lambda script_id: ())
        self._values: Mapping[str, str] = {}
        self._minutes = DEFAULT_MINUTES
        self._ticker: Timer | None = None
        self.last_result: pacing.Result | None = None

    def compose(self) -> ComposeResult:
        # A title may come from the user's own content file: Text, never markup.
        choices = [(Text(script.title), script.id) for script in self._scripts.values()]
        yield Select(choices, allow_blank=False, id="script-select")
        with Horizontal(id="timer-body"):
            yield Teleprompter(id="script-view")
            with Vertical(id="countdown-box"):
                yield Countdown(id="countdown")
                yield Label(id="rehearsal-count")
                yield PaceChart(id="pace-history")
        yield Static(id="rehearsal-status", markup=False)

    def on_mount(self) -> None:
        self._render_script()
        self.refresh_history()
        self.refresh_time()

    def on_resize(self) -> None:
        # The script list opens under the drop-down: no taller than the pane, so it never
        # spills over the pane's border (or the status line under it).
        overlay = self.query_one("#script-select").query_one("SelectOverlay")
        overlay.styles.max_height = max(3, self.size.height - 1)

    # -- what is shown --------------------------------------------------------------------

    @property
    def script(self) -> Script | None:
        value = self.query_one("#script-select", Select).value
        return self._scripts.get(value) if isinstance(value, str) else None

    @property
    def prompter(self) -> Teleprompter:
        return self.query_one(Teleprompter)

    @property
    def running(self) -> bool:
        return self.stopwatch.running

    def show(self, values: Mapping[str, str], minutes: int) -> None:
        """Fill the script from `values` and preset the countdown to `minutes`."""
        self._values = values
        self._minutes = minutes
        self._render_script()
        self.refresh_time()

    @on(Select.Changed, "#script-select")
    def _script_changed(self) -> None:
        if self.running:  # a rehearsal belongs to one script: switching starts over
            self.reset()
        self.last_result = None
        self._render_script()
        self.refresh_history()
        self.refresh_time()

    def _render_script(self) -> None:
        script = self.script
        self.prompter.show(script.fill(self._values) if script else "")

    def refresh_history(self) -> None:
        """Count and chart of the whole readings saved for the shown script (partial runs,
        saved with no pace, are left out of both)."""
        script = self.script
        paces = [float(p) for p in self._history(script.id)] if script else []
        paces = [wpm for wpm in paces if wpm > pacing.PARTIAL_WPM]
        self.query_one("#rehearsal-count", Label).update(rehearsed_text(len(paces)))
        chart = self.query_one("#pace-history", PaceChart)
        chart.show(paces[-HISTORY_LENGTH:])
        chart.display = len(paces) >= 2
        chart.tooltip = (
            f"Pace of the last {min(len(paces), HISTORY_LENGTH)} rehearsals, oldest first "
            f"(scale {scale_text()})"
        )

    # -- rehearsal ------------------------------------------------------------------------

    def toggle(self) -> bool:
        """Start a rehearsal, or stop the running one; returns whether one now runs."""
        if self.running:
            self.stop()
        else:
            self.start()
        return self.running

    def start(self) -> None:
        """A fresh rehearsal: the stopwatch and the call countdown start from zero."""
        self.stopwatch.reset()
        self.stopwatch.start()
        self.last_result = None
        if self._ticker is None:
            self._ticker = self.set_interval(TICK_SECONDS, self.refresh_time)
        self.refresh_time()

    def stop(self, *, finished: bool = False) -> pacing.Result | None:
        """End the rehearsal: the result is shown and posted as `Finished`.

        Stopped before the prompter reached the last word: a partial run, with no pace, unless
        she says she `finished` (she read faster than the prompter: the pace is hers). A whole
        reading at an impossible pace asks first whether all of it was read.
        """
        if not self.running:
            return None
        self.stopwatch.pause()
        self._stop_ticker()
        script = self.script
        elapsed, words = self.stopwatch.elapsed, self.prompter.words
        whole = finished or pacing.reached_end(pacing.word_at(elapsed, self.pace, words), words)
        result = pacing.result(words, elapsed, whole=whole)
        self.last_result = result
        self.prompter.follow(None)
        self.refresh_time()
        if script is None:
            return result
        if result.doubtful:
            self._ask_whole(script.id, result)
        else:
            self.post_message(self.Finished(script.id, result))
        return result

    def _ask_whole(self, script_id: str, result: pacing.Result) -> None:
        """Ask whether the whole script was read; the safe answer makes it a partial run."""
        from infocoach.tui.dialogs.confirm import ConfirmDialog

        question = Content(
            f"{WHOLE_QUESTION}\n{format_clock(result.seconds)} for {result.words} words is "
            f"{result.wpm:.0f} words a minute; people read aloud at "
            f"{pacing.PLAUSIBLE_MIN:.0f} to {pacing.PLAUSIBLE_MAX:.0f}."
        )

        def answered(whole: bool | None) -> None:
            final = result if whole else result.as_partial()
            if self.last_result is result:  # not started again meanwhile
                self.last_result = final
                self.refresh_time()
            self.post_message(self.Finished(script_id, final))

        self.app.push_screen(
            ConfirmDialog(question, yes=WHOLE_YES, no=WHOLE_NO, danger=False, id="whole-question"),
            answered,
        )

    def reset(self) -> None:
        """Back to the start, discarding a running rehearsal."""
        self._stop_ticker()
        self.stopwatch.reset()
        self.last_result = None
        self.prompter.follow(None)
        self.refresh_time()

    def _stop_ticker(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None

    def step_pace(self, steps: int) -> None:
        """The teleprompter `steps` of 10 words a minute faster (slower when negative)."""
        pace = pacing.step_pace(self.pace, steps)
        if pace == self.pace:
            self.notify(
                f"The prompter goes from {pacing.MIN_PACE} to {pacing.MAX_PACE} words a minute.",
                severity="warning",
            )
            return
        self.pace = pace
        self.post_message(self.PaceChanged(pace))
        self.refresh_time()

    # -- the clock ------------------------------------------------------------------------

    def refresh_time(self) -> None:
        elapsed = self.stopwatch.elapsed
        # Two clocks run while she rehearses: each says which it is.
        left = self.running and remaining_seconds(self._minutes, elapsed) > 0
        label = f"left of the {self._minutes}-min call" if left else None
        self.query_one(Countdown).show(self._minutes, elapsed, label)
        self.set_class(self.running, "-running")
        words = self.prompter.words
        if self.running:
            self.prompter.follow(pacing.word_at(elapsed, self.pace, words))
        self.query_one("#rehearsal-status", Static).update(self._status(elapsed, words))

    def _status(self, elapsed: float, words: int) -> Content:
        """One or two short lines: what is happening, or how the last reading went."""
        if self.running:
            at_end = pacing.reached_end(pacing.word_at(elapsed, self.pace, words), words)
            live = pacing.live_pace(words, elapsed) if at_end else None
            finished = actions.keys_text(actions.action("main.finished"))
            now = f"read along ({finished} if you finish first)"
            if live is not None:
                now = f"stop now: {live:.0f} wpm"
            return Content.assemble(
                ("● ", "$text-error"), (f"Rehearsing {format_clock(elapsed)}", "bold"),
                f" read so far · {now} · prompter {self.pace} wpm {pace_keys()}",
            )  # fmt: skip
        result = self.last_result
        if result is not None and not result.counts:
            return Content(f"Too short to count ({format_clock(result.seconds)}): not saved")
        if result is not None and result.partial:
            finished = actions.keys_text(actions.action("main.finished"))
            return Content(
                f"Stopped early at {format_clock(result.seconds)}: no pace. Read to the end, "
                f"or press {finished} as you finish, for one."
            )
        if result is not None:
            style = FEEDBACK_STYLE.get(result.feedback.kind, "")
            return Content.assemble(
                (f"{format_clock(result.seconds)} at {result.wpm:.0f} wpm: ", "bold"),
                (result.feedback.text, style),
            )  # fmt: skip
        about = format_clock(round(pacing.seconds_at(words, self.pace)))
        return Content(
            f"t rehearses · {words} words, about {about} at {self.pace} wpm {pace_keys()}"
        )
