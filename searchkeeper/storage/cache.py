"""A derived cache of the journal, so that unchanged week files are not parsed again.

``<data dir>/.cache/summary.json`` holds, for every week file that read cleanly,
its signature (size, mtime_ns, ctime_ns, inode) and the record's plain data. When
the journal is loaded, each file is stat'ed: a file whose signature matches its
entry is taken from the cache, any other is read and validated as usual (and its
entry refreshed). Reading the history of ten years is then 520 ``stat`` calls and
one JSON load instead of 520 YAML parses.

The cache is never the source of truth:

* it is safe to delete; it is rebuilt on the next load;
* it is ignored whole when it is unreadable, truncated, garbled (a CRC-32 of the
  body is checked), not the expected shape, or written by another version;
* an entry is used only when all four parts of the signature match. An editor that
  rewrites a file in place, keeps its size and puts its mtime back (``os.utime``)
  still changes its ctime, which no user call can set back;
* a file changed within ``stamps.RACY_NS`` of being read is not cached, so that a second
  change inside one tick of the file system's clock cannot hide behind an equal
  signature (git calls these entries "racily clean");
* writing it is atomic (a temporary file renamed over it) and best effort: a
  read-only data directory, a full disk or any other ``OSError`` only means it is
  not written. Broken week files are never cached: they are read (and reported)
  every time.

Limitation: a file system whose ctime does not change on writes (some network or
FAT mounts), or a clock set back while files are edited, can defeat the signature;
``searchkeeper check`` always reads every file, and deleting the cache folder
starts afresh.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import zlib
from datetime import date, datetime
from pathlib import Path

from searchkeeper import __version__
from searchkeeper.core.errors import JournalError
from searchkeeper.core.records import ANSWERS, STATES, Audit, Entry, History, WeekRecord
from searchkeeper.core.weeks import Week
from searchkeeper.storage.conflict_names import conflict_week
from searchkeeper.storage.journal import Journal
from searchkeeper.storage.stamps import CACHE_FOLDER, is_racy

TYPE_CHECKING = False
if TYPE_CHECKING:  # only the annotations need typing, which is slow to import
    from typing import Any

CACHE_NAME = "summary.json"
FORMAT = 1
"""Bump when the shape of an entry changes; another format (or version) is ignored."""

Signature = tuple[int, int, int, int]
_clock = time.time_ns
_ENTRY_STATES = (*STATES, None)
"""An entry's state; None is a note with no say on the week."""


def cache_path(data_dir: Path) -> Path:
    return Path(data_dir) / CACHE_FOLDER / CACHE_NAME


def load_history(journal: Journal) -> History:
    """The same ``History`` as ``journal.load_all()``, reusing cached records of unchanged files."""
    entries = read_cache(journal.data_dir)
    fresh: dict[str, list[Any]] = {}
    changed = False
    history = History()
    records = history.records
    now = _clock()
    for name, found in _week_files(journal.folder):
        before = _signature(found)
        entry = entries.get(name)
        if entry is not None and before is not None and entry[0] == list(before):
            record = _decode(entry[1])
            if record is not None and name.endswith(f"/{record.week.key}.yaml"):
                records[record.week] = record
                fresh[name] = entry
                continue
        path = Path(found.path)
        try:
            week = journal._week_of(path)  # the same checks as load_all
            record = journal.read_listed(path, week)
        except JournalError as problem:
            history.problems.append(problem)
            continue
        records[week] = record
        if entry is not None:
            fresh[name] = entry  # stale, but harmless: its signature no longer matches
        if before is None or is_racy(before, now):
            continue
        data = _encode(record) if _signature(path) == before else None
        if data is not None:
            fresh[name] = [list(before), data]
            changed = True
    if len(fresh) != len(entries):
        changed = True
    history.records = dict(sorted(records.items(), key=lambda item: (item[0].year, item[0].number)))
    if changed and journal.folder.is_dir():
        write_cache(journal.data_dir, fresh)
    return history


def _week_files(folder: Path) -> list[tuple[str, os.DirEntry[str]]]:
    """``Journal.files()`` without building paths: ``("<year>/<name>", entry)`` in name order.

    The same choice of files (tests hold the two together): no temporary files,
    dotfiles or sync conflict copies.
    """
    found = []
    try:
        years = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []  # no journal yet (an unreadable one raises: it is not an empty history)
    for year in years:
        if not year.is_dir():
            continue
        for entry in os.scandir(year.path):
            name = entry.name
            if name.endswith(".yaml") and not name.startswith(".") and conflict_week(name) is None:
                found.append((f"{year.name}/{name}", entry))
    found.sort(key=lambda item: item[0])
    return found


def _signature(found: os.DirEntry[str] | Path) -> Signature | None:
    try:
        status = found.stat() if isinstance(found, os.DirEntry) else os.stat(found)
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


# the file -------------------------------------------------------------------------


def read_cache(data_dir: Path) -> dict[str, list[Any]]:
    """The cached entries by ``<year>/<key>.yaml``; empty when the cache is missing or unusable."""
    try:
        with open(cache_path(data_dir), "rb") as stream:
            raw = stream.read()
    except OSError:
        return {}
    header, _, body = raw.partition(b"\n")
    try:
        head = json.loads(header)
        if head != {"format": FORMAT, "version": __version__, "crc": zlib.crc32(body)}:
            return {}
        entries = json.loads(body)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {
        name: entry
        for name, entry in entries.items()
        if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], list)
    }


def write_cache(data_dir: Path, entries: dict[str, list[Any]]) -> bool:
    """Replace the cache atomically; False (and nothing raised) when it cannot be written."""
    path = cache_path(data_dir)
    body = json.dumps(entries, separators=(",", ":")).encode("ascii")
    header = json.dumps({"format": FORMAT, "version": __version__, "crc": zlib.crc32(body)})
    temporary = path.with_name(f".tmp-{os.getpid()}-{CACHE_NAME}")
    try:
        path.parent.mkdir(exist_ok=True)
        with open(temporary, "wb") as stream:
            stream.write(header.encode("ascii") + b"\n" + body)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    return True


# records as plain JSON data ----------------------------------------------------------


def _encode(record: WeekRecord) -> list[Any] | None:
    """The record as JSON data, or None when it holds values JSON cannot keep exactly."""
    practices = {}
    for practice_id, entry in record.practices.items():
        if type(entry) is not Entry or not _plain(entry.extra):
            return None
        day = entry.date.isoformat() if entry.date is not None else None
        practices[practice_id] = [entry.state, day, entry.note, entry.extra]
    audit = None
    if record.audit is not None:
        block = record.audit
        if not _plain(block.extra) or not _plain(block.answered):
            return None
        completed = block.completed.isoformat() if block.completed is not None else None
        audit = [completed, block.answer, block.reflection, block.intention, block.answered, block.extra]
    if not _plain(record.extra):
        return None
    return [record.week.key, record.away, record.away_note, practices, audit, record.extra]


def _decode(data: Any) -> WeekRecord | None:
    """The record from ``_encode``'s data; None for anything not of that shape.

    The CRC and the version already vouch for the data; this only has to fail
    cleanly (None, never an exception) on anything else.
    """
    try:
        key, away, away_note, practices, audit, extra = data
        entries = {}
        for practice_id, (state, day, note, entry_extra) in practices.items():
            if state not in _ENTRY_STATES or type(note) is not str or type(entry_extra) is not dict:
                return None
            entries[practice_id] = Entry(state, day and date.fromisoformat(day), note, entry_extra)
        block = None
        if audit is not None:
            completed, answer, reflection, intention, answered, audit_extra = audit
            if answer is not None and answer not in ANSWERS:
                return None
            when = datetime.fromisoformat(completed) if completed else None
            block = Audit(when, answer, reflection, intention, answered, audit_extra)
        if type(away) is not bool or type(away_note) is not str or type(extra) is not dict:
            return None
        return WeekRecord(Week.parse(key), entries, away, away_note, block, extra)
    except (TypeError, ValueError, AttributeError):
        return None


def _plain(value: Any) -> bool:
    """True when JSON gives back exactly ``value``: text keys, no dates, no bytes, finite numbers."""
    kind = type(value)
    if value is None or kind in (str, bool, int):
        return True
    if kind is float:
        return value == value and value not in (float("inf"), float("-inf"))
    if kind is list:
        return all(_plain(item) for item in value)
    if kind is dict:
        return all(type(key) is str and _plain(item) for key, item in value.items())
    return False
