"""The note editor: one line of evidence for a practice; enter saves, escape cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from searchkeeper.core.errors import NoteTooLong
from searchkeeper.core.records import check_note
from searchkeeper.tui.screens.dialog import Dialog


class NoteScreen(Dialog[str | None]):
    """Dismisses with the new note, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="note.cancel", tooltip="Leave the note as it was")]

    DEFAULT_CSS = """
    NoteScreen {
        & > Vertical { width: 80%; max-width: 90; padding: 1 2; }
        & Label { color: $text-muted; margin-top: 1; width: 100%; }
        & Label.-error { color: $error; text-style: bold; }
    }
    """

    def __init__(self, title: str, week_key: str, note: str) -> None:
        super().__init__()
        self.practice_title = title
        self.week_key = week_key
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"Note · {self.practice_title} · {self.week_key}"
            yield Input(self.note, placeholder="What happened? (a line of evidence)", id="note-input")
            yield Label("enter saves · escape cancels · an empty note removes it", id="note-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            check_note(event.value)
        except NoteTooLong as error:  # kept open, the text as it is, to be cut down
            label = self.query_one("#note-keys", Label)
            label.update(f"{error}; shorten it, or escape to leave the note as it was")
            label.add_class("-error")
            return
        self.dismiss(event.value)
