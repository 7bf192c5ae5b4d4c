"""The first-run greeting: a few lines on how a week works; esc hides it."""

from __future__ import annotations

from textual.widgets import Static

from searchkeeper.core.scoring import shown_threshold


def welcome_text(threshold: float, audit_day_name: str, practices: int = 13) -> str:
    percent = shown_threshold(threshold)
    return (
        f"[b]Welcome![/b] Each week is checked against {practices} practices. "
        "Tick one when you do it ([b]space[/b]), add a line of evidence ([b]n[/b]), excuse it "
        "([b]x[/b]) or mark a holiday week away ([b]w[/b]). "
        f"Reach {percent}% for a [b]momentum week[/b]; {audit_day_name} is audit day. "
        "[b]?[/b] explains every practice."
    )


class Welcome(Static):
    DEFAULT_CSS = """
    Welcome {
        padding: 0 1;
        border: round $accent;
        border-title-color: $accent;
        border-subtitle-color: $text-muted;
    }
    """
