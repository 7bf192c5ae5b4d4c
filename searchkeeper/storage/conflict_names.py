"""Telling a sync tool's conflict copy from a user's file by its name alone (see ``conflicts``).

When two machines change one file before a sync, the tool keeps both, the second under a name
of its own making. ``copy_name`` knows those of the common tools, for week files and
``partners.yaml`` alike::

    2026-W48.sync-conflict-20261127-120000-ABCDEFG.yaml    Syncthing
    2026-W48 (Ana's conflicted copy 2026-11-27).yaml       Dropbox
    2026-W48 (conflicted copy 2026-11-27 120000).yaml      Nextcloud, ownCloud
    2026-W48_conflict-20261127-120000.yaml                 ownCloud (older versions)
    2026-W48 2.yaml                                        iCloud
    2026-W48-LAPTOP.yaml                                   OneDrive (the computer's name)
    2026-W48 (1).yaml                                      Google Drive

A name that starts like one of the user's files and goes on in none of these ways
(``partners copy.yaml``, ``2026-W48-old.yaml``) *looks* like a copy: it is neither read nor
merged, and ``check`` names it. Kept apart from ``conflicts`` (the merge) because every listing
of the journal asks it. Also here: which other files of the journal folder are not read, and
why (``not_read_because``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from searchkeeper.core.weeks import Week
from searchkeeper.storage.paths import PARTNERS_NAME

_ORIGINAL = re.compile(r"^(?P<stem>[0-9]{4}-W[0-9]{2}(?![0-9])|partners)(?P<rest>.*)\.yaml$")
_TOOLS = (
    ("Syncthing", r"\.sync-conflict-[0-9]{8}-[0-9]{6}-[A-Z0-9]+"),
    ("Nextcloud or ownCloud", r" \(conflicted copy [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{6}\)"),
    ("ownCloud", r"_conflict-[0-9]{8}-[0-9]{6}"),
    ("Dropbox", r" \((?:[^()]+['’]s )?conflicted copy(?: [0-9]{4}-[0-9]{2}-[0-9]{2})?(?: \([0-9]+\))?\)"),
    ("iCloud", r" (?:[2-9]|[1-9][0-9]+)"),
    ("Google Drive", r" \([0-9]+\)"),
    ("OneDrive", r"-(?=.*[A-Z])[A-Za-z0-9-]{1,15}"),  # a computer name: 15 characters at most
)


@cache
def _tool_suffixes() -> list[tuple[str, re.Pattern[str]]]:
    """The tools' patterns, compiled when a name first looks like a copy (rarely: not on every start)."""
    return [(tool, re.compile(pattern)) for tool, pattern in _TOOLS]


_KEY_AT_START = re.compile(r"^([0-9]{4}-W[0-9]{2})(?![0-9])")


@dataclass(frozen=True)
class CopyName:
    """What a name says of the file: a copy of ``original`` made by ``tool``, or, when ``tool`` is
    None, a name that only looks like a copy of it."""

    original: str
    tool: str | None

    @property
    def week(self) -> Week | None:
        """The week of a week file's copy; None for ``partners.yaml`` or a week key out of range."""
        try:
            return Week.parse(self.original.removesuffix(".yaml"))
        except ValueError:
            return None


def copy_name(name: str) -> CopyName | None:
    """The file ``name`` is a sync conflict copy of, and by which tool (see the module); None for
    any name that does not start like a user's file and go on past it (a week file itself, a
    dotfile, anything else)."""
    match = _ORIGINAL.match(name)
    if match is None or not match["rest"]:
        return None
    original = match["stem"] + ".yaml"
    tool = next((tool for tool, suffix in _tool_suffixes() if suffix.fullmatch(match["rest"])), None)
    return CopyName(original, tool)


def conflict_week(name: str) -> Week | None:
    """The week a week file's conflict copy belongs to, or None if the name is not one."""
    found = copy_name(name)
    return found.week if found is not None and found.tool is not None else None


def _week_at_start(name: str) -> Week | None:
    match = _KEY_AT_START.match(name)
    try:
        return Week.parse(match.group(1)) if match is not None else None
    except ValueError:
        return None


YAML_ENDINGS = (".yaml", ".yml")


def is_week_file(name: str) -> bool:
    """Whether the journal reads a file of this name in a year folder: a ``.yaml`` that is not a
    dotfile (the app's temporary files among them), a sync conflict copy nor a name like one."""
    return name.endswith(".yaml") and not name.startswith(".") and copy_name(name) is None


def not_read_because(name: str, in_year_folder: bool) -> str | None:
    """Why the journal does not read the file ``name``, or None when it does or means not to.

    ``in_year_folder``: the file is in a folder of ``journal/`` (else at its top). Dotfiles and
    sync conflict copies are left alone on purpose; a week file with a bad name is reported as it
    is read. Any other file is one the user may think is read and is not: the reason says why.
    """
    if name.startswith(".") or conflict_week(name) is not None or (in_year_folder and is_week_file(name)):
        return None
    lookalike = looks_like_a_copy(name)
    if lookalike is not None:
        return lookalike
    yaml_like = name.lower().endswith(YAML_ENDINGS)
    wrong_ending = yaml_like and not name.endswith(".yaml")
    if in_year_folder:
        return "a week file ends in .yaml" if wrong_ending else "not a week file (journal/<year>/<week>.yaml)"
    week = _week_at_start(name)
    if week is None:
        return "not a week file (journal/<year>/<week>.yaml)"
    reason = f"a week file belongs in its year's folder, journal/{week.year}/"
    return f"{reason}, and ends in .yaml" if wrong_ending else reason


def looks_like_a_copy(name: str) -> str | None:
    """Why a name that only looks like a conflict copy is neither read nor merged, or None."""
    found = copy_name(name)
    if found is None or found.tool is not None or (found.original != PARTNERS_NAME and found.week is None):
        return None
    return (
        f"named like a copy of {found.original}, but not as a sync tool names its conflict copies: "
        "not merged (merge it by hand, or rename it)"
    )
