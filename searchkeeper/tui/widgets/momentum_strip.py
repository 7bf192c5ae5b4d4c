"""The momentum strip: the last weeks in two lines, always on the week screen.

A week is a column: momentum weeks rise to or above the threshold's height in the bar
colour, weeks below it stay under it in the low colour (``~`` away, ``?`` unreadable,
``-`` nothing counted, ``·`` nothing met, as in the chart). Under them ``━`` marks the
current streak and ``▲`` the week on screen. Enter or a click opens the chart screen.
"""

from __future__ import annotations

import math

from rich.style import Style
from textual import events
from textual.binding import Binding

from searchkeeper.core.scoring import WeekScore, shown_threshold
from searchkeeper.core.weeks import Week
from searchkeeper.tui.palette import Palette
from searchkeeper.tui.widgets.momentum_chart import (
    AWAY,
    EIGHTHS,
    EMPTY_WEEK,
    HERE,
    MAX_WEEKS,
    STREAK,
    UNKNOWN,
    ZERO,
    ChartFacts,
    Line,
    LinesWidget,
    streak_weeks,
)
from searchkeeper.tui.widgets.room import room

LABEL = "Momentum "
LABEL_WIDTH = len(LABEL)


def strip_glyph(score: WeekScore | None, threshold: float) -> tuple[str, str]:
    """A week's character and its part (``bar``, ``low``, ``away``, ``axis``)."""
    if score is None:
        return " ", "axis"
    ratio = score.ratio
    if score.unreadable:
        return UNKNOWN, "away"
    if score.away:
        return AWAY, "away"
    if ratio is None:
        return EMPTY_WEEK, "axis"
    if ratio == 0:
        return ZERO, "low"
    line = max(1, math.ceil(threshold * 8 - 1e-9))  # the eighths a momentum week reaches at least
    eighths = round(ratio * 8)
    if score.is_momentum(threshold):
        return EIGHTHS[max(line, min(8, eighths))], "bar"
    return EIGHTHS[max(1, min(line - 1, eighths))], "low"


class MomentumStrip(LinesWidget, can_focus=True):
    """Set ``facts`` (its ``span`` is ignored: as many weeks as fit, at most 52); new facts
    repaint only the line they change."""

    HELP = "The last weeks against the threshold; **enter** opens the chart."

    BINDINGS = [
        Binding(
            "enter", "app.open_screen('chart')", "Chart", id="strip.chart", tooltip="Open the chart screen"
        ),
    ]

    DEFAULT_CSS = """
    MomentumStrip {
        height: 2;
        padding: 0 1;
        &:hover { background: $boost 50%; }
        &:focus { background: $primary 25%; }
    }
    """
    PARTS = {
        "bar": ("momentum-bar", ""),
        "low": ("momentum-low", ""),
        "here": ("accent", "bold"),
        "streak": ("accent", ""),
        "axis": ("text-muted", ""),
        "away": ("warning", ""),
        "label": ("text-muted", ""),
        "title": ("primary", "bold"),
    }

    def weeks(self, facts: ChartFacts, width: int) -> list[Week]:
        """The weeks shown: the latest that fit, ending with the week on screen if it is older."""
        legend = len(self._legend_words(facts))
        count = max(1, min(MAX_WEEKS, width - LABEL_WIDTH - legend - 1))
        last = facts.this_week
        if facts.week > last or facts.week < last.shift(-(count - 1)):
            last = facts.week
        first = last.shift(-(count - 1))
        scores = facts.summary.scores
        if scores and first < scores[0].week:  # a short history starts at its first week
            first = min(scores[0].week, last)
        return first.until(last)

    @staticmethod
    def _legend_words(facts: ChartFacts) -> str:
        return f" ≥{shown_threshold(facts.summary.threshold)}%"

    def _draw_key(self) -> tuple[object, ...]:
        return (self.facts, room(self).width, self.app.theme, self.background_colors[1])

    def _draw_lines(self) -> list[Line]:
        assert self.facts is not None
        return self._draw(self.facts, room(self).width)

    def _draw(self, facts: ChartFacts, width: int) -> list[Line]:
        paint = Palette(self)

        def part(name: str) -> Style:
            return paint(*self.PARTS[name])

        summary = facts.summary
        weeks = self.weeks(facts, width)
        in_streak = streak_weeks(summary, facts.this_week)
        bars: Line = [(LABEL, part("title"))]
        marks: Line = [(f"{len(weeks):>3} wk".ljust(LABEL_WIDTH), part("label"))]
        for week, score in zip(weeks, summary.scores_of(weeks), strict=True):
            char, name = strip_glyph(score, summary.threshold)
            bars.append((char, part(name)))
            if week == facts.week:
                marks.append((HERE, part("here")))
            elif week in in_streak:
                marks.append((STREAK, part("streak")))
            else:
                marks.append((" ", None))
        bars.append((self._legend_words(facts), part("label")))
        marks.append((f" {STREAK} streak" if in_streak else "", part("label")))
        return [bars, marks]

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.run_action("app.open_screen('chart')")
