"""The scorecard: the week's score, the streaks and the momentum score."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from searchkeeper.core.scoring import Summary
from searchkeeper.core.weeks import Week
from searchkeeper.tui.palette import Palette


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
        facts = self.facts
        if facts is None:
            return Text("…")
        paint = Palette(self)
        label = paint("text-muted")
        figure = paint("text", "bold")
        good = paint("momentum-bar", "bold")
        summary = facts.summary
        score = summary.score_for(facts.week)
        threshold = round(summary.threshold * 100)
        name = "This week" if facts.week == facts.this_week else facts.week.key
        line = Text.assemble((f"{name} ", label))
        if score is None:
            line.append("no score", style=figure)
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
                line.append(" ▲ momentum week", style=good)
            else:
                line.append(f" (a momentum week needs {threshold}%)", style=label)
        line.append("\n")
        line.append("Streak ", style=label)
        line.append(_weeks(summary.streak), style=figure)
        line.append(" · best ", style=label)
        line.append(_weeks(summary.longest), style=figure)
        line.append(" · Momentum ", style=label)
        line.append(f"{summary.momentum}", style=good)
        line.append("/100", style=label)
        return line
