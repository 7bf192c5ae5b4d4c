"""The status line: week, score, streak, momentum, audit state, and what needs fixing.

The current week's line is kept in the derived index with what it was made from, so
that a plain ``searchkeeper status`` prints it from the launcher with a ``stat`` per
file while nothing changed (``index.kept_line``). ``status``, ``tick``, ``excuse`` and
``away`` get their line from ``current_line``; the dashboard calls ``remember`` after
it saves or reads, which keeps the line made from the history it holds only if that
history is what the files hold now (the index says so, no week file is read).

A tick changes the current week's file alone, and scoring ten years again for it
would cost more than the rest of the command. So a carry is kept with the line: what
scoring the weeks before left behind (the streak, the best run, the moving average,
the standing practices' states) and the weeks the current week's score and audit
phrase still read (the rest of its month, last week). While every input but the
current week's file is as it was kept (``index.kept_carry``), the line is made from it
and those few records. A carry is kept only when it gives back the very line the
whole history gave, and never with a partners file (its automatic tick can move
within the month) or a broken file among the weeks it reads.
"""

from __future__ import annotations

import os

from searchkeeper.core.errors import ConfigError
from searchkeeper.core.scoring import momentum, momentum_value, score_weeks, standing_states, streaks
from searchkeeper.core.weeks import Week
from searchkeeper.storage import index
from searchkeeper.storage.config import load_settings
from searchkeeper.storage.paths import CONFIG_NAME, PARTNERS_NAME
from searchkeeper.storage.stamps import clock, kept, stamp_of

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from collections.abc import Mapping
    from typing import Any

    from searchkeeper.core.records import History, WeekRecord
    from searchkeeper.core.scoring import Summary, WeekScore
    from searchkeeper.storage.workspace import Workspace


def line(space: Workspace, week: Week, history: History, summary: Summary, conflicts: int) -> str:
    """The line of ``week`` from a history and its summary, with ``conflicts`` sync conflict copies."""
    runs = (summary.streak, summary.longest, summary.momentum)
    return _line(
        space, week, summary.score_for(week), *runs, history.records, len(history.problems), conflicts
    )


def _line(space: Workspace, week: Week, score: WeekScore | None, streak: int, longest: int, momentum: int,
          records: Mapping[Week, WeekRecord], problems: int, conflicts: int) -> str:  # fmt: skip
    away = score.away if score is not None else week in records and records[week].away  # planned ahead
    if score is None or away:
        done = "away" if away else "not scored"
    elif score.unreadable:
        done = "unreadable"
    else:
        done = f"{score.met}/{score.counted}" + (f" {score.percent}%" if score.percent is not None else "")
    audit = space.audit_state(week, records=records)  # as the dashboard's header
    text = f"{week.key} · {done} · streak {streak} (best {longest}) · momentum {momentum} · {audit}"
    if problems:
        text += f" · {problems} unreadable file(s): run 'searchkeeper check'"
    if conflicts:
        text += f" · {conflicts} sync conflict copies: run 'searchkeeper check --merge'"
    return text


def status_line(space: Workspace, week: Week | None = None) -> str:
    """The line of ``week`` (the current one by default), made from the files now."""
    history = space.history()
    return line(space, week or space.this_week, history, space.summary(history), _conflicts(space))


def settings_seen(config_dir: str | os.PathLike[str]) -> list[int] | None:
    """What is kept of ``config.yaml`` (``stamps.kept``), taken before the settings are read."""
    path, now = os.path.join(config_dir, CONFIG_NAME), clock()
    try:
        return kept(stamp_of(os.stat(path)), path, now)
    except OSError:
        return None


def current_line(space: Workspace, week: Week, settings: list[int] | None, changed: bool = True) -> str:
    """The line of ``week`` (after the command's change, if ``changed``); the current week's is kept.

    ``settings`` is ``settings_seen`` from before ``space`` read its settings.
    """
    today, this_week = space.today.isoformat(), space.this_week
    if not changed and week == this_week:
        found = index.kept_line(os.fspath(space.data_dir), os.fspath(space.config_dir), today)
        if found is not None:
            return found
    inputs = index.Inputs(space.data_dir, space.config_dir)
    carried = _carried(space, inputs, settings) if week == this_week else None
    if carried is not None:
        index.keep_line(space.data_dir, today, carried[0], inputs, carried[1])
        return carried[0]
    inputs.kept[CONFIG_NAME] = settings  # the settings the line is made with
    history = space.history(inputs)
    summary, conflicts = space.summary(history), _conflicts(space)
    made = line(space, this_week, history, summary, conflicts)
    index.keep_line(space.data_dir, today, made, inputs, _carry(space, history, summary, conflicts, made))
    return made if week == this_week else line(space, week, history, summary, conflicts)


def remember(space: Workspace, history: History, summary: Summary) -> bool:
    """Keep the current week's line as the dashboard holds it; True when kept. No week file is parsed.

    After a change to the current week alone, the line is made from the carry and the index's
    records of its few weeks, as ``tick`` makes it. Otherwise ``history`` and ``summary`` make
    it, kept only if they are what the index holds for the files as they are now (with this
    month's automatic tick from ``partners.yaml``), with nothing unsaved or unreadable in them,
    and made with the settings ``config.yaml`` gives now.
    """
    inputs = index.Inputs(space.data_dir, space.config_dir)
    try:
        if _rules(load_settings(space.config_dir)) != _rules(space.settings):
            return False
    except (ConfigError, OSError):
        return False
    today = space.today.isoformat()
    carried = _carried(space, inputs, inputs.kept[CONFIG_NAME], indexed_only=True)
    if carried is not None:
        return index.keep_line(space.data_dir, today, carried[0], inputs, carried[1])
    found = None if history.problems else index.load_history(space.journal, inputs, indexed_only=True)
    if found is None:
        return False
    if os.path.exists(os.path.join(space.data_dir, PARTNERS_NAME)):
        from searchkeeper.storage.partners import history_with_partners

        found = history_with_partners(found, space.data_dir, space.settings.catalogue, space.this_week)
    if found.records != history.records:
        return False
    conflicts = _conflicts(space)
    made = line(space, space.this_week, history, summary, conflicts)
    return index.keep_line(
        space.data_dir, today, made, inputs, _carry(space, history, summary, conflicts, made)
    )


def _rules(settings: Any) -> tuple[object, ...]:
    """What of the settings a status line is made with (not the theme)."""
    return settings.threshold, settings.audit_day, settings.catalogue.everything


def _conflicts(space: Workspace) -> int:
    from searchkeeper.storage.conflicts import find_conflicts

    return len(find_conflicts(space.journal))


def _carry(space: Workspace, history: History, summary: Summary, conflicts: int, made: str) -> Any:
    """The carry into the current week from the whole history, if it gives back ``made``."""
    week, broken, records = space.this_week, history.broken_weeks, history.records
    weeks = sorted(w for w in records if w != week and (w.month == week.month or w == week.previous()))
    first = min([*weeks, week])
    if os.path.exists(os.path.join(space.data_dir, PARTNERS_NAME)) or any(
        w.month == week.month or first <= w <= week for w in broken
    ):
        return None
    before = [score for score in summary.scores if score.week < week]
    carry = {
        "week": week.key,
        "runs": streaks(before, summary.threshold),
        "momentum": momentum_value(before),
        "standing": standing_states(records, space.settings.catalogue, first, broken),
        "weeks": [w.key for w in weeks],
        "problems": len(history.problems),
        "conflicts": conflicts,
    }
    return carry if _from_carry(space, carry, records) == made else None


def _carried(
    space: Workspace, inputs: index.Inputs, settings: list[int] | None, indexed_only: bool = False
) -> tuple[str, Any] | None:
    """``(line, carry)`` from the carry kept, if it still holds (and, ``indexed_only``, the index
    holds its weeks as they are now); None otherwise."""
    config, week = inputs.stamps[CONFIG_NAME], space.this_week
    if (settings and settings[:4]) != (config and list(config)):
        return None  # config.yaml changed since the settings were read
    carry = index.kept_carry(space.data_dir, inputs, index.name_of(week))
    try:
        if carry["week"] != week.key:
            return None
        names = [index.name_of(Week.parse(key)) for key in [*carry["weeks"], week.key]]
        history = index.load_history(space.journal, inputs, only=names, indexed_only=indexed_only)
        inputs.kept[CONFIG_NAME] = settings
        made = None if history is None or history.problems else _from_carry(space, carry, history.records)
    except (LookupError, TypeError, ValueError, AttributeError):  # no carry, or none this version made
        return None
    return (made, carry) if made is not None else None


def _from_carry(space: Workspace, carry: dict[str, Any], records: Mapping[Week, WeekRecord]) -> str:
    """The current week's line from ``carry`` and the records of its weeks."""
    week = Week.parse(carry["week"])
    records = {w: records[w] for w in [*map(Week.parse, carry["weeks"]), week] if w in records}
    settings, standing = space.settings, {key: value is True for key, value in carry["standing"].items()}
    score = score_weeks(records, settings.catalogue, week, week, standing=standing)[-1]
    streak, longest = streaks([score], settings.threshold, tuple(map(int, carry["runs"])))
    value = carry["momentum"]
    if value is not None and type(value) not in (int, float):
        raise TypeError("not a moving average")
    now = momentum([score], value)
    return _line(
        space, week, score, streak, longest, now, records, int(carry["problems"]), int(carry["conflicts"])
    )
