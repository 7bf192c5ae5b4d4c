"""The derived index: what searchkeeper works out from a data folder, kept outside it.

One file per data folder, ``<cache root>/<key>/index``: the cache root is
``$SEARCHKEEPER_CACHE_DIR`` or platformdirs' user cache folder, the key 16 hex digits
of the sha256 of the data folder's resolved path. Two data folders never share an
index, and a synced data folder carries none. The write lock sits beside it (``lock``).

Each entry is a fact that carries its own proof (the ``stamps`` rule):

* per week file, its record, under the stamp the file had when it was read or
  written (and, the file being racily clean then, the CRC-32 of those very bytes);
* the current week's status line, under what was kept of everything it was made
  from (``stamps.watched``) and the day it was made for, with its carry (see
  ``reports.status_line``), which checks every input but the current week's file.

An entry is used only while the files still match it: the index is never trusted
over the files, and any copy of it (an old one, one another process wrote over this
one) gives right answers, only fewer. Writers put the record they saved in it and
drop the status line (``wrote``, ``drop_line``).

The file: a header line (a name, the format, the version, a CRC-32 of the rest), the
status entry's JSON, then a line per week file (its name, a tab, the JSON of its kept
stamp and record, as ``week_file.to_data`` writes it), so that a command parses only
the lines it needs. Anything odd (damaged, truncated, another format or version, not
JSON, not the shape expected) reads as an empty index, or a missing entry, rebuilt as
files are read. Writing is atomic (a temporary file renamed over it; those a killed
writer left go as beside every save, ``paths.remove_stray_temporaries``) and best
effort: a cache folder that cannot be made or written only means nothing is kept. No
index is written for a data folder that does not exist.
"""

from __future__ import annotations

import json
import os
from _thread import allocate_lock
from contextlib import contextmanager, suppress
from functools import lru_cache

from searchkeeper import __version__
from searchkeeper.storage.paths import (
    JOURNAL_FOLDER,
    PRIVATE_FILE,
    PRIVATE_FOLDER,
    cache_root,
    remove_stray_temporaries,
    temporary_name,
)
from searchkeeper.storage.stamps import (
    MAX_BYTES,
    clock,
    content_of,
    is_racy,
    kept,
    path_of,
    stamp_at,
    unchanged,
    watched,
)

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: the quick path loads none of these
    from collections.abc import Collection, Iterator
    from typing import Any

    from searchkeeper.core.records import History, WeekRecord
    from searchkeeper.core.weeks import Week
    from searchkeeper.storage.journal import Journal

FORMAT = 2
"""Bump when the shape of an entry changes; an index of another format (or version) is ignored."""
INDEX_NAME = "index"
_JOURNAL = f"{JOURNAL_FOLDER}/"


try:  # the interpreter's own sha256: hashlib would start OpenSSL first, a few ms
    from _sha2 import sha256  # Python 3.12 and later
except ImportError:
    try:
        from _sha256 import sha256  # type: ignore[no-redef]
    except ImportError:
        from hashlib import sha256


def key_of(data_dir: str | os.PathLike[str]) -> str:
    """The data folder's key: 16 hex digits of the sha256 of its resolved path."""
    return sha256(os.fsencode(os.path.realpath(data_dir))).hexdigest()[:16]


def folder_of(data_dir: str | os.PathLike[str]) -> str:
    """The data folder's own folder in the cache root: its index and its lock."""
    where = (cache_root(), os.fspath(data_dir))
    if where not in _folders:
        _folders[where] = os.path.join(where[0], key_of(data_dir))
    return _folders[where]


_folders: dict[tuple[str, str], str] = {}


class Index:
    """One data folder's index as read (or empty), changed in memory and written by ``save``."""

    def __init__(self, data_dir: str, path: str) -> None:
        self.data_dir, self.path = data_dir, path
        self.lines: dict[str, bytes] = {}
        """Per week file (``journal/2026/2026-W48.yaml``), the JSON of ``[kept stamp, record]``."""
        self.status: dict[str, Any] | None = None
        """``{"today", "line", "inputs": {name: kept stamp}, "carry"}``."""
        self.stamp: Any = None
        """The file's stamp as last read or written: another one means another process wrote it."""
        self.dirty = False
        self.seen: dict[str, tuple[bytes, Any]] = {}
        """Entries decoded for ``indexed_only`` reads, by the line they were decoded from: those
        records are compared, never handed out, so they can be kept for the next look."""
        self.later: dict[str, tuple[list[int], WeekRecord]] = {}
        """Entries put while their encoding waits for the save (``defer_encoding``)."""

    def put(self, name: str, kept_stamp: list[int] | None, record: WeekRecord | None) -> None:
        """Keep ``record`` under ``kept_stamp``; forget the entry if either is None (or cannot be kept)."""
        if record is not None and kept_stamp is not None and self.path in _unencoded:
            self.lines.pop(name, None)
            self.later[name] = (kept_stamp, record)
            self.dirty = True
            return
        self.later.pop(name, None)
        self._encode_line(name, kept_stamp, record)

    def _encode_line(self, name: str, kept_stamp: list[int] | None, record: WeekRecord | None) -> None:
        """``put``'s entry as its line: none if either is None or the record cannot be kept."""
        data = _encode(record, name) if record is not None and kept_stamp is not None else None
        if data is not None:
            self.lines[name] = b"[%s,%s]" % (json.dumps(kept_stamp).encode("ascii"), data)
        elif self.lines.pop(name, None) is None:
            return
        self.dirty = True

    def save(self) -> bool:
        """Write it atomically if it changed (inside ``batched``, at its end); False when it could not be.

        Safe from any thread (the dashboard reads in one while it saves in another).
        """
        with _guard:
            if (
                not self.dirty
                or not os.path.isdir(self.data_dir)
                or self.path in _batched
                or self.path in _held
            ):
                return not self.dirty
            later, self.later = self.later, {}
            for name, (kept_stamp, record) in later.items():
                self._encode_line(name, kept_stamp, record)
            self.dirty, entries = False, list(self.lines.items())  # a change from now on is saved again
            try:
                status = json.dumps(self.status, separators=(",", ":")).encode("ascii")
                rest = b"\n".join([status, *(name.encode("ascii") + b"\t" + line for name, line in entries)])
            except (ValueError, TypeError, RecursionError):
                self.dirty = True
                return False
            if not _replace(self.path, _header(rest) + b"\n" + rest):
                self.dirty = True
                return False
            self.stamp = stamp_at(self.path)
            return True


def _private(path: str, flags: int) -> int:
    """Open a new file the user alone may read: what is kept here copies their notes."""
    return os.open(path, flags, PRIVATE_FILE)


def _replace(path: str, content: bytes) -> bool:
    """Put ``content`` at ``path`` through a temporary file beside it (the one name, mode and clean-up
    every writer uses); False when the disk would not have it. Derived files only: no fsync."""
    folder = os.path.dirname(path)
    temporary = temporary_name(folder)
    try:
        os.makedirs(folder, mode=PRIVATE_FOLDER, exist_ok=True)
        with open(temporary, "xb", opener=_private) as stream:
            stream.write(content)
        os.replace(temporary, path)
    except OSError:
        with suppress(OSError):
            os.unlink(temporary)
        return False
    remove_stray_temporaries(folder)
    return True


_open: dict[str, Index] = {}
_batched: set[str] = set()
_held: set[str] = set()
_unencoded: set[str] = set()
_guard = allocate_lock()


def defer_encoding(data_dir: str | os.PathLike[str]) -> None:
    """Encode what is put in the data folder's index only as it is saved: for a reader that hands
    its records on and changes none of them after (the dashboard's read ahead, which sends them
    first and saves after)."""
    _unencoded.add(os.path.join(folder_of(data_dir), INDEX_NAME))


def hold_saves(data_dir: str | os.PathLike[str]) -> None:
    """From now on, keep the data folder's index changes in memory until ``save_held``: a
    long-lived process (the dashboard) writes it at its own pace, not on every change."""
    _held.add(os.path.join(folder_of(data_dir), INDEX_NAME))


def save_held(data_dir: str | os.PathLike[str], release: bool = False) -> bool:
    """Write the held changes to the data folder's index, if there are any (``Index.save``);
    ``release``: and save on every change again from now on."""
    path = os.path.join(folder_of(data_dir), INDEX_NAME)
    held = path in _held
    _held.discard(path)
    try:
        index = _open.get(path)
        return index is None or not index.dirty or index.save()
    finally:
        if held and not release:
            _held.add(path)


@contextmanager
def batched(data_dir: str | os.PathLike[str]) -> Iterator[None]:
    """Save the data folder's index once, as the block ends, however often it changes in it
    (a command's own write, then its status line)."""
    index = open_index(data_dir)
    _batched.add(index.path)
    try:
        yield
    finally:
        _batched.discard(index.path)
        open_index(data_dir).save()


def open_index(data_dir: str | os.PathLike[str]) -> Index:
    """The data folder's index: this process's copy while the file is as it left it, else read again."""
    path = os.path.join(folder_of(data_dir), INDEX_NAME)
    stamp = stamp_at(path)  # before reading: a write meanwhile shows at the next look
    known = _open.get(path)
    if known is None or (not known.dirty and known.stamp != stamp):
        known = _open[path] = _read(os.fspath(data_dir), path)
        known.stamp = stamp
    return known


def _read(data_dir: str, path: str, entries: bool = True) -> Index:
    """The index in the file (its status entry alone, unless ``entries``); empty for anything odd."""
    index = Index(data_dir, path)
    try:
        with open(path, "rb") as stream:
            header, _, rest = stream.read().partition(b"\n")
        if header != _header(rest):
            return index
        status, _, others = rest.partition(b"\n")
        status = json.loads(status)
        lines = [line.partition(b"\t") for line in others.split(b"\n")] if entries else []
        index.lines = {name.decode("ascii"): line for name, tab, line in lines if tab}
    except (OSError, ValueError, RecursionError):  # missing, not JSON, not ASCII
        return Index(data_dir, path)
    index.status = status if isinstance(status, dict) else None
    return index


def _header(rest: bytes) -> bytes:
    import zlib

    return b"searchkeeper-index %d %s %d" % (FORMAT, __version__.encode("ascii"), zlib.crc32(rest))


# the records -------------------------------------------------------------------------------


class Inputs:
    """One look at everything a history and a status line are made from: ``stamps`` as
    ``watched`` gives them (the clock read first), ``weeks`` the week files among them,
    ``kept`` what is kept of each (``stamps.kept``): the week files' as they are read,
    the others' now."""

    def __init__(self, data_dir: str | os.PathLike[str], config_dir: str | os.PathLike[str]) -> None:
        self.data_dir, self.config_dir = os.fspath(data_dir), os.fspath(config_dir)
        self.now = clock()
        self.stamps = watched(self.data_dir, self.config_dir)
        self.weeks = {name: found for name in self.stamps if (found := week_name(name)) is not None}
        self.kept: dict[str, list[int] | None] = {
            name: kept(stamp, path_of(name, self.data_dir, self.config_dir), self.now)
            for name, stamp in self.stamps.items()
            if name not in self.weeks
        }


@lru_cache(maxsize=4096)
def week_name(name: str) -> tuple[str, str] | None:
    """``(year folder, file name)`` of an input the history reads as a week file, else None
    (``Journal.files``'s choice: no dotfiles, temporary files or sync conflict copies)."""
    year, slash, file = name[len(_JOURNAL) :].partition("/")
    if not name.startswith(_JOURNAL) or not slash or "/" in file or not file.endswith(".yaml"):
        return None
    if "conflict" not in file.lower() and not file.startswith("."):
        return year, file  # is_week_file, without loading it: the prompt's quick path comes here
    from searchkeeper.storage.conflict_names import is_week_file

    return (year, file) if is_week_file(file) else None


def name_of(week: Week) -> str:
    """The input name of ``week``'s file."""
    return f"{_JOURNAL}{week.year}/{week.key}.yaml"


def load_history(
    journal: Journal, inputs: Inputs, only: Collection[str] | None = None, indexed_only: bool = False
) -> History | None:
    """What ``journal.load_all()`` gives, each unchanged file's record taken from the index.

    Every other file is read and its record indexed; ``inputs.kept`` gets what is kept
    of each week file. Broken files are never indexed: they are read, and reported,
    every time. ``only``: just those week files. ``indexed_only``: no file is read (nor
    a CRC: it is kept, and checked when the kept stamp is used); None unless the index
    holds every week file under its stamp as it is now.
    """
    from pathlib import Path

    from searchkeeper.core.errors import JournalError
    from searchkeeper.core.records import History

    index, history = open_index(journal.data_dir), History()
    names = inputs.weeks if only is None else {n: inputs.weeks[n] for n in only if n in inputs.weeks}
    for name in sorted(names, key=names.__getitem__):
        stamp, path = inputs.stamps[name], os.path.join(inputs.data_dir, name)
        before, record = _entry(index, name, indexed_only) if stamp is not None else (None, None)
        fits = record is not None and (
            before[:4] == list(stamp) if indexed_only else unchanged(before, stamp, path)
        )
        if fits:
            if len(before) == 5 and not indexed_only and not is_racy(stamp, inputs.now):
                before = list(stamp)  # its CRC checked now, and no longer racy: the stamp will do
                index.put(name, before, record)
            history.records[record.week] = record
            inputs.kept[name] = before
            continue
        if indexed_only:
            return None
        content = content_of(path, MAX_BYTES)  # None for a FIFO too: the journal's own read names it
        inputs.kept[name] = taken = kept(stamp, path, inputs.now, content)
        try:
            week = journal._week_of(Path(path))
            history.records[week] = record = journal.read_listed(Path(path), week, content)
        except JournalError as problem:
            history.problems.append(problem)
            record = None
        index.put(name, taken if content is not None else None, record)
    for name in [n for n in [*index.lines, *index.later] if n not in inputs.weeks] if only is None else ():
        index.put(name, None, None)  # gone from the journal
    index.save()
    history.records = dict(sorted(history.records.items()))
    return history


def wrote(
    data_dir: str | os.PathLike[str], week: Week, record: WeekRecord | None, path: str, content: bytes
) -> None:
    """After ``week``'s file was written with ``content``: its ``record`` (as a read of the file
    gives it) under its new stamp, with the CRC of ``content`` (it is racy), and no status line."""
    now, stamp = clock(), stamp_at(path)
    index = open_index(data_dir)
    index.put(name_of(week), kept(stamp, path, now, content), record)
    drop_line(data_dir)


def _entry(index: Index, name: str, seen: bool = False) -> tuple[Any, WeekRecord | None]:
    """``(kept stamp, record)`` of a week file's entry; ``(None, None)`` for none (or an odd one).
    ``seen``: from ``Index.seen`` when decoded there from the same line."""
    if name in index.later:  # put and not encoded yet: as it was put
        return index.later[name]
    line = index.lines.get(name)
    if seen and name in index.seen and index.seen[name][0] is line:
        return index.seen[name][1]
    found: tuple[Any, WeekRecord | None] = (None, None)
    try:
        before, data = json.loads(line or b"")
        if type(before) is list and len(before) in (4, 5):
            found = before, _decode(data, name)
    except (ValueError, TypeError, RecursionError):
        pass
    if seen and line is not None:
        index.seen[name] = (line, found)
    return found


def _encode(record: WeekRecord, name: str) -> bytes | None:
    """``to_data``'s form of the record as JSON (dates as text); None unless it reads back the same."""
    from searchkeeper.storage.week_file import to_data

    data = to_data(record)
    for item in data["practices"].values():
        if "date" in item:
            item["date"] = item["date"].isoformat()
    if "completed" in data.get("audit", ()):
        data["audit"]["completed"] = data["audit"]["completed"].isoformat()
    try:
        text = json.dumps(data, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):  # a value JSON does not hold (a date, a set)
        return None
    return text.encode("ascii") if _decode(json.loads(text), name) == record else None


def _decode(data: Any, name: str) -> WeekRecord | None:
    """The record ``_encode`` wrote, if it is the file's own week; None for anything else.

    Built with no check (``week_file.from_kept``): ``_encode`` keeps a record only when it
    reads back through here as that very record, made by ``from_data`` from its file.
    """
    from searchkeeper.storage.week_file import from_kept

    try:
        record = from_kept(data)
    except (LookupError, TypeError, ValueError, AttributeError):
        return None
    return record if name == name_of(record.week) else None


# the status line ---------------------------------------------------------------------------


def kept_line(data_dir: str, config_dir: str, today: str) -> str | None:
    """The status line kept for ``today``, if nothing it was made from has changed; else None.

    The quick path of ``searchkeeper status``: one read of the index (its status entry
    parsed), a ``stat`` per input and a CRC for those kept racy. Those no longer racy are
    kept by their stamp alone from then on: their CRC was just checked.
    """
    path = os.path.join(folder_of(data_dir), INDEX_NAME)
    status = _read(data_dir, path, entries=False).status
    if status is None or status.get("today") != today or type(status.get("line")) is not str:
        return None
    now = clock()
    stamps = watched(data_dir, config_dir)
    inputs = status.get("inputs")
    if type(inputs) is not dict or not _matches(inputs, stamps, data_dir, config_dir):
        return None
    settled = [n for n, s in stamps.items() if s is not None and len(inputs[n]) == 5 and not is_racy(s, now)]
    index = _read(data_dir, path) if settled else None
    if index is not None and index.status == status:
        index.status["inputs"].update((name, inputs[name][:4]) for name in settled)
        index.dirty = True
        index.save()
    return status["line"]


def _matches(inputs: dict[str, Any], stamps: dict[str, Any], data_dir: str, config_dir: str) -> bool:
    """Whether every input is as ``inputs`` kept it: the same names, each ``unchanged``."""
    if len(inputs) != len(stamps):
        return False
    for name, stamp in stamps.items():
        before = inputs.get(name, False)
        same = stamp is not None and before == list(stamp)  # the same stamp, kept alone
        if not same and not unchanged(before, stamp, path_of(name, data_dir, config_dir)):
            return False
    return True


def keep_line(data_dir: str | os.PathLike[str], today: str, line: str, inputs: Inputs, carry: Any) -> bool:
    """Keep ``line``, made for ``today`` from what ``inputs`` kept, and ``carry``; True when written."""
    if set(inputs.kept) != set(inputs.stamps):
        return False  # not everything it was made from is known
    index = open_index(data_dir)
    index.status, index.dirty = {"today": today, "line": line, "inputs": inputs.kept, "carry": carry}, True
    return index.save()


def kept_carry(data_dir: str | os.PathLike[str], inputs: Inputs, name: str) -> Any:
    """The carry kept with the status line, if every input but ``name`` (the current week's
    file) is as it was kept then; what was kept of those week files goes in ``inputs.kept``."""
    status = open_index(data_dir).status or {}
    before, stamps = dict(status.get("inputs") or {}), dict(inputs.stamps)
    before.pop(name, None)
    stamps.pop(name, None)
    if not _matches(before, stamps, inputs.data_dir, inputs.config_dir):
        return None
    inputs.kept.update((week, before[week]) for week in inputs.weeks if week != name)
    return status.get("carry")


def drop_line(data_dir: str | os.PathLike[str]) -> None:
    """Forget the kept status line: a file it was made from was just written (its carry stays)."""
    index = open_index(data_dir)
    if index.status is not None and index.status.get("line") is not None:
        index.status["line"], index.dirty = None, True
    index.save()


# the due digest ------------------------------------------------------------------------------

DIGEST_NAME = "due"
"""Beside the index: the last ``searchkeeper due`` digest, under the stamps of everything it read."""


def kept_digest(data_dir: str, config_dir: str, today: str) -> list[str] | None:
    """The ``due`` digest kept for ``today``, if no input has changed since (``_matches``); else None.

    The quick path of ``searchkeeper due``, like ``kept_line``: one small read and a ``stat`` per input.
    """
    try:
        with open(os.path.join(folder_of(data_dir), DIGEST_NAME), "rb") as stream:
            kept_data = json.loads(stream.read())
        lines, inputs = kept_data["lines"], kept_data["inputs"]
        fits = kept_data["format"] == [FORMAT, __version__] and kept_data["today"] == today
    except (OSError, ValueError, RecursionError, LookupError, TypeError):
        return None
    if not fits or type(lines) is not list or any(type(line) is not str for line in lines):
        return None
    if type(inputs) is not dict or not _matches(inputs, watched(data_dir, config_dir), data_dir, config_dir):
        return None
    return lines


def keep_digest(data_dir: str | os.PathLike[str], today: str, lines: list[str], inputs: Inputs) -> None:
    """Keep the digest made for ``today`` from the files as ``inputs`` saw them (best effort)."""
    data_dir = os.fspath(data_dir)
    if not os.path.isdir(data_dir):
        return
    seen = dict(inputs.kept)  # and the week files it did not read: one more or less can change it
    for name, stamp in inputs.stamps.items():
        if name not in seen:
            seen[name] = kept(stamp, path_of(name, data_dir, inputs.config_dir), inputs.now)
    document = {"format": [FORMAT, __version__], "today": today, "lines": lines, "inputs": seen}
    try:
        content = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (ValueError, TypeError):
        return
    _replace(os.path.join(folder_of(data_dir), DIGEST_NAME), content)


# leftovers of older versions ---------------------------------------------------------------

_cleared: set[str] = set()


def remove_leftovers(data_dir: str | os.PathLike[str]) -> None:
    """Remove, once per process, what older versions derived inside the data folder: in
    ``.cache/`` only ``summary.json``, ``status`` and their temporary files (then the folder
    if it is empty), and the lock file ``.lock``. Nothing else is touched."""
    import stat

    data_dir = os.fspath(data_dir)
    if data_dir in _cleared:
        return
    _cleared.add(data_dir)
    folder = os.path.join(data_dir, ".cache")
    try:
        found = os.listdir(folder) if stat.S_ISDIR(os.lstat(folder).st_mode) else []
    except OSError:
        found = []
    derived = [n for n in found if n in ("summary.json", "status") or n.startswith((".tmp-", "status.tmp-"))]
    for path in [*(os.path.join(folder, name) for name in derived), os.path.join(data_dir, ".lock")]:
        with suppress(OSError):
            if stat.S_ISREG(os.lstat(path).st_mode):
                os.unlink(path)
    if found:
        with suppress(OSError):
            os.rmdir(folder)  # only when nothing else is in it
