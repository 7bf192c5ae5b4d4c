"""Under the maintenance pane: the week's touches with partners, who is overdue, a broken file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from searchkeeper.core.partners import PartnersError, Roster, overdue_line, touches_in
from searchkeeper.core.weeks import Week
from searchkeeper.tui.palette import Palette


@dataclass(frozen=True)
class PartnerFacts:
    """What the line says; all empty when there is no partners file."""

    touches: tuple[str, ...] = ()
    overdue: str = ""
    problem: str = ""
    label: str = "Touches this week"


def partner_facts(roster: Roster, problem: PartnersError | None, week: Week, today: date) -> PartnerFacts:
    """The touches dated inside ``week`` and the partners overdue ``today`` (or why there are none)."""
    if problem is not None:
        return PartnerFacts(problem=f"{problem} — partners are not shown until it is fixed")
    touches = tuple(
        f"{partner.name} ({touch.channel})" if touch.channel else partner.name
        for partner, touch in touches_in(roster, week.monday, week.sunday)
    )
    label = "Touches this week" if week.contains(today) else f"Touches in {week.key}"
    return PartnerFacts(touches, overdue_line(roster, today) or "", label=label)


class PartnerLine(Widget):
    """Set ``facts``; hidden while there is nothing to say."""

    DEFAULT_CSS = """
    PartnerLine {
        height: auto;
        padding: 0 1;
    }
    """
    # the parts' colours come from a Palette (see render), not component classes

    facts: reactive[PartnerFacts | None] = reactive(None, init=False, layout=True)

    @staticmethod
    def has_something(facts: PartnerFacts | None) -> bool:
        return facts is not None and bool(facts.touches or facts.overdue or facts.problem)

    def watch_facts(self, facts: PartnerFacts | None) -> None:
        self.display = self.has_something(facts)

    def render(self) -> RenderableType:
        facts = self.facts
        if facts is None:
            return ""
        paint = Palette(self)
        lines = []
        if facts.problem:
            lines.append(Text(f"⚠ {facts.problem}", style=paint("error", "bold")))
        if facts.touches:
            line = Text(f"{facts.label}: ", style=paint("text-muted"))
            line.append(", ".join(facts.touches))
            lines.append(line)
        if facts.overdue:
            lines.append(Text(facts.overdue, style=paint("warning")))
        return Text("\n").join(lines)
