"""A widget's room: the size of its content as the last layout left it."""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget


def room(widget: Widget) -> Size:
    """The size of ``widget``'s content: its outer size less its padding and border.

    For drawing. ``Widget.content_size`` asks the compositor where the widget is, and the
    first such question after a layout works out the map of the whole screen a second
    time (a widget drawn during the layout, for its height, even while it is going on).
    """
    width, height = widget.outer_size
    gutter = widget.styles.gutter
    return Size(max(0, width - gutter.width), max(0, height - gutter.height))
