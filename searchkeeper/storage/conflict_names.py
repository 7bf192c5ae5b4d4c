"""Telling a sync tool's conflict copy from a week file by its name alone (see ``conflicts``).

Any name that starts with a week key and says "conflict" is one. Kept apart from
``conflicts`` (the merge) because every listing of the journal asks it.
"""

from __future__ import annotations

import re

from searchkeeper.core.weeks import Week

_KEY_AT_START = re.compile(r"^([0-9]{4}-W[0-9]{2})(?![0-9])")


def conflict_week(name: str) -> Week | None:
    """The week a conflict copy's file name belongs to, or None if the name is not one."""
    if name.startswith(".") or "conflict" not in name.lower():
        return None
    match = _KEY_AT_START.match(name)
    if match is None:
        return None
    try:
        return Week.parse(match.group(1))
    except ValueError:
        return None
