"""The top of the week screen: which week, its dates, the days left and the audit state.

The audit state is the phrase ``Workspace.audit_state`` gives, so the
header and ``searchkeeper status`` always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from searchkeeper.core.records import WeekRecord
from searchkeeper.core.weeks import Week
from searchkeeper.tui.palette import Palette
from searchkeeper.tui.widgets.room import room

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class WeekFacts:
    week: Week
    today: date
    record: WeekRecord
    audit: str
    """From ``Workspace.audit_state``."""
    unsaved: bool = False
    sample: bool = False
    """The demo's sample data (``Workspace.sample``), said in the header."""


def days_left(week: Week, today: date) -> str:
    if today > week.sunday:
        return "past week"
    if today < week.monday:
        return "not started"
    left = (week.sunday - today).days + 1
    return "last day" if left == 1 else f"{left} days left"


def is_due(audit: str) -> bool:
    """The audit day has come and the audit is not done: the phrase is highlighted."""
    return audit.startswith(("audit due", "audit day"))


class WeekHeader(Widget):
    """Set ``facts`` to show a week."""

    DEFAULT_CSS = """
    WeekHeader {
        height: auto;
        padding: 0 1;
        background: $panel;
        color: $text;
    }
    """
    # the parts' colours come from a Palette (see render), not component classes

    facts: reactive[WeekFacts | None] = reactive(None, init=False, layout=True)

    def render(self) -> RenderableType:
        facts = self.facts
        if facts is None:
            return Text("Reading your journal…")
        paint = Palette(self)
        week = facts.week
        left = Text.assemble((week.key, paint("primary", "bold")), "  ", week.span())
        if facts.record.away:
            left.append("  ")
            left.append(" away ", style=paint("warning", "bold"))
        if facts.sample:
            left.append("  demo · sample data", style=paint("warning", "bold"))
        right = Text(days_left(week, facts.today), style=paint("text-muted"))
        right.append(" · ")
        right.append(facts.audit, style=paint("accent", "bold") if is_due(facts.audit) else "")
        if left.cell_len + 2 + right.cell_len + (11 if facts.unsaved else 0) > room(self).width:
            right = right[right.plain.index(" · ") + 3 :]  # narrow: the audit phrase, whole, before the days
        if facts.unsaved:
            right.append("  ")
            right.append(" unsaved ", style="bold reverse")
        grid = Table.grid(expand=True)
        grid.add_column(no_wrap=True)
        grid.add_column(justify="right")
        grid.add_row(left, right)
        return grid
