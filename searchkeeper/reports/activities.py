"""``searchkeeper report --activities``: a dated log of work-search activities over a range of days.

One row per activity, in date order: each practice ticked (with its note) and each
touch with a networking partner (who, how, what was brought), in the columns a
benefits office's log asks for: date, activity, contact, method, notes. Then a count
per week, each week under ``--min-per-week`` marked. The month's automatic tick of
the key partners is not an activity of its own: the touches behind it are listed.

``ACTIVITY_FORMATS`` maps a format name to a renderer of an ``ActivityLog``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from searchkeeper.core.partners import CHANNEL_LABELS, KIND_LABELS, PartnersError, touches_in
from searchkeeper.core.records import DONE, History, tick_day
from searchkeeper.core.weeks import Week
from searchkeeper.reports.visible import visible
from searchkeeper.storage import index
from searchkeeper.storage.partners import PartnerBook, read_roster
from searchkeeper.storage.workspace import Workspace

DEFAULT_WEEKS = 4
"""Without ``--from``, the log starts this many weeks back (the week of ``--to`` included)."""
COLUMNS = ("date", "activity", "contact", "method", "notes")


@dataclass(frozen=True)
class Activity:
    day: date
    activity: str
    contact: str = ""
    method: str = ""
    notes: str = ""

    def cells(self) -> list[str]:
        return [self.day.isoformat(), self.activity, self.contact, self.method, self.notes]


@dataclass(frozen=True)
class WeekCount:
    week: Week
    count: int
    away: bool = False


@dataclass(frozen=True)
class ActivityLog:
    first: date
    last: date
    rows: list[Activity]
    weeks: list[WeekCount]
    floor: int | None = None
    problems: tuple[str, ...] = ()
    """Files that could not be read (their activities are missing): told on stderr."""

    def below(self, count: WeekCount) -> bool:
        """Under the floor, in a week that is not away."""
        return self.floor is not None and not count.away and count.count < self.floor


def default_first(last: date) -> date:
    """The Monday ``DEFAULT_WEEKS`` weeks back, the week of ``last`` included."""
    return Week.of(last).shift(1 - DEFAULT_WEEKS).monday


def build_log(space: Workspace, first: date, last: date, floor: int | None = None) -> ActivityLog:
    """Every tick and touch dated from ``first`` to ``last`` (both included)."""
    weeks = Week.of(first).until(Week.of(last))
    inputs = index.Inputs(space.data_dir, space.config_dir)
    history = index.load_history(space.journal, inputs, only=[index.name_of(week) for week in weeks])
    assert history is not None  # only None when reading from the index alone
    rows = _ticks(space, history, first, last)
    problems = [str(problem) for problem in history.problems]
    book = PartnerBook(space.data_dir)
    if book.exists():
        try:
            roster = read_roster(space.data_dir)
        except PartnersError as problem:
            problems.append(str(problem))
        else:
            for partner, touch in touches_in(roster, first, last):
                kind = KIND_LABELS.get(partner.kind, partner.kind)
                method = CHANNEL_LABELS.get(touch.channel, touch.channel) if touch.channel else ""
                rows.append(
                    Activity(touch.date, f"Networking contact ({kind})", partner.name, method, touch.value)
                )
    rows.sort(key=lambda row: row.day)  # stable: a day's ticks in the catalogue's order, then touches
    counts = [
        WeekCount(week, sum(1 for row in rows if week.contains(row.day)), _away(history, week))
        for week in weeks
    ]
    return ActivityLog(first, last, rows, counts, floor, tuple(problems))


def _ticks(space: Workspace, history: History, first: date, last: date) -> list[Activity]:
    catalogue, audit_day = space.settings.catalogue, space.settings.audit_day
    order = {practice.id: place for place, practice in enumerate(catalogue.everything)}
    rows = []
    for week, record in history.records.items():
        for practice_id in sorted(record.practices, key=lambda pid: order.get(pid, len(order))):
            entry = record.practices[practice_id]
            if entry.state != DONE:
                continue
            day = entry.date or tick_day(week, space.today, audit_day)
            if first <= day <= last:
                practice = catalogue.get(practice_id)
                rows.append(Activity(day, practice.title if practice else practice_id, notes=entry.note))
    return rows


def _away(history: History, week: Week) -> bool:
    record = history.records.get(week)
    return record is not None and record.away


def _mark(log: ActivityLog, count: WeekCount) -> str:
    if count.away:
        return "away"
    return f"under {log.floor}" if log.below(count) else ""


def _title(log: ActivityLog) -> str:
    return f"Work-search activities, {log.first.isoformat()} to {log.last.isoformat()}"


def _shown(row: Activity) -> list[str]:
    """A row's cells for a terminal: each on one line, control characters spelt out (``visible``)."""
    return [visible(" ".join(cell.split())) for cell in row.cells()]


def render_text(log: ActivityLog) -> str:
    title = _title(log)
    out = [title, "=" * len(title), ""]
    table = [list(COLUMNS), *(_shown(row) for row in log.rows)]
    if log.rows:
        widths = [max(len(cells[i]) for cells in table) for i in range(len(COLUMNS) - 1)] + [
            0
        ]  # notes run on
        out += [
            "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
            for cells in table
        ]
    else:
        out.append("No activities in this range.")
    floor = f" (at least {log.floor} a week)" if log.floor is not None else ""
    out += ["", f"Per week{floor}:"]
    for count in log.weeks:
        out.append(
            f"  {count.week.key}  {count.week.span():<26}  {count.count:>3}  {_mark(log, count)}".rstrip()
        )
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    for plain, escaped in (("\\", "\\\\"), ("|", "\\|"), ("*", "\\*"), ("_", "\\_")):
        text = text.replace(plain, escaped)
    return visible(" ".join(text.split()))


def render_markdown(log: ActivityLog) -> str:
    out = [f"# {_title(log)}", ""]
    if log.rows:
        out += ["| Date | Activity | Contact | Method | Notes |", "|---|---|---|---|---|"]
        out += ["| " + " | ".join(_md(cell) for cell in row.cells()) + " |" for row in log.rows]
    else:
        out.append("No activities in this range.")
    floor = f" (at least {log.floor} a week)" if log.floor is not None else ""
    out += ["", f"## Per week{floor}", "", "| Week | Dates | Activities | |", "|---|---|---:|---|"]
    for count in log.weeks:
        out.append(f"| {count.week.key} | {count.week.span()} | {count.count} | {_mark(log, count)} |")
    return "\n".join(out) + "\n"


def render_csv(log: ActivityLog) -> str:
    """One row per activity, with the week it is in: a table for a spreadsheet (counts are a pivot away)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*COLUMNS, "week"])
    for row in log.rows:
        writer.writerow([*row.cells(), Week.of(row.day).key])
    return buffer.getvalue()


def render_json(log: ActivityLog) -> str:
    document = {
        "from": log.first.isoformat(),
        "to": log.last.isoformat(),
        "min_per_week": log.floor,
        "activities": [dict(zip(COLUMNS, row.cells(), strict=True)) for row in log.rows],
        "weeks": [
            {
                "week": count.week.key,
                "monday": count.week.monday.isoformat(),
                "sunday": count.week.sunday.isoformat(),
                "count": count.count,
                "away": count.away,
                "under_minimum": log.below(count),
            }
            for count in log.weeks
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


ACTIVITY_FORMATS: dict[str, Callable[[ActivityLog], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "csv": render_csv,
    "json": render_json,
}
