"""What each practice row says for a week: its mark, its status words, its note, its streak."""

from __future__ import annotations

from dataclasses import dataclass

from searchkeeper.core.key_partners import PRACTICE_ID as KEY_PARTNERS_PRACTICE
from searchkeeper.core.key_partners import progress_label
from searchkeeper.core.nudges import never_miss_twice
from searchkeeper.core.practices import MONTHLY, STANDING, WEEKLY, Practice
from searchkeeper.core.records import DONE, EXCUSED, MISSED
from searchkeeper.core.scoring import done_in_month, standing_tick
from searchkeeper.core.weeks import Week
from searchkeeper.tui.board import Board

NEVER_MISS_TWICE = "missed last week: never miss twice, a small step puts it back on track"

# marks: each state has its own symbol and word, never colour alone
DONE_MARK, OPEN_MARK, EXCUSED_MARK, AWAY_MARK, CARRIED_MARK = "done", "open", "excused", "away", "carried"


@dataclass(frozen=True)
class RowView:
    practice: Practice
    mark: str
    status: str
    note: str = ""
    streak: int = 0
    unsaved: bool = False
    done: bool = False
    """Done or carried over, so space unticks it (also in an away week)."""
    excused: bool = False
    nudge: str = ""
    """A line under the row: "never miss twice", for a weekly practice missed last week (``core.nudges``)."""

    @property
    def streak_label(self) -> str:
        if not self.streak:
            return ""
        unit = "mo" if self.practice.cadence == MONTHLY else "wk"
        return f"streak {self.streak} {unit}"


def widget_id(practice_id: str) -> str:
    """The id of a practice's row: ``practice-`` and the practice id, with every character outside
    ASCII letters, digits and dashes written as its code point (``réseau``: ``practice-r_e9_seau``),
    as Textual takes no other; ``_`` is never in a practice id, so no two rows share an id."""
    safe = (c if c.isascii() and (c.isalnum() or c == "-") else f"_{ord(c):x}_" for c in practice_id)
    return "practice-" + "".join(safe)


def row_views(board: Board, week: Week) -> list[RowView]:
    record = board.record(week)
    unsaved = board.unsaved(week)
    missed = _missed_last_week(board) if week == board.this_week else set()
    rows = []
    for practice in board.catalogue.in_week(week):
        state = record.state(practice.id)
        mark, words = _mark(board, week, practice, state)
        done = mark in (DONE_MARK, CARRIED_MARK)
        if record.away:
            mark, words = AWAY_MARK, "away week: not counted"
        parts = ["" if practice.cadence == WEEKLY else practice.cadence, words]
        if practice.id == KEY_PARTNERS_PRACTICE:  # "7 of 10 key partners" this month
            parts.append(progress_label(board.roster, week))
        status = " · ".join(part for part in parts if part)
        rows.append(
            RowView(
                practice,
                mark,
                status,
                record.note(practice.id),
                board.practice_streak(practice, week),  # as it stood at the end of that week
                practice.id in unsaved,
                done,
                state == EXCUSED,
                NEVER_MISS_TWICE if practice.id in missed else "",
            )
        )
    return rows


def _missed_last_week(board: Board) -> set[str]:
    """The practices of the week in progress that show "never miss twice" (``nudges.never_miss_twice``)."""
    scores, week = board.summary, board.this_week
    last, this = scores.score_for(week.previous()), scores.score_for(week)
    return {practice.id for practice in never_miss_twice(last, this, board.catalogue)}


def _mark(board: Board, week: Week, practice: Practice, state: str | None) -> tuple[str, str]:
    if state == EXCUSED:
        return EXCUSED_MARK, "excused this week"
    if state == DONE:
        return DONE_MARK, ""
    if practice.cadence == MONTHLY:
        other = done_in_month(board.history.records, practice.id, week)
        if other is not None:
            return CARRIED_MARK, f"done this month ({other.key[-3:]})"
        if week.is_last_of_month:
            return OPEN_MARK, "last week of the month"
        return OPEN_MARK, "not yet this month"
    if practice.cadence == STANDING and state != MISSED:
        since = standing_tick(board.history.records, practice, week)
        if since is not None:
            return CARRIED_MARK, f"carried from {_week_name(since, week)}"
        return OPEN_MARK, "tick once; it carries over"
    return OPEN_MARK, ""


def _week_name(other: Week, viewed: Week) -> str:
    """``W49`` in the viewed week's year, the full ``2025-W49`` in another."""
    return other.key[-3:] if other.year == viewed.year else other.key
