"""What a report holds: one row a week, each with its practices, oldest first."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from searchkeeper.core.practices import Practice
from searchkeeper.core.records import WeekRecord
from searchkeeper.core.review import PracticeResult, practice_results
from searchkeeper.core.scoring import WeekScore, momentum_series
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
                None if value is None else round(value),
                practice_results(record, catalogue, score),
            )
        )
    return Report(
        rows,
        summary.threshold,
        summary.streak,
        summary.longest,
        summary.momentum,
        catalogue.active,
        space.today,
    )
