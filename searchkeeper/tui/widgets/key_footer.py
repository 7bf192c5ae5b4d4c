"""The week screen's footer: the screen's keys on one line, drawn by one widget.

Textual's stock ``Footer`` is a container holding a widget for every key and every group
label, each styled, mounted, laid out and painted on its own: a dozen widgets on the week
screen, all removed and mounted again whenever the screen's bindings change. ``KeyFooter``
is one widget with no children that draws the same line itself, at about the cost of one
``Static``: the keys the stock footer shows (the screen's active bindings marked ``show``,
one per action; a group's keys before the group's description, which a space follows),
spaced as the stock footer spaces them, the command palette's key at the right edge, keys
whose action is not available now dimmed, in the stock footer's theme colours. Keys that
do not fit are dropped whole, the last first, but Quit is kept while any key is; the line
never wraps.

It draws the keys in its first frame, and redraws (a refresh, never a recompose) when the
screen says its bindings changed, or the app gets the focus back, and the keys differ. A
click on a key presses it (on a disabled key, rings the bell); the key under the mouse is
highlighted, and its tooltip is the footer's.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.content import Content
from textual.reactive import reactive
from textual.style import Style
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


class ShownKey(NamedTuple):
    """A key as the footer shows it."""

    key: str
    """The key that a click on it presses."""
    key_display: str
    """The key as drawn."""
    action: str
    description: str
    """The binding's description (a grouped key shows its group's instead)."""
    enabled: bool
    """False when the action is not available now: drawn dimmed, and a click rings the bell."""
    tooltip: str
    start: int
    """The first column the key takes on the widget (its key and description)."""
    end: int
    """The column after the last it takes."""
    group: str | None = None
    """The description shown for the group the key is drawn in, if any."""


class _Run(NamedTuple):
    """Consecutive columns drawn in one style."""

    text: str
    role: str
    """What the text is drawn as: key, description, label, border, pad (a key's own
    padding) or gap (the footer's background, between keys)."""
    index: int | None = None
    """The key (in the footer's list of keys) the columns belong to; None between keys."""


_GAP = _Run(" ", "gap")


class _Box(NamedTuple):
    """What the stock footer lays out as one widget: its margins collapse with its neighbours'."""

    left: int
    runs: tuple[_Run, ...]
    right: int


class _Keys(NamedTuple):
    """The keys read from a screen, grouped into what is kept or dropped together."""

    units: tuple[tuple[_Box, ...], ...]
    """Left to right; a group's keys and its label are one unit."""
    palette: _Box | None
    """The command palette's key, drawn at the right edge."""
    keys: tuple[ShownKey, ...]
    """Every key, numbered as the runs' ``index`` (its span not yet placed)."""


class _Layout(NamedTuple):
    runs: tuple[_Run, ...]
    """The whole line, left to right."""
    keys: tuple[ShownKey, ...]
    """The keys drawn, with their spans."""
    indices: tuple[int, ...]
    """Each drawn key's number in the runs (its place among all the keys read)."""


def _line(units: list[tuple[_Box, ...]]) -> tuple[list[_Run], int]:
    """``units`` side by side, their margins collapsed; and the columns they take."""
    runs: list[_Run] = []
    x = margin = 0  # margin: the right margin of what was placed last
    for unit in units:
        for box in unit:
            gap = max(margin, box.left)
            if gap:
                runs.append(_Run(" " * gap, "gap"))
            runs += box.runs
            x += gap + sum(cell_len(run.text) for run in box.runs)
            margin = box.right
    return runs, x


def _quits(unit: tuple[_Box, ...], keys: tuple[ShownKey, ...]) -> bool:
    """Whether ``unit`` holds the key that leaves the app: it is the last to be dropped."""
    return any(
        run.index is not None and keys[run.index].action in ("quit", "app.quit")
        for box in unit
        for run in box.runs
    )


class KeyFooter(Widget, can_focus=False):
    """The screen's keys, as the stock ``Footer`` shows them, in one widget with no children."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--label",
        "key-footer--item",
        "key-footer--hover",
        "key-footer--disabled",
        "key-footer--border",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        width: 1fr;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-footer--label {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-footer--item {
            background: $footer-item-background;
        }
        .key-footer--hover {
            background: $block-hover-background;
        }
        .key-footer--disabled {
            text-style: dim;
        }
        .key-footer--border {
            color: $foreground 20%;
        }
    }
    """

    compact = reactive(False)
    """Draw with the stock footer's compact spacing."""
    show_command_palette = reactive(True)
    """Show the command palette's key at the right edge."""

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        show_command_palette: bool = True,
        compact: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(KeyFooter.compact, compact)
        self.set_reactive(KeyFooter.show_command_palette, show_command_palette)
        self._keys: _Keys | None = None
        """The keys read from the screen (None: not read yet)."""
        self._layout: tuple[tuple[object, ...], _Layout] | None = None
        """The last layout, and what it was made from."""
        self._mouse_x: int | None = None
        """The column under the mouse, while it is over the footer."""
        self._hovered: ShownKey | None = None
        """The key under the mouse."""

    # reading the keys --------------------------------------------------------------

    def shown_keys(self) -> tuple[ShownKey, ...]:
        """The keys drawn at the footer's present width, left to right (the palette's last)."""
        return self._place().keys

    def _read(self, screen: Screen) -> _Keys:
        """``screen``'s keys, chosen and grouped as the stock footer chooses and groups them."""
        app = self.app
        compact = self.compact
        active_bindings = screen.active_bindings
        keys: list[ShownKey] = []

        def key(binding: Binding, enabled: bool, tooltip: str, group: str | None = None) -> int:
            keys.append(
                ShownKey(
                    binding.key,
                    app.get_key_display(binding),
                    binding.action,
                    binding.description,
                    enabled,
                    tooltip,
                    0,
                    0,
                    group,
                )
            )
            return len(keys) - 1

        def described(index: int) -> tuple[_Run, ...]:
            """A key and its description, as the stock ``FooterKey`` draws them."""
            shown = keys[index]
            if not shown.description:
                return (_Run(shown.key_display, "key", index),)
            if compact:
                return (
                    _Run(shown.key_display, "key", index),
                    _Run(" " + shown.description, "description", index),
                )
            return (
                _Run(f" {shown.key_display} ", "key", index),
                _Run(shown.description + " ", "description", index),
            )

        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for _node, binding, enabled, tooltip in active_bindings.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
        units: list[tuple[_Box, ...]] = []
        for group, actions in groupby(by_action.values(), lambda bindings: bindings[0][0].group):
            firsts = [bindings[0] for bindings in actions]  # one key per action
            if group is not None and len(firsts) > 1:  # the keys, then the group's description
                indices = [
                    key(binding, enabled, tooltip or binding.description, group.description)
                    for binding, enabled, tooltip in firsts
                ]
                runs: list[_Run] = []
                if group.compact:  # side by side, after a space
                    runs.append(_GAP)
                    runs += (_Run(keys[index].key_display, "key", index) for index in indices)
                    keys_box = _Box(0, tuple(runs), 1)
                else:  # a space either side of each key, shared between keys
                    for index in indices:
                        runs += (_GAP, _Run(keys[index].key_display, "key", index))
                    runs.append(_GAP)
                    keys_box = _Box(0, tuple(runs), 0)
                label = _Box(0, (_Run(group.description, "label"),), 1)
                units.append((keys_box, label))
            else:
                for binding, enabled, tooltip in firsts:
                    units.append((_Box(0, described(key(binding, enabled, tooltip)), 1 if compact else 0),))
        palette: _Box | None = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active_bindings:
            _node, binding, enabled, _tooltip = active_bindings[app.COMMAND_PALETTE_BINDING]
            index = key(binding, enabled, binding.tooltip or binding.description)
            shown = keys[index]
            runs = [_Run("▏", "border", index), _Run(shown.key_display, "key", index)]
            if shown.description:  # spaced compactly in either style, as the stock footer's is
                runs.append(_Run(" " + shown.description, "description", index))
            if not compact:  # a space inside its right edge, where a compact one has it outside
                runs.append(_Run(" ", "pad", index))
            palette = _Box(0, tuple(runs), 1 if compact else 0)
        return _Keys(tuple(units), palette, tuple(keys))

    def _place(self) -> _Layout:
        """The line at the present width: keys left to right while they fit, the palette's at
        the right edge (kept until the keys, the width or ``show_command_palette`` change)."""
        if self._keys is None:
            self._keys = self._read(self.screen)
        width = self.size.width
        made_from = (self._keys, width, self.show_command_palette)
        if self._layout is not None and self._layout[0] == made_from:
            return self._layout[1]
        units, palette, keys = self._keys
        if palette is not None:
            palette_width = palette.left + sum(cell_len(run.text) for run in palette.runs) + palette.right
            if not self.show_command_palette or palette_width > width:
                palette = None
        limit = width - palette_width if palette is not None else width
        kept = list(units)
        runs, x = _line(kept)
        while x > limit and kept:  # the last keys go first; quit stays while anything does
            last = next((unit for unit in reversed(kept) if not _quits(unit, keys)), kept[-1])
            kept.remove(last)
            runs, x = _line(kept)
        if x < limit:
            runs.append(_Run(" " * (limit - x), "gap"))
        if palette is not None:
            if palette.left:
                runs.append(_Run(" " * palette.left, "gap"))
            runs += palette.runs
            if palette.right:
                runs.append(_Run(" " * palette.right, "gap"))
        spans: dict[int, list[int]] = {}
        x = 0
        for run in runs:
            if run.index is not None:
                span = spans.setdefault(run.index, [x, x])
                span[1] = x + cell_len(run.text)
            x += cell_len(run.text)
        indices = tuple(sorted(spans))
        shown = tuple(keys[index]._replace(start=spans[index][0], end=spans[index][1]) for index in indices)
        layout = _Layout(tuple(runs), shown, indices)
        self._layout = (made_from, layout)
        return layout

    # drawing -----------------------------------------------------------------------

    def render(self) -> Content:
        layout = self._place()
        at = self._key_at(self._mouse_x)
        hovered = None if at is None else layout.indices[at]
        enabled = dict(zip(layout.indices, (shown.enabled for shown in layout.keys), strict=True))
        base = self.background_colors[1]
        styles: dict[tuple[str, bool, bool], Style] = {}
        parts: list[str | tuple[str, Style]] = []
        for run in layout.runs:
            if run.role == "gap":  # between keys: the footer's own colours
                parts.append(run.text)
                continue
            key = run.index is not None
            style_key = (run.role, key and run.index == hovered, key and not enabled[run.index])
            if (style := styles.get(style_key)) is None:
                style = styles[style_key] = self._style(base, *style_key)
            parts.append((run.text, style))
        return Content.assemble(*parts)

    def _style(self, base: Color, role: str, hovered: bool, disabled: bool) -> Style:
        """The style for ``role``, stacked as the stock footer stacks its widgets' backgrounds."""
        component = self.get_component_styles
        if role == "label":
            under = base
        else:  # the key's own background (the stock FooterKey's, or its hover background)
            under = base + component("key-footer--hover" if hovered else "key-footer--item").background
        background, foreground, bold, dim = under, None, False, False
        if role in ("key", "description", "label"):
            styles = component(f"key-footer--{role}")
            background = under + styles.background
            foreground = background + styles.color
            bold, dim = bool(styles.text_style.bold), bool(styles.text_style.dim)
        elif role == "border":  # blended with the footer's background, as a border is
            foreground = base + component("key-footer--border").color
        if disabled:
            text_style = component("key-footer--disabled").text_style
            bold, dim = bold or bool(text_style.bold), dim or bool(text_style.dim)
        return Style(background=background, foreground=foreground, bold=bold or None, dim=dim or None)

    def _key_at(self, x: int | None) -> int | None:
        """The place in ``shown_keys()`` of the key drawn at column ``x``."""
        if x is None:
            return None
        for index, shown in enumerate(self._place().keys):
            if shown.start <= x < shown.end:
                return index
        return None

    # keeping up with the screen --------------------------------------------------------

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.watch(self.app, "app_focus", self._app_focus_changed, init=False)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        """Read the keys again and redraw if they differ (not while the app is in the
        background, where nothing is focused: the stock footer keeps its keys then too)."""
        if screen is self.screen and screen.app.app_focus:
            self._reread()

    def _app_focus_changed(self, focus: bool) -> None:
        if focus:
            self._reread()

    def _reread(self) -> None:
        keys = self._read(self.screen)
        if keys != self._keys:
            self._keys = keys
            self._hover()
            self.refresh()

    # the mouse ---------------------------------------------------------------------

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._mouse_x = event.x
        self._hover()

    def on_leave(self, event: events.Leave) -> None:
        self._mouse_x = None
        self._hover()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._key_at(event.x)
        if index is None:
            return
        shown = self.shown_keys()[index]
        if shown.enabled:
            self.app.simulate_key(shown.key)
        else:
            self.app.bell()

    def on_resize(self) -> None:
        self._hover()

    def _hover(self) -> None:
        """Highlight the key under the mouse, and make its tooltip the footer's."""
        index = self._key_at(self._mouse_x)
        shown = None if index is None else self.shown_keys()[index]
        if shown == self._hovered:
            return
        self._hovered = shown
        self.styles.pointer = "default" if shown is None else "pointer"
        self.tooltip = None if shown is None else (shown.tooltip or None)
        self.refresh()

    def watch_compact(self) -> None:
        self._keys = None  # spaced anew at the next draw
