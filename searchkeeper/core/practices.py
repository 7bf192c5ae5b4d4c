"""The practices a week is audited against: thirteen built in, more from the user's config."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from searchkeeper.core.errors import UnknownPractice

WEEKLY, MONTHLY, STANDING = "weekly", "monthly", "standing"
CADENCES = (WEEKLY, MONTHLY, STANDING)
HABITS, MAINTENANCE = "habits", "maintenance"
GROUPS = (HABITS, MAINTENANCE)


@dataclass(frozen=True, slots=True)
class Practice:
    """One practice: what it is, how it is asked, why it matters, how often it counts."""

    id: str
    group: str
    title: str
    question: str
    why: str
    cadence: str = WEEKLY
    builtin: bool = True
    retired: bool = False


class Catalogue:
    """The practices in display order, active and retired, looked up by id or prefix."""

    def __init__(self, practices: Iterable[Practice]) -> None:
        self._all = {practice.id: practice for practice in practices}

    def __iter__(self) -> Iterator[Practice]:
        """The active practices, habits first."""
        return iter(self.active)

    def __len__(self) -> int:
        return len(self.active)

    def __contains__(self, practice_id: object) -> bool:
        return practice_id in self._all

    @property
    def everything(self) -> list[Practice]:
        return list(self._all.values())

    @property
    def active(self) -> list[Practice]:
        return [p for p in self._all.values() if not p.retired]

    def group(self, group: str) -> list[Practice]:
        return [p for p in self.active if p.group == group]

    @property
    def ids(self) -> list[str]:
        return list(self._all)

    def get(self, practice_id: str) -> Practice | None:
        return self._all.get(practice_id)

    def __getitem__(self, practice_id: str) -> Practice:
        return self._all[practice_id]

    def resolve(self, given: str) -> Practice:
        """The active practice named by ``given``: its id, or a prefix of only one id.

        Raises ``UnknownPractice`` listing the candidates: every id the prefix
        matches, or the closest ids when it matches none.
        """
        practice = self._all.get(given)
        if practice is not None and not practice.retired:
            return practice
        if practice is not None:
            raise UnknownPractice(given, [], retired=True)
        candidates = [p.id for p in self.active if p.id.startswith(given)] if given else []
        if len(candidates) == 1:
            return self._all[candidates[0]]
        if candidates:
            raise UnknownPractice(given, candidates)
        import difflib  # only on this error path: it is slow to import

        active = [p.id for p in self.active]
        close = difflib.get_close_matches(given, active, n=3, cutoff=0.6)
        close += [pid for pid in active if given and given in pid and pid not in close]
        raise UnknownPractice(given, close[:3], ambiguous=False)

    def with_changes(self, practices: Iterable[Practice]) -> Catalogue:
        """This catalogue with ``practices`` added, each in the place of the one with its id if any."""
        return Catalogue({**self._all, **{practice.id: practice for practice in practices}}.values())
