"""A plain-text table of weeks, for a terminal."""

from __future__ import annotations

from searchkeeper.reports.model import Report, percent_text


def render_text(report: Report) -> str:
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
