"""The audit state: the short phrase the dashboard's header and ``searchkeeper status`` show.

Done, under way, due, or when it comes; kept apart from ``review`` so that a
shell prompt's ``status`` loads only this.
"""

from __future__ import annotations

from searchkeeper.core.weeks import Week

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from datetime import date

    from searchkeeper.core.records import WeekRecord

LAST_WEEK_NUDGE_DAYS = 2
"""On the first days of a week (Monday, Tuesday) an unaudited last week is mentioned."""


def audit_state_on(
    week: Week,
    record: WeekRecord | None,
    today: date,
    audit_day: int,
    total: int,
    last_week: WeekRecord | None = None,
    began: Week | None = None,
) -> str:
    """A short phrase on the audit of ``week``: done, under way, due, or when it comes.

    Encouraging by design: a week gone by without an audit is simply open (last
    week) or not audited (older), and this week's audit is "due" from the audit
    day until it is done. Early in a week, a last week with no audit is mentioned
    once more (``last_week``; one with no entries too, if the journal ``began``
    before it: ``last_week_open``), then left alone: a missed week is a fresh
    start. The dashboard's header and ``searchkeeper status`` both say what this
    returns (through ``Workspace.audit_state``).
    """
    audit = record.audit if record is not None else None
    closed = _closed(record)
    if closed is not None:
        return closed
    this_week = Week.of(today)
    if audit is not None and audit.answered:
        count = min(len(audit.answered), total)
        return f"audit under way ({count} of {total})"
    if week > this_week:
        return "audit later"
    if week == this_week.previous():
        return "open to audit"
    if week < this_week:
        return "not audited"
    day = audit_day_of(week, audit_day)
    if today == day:
        return "audit day: time to look back"
    if today > day:
        return "audit due: a few minutes to look back"
    waiting = f"audit {day:%a}"
    if last_week_open(week, today, last_week, began):
        waiting += " · last week still open to audit"
    return waiting


def audit_day_of(week: Week, audit_day: int) -> date:
    """The day ``week`` is audited on (``audit_day``: 0 = Monday … 6 = Sunday)."""
    return week.day(min(max(audit_day, 0), 6))


def audit_calls(week: Week, record: WeekRecord | None, today: date, audit_day: int) -> bool:
    """Whether the audit of ``week``, the week in progress, asks for attention ``today``: from its
    audit day on, until it is completed (an away week needs none). ``searchkeeper due`` names it."""
    return _closed(record) is None and today >= audit_day_of(week, audit_day)


def last_week_open(week: Week, today: date, last_week: WeekRecord | None, began: Week | None = None) -> bool:
    """On the first days of ``week`` (the week in progress), whether the week before it, as
    ``last_week`` holds it (None: it has no file), is still open to audit; after those days it is
    left alone. A last week with nothing in it is open too when the journal ``began`` (its first
    week) before it: a week with no tick is worth looking back on, a week before the journal is not."""
    if not 0 <= (today - week.monday).days < LAST_WEEK_NUDGE_DAYS:
        return False
    if last_week is not None and not last_week.is_empty:
        return _open_to_audit(last_week)
    return began is not None and began < week.previous()


def _closed(record: WeekRecord | None) -> str | None:
    """The phrase of a week whose audit asks for nothing more (audited, or away), else None."""
    if record is not None and record.audit is not None and record.audit.completed is not None:
        return "audited"
    if record is not None and record.away:
        return "away: no audit needed"
    return None


def _open_to_audit(record: WeekRecord) -> bool:
    """A past week with something in it, not away, whose audit was never completed."""
    if record.away or record.is_empty:
        return False
    return record.audit is None or record.audit.completed is None
