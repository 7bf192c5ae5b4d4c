"""Telling a sync tool's conflict copy from a week file by its name alone (see ``conflicts``).

Any name that starts with a week key and says "conflict" is one. Kept apart from
``conflicts`` (the merge) because every listing of the journal asks it. Also here:
which other files of the journal folder are not read, and why (``not_read_because``).
"""

from __future__ import annotations

import re

from searchkeeper.core.weeks import Week

_KEY_AT_START = re.compile(r"^([0-9]{4}-W[0-9]{2})(?![0-9])")


def conflict_week(name: str) -> Week | None:
    """The week a conflict copy's file name belongs to, or None if the name is not one."""
    if name.startswith(".") or "conflict" not in name.lower():
        return None
    return _week_at_start(name)


def _week_at_start(name: str) -> Week | None:
    match = _KEY_AT_START.match(name)
    try:
        return Week.parse(match.group(1)) if match is not None else None
    except ValueError:
        return None


YAML_ENDINGS = (".yaml", ".yml")


def is_week_file(name: str) -> bool:
    """Whether the journal reads a file of this name in a year folder: a ``.yaml`` that is not a
    dotfile (the app's temporary files among them) nor a sync conflict copy."""
    return name.endswith(".yaml") and not name.startswith(".") and conflict_week(name) is None


def not_read_because(name: str, in_year_folder: bool) -> str | None:
    """Why the journal does not read the file ``name``, or None when it does or means not to.

    ``in_year_folder``: the file is in a folder of ``journal/`` (else at its top). Dotfiles and
    sync conflict copies are left alone on purpose; a week file with a bad name is reported as it
    is read. Any other file is one the user may think is read and is not: the reason says why.
    """
    if name.startswith(".") or conflict_week(name) is not None or (in_year_folder and is_week_file(name)):
        return None
    yaml_like = name.lower().endswith(YAML_ENDINGS)
    wrong_ending = yaml_like and not name.endswith(".yaml")
    if in_year_folder:
        return "a week file ends in .yaml" if wrong_ending else "not a week file (journal/<year>/<week>.yaml)"
    week = _week_at_start(name)
    if week is None:
        return "not a week file (journal/<year>/<week>.yaml)"
    reason = f"a week file belongs in its year's folder, journal/{week.year}/"
    return f"{reason}, and ends in .yaml" if wrong_ending else reason
