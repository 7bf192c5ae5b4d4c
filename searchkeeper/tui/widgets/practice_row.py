"""One practice in the week: its tick, title, cadence and status, note and streak."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from searchkeeper.tui.palette import Palette
from searchkeeper.tui.rows import AWAY_MARK, CARRIED_MARK, DONE_MARK, EXCUSED_MARK, RowView
from searchkeeper.tui.widgets.room import room

MARKS = {
    DONE_MARK: "[✓]",
    CARRIED_MARK: "(✓)",
    EXCUSED_MARK: "[–]",
    AWAY_MARK: "[~]",
}
OPEN = "[ ]"
MARK_WIDTH = 3


class RowLayout:
    """The mark, the words (wrapped) and the streak (right-aligned) side by side.

    Drawn at whatever width the row has, in one pass: the same places as a Rich
    ``Table.grid`` of a 3-column, a flexible and a right-justified column with one
    space between them, without the table measuring every cell on each draw.
    """

    def __init__(self, mark: Text, body: Text, streak: Text) -> None:
        self.mark, self.body, self.streak = mark, body, streak

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        streak_width = max(1, self.streak.cell_len)
        body_width = max(1, options.max_width - MARK_WIDTH - 2 - streak_width)
        if not self.streak.cell_len:  # the table gave the words only the width they need
            body_width = min(body_width, max(cell_len(line) for line in self.body.plain.split("\n")))
        body = console.render_lines(
            self.body,
            options.update(width=body_width, justify="left", overflow="ellipsis", no_wrap=False, height=None),
            pad=False,
        )
        one_line = options.update(no_wrap=True, overflow="crop", height=None)
        mark = console.render_lines(self.mark, one_line.update(width=MARK_WIDTH), pad=False)[0]
        blank = Style()  # the table's padding: exactly its segments, so screenshots stay the same
        if self.streak.cell_len:
            streak = console.render_lines(self.streak, one_line.update(width=streak_width), pad=False)[0]
            under_streak = [Segment(" " * self.streak.cell_len, blank)]
        else:
            streak = under_streak = [Segment("", blank)]
        gap = Segment(" ", blank)
        indent = Segment(" " * (MARK_WIDTH + 1), blank)
        new_line = Segment.line()
        for index, line in enumerate(body):
            if index:
                yield indent
            else:
                yield from mark
                yield gap
            yield from Segment.adjust_line_length(line, body_width, blank)
            yield gap
            yield from under_streak if index else streak
            yield new_line  # every line ends with one: Textual counts them for the height


@dataclass
class RowMessage(Message):
    """From a ``PracticeRow`` (its ``control``) about its practice."""

    row: PracticeRow
    practice_id: str

    @property
    def control(self) -> PracticeRow:
        return self.row


class PracticeRow(Widget, can_focus=True):
    """A focusable row; space, enter or a click ticks it, ``n`` edits its note, ``x`` excuses it."""

    HELP = "Space or a click ticks the practice; **n** writes a note; **x** excuses it for the week."

    KEYS = [
        Binding("space,enter", "row('tick')", "Tick", id="practice.tick", tooltip="Tick or untick it"),
        Binding("n", "row('note')", "Note", id="practice.note", tooltip="Write a line of evidence"),
        Binding(
            "x", "row('excuse')", "Excuse", show=False, id="practice.excuse", tooltip="Not counted this week"
        ),
    ]
    """The row's keys, bound by the screen that holds the rows rather than by each row (``row('tick')``:
    the focused row's ``action_tick``, see ``WeekScreen.action_row``): its footer then shows the same
    keys before a row has the focus as after, drawn once in the first frame, not again a frame later."""

    # the parts' colours come from a Palette (see render), not component classes
    DEFAULT_CSS = """
    PracticeRow {
        height: auto;
        padding: 0 1;
        &.-excused, &.-away { color: $text-muted; }
        &:hover { background: $boost 50%; }
        &:focus { background: $primary 25%; }
    }
    """

    view: reactive[RowView | None] = reactive(None, init=False, layout=True)

    @dataclass
    class Toggled(RowMessage):
        """The user asked to tick (``done``) or untick the practice."""

        done: bool

    @dataclass
    class NoteRequested(RowMessage):
        """The user asked to write the practice's note."""

    @dataclass
    class ExcuseToggled(RowMessage):
        """The user asked to excuse the practice for the week (``excused``) or count it again."""

        excused: bool

    def __init__(self, view: RowView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn: tuple[tuple[object, ...], list[Strip]] | None = None
        self.practice_id = view.practice.id
        self.set_reactive(PracticeRow.view, view)
        self._classes_for(view, update=False)  # not styled yet: mounting styles it

    def watch_view(self, view: RowView | None) -> None:
        if view is not None:
            self._classes_for(view)

    def _classes_for(self, view: RowView, update: bool = True) -> None:
        self.set_class(view.mark == EXCUSED_MARK, "-excused", update=update)
        self.set_class(view.mark == AWAY_MARK, "-away", update=update)
        self.set_class(view.done and view.mark != AWAY_MARK, "-met", update=update)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._strips(width))

    def render_line(self, y: int) -> Strip:
        """A line of the row as drawn at its width (``_strips``)."""
        width = room(self).width
        strips = self._strips(width)
        return strips[y] if y < len(strips) else Strip.blank(width, self.visual_style.rich_style)

    def _strips(self, width: int) -> list[Strip]:
        """The row drawn at ``width`` as Textual draws a widget's ``render``, kept while what it is
        drawn from stays the same: measured for its height, then painted, then painted again on
        every frame that touches it, it is drawn once."""
        style = self.visual_style
        key = (self.view, width, self.has_focus, self.classes, self.app.theme, style, self.text_selection)
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1]
        strips = Visual.to_strips(self, self._render(), width, None, style)
        self._drawn = (key, strips)
        return strips

    def render(self) -> RenderableType:
        view = self.view
        if view is None:
            return ""
        paint = Palette(self)
        met = self.has_class("-met")
        if met:
            mark_style = paint("practice-met", "bold")
        else:
            mark_style = paint("text" if self.has_focus else "text-muted")
        body = Text(view.practice.title, style="bold" if met else "")
        details = []
        if view.status:
            details.append(Text(view.status, style=paint("text-muted")))
        if view.note:
            details.append(Text(f"“{view.note}”", style=paint("text", "italic")))
        if view.unsaved:
            details.append(Text(" unsaved ", style=paint("error", "bold reverse")))
        if details:
            body.append("\n")
            body.append(Text("  ").join(details))
        if view.nudge:
            body.append(Text(f"\n{view.nudge}", style=paint("warning", "italic")))
        return RowLayout(
            Text(MARKS.get(view.mark, OPEN), style=mark_style),
            body,
            Text(view.streak_label, style=paint("accent")),
        )

    def action_tick(self) -> None:
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
        self.action_tick()
