"""Reports of a range of weeks in several formats: ``FORMATS`` maps a name to its renderer."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from searchkeeper.core.scoring import WeekScore
from searchkeeper.reports.model import Report, build_report


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
        f"threshold {round(report.threshold * 100)}%"
    )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report) -> str:
    """A Markdown table of weeks, to paste into an email or a note."""
    out = [
        "# Job search momentum",
        "",
        f"Streak **{report.streak}** weeks (best {report.longest}) · momentum **{report.momentum}**"
        f" · a week counts at {round(report.threshold * 100)}%",
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


def render_csv(report: Report) -> str:
    """CSV, one row a week and a column a practice, for a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    ids = [practice.id for practice in report.practices]
    writer.writerow(
        [
            "week",
            "monday",
            "sunday",
            "met",
            "counted",
            "percent",
            "momentum_week",
            "away",
            "unreadable",
            "momentum",
            *ids,
        ]
    )
    for row in report.rows:
        outcomes = {line.practice.id: line.outcome for line in row.practices}
        writer.writerow(
            [
                row.week.key,
                row.week.monday.isoformat(),
                row.week.sunday.isoformat(),
                row.score.met,
                row.score.counted,
                "" if row.score.percent is None else row.score.percent,
                "yes" if row.momentum_week else "no",
                "yes" if row.score.away else "no",
                "yes" if row.score.unreadable else "no",
                "" if row.momentum is None else row.momentum,
                *(outcomes.get(practice_id, "") for practice_id in ids),
            ]
        )
    return buffer.getvalue()


def render_json(report: Report) -> str:
    """JSON: every week with its score and each practice's outcome, date and note."""
    weeks = []
    for row in report.rows:
        weeks.append(
            {
                "week": row.week.key,
                "monday": row.week.monday.isoformat(),
                "sunday": row.week.sunday.isoformat(),
                "met": row.score.met,
                "counted": row.score.counted,
                "percent": row.score.percent,
                "momentum_week": row.momentum_week,
                "away": row.score.away,
                "unreadable": row.score.unreadable,
                "momentum": row.momentum,
                "practices": {
                    line.practice.id: {
                        "outcome": line.outcome,
                        "date": line.date.isoformat() if line.date else None,
                        "note": line.note or None,
                    }
                    for line in row.practices
                },
            }
        )
    document = {
        "generated": report.generated.isoformat(),
        "threshold": round(report.threshold * 100),
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

__all__ = ["FORMATS", "Report", "build_report"]
