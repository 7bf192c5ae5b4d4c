"""Reports of a range of weeks: one row a week, each with its practices, oldest first.

``build_report`` makes the report; ``FORMATS`` maps a format's name to its renderer.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from searchkeeper.core.practices import Practice
from searchkeeper.core.records import WeekRecord
from searchkeeper.core.review import PracticeResult, practice_results
from searchkeeper.core.scoring import WeekScore, momentum_series, outcome_word, percent, shown_threshold
from searchkeeper.core.weeks import Week
from searchkeeper.storage.workspace import Workspace


@dataclass(frozen=True)
class WeekRow:
    week: Week
    score: WeekScore
    momentum_week: bool
    momentum: int | None
    practices: list[PracticeResult] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    rows: list[WeekRow]
    threshold: float
    streak: int
    longest: int
    momentum: int
    practices: list[Practice]
    generated: date


def build_report(space: Workspace, weeks: int) -> Report:
    history = space.history()
    summary = space.summary(history)
    catalogue = space.settings.catalogue
    # No report reaches further back than the history does (and a huge N stays in the calendar).
    first = space.this_week.shift(-(min(weeks, len(summary.scores)) - 1))
    series = momentum_series([s for s in summary.scores if s.week <= space.this_week])
    rows = []
    for index, score in enumerate(summary.scores):
        if score.week < first or score.week > space.this_week:
            continue
        record = history.records.get(score.week) or WeekRecord(score.week)
        value = series[index] if index < len(series) else None
        rows.append(
            WeekRow(
                score.week,
                score,
                score.is_momentum(summary.threshold),
                None if value is None else percent(value / 100),
                practice_results(record, catalogue, score),
            )
        )
    return Report(
        rows,
        summary.threshold,
        summary.streak,
        summary.longest,
        summary.momentum,
        catalogue.in_any(row.week for row in rows),
        space.today,
    )


def percent_text(score: WeekScore) -> str:
    return "—" if score.percent is None else f"{score.percent}%"


def render_text(report: Report) -> str:
    """A plain-text table of weeks, for a terminal."""
    lines = [f"{'week':<9}  {'dates':<26}  {'score':>6}  {'%':>4}  {'mom.':>4}  momentum week"]
    for row in report.rows:
        mark = "away" if row.score.away else ("yes" if row.momentum_week else "")
        if row.score.unreadable:
            mark = "unreadable: not counted"
        momentum = "" if row.momentum is None else str(row.momentum)
        lines.append(
            f"{row.week.key:<9}  {row.week.span():<26}  {row.score.label:>6}  "
            f"{percent_text(row.score):>4}  {momentum:>4}  {mark}"
        )
    lines.append("")
    lines.append(
        f"streak {report.streak} (best {report.longest}) · momentum {report.momentum} · "
        f"threshold {shown_threshold(report.threshold)}%"
    )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report) -> str:
    """A Markdown table of weeks, to paste into an email or a note."""
    out = [
        "# Job search momentum",
        "",
        f"Streak **{report.streak}** week{'' if report.streak == 1 else 's'} (best {report.longest})"
        f" · momentum **{report.momentum}**"
        f" · a week counts at {shown_threshold(report.threshold)}%",
        "",
        "| Week | Dates | Score | % | Momentum week |",
        "|---|---|---:|---:|---|",
    ]
    for row in report.rows:
        mark = "away" if row.score.away else ("✔" if row.momentum_week else "")
        if row.score.unreadable:
            mark = "unreadable: not counted"
        out.append(
            f"| {row.week.key} | {_cell(row.week.span())} | {row.score.label} | "
            f"{percent_text(row.score)} | {mark} |"
        )
    return "\n".join(out) + "\n"


WEEK_FIELDS: dict[str, Callable[[WeekRow], object]] = {
    "week": lambda row: row.week.key,
    "monday": lambda row: row.week.monday.isoformat(),
    "sunday": lambda row: row.week.sunday.isoformat(),
    "met": lambda row: row.score.met,
    "counted": lambda row: row.score.counted,
    "percent": lambda row: row.score.percent,
    "momentum_week": lambda row: row.momentum_week,
    "away": lambda row: row.score.away,
    "unreadable": lambda row: row.score.unreadable,
    "momentum": lambda row: row.momentum,
}
"""A week's own fields, in order: json gives each as it is, csv a column each."""


def render_csv(report: Report) -> str:
    """CSV, one row a week and a column a practice, for a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    ids = [practice.id for practice in report.practices]
    writer.writerow([*WEEK_FIELDS, *ids])
    for row in report.rows:
        outcomes = {
            line.practice.id: outcome_word(line.outcome, row.score.in_progress) for line in row.practices
        }
        cells = [_csv_cell(field(row)) for field in WEEK_FIELDS.values()]
        writer.writerow([*cells, *(outcomes.get(practice_id, "") for practice_id in ids)])
    return buffer.getvalue()


def _csv_cell(value: object) -> object:
    """A flag is yes or no in a csv cell, and nothing is left empty."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else value


def render_json(report: Report) -> str:
    """JSON: every week with its score and each practice's outcome, date and note."""
    weeks = []
    for row in report.rows:
        weeks.append(
            {
                **{name: field(row) for name, field in WEEK_FIELDS.items()},
                "practices": {
                    line.practice.id: {
                        "outcome": outcome_word(line.outcome, row.score.in_progress),
                        "date": line.date.isoformat() if line.date else None,
                        "note": line.note or None,
                    }
                    for line in row.practices
                },
            }
        )
    document = {
        "generated": report.generated.isoformat(),
        "threshold": json.loads(shown_threshold(report.threshold)),  # as shown: 60, 66.7
        "streak": report.streak,
        "longest_streak": report.longest,
        "momentum": report.momentum,
        "weeks": weeks,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "csv": render_csv,
    "json": render_json,
}
