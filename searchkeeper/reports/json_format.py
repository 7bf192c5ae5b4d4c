"""JSON: every week with its score and each practice's outcome, date and note."""

from __future__ import annotations

import json

from searchkeeper.reports.model import Report


def render_json(report: Report) -> str:
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
