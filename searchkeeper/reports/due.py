"""What needs attention today, in a few lines: ``searchkeeper due``, for cron, a timer or a shell.

Most urgent first: the audit (this week's from its audit day, last week's on the
first days of a new week), partners due or overdue (most overdue first), a monthly
practice not yet done in the month's last week, a weekly practice missed last week
and not yet done this week. Nothing at all when nothing needs attention, nor on a
journal not started yet (no week file and no partner).

Quick, as it runs from shell start-up files: only the weeks it looks at (this
month's and last week) are read, from the derived index while their files are
unchanged, and scored with the same rules as the whole history
(``core.nudges``, ``core.audit_phrase``, ``core.partners``).
"""

from __future__ import annotations

import os
from contextlib import suppress

from searchkeeper.core.audit_phrase import audit_calls, audit_day_of
from searchkeeper.core.nudges import monthly_at_risk, never_miss_twice
from searchkeeper.core.partners import PartnersError, Roster, due_text, since_text
from searchkeeper.core.scoring import score_weeks
from searchkeeper.core.weeks import Week
from searchkeeper.reports.visible import visible
from searchkeeper.storage import index
from searchkeeper.storage.paths import PARTNERS_NAME

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from searchkeeper.core.practices import Practice
    from searchkeeper.core.records import History
    from searchkeeper.storage.workspace import Workspace

MAX_PARTNERS = 5
"""Partners named one a line; the rest are counted in one more."""
MAX_NAMED_PRACTICES = 3
"""More practices missed last week than this are named together in one line."""


def due_lines(space: Workspace, keep: bool = True) -> list[str]:
    """The digest's lines, most urgent first; empty when nothing needs attention. Kept in the cache
    (``index.keep_digest``, if ``keep``) for the launcher's quick path while no input changes."""
    inputs = index.Inputs(space.data_dir, space.config_dir)
    has_partners = os.path.exists(os.path.join(space.data_dir, PARTNERS_NAME))
    if not inputs.weeks and not has_partners:
        return []  # a journal not started yet asks for nothing
    roster, problem = _roster(space) if has_partners else (Roster(), None)
    history = _nearby(space, inputs, roster)
    lines = _audit_lines(space, history) + _partner_lines(space, roster, problem)
    lines = [visible(line) for line in lines + _practice_lines(space, history, inputs)]
    if keep:
        index.keep_digest(space.data_dir, space.today.isoformat(), lines, inputs)
    return lines


def _roster(space: Workspace) -> tuple[Roster, str | None]:
    from searchkeeper.storage.partners import read_roster

    try:
        return read_roster(space.data_dir), None
    except PartnersError as error:
        return Roster(), f"{error} (run 'searchkeeper partners' once it is fixed)"


def _nearby(space: Workspace, inputs: index.Inputs, roster: Roster) -> History:
    """Last week and every week of this week's month, with the month's automatic tick."""
    from searchkeeper.core.key_partners import with_partners

    week = space.this_week
    weeks = [week.shift(offset) for offset in range(-4, 5)]
    wanted = [w for w in weeks if w.month == week.month or w == week.previous()]
    history = index.load_history(space.journal, inputs, only=[index.name_of(w) for w in wanted])
    assert history is not None  # only None when reading from the index alone
    return with_partners(history, roster, space.settings.catalogue, week)


def _audit_lines(space: Workspace, history: History) -> list[str]:
    week, today, records = space.this_week, space.today, history.records
    lines = []
    if space.last_week_to_audit(records) is not None:  # audit_phrase.last_week_open
        lines.append(
            f"Last week ({week.previous().key}) is still open to audit: "
            "a few minutes now closes it (searchkeeper audit --week last)."
        )
    record = records.get(week)
    if week not in history.broken_weeks and audit_calls(week, record, today, space.settings.audit_day):
        if record is not None and record.audit is not None and record.audit.answered:
            lines.append(
                f"The audit of {week.key} is under way: pick it up where you left off (searchkeeper audit)."
            )
        elif today == audit_day_of(week, space.settings.audit_day):
            lines.append(
                f"Today is audit day: a few minutes to look back on {week.key} (searchkeeper audit)."
            )
        else:
            lines.append(
                f"The audit of {week.key} is still to do: a few minutes to look back (searchkeeper audit)."
            )
    return lines


def _partner_lines(space: Workspace, roster: Roster, problem: str | None) -> list[str]:
    if problem is not None:
        return [problem]
    today = space.today
    due = [partner for partner in roster.by_due(today) if partner.is_due(today)]
    lines = [
        f"Get in touch with {p.name}: {due_text(p, today)} ({since_text(p, today)}, {p.rhythm.label})."
        for p in due[:MAX_PARTNERS]
    ]
    if len(due) > MAX_PARTNERS:
        lines.append(f"{len(due) - MAX_PARTNERS} more partners are due too (searchkeeper partners).")
    return lines


def _practice_lines(space: Workspace, history: History, inputs: index.Inputs) -> list[str]:
    week, catalogue = space.this_week, space.settings.catalogue
    last = week.previous()
    scores = score_weeks(history.records, catalogue, week, last, history.broken_weeks, current=week)
    last_score = scores[0] if _started_by(inputs, last) else None  # a week before the journal: not missed
    this_score = scores[-1]
    lines = [
        f"Last week of the month: still time for {_named(p)}, not done yet this month."
        for p in monthly_at_risk(this_score, catalogue)
    ]
    missed = never_miss_twice(last_score, this_score, catalogue)
    if len(missed) > MAX_NAMED_PRACTICES:
        ids = ", ".join(p.id for p in missed)
        lines.append(
            f"Never miss twice: {len(missed)} practices were missed last week ({ids}); "
            "one small step on any of them this week puts it back on track."
        )
    else:
        lines += [
            f"Never miss twice: {_named(p)} was missed last week; one small step this week puts it back on track."
            for p in missed
        ]
    return lines


def _named(practice: Practice) -> str:
    return f"{practice.title} ({practice.id})"


def _started_by(inputs: index.Inputs, week: Week) -> bool:
    """Whether the journal holds a file of ``week`` or of a week before it (by the file's name)."""
    for _, file in inputs.weeks.values():
        with suppress(ValueError):
            if Week.parse(file.removesuffix(".yaml")) <= week:
                return True
    return False
