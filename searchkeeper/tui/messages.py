"""What the App tells its screens."""

from __future__ import annotations

from textual.app import App
from textual.message import Message


class BoardChanged(Message, bubble=False):
    """The board holds something new it did not make on this screen: a change read from the
    disk, unsaved changes written at last, a touch logged from a dialog. Redraw from the board."""


def tell_screens(app: App) -> None:
    """Post ``BoardChanged`` to every screen on the stack (the ones beneath redraw too)."""
    for screen in app.screen_stack:
        screen.post_message(BoardChanged())
