"""Scoring, worked by hand: week scores, streaks, per-practice streaks and the momentum score.

The built-in catalogue has 9 weekly practices, 1 standing (local-number) and 3 monthly
(refer-talent, contact-key-partners, joined-groups). So an untouched week counts 10 practices
(9 weekly + the standing one), and the last week of a month counts 13.

November 2026 (weeks whose Thursday is in November) is 2026-W45 .. 2026-W48:
W45 2–8 Nov, W46 9–15, W47 16–22, W48 23–29 (the last); W49 (30 Nov – 6 Dec) is December's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pytest
from conftest import WEEKLY, week_record
from hypothesis import given, settings
from hypothesis import strategies as st

from searchkeeper.core.practices import Catalogue, Practice
from searchkeeper.core.records import WeekRecord
from searchkeeper.core.scoring import (
    AWAY,
    EXCUSED_OUTCOME,
    MET,
    MISSED_OUTCOME,
    NOT_COUNTED,
    WeekScore,
    momentum,
    momentum_series,
    practice_streak,
    score_weeks,
    streaks,
    summarise,
)
from searchkeeper.core.weeks import Week
from searchkeeper.storage.config import builtin_catalogue

MONTHLY = ["refer-talent", "contact-key-partners", "joined-groups"]
STANDING = "local-number"
ALPHA = 1 - 0.5**0.5  # 0.29289: the momentum step for a two-week half-life


def W(key: str) -> Week:
    return Week.parse(key)


def record(
    key: str,
    done: Iterable[str] = (),
    excused: Iterable[str] = (),
    unticked: Iterable[str] = (),
    away: bool = False,
) -> WeekRecord:
    week = W(key)
    rec = WeekRecord(week, away=away)
    for practice_id in done:
        rec.tick(practice_id, week.day(2))
    for practice_id in excused:
        rec.excuse(practice_id)
    for practice_id in unticked:
        rec.untick(practice_id)
    return rec


def history(*records: WeekRecord) -> dict[Week, WeekRecord]:
    return {rec.week: rec for rec in records}


def by_week(scores: list[WeekScore]) -> dict[str, WeekScore]:
    return {score.week.key: score for score in scores}


@pytest.fixture
def catalogue() -> Catalogue:
    return builtin_catalogue()


def test_the_catalogue_is_what_these_examples_assume(catalogue: Catalogue) -> None:
    cadences = {p.id: p.cadence for p in catalogue.active}
    assert sorted(cadences) == sorted([*WEEKLY, *MONTHLY, STANDING])
    assert {cadences[i] for i in WEEKLY} == {"weekly"}
    assert {cadences[i] for i in MONTHLY} == {"monthly"}
    assert cadences[STANDING] == "standing"


# monthly practices ---------------------------------------------------------------


def test_monthly_done_in_week_two_counts_once_that_week_only(catalogue: Catalogue) -> None:
    records = history(
        record("2026-W45"), record("2026-W46", done=["refer-talent"]), record("2026-W47"), record("2026-W48")
    )
    scores = by_week(score_weeks(records, catalogue, W("2026-W49")))
    outcomes = {key: scores[key].outcomes["refer-talent"] for key in scores}
    assert outcomes == {
        "2026-W45": NOT_COUNTED,
        "2026-W46": MET,
        "2026-W47": NOT_COUNTED,
        "2026-W48": NOT_COUNTED,  # the month's last week: done this month, so not missed
        "2026-W49": NOT_COUNTED,  # December's first week
    }
    # W46: 9 weekly missed + standing missed + refer-talent met -> 1/11
    assert (scores["2026-W46"].met, scores["2026-W46"].counted) == (1, 11)
    # W47: only 9 weekly + standing count -> 0/10
    assert (scores["2026-W47"].met, scores["2026-W47"].counted) == (0, 10)
    # W48, the last week: 10 + the two other monthlies (never done) -> 0/12
    assert (scores["2026-W48"].met, scores["2026-W48"].counted) == (0, 12)


def test_monthly_never_done_is_missed_only_in_the_months_last_week(catalogue: Catalogue) -> None:
    records = history(record("2026-W45"), record("2026-W48"))
    scores = by_week(score_weeks(records, catalogue, W("2026-W49")))
    for key in ("2026-W45", "2026-W46", "2026-W47"):
        assert all(scores[key].outcomes[m] == NOT_COUNTED for m in MONTHLY), key
        assert scores[key].counted == 10
    assert all(scores["2026-W48"].outcomes[m] == MISSED_OUTCOME for m in MONTHLY)
    assert (scores["2026-W48"].met, scores["2026-W48"].counted) == (0, 13)


def test_monthly_done_in_the_last_week_itself_is_met_there(catalogue: Catalogue) -> None:
    records = history(record("2026-W45"), record("2026-W48", done=["joined-groups"]))
    scores = by_week(score_weeks(records, catalogue, W("2026-W49")))
    assert scores["2026-W48"].outcomes["joined-groups"] == MET
    # 1 met (joined-groups) of 13 counted
    assert (scores["2026-W48"].met, scores["2026-W48"].counted) == (1, 13)


def test_monthly_done_in_an_away_week_is_not_missed_at_months_end(catalogue: Catalogue) -> None:
    records = history(record("2026-W46", done=["refer-talent"], away=True), record("2026-W48"))
    scores = by_week(score_weeks(records, catalogue, W("2026-W49")))
    assert scores["2026-W46"].outcomes["refer-talent"] == AWAY
    # It did happen this month: the month's last week does not call it missed.
    assert scores["2026-W48"].outcomes["refer-talent"] == NOT_COUNTED
    assert scores["2026-W48"].counted == 12


# standing practices --------------------------------------------------------------


def test_standing_practice_carries_until_unticked(catalogue: Catalogue) -> None:
    records = history(
        record("2026-W44"),
        record("2026-W45", done=[STANDING]),
        record("2026-W48", unticked=[STANDING]),
        record("2026-W50", done=[STANDING]),
    )
    scores = by_week(score_weeks(records, catalogue, W("2026-W51")))
    outcomes = {key: score.outcomes[STANDING] for key, score in scores.items()}
    assert outcomes == {
        "2026-W44": MISSED_OUTCOME,  # not yet confirmed
        "2026-W45": MET,  # confirmed
        "2026-W46": MET,  # carried (no file at all)
        "2026-W47": MET,  # carried
        "2026-W48": MISSED_OUTCOME,  # unticked
        "2026-W49": MISSED_OUTCOME,  # stays unticked
        "2026-W50": MET,  # confirmed again
        "2026-W51": MET,
    }
    # W46: standing met, 9 weekly missed -> 1/10
    assert (scores["2026-W46"].met, scores["2026-W46"].counted) == (1, 10)


def test_standing_practice_excused_for_a_week_keeps_its_state(catalogue: Catalogue) -> None:
    records = history(record("2026-W45", done=[STANDING]), record("2026-W46", excused=[STANDING]))
    scores = by_week(score_weeks(records, catalogue, W("2026-W47")))
    assert scores["2026-W46"].outcomes[STANDING] == EXCUSED_OUTCOME
    assert scores["2026-W46"].counted == 9
    assert scores["2026-W47"].outcomes[STANDING] == MET


def test_a_note_alone_does_not_untick_a_standing_practice(catalogue: Catalogue) -> None:
    first = record("2026-W45", done=[STANDING])
    later = WeekRecord(W("2026-W46"))
    later.set_note(STANDING, "Still on the local number")
    scores = by_week(score_weeks(history(first, later), catalogue, W("2026-W47")))
    assert scores["2026-W46"].outcomes[STANDING] == MET
    assert scores["2026-W47"].outcomes[STANDING] == MET


def test_clearing_a_standing_tick_with_a_note_stops_nothing_earlier(catalogue: Catalogue) -> None:
    first = record("2026-W45", done=[STANDING])
    later = record("2026-W46", done=[STANDING])
    later.set_note(STANDING, "Bought a local SIM")
    later.clear(STANDING)  # changed my mind about this week's tick; the note stays
    scores = by_week(score_weeks(history(first, later), catalogue, W("2026-W47")))
    assert later.note(STANDING) == "Bought a local SIM"
    # Cleared means "no say this week": the state confirmed in W45 still carries.
    assert scores["2026-W46"].outcomes[STANDING] == MET


# excused and away -----------------------------------------------------------------


def test_excused_practice_in_an_empty_last_week_is_not_counted(catalogue: Catalogue) -> None:
    records = history(record("2026-W48", excused=["out-of-industry-event"]))
    score = by_week(score_weeks(records, catalogue, W("2026-W49")))["2026-W48"]
    # Last week of November: 13 practices count, less the excused one -> 0/12, not 0/13.
    assert (score.met, score.counted) == (0, 12)
    assert score.label == "0/12"
    assert score.outcomes["out-of-industry-event"] == EXCUSED_OUTCOME
    assert score.percent == 0


def test_a_fully_excused_week_is_neutral(catalogue: Catalogue) -> None:
    everything = [p.id for p in catalogue.active]
    records = history(record("2026-W47", excused=everything))
    score = by_week(score_weeks(records, catalogue, W("2026-W48")))["2026-W47"]
    assert (score.met, score.counted) == (0, 0)
    assert score.ratio is None and score.neutral and not score.is_momentum()


def test_away_week_counts_nothing_even_with_ticks(catalogue: Catalogue) -> None:
    records = history(record("2026-W47", done=WEEKLY[:3], away=True))
    score = by_week(score_weeks(records, catalogue, W("2026-W48")))["2026-W47"]
    assert score.away and score.label == "away"
    assert (score.met, score.counted) == (0, 0)
    assert set(score.outcomes.values()) == {AWAY}
    assert score.ratio is None


def test_away_week_inside_a_streak_neither_breaks_nor_extends_it(catalogue: Catalogue) -> None:
    records = history(
        # W45: 9 weekly + standing -> 10/10
        record("2026-W45", done=[*WEEKLY, STANDING]),
        # W46: 6 weekly + standing (carried) -> 7/10 = 70%
        record("2026-W46", done=WEEKLY[:6]),
        record("2026-W47", away=True),
        # W48 (last of Nov): 9 weekly + standing + 3 monthly -> 13/13
        record("2026-W48", done=[*WEEKLY, *MONTHLY]),
    )
    summary = summarise(records, catalogue, W("2026-W49"))
    # W45, W46, W48 are momentum weeks; W47 skipped; W49 in progress at 1/10 is skipped too.
    assert summary.streak == 3
    assert summary.longest == 3
    scores = [s for s in summary.scores if s.week <= W("2026-W49")]
    series = momentum_series(scores)
    # m45 = 1.0; m46 = 1 + a(0.7 - 1) = 1 - 0.3a = 0.91213; m47 holds; m48 = m46 + a(1 - m46) = 0.93787
    m46 = 1 - 0.3 * ALPHA
    m48 = m46 + ALPHA * (1 - m46)
    assert series[0] == pytest.approx(100)
    assert series[1] == pytest.approx(m46 * 100)
    assert series[2] == pytest.approx(series[1])  # the away week holds it still
    assert series[3] == pytest.approx(m48 * 100)
    assert round(m48 * 100) == 94
    # W49 in progress (1/10 so far) does not pull it down.
    assert series[4] == pytest.approx(series[3])
    assert summary.momentum == 94


def test_an_away_week_instead_of_a_bad_week_keeps_the_streak(catalogue: Catalogue) -> None:
    good = [*WEEKLY, STANDING]
    bad_week = history(record("2026-W45", done=good), record("2026-W46"), record("2026-W47", done=good))
    away_week = history(
        record("2026-W45", done=good), record("2026-W46", away=True), record("2026-W47", done=good)
    )
    assert summarise(bad_week, catalogue, W("2026-W48")).streak == 1
    assert summarise(away_week, catalogue, W("2026-W48")).streak == 2


# streaks ---------------------------------------------------------------------------


def test_streak_runs_across_a_year_end_with_53_weeks(catalogue: Catalogue) -> None:
    ten = [*WEEKLY, STANDING]
    records = history(
        record("2026-W51"),  # 0/10 (nothing done), before the run
        record("2026-W52", done=ten),  # 10/10
        record("2026-W53", done=ten),  # last of December: 10/13 = 77%
        record("2027-W01", done=ten),  # 10/10
    )
    summary = summarise(records, catalogue, W("2027-W02"))
    s53 = summary.score_for(W("2026-W53"))
    assert s53 is not None and (s53.met, s53.counted) == (10, 13)
    assert [s.week.key for s in summary.scores] == [
        "2026-W51",
        "2026-W52",
        "2026-W53",
        "2027-W01",
        "2027-W02",
    ]
    assert summary.streak == 3
    assert summary.longest == 3
    for key in ("2026-W50", "2026-W51", "2026-W53", "2027-W02", "2027-W09"):
        week = W(key)  # cut by position across the 53-week year: the same as picking by week
        assert summary.scores_until(week) == [s for s in summary.scores if s.week <= week]
        weeks = week.shift(-3).until(week.shift(2))
        assert summary.scores_of(weeks) == [summary.score_for(each) for each in weeks]


def test_a_missed_week_inside_a_year_end_breaks_the_streak(catalogue: Catalogue) -> None:
    ten = [*WEEKLY, STANDING]
    records = history(record("2026-W52", done=ten), record("2026-W53"), record("2027-W01", done=ten))
    summary = summarise(records, catalogue, W("2027-W02"))
    assert summary.streak == 1
    assert summary.longest == 1


def test_the_week_in_progress_never_breaks_and_extends_once_at_threshold(catalogue: Catalogue) -> None:
    ten = [*WEEKLY, STANDING]
    past = [record("2026-W45", done=ten), record("2026-W46", done=ten), record("2026-W47", done=ten)]
    # W48 (last of Nov, 13 counted) is the week in progress.
    empty = summarise(history(*past), catalogue, W("2026-W48"))
    assert empty.streak == 3  # 1/13 so far (standing carried): does not break
    # 6 weekly + standing = 7/13 = 53.8%: below 60%, still does not break
    below = summarise(history(*past, record("2026-W48", done=WEEKLY[:6])), catalogue, W("2026-W48"))
    assert below.streak == 3
    # 7 weekly + standing = 8/13 = 61.5%: extends
    above = summarise(history(*past, record("2026-W48", done=WEEKLY[:7])), catalogue, W("2026-W48"))
    assert above.streak == 4 and above.longest == 4
    # Once W48 is over at 7/13, it breaks the streak.
    over = summarise(history(*past, record("2026-W48", done=WEEKLY[:6])), catalogue, W("2026-W49"))
    assert over.streak == 0 and over.longest == 3


def test_threshold_boundary_exactly_sixty_percent(catalogue: Catalogue) -> None:
    # W46: 5 weekly + standing = 6/10 = 60% exactly; W47: 4 weekly + standing (carried) = 5/10
    records = history(record("2026-W46", done=[*WEEKLY[:5], STANDING]), record("2026-W47", done=WEEKLY[:4]))
    scores = by_week(score_weeks(records, catalogue, W("2026-W48")))
    assert scores["2026-W46"].percent == 60
    assert scores["2026-W46"].is_momentum(0.6)
    assert not scores["2026-W46"].is_momentum(0.61)
    assert scores["2026-W47"].percent == 50
    assert not scores["2026-W47"].is_momentum(0.6)
    # 7/10 at a 70% threshold: 0.7 is not exactly representable, it must still count.
    seven = WeekScore(W("2026-W46"), 7, 10)
    assert seven.is_momentum(0.7)
    assert not WeekScore(W("2026-W46"), 69, 100).is_momentum(0.7)


def test_streaks_count_runs_and_the_longest(catalogue: Catalogue) -> None:
    ten = [*WEEKLY, STANDING]
    records = history(
        record("2026-W40", done=ten),
        record("2026-W41", done=ten),
        record("2026-W42", done=ten),
        record("2026-W43"),  # breaks (standing carried: 1/10)
        record("2026-W44", done=[*ten, *MONTHLY]),
        record("2026-W45", done=ten),
    )
    summary = summarise(records, catalogue, W("2026-W46"))
    assert (summary.streak, summary.longest) == (2, 3)


# per-practice streaks --------------------------------------------------------------


def test_weekly_practice_streak(catalogue: Catalogue) -> None:
    records = history(
        record("2026-W44", done=["reconnect"]),
        record("2026-W45"),  # missed: breaks the run
        record("2026-W46", done=["reconnect"]),
        record("2026-W47", excused=["reconnect"]),  # excused: neither breaks nor extends
        record("2026-W48", done=["reconnect"]),
    )
    assert summarise(records, catalogue, W("2026-W49")).practice_streaks["reconnect"] == 2  # W49 in progress
    assert summarise(records, catalogue, W("2026-W50")).practice_streaks["reconnect"] == 0  # W49 missed


def test_monthly_practice_streak_counts_months(catalogue: Catalogue) -> None:
    records = history(
        record("2026-W32"),  # August: never done, missed in W35
        record("2026-W37", done=["refer-talent"]),  # September
        record("2026-W41", done=["refer-talent"]),  # October
        record("2026-W46", done=["refer-talent"]),  # November...
        record("2026-W47", done=["refer-talent"]),  # ...twice: still one month
    )
    assert summarise(records, catalogue, W("2026-W49")).practice_streaks["refer-talent"] == 3
    # In W53 (the last week of December, in progress) December's miss is not final yet.
    assert summarise(records, catalogue, W("2026-W53")).practice_streaks["refer-talent"] == 3
    # Once December is over without it, the run is broken.
    assert summarise(records, catalogue, W("2027-W01")).practice_streaks["refer-talent"] == 0


def test_standing_practice_streak_counts_weeks(catalogue: Catalogue) -> None:
    records = history(record("2026-W45", done=[STANDING]))
    # W45, W46, W47 met by carry; W48 in progress is met too -> 4
    assert summarise(records, catalogue, W("2026-W48")).practice_streaks[STANDING] == 4


def test_practice_streak_direct(catalogue: Catalogue) -> None:
    records = history(record("2026-W45", done=["give-value"]), record("2026-W46", done=["give-value"]))
    scores = score_weeks(records, catalogue, W("2026-W47"))
    # W47 (last, in progress) has it missed: ignored while in progress
    assert practice_streak(scores, "give-value", "weekly") == 2
    finished = [s for s in scores if s.week <= W("2026-W46")]
    assert practice_streak(finished, "give-value", "weekly") == 2


# the momentum score ----------------------------------------------------------------


def five_weekly() -> Catalogue:
    return Catalogue(
        Practice(f"p{n}", "habits", f"Practice {n}", f"Did you {n}?", "", "weekly") for n in range(5)
    )


def test_momentum_one_missed_week_dents_and_three_good_weeks_restore() -> None:
    catalogue = five_weekly()
    every = [p.id for p in catalogue.active]
    start = W("2026-W30")
    good = [record(start.shift(n).key, done=every) for n in range(10)]  # ten full weeks: 100
    missed = record(start.shift(10).key)  # one empty week
    after = [record(start.shift(n).key, done=every) for n in (11, 12, 13)]  # three full weeks
    records = history(*good, missed, *after)
    scores = score_weeks(records, catalogue, start.shift(14))  # W44 in progress, empty
    series = momentum_series(scores)
    assert series[9] == pytest.approx(100)
    # One empty week: 1 + a(0 - 1) = 1 - a = 0.7071 -> 71, well above zero.
    assert series[10] == pytest.approx((1 - ALPHA) * 100)
    assert round(series[10]) == 71
    # Three full weeks: 1 - a(1 - a)^3 = 1 - 0.29289 * 0.35355 = 0.8964 -> 90
    assert series[13] == pytest.approx((1 - ALPHA * (1 - ALPHA) ** 3) * 100)
    assert round(series[13]) == 90
    # The empty week in progress holds it still.
    assert momentum(scores) == 90


def test_momentum_half_life_is_two_weeks() -> None:
    # After two empty weeks, a run of full ones weighs half: 1 * (1 - a)^2 = 0.5
    start = W("2026-W30")
    scores = [WeekScore(start.shift(n), 5, 5) for n in range(6)]
    scores += [WeekScore(start.shift(6), 0, 5), WeekScore(start.shift(7), 0, 5)]
    assert momentum_series(scores)[-1] == pytest.approx(50)


def test_momentum_is_zero_with_no_counted_week() -> None:
    assert momentum([]) == 0
    away = WeekScore(W("2026-W30"), 0, 0, away=True)
    assert momentum_series([away]) == [None]
    assert momentum([away]) == 0


def test_momentum_in_progress_only_lifts() -> None:
    start = W("2026-W30")
    past = [WeekScore(start, 1, 2)]  # 50
    lifting = [*past, WeekScore(start.shift(1), 2, 2, in_progress=True)]
    lowering = [*past, WeekScore(start.shift(1), 0, 2, in_progress=True)]
    # 0.5 + a(1 - 0.5) = 0.6464
    assert momentum_series(lifting)[-1] == pytest.approx((0.5 + ALPHA * 0.5) * 100)
    assert momentum_series(lowering)[-1] == pytest.approx(50)


# the catalogue changes -------------------------------------------------------------


def test_retired_practice_leaves_the_score(catalogue: Catalogue) -> None:
    retired = catalogue.with_changes([replace(catalogue["three-questions"], retired=True)])
    records = history(record("2026-W47", done=["three-questions", "reconnect"]), record("2026-W48"))
    scores = by_week(score_weeks(records, retired, W("2026-W49")))
    assert "three-questions" not in scores["2026-W47"].outcomes
    # W47: reconnect met; 8 weekly + standing counted -> 1/9
    assert (scores["2026-W47"].met, scores["2026-W47"].counted) == (1, 9)
    # W48: 8 weekly + standing + 3 monthly -> 0/12
    assert scores["2026-W48"].counted == 12
    # its history stays in the record
    assert records[W("2026-W47")].is_done("three-questions")


def test_user_added_practice_counts(catalogue: Catalogue) -> None:
    portfolio = Practice("portfolio", "maintenance", "Update the portfolio", "Did you?", "", "weekly", False)
    extended = catalogue.with_changes([portfolio])
    records = history(record("2026-W47", done=["portfolio", "reconnect"]))
    score = by_week(score_weeks(records, extended, W("2026-W48")))["2026-W47"]
    # 9 weekly + portfolio + standing = 11 counted, 2 met
    assert (score.met, score.counted) == (2, 11)
    assert score.outcomes["portfolio"] == MET


def test_unknown_ids_in_a_record_are_ignored(catalogue: Catalogue) -> None:
    records = history(record("2026-W47", done=["reconnect", "no-longer-a-practice"]))
    score = by_week(score_weeks(records, catalogue, W("2026-W48")))["2026-W47"]
    assert (score.met, score.counted) == (1, 10)


# the summary ------------------------------------------------------------------------


def test_summary_marks_only_the_current_week_in_progress_even_with_later_files(catalogue: Catalogue) -> None:
    ten = [*WEEKLY, STANDING]
    records = history(
        record("2026-W46", done=ten),
        record("2026-W47"),  # the current week, nothing yet
        record("2026-W50", done=["reconnect"]),  # planned ahead
    )
    summary = summarise(records, catalogue, W("2026-W47"))
    current = summary.score_for(W("2026-W47"))
    assert current is not None and current.in_progress
    assert not summary.score_for(W("2026-W46")).in_progress
    assert summary.streak == 1  # W47 in progress does not break it
    assert summary.momentum == 100  # and does not pull momentum down


def test_summary_with_only_future_files_still_scores_this_week(catalogue: Catalogue) -> None:
    records = history(record("2026-W50", done=["reconnect"]))
    summary = summarise(records, catalogue, W("2026-W47"))
    current = summary.score_for(W("2026-W47"))
    assert current is not None and current.in_progress
    assert summary.streak == 0


def test_summary_with_no_files(catalogue: Catalogue) -> None:
    summary = summarise({}, catalogue, W("2026-W48"))
    assert [s.week for s in summary.scores] == [W("2026-W48")]
    assert (summary.streak, summary.longest, summary.momentum) == (0, 0, 0)
    assert summary.score_for(W("2026-W47")) is None
    assert summary.score_for(W("2026-W49")) is None


def test_summary_threshold_is_used(catalogue: Catalogue) -> None:
    # 5 weekly + standing = 6/10 = 60%
    records = history(record("2026-W46", done=[*WEEKLY[:5], STANDING]))
    assert summarise(records, catalogue, W("2026-W47"), threshold=0.6).streak == 1
    assert summarise(records, catalogue, W("2026-W47"), threshold=0.7).streak == 0


def test_streaks_function_skips_neutral_weeks() -> None:
    start = W("2026-W30")
    scores = [
        WeekScore(start, 7, 10),
        WeekScore(start.shift(1), 0, 0, away=True),
        WeekScore(start.shift(2), 0, 0),  # fully excused
        WeekScore(start.shift(3), 8, 10),
        WeekScore(start.shift(4), 1, 10, in_progress=True),
    ]
    assert streaks(scores, 0.6) == (2, 2)


@pytest.mark.parametrize(
    "weeks",
    [
        # (key, what happens to the standing practice that week)
        [("2026-W44", "done"), ("2026-W45", "note")],
        [("2026-W44", "done"), ("2026-W45", "excused")],
        [("2026-W44", "done"), ("2026-W45", "unticked-away")],
        [("2026-W44", "done"), ("2026-W45", "unticked"), ("2026-W46", "note")],
        [("2026-W44", "done-away"), ("2026-W45", "")],
    ],
)
def test_the_audit_and_the_score_agree_on_a_carried_standing_practice(catalogue: Catalogue, weeks) -> None:
    from searchkeeper.core.scoring import standing_tick

    records = {}
    for key, event in weeks:
        rec = record(key, away=event.endswith("-away"))
        event = event.removesuffix("-away")
        if event == "done":
            rec.tick(STANDING, rec.week.monday)
        elif event == "unticked":
            rec.untick(STANDING)
        elif event == "excused":
            rec.excuse(STANDING)
        elif event == "note":
            rec.set_note(STANDING, "a note")
        records[rec.week] = rec
    following = W(weeks[-1][0]).next()
    scored = by_week(score_weeks(records, catalogue, following))[following.key].outcomes[STANDING]
    carried = standing_tick(records, catalogue.get(STANDING), following) is not None
    assert carried == (scored == MET)


@pytest.mark.parametrize("away", [False, True])
def test_a_monthly_practice_done_earlier_in_the_month_is_not_missed_at_its_end(
    catalogue: Catalogue, away
) -> None:
    from searchkeeper.core.scoring import done_in_month

    records = history(record("2026-W46", done=["refer-talent"], away=away), record("2026-W48"))
    scored = by_week(score_weeks(records, catalogue, W("2026-W49")))["2026-W48"].outcomes["refer-talent"]
    earlier = done_in_month(records, "refer-talent", W("2026-W48"))
    assert earlier == W("2026-W46") and scored == NOT_COUNTED


_IDS = ["marketing-plan", "reconnect", STANDING, *MONTHLY]
_weeks_of = st.dictionaries(
    st.integers(0, 30),
    st.tuples(
        st.dictionaries(st.sampled_from(_IDS), st.sampled_from(["done", "missed", "excused"]), max_size=4),
        st.booleans(),
    ),
    max_size=14,
)


@settings(max_examples=150, deadline=None)
@given(
    before=_weeks_of,
    changed=st.integers(0, 30),
    change=_weeks_of,
    broken=st.sets(st.integers(0, 30), max_size=2),
)
def test_scoring_again_after_a_change_gives_what_scoring_everything_gives(
    before, changed, change, broken
) -> None:
    """The dashboard scores again only from the changed week's month: the weeks before it must
    score as a full scoring of the changed history says."""
    catalogue, start, current = builtin_catalogue(), W("2026-W20"), W("2026-W50")

    def records_of(weeks) -> dict[Week, WeekRecord]:
        return {
            start.shift(o): week_record(start.shift(o), states, away) for o, (states, away) in weeks.items()
        }

    unreadable = {start.shift(offset) for offset in broken}
    old = records_of(before)
    new = dict(old)
    week = start.shift(changed)
    new.pop(week, None)
    new.update({w: r for w, r in records_of(change).items() if w == week})
    new = dict(sorted(new.items()))
    earlier = summarise(old, catalogue, current, 0.6, unreadable)
    again = summarise(new, catalogue, current, 0.6, unreadable, before=earlier, since=week)
    assert again == summarise(new, catalogue, current, 0.6, unreadable)


def test_a_record_put_in_the_history_keeps_it_in_time_order() -> None:
    from searchkeeper.core.records import History, WeekRecord

    first, second, third = Week(2025, 52), Week(2026, 1), Week(2026, 3)
    history = History({first: WeekRecord(first), third: WeekRecord(third)})
    history.put(WeekRecord(Week(2026, 4)))  # after the last: added at the end
    history.put(WeekRecord(second))  # a week between: the history sorted again
    replaced = WeekRecord(first, away=True)
    history.put(replaced)  # a week it holds: replaced where it is
    assert list(history.records) == [first, second, third, Week(2026, 4)]
    assert history.records[first] is replaced
