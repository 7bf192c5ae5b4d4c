"""The dashboard's widgets, one per module, each named after its class."""

from searchkeeper.tui.widgets.momentum_chart import MomentumChart
from searchkeeper.tui.widgets.practice_grid import PracticeGrid
from searchkeeper.tui.widgets.practice_row import PracticeRow
from searchkeeper.tui.widgets.scorecard import Scorecard
from searchkeeper.tui.widgets.week_header import WeekHeader
from searchkeeper.tui.widgets.welcome import Welcome

__all__ = ["MomentumChart", "PracticeGrid", "PracticeRow", "Scorecard", "WeekHeader", "Welcome"]
