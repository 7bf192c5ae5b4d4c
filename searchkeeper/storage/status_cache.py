"""A derived cache of the ``status`` line, so that a shell prompt does not wait for the whole app.

Once a command has worked out the status line of the current week (``status``,
``tick``, ``excuse``), the line is kept in ``<data dir>/.cache/status`` with a
fingerprint of everything it was made from:

* searchkeeper's version and today (``$SEARCHKEEPER_TODAY`` as given, or the local date);
* ``config.yaml`` (and whether its folder exists) and ``partners.yaml``;
* every entry of the journal folder and of each folder in it: week files, broken
  ones, sync conflict copies and anything else. That is wider than the files a
  history is read from (``Journal.files``), so nothing the line reads or counts
  can change unseen; an unrelated file there only costs a miss.

A file counts by its stamp (type, size, mtime_ns, ctime_ns, inode, device, see
``stamps``). A file changed within ``stamps.RACY_NS`` of the moment the line was
made could change again inside one tick of the file system's clock with an equal
stamp: the CRC-32 of its content is kept too and checked each time (git does the
same for "racily clean" entries), so even the week file a ``tick`` has just
written can be trusted, and a same-second edit is never hidden.

``cached_line`` is the quick path of ``searchkeeper status`` (see ``launcher``):
it works the fingerprint out again (a ``stat`` per file, no YAML, none of the
app's modules) and returns the kept line when it matches. Anything else (no
cache, a mismatch, any error) returns None and the command runs as usual, which
keeps a fresh line through a ``StatusWatch``. The stamps are taken before the
inputs are read (as git stats a file before hashing it): a file changed after its
stamp was taken has another stamp by the time the line is looked for, so a line
made from a newer file than its stamp says is never used.

Like ``cache`` it is never the source of truth: safe to delete, ignored when
damaged (a CRC-32 of the body is checked) or written by another version, written
atomically, and best effort: a read-only folder only means it is not written.
"""

from __future__ import annotations

import os
import stat
import time

from searchkeeper import __version__
from searchkeeper.storage.paths import CONFIG_NAME, JOURNAL_FOLDER, PARTNERS_NAME, TODAY_ENV
from searchkeeper.storage.stamps import CACHE_FOLDER, RACY_NS

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from datetime import date

CACHE_NAME = "status"
FORMAT = 1
"""Bump when the file's layout changes; another format (or version) is ignored."""
HEADER = b"searchkeeper status cache"
MAX_READ = 2 * 1024 * 1024
"""A racily clean file larger than this is not read for its CRC: the line is just not kept."""
NO_STATE = "-"
_clock = time.time_ns


class _Unknown(Exception):
    """Something the fingerprint cannot tell (a name with a line break, an odd folder)."""


def today_text() -> str:
    """Today as a status line is made for it: ``$SEARCHKEEPER_TODAY`` as given, else the local date."""
    return os.environ.get(TODAY_ENV) or time.strftime("%Y-%m-%d")


def cache_file(data_dir: str | os.PathLike[str]) -> str:
    return os.path.join(data_dir, CACHE_FOLDER, CACHE_NAME)


# the quick path ----------------------------------------------------------------------


def cached_line(data_dir: str, config_dir: str) -> str | None:
    """The kept status line when nothing it was made from has changed since; None otherwise."""
    try:
        kept = _read(data_dir)
        if kept is None:
            return None
        reference, today, line, _, lines = kept
        if today != today_text() or fingerprint(data_dir, config_dir, reference) != lines:
            return None
        return line
    except Exception:  # a quick path only: whatever is odd, the command runs as usual
        return None


# the fingerprint ---------------------------------------------------------------------

Stamp = tuple[str, "str | None", int]
"""``(line, path, changed)``: the line without a CRC; the path and latest change of a regular file."""


def fingerprint(data_dir: str, config_dir: str, reference: int) -> list[str] | None:
    """One line per input of the status line; None when one of them cannot be told.

    ``reference`` is when the line was made: files changed within ``RACY_NS`` of
    it carry their content's CRC-32 as well.
    """
    try:
        stamps = [*_settings_stamps(config_dir), *_data_stamps(data_dir)]
        return _lines(stamps, reference, _crcs(stamps, reference))
    except (OSError, _Unknown, UnicodeError):
        return None


def _lines(stamps: list[Stamp], reference: int, crcs: dict[str, int]) -> list[str]:
    limit = reference - RACY_NS  # see stamps.is_racy
    return [
        line if path is None or changed <= limit else f"{line} {crcs[path]}" for line, path, changed in stamps
    ]


def _crcs(stamps: list[Stamp], reference: int, known: dict[str, int] | None = None) -> dict[str, int]:
    """The content's CRC-32 of every file racily clean at ``reference`` (``known`` ones not read again)."""
    crcs = dict(known or {})
    limit = reference - RACY_NS
    for _, path, changed in stamps:
        if path is not None and changed > limit and path not in crcs:
            crcs[path] = _crc_of(path)
    return crcs


def _settings_stamps(config_dir: str) -> list[Stamp]:
    stamps: list[Stamp] = [(f"searchkeeper {__version__} {FORMAT}", None, 0)]
    try:
        if not stat.S_ISDIR(os.stat(config_dir).st_mode):
            raise _Unknown("the config folder is a file")
    except FileNotFoundError:
        return [*stamps, ("config -", None, 0)]
    stamps.append(("config", None, 0))
    stamps.append(_stamp_or_absent(CONFIG_NAME, os.path.join(config_dir, CONFIG_NAME)))
    return stamps


def _data_stamps(data_dir: str) -> list[Stamp]:
    stamps = [_stamp_or_absent(PARTNERS_NAME, os.path.join(data_dir, PARTNERS_NAME))]
    folder = os.path.join(data_dir, JOURNAL_FOLDER)
    try:
        entries = sorted(os.scandir(folder), key=_name)
    except FileNotFoundError:
        return [*stamps, (f"{JOURNAL_FOLDER} -", None, 0)]
    stamps.append((JOURNAL_FOLDER, None, 0))
    for entry in entries:
        if entry.is_dir():  # following links, as the history does
            stamps.append((_checked(entry.name) + ("/@" if entry.is_symlink() else "/"), None, 0))
            _folder_stamps(f"{entry.name}/", sorted(os.scandir(entry.path), key=_name), stamps)
        else:
            stamps.append(_stamp(entry.name, entry))
    return stamps


def _folder_stamps(prefix: str, entries: list[os.DirEntry[str]], stamps: list[Stamp]) -> None:
    """``_stamp`` of every entry of a year folder, written out: a history has hundreds."""
    for entry in entries:
        name, info = entry.name, entry.stat()
        if "\n" in name or "\t" in name or "\r" in name:
            raise _Unknown("a name with a line break")
        line = (
            f"{prefix}{name}\t{'@' if entry.is_symlink() else ''}{info.st_mode:o} {info.st_size} "
            f"{info.st_mtime_ns} {info.st_ctime_ns} {info.st_ino} {info.st_dev}"
        )
        regular = stat.S_ISREG(info.st_mode)
        stamps.append((line, entry.path if regular else None, max(info.st_mtime_ns, info.st_ctime_ns)))


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _stamp_or_absent(name: str, path: str) -> Stamp:
    try:
        return _stamp(name, path)
    except FileNotFoundError:
        return f"{name}\t-", None, 0


def _stamp(name: str, found: os.DirEntry[str] | str) -> Stamp:
    """``name<TAB>mode size mtime ctime inode device``; links followed, marked with @."""
    if isinstance(found, str):
        info, path, link = os.stat(found), found, os.path.islink(found)
    else:
        info, path, link = found.stat(), found.path, found.is_symlink()
    line = (
        f"{_checked(name)}\t{'@' if link else ''}{info.st_mode:o} {info.st_size} "
        f"{info.st_mtime_ns} {info.st_ctime_ns} {info.st_ino} {info.st_dev}"
    )
    regular = stat.S_ISREG(info.st_mode)
    return line, path if regular else None, max(info.st_mtime_ns, info.st_ctime_ns)


def _checked(name: str) -> str:
    if "\n" in name or "\t" in name or "\r" in name:
        raise _Unknown("a name with a line break")
    return name


def _crc_of(path: str) -> int:
    import zlib

    with open(path, "rb") as stream:
        content = stream.read(MAX_READ + 1)
    if len(content) > MAX_READ:
        raise _Unknown("too large to check")
    return zlib.crc32(content)


# keeping a line ------------------------------------------------------------------------


class StatusWatch:
    """Keeps a freshly made status line, under the stamps its inputs had before they were read.

    Create it before the config is read, call ``look()`` just before the journal
    is read (after a command's own change), and ``keep(line, today, state)`` once
    the line is made. ``kept(path)`` gives back the line kept last when nothing
    changed since, and its state when nothing but the file at ``path`` did.

    The kept fingerprint is compared as it was taken: files racily clean at *its*
    reference carry their CRC (read now, before the inputs are); the new one is
    kept with this watch's own reference.
    """

    def __init__(self, data_dir: str | os.PathLike[str], config_dir: str | os.PathLike[str]) -> None:
        self.data_dir = os.fspath(data_dir)
        self.config_dir = os.fspath(config_dir)
        self.reference = _clock()
        self.today = today_text()
        self._kept = _read(self.data_dir)
        earlier = self._kept[0] if self._kept is not None else self.reference
        self._compared = earlier if earlier <= self.reference else self.reference
        self._crcs: dict[str, int] = {}
        self._settings = self._take(_settings_stamps, self.config_dir)
        self._data: list[Stamp] | None = None

    def look(self) -> None:
        """Take the journal's and the partners' stamps, just before they are read."""
        self._data = self._take(_data_stamps, self.data_dir)

    def kept(self, path: str | os.PathLike[str]) -> tuple[str | None, str | None]:
        """``(line, state)`` as kept: the line if nothing it was made from changed since (and
        it is still the same day), the state if nothing but the week file at ``path`` did.

        Call it after ``look()``.
        """
        if self._kept is None or self._settings is None or self._data is None:
            return None, None
        _, today, line, state, lines = self._kept
        settings = _lines(self._settings, self._compared, self._crcs)
        data = _lines(self._data, self._compared, self._crcs)
        if lines == settings + data:
            return (line if today == self.today else None), (None if state == NO_STATE else state)
        path = os.fspath(path)
        name = f"{os.path.basename(os.path.dirname(path))}/{os.path.basename(path)}\t"
        if state == NO_STATE or lines[: len(settings)] != settings:
            return None, None
        if [text for text in lines[len(settings) :] if not text.startswith(name)] != [
            text for text in data if not text.startswith(name)
        ]:
            return None, None
        return None, state

    def keep(self, line: str, today: date, state: str | None = None) -> bool:
        """Keep ``line`` (made for ``today``) and ``state`` under the stamps taken; True when kept."""
        state = NO_STATE if state is None else state
        if self._settings is None or self._data is None or "\n" in line or "\r" in line or "\n" in state:
            return False
        if today.isoformat() != self.today or today_text() != self.today:
            return False  # made for another day than the stamps were taken on (midnight, or pinned)
        lines = _lines([*self._settings, *self._data], self.reference, self._crcs)
        return _write(self.data_dir, self.reference, self.today, line, state, lines)

    def _take(self, stamps, folder: str) -> list[Stamp] | None:
        """The stamps, and the CRC of every file racily clean at either reference (read now)."""
        try:
            taken = stamps(folder)
            self._crcs = _crcs(taken, self._compared, self._crcs)  # the earlier one: more files
            return taken
        except (OSError, _Unknown, UnicodeError):
            return None


# the file -------------------------------------------------------------------------------


def _read(data_dir: str) -> tuple[int, str, str, str, list[str]] | None:
    """``(reference, today, line, state, fingerprint)`` as kept; None when missing or damaged."""
    import zlib

    try:
        with open(cache_file(data_dir), "rb") as stream:
            raw = stream.read()
    except OSError:
        return None
    header, _, body = raw.partition(b"\n")
    if header != b"%s %d %d" % (HEADER, FORMAT, zlib.crc32(body)):
        return None
    try:
        reference, today, line, state, *lines = body.decode("utf-8").split("\n")
        return int(reference), today, line, state, lines
    except ValueError:  # too few lines, not UTF-8, not a number
        return None


def _write(data_dir: str, reference: int, today: str, line: str, state: str, lines: list[str]) -> bool:
    """Replace the cache atomically; False (and nothing raised) when it cannot be written."""
    import zlib

    try:
        body = "\n".join([str(reference), today, line, state, *lines]).encode("utf-8")
    except UnicodeError:  # a file name that is not text
        return False
    path = cache_file(data_dir)
    temporary = f"{path}.tmp-{os.getpid()}"
    try:
        if not os.path.isdir(os.path.dirname(path)):
            os.mkdir(os.path.dirname(path))  # only the cache folder: never a missing data folder
        with open(temporary, "wb") as stream:
            stream.write(b"%s %d %d\n" % (HEADER, FORMAT, zlib.crc32(body)) + body)
        os.replace(temporary, path)
    except OSError:
        import contextlib

        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    return True
