"""The week screen: the header, the habits and maintenance panes, the scorecard and the chart.

Messages up, attributes down: a ``PracticeRow`` asks for a change; this screen saves
it through the board (``Journal.update``) and hands the new facts to its widgets. It
redraws from the board when the App says the board changed (``BoardChanged``).
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from searchkeeper.core.practices import HABITS, MAINTENANCE
from searchkeeper.core.records import EXCUSED, WeekRecord
from searchkeeper.core.weeks import Week
from searchkeeper.tui.board import AWAY_KEY, Board, Change, SaveResult
from searchkeeper.tui.messages import BoardChanged, WeekBegun
from searchkeeper.tui.rows import row_views, widget_id
from searchkeeper.tui.widgets.key_footer import KeyFooter
from searchkeeper.tui.widgets.momentum_chart import ChartFacts, MomentumChart
from searchkeeper.tui.widgets.momentum_strip import MomentumStrip
from searchkeeper.tui.widgets.partner_line import PartnerLine, partner_facts
from searchkeeper.tui.widgets.practice_row import PracticeRow
from searchkeeper.tui.widgets.scorecard import Scorecard, ScoreFacts
from searchkeeper.tui.widgets.week_header import DAY_NAMES, WeekFacts, WeekHeader
from searchkeeper.tui.widgets.welcome import Welcome, welcome_text

WEEK_KEYS = Binding.Group("Week")
FIRST_READ_WAIT = 0.3
"""Seconds the first screen waits for the journal read ahead (the summary cache makes it quick);
a slower read (no cache yet) shows the screen first and the App's watcher fills it in when done."""
WIDE = 110
"""From this many columns, the two panes sit side by side."""
SCROLL_KEYS = Binding.Group("Scroll")


class WeekBody(VerticalScroll, can_focus=False, inherit_bindings=False):
    """The scrolling body; it leaves the arrow keys to the screen (rows, weeks)."""


class WeekScreen(Screen):
    """The default screen; its stylesheet, week.tcss, is loaded by the App."""

    BINDINGS = [
        *PracticeRow.KEYS,
        Binding("down,j", "cursor_down", "Down", show=False, id="week.down", tooltip="Next practice"),
        Binding("up,k", "cursor_up", "Up", show=False, id="week.up", tooltip="Previous practice"),
        Binding(
            "left_square_bracket,left",
            "previous_week",
            "Previous week",
            key_display="[",
            id="week.previous",
            group=WEEK_KEYS,
            tooltip="Go to the previous week",
        ),
        Binding(
            "right_square_bracket,right",
            "next_week",
            "Next week",
            key_display="]",
            id="week.next",
            group=WEEK_KEYS,
            tooltip="Go to the next week",
        ),
        Binding("t", "this_week", "This week", show=False, id="week.today", tooltip="Back to this week"),
        Binding(
            "w",
            "toggle_away",
            "Away",
            show=False,
            id="week.away",
            tooltip="Mark the whole week away (or not)",
        ),
        Binding(
            "pagedown",
            "scroll('scroll_page_down')",
            "Page down",
            show=False,
            id="week.page-down",
            group=SCROLL_KEYS,
            tooltip="Scroll the practices and the chart down a page",
        ),
        Binding(
            "pageup",
            "scroll('scroll_page_up')",
            "Page up",
            show=False,
            id="week.page-up",
            group=SCROLL_KEYS,
            tooltip="Scroll up a page",
        ),
        Binding(
            "end",
            "scroll('scroll_end')",
            "To the end",
            show=False,
            id="week.end",
            group=SCROLL_KEYS,
            tooltip="Scroll to the end: the chart",
        ),
        Binding(
            "home",
            "scroll('scroll_home')",
            "To the top",
            show=False,
            id="week.home",
            group=SCROLL_KEYS,
            tooltip="Scroll to the top",
        ),
        Binding(
            "escape",
            "hide_welcome",
            "Hide welcome",
            show=False,
            id="week.hide-welcome",
            tooltip="Hide the getting-started panel",
        ),
        Binding(
            "M",
            "merge_conflicts",
            "Merge conflict copies",
            show=False,
            id="week.merge",
            tooltip="Fold sync conflict copies into their weeks, as check --merge does",
        ),
    ]

    def __init__(self, board: Board, week: Week | None = None) -> None:
        super().__init__()
        self.board = board
        self.week = week or board.this_week
        self.intention = Static("", id="intention", markup=False)  # the line written for the week
        self.intention.styles.padding = (0, 1)
        self._suspended = False
        self._shown = False
        self._welcome_hidden = False

    # layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        first = self.board.take_read_ahead(FIRST_READ_WAIT)
        if first is not None:  # drawn complete the first time
            self.board.accept(first)
        # Everything decided before the first layout (the panes' arrangement, every widget's
        # facts, the titles): the first frame is the last, not one of several.
        self._arrange(self.app.size.width)
        self.header = WeekHeader(id="week-header")
        self.warning = Static("", id="warning", markup=False)
        settings = self.board.space.settings
        self.welcome = Welcome(welcome_text(settings.threshold, DAY_NAMES[settings.audit_day]), id="welcome")
        self.welcome.border_title = "Getting started"
        self.welcome.border_subtitle = "esc hides this"
        self.partner_line = PartnerLine(id="partner-line")
        self.chart = MomentumChart(id="momentum-chart", classes="pane")
        self.chart.border_title = "Momentum"
        self.scorecard = Scorecard(id="scorecard")
        self.strip = MomentumStrip(id="momentum-strip")
        self.show(mounted=False)
        yield self.header
        yield self.warning
        with WeekBody(id="week-body"):
            yield self.welcome
            views = row_views(self.board, self.week)
            yield self.intention
            with Horizontal(id="panes"):
                for group, title in ((HABITS, "Habits"), (MAINTENANCE, "Maintenance")):
                    with Vertical(id=f"pane-{group}", classes="pane") as pane:
                        pane.border_title = title
                        for view in views:
                            if view.practice.group == group:
                                yield PracticeRow(view, id=widget_id(view.practice.id))
                        if group == MAINTENANCE:
                            yield self.partner_line
            yield self.chart
        with Vertical(id="progress"):
            yield self.scorecard
            yield self.strip
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        # Textual hides the notifications' rack once the screen shows, a change of layout that
        # would draw the whole screen again, unchanged: hidden now, that is part of the first frame.
        for rack in self.query("#textual-toastrack"):
            rack.display = False
        rows = self.rows
        if rows:
            self.set_focus(rows[0])  # now, not a turn later: the footer is rebuilt before the first frame

    def action_row(self, action: str) -> None:
        """A practice's key (``PracticeRow.KEYS``): the focused row's action, if a row has the focus."""
        if isinstance(self.focused, PracticeRow):
            getattr(self.focused, f"action_{action}")()

    def _arrange(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")

    def on_resize(self, event: events.Resize) -> None:
        self._arrange(event.size.width)

    def on_screen_suspend(self) -> None:
        self._suspended = True

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._shown:  # first shown just as it mounted, styled then: not styled again
            self._shown = True
            event.refresh_styles = False
        if self._suspended:  # back from another screen, where the board may have changed
            self._suspended = False
            self.show()

    @property
    def rows(self) -> list[PracticeRow]:
        return list(self.query(PracticeRow))

    # drawing ------------------------------------------------------------------

    @on(BoardChanged)
    def show(self, mounted: bool = True) -> None:
        """Hand the board's facts about ``self.week`` to every widget (``mounted``: else in
        ``compose``, given before the widgets are mounted, so they draw once, complete)."""
        board, week = self.board, self.week
        record = board.record(week)
        space = board.space
        facts: list[tuple[Widget, object]] = []
        if board.loaded:
            unsaved = AWAY_KEY in board.unsaved(week)
            audit = space.audit_state(week, record, board.history.records)  # as `status` says it
            chart = ChartFacts(board.summary, week, board.this_week)
            facts += [
                (self.header, WeekFacts(week, space.today, record, audit, unsaved, space.sample)),
                (self.scorecard, ScoreFacts(board.summary, week, board.this_week)),
                (self.chart, chart),
                (self.strip, chart),
            ]
        partners = partner_facts(board.roster, board.roster_problem, week, board.today)
        facts.append((self.partner_line, partners))
        for widget, value in facts:
            if mounted:
                widget.facts = value  # type: ignore[attr-defined]
            else:
                widget.set_reactive(type(widget).facts, value)  # type: ignore[attr-defined]
        if not mounted:
            self.partner_line.display = self.partner_line.has_something(partners)
        if mounted:
            views = {view.practice.id: view for view in row_views(board, week)}
            for row in self.rows:
                if row.practice_id in views:
                    row.view = views[row.practice_id]
        self.welcome.display = board.is_first_run and not self._welcome_hidden
        self.chart.display = not board.is_first_run
        self._show_warning()
        intention = board.intention_for(week)
        name = "This week's" if week == board.this_week else f"{week.key}'s"
        self.intention.update(f"{name} intention: {intention}" if intention else "")
        self.intention.display = bool(intention)
        self.app.sub_title = week.key
        if mounted:
            self.refresh_bindings()

    def _show_warning(self) -> None:
        warning = self.warning
        problem = self.board.problem_for(self.week)
        problems = self.board.history.problems
        if problem is not None:
            text = f"⚠ {self.board.where(problem)} (read-only until the file is fixed)"
        elif problems:
            count = len(problems)
            files = "1 week file" if count == 1 else f"{count} week files"
            text = f"⚠ {files} cannot be read: {self.board.where(problems[0])}"
        else:
            text = ""
        conflicts = len(self.board.conflicts)
        if conflicts:  # the palette's "Merge conflict copies" folds them in
            copies = "1 sync conflict copy" if conflicts == 1 else f"{conflicts} sync conflict copies"
            text += ("\n" if text else "") + f"⚠ {copies} — run `searchkeeper check --merge`"
        warning.update(text)
        warning.display = bool(text)

    # keys ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_week" and self.week >= self.board.this_week:
            return None
        if action == "this_week" and self.week == self.board.this_week:
            return None
        if action == "merge_conflicts":  # offered only while there are copies to merge
            return bool(self.board.conflicts)
        if action == "hide_welcome":
            return bool(self.welcome.display)
        if action == "row":  # for the focused row; as the screen starts, the first row is about to be
            return True if isinstance(self.focused, PracticeRow) or not self.is_mounted else None
        return True

    def action_scroll(self, how: str) -> None:
        """Scroll the body (PageDown, PageUp, End, Home): the rows keep the arrow keys."""
        if how in ("scroll_page_down", "scroll_page_up", "scroll_end", "scroll_home"):
            getattr(self.query_one(WeekBody), how)()

    def action_hide_welcome(self) -> None:
        self._welcome_hidden = True
        self.welcome.display = False
        self.refresh_bindings()

    def _move(self, step: int) -> None:
        """Focus the next (previous) row; past the last row, the momentum strip."""
        stops: list[Widget] = [*self.rows, self.strip]
        focused = self.focused
        index = stops.index(focused) if focused in stops else (-1 if step > 0 else len(stops))
        # At once, not via Widget.focus() (which waits a turn): keys typed in a burst,
        # like `j j space`, must each land on the row the one before moved to.
        self.set_focus(stops[max(0, min(len(stops) - 1, index + step))])

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def go_to(self, week: Week) -> None:
        self.week = min(week, self.board.this_week)
        self.show()

    def action_previous_week(self) -> None:
        self.go_to(self.week.previous())

    def action_next_week(self) -> None:
        self.go_to(self.week.next())

    def action_this_week(self) -> None:
        self.go_to(self.board.this_week)

    @on(WeekBegun)
    def _on_week_begun(self, message: WeekBegun) -> None:
        if self.week == message.before:  # on "this week": on to the new one (a past week stays)
            self.week = message.after

    def action_merge_conflicts(self) -> None:
        result = self.board.merge_conflicts()
        severity = "information" if result.saved else "error"
        self.notify(result.message, title="Conflict copies", severity=severity, timeout=10)
        self.show()

    def action_toggle_away(self) -> None:
        away = not self.board.record(self.week).away

        def mark(record: WeekRecord) -> None:
            record.away = away
            if not away:
                record.away_note = ""

        self._save(AWAY_KEY, mark)

    # changes ------------------------------------------------------------------

    def _save(self, key: str, change: Change) -> None:
        if not self.board.loaded:
            self.notify("Still reading your journal; try again in a moment.")
            return
        result: SaveResult = self.board.change(self.week, key, change)
        if not result.saved:
            self.notify(result.message, title="Not saved", severity="error", timeout=8)
        self.show()

    def toggle_practice(self, practice_id: str) -> None:
        """Tick or untick a practice in the week on screen (the palette uses this)."""
        for row in self.rows:
            if row.practice_id == practice_id and row.view is not None:
                self._tick(practice_id, not row.view.done)

    def _tick(self, practice_id: str, done: bool) -> None:
        day = self.board.tick_day(self.week)

        def change(record: WeekRecord) -> None:
            if done:
                record.tick(practice_id, day)
            else:
                record.untick(practice_id)  # as `tick --undo` and the audit's "no" write it

        self._save(practice_id, change)

    @on(PracticeRow.Toggled)
    def _on_toggled(self, message: PracticeRow.Toggled) -> None:
        message.stop()
        self._tick(message.practice_id, message.done)
        if message.done:  # reconnect, give-value: "Log this as a touch with…?"
            from searchkeeper.tui.screens.partner_picker import offer_touch  # only once a practice is ticked

            offer_touch(self.app, self.board, self.week, message.practice_id)

    @on(PracticeRow.ExcuseToggled)
    def _on_excuse(self, message: PracticeRow.ExcuseToggled) -> None:
        message.stop()
        practice_id, excused = message.practice_id, message.excused

        def change(record: WeekRecord) -> None:
            if excused:
                record.excuse(practice_id)
            elif record.state(practice_id) == EXCUSED:
                record.clear(practice_id)

        self._save(practice_id, change)

    @on(PracticeRow.NoteRequested)
    def _on_note(self, message: PracticeRow.NoteRequested) -> None:
        message.stop()
        problem = self.board.problem_for(self.week)
        if problem is not None:  # say so now, before anything is typed
            self.notify(f"{self.week.key} is read-only: {self.board.where(problem)}", severity="error")
            return
        row = message.row
        practice = self.board.catalogue[message.practice_id]
        current = self.board.record(self.week).note(practice.id)
        carried = row.view is not None and row.view.done

        def save(note: str | None) -> None:
            if note is not None and note.strip() != current.strip():  # unchanged: nothing is written
                self._note(practice.id, current, note.strip(), carried)
            row.focus()

        from searchkeeper.tui.screens.note import NoteScreen  # only once a note is written

        self.app.push_screen(NoteScreen(practice.title, self.week.key, current), save)

    def _note(self, practice_id: str, before: str, mine: str, carried: bool) -> None:
        """The note changed from ``before`` to ``mine``, laid onto the week as it is on disk."""
        from searchkeeper.tui.screens.dialog import edited_text  # as the note screen imports it

        day = self.board.tick_day(self.week)

        def change(record: WeekRecord) -> None:
            note = edited_text(before, mine, record.note(practice_id))
            if record.state(practice_id) is None and carried and note:
                record.tick(practice_id, day, note)  # a note on a carried practice confirms it
                return
            record.set_note(practice_id, note)

        self._save(practice_id, change)
