"""The monthly campaign: every key partner hears from you each month.

This is where ``partners.yaml`` meets the scorecard. The ``contact-key-partners``
practice is met automatically in a month once every key partner (active, on the
monthly rhythm, at least one of them) has a touch dated in a week of that month.
It is met in the week where the last of them got their touch.

The automatic tick lives only in memory: ``with_partners`` adds it as an
``AutoEntry`` to copies of the week records, and it is never written to a journal
file. What the user wrote wins: a week whose file has any entry for the practice
(a tick, an untick, an excuse) is left as it is, and a month already ticked by
hand is not ticked twice.

A touch belongs to the month of its week (the month holding the week's
Thursday), like every week in searchkeeper. A partner counts from the month
they were added (or first touched) on, so adding someone in November does not
undo October.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from searchkeeper.core.partners import Partner, Roster
from searchkeeper.core.practices import Catalogue
from searchkeeper.core.records import DONE, Entry, History, WeekRecord
from searchkeeper.core.weeks import Week

PRACTICE_ID = "contact-key-partners"
"""The practice the campaign ticks."""
TOUCH_PRACTICES = ("reconnect", "give-value")
"""Practices whose tick is, in practice, a touch with a partner."""
CAMPAIGN_SIZE = 10
"""The campaign works best with about this many key partners."""
CAMPAIGN_LIMIT = 12
"""More key partners than this and the screens suggest moving some to close or distant."""

Month = tuple[int, int]


class AutoEntry(Entry):
    """A tick derived from ``partners.yaml``; shown and scored, never saved."""


def is_auto(entry: Entry | None) -> bool:
    return isinstance(entry, AutoEntry)


def month_of(day: date) -> Month:
    """``(year, month)`` of the week holding ``day``."""
    return Week.of(day).month


@dataclass(frozen=True)
class Progress:
    """How far the key partners are this month: ``touched`` of ``total``."""

    month: Month
    touched: int
    total: int
    waiting: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        if self.total == 0:
            return "no key partners yet"
        noun = "key partner" if self.total == 1 else "key partners"
        return f"{self.touched} of {self.total} {noun}"


def campaign_advice(roster: Roster) -> str | None:
    """A nudge when too many partners are key to reach every month, else None."""
    count = len(roster.key)
    if count <= CAMPAIGN_LIMIT:
        return None
    return (
        f"{count} partners are marked key: the monthly campaign works best with about "
        f"{CAMPAIGN_SIZE}. Consider moving some to close (every two months) or distant (every four)."
    )


def key_partners_in(roster: Roster, month: Month) -> list[Partner]:
    """The key partners who count in ``month``: active, monthly, in the campaign by then."""
    return [partner for partner in roster.key if partner.since is None or month_of(partner.since) <= month]


def _first_touch_in(partner: Partner, month: Month) -> date | None:
    return min((touch.date for touch in partner.touches if month_of(touch.date) == month), default=None)


def progress(roster: Roster, month: Month) -> Progress:
    """How many key partners have heard from you in ``month``, and who is still waiting."""
    partners = key_partners_in(roster, month)
    waiting = tuple(p.name for p in partners if _first_touch_in(p, month) is None)
    return Progress(month, len(partners) - len(waiting), len(partners), waiting)


def completed_months(roster: Roster) -> dict[Month, date]:
    """Each month where every key partner was touched, with the day the last of them was."""
    months = {month_of(touch.date) for partner in roster.key for touch in partner.touches}
    done: dict[Month, date] = {}
    for month in sorted(months):
        partners = key_partners_in(roster, month)
        firsts = [_first_touch_in(partner, month) for partner in partners]
        if partners and all(day is not None for day in firsts):
            done[month] = max(day for day in firsts if day is not None)
    return done


def auto_ticks(
    records: Mapping[Week, WeekRecord], roster: Roster, first: Week, last: Week
) -> dict[Week, date]:
    """The weeks where the practice is met automatically (week → day), from ``first`` to ``last``."""
    ticked_by_hand = {week.month for week, record in records.items() if record.state(PRACTICE_ID) == DONE}
    found: dict[Week, date] = {}
    for month, day in completed_months(roster).items():
        week = Week.of(day)
        if month in ticked_by_hand or not first <= week <= last:
            continue
        record = records.get(week)
        if record is not None and PRACTICE_ID in record.practices:
            continue  # the user's own entry wins, whatever it says
        found[week] = day
    return found


class _DerivedWeek(WeekRecord):
    """A week with no file of its own, made only to hold an automatic tick (not where the journal begins)."""

    derived = True


def without_monthly_tick(records: Mapping[Week, WeekRecord]) -> dict[Week, WeekRecord]:
    """``records`` with any automatic tick taken out again (copies where something changed)."""
    plain: dict[Week, WeekRecord] = {}
    for week, record in records.items():
        if not is_auto(record.practices.get(PRACTICE_ID)):
            plain[week] = record
        elif not isinstance(record, _DerivedWeek):
            record = copy.deepcopy(record)
            del record.practices[PRACTICE_ID]
            plain[week] = record
    return plain


def with_partners(history: History, roster: Roster, catalogue: Catalogue, current: Week) -> History:
    """The history with the month's automatic ticks from ``roster``, laid on copies of its records.

    Safe to call again on its own result (after a change, or after a touch): the
    ticks already there are taken out and laid again from scratch. A month is ticked from
    the month the journal starts in (this month, for a new journal), whichever week of it the
    last touch fell in: a touch before the journal's first file still meets its month (that week
    is not scored: ``scoring.first_scored``). Weeks after ``current`` are left alone.
    """
    if not roster.partners and not any(
        is_auto(r.practices.get(PRACTICE_ID)) for r in history.records.values()
    ):
        return history  # no partners, no automatic tick to lay or take out
    records = without_monthly_tick(history.records)
    practice = catalogue.get(PRACTICE_ID)
    if practice is not None and not practice.retired:
        first = _first_week_of_month(min(records, default=current))
        for week, day in auto_ticks(records, roster, first, current).items():
            record = copy.deepcopy(records[week]) if week in records else _DerivedWeek(week)
            total = len(key_partners_in(roster, week.month))
            noun = "key partner" if total == 1 else f"all {total} key partners"
            record.practices[PRACTICE_ID] = AutoEntry(DONE, day, f"{noun} contacted this month".capitalize())
            records[week] = record
        records = dict(sorted(records.items()))
    if records == history.records:
        return history
    return replace(history, records=records)


def progress_label(roster: Roster, week: Week) -> str:
    """``7 of 10 key partners`` for the week's month, or "" without key partners."""
    done = progress(roster, week.month)
    return done.label if done.total else ""


def _first_week_of_month(week: Week) -> Week:
    while week.previous().month == week.month:
        week = week.previous()
    return week
