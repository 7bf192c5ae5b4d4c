"""The short cuts scoring takes on a long history give what the plain rules give.

``summarise`` after a change goes on from the summary before it (its week scores up to
the changed month, its tally of streaks and momentum, the standing practices' states
entering that month), one change after another as the dashboard makes them; a
practice's streak looks back only into the month its run starts in; a standing
practice's tick is found by one walk back for all of them. Each is checked here
against scoring everything again, or against the rule written the plain way.
"""

from __future__ import annotations

from dataclasses import replace

from conftest import week_record
from hypothesis import given, settings
from hypothesis import strategies as st

from searchkeeper.core.practices import MONTHLY, STANDING, WEEKLY, Catalogue, Practice
from searchkeeper.core.records import DONE, MISSED, WeekRecord
from searchkeeper.core.scoring import (
    AWAY,
    EXCUSED_OUTCOME,
    MET,
    MISSED_OUTCOME,
    NOT_COUNTED,
    Summary,
    WeekScore,
    momentum,
    practice_streak,
    score_weeks,
    standing_states,
    standing_tick,
    streaks,
    summarise,
)
from searchkeeper.core.weeks import Week

FIRST, CURRENT = Week(2025, 45), Week(2026, 22)
"""Thirty weeks across a new year, the last one in progress."""
SPAN = len(FIRST.until(CURRENT))
LATE = FIRST.shift(12)
"""The week a practice added later counts from (2026-W05, the last of January)."""
SWITCH = FIRST.shift(14)
"""The week two practices change cadence (2026-W07, in the middle of February)."""
THIS_MONTH = Week(2026, 19)
"""The first week of ``CURRENT``'s month, May 2026."""


def practice(practice_id: str, cadence: str, since: Week | None = None, was: str | None = None) -> Practice:
    """A practice of ``cadence``, counting from ``since``; of cadence ``was`` before ``SWITCH``."""
    earlier = ((SWITCH, was),) if was else ()
    return Practice(
        practice_id, "habits", practice_id, f"{practice_id}?", "", cadence, since=since, earlier=earlier
    )


PRACTICES = [
    practice("apply", WEEKLY),
    practice("network", WEEKLY),
    practice("refer", MONTHLY),
    practice("groups", MONTHLY, since=LATE),
    practice("profile", STANDING),
    practice("number", STANDING),
    practice("calls", MONTHLY, was=WEEKLY),
    practice("coffee", WEEKLY, was=MONTHLY),
    practice("portfolio", STANDING, since=LATE),
    practice("site", STANDING, was=WEEKLY),
    practice("phone-line", WEEKLY, was=STANDING),
]
IDS = [p.id for p in PRACTICES]
STATES = ["done", "missed", "excused", "note"]

weeks_of = st.dictionaries(
    st.integers(0, SPAN - 1),
    st.tuples(st.dictionaries(st.sampled_from(IDS), st.sampled_from(STATES), max_size=4), st.booleans()),
    max_size=SPAN,
)
"""Weeks by their offset from ``FIRST``: each practice's state there, and whether it was away."""
change = st.tuples(
    st.one_of(st.just(SPAN - 1), st.integers(SPAN - 6, SPAN - 1), st.integers(0, SPAN - 1)),
    st.one_of(
        st.tuples(st.dictionaries(st.sampled_from(IDS), st.sampled_from(STATES), max_size=4), st.booleans()),
        st.none(),  # the week's file is gone
        st.just("broken"),  # the week's file cannot be read
    ),
)
"""A change to one week, the week in progress most often (as when ticking on the dashboard)."""


def records_of(weeks: dict[int, tuple[dict[str, str], bool]]) -> dict[Week, WeekRecord]:
    return {
        FIRST.shift(offset): week_record(FIRST.shift(offset), *week) for offset, week in sorted(weeks.items())
    }


@settings(max_examples=200, deadline=None)
@given(
    weeks=weeks_of,
    broken=st.sets(st.integers(0, SPAN - 1), max_size=2),
    changes=st.lists(change, min_size=1, max_size=8),
    threshold=st.sampled_from([0.5, 0.6, 2 / 3, 0.75]),
    lifespans=st.booleans(),
)
def test_scoring_again_after_each_of_several_changes_gives_what_scoring_everything_gives(
    weeks, broken, changes, threshold, lifespans
) -> None:
    """Each summary goes on from the one before it, as the dashboard's do, change after change."""
    catalogue = Catalogue(
        PRACTICES if lifespans else [p for p in PRACTICES if p.since is None and not p.earlier]
    )
    records = records_of(weeks)
    unreadable = {FIRST.shift(offset) for offset in broken}
    summary = summarise(records, catalogue, CURRENT, threshold, unreadable)
    for offset, what in changes:
        week = FIRST.shift(offset)
        records.pop(week, None)
        unreadable.discard(week)
        if what == "broken":
            unreadable.add(week)
        elif what is not None:
            records[week] = week_record(week, *what)
        records = dict(sorted(records.items()))
        scores_only = replace(summary, tally=None)  # as if it had no totals to go on from
        summary = summarise(records, catalogue, CURRENT, threshold, unreadable, before=summary, since=week)
        assert summary == summarise(records, catalogue, CURRENT, threshold, unreadable)
        assert summary == summarise(records, catalogue, CURRENT, threshold, unreadable, scores_only, week)
        assert_totals_of_all_scores(summary, catalogue)


@settings(max_examples=100, deadline=None)
@given(weeks=weeks_of, ticks=st.lists(st.sampled_from(IDS), min_size=1, max_size=10))
def test_ticking_the_week_in_progress_again_and_again_gives_what_scoring_everything_gives(
    weeks, ticks
) -> None:
    """The dashboard's most common change: a tick or an untick this week, one after another."""
    catalogue = Catalogue(PRACTICES)
    records = records_of(weeks)
    records.setdefault(CURRENT, WeekRecord(CURRENT))
    summary = summarise(records, catalogue, CURRENT)
    for practice_id in ticks:
        if records[CURRENT].is_done(practice_id):
            records[CURRENT].untick(practice_id)
        else:
            records[CURRENT].tick(practice_id, CURRENT.monday)
        summary = summarise(records, catalogue, CURRENT, before=summary, since=CURRENT)
        assert summary == summarise(records, catalogue, CURRENT)
        assert_totals_of_all_scores(summary, catalogue)


@settings(max_examples=100, deadline=None)
@given(weeks=weeks_of, ticked=st.booleans())
def test_a_standing_practice_added_this_month_takes_its_state_from_the_records(weeks, ticked) -> None:
    """The summary before it knew no such practice: scoring again from this month takes the state
    it enters the month with from the records, as scoring again from that summary's week scores
    alone does and scoring everything does: none, whatever the weeks before it counted say."""
    added = practice("phone", STANDING, since=THIS_MONTH)
    records = records_of(weeks)
    records.setdefault(CURRENT, WeekRecord(CURRENT))
    for week in list(records)[: len(records) // 2]:
        records[week].tick(added.id, week.monday) if ticked else records[week].untick(added.id)
    before = summarise(records, Catalogue(PRACTICES), CURRENT)
    before = summarise(records, Catalogue(PRACTICES), CURRENT, before=before, since=CURRENT)
    catalogue = Catalogue([*PRACTICES, added])
    again = summarise(records, catalogue, CURRENT, before=before, since=CURRENT)
    assert again == summarise(records, catalogue, CURRENT, before=replace(before, tally=None), since=CURRENT)
    assert again == summarise(records, catalogue, CURRENT)


def assert_totals_of_all_scores(summary: Summary, catalogue: Catalogue) -> None:
    """The summary's streaks and momentum are those of all its week scores, each walked from the first."""
    scores = summary.scores
    assert (summary.streak, summary.longest) == streaks(scores, summary.threshold)
    assert summary.momentum == momentum(scores)
    assert summary.practice_streaks == {
        p.id: plain_practice_streak(scores, p.id, p.cadence) for p in catalogue.active
    }


def plain_practice_streak(scores, practice_id: str, cadence: str) -> int:
    """``practice_streak`` as the rule says it: met weeks (or months, each once and not one met
    before the run) after the last week that missed it, the week in progress left out."""
    start = 0
    for index, score in enumerate(scores):
        if score.outcomes.get(practice_id) == MISSED_OUTCOME and not score.in_progress:
            start = index + 1
    met = [score.week for score in scores[start:] if score.outcomes.get(practice_id) == MET]
    if cadence != MONTHLY:
        return len(met)
    before = {score.week.month for score in scores[:start] if score.outcomes.get(practice_id) == MET}
    return len({week.month for week in met} - before)


@settings(max_examples=200, deadline=None)
@given(weeks=weeks_of, cut=st.integers(0, SPAN), upto=st.integers(0, SPAN))
def test_a_practice_streak_is_what_the_plain_rule_gives(weeks, cut, upto) -> None:
    """For any run of consecutive week scores, as the dashboard's streak of an earlier week takes."""
    catalogue = Catalogue(PRACTICES)
    scores = score_weeks(records_of(weeks), catalogue, CURRENT, FIRST)[cut:upto]
    for each in PRACTICES:
        assert practice_streak(scores, each.id, each.cadence) == plain_practice_streak(
            scores, each.id, each.cadence
        )


outcomes = st.sampled_from([MET, MISSED_OUTCOME, NOT_COUNTED, EXCUSED_OUTCOME, AWAY])


@settings(max_examples=300, deadline=None)
@given(
    first=st.integers(0, SPAN - 1),
    weeks=st.lists(st.dictionaries(st.sampled_from(IDS), outcomes), max_size=20),
    in_progress=st.booleans(),
)
def test_a_practice_streak_of_any_outcomes_is_what_the_plain_rule_gives(first, weeks, in_progress) -> None:
    """Outcomes ``score_weeks`` never gives together too: a monthly practice missed in the middle
    of a month it was met in before (a cadence changed in that month, say)."""
    start = FIRST.shift(first)
    scores = [WeekScore(start.shift(index), 0, 0, outcomes) for index, outcomes in enumerate(weeks)]
    if scores and in_progress:
        scores[-1] = replace(scores[-1], in_progress=True)
    for practice_id in IDS:
        for cadence in (WEEKLY, MONTHLY):
            assert practice_streak(scores, practice_id, cadence) == plain_practice_streak(
                scores, practice_id, cadence
            )


def plain_standing_tick(records, practice: Practice, week: Week) -> Week | None:
    """``standing_tick`` as the rule says it: the latest tick before ``week`` not unticked since,
    among the weeks the practice counted in as a standing one."""
    earlier = [
        w
        for w in records
        if w < week
        and practice.counts_in(w)
        and practice.cadence_in(w) == STANDING
        and records[w].state(practice.id) in (DONE, MISSED)
    ]
    latest = max(earlier, default=None)
    return latest if latest is not None and records[latest].state(practice.id) == DONE else None


@settings(max_examples=200, deadline=None)
@given(weeks=weeks_of, at=st.integers(0, SPAN + 1), broken=st.sets(st.integers(0, SPAN - 1), max_size=3))
def test_standing_ticks_are_what_the_plain_rule_gives(weeks, at, broken) -> None:
    """Records in any order (a week planned ahead, a week read late), broken weeks left out."""
    catalogue = Catalogue(PRACTICES)
    records = dict(reversed(records_of(weeks).items()))
    week = FIRST.shift(at)
    unreadable = {FIRST.shift(offset) for offset in broken}
    readable = {w: r for w, r in records.items() if w not in unreadable}
    standing = [p for p in PRACTICES if p.cadence == STANDING or any(c == STANDING for _, c in p.earlier)]
    for practice in standing:
        assert standing_tick(records, practice, week) == plain_standing_tick(records, practice, week)
    expected = {
        practice.id: plain_standing_tick(readable, practice, week) is not None for practice in standing
    }
    assert standing_states(records, catalogue, week, unreadable) == expected


@settings(max_examples=200, deadline=None)
@given(weeks=weeks_of, broken=st.sets(st.integers(0, SPAN - 1), max_size=3))
def test_a_standing_practice_is_met_just_when_it_carries_a_tick(weeks, broken) -> None:
    """Scoring and the dashboard's row tell a standing practice's state by one rule: in a readable
    week not away nor excused, it is met when ticked that week or carrying a tick from before,
    one made in a week it counted in as a standing practice (not before it was added, nor while
    it had another cadence: those weeks were scored without it)."""
    records = records_of(weeks)
    unreadable = {FIRST.shift(offset) for offset in broken}
    readable = {w: r for w, r in records.items() if w not in unreadable}
    for score in score_weeks(records, Catalogue(PRACTICES), CURRENT, unreadable=unreadable):
        record = records.get(score.week)
        if score.week in unreadable or (record is not None and record.away):
            continue
        for practice in PRACTICES:
            if not practice.counts_in(score.week) or practice.cadence_in(score.week) != STANDING:
                continue
            state = record.state(practice.id) if record is not None else None
            if state == "excused":
                continue
            held = state == DONE or (state != MISSED and standing_tick(readable, practice, score.week))
            assert score.outcomes[practice.id] == (MET if held else MISSED_OUTCOME), (score.week, practice.id)
