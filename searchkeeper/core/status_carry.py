"""What the status line needs from the weeks before the current one, so that a change to it is cheap.

A tick changes the current week's file and nothing else: every week before it
scores as it did. A ``Carry`` holds what scoring those weeks left behind (the
streak, the longest run, the momentum value, each standing practice's state) and
the weeks whose records the current week's score and audit phrase still read:
the other weeks of its month (monthly practices) and last week. From it the line
is made again out of a handful of week files instead of the whole history.

``status_cache`` keeps the carry beside the line and gives it back only when
nothing but the current week's file changed since: the same config, no partners
file (its automatic tick may move within the month), every other file's stamp
equal. ``carry_for`` refuses a history it cannot carry (a broken week close to the
current one), and the command line keeps a carry only when it gives back the very
line the whole history gave.
"""

from __future__ import annotations

from searchkeeper.core.scoring import (
    WeekScore,
    momentum,
    momentum_value,
    score_weeks,
    standing_states,
    streaks,
)
from searchkeeper.core.weeks import Week

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from collections.abc import Mapping

    from searchkeeper.core.practices import Catalogue
    from searchkeeper.core.records import History, WeekRecord
    from searchkeeper.core.scoring import Summary

FORMAT = "carry1"


class Carry:
    """The scoring state entering ``week``, and the weeks its score still reads."""

    __slots__ = ("week", "streak", "longest", "momentum", "standing", "weeks", "problems", "conflicts")

    def __init__(
        self,
        week: Week,
        streak: int,
        longest: int,
        momentum: float | None,
        standing: dict[str, bool],
        weeks: list[Week],
        problems: int,
        conflicts: int,
    ) -> None:
        self.week = week
        self.streak = streak
        self.longest = longest
        self.momentum = momentum
        """The moving average (0..1) after the week before ``week``; None before any counted week."""
        self.standing = standing
        """Each standing practice's state entering the first of ``weeks`` (or ``week``)."""
        self.weeks = weeks
        """The weeks with records that ``week``'s score and audit phrase read, ``week`` left out."""
        self.problems = problems
        self.conflicts = conflicts

    def to_text(self) -> str:
        """One line of words (practice ids hold no spaces, commas or ``=``)."""
        standing = ",".join(f"{key}={int(value)}" for key, value in self.standing.items()) or "-"
        weeks = ",".join(week.key for week in self.weeks) or "-"
        value = "-" if self.momentum is None else repr(self.momentum)
        numbers = f"{self.streak} {self.longest} {value} {self.problems} {self.conflicts}"
        return f"{FORMAT} {self.week.key} {numbers} {standing} {weeks}"

    @classmethod
    def from_text(cls, text: str) -> Carry | None:
        """The carry ``to_text`` wrote; None for anything else."""
        try:
            kind, week, streak, longest, value, problems, conflicts, standing, weeks = text.split(" ")
            if kind != FORMAT:
                return None
            states = {}
            for item in standing.split(",") if standing != "-" else ():
                key, _, flag = item.partition("=")
                states[key] = flag == "1"
            return cls(
                Week.parse(week),
                int(streak),
                int(longest),
                None if value == "-" else float(value),
                states,
                [Week.parse(key) for key in weeks.split(",")] if weeks != "-" else [],
                int(problems),
                int(conflicts),
            )
        except ValueError:
            return None


def carry_for(
    history: History,
    summary: Summary,
    catalogue: Catalogue,
    week: Week,
    problems: int,
    conflicts: int,
) -> Carry | None:
    """The carry into ``week`` from a history and its summary; None when it cannot be carried."""
    broken = history.broken_weeks
    records = history.records
    weeks = sorted(w for w in records if w != week and (w.month == week.month or w == week.previous()))
    first = min([*weeks, week])
    if any(w.month == week.month or first <= w <= week for w in broken):
        return None
    before = [score for score in summary.scores if score.week < week]
    streak, longest = streaks(before, summary.threshold)
    standing = standing_states(records, catalogue, first, broken)
    return Carry(week, streak, longest, momentum_value(before), standing, weeks, problems, conflicts)


def carried_scores(
    carry: Carry, records: Mapping[Week, WeekRecord], catalogue: Catalogue, threshold: float
) -> tuple[WeekScore, int, int, int]:
    """``(score, streak, longest, momentum)`` of the carry's week, from the records of its weeks."""
    score = score_weeks(records, catalogue, carry.week, carry.week, standing=carry.standing)[-1]
    streak, longest = streaks([score], threshold, (carry.streak, carry.longest))
    return score, streak, longest, momentum([score], carry.momentum)
