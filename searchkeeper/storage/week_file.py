"""A week file's YAML form: a ``WeekRecord`` as plain data in the file's key order, and back.

The shape of the file is described in ``searchkeeper.core.records``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from searchkeeper.core.errors import JournalError
from searchkeeper.core.records import ANSWERS, DONE, MISSED, STATES, Audit, Entry, WeekRecord
from searchkeeper.core.weeks import Week
from searchkeeper.storage.yamlfile import line_of, text_of

TYPE_CHECKING = False
if TYPE_CHECKING:  # only the annotations need typing, which is slow to import
    from typing import Any

    import yaml

FORMAT = 1
_ENTRY_KEYS = ("state", "date", "note")
_ONE = {word: word for word in (*STATES, *ANSWERS)}
"""Each state and answer as one string, whatever text it was read from: ten years of records then
hold a few strings rather than thousands of copies (and cross a pipe as references to them)."""
_AUDIT_KEYS = ("completed", "answer", "reflection", "intention", "answered")
_TOP_KEYS = ("format", "week", "away", "away_note", "practices", "audit")


def to_data(record: WeekRecord, order: Iterable[str] = ()) -> dict[str, Any]:
    """The record as plain data in the file's key order (``order`` ranks practice ids)."""
    data: dict[str, Any] = {"format": FORMAT, "week": record.week.key, "away": record.away}
    if record.away_note:
        data["away_note"] = record.away_note
    rank = {practice_id: index for index, practice_id in enumerate(order)}
    ids = sorted(record.practices, key=lambda pid: (rank.get(pid, len(rank)), pid))
    practices: dict[str, Any] = {}
    for practice_id in ids:
        entry = record.practices[practice_id]
        item = {key: getattr(entry, key) for key in _ENTRY_KEYS if getattr(entry, key)}  # those set
        item.update(entry.extra)
        if item:
            practices[practice_id] = item
    data["practices"] = practices
    if record.audit is not None:
        audit = record.audit
        block = {key: getattr(audit, key) for key in _AUDIT_KEYS if getattr(audit, key)}  # those set
        if audit.completed is not None:
            block["completed"] = audit.completed.replace(microsecond=0)
        if audit.answered:
            block["answered"] = list(audit.answered)
        block.update(audit.extra)
        data["audit"] = block
    data.update(record.extra)
    return data


def from_data(data: Any, node: yaml.Node | None, path: Path, named: Week | None = None) -> WeekRecord:
    """Validate loaded YAML and build the record; raise ``JournalError`` naming the line.

    ``named``: the week the file's name says it holds; a file that holds another is refused.
    """

    def fail(reason: str, *keys: str) -> JournalError:
        return JournalError(path, reason, line_of(node, *keys))

    if data is None:
        raise JournalError(path, "the file is empty (a week file holds format, week, practices, …)", 1)
    if not isinstance(data, dict):
        raise fail("a week file must be a mapping of keys (format, week, practices, …)")
    version = data.get("format", FORMAT)
    if not isinstance(version, int) or isinstance(version, bool):
        raise fail("'format' must be a whole number", "format")
    if version > FORMAT:
        raise fail(f"format {version} is newer than this searchkeeper reads ({FORMAT})", "format")
    key = data.get("week")
    if key is None:
        raise fail("missing 'week' (a key like 2026-W47)")
    try:
        week = Week.parse(str(key))
    except ValueError as error:
        raise fail(str(error), "week") from None
    away = data.get("away", False)
    if not isinstance(away, bool):
        raise fail("'away' must be true or false", "away")
    away_note = text_of(data.get("away_note"), lambda: fail("'away_note' must be text", "away_note"))
    practices = data.get("practices") or {}
    if not isinstance(practices, dict):
        raise fail("'practices' must be a mapping of practice ids", "practices")
    entries: dict[str, Entry] = {}
    for practice_id, item in practices.items():
        if not isinstance(practice_id, str):
            raise fail(f"practice id {practice_id!r} must be text", "practices")
        entries[sys.intern(practice_id)] = _entry(
            item, lambda reason, *k, pid=practice_id: fail(reason, "practices", pid, *k)
        )
    audit = None
    if data.get("audit") is not None:
        audit = _audit(data["audit"], lambda reason, *k: fail(reason, "audit", *k))
    if named is not None and week != named:
        raise fail(f"holds week {week.key}, but its name says {named.key}", "week")
    extra = {k: v for k, v in data.items() if k not in _TOP_KEYS}
    return WeekRecord(week, entries, away, away_note, audit, extra)


def from_kept(data: Any) -> WeekRecord:
    """The record ``to_data`` gave as ``data`` (its dates as ISO text, as the index keeps them).

    For data written from a record ``from_data`` made, never for a file's: it names no line,
    and checks only that each value is of its kind (a damaged entry is no record). Anything
    else raises ``LookupError``, ``TypeError``, ``ValueError`` or ``AttributeError``.
    """
    practices = {}
    for practice_id, item in data["practices"].items():
        day = item.get("date")
        state = item.get("state", DONE if day is not None else None)
        note = _kind(item.get("note", ""), str)
        if state is not None and state not in STATES:
            raise ValueError(state)
        state = _ONE.get(state)
        extra = {key: value for key, value in item.items() if key not in _ENTRY_KEYS}
        practices[sys.intern(practice_id)] = Entry(
            state, None if day is None else date.fromisoformat(day), note, extra
        )
    audit, block = None, data.get("audit")
    if block is not None:
        completed, answer = block.get("completed"), block.get("answer")
        if answer is not None and answer not in ANSWERS:
            raise ValueError(answer)
        answer = _ONE.get(answer)
        audit = Audit(
            None if completed is None else datetime.fromisoformat(completed),
            answer,
            _kind(block.get("reflection", ""), str),
            _kind(block.get("intention", ""), str),
            [sys.intern(_kind(practice_id, str)) for practice_id in _kind(block.get("answered", []), list)],
            {key: value for key, value in block.items() if key not in _AUDIT_KEYS},
        )
    away, away_note = _kind(data.get("away", False), bool), _kind(data.get("away_note", ""), str)
    extra = {key: value for key, value in data.items() if key not in _TOP_KEYS}
    return WeekRecord(Week.parse(data["week"]), practices, away, away_note, audit, extra)


def _kind(value: Any, kind: type) -> Any:
    if type(value) is not kind:
        raise TypeError(f"{value!r} is not {kind.__name__}")
    return value


def _entry(item: Any, fail: Any) -> Entry:
    if item is None:
        return Entry(state=MISSED)
    if isinstance(item, bool):  # shorthand: `marketing-plan: true`
        return Entry(state=DONE if item else MISSED)
    if not isinstance(item, dict):
        raise fail("must be a mapping with state, date and note")
    state = item.get("state", DONE if item.get("date") is not None else None)
    if state is not None and state not in STATES:
        raise fail(f"state must be one of {', '.join(STATES)}, not {state!r}", "state")
    state = _ONE.get(state)
    day = item.get("date")
    if isinstance(day, datetime):
        day = day.date()
    if day is not None and not isinstance(day, date):
        raise fail("date must be a date like 2026-11-18", "date")
    note = text_of(item.get("note"), lambda: fail("note must be text", "note"))
    extra = {k: v for k, v in item.items() if k not in _ENTRY_KEYS}
    return Entry(state, day, note, extra)


def _audit(block: Any, fail: Any) -> Audit:
    if not isinstance(block, dict):
        raise fail("'audit' must be a mapping")
    completed = block.get("completed")
    if isinstance(completed, date) and not isinstance(completed, datetime):
        completed = datetime(completed.year, completed.month, completed.day)
    if completed is not None and not isinstance(completed, datetime):
        raise fail("'completed' must be a date and time like 2026-11-20 17:04:00", "completed")
    answer = block.get("answer")
    if answer is not None and answer not in ANSWERS:
        raise fail(f"'answer' must be one of {', '.join(ANSWERS)}", "answer")
    answered = block.get("answered") or []
    if not isinstance(answered, list) or not all(isinstance(a, str) for a in answered):
        raise fail("'answered' must be a list of practice ids", "answered")
    reflection = text_of(block.get("reflection"), lambda: fail("must be text", "reflection"))
    intention = text_of(block.get("intention"), lambda: fail("must be text", "intention"))
    extra = {k: v for k, v in block.items() if k not in _AUDIT_KEYS}
    answered = [sys.intern(practice_id) for practice_id in answered]
    return Audit(completed, _ONE.get(answer), reflection, intention, answered, extra)
