"""The one family of errors searchkeeper shows to its user."""

from __future__ import annotations

from pathlib import Path


class SearchkeeperError(Exception):
    """An error with a message fit for one line on the user's screen."""


class FileProblem(SearchkeeperError):
    """A file that could not be read or does not hold what it should.

    Carries the path, the line (1-based, when one is known) and the reason, and
    prints as ``path:line: reason`` like a compiler does.
    """

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.reason}"

    def __reduce__(self) -> tuple[type[FileProblem], tuple[Path, str, int | None]]:
        """Pickled as made (a read handed over by another process carries its problems)."""
        return type(self), (self.path, self.reason, self.line)


class JournalError(FileProblem):
    """A week file that does not load or does not validate. It is never overwritten."""


class ConfigError(FileProblem):
    """A config file with a bad key or value."""


class UnknownPractice(SearchkeeperError):
    """A practice id (or prefix) that matches none, or more than one, practice."""

    def __init__(
        self, given: str, candidates: list[str], ambiguous: bool = True, retired: bool = False
    ) -> None:
        self.given = given
        self.candidates = candidates
        if retired:
            message = f"'{given}' is retired (bring it back in config.yaml to tick it)"
        elif candidates and ambiguous:
            message = f"'{given}' matches several practices: {', '.join(candidates)}"
        elif candidates:
            message = f"no practice matches '{given}'; did you mean {', '.join(candidates)}?"
        else:
            message = f"no practice matches '{given}' (see 'searchkeeper practices')"
        super().__init__(message)


class NoteTooLong(SearchkeeperError):
    """A note longer than a note may be (``records.MAX_NOTE``); nothing is changed."""

    def __init__(self, length: int, limit: int) -> None:
        self.length, self.limit = length, limit
        super().__init__(f"a note is at most {limit} characters (this one has {length})")
