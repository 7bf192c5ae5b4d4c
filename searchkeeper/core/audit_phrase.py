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
) -> str:
    """A short phrase on the audit of ``week``: done, under way, due, or when it comes.

    Encouraging by design: a week gone by without an audit is simply open (last
    week) or not audited (older), and this week's audit is "due" from the audit
    day until it is done. Early in a week, a last week with entries but no audit
    is mentioned once more (``last_week``), then left alone: a missed week is a
    fresh start. The dashboard's header and ``searchkeeper status`` both say what
    this returns (through ``Workspace.audit_state``).
    """
    audit = record.audit if record is not None else None
    if audit is not None and audit.completed is not None:
        return "audited"
    if record is not None and record.away:
        return "away: no audit needed"
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
    day = week.day(min(max(audit_day, 0), 6))
    if today == day:
        return "audit day: time to look back"
    if today > day:
        return "audit due: a few minutes to look back"
    waiting = f"audit {day:%a}"
    early = (today - week.monday).days < LAST_WEEK_NUDGE_DAYS
    if early and last_week is not None and _open_to_audit(last_week):
        waiting += " · last week still open to audit"
    return waiting


def _open_to_audit(record: WeekRecord) -> bool:
    """A past week with something in it, not away, whose audit was never completed."""
    if record.away or record.is_empty:
        return False
    return record.audit is None or record.audit.completed is None
