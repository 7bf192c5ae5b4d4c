"""Noticing changes made outside the dashboard (``searchkeeper tick`` in another shell).

Polling, not an OS watcher: one ``stat`` per week file, which costs well under a
millisecond for years of weeks and works the same on every system and on synced
folders.
"""

from __future__ import annotations

import os

from searchkeeper.core.store import Journal
from searchkeeper.core.yamlfile import TEMP_PREFIX

Stamp = frozenset[tuple[str, int, int, int]]


def stamp(journal: Journal) -> Stamp:
    """Name, modification time, size and inode of every week file: it changes when any of them does."""
    found: set[tuple[str, int, int, int]] = set()
    try:
        years = list(os.scandir(journal.folder))
    except OSError:
        return frozenset()
    for year in years:
        if not year.is_dir():
            continue
        try:
            entries = list(os.scandir(year.path))
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(".yaml") and not entry.name.startswith(TEMP_PREFIX):
                try:
                    info = entry.stat()
                except OSError:
                    continue
                found.add((entry.path, info.st_mtime_ns, info.st_size, info.st_ino))
    return frozenset(found)
