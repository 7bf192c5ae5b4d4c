"""The dashboard's screens, one module each."""

from searchkeeper.tui.screens.chart import ChartScreen
from searchkeeper.tui.screens.help import HelpScreen
from searchkeeper.tui.screens.note import NoteScreen
from searchkeeper.tui.screens.week import WeekScreen

__all__ = ["ChartScreen", "HelpScreen", "NoteScreen", "WeekScreen"]
