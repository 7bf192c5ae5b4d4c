"""After ticking ``reconnect`` or ``give-value``: "Log this as a touch with…?" (escape skips)."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option


class PartnerPicker(ModalScreen[str | None]):
    """Dismisses with the chosen partner's name, or None when skipped."""

    BINDINGS = [Binding("escape", "skip", "Skip", id="partner-picker.skip", tooltip="Log no touch")]

    DEFAULT_CSS = """
    PartnerPicker {
        align: center middle;
        & > Vertical {
            width: 60;
            max-width: 95%;
            height: auto;
            max-height: 90%;
            padding: 0 1;
            border: round $accent;
            background: $surface;
        }
        & OptionList { height: auto; max-height: 14; border: none; padding: 0; }
        & .hint { color: $text-muted; }
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
                *(Option(f"{name}  [dim]{words}[/dim]", id=name) for name, words in self.choices),
                id="partner-choices",
            )
            yield Label("enter picks · escape skips", classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_skip(self) -> None:
        self.dismiss(None)
