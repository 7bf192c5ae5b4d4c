"""The command palette: every key's action as a command, and a command per practice."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

SKIPPED_ACTIONS = {"quit", "app.quit", "command_palette", "app.command_palette"}
"""Actions the palette already offers on its own."""


def binding_commands(screen: Screen) -> Iterator[SystemCommand]:
    """A command for each active, described binding of ``screen`` (and its focused widget)."""
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not active.enabled or binding.system or not binding.description:
            continue
        if binding.action in SKIPPED_ACTIONS or binding.action in seen:
            continue
        seen.add(binding.action)
        help_text = binding.tooltip or binding.description
        yield SystemCommand(binding.description, help_text, partial(active.node.run_action, binding.action))


class PracticeCommands(Provider):
    """``Tick: <practice>`` for each practice, on the week screen."""

    def _commands(self) -> list[tuple[str, str, object]]:
        from searchkeeper.tui.screens.week import WeekScreen

        screen = self.screen
        if not isinstance(screen, WeekScreen):
            return []
        help_text = f"Tick or untick it in {screen.week.key}"
        return [
            (f"Tick: {practice.title}", help_text, partial(screen.toggle_practice, practice.id))
            for practice in screen.board.catalogue.in_week(screen.week)
        ]

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)  # type: ignore[arg-type]
