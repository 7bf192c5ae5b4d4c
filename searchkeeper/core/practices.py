"""The practices a week is audited against: thirteen built in, more from the user's config."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from searchkeeper.core.errors import UnknownPractice
from searchkeeper.core.prefix import matching
from searchkeeper.core.weeks import Week

WEEKLY, MONTHLY, STANDING = "weekly", "monthly", "standing"
CADENCES = (WEEKLY, MONTHLY, STANDING)
HABITS, MAINTENANCE = "habits", "maintenance"
GROUPS = (HABITS, MAINTENANCE)


@dataclass(frozen=True, slots=True)
class Practice:
    """One practice: what it is, how it is asked, why it matters, how often it counts.

    Its lifespan: it counts from the week ``since`` (None: from the beginning) up to the
    week before ``until``, the week it was retired (None: it is not). ``cadence`` is its
    cadence now; ``earlier`` holds the cadences it had before, each as ``(week, cadence)``:
    ``cadence`` up to the week before ``week``, oldest first.
    """

    id: str
    group: str
    title: str
    question: str
    why: str
    cadence: str = WEEKLY
    builtin: bool = True
    retired: bool = False
    since: Week | None = None
    until: Week | None = None
    earlier: tuple[tuple[Week, str], ...] = ()

    def counts_in(self, week: Week) -> bool:
        """Whether this practice is one of ``week``'s: added by then and not yet retired (one
        retired with no week of retirement counts in no week)."""
        if self.until is None and self.retired:
            return False
        return (self.since is None or self.since <= week) and (self.until is None or week < self.until)

    def cadence_in(self, week: Week) -> str:
        """The cadence this practice had in ``week``."""
        return next((cadence for until, cadence in self.earlier if week < until), self.cadence)


class Catalogue:
    """The practices in display order, active and retired, looked up by id or prefix."""

    def __init__(self, practices: Iterable[Practice]) -> None:
        self._all = {practice.id: practice for practice in practices}
        self._turns = sorted(_turning_weeks(self._all.values()))
        """The weeks a practice starts, stops or changes cadence: between two, every week has the same
        list (with none, every week has the one list)."""
        self._between: dict[int, list[Practice]] = {}
        """``in_week``'s list for each stretch between turning weeks, worked out once."""

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

    def in_week(self, week: Week) -> list[Practice]:
        """The practices that count in ``week``, in display order, each with its cadence that week:
        the one rule of a practice's lifespan, for scoring and for every list of a week's rows."""
        stretch = bisect_right(self._turns, week)
        if stretch not in self._between:
            self._between[stretch] = self._work_out(week)
        return list(self._between[stretch])

    def _work_out(self, week: Week) -> list[Practice]:
        found = []
        for practice in self._all.values():
            if practice.counts_in(week):
                cadence = practice.cadence_in(week) if practice.earlier else practice.cadence
                found.append(practice if cadence == practice.cadence else replace(practice, cadence=cadence))
        return found

    def in_any(self, weeks: Iterable[Week]) -> list[Practice]:
        """The practices that count in at least one of ``weeks``, in display order."""
        weeks = list(weeks)
        return [p for p in self._all.values() if any(p.counts_in(week) for week in weeks)]

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
        candidates = matching(given, (p.id for p in self.active))
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


def _turning_weeks(practices: Iterable[Practice]) -> set[Week]:
    """Every week in which some practice begins or stops counting, or takes another cadence."""
    turns: set[Week] = set()
    for practice in practices:
        turns.update(week for week in (practice.since, practice.until) if week is not None)
        turns.update(until for until, _ in practice.earlier)
    return turns
