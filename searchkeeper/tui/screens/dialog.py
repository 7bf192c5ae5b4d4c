"""What the dialogs share: a card in the middle of the screen, labelled fields, escape to cancel."""

from __future__ import annotations

from typing import TypeVar

from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Label

Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    """A ``Vertical`` card of fields; ``action_cancel`` dismisses it with None."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        & > Vertical {
            height: auto;
            padding: 0 1;
            border: round $accent;
            background: $surface;
        }
        & OptionList { height: auto; border: none; padding: 0; }
        & .field { height: 1; margin-top: 1; }
        & .field > Label { color: $text-muted; }
        & .field > Input, & .field > Select { width: 1fr; }
        & .hint { color: $text-muted; }
    }
    """

    def action_cancel(self) -> None:
        self.dismiss(None)


def field(label: str, widget: Widget) -> Horizontal:
    """One line of a dialog: the label, then the widget."""
    return Horizontal(Label(label), widget, classes="field")
