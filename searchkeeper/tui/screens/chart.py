"""The chart screen: 12, 26 or 52 weeks of bars, the momentum score and a grid of practices,
redrawn when the board changes (a tick from a shell read while it is open)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from searchkeeper.core.weeks import Week
from searchkeeper.tui.board import Board
from searchkeeper.tui.messages import BoardChanged
from searchkeeper.tui.widgets.momentum_chart import ChartFacts, MomentumChart
from searchkeeper.tui.widgets.practice_grid import GridFacts, PracticeGrid
from searchkeeper.tui.widgets.scorecard import Scorecard, ScoreFacts

SPAN_KEYS = Binding.Group("12/26/52 weeks")


class ChartScreen(Screen):
    CSS_PATH = "chart.tcss"

    BINDINGS = [
        Binding(
            "1", "span(12)", "12 weeks", id="chart.12", tooltip="Show the last 12 weeks", group=SPAN_KEYS
        ),
        Binding(
            "2", "span(26)", "26 weeks", id="chart.26", tooltip="Show the last 26 weeks", group=SPAN_KEYS
        ),
        Binding(
            "3", "span(52)", "52 weeks", id="chart.52", tooltip="Show the last 52 weeks", group=SPAN_KEYS
        ),
        Binding("escape", "app.pop_screen", "Back", id="chart.back", tooltip="Back to the week"),
        # the App's keys to other screens work here too, out of the footer (room at 80 columns)
        Binding(
            "a",
            "app.open_screen('audit')",
            "Audit",
            show=False,
            id="chart.audit",
            tooltip="Look back on the week",
        ),
        Binding(
            "c", "app.open_screen('chart')", "Close", show=False, id="chart.close", tooltip="Back to the week"
        ),
        Binding(
            "p",
            "app.open_screen('partners')",
            "Partners",
            show=False,
            id="chart.partners",
            tooltip="Networking partners",
        ),
    ]

    span: reactive[int] = reactive(12, init=False)

    def __init__(self, board: Board, week: Week) -> None:
        super().__init__()
        self.board = board
        self.week = week

    def compose(self) -> ComposeResult:
        yield Static("", id="chart-title")
        with VerticalScroll(id="chart-body"):
            yield Scorecard(id="chart-scorecard")
            yield MomentumChart(id="chart-bars")
            with HorizontalScroll(id="grid-scroll"):
                yield PracticeGrid(id="practice-grid")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#chart-bars").border_title = "Week scores and momentum"
        self.query_one("#grid-scroll").border_title = "Practices by week"
        self.show()

    def watch_span(self) -> None:
        self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "span" and parameters and parameters[0] == self.span:
            return None
        return True

    def action_span(self, weeks: int) -> None:
        self.span = weeks

    @on(BoardChanged)
    def show(self) -> None:
        board = self.board
        last = board.this_week
        weeks = last.shift(-(self.span - 1)).until(last)
        self.query_one("#chart-title", Static).update(
            f"[b]Momentum[/b] · the last {self.span} weeks · {weeks[0].key} to {last.key}"
        )
        self.query_one(Scorecard).facts = ScoreFacts(board.summary, board.this_week, board.this_week)
        self.query_one(MomentumChart).facts = ChartFacts(
            board.summary, self.week, board.this_week, span=self.span, show_momentum=True
        )
        self.query_one(PracticeGrid).facts = GridFacts(board.summary, board.catalogue, weeks)
        self.refresh_bindings()
