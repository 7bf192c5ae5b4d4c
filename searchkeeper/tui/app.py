"""The dashboard app: a switchboard of screens, global keys, themes and palette commands.

Adding a screen: write ``screens/<name>.py`` with a ``Screen`` whose ``__init__``
takes ``(board: Board, week: Week)``, add ``"<name>": "<module>:<Class>"`` to
``NAMED_SCREENS`` below (imported when it first opens) and add a
``Binding("<key>", "open_screen('<name>')", "<Title>", id="app.<name>")`` to
``BINDINGS``. The key then opens it (and closes it again), it shows in the footer,
the help screen and the command palette, and ``run_dashboard(space, screen="<name>")``
opens on it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from importlib import import_module
from typing import Any, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, get_current_worker

from searchkeeper.core.weeks import Week
from searchkeeper.storage.config import keymap_problems
from searchkeeper.storage.theme_files import app_theme_files
from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui.board import Board, Read
from searchkeeper.tui.commands import PracticeCommands, binding_commands
from searchkeeper.tui.messages import tell_screens
from searchkeeper.tui.read_ahead import ReadAhead
from searchkeeper.tui.screens.week import WeekScreen
from searchkeeper.tui.themes import DEFAULT_THEME, themes_of

WATCH_SECONDS = 1.0
"""How often the App looks for changes made outside it (a ``stat`` per file) and retries unsaved ones."""


class SearchkeeperApp(App[int]):
    TITLE = "searchkeeper"
    CSS_PATH = "screens/week.tcss"
    """The week screen is the default screen, whose own CSS_PATH Textual does not load."""

    NAMED_SCREENS: ClassVar[dict[str, str]] = {
        "audit": "searchkeeper.tui.screens.audit:AuditScreen",
        "chart": "searchkeeper.tui.screens.chart:ChartScreen",
        "help": "searchkeeper.tui.screens.help:HelpScreen",
        "partners": "searchkeeper.tui.screens.partners:PartnersScreen",
    }
    """Each screen's class, imported when it first opens: starting up loads only the week's."""

    BINDINGS = [
        Binding("a", "audit", "Audit", id="app.audit", tooltip="Look back on the week (Monday: last week)"),
        Binding(
            "A", "audit(True)", "Audit this week", show=False, id="app.audit-shown", tooltip="Not last week's"
        ),
        Binding("c", "open_screen('chart')", "Chart", id="app.chart", tooltip="12, 26 or 52 weeks"),
        Binding("p", "open_screen('partners')", "Partners", id="app.partners", tooltip="Networking partners"),
        Binding("question_mark", "open_screen('help')", "Help", id="app.help", tooltip="Keys and practices"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave; first asks about unsaved changes"),
    ]

    COMMANDS = App.COMMANDS | {PracticeCommands}

    class DiskRead(Message):
        """The watcher read the disk again."""

        def __init__(self, read: Read) -> None:
            super().__init__()
            self.read = read

    def __init__(
        self,
        space: Workspace,
        screen: str | None = None,
        week: Week | None = None,
        only: bool = False,
        ahead: ReadAhead | None = None,
    ) -> None:
        """The dashboard on ``week``, opened on ``screen`` if named; ``only``: closing that screen
        closes the app (a command opened it: ``searchkeeper audit`` goes back to the shell).
        ``ahead``: the journal's first read, begun in a child process as the program started."""
        super().__init__()
        self.board = Board(space, ahead=ahead)
        self.first_screen = screen
        self.first_week = week
        self.only = only
        opening = ahead.opening() if ahead is not None else None  # read by the child, if it did
        theme_files = opening.theme_files if opening is not None else app_theme_files(space.config_dir)
        themes, self.theme_problems = themes_of(theme_files)
        for theme in themes:
            self.register_theme(theme)
        wanted = space.settings.theme or DEFAULT_THEME
        self.missing_theme = wanted if wanted not in self.available_themes else None
        chosen = wanted if self.missing_theme is None else DEFAULT_THEME
        if chosen not in self.available_themes:  # the built-in files are missing: Textual's own
            chosen = "textual-dark"
        self._remembered_theme = chosen
        self._start_on_theme(chosen)
        self._looking: Worker[None] | None = None
        self.leaving = False
        """Set by ``exit``: keys still arriving are not acted on."""

    def _start_on_theme(self, name: str) -> None:
        """Start on the theme ``name`` as Textual starts on its default one: its colours are in the
        stylesheet before any rule is parsed. (``self.theme = name`` would have the running app parse
        every rule again and style every widget a second time, after the first layout.)"""
        self.set_reactive(App.theme, name)
        theme = self.current_theme
        self.stylesheet.set_variables(self.get_css_variables())
        classes = {known: False for known in self.classes if known.startswith("-theme-")}
        self.update_classes(
            {**classes, f"-theme-{name}": True, "-dark-mode": theme.dark, "-light-mode": not theme.dark},
            update=False,
        )
        self._refresh_truecolor_filter(self.ansi_theme)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        theme = self.current_theme
        return {
            "practice-met": theme.success or "green",
            "momentum-bar": theme.success or "green",
            "momentum-low": theme.foreground or "grey",
        }

    def get_default_screen(self) -> Screen:
        self.board.read_ahead()
        return WeekScreen(self.board, self.first_week)

    def on_mount(self) -> None:
        self.board.hold_index()  # written by the watcher, once a second at most
        self._tell_theme_problems()
        settings = self.board.space.settings
        problems = list(settings.problems)  # the defaults are used for these
        if settings.keymap:
            from searchkeeper.tui.screens.help import binding_ids  # only for a keymap

            self.set_keymap(settings.keymap)
            problems += keymap_problems(settings, binding_ids())
        if problems:
            notes = "\n".join(str(problem) for problem in problems)
            self.notify(notes, title="config.yaml: defaults used", severity="warning", timeout=15)
        if self.first_screen in self.NAMED_SCREENS:
            if not self.board.loaded:  # the named screen opens on the journal read
                read = self.board.take_read_ahead()
                self.board.accept(read if read is not None else self.board.read())
                tell_screens(self)
            self.action_open_screen(self.first_screen, then_quit=self.only)
        if not self.board.loaded:  # the week screen did not wait for the read: show it when done
            self.look_at_disk()
        self.set_interval(WATCH_SECONDS, self._on_watch_timer)

    def on_ready(self) -> None:
        """The first screen is drawn. Started from the command line, the collector was off while it
        was built (the launcher's choice, as for a command: nothing worth collecting yet); a
        long-lived program collects as usual from here, what was built so far set aside."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def exit(self, *args: Any, **kwargs: Any) -> None:
        self.leaving = True
        super().exit(*args, **kwargs)

    async def on_event(self, event: events.Event) -> None:
        if self.leaving and isinstance(event, events.Key):
            return  # typed after quitting, before the app closed: a screen opened now would half-mount
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.board.stop_reading_ahead()
        self.board.keep_status_line(last=True)  # the last changes' line, for the next prompt

    # the one watcher ----------------------------------------------------------

    def _on_watch_timer(self) -> None:
        board = self.board
        if (moved := board.follow_calendar()) is not None:  # past midnight: a new day, maybe a week
            tell_screens(self, moved)
        board.keep_status_line()
        if board.pending and board.retry().saved:
            self.notify("The unsaved changes are saved now.", title="Saved")
            tell_screens(self)
        if self._looking is None or self._looking.is_finished:
            self._looking = self.look_at_disk()

    def action_audit(self, shown: bool = False) -> None:
        """``a``: the audit the week calls for, last week's while it is still open to audit (the
        first days of a week, as the header says: ``Board.audit_week``), else the shown week's;
        ``A`` (``shown``): the shown week's audit, even then. Again from the audit: closes it."""
        from searchkeeper.tui.screens.audit import AuditScreen  # as open_screen imports it

        bottom = self.screen_stack[0]  # the week screen
        if isinstance(self.screen, AuditScreen) or not (self.board.loaded and isinstance(bottom, WeekScreen)):
            self.action_open_screen("audit")  # closes it, or says the journal is still being read
            return
        week = bottom.week if shown else self.board.audit_week(bottom.week)
        self.push_screen(AuditScreen(self.board, week))

    @work(thread=True, exclusive=True, group="disk", exit_on_error=False)
    def look_at_disk(self) -> None:
        """Read the journal and partners again if any file changed (a ``stat`` each when none did)."""
        board = self.board
        changes = board.changes
        read = None if board.loaded else board.take_read_ahead()
        if read is None:
            if board.loaded and (not board.changed_on_disk() or board.changes != changes):
                return  # nothing changed, or the board saved meanwhile: look again next time
            read = board.read()
        if not get_current_worker().is_cancelled:
            self.post_message(self.DiskRead(read))

    def on_searchkeeper_app_disk_read(self, message: DiskRead) -> None:
        if self.board.accept(message.read):
            tell_screens(self)

    async def action_quit(self) -> None:
        """Leave; with a change the disk refused, ask first: retry, keep waiting, or lose it."""
        self._quit()

    def _quit(self, why: str = "") -> None:
        from searchkeeper.tui.screens.quit_dialog import LOSE, RETRY, QuitDialog  # only when needed

        board = self.board
        if not board.pending:
            self.exit()
            return
        if isinstance(self.screen, QuitDialog):  # ctrl+q while asking
            return

        def answered(answer: str | None) -> None:
            if answer == LOSE:
                self.exit()
            elif answer == RETRY:
                result = board.retry()
                tell_screens(self)
                self._quit("" if result.saved else f"Still not saved: {result.message}")

        self.push_screen(QuitDialog(board.unsaved_words(), why), answered)

    def _tell_theme_problems(self) -> None:
        notes = [str(problem) for problem in self.theme_problems[:3]]
        if len(self.theme_problems) > 3:
            notes.append(f"and {len(self.theme_problems) - 3} more")
        if self.missing_theme:
            notes.append(f"theme '{self.missing_theme}' is not available; using '{self.theme}'")
        if notes:
            self.notify("\n".join(notes), title="Theme files", severity="warning", timeout=10)

    def action_open_screen(self, name: str, then_quit: bool = False) -> None:
        """Open the named screen over the week; the same key closes it again. ``then_quit``: when
        it is dismissed, quit (asking first about a change the disk refused)."""
        where = self.NAMED_SCREENS.get(name)
        if where is None:
            return
        if not self.board.loaded:
            self.notify("Still reading your journal; try again in a moment.")
            return
        module, _, attribute = where.partition(":")
        kind: type[Screen] = getattr(import_module(module), attribute)
        if isinstance(self.screen, kind):
            self.pop_screen()
            return
        bottom = self.screen_stack[0]  # the week screen
        week = bottom.week if isinstance(bottom, WeekScreen) else None
        dismissed = (lambda _: self._quit()) if then_quit else None
        self.push_screen(kind(self.board, week), dismissed)  # type: ignore[call-arg]

    def watch_theme(self, name: str) -> None:
        """Remember a theme the user picks (not the one the app started with)."""
        if name == self._remembered_theme:
            return
        self._remembered_theme = name
        result = self.board.remember_setting("theme", name)
        if not result.saved:
            self.notify(f"The theme is not remembered: {result.message}", severity="error", timeout=8)

    def search_themes(self) -> None:
        """The theme picker, the app's own themes first."""
        from textual.command import CommandPalette  # only when the picker opens

        from searchkeeper.tui.themes import AppThemes

        self.push_screen(CommandPalette(providers=[AppThemes], placeholder="Search for themes…"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from binding_commands(screen)


def run_dashboard(
    space: Workspace, screen: str | None = None, week: Week | None = None, ahead: ReadAhead | None = None
) -> int:
    """Open the dashboard on ``week`` (default: this week), and on ``screen`` if one is named."""
    app = SearchkeeperApp(space, screen=screen, week=week, only=screen is not None, ahead=ahead)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
