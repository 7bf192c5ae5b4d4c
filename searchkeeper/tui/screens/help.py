"""The help screen: every key of the screen it was opened from with its id (for ``keymap:`` in
``config.yaml``), and each practice with its why."""

from __future__ import annotations

import pkgutil
from importlib import import_module

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Footer, Static

from searchkeeper.core.practices import GROUPS
from searchkeeper.core.scoring import shown_threshold
from searchkeeper.core.weeks import Week
from searchkeeper.tui.board import Board

KEY_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
    "escape": "esc",
}


def keys_table(bindings: dict[str, ActiveBinding]) -> Table:
    """One line per action, all its keys together, in the order they were declared."""
    actions: dict[tuple[int, str], tuple[list[str], Binding]] = {}
    for key, active in bindings.items():
        binding = active.binding
        if binding.system or not binding.description or "command_palette" in binding.action:
            continue
        if binding.id is None:  # Textual's own (focus next, copy text, page left): not the app's keys
            continue
        slot = actions.setdefault((id(active.node), binding.action), ([], binding))
        slot[0].append(KEY_NAMES.get(key, key.replace("ctrl+", "^")))
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(style="dim", no_wrap=True)
    table.add_column(style="dim")
    table.add_row(Text("key", style="dim"), Text("does", style="dim"), "id (keymap)", "")
    for keys, binding in actions.values():
        table.add_row(" ".join(keys), binding.description, binding.id or "", binding.tooltip)
    table.add_row("^p", "Command palette", "", "every command, searchable; Theme picks a theme")
    return table


def binding_ids() -> set[str]:
    """The id of every key of the dashboard: the App's, and each screen's, dialog's and widget's
    (every module of the dashboard imported to find them)."""
    package = import_module("searchkeeper.tui")
    for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        import_module(module.name)
    found, classes = set(), [DOMNode]
    while classes:
        kind = classes.pop()
        classes += kind.__subclasses__()
        found |= {binding.id for binding in Binding.make_bindings(kind.__dict__.get("BINDINGS", []))}
    return found - {None}


class HelpScreen(Screen):
    BINDINGS = [
        Binding("escape,question_mark", "app.pop_screen", "Back", id="help.back", tooltip="Close the help"),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        #help-body { padding: 0 1; }
        .help-heading { text-style: bold; color: $primary; margin-top: 1; }
        .help-practice { margin-bottom: 1; }
    }
    """

    def __init__(self, board: Board, week: Week) -> None:
        super().__init__()
        self.board = board
        self.week = week
        # the keys of the screen it is opened from, with the focused widget's
        self.bindings = dict(self.app.screen.active_bindings) if self.app.screen_stack else {}

    def compose(self) -> ComposeResult:
        threshold = shown_threshold(self.board.space.settings.threshold)
        with VerticalScroll(id="help-body"):
            yield Static("Keys", classes="help-heading")
            yield Static(keys_table(self.bindings), id="help-keys")
            yield Static("How a week works", classes="help-heading")
            yield Static(
                "Weekly practices count every week; monthly ones once a month (met in the week you do "
                "them, missed only if the month ends without them); standing ones stay true from the "
                f"week you tick them until you untick them. A week that reaches {threshold}% is a "
                "momentum week, and a run of them is your streak. An excused practice or an away "
                "week is simply not counted: it neither breaks a streak nor lowers your momentum.",
                markup=False,
            )
            for group in GROUPS:
                yield Static(group.capitalize(), classes="help-heading")
                for practice in self.board.catalogue.group(group):
                    cadence = "" if practice.cadence == "weekly" else f"  ({practice.cadence})"
                    text = Text.assemble((practice.title, "bold"), cadence, "\n", practice.why)
                    yield Static(text, classes="help-practice")
        yield Footer(compact=True, show_command_palette=False)
