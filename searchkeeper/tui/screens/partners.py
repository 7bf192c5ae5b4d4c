"""The partners screen: the relationship campaign, everyone by when they are due, overdue first.

Every change is saved through the board; the screen redraws when the App says the board
changed (``partners.yaml`` changed elsewhere).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.widgets.data_table import CellDoesNotExist

from searchkeeper.core.key_partners import campaign_advice, progress
from searchkeeper.core.partners import (
    CHANNEL_LABELS,
    KIND_LABELS,
    Partner,
    Roster,
    Touch,
    due_text,
)
from searchkeeper.core.weeks import Week
from searchkeeper.tui.board import Board
from searchkeeper.tui.messages import BoardChanged
from searchkeeper.tui.screens.partner_form import PartnerDraft, PartnerForm
from searchkeeper.tui.screens.touch_dialog import TouchDialog, TouchRequest

RECENT_TOUCHES = 3


class PartnersScreen(Screen):
    CSS_PATH = "partners.tcss"

    BINDINGS = [
        Binding("l", "log_touch", "Log touch", id="partners.log", tooltip="Log a contact with them"),
        Binding("a", "add", "Add", id="partners.add", tooltip="Add a partner to the campaign"),
        Binding("e", "edit", "Edit", id="partners.edit", tooltip="Change name, rhythm, channel, notes"),
        Binding("r", "retire", "Retire", id="partners.retire", tooltip="Out of the campaign, or back in"),
        Binding(
            "v", "show_retired", "Retired", id="partners.retired", tooltip="Show or hide retired partners"
        ),
        Binding("escape", "app.pop_screen", "Back", id="partners.back", tooltip="Back to the week"),
        # the App's keys to other screens work here too, out of the footer (room at 80 columns)
        Binding(
            "c",
            "app.open_screen('chart')",
            "Chart",
            show=False,
            id="partners.chart",
            tooltip="12, 26 or 52 weeks",
        ),
        Binding(
            "p",
            "app.open_screen('partners')",
            "Close",
            show=False,
            id="partners.close",
            tooltip="Back to the week",
        ),
    ]

    def __init__(self, board: Board, week: Week | None = None) -> None:
        super().__init__()
        self.board = board
        self.week = week or board.this_week
        self.show_retired = False

    @property
    def today(self) -> date:
        return self.board.today

    def compose(self) -> ComposeResult:
        yield Static("", id="partners-title")
        yield Static("", id="partners-warning", markup=False)
        yield DataTable(id="partners-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="partners-detail", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Name", "Rhythm", "Due", "", "Since", "Channel")  # the fourth: overdue, due today…
        table.focus()
        self.app.sub_title = "partners"
        self.show()

    # drawing ------------------------------------------------------------------

    def shown_partners(self) -> list[Partner]:
        shown = self.board.roster.by_due(self.today)
        if self.show_retired:
            shown += sorted(
                (p for p in self.board.roster.partners if p.retired), key=lambda p: p.name.casefold()
            )
        return shown

    @on(BoardChanged)
    def show(self) -> None:
        self._show_title()
        self._show_warning()
        table = self.query_one(DataTable)
        selected = self.selected
        table.clear()
        for partner in self.shown_partners():
            table.add_row(*self._cells(partner), key=partner.name)
        self._select(selected.name if selected is not None else None)
        self.refresh_bindings()

    def _cells(self, partner: Partner) -> tuple[Text, ...]:
        today = self.today
        status = due_text(partner, today)
        if status.startswith("overdue"):
            status_cell = Text(status, style="bold red")
        elif status == "due today":
            status_cell = Text(status, style="bold yellow")
        else:
            status_cell = Text(status, style="dim")
        days = partner.days_since(today)
        style = "dim" if partner.retired else ""
        return (
            Text(partner.name, style=style or ("bold" if partner.rhythm.is_key else "")),
            Text(partner.rhythm.text, style=style),
            Text(partner.due(today).isoformat(), style=style),
            status_cell,
            Text("never" if days is None else f"{days} d", style=style, justify="right"),
            Text(partner.channel or "", style=style),
        )

    def _show_title(self) -> None:
        title = self.query_one("#partners-title", Static)
        month = self.board.this_week.month
        text = f"[b]Networking partners[/b] · {calendar.month_name[month[1]]}"
        if self.board.roster.key:
            done = progress(self.board.roster, month)
            text += f": {done.label} contacted"
            if done.waiting:
                text += f" · [dim]waiting: {', '.join(done.waiting)}[/dim]"
        elif self.board.roster_problem is None and not self.board.roster.partners:
            text += " · [dim]press a to add the people you would welcome working with again[/dim]"
        title.update(text)

    def _show_warning(self) -> None:
        warning = self.query_one("#partners-warning", Static)
        problem, unsaved = self.board.roster_problem, bool(self.board.unsaved(None))
        if problem is not None:
            text = f"⚠ {problem} — fix the file; nothing is changed here until then"
        elif unsaved:
            text = "⚠ unsaved: partners.yaml could not be written; the change is retried every second"
        else:
            text = campaign_advice(self.board.roster) or ""
        warning.update(text)
        warning.set_class(problem is not None or unsaved, "-error")
        warning.display = bool(text)

    def _show_detail(self) -> None:
        detail = self.query_one("#partners-detail", Static)
        partner = self.selected
        if partner is None:
            detail.update("")
            detail.display = False
            return
        parts = [partner.name, KIND_LABELS.get(partner.kind, partner.kind), partner.rhythm.label]
        if partner.channel:
            parts.append(f"usually by {CHANNEL_LABELS[partner.channel]}")
        if partner.retired:
            parts.append("retired")
        lines = [" · ".join(parts)]
        if partner.notes:
            lines.append(partner.notes)
        lines.extend(_touch_line(touch) for touch in reversed(partner.touches[-RECENT_TOUCHES:]))
        if not partner.touches:
            lines.append("No touch yet: they are due now.")
        detail.update("\n".join(lines))
        detail.display = True

    @property
    def selected(self) -> Partner | None:
        table = self.query_one(DataTable)
        try:  # no row at the cursor when the table is empty
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except CellDoesNotExist:
            return None
        return self.board.roster.get(str(key.value)) if key.value is not None else None

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()
        self.refresh_bindings()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_log_touch()

    # keys ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("log_touch", "edit", "retire") and self.selected is None:
            return None
        return True

    def _refuse_while_broken(self) -> bool:
        """Say why nothing can change while ``partners.yaml`` does not load."""
        problem = self.board.roster_problem
        if problem is not None:
            self.notify(f"{problem}", title="Fix partners.yaml first", severity="error", timeout=8)
        return problem is not None

    def _changeable(self) -> Partner | None:
        """The highlighted partner, if there is one and ``partners.yaml`` can change."""
        return None if self._refuse_while_broken() else self.selected

    def action_log_touch(self) -> None:
        partner = self._changeable()
        if partner is None:
            return
        name = partner.name

        def save(request: TouchRequest | None) -> None:  # the touch saved, and said so
            if request is None:
                return
            result = self.board.log_touch(name, request.day, request.channel, request.value)
            self.show()
            if not result.saved:
                self.notify(result.message, title="Not saved", severity="error", timeout=8)
                return
            touched = self.board.roster.find(name)
            self.notify(
                f"{_touch_line(Touch(request.day, request.channel, request.value.strip()))}\n"
                f"Next due {touched.due(self.today).isoformat()}",
                title=f"Touched {touched.name}",
            )

        self.app.push_screen(TouchDialog(name, partner.channel, self.today), save)

    def action_add(self) -> None:
        if self._refuse_while_broken():
            return

        def add(draft: PartnerDraft | None) -> None:
            if draft is None:
                return
            fields = (draft.name, draft.kind, draft.rhythm, draft.channel, draft.notes)
            if self._change(lambda roster: roster.add(Partner(*fields, added=self.today))):
                self._select(draft.name)

        self._open_form(None, add)

    def action_edit(self) -> None:
        partner = self._changeable()
        if partner is not None:
            self._edit(partner)

    def _edit(self, partner: Partner, shown: PartnerDraft | None = None, notice: str = "") -> None:
        """The form on ``partner``. A save lays only what changed in the form onto the partner as
        ``partners.yaml`` has them then (``PartnerDraft.onto``); a field changed there too is asked
        about again, the form showing the user's value. An unchanged form writes nothing."""
        before = PartnerDraft.of(partner)
        made: list[tuple[PartnerDraft, list[str]]] = []

        def edit(roster: Roster, draft: PartnerDraft) -> None:
            target = roster.find(before.name)
            made[:] = [draft.onto(before, PartnerDraft.of(target))]
            merged = made[0][0]
            roster.rename(target, merged.name)
            target.kind, target.rhythm = merged.kind, merged.rhythm
            target.channel, target.notes = merged.channel, merged.notes

        def save(draft: PartnerDraft | None) -> None:
            if draft is None or draft == before or not self._change(lambda roster: edit(roster, draft)):
                return
            merged, clashes = made[0]
            self._select(merged.name)
            now = self.board.roster.get(merged.name)
            if clashes and now is not None:
                theirs = ", ".join(f"{name} is now {getattr(merged, name) or 'none'}" for name in clashes)
                mine = replace(merged, **{name: getattr(draft, name) for name in clashes})
                self._edit(now, mine, f"Changed meanwhile: {theirs}. Save keeps yours (shown), escape that.")

        self._open_form(partner, save, shown, notice)

    def _open_form(
        self,
        partner: Partner | None,
        save: Callable[[PartnerDraft | None], None],
        shown: PartnerDraft | None = None,
        notice: str = "",
    ) -> None:
        names = [p.name for p in self.board.roster.partners]
        self.app.push_screen(PartnerForm(partner, names, shown, notice), save)

    def action_retire(self) -> None:
        partner = self._changeable()
        if partner is None:
            return
        name, retire = partner.name, not partner.retired

        def change(roster: Roster) -> None:
            roster.find(name).retired = retire

        if self._change(change):
            self.notify(
                f"{name} is out of the campaign; their touches stay. v shows retired partners."
                if retire
                else f"{name} is back in the campaign.",
                title="Retired" if retire else "Back",
            )

    def action_show_retired(self) -> None:
        self.show_retired = not self.show_retired
        self.show()

    def _change(self, change: Callable[[Roster], object]) -> bool:
        """Save ``change`` through the board; True when it is on screen (saved, or kept as unsaved)."""
        result = self.board.change_partners(change)
        self.show()
        if not result.saved:
            self.notify(result.message, title="Not saved", severity="error", timeout=8)
        return result.saved or result.kept

    def _select(self, name: str | None) -> None:
        """Move the cursor to ``name`` if it is shown, and show the highlighted partner."""
        names = [partner.name for partner in self.shown_partners()]
        if name in names:
            self.query_one(DataTable).move_cursor(row=names.index(name))
        self._show_detail()


def _touch_line(touch: Touch) -> str:
    how = f" by {CHANNEL_LABELS.get(touch.channel, touch.channel)}" if touch.channel else ""
    value = f" — {touch.value}" if touch.value else ""
    return f"{touch.date.isoformat()}{how}{value}"
