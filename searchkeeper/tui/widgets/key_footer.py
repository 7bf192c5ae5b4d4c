"""Textual's footer, rebuilt only when the keys it shows change.

The stock ``Footer`` removes and mounts all its keys whenever a screen's bindings
are refreshed (every focus change and every redraw of the week), even when the same
keys come back: about as long as the rest of a tick. This one asks for a rebuild
only when what it would show differs; it looks and behaves the same.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

Keys = tuple[tuple[object, ...], ...]


class KeyFooter(Footer):
    shown: Keys | None = None
    """What the keys on screen are built from (None: nothing built yet)."""

    def keys(self, screen: Screen) -> Keys:
        """Everything the stock footer draws from ``screen``'s bindings."""
        return tuple(
            (key, binding.description, binding.action, binding.show, binding.group, enabled, tooltip)
            + (self.app.get_key_display(binding),)
            for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
        )

    def bindings_changed(self, screen: Screen) -> None:
        keys = self.keys(screen)
        if screen is self.screen and keys == self.shown:
            return
        if screen is self.screen and screen.app.app_focus and self.is_attached:
            self.shown = keys  # the stock footer rebuilds from them after the next refresh
        super().bindings_changed(screen)
