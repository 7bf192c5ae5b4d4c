"""The status line: week, score, streak, momentum, audit state, and what needs fixing.

``status``, ``tick`` and ``excuse`` print it through ``print_status``, which keeps
it for the quick ``status`` (``core.status_cache``). When nothing but the current
week's file changed since a line was kept, the new one is made from the kept
``Carry`` and a few week files (``core.status_carry``); otherwise from the whole
history, and a carry is kept only when it gives back that very line.
"""

from __future__ import annotations

import os

from searchkeeper.core.errors import JournalError
from searchkeeper.core.status_carry import Carry, carried_scores, carry_for
from searchkeeper.storage import paths

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from collections.abc import Mapping

    from searchkeeper.core.records import WeekRecord
    from searchkeeper.core.scoring import WeekScore
    from searchkeeper.core.weeks import Week
    from searchkeeper.storage.status_cache import StatusWatch
    from searchkeeper.storage.workspace import Workspace


def status_line(space: Workspace, week: Week | None = None) -> str:
    """One line for a shell prompt, from the whole history."""
    return _line_and_carry(space, week or space.this_week)[0]


def print_status(space: Workspace, week: Week, watch: StatusWatch) -> None:
    """Print the status line of ``week``; keep it (and its carry) when it is the current week's."""
    watch.look()  # after the command's own change, before the journal is read
    line = carry = None
    current = week == space.this_week
    if current:
        line, state = watch.kept(space.journal.path_for(week))
        if line is not None:  # nothing changed since it was kept
            print(line)
            return
        kept = Carry.from_text(state or "")
        if kept is not None and kept.week == week:
            line, carry = _carried_line(space, kept), kept
    if line is None:
        line, carry = _line_and_carry(space, week)
    print(line)
    if current:
        watch.keep(line, space.today, carry.to_text() if carry is not None else None)


def _line_and_carry(space: Workspace, week: Week) -> tuple[str, Carry | None]:
    history = space.history()
    summary = space.summary(history)
    problems = len(history.problems)
    conflicts = _conflict_count(space)
    score = summary.score_for(week)
    audit = _audit_state(space, week, history.records)
    line = _line(week, score, summary.streak, summary.longest, summary.momentum, audit, problems, conflicts)
    if week != space.this_week or os.path.exists(space.data_dir / paths.PARTNERS_NAME):
        return line, None  # the automatic monthly tick can move within the month: not carried
    carry = carry_for(history, summary, space.settings.catalogue, week, problems, conflicts)
    if carry is None or _carried_line(space, carry, history.records) != line:
        return line, None
    return line, carry


def _carried_line(
    space: Workspace, carry: Carry, records: Mapping[Week, WeekRecord] | None = None
) -> str | None:
    """The line made from ``carry`` and its weeks' records (read from disk when not given)."""
    if records is None:
        try:
            records = {week: space.journal.read(week) for week in [*carry.weeks, carry.week]}
        except JournalError:  # the current week's file is broken now: the whole history says how
            return None
    else:
        records = {week: records[week] for week in [*carry.weeks, carry.week] if week in records}
    settings = space.settings
    score, streak, longest, momentum = carried_scores(carry, records, settings.catalogue, settings.threshold)
    audit = _audit_state(space, carry.week, records)
    return _line(carry.week, score, streak, longest, momentum, audit, carry.problems, carry.conflicts)


def _line(
    week: Week,
    score: WeekScore | None,
    streak: int,
    longest: int,
    momentum: int,
    audit: str,
    problems: int,
    conflicts: int,
) -> str:
    parts = [week.key]
    if score is None or score.away:
        parts.append("away" if score and score.away else "no score")
    elif score.unreadable:
        parts.append("unreadable")
    else:
        percent = f" {score.percent}%" if score.percent is not None else ""
        parts.append(f"{score.met}/{score.counted}{percent}")
    parts.append(f"streak {streak} (best {longest})")
    parts.append(f"momentum {momentum}")
    parts.append(audit)  # as the dashboard's header
    line = " · ".join(parts)
    if problems:
        line += f" · {problems} unreadable file(s): run 'searchkeeper check'"
    if conflicts:
        line += f" · {conflicts} sync conflict copies: run 'searchkeeper check --merge'"
    return line


def _conflict_count(space: Workspace) -> int:
    from searchkeeper.storage.conflicts import find_conflicts

    return len(find_conflicts(space.journal))


def _audit_state(space: Workspace, week: Week, records: Mapping[Week, WeekRecord]) -> str:
    return space.audit_state(week, records.get(week), records)
