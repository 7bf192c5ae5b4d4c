"""The top of the week screen: which week, its dates, the days left and the audit state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from searchkeeper.core.journal import WeekRecord
from searchkeeper.core.weeks import Week

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class WeekFacts:
    week: Week
    today: date
    audit_day: int
    record: WeekRecord
    unsaved: bool = False


def days_left(week: Week, today: date) -> str:
    if today > week.sunday:
        return "past week"
    if today < week.monday:
        return "not started"
    left = (week.sunday - today).days + 1
    return "last day" if left == 1 else f"{left} days left"


def audit_state(week: Week, today: date, audit_day: int, record: WeekRecord) -> str:
    """Friendly words for the audit: done, due (on or after the audit day), or when it comes."""
    if record.audit is not None and record.audit.completed is not None:
        return "audited ✓"
    if today < week.monday:
        return "audit later"
    if today > week.sunday:
        return "no audit kept"
    if today >= week.day(audit_day):
        return "audit due: a good moment to look back"
    return f"audit on {DAY_NAMES[audit_day]}"


class WeekHeader(Widget):
    """Set ``facts`` to show a week."""

    DEFAULT_CSS = """
    WeekHeader {
        height: auto;
        padding: 0 1;
        background: $panel;
        color: $text;
        & > .week-header--key { color: $primary; text-style: bold; }
        & > .week-header--muted { color: $text-muted; }
        & > .week-header--due { color: $accent; text-style: bold; }
        & > .week-header--away { color: $warning; text-style: bold; }
    }
    """
    COMPONENT_CLASSES = {"week-header--key", "week-header--muted", "week-header--due", "week-header--away"}

    facts: reactive[WeekFacts | None] = reactive(None, init=False, layout=True)

    def render(self) -> RenderableType:
        facts = self.facts
        if facts is None:
            return Text("Reading your journal…")
        style = self.get_component_rich_style
        week = facts.week
        left = Text.assemble((week.key, style("week-header--key")), "  ", week.span())
        if facts.record.away:
            left.append("  ")
            left.append(" away ", style=style("week-header--away"))
        audit = audit_state(week, facts.today, facts.audit_day, facts.record)
        right = Text(days_left(week, facts.today), style=style("week-header--muted"))
        right.append(" · ")
        right.append(audit, style=style("week-header--due") if "due" in audit else "")
        if facts.unsaved:
            right.append("  ")
            right.append(" unsaved ", style="bold reverse")
        grid = Table.grid(expand=True)
        grid.add_column(no_wrap=True)
        grid.add_column(justify="right")
        grid.add_row(left, right)
        return grid
