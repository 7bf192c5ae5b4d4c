"""The week in review and the audit's bookkeeping: pure functions of core.review."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from audit_history import WEEKLY, W, write_history

from searchkeeper.core import review
from searchkeeper.core.audit_phrase import audit_state_on
from searchkeeper.core.records import Audit, WeekRecord
from searchkeeper.storage.config import builtin_catalogue
from searchkeeper.storage.workspace import Workspace

FRIDAY = date(2026, 11, 27)  # 2026-W48
MONDAY_AFTER = date(2026, 11, 30)  # 2026-W49


@pytest.fixture
def history_space(data_dir, config_dir) -> Workspace:
    write_history(data_dir, config_dir)
    return Workspace.open(data_dir, config_dir, on=FRIDAY)


def ids(practices) -> list[str]:
    return [practice.id for practice in practices]


# the review -------------------------------------------------------------------------


def test_the_week_is_compared_with_last_week_and_the_four_before(history_space) -> None:
    result = history_space.review(W("2026-W48"))
    assert (result.score.met, result.score.counted, result.score.percent) == (6, 8, 75)
    assert result.previous is not None and result.previous.week == W("2026-W47")
    assert result.previous.percent == 67
    assert result.change_from_previous == 8
    # W44 6/9, W45 away (left out), W46 3/9, W47 6/9: (6 + 3 + 6) / 27
    assert result.average == pytest.approx(15 / 27)
    assert result.average_weeks == 3
    assert result.change_from_average == 75 - 56


def test_streak_and_momentum_before_and_after_the_week(history_space) -> None:
    result = history_space.review(W("2026-W48"))
    # W43 and W44 made a run of two, W46 broke it, W47 began a new one; W48 extends it.
    assert (result.streak_before, result.streak_after, result.longest) == (1, 2, 2)
    # The documented average with a two-week half-life, worked by hand: 71.5 then 72.6.
    assert (result.momentum_before, result.momentum_after) == (72, 73)
    assert result.is_momentum


def test_practices_missed_two_weeks_running_are_named(history_space) -> None:
    result = history_space.review(W("2026-W48"))
    assert ids(result.missed_twice) == ["recorded-answers", "asked-feedback"]
    # three-questions was missed in W47 but done in W48; the excused one is not missed.
    assert "three-questions" in ids(r.practice for r in result.done)
    assert ids(r.practice for r in result.excused) == ["out-of-industry-event"]


def test_last_weeks_intention_sits_beside_this_weeks_result(history_space) -> None:
    result = history_space.review(W("2026-W48"))
    assert result.last_intention == "Two coffees with former clients"


def test_an_excused_or_away_week_is_stepped_over_when_looking_for_a_second_miss(data_dir, config_dir) -> None:
    journal = write_history(data_dir, config_dir)
    journal.update(W("2026-W47"), lambda r: r.excuse("recorded-answers"))
    space = Workspace.open(data_dir, config_dir, on=FRIDAY)
    result = space.review(W("2026-W48"))
    # recorded-answers: missed W48, excused W47, missed W46: still two turns running.
    assert "recorded-answers" in ids(result.missed_twice)
    journal.update(W("2026-W46"), lambda r: r.tick("recorded-answers", date(2026, 11, 10)))
    result = Workspace.open(data_dir, config_dir, on=FRIDAY).review(W("2026-W48"))
    assert "recorded-answers" not in ids(result.missed_twice)


def test_a_past_week_reviewed_on_monday_is_over_and_can_lower_the_streak(data_dir, config_dir) -> None:
    journal = write_history(data_dir, config_dir)
    for practice_id in ("marketing-plan", "no-job-word", "reconnect"):
        journal.update(W("2026-W48"), lambda r, p=practice_id: r.untick(p))
    on_friday = Workspace.open(data_dir, config_dir, on=FRIDAY).review(W("2026-W48"))
    on_monday = Workspace.open(data_dir, config_dir, on=MONDAY_AFTER).review(W("2026-W48"))
    assert on_friday.score.percent == on_monday.score.percent == 38
    # Still in progress on Friday: it cannot break the streak or dent momentum yet.
    assert on_friday.score.in_progress and on_friday.streak_after == 1
    assert on_friday.momentum_after == on_friday.momentum_before
    # Over by Monday: the streak breaks and the momentum score dips.
    assert not on_monday.score.in_progress and on_monday.streak_after == 0
    assert on_monday.momentum_after < on_monday.momentum_before


def test_a_first_week_has_nothing_to_compare_with(space) -> None:
    result = space.review(space.this_week)
    assert result.previous is None and result.average is None
    assert result.last_intention == "" and result.missed_twice == []


# the audit's answers -----------------------------------------------------------------


def test_answers_tick_untick_excuse_or_leave_and_are_remembered_once() -> None:
    record = WeekRecord(W("2026-W48"))
    record.tick("reconnect", date(2026, 11, 24), "Coffee with Sam")
    review.apply_answer(record, "reconnect", review.YES, date(2026, 11, 27))
    assert record.practices["reconnect"].date == date(2026, 11, 24), "an earlier tick keeps its day"
    review.apply_answer(record, "give-value", review.YES, date(2026, 11, 27))
    assert record.practices["give-value"].date == date(2026, 11, 27)
    review.apply_answer(record, "reconnect", review.NO, date(2026, 11, 27))
    assert record.state("reconnect") == "missed" and record.note("reconnect") == "Coffee with Sam"
    review.apply_answer(record, "out-of-industry-event", review.EXCUSE, date(2026, 11, 27))
    assert record.state("out-of-industry-event") == "excused"
    review.apply_answer(record, "asked-feedback", review.SKIP, date(2026, 11, 27))
    assert record.state("asked-feedback") is None
    assert record.audit.answered == ["reconnect", "give-value", "out-of-industry-event", "asked-feedback"]
    with pytest.raises(ValueError):
        review.apply_answer(record, "reconnect", "maybe", date(2026, 11, 27))


def test_progress_and_the_first_unanswered_practice() -> None:
    practices = builtin_catalogue().active
    record = WeekRecord(W("2026-W48"))
    assert review.first_unanswered(record, practices) == 0
    assert review.progress(record, practices) == (0, 13)
    for practice in practices[:4]:
        review.apply_answer(record, practice.id, review.SKIP, FRIDAY)
    assert review.first_unanswered(record, practices) == 4
    assert review.progress(record, practices) == (4, 13)
    for practice in practices[4:]:
        review.apply_answer(record, practice.id, review.YES, FRIDAY)
    assert review.first_unanswered(record, practices) is None


def test_the_three_questions_answer_ticks_its_practice_and_closes_the_audit() -> None:
    record = WeekRecord(W("2026-W48"))
    review.apply_three_questions(record, "adapt", FRIDAY)
    review.complete_audit(record, "  Quiet   week ", "Two coffees", datetime(2026, 11, 27, 17, 3, 9, 5))
    assert record.is_done(review.THREE_QUESTIONS)
    assert record.audit.answer == "adapt"
    assert record.audit.reflection == "Quiet week"
    assert record.audit.intention == "Two coffees"
    assert record.audit.completed == datetime(2026, 11, 27, 17, 3, 9)
    with pytest.raises(ValueError):
        review.apply_three_questions(record, "sideways", FRIDAY)


def test_a_note_is_set_cleared_and_never_creates_an_empty_entry() -> None:
    record = WeekRecord(W("2026-W48"))
    review.apply_note(record, "reconnect", "")
    assert "reconnect" not in record.practices
    review.apply_note(record, "reconnect", "Called Ana")
    assert record.note("reconnect") == "Called Ana" and not record.is_done("reconnect")


def test_a_yes_outside_the_week_is_dated_on_its_audit_day() -> None:
    from searchkeeper.core.records import tick_day

    assert tick_day(W("2026-W47"), MONDAY_AFTER, 4) == date(2026, 11, 20)
    assert tick_day(W("2026-W49"), MONDAY_AFTER, 4) == MONDAY_AFTER


def test_standing_practices_are_asked_still_true_and_monthly_ones_remember_the_month() -> None:
    catalogue = builtin_catalogue()
    records = {
        W("2026-W40"): WeekRecord(W("2026-W40")),
        W("2026-W46"): WeekRecord(W("2026-W46")),
    }
    local, refer = catalogue["local-number"], catalogue["refer-talent"]
    assert review.audit_question(local, records, W("2026-W48")) == local.question
    assert review.answer_so_far(local, records, W("2026-W48")) == "not confirmed yet"
    records[W("2026-W40")].tick("local-number", date(2026, 9, 28))
    assert review.audit_question(local, records, W("2026-W48")).startswith("Still true?")
    assert review.answer_so_far(local, records, W("2026-W48")) == "true since Mon 28 Sep, carried over"
    records[W("2026-W46")].untick("local-number")
    assert review.audit_question(local, records, W("2026-W48")) == local.question
    assert review.answer_so_far(refer, records, W("2026-W48")) == "not yet this month"
    records[W("2026-W46")].tick("refer-talent", date(2026, 11, 12))
    assert review.answer_so_far(refer, records, W("2026-W48")) == "already done this month on Thu 12 Nov"
    # October's W40 is another month.
    assert review.answer_so_far(refer, records, W("2026-W44")) == "not yet this month"


# the audit state ---------------------------------------------------------------------------


def state(day: date, record: WeekRecord | None = None, week: str = "2026-W48", last=None) -> str:
    return audit_state_on(W(week), record, day, 4, 13, last)


def test_the_audit_is_offered_from_its_day_until_it_is_done() -> None:
    assert state(date(2026, 11, 26)) == "audit Fri"
    assert state(FRIDAY) == "audit day: time to look back"
    assert state(date(2026, 11, 29)) == "audit due: a few minutes to look back"
    record = WeekRecord(W("2026-W48"), audit=Audit(answered=["marketing-plan"]))
    assert state(FRIDAY, record) == "audit under way (1 of 13)"
    record.audit.completed = datetime(2026, 11, 27, 18, 0)
    assert state(FRIDAY, record) == "audited"
    assert state(FRIDAY, WeekRecord(W("2026-W48"), away=True)) == "away: no audit needed"


def test_last_week_is_open_on_monday_and_left_alone_later() -> None:
    last = WeekRecord(W("2026-W48"))
    last.tick("reconnect", date(2026, 11, 24))
    assert state(MONDAY_AFTER, week="2026-W49", last=last) == "audit Fri · last week still open to audit"
    assert state(date(2026, 12, 2), week="2026-W49", last=last) == "audit Fri"
    assert state(MONDAY_AFTER, week="2026-W49", last=WeekRecord(W("2026-W48"))) == "audit Fri"
    assert state(MONDAY_AFTER, week="2026-W48") == "open to audit"
    assert state(MONDAY_AFTER, week="2026-W46") == "not audited"
    assert state(MONDAY_AFTER, week="2026-W50") == "audit later"


def test_audit_state_reads_the_journal(history_space) -> None:
    assert history_space.audit_state(W("2026-W47")) == "audited"
    assert history_space.audit_state(W("2026-W48")) == "audit day: time to look back"
    monday = Workspace.open(history_space.data_dir, history_space.config_dir, on=MONDAY_AFTER)
    assert monday.audit_state(monday.this_week) == "audit Fri · last week still open to audit"


def test_every_weekly_practice_is_in_the_hand_built_history() -> None:
    catalogue = builtin_catalogue()
    assert all(catalogue[practice_id].cadence == "weekly" for practice_id in WEEKLY)
