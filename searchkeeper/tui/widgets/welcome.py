"""The first-run greeting: what the practices are and how a week works."""

from __future__ import annotations

from textual.widgets import Static


def welcome_text(threshold: float, audit_day_name: str, practices: int = 13) -> str:
    percent = round(threshold * 100)
    return (
        "[b]Welcome to searchkeeper.[/b]\n"
        f"Each week is checked against {practices} practices that keep a job search moving: "
        "[b]habits[/b] of people who find work, and [b]maintenance[/b] tips for when "
        "the search starts to feel mechanical.\n"
        "Tick a practice the moment you do it ([b]space[/b]), add a line of evidence ([b]n[/b]), "
        "or excuse it when it cannot happen this week ([b]x[/b]). A holiday? Mark the week away "
        f"([b]w[/b]): nothing is counted and no streak breaks.\n"
        f"A week where you reach {percent}% is a [b]momentum week[/b]; they build your streak and "
        f"the chart that will grow here. {audit_day_name} is audit day: a calm look back. "
        "[b]?[/b] explains every practice."
    )


class Welcome(Static):
    DEFAULT_CSS = """
    Welcome {
        padding: 0 1;
        border: round $accent;
        border-title-color: $accent;
    }
    """
