"""Leaving with a change the disk refused: retry the save now, keep waiting, or quit and lose it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from searchkeeper.tui.screens.dialog import ChoiceDialog

RETRY, LOSE = "retry", "lose"


class QuitDialog(ChoiceDialog[str | None]):
    """Dismisses with ``RETRY``, ``LOSE``, or None: keep waiting (escape)."""

    BINDINGS = [
        Binding(
            "escape,w", "cancel", "Keep waiting", id="quit.wait", tooltip="Stay; it is retried every second"
        ),
        Binding("r", f"choose('{RETRY}')", "Retry", id="quit.retry", tooltip="Try to save it now"),
        Binding("l", f"choose('{LOSE}')", "Quit and lose it", id="quit.lose", tooltip="Leave without it"),
    ]

    DEFAULT_CSS = """
    QuitDialog > Vertical { width: 72; max-width: 95%; }
    """

    def __init__(self, unsaved: str, why: str = "") -> None:
        """``unsaved``: what is not saved, in a few words; ``why``: the last save's trouble."""
        super().__init__()
        self.unsaved, self.why = unsaved, why

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Not saved yet"
            yield Label("\n".join(filter(None, [f"Not saved: {self.unsaved}", self.why])), markup=False)
            yield OptionList(
                Option("r  Retry the save now", id=RETRY),
                Option("w  Keep waiting: stay here, it is retried every second", id="wait"),
                Option(f"l  Quit and lose it: {self.unsaved}", id=LOSE),
            )
            yield Label("enter picks · escape keeps waiting", classes="hint")

    def chosen(self, option_id: str) -> None:
        self.action_choose(option_id)

    def action_choose(self, answer: str) -> None:
        self.dismiss(answer if answer in (RETRY, LOSE) else None)
