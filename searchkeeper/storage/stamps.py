"""The one rule for "has this file changed", and the stamps of everything a data folder's views read.

A stamp is a file's size, mtime_ns, ctime_ns and inode: an editor that rewrites a file
in place, keeps its size and puts its mtime back still changes its ctime, which no user
call can set back. But a file changed twice within one tick of the file system's clock
can keep an equal stamp, so a file changed less than ``RACY_NS`` before it was looked at
is "racily clean" (git's word): what is kept of it (``kept``) is its stamp and the CRC-32
of its content, and the CRC is checked again whenever the kept stamp is used
(``unchanged``). The clock is read before the stamp is taken, and the stamp before the
content is read: a change after the look always shows, in the stamp or in the CRC.

``watched`` gives the stamps of every input; the derived index and the dashboard's
watcher compare them, and nothing else.
"""

from __future__ import annotations

import io
import os
import stat
import time

from searchkeeper.storage.paths import CONFIG_NAME, JOURNAL_FOLDER, PARTNERS_NAME

Stamp = tuple[int, int, int, int]
"""``(size, mtime_ns, ctime_ns, inode)``."""
RACY_NS = 2_000_000_000
"""A file changed less than this long (2 s) before it was looked at: its stamp alone is not trusted."""
MAX_BYTES = 1024 * 1024
"""The largest user file searchkeeper reads (a week file, ``partners.yaml``, ``config.yaml``), and
so the largest it writes (``yamlfile``); the index reads no more of a week file either."""
MAX_CRC_BYTES = 2 * 1024 * 1024
"""A racy file larger than this is not read for its CRC: it counts as changed."""
NO_CRC = -1
"""The CRC of a racy file that cannot be read: it never matches, so the file counts as changed."""
clock = time.time_ns


def stamp_of(info: os.stat_result) -> Stamp:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def is_racy(stamp: Stamp, now_ns: int) -> bool:
    """True when a file with this stamp, looked at ``now_ns``, may still change without its stamp changing."""
    return max(stamp[1], stamp[2]) > now_ns - RACY_NS


def kept(stamp: Stamp | None, path: str, now_ns: int, content: bytes | None = None) -> list[int] | None:
    """What to keep of a file seen with ``stamp`` at ``now_ns``: the stamp, and the CRC of its
    ``content`` (as read after the stamp, else read now) if it is racy. None for no file."""
    if stamp is None or not is_racy(stamp, now_ns):
        return None if stamp is None else list(stamp)
    return [*stamp, crc_of(path) if content is None else _crc(content)]


def unchanged(before: object, stamp: Stamp | None, path: str) -> bool:
    """Whether the file at ``path``, now seen with ``stamp``, is still the one ``before`` (``kept``) describes."""
    if before is None or stamp is None:
        return before is None and stamp is None
    if type(before) is not list or before[:4] != list(stamp):
        return False
    return len(before) == 4 or (len(before) == 5 and before[4] == crc_of(path))


def crc_of(path: str) -> int:
    """The CRC-32 of the file's content; ``NO_CRC`` when it cannot be read or is too large."""
    try:
        return _crc(read_regular(path, MAX_CRC_BYTES))
    except OSError:
        return NO_CRC


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_READ_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class NotRegular(OSError):
    """A FIFO, a socket, a folder or a device where a file was expected; ``kind`` says which."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def not_regular(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is not a regular file (``"a FIFO"``), else None."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "an unusual kind of file")


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of the regular file at ``path`` (a link is followed).

    Anything else named like a user's file is never read (opening a FIFO waits for a
    writer forever, a device may never end): ``NotRegular`` names it, seen before it is
    opened and again once it is open, without blocking (it could have been swapped in).
    """
    kind = not_regular(os.stat(path).st_mode)
    if kind is None:
        descriptor = os.open(path, _READ_FLAGS)
        with open(descriptor, "rb", buffering=0, closefd=True) as stream:
            kind = not_regular(os.fstat(descriptor).st_mode)
            if kind is None:
                return _read_up_to(stream, limit + 1)
    raise NotRegular(kind)


_PIECE = 64 * 1024
"""Bytes asked for at a time: more than most files hold, less than the allocator maps anew each time."""


def _read_up_to(stream: io.RawIOBase, size: int) -> bytes:
    """At most ``size`` bytes, in pieces: asked for at once, a buffer of ``size`` would be made
    for every file, though most are a few KiB: three times the time to read one."""
    pieces = []
    while size > 0:
        piece = stream.read(min(_PIECE, size))
        if not piece:
            break
        pieces.append(piece)
        size -= len(piece)
    return b"".join(pieces)


def content_of(path: str | os.PathLike[str], limit: int) -> bytes | None:
    """The regular file's content; None when ``read_regular`` fails or it is larger than ``limit``."""
    try:
        content = read_regular(path, limit)
    except OSError:
        return None
    return content if len(content) <= limit else None


def _crc(content: bytes) -> int:
    import zlib

    return zlib.crc32(content) if len(content) <= MAX_CRC_BYTES else NO_CRC


def watched(data_dir: str | os.PathLike[str], config_dir: str | os.PathLike[str]) -> dict[str, Stamp | None]:
    """The stamp of every input, by name (None for a missing file, links followed): ``config.yaml``,
    ``partners.yaml``, and each entry of the journal folder and of its year folders
    (``journal/2026/2026-W48.yaml``; a year folder itself, ``journal/2026/``, has no stamp)."""
    found: dict[str, Stamp | None] = {
        CONFIG_NAME: stamp_at(os.path.join(config_dir, CONFIG_NAME)),
        PARTNERS_NAME: stamp_at(os.path.join(data_dir, PARTNERS_NAME)),
    }
    for year in _entries(os.path.join(data_dir, JOURNAL_FOLDER)):
        name = f"{JOURNAL_FOLDER}/{year.name}"
        if not is_folder(year):
            found[name] = stamp_at(year.path)
            continue
        found[name + "/"] = None
        for entry in _entries(year.path):
            found[f"{name}/{entry.name}"] = stamp_at(entry.path)
    return found


def path_of(name: str, data_dir: str | os.PathLike[str], config_dir: str | os.PathLike[str]) -> str:
    """The path of an input ``watched`` names."""
    return os.path.join(config_dir if name == CONFIG_NAME else data_dir, name)


def _entries(folder: str) -> list[os.DirEntry[str]]:
    try:
        return list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []


def stamp_at(path: str) -> Stamp | None:
    """The stamp of the file at ``path``; None when there is none (or it cannot be looked at)."""
    try:
        return stamp_of(os.stat(path))
    except OSError:
        return None


def is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether a listed entry is a folder (a link followed); False when that cannot be told."""
    try:
        return entry.is_dir()
    except OSError:
        return False
