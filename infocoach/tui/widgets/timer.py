"""The Timer pane: rehearse a script aloud against a paced teleprompter, and the call countdown.

`t` (on the main screen) starts a rehearsal and stops it; the countdown for the call runs with
the rehearsal, so a full role-play of the call can be timed too. A finished rehearsal is posted
upward as `TimerPane.Finished`; the screen saves it and the pane shows the new history.

Fair numbers: a run stopped before the teleprompter reached the last word is partial (no pace,
saved with wpm 0, left out of the count and the chart); a whole reading at a pace nobody reads at
(under 80 or over 220 a minute) first asks whether all of it was read, "No, I stopped early"
focused. The history is the selected contact's, of the shown script.

Listening (`v`, off by default; the optional voice extra): while she reads, the microphone's
frames go to a voice detector and the pane shows a level; at the end her pace is taken over the
time she was speaking, with her longest pause and the time to the ask (`core.speech`). Nothing
is written unless she keeps recordings (a setting).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Label, Select, Static

from infocoach.core import pacing, speech
from infocoach.core.models import DEFAULT_MINUTES
from infocoach.core.timing import Stopwatch, format_clock, remaining_seconds
from infocoach.exchange import audio
from infocoach.guidance.records import Script
from infocoach.tui import actions
from infocoach.tui.widgets.countdown import Countdown
from infocoach.tui.widgets.pace_chart import PaceChart, scale_text
from infocoach.tui.widgets.teleprompter import Teleprompter

if TYPE_CHECKING:
    from infocoach.tui.app import InfoCoachApp

TICK_SECONDS = 0.2
HISTORY_LENGTH = 20  # paces shown in the chart
FEEDBACK_STYLE = {"good": "$text-success", "fast": "$text-warning", "slow": "$text-warning",
                  "a-little-slow": "$text-warning"}  # fmt: skip
WHOLE_QUESTION = "Did you read the whole script?"
WHOLE_YES, WHOLE_NO = "Yes, all of it", "No, I stopped early"
LEVEL_CELLS = 5  # the live level: ▮▮▮▯▯


def level_meter(level: float) -> str:
    lit = max(0, min(LEVEL_CELLS, round(level * LEVEL_CELLS)))
    return "▮" * lit + "▯" * (LEVEL_CELLS - lit)


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
    app: InfoCoachApp

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
        """A rehearsal ended; `result.counts` says whether it is worth saving; `heard`, what
        listening measured (None when it did not listen)."""

        def __init__(
            self, script_id: str, result: pacing.Result, heard: speech.Speech | None = None
        ) -> None:
            super().__init__()
            self.script_id = script_id
            self.result = result
            self.heard = heard

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
        microphone: Callable[[], audio.Microphone] = audio.LiveMicrophone,
        # where a recording she keeps goes, asked at each rehearsal; None: none is kept
        recordings: Callable[[], Path | None] = lambda: None,
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
        self._microphone_factory = microphone
        self.recordings = recordings
        self.listens = False  # whether a rehearsal listens (`v`)
        self._detector: Callable[[bytes], bool] | None = None
        self._listening: audio.Listening | None = None
        self._microphone: audio.Microphone | None = None
        self._keep_in: Path | None = None  # where this rehearsal's recording goes, if kept
        self.last_heard: speech.Speech | None = None

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
        self.last_result = self.last_heard = None
        if self.listens:
            self._start_listening()
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
        heard = self._stop_listening(script, words)
        if heard is not None and result.partial:  # words unknown: no pace, nor time to the ask
            heard = replace(heard, wpm=None, ask_seconds=None)
        elif heard is not None and heard.wpm is not None:
            # her voice says the pace: over the time she spoke, not between two keys
            result = replace(result, wpm=heard.wpm, feedback=pacing.feedback(heard.wpm))
        self.last_heard = heard
        self.last_result = result
        self.prompter.follow(None)
        self.refresh_time()
        if script is None:
            return result
        if result.doubtful:
            self._ask_whole(script.id, result, heard)
        else:
            self.post_message(self.Finished(script.id, result, heard))
        return result

    def _ask_whole(
        self, script_id: str, result: pacing.Result, heard: speech.Speech | None
    ) -> None:
        """Ask whether the whole script was read; the safe answer makes it a partial run."""
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
            self.post_message(self.Finished(script_id, final, heard))

        self.app.ask(
            question, answered, yes=WHOLE_YES, no=WHOLE_NO, danger=False, id="whole-question"
        )

    def reset(self) -> None:
        """Back to the start, discarding a running rehearsal."""
        self._stop_microphone()
        self._listening = self.last_heard = None
        self._stop_ticker()
        self.stopwatch.reset()
        self.last_result = None
        self.prompter.follow(None)
        self.refresh_time()

    def _stop_ticker(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None

    # -- listening ----------------------------------------------------------------------------

    def toggle_listening(self) -> bool | None:
        """Listening on or off; returns whether rehearsals now listen, None when they cannot
        (the voice extra is missing: one line says what to install). A rehearsal under way is
        not changed."""
        if not self.listens and self._detector is None:
            try:
                self._detector = audio.voice_detector()
            except audio.VoiceUnavailable as missing:
                self.notify(str(missing), severity="warning", markup=False)
                return None
        self.listens = not self.listens
        self.refresh_time()
        return self.listens

    def _start_listening(self) -> None:
        assert self._detector is not None  # set when listening was turned on
        self._keep_in = self.recordings()
        listening = audio.Listening(self._detector, keep=self._keep_in is not None)
        microphone = self._microphone_factory()
        try:
            microphone.start(listening.hear)
        except audio.AudioError as error:
            self.notify(f"{error}; rehearsing without listening", severity="warning", markup=False)
            return
        self._listening, self._microphone = listening, microphone

    def _stop_microphone(self) -> None:
        microphone, self._microphone = self._microphone, None
        if microphone is not None:
            microphone.stop()

    def _stop_listening(self, script: Script | None, words: int) -> speech.Speech | None:
        """What was heard, measured (None when it was not listening or heard no voice); a
        recording kept when she keeps them."""
        self._stop_microphone()
        listening, self._listening = self._listening, None
        if listening is None:
            return None
        if self._keep_in is not None:
            try:
                kept = listening.keep(self._keep_in, datetime.now())
                self.notify(f"Recording kept: {kept}", markup=False)
            except (OSError, audio.AudioError) as error:
                self.notify(
                    f"The recording could not be kept: {error}", severity="warning", markup=False
                )
        text = script.fill(self._values) if script else ""
        return listening.measure(words, speech.ask_word(text))

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
            if self._listening is not None:
                hearing = "hearing you" if self._listening.voice_now else "listening"
                now = f"{hearing} {level_meter(self._listening.level)} · {now}"
            return Content.assemble(
                ("● ", "$text-error"),
                (f"Rehearsing {format_clock(elapsed)}", "bold"),
                f" read so far · {now} · prompter {self.pace} wpm {pace_keys()}",
            )
        result = self.last_result
        if result is not None and not result.counts:
            return Content(f"Too short to count ({format_clock(result.seconds)}): not saved")
        heard = self.last_heard
        if result is not None and heard is not None and not result.partial:
            return Content(f"Heard: {heard.summary()}. {heard.advice()}")
        if result is not None and result.partial:
            finished = actions.keys_text(actions.action("main.finished"))
            spoke = f"; you spoke {heard.speaking_seconds:.0f} s" if heard else ""
            return Content(
                f"Stopped early at {format_clock(result.seconds)}: no pace{spoke}. Read to the "
                f"end, or press {finished} as you finish, for one."
            )
        if result is not None:
            style = FEEDBACK_STYLE.get(result.feedback.kind, "")
            return Content.assemble(
                (f"{format_clock(result.seconds)} at {result.wpm:.0f} wpm: ", "bold"),
                (result.feedback.text, style),
            )
        about = format_clock(round(pacing.seconds_at(words, self.pace)))
        listen = actions.keys_text(actions.action("main.listen"))
        listens = f"listening on ({listen} turns it off)" if self.listens else f"{listen} listens"
        return Content(
            f"t rehearses · {listens} · {words} words, about {about} at {self.pace} wpm "
            f"{pace_keys()}"
        )
