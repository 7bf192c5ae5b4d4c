"""One week on one page: ``searchkeeper report --week KEY`` and the audit's saved report.

Fit to paste into an email to a coach or an accountability partner, and to keep
as a record of the week's work-search activities: every practice done is listed
with its date and its note, and every contact with a networking partner that week
(date, partner, channel, what of value was brought) from ``partners.yaml``, when
that file exists. ``WEEK_FORMATS`` maps a format name to a renderer of a
``WeekReview`` (see ``searchkeeper.core.review``) and the week's ``WeekTouches``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from searchkeeper.core.errors import SearchkeeperError
from searchkeeper.core.partners import CHANNEL_LABELS, Partner, PartnersError, Touch, touches_in
from searchkeeper.core.practices import MONTHLY
from searchkeeper.core.records import DONE, EXCUSED
from searchkeeper.core.review import PracticeResult, WeekReview, career_question
from searchkeeper.core.scoring import OPEN, WeekScore, outcome_word, percent, shown_threshold
from searchkeeper.core.weeks import Week
from searchkeeper.reports.visible import visible
from searchkeeper.storage.partners import PartnerBook, read_roster
from searchkeeper.storage.workspace import Workspace
from searchkeeper.storage.yamlfile import atomic_write


def long_date(day: date) -> str:
    """``Wed 18 Nov 2026``."""
    return f"{day:%a} {day.day} {day:%b %Y}"


@dataclass(frozen=True)
class WeekTouches:
    """The partner touches dated in a week, in date order. ``kept`` is False when there is no
    ``partners.yaml`` (the section is left out); ``problem`` says why a file that exists could not be read."""

    lines: list[tuple[Partner, Touch]] = field(default_factory=list)
    kept: bool = False
    problem: str | None = None


NO_TOUCHES = WeekTouches()


def week_touches(space: Workspace, week: Week) -> WeekTouches:
    """The touches logged for ``week``; ``partners.yaml`` is read only if it exists."""
    if not PartnerBook(space.data_dir).exists():
        return NO_TOUCHES
    try:
        roster = read_roster(space.data_dir)
    except PartnersError as problem:
        return WeekTouches(kept=True, problem=str(problem))
    return WeekTouches(touches_in(roster, week.monday, week.sunday), kept=True)


def touch_text(partner: Partner, touch: Touch) -> str:
    """``Ana Ruiz (phone call): Sent the freight pricing article``."""
    how = f" ({CHANNEL_LABELS.get(touch.channel, touch.channel)})" if touch.channel else ""
    value = f": {touch.value}" if touch.value else ""
    return f"{partner.name}{how}{value}"


def score_text(score: WeekScore) -> str:
    """``8/12 (67%)``, ``away`` or ``nothing counted``."""
    if score.away:
        return "away"
    if score.percent is None:
        return "nothing counted"
    return f"{score.met}/{score.counted} ({score.percent}%)"


def _points(change: int | None) -> str:
    """``, +5 points``, ``, ±0 points`` or ``, −3 points``; nothing when there is no change to tell."""
    if change is None:
        return ""
    signed = f"+{change}" if change > 0 else ("±0" if change == 0 else f"−{-change}")
    return f", {signed} points"


def comparison_lines(review: WeekReview) -> list[str]:
    """The week against last week and the average, the streak and the momentum, in words."""
    if review.began is not None:
        return [f"Not scored: the journal begins in {review.began.key}"]
    threshold = shown_threshold(review.threshold)
    head = f"Score {score_text(review.score)}"
    if review.score.away:
        head += ": an away week, nothing counted, streak and momentum held still"
    elif review.is_momentum:
        head += f": a momentum week (the bar is {threshold}%)"
    elif review.score.in_progress and review.score.percent is not None:
        head += f": the week is still going (the bar is {threshold}%)"
    elif review.score.percent is not None:
        head += f": under the {threshold}% bar this time"
    lines = [head]
    versus = []
    if review.previous is not None:
        versus.append(f"last week {score_text(review.previous)}{_points(review.change_from_previous)}")
    if review.average is not None:
        average = f"{percent(review.average)}%{_points(review.change_from_average)}"
        versus.append(f"{review.average_weeks}-week average {average}")
    lines.append("Against " + "; ".join(versus) if versus else "No earlier week to compare with yet")
    lines.append(
        f"Streak {_change(review.streak_before, review.streak_after, 'week')} (best {review.longest})"
    )
    lines.append(f"Momentum {_change(review.momentum_before, review.momentum_after, '')}")
    return lines


def _change(before: int, after: int, unit: str) -> str:
    def amount(value: int) -> str:
        if not unit:
            return str(value)
        return f"{value} {unit}" + ("" if value == 1 else "s")

    if before == after:
        return f"{amount(after)}, unchanged"
    return f"{amount(before)} → {amount(after)}"


def nudge_lines(review: WeekReview) -> list[str]:
    """A kind word for each practice that has now gone two turns without a tick."""
    lines = []
    for item in review.missed_twice:
        unit = "month" if item.cadence == MONTHLY else "week"
        lines.append(
            f"{item.title}: missed two {unit}s running. One small step next {unit} puts it back on track."
        )
    return lines


def reflection_lines(review: WeekReview) -> list[tuple[str, str]]:
    """``(label, text)`` pairs: the Three Questions answer, the line on the week, the intentions."""
    audit = review.audit
    question = career_question(audit.answer if audit else None)
    pairs = []
    if question is not None:
        pairs.append(("Three Career Questions", f"{question.title}: {question.meaning}"))
    if audit is not None and audit.reflection:
        pairs.append(("The week", audit.reflection))
    if review.last_intention:
        pairs.append(("Last week's intention", review.last_intention))
    if audit is not None and audit.intention:
        pairs.append(("Next week", audit.intention))
    return pairs


def done_lines(review: WeekReview) -> tuple[list[PracticeResult], str]:
    """The practices to list as done, and what their heading adds: in an away week, those
    ticked in it, said not to count (nothing counts in an away week)."""
    if not review.score.away:
        return review.done, ""
    ticked = [item for item in review.results if item.state == DONE]
    return ticked, " (an away week: not counted)" if ticked else ""


def _title(review: WeekReview) -> str:
    return f"Job search week {review.week.key} ({review.week.span()})"


# markdown -----------------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("\n", " ")


def render_week_markdown(review: WeekReview, touches: WeekTouches = NO_TOUCHES) -> str:
    out = [f"# {_title(review)}", "", *(f"- {line}" for line in comparison_lines(review))]
    done, aside = done_lines(review)
    out += ["", f"## Done this week{aside}", ""]
    if done:
        for item in done:
            when = long_date(item.date) if item.date else "carried over"
            note = f": {_md(item.note)}" if item.note else ""
            out.append(f"- **{_md(item.practice.title)}** ({when}){note}")
    else:
        out.append("- Nothing ticked this week.")
    if review.excused:
        out += ["", "## Excused", ""]
        for item in review.excused:
            note = f": {_md(item.note)}" if item.note else ""
            out.append(f"- {_md(item.practice.title)}{note}")
    if review.missed and not review.score.away:
        out += ["", f"## {_not_done(review)}", ""]
        out.append("- " + ", ".join(_md(item.practice.title) for item in review.missed))
    if touches.kept:
        out += ["", "## Networking partners contacted", ""]
        for partner, touch in touches.lines:
            how = f", {_md(CHANNEL_LABELS.get(touch.channel, touch.channel))}" if touch.channel else ""
            value = f": {_md(touch.value)}" if touch.value else ""
            out.append(f"- **{_md(partner.name)}** ({long_date(touch.date)}{how}){value}")
        if touches.problem:
            out.append(f"- The partners file could not be read: {_md(touches.problem)}")
        elif not touches.lines:
            out.append("- Nobody this week.")
    nudges = nudge_lines(review)
    if nudges:
        out += ["", "## Worth a small step next week", ""]
        out += [f"- {_md(line)}" for line in nudges]
    pairs = reflection_lines(review)
    if pairs:
        out += ["", "## Reflection", ""]
        out += [f"- **{label}:** {_md(text)}" for label, text in pairs]
    return "\n".join(map(visible, out)) + "\n"  # control characters in user text spelt out


# text ---------------------------------------------------------------------------------


def render_week_text(review: WeekReview, touches: WeekTouches = NO_TOUCHES) -> str:
    title = _title(review)
    done, aside = done_lines(review)
    out = [title, "=" * len(title), *comparison_lines(review), "", f"Done{aside}:"]
    if done:
        for item in done:
            when = long_date(item.date) if item.date else "carried over"
            note = f" — {item.note}" if item.note else ""
            out.append(f"  {when:<16} {item.practice.title}{note}")
    else:
        out.append("  nothing ticked this week")
    if review.excused:
        out.append("Excused:")
        for item in review.excused:
            note = f" — {item.note}" if item.note else ""
            out.append(f"  {item.practice.title}{note}")
    if review.missed and not review.score.away:
        out.append(f"{_not_done(review)}: " + ", ".join(item.practice.title for item in review.missed))
    if touches.kept:
        out.append("Networking partners contacted:")
        out += [
            f"  {long_date(touch.date):<16} {touch_text(partner, touch)}" for partner, touch in touches.lines
        ]
        if touches.problem:
            out.append(f"  the partners file could not be read: {touches.problem}")
        elif not touches.lines:
            out.append("  nobody this week")
    nudges = nudge_lines(review)
    if nudges:
        out.append("Worth a small step next week:")
        out += [f"  {line}" for line in nudges]
    pairs = reflection_lines(review)
    if pairs:
        out.append("")
        out += [f"{label}: {text}" for label, text in pairs]
    return "\n".join(map(visible, out)) + "\n"  # control characters in user text spelt out


# csv ----------------------------------------------------------------------------------


def render_week_csv(review: WeekReview, touches: WeekTouches = NO_TOUCHES) -> str:
    """One row a practice: week, date, practice id, title, outcome, note, and the state the
    journal holds (``done`` with the outcome ``away`` is a tick the away week does not
    count); then one row a partner touch: week, date, outcome ``touch``, what of value was
    brought as the note, partner and channel."""
    buffer = io.StringIO()
    columns = ["week", "date", "practice", "title", "outcome", "note", "partner", "channel", "state"]
    writer = csv.DictWriter(buffer, columns, restval="", lineterminator="\n")
    writer.writeheader()
    for item in review.results:
        writer.writerow(
            {
                "week": review.week.key,
                "date": item.date.isoformat() if item.date else "",
                "practice": item.practice.id,
                "title": item.practice.title,
                "outcome": _outcome(item, review),
                "note": item.note,
                "state": item.state or "",
            }
        )
    for partner, touch in touches.lines:
        writer.writerow(
            {
                "week": review.week.key,
                "date": touch.date.isoformat(),
                "outcome": "touch",
                "note": touch.value,
                "partner": partner.name,
                "channel": touch.channel or "",
            }
        )
    return buffer.getvalue()


def _outcome(item: PracticeResult, review: WeekReview) -> str:
    """The outcome a csv or json report gives: its word (``outcome_word``: ``open`` in the week in
    progress), but ``excused`` for an excuse in an away week."""
    return "excused" if item.state == EXCUSED else outcome_word(item.outcome, review.score.in_progress)


def _not_done(review: WeekReview) -> str:
    """The heading of the practices not done: ``Open`` while the week is in progress."""
    return OPEN.capitalize() if review.score.in_progress else "Not done"


# json ---------------------------------------------------------------------------------


def render_week_json(review: WeekReview, touches: WeekTouches = NO_TOUCHES) -> str:
    audit = review.audit
    score = review.score
    document = {
        "week": review.week.key,
        "monday": review.week.monday.isoformat(),
        "sunday": review.week.sunday.isoformat(),
        "score": {
            "met": score.met,
            "counted": score.counted,
            "percent": score.percent,
            "away": score.away,
            "momentum_week": review.is_momentum,
            "in_progress": score.in_progress,
            "scored": review.began is None,
        },
        "threshold": json.loads(shown_threshold(review.threshold)),  # as shown: 60, 66.7
        "last_week_percent": review.previous.percent if review.previous else None,
        "average_percent": None if review.average is None else percent(review.average),
        "average_weeks": review.average_weeks,
        "streak": {"before": review.streak_before, "after": review.streak_after, "longest": review.longest},
        "momentum": {"before": review.momentum_before, "after": review.momentum_after},
        "practices": [
            {
                "id": item.practice.id,
                "title": item.practice.title,
                "outcome": _outcome(item, review),
                "state": item.state,
                "date": item.date.isoformat() if item.date else None,
                "note": item.note or None,
            }
            for item in review.results
        ],
        "touches": [
            {
                "date": touch.date.isoformat(),
                "partner": partner.name,
                "channel": touch.channel,
                "value": touch.value or None,
            }
            for partner, touch in touches.lines
        ],
        "partners_problem": touches.problem,
        "missed_twice": [practice.id for practice in review.missed_twice],
        "last_intention": review.last_intention or None,
        "audit": None
        if audit is None
        else {
            "completed": audit.completed.isoformat(sep=" ") if audit.completed else None,
            "answer": audit.answer,
            "reflection": audit.reflection or None,
            "intention": audit.intention or None,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


WEEK_FORMATS: dict[str, Callable[[WeekReview, WeekTouches], str]] = {
    "text": render_week_text,
    "markdown": render_week_markdown,
    "csv": render_week_csv,
    "json": render_week_json,
}


def week_report(space: Workspace, week: Week, form: str = "markdown") -> str:
    """The week's one-page report in ``form`` (text, markdown, csv, json)."""
    return WEEK_FORMATS[form](space.review(week), week_touches(space, week))


def default_report_path(week: Week) -> Path:
    """``~/searchkeeper-2026-W47.md``."""
    return Path.home() / f"searchkeeper-{week.key}.md"


def save_week_report(space: Workspace, week: Week, where: str | Path) -> Path:
    """Write the week's markdown report to ``where`` (``~`` expanded) atomically; return the path."""
    path = Path(where).expanduser()
    if path.is_dir():
        path = path / default_report_path(week).name
    if not path.parent.is_dir():
        raise SearchkeeperError(f"there is no folder {path.parent} to save the report in")
    atomic_write(path.resolve(), week_report(space, week, "markdown"))
    return path.resolve()
