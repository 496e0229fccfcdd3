"""The Timer pane: a script to rehearse, a rehearsal stopwatch and the call countdown."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Digits, Label, Select, Static

from infocoach.content import Script
from infocoach.models import DEFAULT_MINUTES
from infocoach.timing import Stopwatch, countdown_state, format_clock, remaining_seconds

TICK_SECONDS = 0.2


class TimerPane(Vertical):
    DEFAULT_CSS = """
    TimerPane {
        #script-select { width: 1fr; }
        #stopwatch { width: 100%; text-align: center; margin-top: 1; }
        #timer-body { height: 1fr; }
        #script-view { width: 1fr; height: 1fr; padding: 0 1; }
        #countdown-box { width: 24; height: auto; align-horizontal: center; }
        #countdown { width: auto; color: $success; }
        #countdown-label { width: 100%; text-align: center; color: $text-muted; }
        &.-warning #countdown { color: $warning; }
        &.-over #countdown { color: $error; }
    }
    """

    def __init__(self, scripts: tuple[Script, ...], clock: Callable[[], float], **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = "Timer"
        self._scripts = {script.id: script for script in scripts}
        self.stopwatch = Stopwatch(clock)
        self._values: Mapping[str, str] = {}
        self._minutes = DEFAULT_MINUTES
        self._ticker = None

    def compose(self) -> ComposeResult:
        choices = [(script.title, script.id) for script in self._scripts.values()]
        yield Select(choices, allow_blank=False, id="script-select")
        with Horizontal(id="timer-body"):
            with VerticalScroll(id="script-view"):
                yield Static(id="script-text", markup=False)
            with Vertical(id="countdown-box"):
                yield Digits(id="countdown")
                yield Label(id="countdown-label")
                yield Label(id="stopwatch")

    def on_mount(self) -> None:
        self.refresh_time()

    @property
    def script(self) -> Script | None:
        value = self.query_one("#script-select", Select).value
        return self._scripts.get(value) if isinstance(value, str) else None

    def show(self, values: Mapping[str, str], minutes: int) -> None:
        """Fill the script from `values` and preset the countdown to `minutes`."""
        self._values = values
        self._minutes = minutes
        self._render_script()
        self.refresh_time()

    @on(Select.Changed, "#script-select")
    def _script_changed(self) -> None:
        self._render_script()

    def _render_script(self) -> None:
        script = self.script
        text = script.fill(self._values) if script else ""
        self.query_one("#script-text", Static).update(Content(text))

    def toggle(self) -> bool:
        """Start or pause the rehearsal; the countdown runs with it. Returns whether running."""
        running = self.stopwatch.toggle()
        if running and self._ticker is None:
            self._ticker = self.set_interval(TICK_SECONDS, self.refresh_time)
        elif not running and self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        self.refresh_time()
        return running

    def reset(self) -> None:
        if self.stopwatch.running:
            self.toggle()
        self.stopwatch.reset()
        self.refresh_time()

    def refresh_time(self) -> None:
        elapsed = self.stopwatch.elapsed
        state = "running" if self.stopwatch.running else ("paused" if elapsed else "press t")
        self.query_one("#stopwatch", Label).update(f"Rehearsal {format_clock(elapsed)}\n{state}")
        remaining = remaining_seconds(self._minutes, elapsed)
        self.query_one("#countdown", Digits).update(format_clock(remaining))
        phase = countdown_state(remaining)
        self.set_class(phase == "warning", "-warning")
        self.set_class(phase == "over", "-over")
        label = f"of {self._minutes} min" if phase != "over" else "over time: thank them"
        self.query_one("#countdown-label", Label).update(label)
