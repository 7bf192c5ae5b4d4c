"""Practices by week: what happened to each practice in each week, and its completion rate."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from searchkeeper.core.practices import Catalogue
from searchkeeper.core.scoring import (
    AWAY,
    EXCUSED_OUTCOME,
    MET,
    MISSED_OUTCOME,
    NOT_COUNTED,
    UNREADABLE,
    Summary,
)
from searchkeeper.core.weeks import Week

SYMBOLS = {
    MET: ("●", "practice-grid--met", "done"),
    MISSED_OUTCOME: ("×", "practice-grid--missed", "missed"),
    EXCUSED_OUTCOME: ("–", "practice-grid--muted", "excused"),
    NOT_COUNTED: ("·", "practice-grid--muted", "not counted"),
    AWAY: ("~", "practice-grid--away", "away"),
}
NOT_YET = ("○", "practice-grid--muted", "not yet (this week)")
UNKNOWN = ("?", "practice-grid--away", "unreadable file")
"""Only in the legend when a week on screen is unreadable."""
TITLE_WIDTH = 28
RATE_WIDTH = 12


@dataclass(frozen=True)
class GridFacts:
    summary: Summary
    catalogue: Catalogue
    weeks: list[Week]


def completion(summary: Summary, practice_id: str, weeks: list[Week]) -> tuple[int, int]:
    """``(met, counted)`` for one practice over ``weeks``."""
    met = counted = 0
    for week in weeks:
        score = summary.score_for(week)
        outcome = score.outcomes.get(practice_id) if score else None
        if outcome == MET:
            met += 1
            counted += 1
        elif outcome == MISSED_OUTCOME and not score.in_progress:  # type: ignore[union-attr]
            counted += 1
    return met, counted


def week_labels(weeks: list[Week], slot: int) -> str:
    """Week numbers above the columns, as many as fit without touching (``W23  W27`` …)."""
    line = [" "] * (len(weeks) * slot)
    free = 0
    for index, week in enumerate(weeks):
        label = f"{week.number:02d}" if slot >= 3 else f"W{week.number:02d}"
        start = index * slot
        if start >= free and start + len(label) <= len(line):
            line[start : start + len(label)] = label
            free = start + len(label) + 1
    return "".join(line)


class PracticeGrid(Widget):
    DEFAULT_CSS = """
    PracticeGrid {
        height: auto;
        width: auto;
        padding: 0 1;
        & > .practice-grid--met { color: $practice-met; text-style: bold; }
        & > .practice-grid--missed { color: $error; }
        & > .practice-grid--muted { color: $text-muted; }
        & > .practice-grid--away { color: $warning; }
        & > .practice-grid--rate { color: $text; text-style: bold; }
    }
    """
    COMPONENT_CLASSES = {
        "practice-grid--met",
        "practice-grid--missed",
        "practice-grid--muted",
        "practice-grid--away",
        "practice-grid--rate",
    }

    facts: reactive[GridFacts | None] = reactive(None, init=False, layout=True)

    def render(self) -> RenderableType:
        facts = self.facts
        if facts is None:
            return ""
        style = self.get_component_rich_style
        room = max(0, self.screen.size.width - TITLE_WIDTH - RATE_WIDTH - 6)  # borders and padding
        slot = next((width for width in (3, 2) if len(facts.weeks) * width <= room), 1)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(" " * TITLE_WIDTH)
        text.append(week_labels(facts.weeks, slot), style("practice-grid--muted"))
        text.append("  rate\n", style("practice-grid--muted"))
        for practice in facts.catalogue.active:
            title = practice.title
            if len(title) > TITLE_WIDTH - 1:
                title = title[: TITLE_WIDTH - 2].rsplit(" ", 1)[0] + "…"
            text.append(f"{title:<{TITLE_WIDTH}}")
            for week in facts.weeks:
                score = facts.summary.score_for(week)
                outcome = score.outcomes.get(practice.id) if score else None
                symbol, name, _ = SYMBOLS.get(outcome or "", (" ", "practice-grid--muted", ""))
                if outcome == UNREADABLE:
                    symbol, name, _ = UNKNOWN
                if outcome == MISSED_OUTCOME and score is not None and score.in_progress:
                    symbol, name, _ = NOT_YET
                text.append(f"{symbol:<{slot}}" if slot > 1 else symbol, style(name))
            met, counted = completion(facts.summary, practice.id, facts.weeks)
            rate = f"{round(100 * met / counted):>4}%" if counted else "    –"
            text.append(f" {rate}", style("practice-grid--rate"))
            text.append(f" {met}/{counted}\n", style("practice-grid--muted"))
        legend = [*SYMBOLS.values(), NOT_YET]
        if any((score := facts.summary.score_for(week)) and score.unreadable for week in facts.weeks):
            legend.append(UNKNOWN)
        for index, (symbol, name, words) in enumerate(legend):
            text.append("  " if index else "")
            text.append(symbol, style(name))
            text.append(f" {words}", style("practice-grid--muted"))
        return text
