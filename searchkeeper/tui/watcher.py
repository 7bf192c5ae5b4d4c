"""Noticing changes made outside the dashboard (``searchkeeper tick`` in another shell).

Polling, not an OS watcher: one ``stat`` per week file (and per YAML file at the top
of the data folder), which costs well under a millisecond for years of weeks and
works the same on every system and on synced folders.
"""

from __future__ import annotations

import os

from searchkeeper.storage.journal import Journal

Stamp = frozenset[tuple[str, int, int, int]]


def _yaml_files(folder: str, found: set[tuple[str, int, int, int]]) -> list[os.DirEntry[str]]:
    """Add the YAML files in ``folder`` to ``found``; return its subfolders."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    folders = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.name.endswith(".yaml"):
            try:
                info = entry.stat()
            except OSError:
                continue
            found.add((entry.path, info.st_mtime_ns, info.st_size, info.st_ino))
        elif entry.is_dir():
            folders.append(entry)
    return folders


def stamp(journal: Journal) -> Stamp:
    """Name, modification time, size and inode of every file the dashboard reads."""
    found: set[tuple[str, int, int, int]] = set()
    _yaml_files(str(journal.data_dir), found)
    for year in _yaml_files(str(journal.folder), found):
        _yaml_files(year.path, found)
    return frozenset(found)
