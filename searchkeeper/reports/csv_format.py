"""CSV, one row a week and a column a practice, for a spreadsheet."""

from __future__ import annotations

import csv
import io

from searchkeeper.reports.model import Report


def render_csv(report: Report) -> str:
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
