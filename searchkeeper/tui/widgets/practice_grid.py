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
    percent,
)
from searchkeeper.core.weeks import Week
from searchkeeper.tui.palette import Palette

MUTED = ("text-muted", "")
SYMBOLS = {
    MET: ("●", ("practice-met", "bold"), "done"),
    MISSED_OUTCOME: ("×", ("error", ""), "missed"),
    EXCUSED_OUTCOME: ("–", MUTED, "excused"),
    NOT_COUNTED: ("·", MUTED, "not counted"),
    AWAY: ("~", ("warning", ""), "away"),
}
"""Each outcome's symbol, its theme colour and text style (painted from a ``Palette``), its name."""
NOT_YET = ("○", MUTED, "not yet (this week)")
UNKNOWN = ("?", ("warning", ""), "unreadable file")
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
    }
    """

    facts: reactive[GridFacts | None] = reactive(None, init=False, layout=True)

    def render(self) -> RenderableType:
        facts = self.facts
        if facts is None:
            return ""
        paint = Palette(self)
        muted = paint(*MUTED)
        room = max(1, self.screen.size.width - TITLE_WIDTH - RATE_WIDTH - 6)  # borders and padding
        slot = next((width for width in (3, 2) if len(facts.weeks) * width <= room), 1)
        weeks = facts.weeks[-room:]  # a column a week: the latest that fit, never a wrapped line
        text = Text(no_wrap=True, overflow="ellipsis")
        shown = f"last {len(weeks)} of {len(facts.weeks)} weeks" if len(weeks) < len(facts.weeks) else ""
        text.append(f"{shown:<{TITLE_WIDTH}}", muted)
        text.append(week_labels(weeks, slot), muted)
        text.append("  rate\n", muted)
        for practice in facts.catalogue.in_any(facts.weeks):
            title = practice.title
            if len(title) > TITLE_WIDTH - 1:
                title = title[: TITLE_WIDTH - 2].rsplit(" ", 1)[0] + "…"
            text.append(f"{title:<{TITLE_WIDTH}}")
            for week in weeks:
                score = facts.summary.score_for(week)
                outcome = score.outcomes.get(practice.id) if score else None
                symbol, part, _ = SYMBOLS.get(outcome or "", (" ", MUTED, ""))
                if outcome == UNREADABLE:
                    symbol, part, _ = UNKNOWN
                if outcome == MISSED_OUTCOME and score is not None and score.in_progress:
                    symbol, part, _ = NOT_YET
                text.append(f"{symbol:<{slot}}" if slot > 1 else symbol, paint(*part))
            met, counted = completion(facts.summary, practice.id, weeks)
            rate = f"{percent(met / counted):>4}%" if counted else "    –"
            text.append(f" {rate}", paint("text", "bold"))
            text.append(f" {met}/{counted}\n", muted)
        legend = [*SYMBOLS.values(), NOT_YET]
        if any((score := facts.summary.score_for(week)) and score.unreadable for week in facts.weeks):
            legend.append(UNKNOWN)
        for index, (symbol, part, words) in enumerate(legend):
            text.append("  " if index else "")
            text.append(symbol, paint(*part))
            text.append(f" {words}", muted)
        return text
