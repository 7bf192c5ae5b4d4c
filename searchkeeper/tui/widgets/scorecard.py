"""The scorecard: the week's score, the streaks and the momentum score, on one line where it fits."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from searchkeeper.core.scoring import Summary, shown_threshold
from searchkeeper.core.weeks import Week
from searchkeeper.tui.palette import Palette
from searchkeeper.tui.widgets.room import room


@dataclass(frozen=True)
class ScoreFacts:
    summary: Summary
    week: Week
    this_week: Week


def _weeks(count: int) -> str:
    return "1 week" if count == 1 else f"{count} weeks"


class Scorecard(Widget):
    """Set ``facts`` to show a week's score against the whole history."""

    DEFAULT_CSS = """
    Scorecard {
        height: auto;
        padding: 0 1;
    }
    """
    # the parts' colours come from a Palette (see render), not component classes

    facts: reactive[ScoreFacts | None] = reactive(None, init=False, layout=True)

    def render(self) -> RenderableType:
        return self._fitted(room(self).width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The height at ``width`` (the first layout asks before the widget has a size)."""
        return len(self._fitted(width).plain.split("\n"))

    def _fitted(self, width: int) -> Text:
        facts = self.facts
        if facts is None:
            return Text("…")
        for short in (False, True):  # one line when it fits: the long words, else the short
            line = self._line(facts, short)
            if line.cell_len <= width:
                return line
        return self._line(facts, short=True, split=True)

    def _line(self, facts: ScoreFacts, short: bool, split: bool = False) -> Text:
        paint = Palette(self)
        label = paint("text-muted")
        figure = paint("text", "bold")
        good = paint("momentum-bar", "bold")
        summary = facts.summary
        score = summary.score_for(facts.week)
        threshold = shown_threshold(summary.threshold)
        name = "This week" if facts.week == facts.this_week else facts.week.key
        line = Text.assemble((f"{name} ", label))
        if score is None:
            line.append("not scored", style=figure)  # before the journal began, as reports say
        elif score.unreadable:
            line.append("file unreadable: not counted", style=figure)
        elif score.away:
            line.append("away: not counted", style=figure)
        elif score.counted == 0:
            line.append("nothing counted", style=figure)
        else:
            momentum_week = score.is_momentum(summary.threshold)
            line.append(f"{score.met}/{score.counted}", style=good if momentum_week else figure)
            line.append(f" {score.percent}%", style=good if momentum_week else figure)
            if momentum_week:
                line.append(" ▲ momentum" if short else " ▲ momentum week", style=good)
            else:
                needs = f" (needs {threshold}%)" if short else f" (a momentum week needs {threshold}%)"
                line.append(needs, style=label)
        line.append("\n" if split else " · ", style=label)
        line.append("Streak ", style=label)
        line.append(_weeks(summary.streak), style=figure)
        line.append(" · best ", style=label)
        line.append(str(summary.longest) if short else _weeks(summary.longest), style=figure)
        line.append(" · Momentum ", style=label)
        line.append(f"{summary.momentum}", style=good)
        line.append("/100", style=label)
        return line
