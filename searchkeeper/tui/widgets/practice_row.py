"""One practice in the week: its tick, title, cadence and status, note and streak."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from searchkeeper.tui.rows import AWAY_MARK, CARRIED_MARK, DONE_MARK, EXCUSED_MARK, RowView

MARKS = {
    DONE_MARK: "[✓]",
    CARRIED_MARK: "(✓)",
    EXCUSED_MARK: "[–]",
    AWAY_MARK: "[~]",
}
OPEN = "[ ]"


class PracticeRow(Widget, can_focus=True):
    """A focusable row; space, enter or a click ticks it, ``n`` edits its note, ``x`` excuses it."""

    HELP = "Space or a click ticks the practice; **n** writes a note; **x** excuses it for the week."

    BINDINGS = [
        Binding("space,enter", "toggle", "Tick", id="practice.toggle", tooltip="Tick or untick it"),
        Binding("n", "note", "Note", id="practice.note", tooltip="Write a line of evidence"),
        Binding("x", "excuse", "Excuse", id="practice.excuse", tooltip="Not counted this week"),
    ]

    COMPONENT_CLASSES = {
        "practice-row--met",
        "practice-row--mark",
        "practice-row--status",
        "practice-row--note",
        "practice-row--streak",
        "practice-row--unsaved",
    }

    DEFAULT_CSS = """
    PracticeRow {
        height: auto;
        padding: 0 1;
        & > .practice-row--met { color: $practice-met; text-style: bold; }
        & > .practice-row--mark { color: $text-muted; }
        & > .practice-row--status { color: $text-muted; }
        & > .practice-row--note { color: $text; text-style: italic; }
        & > .practice-row--streak { color: $accent; }
        & > .practice-row--unsaved { color: $error; text-style: bold reverse; }
        &:focus { background: $boost; }
        &:focus > .practice-row--mark { color: $text; }
        &.-excused, &.-away { color: $text-muted; }
        &:hover { background: $boost 50%; }
    }
    PracticeRow:focus {
        background: $primary 25%;
    }
    """

    view: reactive[RowView | None] = reactive(None, init=False, layout=True)

    class Toggled(Message):
        """The user asked to tick (``done``) or untick the practice."""

        def __init__(self, row: PracticeRow, practice_id: str, done: bool) -> None:
            super().__init__()
            self.row = row
            self.practice_id = practice_id
            self.done = done

        @property
        def control(self) -> PracticeRow:
            return self.row

    class NoteRequested(Message):
        def __init__(self, row: PracticeRow, practice_id: str) -> None:
            super().__init__()
            self.row = row
            self.practice_id = practice_id

        @property
        def control(self) -> PracticeRow:
            return self.row

    class ExcuseToggled(Message):
        """The user asked to excuse the practice for the week (``excused``) or count it again."""

        def __init__(self, row: PracticeRow, practice_id: str, excused: bool) -> None:
            super().__init__()
            self.row = row
            self.practice_id = practice_id
            self.excused = excused

        @property
        def control(self) -> PracticeRow:
            return self.row

    def __init__(self, view: RowView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.practice_id = view.practice.id
        self.set_reactive(PracticeRow.view, view)
        self._classes_for(view)

    def watch_view(self, view: RowView | None) -> None:
        if view is not None:
            self._classes_for(view)

    def _classes_for(self, view: RowView) -> None:
        self.set_class(view.mark == EXCUSED_MARK, "-excused")
        self.set_class(view.mark == AWAY_MARK, "-away")
        self.set_class(view.done and view.mark != AWAY_MARK, "-met")

    def render(self) -> RenderableType:
        view = self.view
        if view is None:
            return ""
        style = self.get_component_rich_style
        mark_style = style("practice-row--met") if self.has_class("-met") else style("practice-row--mark")
        body = Text(view.practice.title, style="bold" if self.has_class("-met") else "")
        details = []
        if view.status:
            details.append(Text(view.status, style=style("practice-row--status")))
        if view.note:
            details.append(Text(f"“{view.note}”", style=style("practice-row--note")))
        if view.unsaved:
            details.append(Text(" unsaved ", style=style("practice-row--unsaved")))
        if details:
            body.append("\n")
            body.append(Text("  ").join(details))
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=3, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_column(justify="right", no_wrap=True)
        grid.add_row(
            Text(MARKS.get(view.mark, OPEN), style=mark_style),
            body,
            Text(view.streak_label, style=style("practice-row--streak")),
        )
        return grid

    def action_toggle(self) -> None:
        if self.view is not None:
            self.post_message(self.Toggled(self, self.practice_id, not self.view.done))

    def action_note(self) -> None:
        self.post_message(self.NoteRequested(self, self.practice_id))

    def action_excuse(self) -> None:
        if self.view is not None:
            self.post_message(self.ExcuseToggled(self, self.practice_id, not self.view.excused))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_toggle()
