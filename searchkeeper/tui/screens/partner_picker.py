"""After ticking ``reconnect`` or ``give-value``: "Log this as a touch with…?" (escape skips)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from searchkeeper.core.key_partners import TOUCH_PRACTICES
from searchkeeper.core.partners import due_text
from searchkeeper.core.weeks import Week
from searchkeeper.tui.board import Board
from searchkeeper.tui.messages import tell_screens
from searchkeeper.tui.screens.dialog import ChoiceDialog
from searchkeeper.tui.screens.touch_dialog import TouchDialog, TouchRequest


class PartnerPicker(ChoiceDialog[str | None]):
    """Dismisses with the chosen partner's name, or None when skipped."""

    BINDINGS = [Binding("escape", "skip", "Skip", id="partner-picker.skip", tooltip="Log no touch")]

    DEFAULT_CSS = """
    PartnerPicker {
        & > Vertical { width: 60; max-width: 95%; max-height: 90%; }
        & OptionList { max-height: 14; }
    }
    """

    def __init__(self, practice_title: str, choices: Sequence[tuple[str, str]]) -> None:
        """``choices``: (name, a few words about when they are due), most overdue first."""
        super().__init__()
        self.practice_title = practice_title
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Log this as a touch with…?"
            yield Label(f"You ticked: {self.practice_title}", classes="hint")
            yield OptionList(
                *(
                    Option(Text.assemble(name, (f"  {words}", "dim")), id=name)
                    for name, words in self.choices
                ),
                id="partner-choices",
            )
            yield Label("enter picks · escape skips", classes="hint")

    def action_skip(self) -> None:
        self.dismiss(None)


def offer_touch(app: App, board: Board, week: Week, practice_id: str) -> bool:
    """Offer the picker (active partners, most overdue first), then the touch dialog with the
    practice's note and the tick's day; whether anything was offered."""
    if practice_id not in TOUCH_PRACTICES or board.roster_problem is not None:
        return False
    roster, today = board.roster, board.today
    partners = roster.by_due(today)
    if not partners:
        return False
    value = board.record(week).note(practice_id)
    day = board.tick_day(week)

    def log(name: str, request: TouchRequest | None) -> None:
        if request is None:
            return
        result = board.log_touch(name, request.day, request.channel, request.value)
        tell_screens(app)  # the partner line and the key partners' row
        if not result.saved:
            app.notify(result.message, title="Touch not saved", severity="error", timeout=8)
            return
        partner = board.roster.find(name)
        app.notify(f"Next due {partner.due(today).isoformat()}", title=f"Touched {partner.name}")

    def picked(name: str | None) -> None:
        if name is None:
            return
        partner = roster.get(name)
        channel = partner.channel if partner else None
        app.push_screen(TouchDialog(name, channel, today, value, day), lambda r: log(name, r))

    title = board.catalogue[practice_id].title if practice_id in board.catalogue else practice_id
    app.push_screen(PartnerPicker(title, [(p.name, due_text(p, today)) for p in partners]), picked)
    return True
