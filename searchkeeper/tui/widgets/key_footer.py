"""Textual's footer, rebuilt only when the keys it shows change.

The stock ``Footer`` removes and mounts all its keys whenever a screen's bindings
are refreshed (every focus change and every redraw of the week), even when the same
keys come back; each key then restyles itself for the compact look. This one keeps
its keys while they are the same and builds them already compact: it looks and
behaves the same (clickable keys, tooltips, groups, dimmed keys).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[tuple[object, ...], ...]


class KeyFooter(Footer):
    def __init__(self, *, compact: bool = False, show_command_palette: bool = True) -> None:
        super().__init__(compact=compact, show_command_palette=show_command_palette)
        self._asked: Shown | None = None
        """The keys shown, or about to be: a rebuild is on its way."""

    @staticmethod
    def _keys(screen: Screen) -> Shown:
        """Everything ``compose`` reads from ``screen``'s bindings."""
        return tuple(
            (key, binding.key, binding.key_display, binding.description, binding.action, binding.show)
            + (binding.group, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
        )

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._asked = self._keys(self.screen)
        for widget in super().compose():
            if isinstance(widget, FooterKey) and self.compact:
                widget.add_class("-compact", update=False)  # its watcher then has nothing to restyle
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        keys = self._keys(screen) if screen is self.screen else None
        if self._bindings_ready and keys is not None and keys == self._asked:
            return
        if keys is not None and screen.app.app_focus and self.is_attached:
            self._asked = keys  # the stock footer rebuilds after the next refresh
        super().bindings_changed(screen)
