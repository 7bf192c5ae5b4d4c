"""Which practices ask for a small step this week, read from the week scores.

Two nudges, both taken from the outcomes ``score_weeks`` gives the week in progress
(so the rules of what counts stay in ``scoring``):

* **never miss twice**: a weekly practice missed last week and, so far, this week
  too (not done, not excused). One small step this week puts it back on track;
* **monthly at risk**: a monthly practice in the month's last week, not yet done in
  any week of the month (the week in progress would end it missed).

An away week asks for nothing. ``searchkeeper due`` names them, and the dashboard's
week screen shows the first under its practice.
"""

from __future__ import annotations

from searchkeeper.core.practices import MONTHLY, WEEKLY, Catalogue, Practice
from searchkeeper.core.scoring import MISSED_OUTCOME, WeekScore


def _missed(score: WeekScore | None, practice: Practice) -> bool:
    return score is not None and score.outcomes.get(practice.id) == MISSED_OUTCOME


def never_miss_twice(last: WeekScore | None, this: WeekScore | None, catalogue: Catalogue) -> list[Practice]:
    """The weekly practices of ``this`` week (the one in progress) missed in ``last`` week and not
    done or excused yet in this one. None when either week was not scored (the journal starts
    this week) or this week is away."""
    if last is None or this is None:
        return []
    return [
        practice
        for practice in catalogue.in_week(this.week)
        if practice.cadence == WEEKLY and _missed(last, practice) and _missed(this, practice)
    ]


def monthly_at_risk(this: WeekScore | None, catalogue: Catalogue) -> list[Practice]:
    """The monthly practices that ``this`` week (the one in progress, the month's last) would end
    missed: not done in any week of the month, not excused."""
    if this is None:
        return []
    return [
        practice
        for practice in catalogue.in_week(this.week)
        if practice.cadence == MONTHLY and _missed(this, practice)
    ]
