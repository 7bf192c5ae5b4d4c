"""The one rule for "has this file changed": a file's stamp, and the stamps of a data folder.

A stamp is a file's size, mtime_ns, ctime_ns and inode. An editor that rewrites a
file in place, keeps its size and puts its mtime back still changes its ctime,
which no user call can set back. But a file changed twice within one tick of the
file system's clock can keep an equal stamp: a file changed less than ``RACY_NS``
before it was looked at is "racily clean" (git's word) and its stamp alone is not
trusted.

``watched`` gives the stamps of everything a history, a status line or the
dashboard is made from; the derived index and the dashboard's watcher both
compare them, and nothing else.
"""

from __future__ import annotations

import os

from searchkeeper.storage.paths import CONFIG_NAME, JOURNAL_FOLDER, PARTNERS_NAME

Stamp = tuple[int, int, int, int]
"""``(size, mtime_ns, ctime_ns, inode)``."""
CACHE_FOLDER = ".cache"
"""Where older versions kept derived files in the data folder (removed on first use)."""
RACY_NS = 2_000_000_000
"""A file changed less than this long (2 s) before it was looked at: its stamp alone is not trusted."""


def stamp_of(info: os.stat_result) -> Stamp:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def is_racy(stamp: Stamp, now_ns: int) -> bool:
    """True when a file with this stamp, looked at ``now_ns``, may still change without its stamp changing."""
    return max(stamp[1], stamp[2]) > now_ns - RACY_NS


def watched(data_dir: str | os.PathLike[str], config_dir: str | os.PathLike[str]) -> dict[str, Stamp | None]:
    """The stamp of every input, by name: ``config.yaml``, ``partners.yaml``, and each entry of
    the journal folder and of its year folders (``journal/2026/2026-W48.yaml``; folders and
    other entries included, a folder stamped with zeros but its inode).

    A missing file is None. Links are followed, as the history does.
    """
    found: dict[str, Stamp | None] = {
        CONFIG_NAME: _stamp_or_none(os.path.join(config_dir, CONFIG_NAME)),
        PARTNERS_NAME: _stamp_or_none(os.path.join(data_dir, PARTNERS_NAME)),
    }
    journal = os.path.join(data_dir, JOURNAL_FOLDER)
    for year in _entries(journal):
        name = f"{JOURNAL_FOLDER}/{year.name}"
        if not _is_dir(year):
            found[name] = _entry_stamp(year)
            continue
        found[name + "/"] = None
        for entry in _entries(year.path):
            found[f"{name}/{entry.name}"] = _entry_stamp(entry)
    return found


def _entries(folder: str) -> list[os.DirEntry[str]]:
    try:
        return list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _entry_stamp(entry: os.DirEntry[str]) -> Stamp | None:
    try:
        return stamp_of(entry.stat())
    except OSError:
        return None


def _stamp_or_none(path: str) -> Stamp | None:
    try:
        return stamp_of(os.stat(path))
    except OSError:
        return None
