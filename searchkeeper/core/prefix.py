"""A word the user types for one of a few names: the name itself, or a prefix of only one.

``Catalogue.resolve`` reads practice ids this way; the command line reads partner kinds
and channels with ``one_of``.
"""

from __future__ import annotations

from collections.abc import Iterable

from searchkeeper.core.errors import SearchkeeperError


def matching(given: str, names: Iterable[str]) -> list[str]:
    """The names ``given`` may mean: itself when it is one, else every name it begins (none for "")."""
    names = list(names)
    if given in names:
        return [given]
    return [name for name in names if given and name.startswith(given)]


def one_of(given: str, names: Iterable[str], what: str) -> str:
    """The one name of ``names`` that ``given`` means; ``SearchkeeperError`` listing the candidates
    (every name it begins, or all of them when it begins none). ``what`` names the kind of name."""
    names = list(names)
    found = matching(given.strip().lower(), names)
    if len(found) == 1:
        return found[0]
    if found:
        raise SearchkeeperError(f"'{given}' matches several {what}s: {', '.join(found)}")
    raise SearchkeeperError(f"no {what} matches '{given}' (one of {', '.join(names)})")
