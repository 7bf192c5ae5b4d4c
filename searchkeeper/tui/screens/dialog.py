"""What the dialogs share: a card in the middle of the screen, labelled fields, escape to cancel."""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Label, OptionList

from searchkeeper.storage.conflicts import join_notes

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


class ChoiceDialog(Dialog[Result]):
    """A dialog of one ``OptionList``: its first option is highlighted and focused as it opens, and
    enter gives the picked option's id to ``chosen`` (which dismisses with it)."""

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.chosen(event.option.id or "")

    def chosen(self, option_id: str) -> None:
        self.dismiss(option_id)  # type: ignore[arg-type]


def field(label: str, widget: Widget) -> Horizontal:
    """One line of a dialog: the label, then the widget."""
    return Horizontal(Label(label), widget, classes="field")


def edited_text(before: str, mine: str, now: str) -> str:
    """A text a dialog opened on ``before`` saves as ``mine``, laid onto the file holding ``now``:
    the one changed, or both joined (``join_notes``, as a conflict merge joins notes)."""
    if mine == before:
        return now
    return mine if now == before else join_notes(now, mine)
