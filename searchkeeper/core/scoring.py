"""Week scores, momentum weeks, streaks and the momentum score.

Rules (see DESIGN.md):

* a **weekly** practice is met in a week if it was done that week;
* a **monthly** practice counts once a month: met in the first week of the month it
  was done in (a tick in a later week of that month is not counted again), missed
  in the month's last week if it was not done that month, not counted otherwise.
  Done in an away week, it did happen that month: the away week counts nothing,
  and the month's last week does not call it missed (``done_in_month``);
* a **standing** practice is a state: once done it stays met in later weeks until
  it is unticked; it counts every week (``standing_tick`` says which tick it carries);
* an **excused** practice is not counted that week; an **away** week counts nothing,
  neither extends nor breaks a streak, and holds the momentum score still;
* an **unreadable** week (its file is broken) is unknown, not empty: it counts
  nothing and is neutral like an away week, standing practices keep the state
  they had before it, and a monthly practice is not called missed in its month
  (it may have been done in the unreadable week);
* the week in progress extends a streak once it reaches the threshold and never
  breaks one before it is over; its practices not done yet are *open* (``outcome_word``);
* weeks before the journal began (``first_scored``) are not scored.

Every percentage shown is ``percent`` (half up: 5/8 is 63%), every threshold ``shown_threshold``
(as written: 66.7, not 67), and every word for an outcome ``outcome_word``.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter

from searchkeeper.core.pickled import PickledAsFields
from searchkeeper.core.practices import MONTHLY, STANDING, Catalogue, Practice
from searchkeeper.core.records import DONE, EXCUSED, MISSED, Entry, WeekRecord
from searchkeeper.core.weeks import Week

MET, MISSED_OUTCOME, EXCUSED_OUTCOME, NOT_COUNTED, AWAY, UNREADABLE = (
    "met",
    "missed",
    "excused",
    "not-counted",
    "away",
    "unreadable",
)
DEFAULT_THRESHOLD = 0.6
HALF_LIFE_WEEKS = 2.0
"""After this many weeks, a week's score weighs half as much in the momentum score."""
_ALPHA = 1 - 0.5 ** (1 / HALF_LIFE_WEEKS)
OPEN = "open"
"""The word for a practice of the week in progress not done yet: it is missed only once the week is over."""
NOT_SCORED = "not-scored"
"""The outcome of every practice in a week before the journal began (``first_scored``)."""
_HELD = (DONE, MISSED)
"""The states a standing practice carries into later weeks: a tick, an untick."""
_IN_TIME = attrgetter("year", "number")
"""A week's place in time, in the order ``Week`` sorts by: a sort key compared in C, where
sorting weeks themselves calls ``Week.__lt__`` (Python) for every pair."""


def percent(ratio: float) -> int:
    """``ratio`` (0..1) as a whole percentage, half up (5/8 is 63%, 7/8 88%): every one shown."""
    return math.floor(ratio * 100 + 0.5 + 1e-9)


def shown_threshold(threshold: float) -> str:
    """A threshold (0..1) as a percentage as written, to one decimal at most: ``60``, ``66.7``."""
    return f"{threshold * 100:.1f}".removesuffix(".0")


def outcome_word(outcome: str, in_progress: bool = False) -> str:
    """The word every report gives an outcome: ``open`` for one missed so far in the week in progress."""
    return OPEN if in_progress and outcome == MISSED_OUTCOME else outcome


def first_scored(records: Mapping[Week, WeekRecord], current: Week) -> Week:
    """The week the journal began: its earliest week with a file (not one made only in memory),
    or ``current`` for a new journal. No week before it is scored."""
    return min(
        (week for week, record in records.items() if not record.derived), default=current, key=_IN_TIME
    )


@dataclass(frozen=True, slots=True)
class WeekScore(PickledAsFields):
    """How one week went: what was met out of what counted, practice by practice."""

    week: Week
    met: int
    counted: int
    outcomes: dict[str, str] = field(default_factory=dict)
    away: bool = False
    in_progress: bool = False
    unreadable: bool = False
    """The week's file is broken: what happened is unknown, so nothing is counted."""

    @property
    def ratio(self) -> float | None:
        """``met / counted``, or None when nothing counted (an away, unreadable or fully excused week)."""
        if self.away or self.unreadable or self.counted == 0:
            return None
        return self.met / self.counted

    @property
    def percent(self) -> int | None:
        ratio = self.ratio
        return None if ratio is None else percent(ratio)

    @property
    def neutral(self) -> bool:
        """Counts for nothing: away, unreadable, or nothing was counted."""
        return self.ratio is None

    def is_momentum(self, threshold: float = DEFAULT_THRESHOLD) -> bool:
        ratio = self.ratio
        return ratio is not None and ratio + 1e-9 >= threshold

    @property
    def label(self) -> str:
        if self.unreadable:
            return "?"
        if self.away:
            return "away"
        return f"{self.met}/{self.counted}"


def score_weeks(
    records: Mapping[Week, WeekRecord],
    catalogue: Catalogue,
    last: Week,
    first: Week | None = None,
    unreadable: Collection[Week] = (),
    standing: Mapping[str, bool] | None = None,
    current: Week | None = None,
) -> list[WeekScore]:
    """Score every week from ``first`` (default: the earliest record) to ``last``.

    ``current`` is the week in progress (default: ``last``). Standing practices carry their
    state from the earliest record, even when ``first`` is later; ``standing``
    gives their states entering the earliest record (see ``standing_states``), for
    ``records`` that leave out the weeks before it. Weeks in ``unreadable``
    (broken files) are unknown: scored as ``UNREADABLE``, whatever ``records``
    holds for them.
    """
    start = min(min(records, default=last), first or last, last)
    current = last if current is None else current
    # as ``done_in_month`` tells it: any readable week of the month, away weeks too
    done_months: set[tuple[str, tuple[int, int]]] = set()
    # once a month: the first week of its month a practice was done in (away weeks left out) meets it
    met_in: dict[tuple[str, tuple[int, int]], Week] = {}
    unknown = frozenset(unreadable)
    unknown_months = {week.month for week in unknown}
    for week, record in records.items():
        if week in unknown:
            continue
        month = week.month
        for practice_id, entry in record.practices.items():
            if entry.state == DONE:
                key = (practice_id, month)
                done_months.add(key)
                if not record.away and (key not in met_in or week < met_in[key]):
                    met_in[key] = week
    carried = dict(standing or {})
    scores = []
    weeks = start.until(last)
    months = [week.month for week in weeks]
    months.append(last.next().month)  # so that each week knows whether it ends its month
    skip = 0 if first is None else (first.monday - start.monday).days // 7
    no_entries: dict[str, Entry] = {}
    for index, week in enumerate(weeks):
        practices = [(practice.id, practice.cadence) for practice in catalogue.in_week(week)]
        if week in unknown:
            if index >= skip:
                outcomes = dict.fromkeys((practice_id for practice_id, _ in practices), UNREADABLE)
                scores.append(WeekScore(week, 0, 0, outcomes, in_progress=week == current, unreadable=True))
            continue
        record = records.get(week)
        entries = record.practices if record is not None else no_entries
        away = record is not None and record.away
        month = months[index]
        last_of_month = month != months[index + 1]
        outcomes: dict[str, str] = {}
        met = missed = 0
        for practice_id, cadence in practices:
            entry = entries.get(practice_id)
            state = entry.state if entry is not None else None
            if cadence == STANDING and state in _HELD:  # ``holds_in``: the tick or untick it carries on
                carried[practice_id] = state == DONE
            if away:
                outcome = AWAY
            elif state == EXCUSED:
                outcome = EXCUSED_OUTCOME
            elif state == DONE:
                once = cadence != MONTHLY or met_in.get((practice_id, month)) == week
                outcome = MET if once else NOT_COUNTED
            elif cadence == STANDING:
                outcome = MET if carried.get(practice_id) else MISSED_OUTCOME
            elif cadence == MONTHLY:
                missing = (
                    last_of_month and (practice_id, month) not in done_months and month not in unknown_months
                )
                outcome = MISSED_OUTCOME if missing else NOT_COUNTED
            else:
                outcome = MISSED_OUTCOME
            outcomes[practice_id] = outcome
            if outcome == MET:
                met += 1
            elif outcome == MISSED_OUTCOME:
                missed += 1
        if index >= skip:
            scores.append(WeekScore(week, met, met + missed, outcomes, away, week == current))
    return scores


def done_in_month(records: Mapping[Week, WeekRecord], practice_id: str, week: Week) -> Week | None:
    """Another week of ``week``'s month in which a practice was done: the latest before it, else
    the first after it; None when there is none.

    The rule a monthly practice counts by (``score_weeks``), the dashboard's row shows
    and the audit asks by. A week marked away counts: the practice did happen that
    month. ``records`` holds readable weeks only.
    """
    later = None
    for offset in (-1, -2, -3, -4, 1, 2, 3, 4):  # a month's weeks lie within four weeks of each other
        other = week.shift(offset)
        record = records.get(other)
        if other.month == week.month and record is not None and record.is_done(practice_id):
            if offset < 0:
                return other
            later = later or other
    return later


def standing_tick(records: Mapping[Week, WeekRecord], practice: Practice, week: Week) -> Week | None:
    """The week whose tick a standing practice carries into ``week``, or None when it carries none.

    Its last tick before ``week``, unless an untick came after it (in an away week
    too); an excuse or a note with no state changes nothing, and so does a tick or an
    untick in a week it did not count as standing in (``holds_in``). ``score_weeks``
    carries the same state week by week.
    """
    return _carried_ticks(records, [practice], week)[practice.id]


def holds_in(practice: Practice, week: Week) -> bool:
    """Whether a tick or an untick of ``practice`` in ``week`` is carried on: it counted there, as a
    standing practice. One made before it was added, or while it had another cadence, is not (as
    it was scored then: changing the catalogue never changes the weeks already scored)."""
    return practice.counts_in(week) and practice.cadence_in(week) == STANDING


def standing_states(
    records: Mapping[Week, WeekRecord], catalogue: Catalogue, before: Week, unreadable: Collection[Week] = ()
) -> dict[str, bool]:
    """Each standing practice's state entering ``before``, as ``score_weeks`` carries it there."""
    practices = _standing(catalogue)
    ticks = _carried_ticks(records, practices, before, frozenset(unreadable))
    return {practice.id: ticks[practice.id] is not None for practice in practices}


def _standing(catalogue: Catalogue) -> list[Practice]:
    """The practices ``standing_states`` gives a state for: those standing now or in any week before."""
    return [
        practice
        for practice in catalogue.active
        if practice.cadence == STANDING or any(cadence == STANDING for _, cadence in practice.earlier)
    ]


def _carried_ticks(
    records: Mapping[Week, WeekRecord],
    practices: Sequence[Practice],
    week: Week,
    unreadable: Collection[Week] = frozenset(),
) -> dict[str, Week | None]:
    """``standing_tick`` for each of ``practices``, the weeks in ``unreadable`` left out: one
    pass over the records (in any order), keeping each practice's latest tick or untick before
    ``week`` in a week it holds in."""
    before = _IN_TIME(week)
    latest: dict[str, tuple[tuple[int, int], Week, str]] = {}
    for earlier, record in records.items():
        at = _IN_TIME(earlier)
        if at >= before or (unreadable and earlier in unreadable):
            continue
        entries = record.practices
        for practice in practices:
            entry = entries.get(practice.id)
            if entry is not None and entry.state in _HELD and holds_in(practice, earlier):
                seen = latest.get(practice.id)
                if seen is None or at > seen[0]:
                    latest[practice.id] = (at, earlier, entry.state)
    found: dict[str, Week | None] = {practice.id: None for practice in practices}
    for practice_id, (_, earlier, state) in latest.items():
        found[practice_id] = earlier if state == DONE else None
    return found


def streaks(
    scores: Sequence[WeekScore], threshold: float = DEFAULT_THRESHOLD, start: tuple[int, int] = (0, 0)
) -> tuple[int, int]:
    """``(current, longest)``: runs of momentum weeks, skipping neutral weeks.

    The week in progress adds to the run once it reaches the threshold and is
    skipped until then. ``start`` is ``(current, longest)`` before the first of ``scores``.
    """
    current, longest = start
    for score in scores:
        if score.neutral:
            continue
        if score.is_momentum(threshold):
            current += 1
            longest = max(longest, current)
        elif not score.in_progress:
            current = 0
    return current, longest


def practice_streak(scores: Sequence[WeekScore], practice_id: str, cadence: str) -> int:
    """The current run of a practice in its own cadence: weeks, or months for monthly ones.

    The run starts after the last week that missed it (the week in progress never
    breaks it), so only that far back is looked at; a month counts once, and not
    at all if it was met before the run started. ``scores`` are in time order, as
    ``score_weeks`` gives them, so the only month met both before the run and in it
    is the run's first: only its weeks before the run are looked at.
    """
    start = _run_start(scores, practice_id)
    met = [score.week for score in scores[start:] if score.outcomes.get(practice_id) == MET]
    if cadence != MONTHLY:
        return len(met)
    months = {week.month for week in met}
    if met and _met_earlier_that_month(scores, start, practice_id):
        months.discard(scores[start].week.month)
    return len(months)


def _met_earlier_that_month(scores: Sequence[WeekScore], start: int, practice_id: str) -> bool:
    """Whether a practice was met in a week before ``scores[start]`` in that week's month."""
    month = scores[start].week.month
    for index in range(start - 1, -1, -1):
        if scores[index].week.month != month:
            return False
        if scores[index].outcomes.get(practice_id) == MET:
            return True
    return False


def _run_start(scores: Sequence[WeekScore], practice_id: str) -> int:
    """Where a practice's current run begins in ``scores``: just after the last week that missed
    it, the week in progress left out (0 when none did)."""
    for index in range(len(scores) - 1, -1, -1):
        score = scores[index]
        if score.outcomes.get(practice_id) == MISSED_OUTCOME and not score.in_progress:
            return index + 1
    return 0


def momentum_series(scores: Sequence[WeekScore]) -> list[float | None]:
    """The momentum score after each week, from 0 to 100 (None before the first counted week).

    An exponentially weighted moving average of week scores::

        alpha = 1 - 0.5 ** (1 / HALF_LIFE_WEEKS)      # 0.293 for a half-life of 2 weeks
        m[0]  = s[0]
        m[t]  = m[t-1] + alpha * (s[t] - m[t-1])

    ``s[t]`` is the week's score (0..1). A week's weight halves every
    ``HALF_LIFE_WEEKS`` weeks, so one empty week after a run of full ones leaves
    about 71, and three full weeks after it bring it back to about 90. Away and
    fully excused weeks are skipped: the score holds still across them. The week
    in progress only lifts the score, never lowers it, until it is over.
    """
    value: float | None = None
    series: list[float | None] = []
    for score in scores:
        value = _blended(value, score)
        series.append(None if value is None else value * 100)
    return series


def momentum_value(scores: Sequence[WeekScore], start: float | None = None) -> float | None:
    """The moving average after the last of ``scores`` (0..1), from ``start`` before the first."""
    value = start
    for score in scores:
        value = _blended(value, score)
    return value


def _blended(value: float | None, score: WeekScore) -> float | None:
    ratio = score.ratio
    if ratio is None:
        return value
    blended = ratio if value is None else value + _ALPHA * (ratio - value)
    if score.in_progress and value is not None:
        blended = max(value, blended)
    return blended


def momentum(scores: Sequence[WeekScore], start: float | None = None) -> int:
    """The momentum score after the last week, 0 to 100 (see ``momentum_series``)."""
    value = momentum_value(scores, start)
    return 0 if value is None else percent(value)


@dataclass(frozen=True)
class Tally:
    """The scorecard's totals after the first ``weeks`` week scores of a summary: what scoring
    the weeks after them goes on from, without walking back over the weeks it covers.

    Its weeks end with the last week of a month, so that a practice's run in months
    (``practice_streak``) goes on from it: no month lies on both sides.
    """

    weeks: int
    threshold: float
    runs: tuple[int, int]
    """``(current, longest)``, as ``streaks`` gives them."""
    momentum: float | None
    """As ``momentum_value`` gives it."""
    practice_streaks: dict[tuple[str, str], int]
    """By ``(practice id, cadence)``, as ``practice_streak`` gives them."""
    standing: dict[str, bool] | None = None
    """The standing practices' states entering the week after its weeks (``standing_states``),
    once ``summarise`` has scored again from that week: none of the weeks before it changes
    before the next such scoring (a change reaches back no further than its month)."""

    @classmethod
    def after(
        cls,
        scores: Sequence[WeekScore],
        threshold: float,
        practices: Iterable[tuple[str, str]],
        weeks: int,
        earlier: Tally | None = None,
    ) -> Tally:
        """The totals after ``scores[:weeks]`` of ``practices`` (``(id, cadence)`` pairs), going on
        from ``earlier`` (a tally of fewer of these same ``scores``) when it has the same threshold
        and practices and ends with a month, else from the first week."""
        keys = list(practices)
        if earlier is None or not earlier._goes_on_to(scores, threshold, keys, weeks):
            earlier = cls(0, threshold, (0, 0), None, dict.fromkeys(keys, 0))
        later = scores[earlier.weeks : weeks]
        return cls(
            weeks,
            threshold,
            streaks(later, threshold, earlier.runs),
            momentum_value(later, earlier.momentum),
            {key: _run_goes_on(earlier.practice_streaks[key], later, *key) for key in keys},
        )

    def _goes_on_to(
        self,
        scores: Sequence[WeekScore],
        threshold: float,
        practices: Collection[tuple[str, str]],
        weeks: int,
    ) -> bool:
        """Whether the totals after ``scores[:weeks]`` may go on from this tally of the same scores."""
        return (
            self.threshold == threshold
            and self.practice_streaks.keys() >= set(practices)
            and self.weeks <= weeks
            and (self.weeks in (0, weeks) or scores[self.weeks].week.is_first_of_month)
        )


def _run_goes_on(earlier: int, scores: Sequence[WeekScore], practice_id: str, cadence: str) -> int:
    """``practice_streak`` of some earlier weeks followed by ``scores``, from ``earlier`` (its value
    for the earlier weeks alone); ``scores`` begin with a month's first week."""
    run = practice_streak(scores, practice_id, cadence)
    if earlier and _run_start(scores, practice_id) == 0:  # no miss among them: the earlier run goes on
        run += earlier
    return run


@dataclass(frozen=True)
class Summary:
    """Everything the scorecard shows, computed once from the whole history."""

    scores: list[WeekScore]
    threshold: float
    streak: int
    longest: int
    momentum: int
    practice_streaks: dict[str, int]
    tally: Tally | None = field(default=None, compare=False, repr=False)
    """The totals before the month of the last week: what ``summarise`` after a change to that
    month goes on from (not compared: two equal summaries may hold it or not)."""

    def score_for(self, week: Week) -> WeekScore | None:
        if not self.scores or week < self.scores[0].week or week > self.scores[-1].week:
            return None
        return self.scores[(week.monday - self.scores[0].week.monday).days // 7]

    def scores_of(self, weeks: list[Week]) -> list[WeekScore | None]:
        """``score_for`` each of ``weeks``, one week after another (as ``Week.until`` gives them)."""
        if not weeks or not self.scores:
            return [None] * len(weeks)
        start = (weeks[0].monday - self.scores[0].week.monday).days // 7
        return [
            self.scores[i] if 0 <= i < len(self.scores) else None for i in range(start, start + len(weeks))
        ]

    def scores_until(self, week: Week) -> list[WeekScore]:
        """The week scores up to ``week``, included (one a week, with no gap: cut by position)."""
        if not self.scores or week >= self.scores[-1].week:
            return self.scores
        if week < self.scores[0].week:
            return []
        return self.scores[: (week.monday - self.scores[0].week.monday).days // 7 + 1]


def summarise(
    records: Mapping[Week, WeekRecord],
    catalogue: Catalogue,
    current: Week,
    threshold: float = DEFAULT_THRESHOLD,
    unreadable: Collection[Week] = (),
    before: Summary | None = None,
    since: Week | None = None,
) -> Summary:
    """Score the whole history up to the week in progress, ``current``.

    Weeks after ``current`` that already have files (planned ahead) are not scored:
    scoring never walks past the week in progress, however far ahead a file is.
    Weeks in ``unreadable`` (broken files, see ``History.broken_weeks``) are
    unknown: neutral, like away weeks, so a broken file never breaks a streak
    (nor, before the first readable week, makes the history start earlier).

    ``before`` is the summary of these records as they were before a change to
    ``since`` and later weeks: the weeks before ``since``'s month score as they did
    then (a change reaches back no further: its month's last week, the standing
    practices after it), so only the weeks from that month on are scored again; the
    totals (streaks, momentum) go on from ``before``'s tally of the weeks kept, and the
    standing practices' states entering that month are the tally's when it holds them.
    """
    first = min(current, first_scored(records, current))
    start = since if since is not None and before is not None else first
    while start.previous().month == start.month:
        start = start.previous()
    kept = before.scores[: (start.monday - first.monday).days // 7] if before and start > first else []
    earlier = standing = None
    if before and kept and kept[0].week == first and kept[-1].week == start.previous() and current >= start:
        if before.tally is not None and before.tally.weeks <= len(kept):
            earlier = before.tally  # of weeks that score as they did
            if earlier.weeks == len(kept) and earlier.standing is not None:
                standing = earlier.standing  # entering start, whose earlier weeks are unchanged
        if standing is None or standing.keys() != {practice.id for practice in _standing(catalogue)}:
            standing = standing_states(records, catalogue, start, unreadable)
        from_start = _IN_TIME(start)
        later = {week: record for week, record in records.items() if _IN_TIME(week) >= from_start}
        scores = kept + score_weeks(later, catalogue, current, start, unreadable, standing, current)
    else:
        scores = score_weeks(records, catalogue, current, first, unreadable, current=current)
    practices = [(practice.id, practice.cadence) for practice in catalogue.active]
    last_month = Tally.after(scores, threshold, practices, _last_month_start(scores), earlier)
    if standing is not None and last_month.weeks == len(kept):
        last_month = replace(last_month, standing=standing)
    totals = Tally.after(scores, threshold, practices, len(scores), last_month)
    current_streak, longest = totals.runs
    per_practice = {
        practice_id: totals.practice_streaks[practice_id, cadence] for practice_id, cadence in practices
    }
    score = momentum((), totals.momentum)  # the tally's moving average, rounded as ``momentum`` does
    return Summary(scores, threshold, current_streak, longest, score, per_practice, last_month)


def _last_month_start(scores: Sequence[WeekScore]) -> int:
    """Where the month of the last of ``scores`` begins among them (0 when there are none)."""
    index = len(scores) - 1
    while index > 0 and scores[index - 1].week.month == scores[-1].week.month:
        index -= 1
    return max(index, 0)
