"""What the App tells its screens."""

from __future__ import annotations

from textual.app import App
from textual.message import Message

from searchkeeper.core.weeks import Week

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from searchkeeper.tui.board import DayMoved


class BoardChanged(Message, bubble=False):
    """The board holds something new it did not make on this screen: a change read from the
    disk, unsaved changes written at last, a touch logged from a dialog, another day begun.
    Redraw from the board."""


class WeekBegun(Message, bubble=False):
    """The calendar moved into a new week while the dashboard was open (past Sunday midnight):
    a screen on the week that was in progress, ``before``, goes on to ``after``. A
    ``BoardChanged`` follows it."""

    def __init__(self, before: Week, after: Week) -> None:
        super().__init__()
        self.before = before
        self.after = after


def tell_screens(app: App, moved: DayMoved | None = None) -> None:
    """Post ``BoardChanged`` to every screen on the stack (the ones beneath redraw too); when the
    calendar ``moved`` into a new week, ``WeekBegun`` first."""
    for screen in app.screen_stack:
        if moved is not None and moved.new_week:
            screen.post_message(WeekBegun(Week.of(moved.before), Week.of(moved.after)))
        screen.post_message(BoardChanged())
