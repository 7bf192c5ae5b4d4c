"""Week arithmetic: ISO weeks, their keys, neighbours and months."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searchkeeper.core.weeks import Week, weeks_in_year

# Far enough from date.min / date.max that a few weeks either side still exist.
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
weeks = dates.map(Week.of)
offsets = st.integers(min_value=-600, max_value=600)


@given(dates)
def test_every_date_lies_in_its_week_and_in_no_neighbour(day: date) -> None:
    week = Week.of(day)
    assert week.contains(day)
    assert week.monday <= day <= week.sunday
    assert week.monday.weekday() == 0 and week.sunday.weekday() == 6
    assert (week.sunday - week.monday).days == 6
    assert day in week.days
    assert not week.next().contains(day)
    assert not week.previous().contains(day)


@given(dates)
def test_the_seven_days_of_a_week_all_map_back_to_it(day: date) -> None:
    week = Week.of(day)
    assert {Week.of(each) for each in week.days} == {week}
    assert [week.day(n) for n in range(7)] == week.days


@given(weeks)
def test_next_and_previous_are_inverse_and_one_week_apart(week: Week) -> None:
    assert week.next().previous() == week
    assert week.previous().next() == week
    assert week.previous() < week < week.next()
    assert (week.next().monday - week.monday).days == 7


@given(weeks, offsets)
def test_shift_agrees_with_repeated_next_and_with_until(week: Week, n: int) -> None:
    target = week.shift(n)
    assert (target.monday - week.monday).days == 7 * n
    assert target.shift(-n) == week
    span = week.until(target)
    if n >= 0:
        assert len(span) == n + 1
        assert span[0] == week and span[-1] == target
        assert all(b == a.next() for a, b in zip(span, span[1:], strict=False))
    else:
        assert span == []


@given(weeks, st.integers(min_value=0, max_value=20))
def test_shift_is_n_steps_of_next(week: Week, n: int) -> None:
    stepped = week
    for _ in range(n):
        stepped = stepped.next()
    assert week.shift(n) == stepped


@given(weeks)
def test_key_round_trips_through_parse(week: Week) -> None:
    assert Week.parse(week.key) == week
    assert Week.parse(week.key).key == week.key
    assert str(week) == week.key


@given(st.dates(min_value=date(1, 1, 8), max_value=date(999, 12, 31)))
def test_keys_of_early_years_are_four_digits_and_round_trip(day: date) -> None:
    week = Week.of(day)
    assert len(week.key.split("-W")[0]) == 4
    assert Week.parse(week.key) == week


@given(weeks, weeks)
def test_order_follows_time(a: Week, b: Week) -> None:
    assert (a < b) == (a.monday < b.monday)
    assert (a == b) == (a.monday == b.monday)


@pytest.mark.parametrize(
    "key", ["2026-W54", "2025-W53", "2026-W00", "2026-w47", "2026W47", "26-W47", "2026-W4", "", "soon"]
)
def test_bad_keys_are_refused(key: str) -> None:
    with pytest.raises(ValueError):
        Week.parse(key)


def test_non_ascii_digits_are_not_a_key() -> None:
    with pytest.raises(ValueError):
        Week.parse("２０２６-W47")


def test_2026_has_53_weeks_and_2025_has_52() -> None:
    assert weeks_in_year(2026) == 53
    assert weeks_in_year(2025) == 52
    last = Week.parse("2026-W53")
    assert (last.monday, last.sunday) == (date(2026, 12, 28), date(2027, 1, 3))
    assert last.next() == Week.parse("2027-W01")
    assert Week.parse("2027-W01").previous() == last
    assert Week.parse("2025-W52").next() == Week.parse("2026-W01")
    assert Week.of(date(2027, 1, 3)) == last
    assert Week.of(date(2026, 1, 1)) == Week.parse("2026-W01")
    assert Week.parse("2026-W01").monday == date(2025, 12, 29)


@given(st.integers(min_value=1900, max_value=2200))
def test_the_last_week_of_a_year_is_followed_by_week_one(year: int) -> None:
    last = Week(year, weeks_in_year(year))
    assert last.next() == Week(year + 1, 1)
    assert weeks_in_year(year) == (53 if Week.of(date(year, 12, 28)).number == 53 else 52)


def test_span_reads_well_across_months_and_years() -> None:
    assert Week.parse("2026-W47").span() == "16–22 Nov 2026"
    assert Week.parse("2026-W53").span() == "28 Dec 2026 – 3 Jan 2027"
    assert Week.parse("2026-W49").span() == "30 Nov – 6 Dec 2026"


@given(weeks)
def test_a_week_belongs_to_the_month_of_its_thursday(week: Week) -> None:
    thursday = week.monday + timedelta(days=3)
    assert week.month == (thursday.year, thursday.month)
    # at least four of its seven days lie in that month
    assert sum(1 for day in week.days if (day.year, day.month) == week.month) >= 4


def test_month_examples() -> None:
    # 2026-W53 runs 28 Dec 2026 to 3 Jan 2027; its Thursday is 31 December.
    assert Week.parse("2026-W53").month == (2026, 12)
    assert Week.parse("2026-W53").is_last_of_month
    # 2026-W49 runs 30 Nov to 6 Dec; its Thursday (3 Dec) puts it in December.
    assert Week.parse("2026-W49").month == (2026, 12)
    assert Week.parse("2026-W48").is_last_of_month
    assert Week.parse("2026-W49").is_first_of_month


@given(st.integers(min_value=1901, max_value=2199), st.integers(min_value=1, max_value=12))
def test_each_month_has_contiguous_weeks_and_exactly_one_last(year: int, month: int) -> None:
    first_day = date(year, month, 1)
    # Every week whose Thursday falls in the month, found independently of Week.month.
    members = sorted(
        {Week.of(first_day + timedelta(days=n)) for n in range(-7, 40)},
    )
    members = [w for w in members if (w.thursday.year, w.thursday.month) == (year, month)]
    assert len(members) in (4, 5)
    assert all(b == a.next() for a, b in zip(members, members[1:], strict=False))
    assert all(w.month == (year, month) for w in members)
    assert [w for w in members if w.is_last_of_month] == [members[-1]]
    assert [w for w in members if w.is_first_of_month] == [members[0]]
    assert members[0].previous().month != (year, month)
    assert members[-1].next().month != (year, month)


def test_the_first_and_last_weeks_of_a_month_are_those_whose_neighbour_is_in_another() -> None:
    week = Week(1999, 50)
    while week < Week(2031, 3):  # across years of 52 and 53 weeks
        assert week.is_first_of_month == (week.previous().month != week.month), week
        assert week.is_last_of_month == (week.next().month != week.month), week
        week = week.next()
