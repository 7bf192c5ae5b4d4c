"""Theme colours for the parts of a widget, as its CSS would give them, without component classes.

Textual restyles every component class of a widget as a node of its own each time the
widget is restyled (mounted, focused, the screen shown again); the sixteen practice
rows with six classes each cost more to style than to draw. A widget that paints its
parts from a ``Palette`` instead gets the same colours: the theme's variable read
through Textual's CSS parser (once per value), ``auto`` colours contrasted with the
widget's background and every colour blended over it, as for ``color: $text-muted``.
"""

from __future__ import annotations

from functools import lru_cache

from rich.style import Style
from textual.color import Color
from textual.css.styles import Styles
from textual.widget import Widget


@lru_cache(maxsize=128)
def _declared(value: str) -> tuple[Color, bool]:
    """The colour CSS reads from a theme variable's value, and whether it is ``auto``."""
    styles = Styles.parse(f"color: {value};", ("searchkeeper palette", ""))
    return styles.color, bool(styles.auto_color)


class Palette:
    """Styles for the parts of ``widget`` over its current background (focus, hover, theme)."""

    def __init__(self, widget: Widget) -> None:
        self.variables = widget.app.theme_variables
        self.background = widget.background_colors[1]
        self._made: dict[tuple[str, str], Style] = {}

    def __call__(self, variable: str, text_style: str = "") -> Style:
        """The style of ``color: $<variable>; text-style: <text_style>`` on this widget."""
        key = (variable, text_style)
        made = self._made.get(key)
        if made is None:
            colour, auto = _declared(self.variables.get(variable, "auto"))
            background = self.background
            if auto:
                colour = background.get_contrast_text(colour.a)
            made = Style.parse(text_style) + Style.from_color(
                (background + colour).rich_color if (background.a or colour.a) else None,
                background.rich_color if background.a else None,
            )
            self._made[key] = made
        return made
