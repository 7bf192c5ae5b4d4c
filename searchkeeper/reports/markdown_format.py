"""A Markdown table of weeks, to paste into an email or a note."""

from __future__ import annotations

from searchkeeper.reports.model import Report, percent_text


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report) -> str:
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
