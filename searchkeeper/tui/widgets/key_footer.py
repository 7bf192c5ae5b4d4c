"""Textual's footer, drawn with the first frame and rebuilt only when the keys it shows change.

The stock ``Footer`` draws no keys until the screen first says its bindings changed, and
then waits for a refresh before it rebuilds: its keys arrive a frame after everything
else, each time a full redraw. This one draws the screen's keys as it is composed and
rebuilds at once when they change. The stock footer also removes and mounts all its keys
whenever a screen's bindings are refreshed (every focus change and every redraw of the
week), even when the same keys come back: about as long as the rest of a tick. This one
asks for a rebuild only when what it would show differs, and makes its keys compact as it
builds them (the stock one restyles each key as it mounts); it looks and behaves the same.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Keys = tuple[tuple[object, ...], ...]


class KeyFooter(Footer):
    shown: Keys | None = None
    """What the keys on screen are built from (None: nothing built yet)."""

    def compose(self) -> ComposeResult:
        self._bindings_ready = True  # the screen's keys are known as it is composed
        self.shown = self.keys(self.screen)
        for widget in super().compose():
            if isinstance(widget, FooterKey):  # born compact, not restyled as each key mounts
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def keys(self, screen: Screen) -> Keys:
        """Everything the stock footer draws from ``screen``'s bindings."""
        return tuple(
            (key, binding.description, binding.action, binding.show, binding.group, enabled, tooltip)
            + (self.app.get_key_display(binding),)
            for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
        )

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if screen is not self.screen or not self.is_attached:
            return
        if self.keys(screen) != self.shown and screen.app.app_focus:
            self.call_next(self.recompose)  # before the next frame, not after it
