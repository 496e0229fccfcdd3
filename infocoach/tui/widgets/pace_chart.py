"""A bar per rehearsal pace, on a fixed scale (see `pacing.CHART_MIN`, `pacing.CHART_MAX`).

Textual's Sparkline scales to the values shown, so 128 and 151 look like nothing and
everything; here a bar's height always means the same pace.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.content import Content
from textual.widgets import Static

from infocoach.core import pacing

BARS = "▁▂▃▄▅▆▇█"


def chart_text(paces: Sequence[float]) -> str:
    """One block character per pace, oldest first, 80 a minute at the bottom, 200 at the top."""
    return "".join(BARS[level] for level in pacing.chart_levels(paces, len(BARS)))


def scale_text() -> str:
    return f"{pacing.CHART_MIN:.0f}–{pacing.CHART_MAX:.0f} wpm"


class PaceChart(Static):
    """The paces given to `show`, as bars of a fixed scale; `data` holds them (oldest first)."""

    DEFAULT_CSS = "PaceChart { height: 1; color: $primary; }"

    def __init__(self, paces: Sequence[float] = (), *, scale: bool = False, **kwargs: Any):
        super().__init__(markup=False, **kwargs)
        self._scale = scale
        self.data: list[float] = []
        self.show(paces)

    def show(self, paces: Sequence[float]) -> None:
        self.data = [float(wpm) for wpm in paces]
        parts: list[str | tuple[str, str]] = [chart_text(self.data)]
        if self._scale:
            parts.append((f"  scale {scale_text()}", "$text-muted"))
        self.update(Content.assemble(*parts))
