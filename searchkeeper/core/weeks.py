"""ISO weeks: keys like ``2026-W47``, their dates, their month and their neighbours.

A week runs Monday to Sunday. It belongs to the month (and year) that holds its
Thursday, so every week lies in exactly one month. Some ISO years have 53 weeks.

Also here, the weeks a command takes (``allowed_weeks``, ``refusal``) and the weeks
the journal counts (``uncounted_because``): years 1900 to 2100 at most, and never
more than a year ahead, so that no week arithmetic runs off the calendar and no
stray key makes every week since a 0% week.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

_KEY = re.compile(r"(\d{4})-W(\d{2})", re.ASCII)
_ONE_WEEK = timedelta(days=7)
FIRST_YEAR, LAST_YEAR = 1900, 2100
"""The years any week or date is read in: a key or a date outside them is refused."""
BACK_WEEKS = 52
"""A change reaches this many weeks back (further if the journal starts earlier, or with --force)."""
AHEAD_WEEKS = 52
"""How far ahead ``away`` plans a week, and the journal reads one."""


@cache
def weeks_in_year(year: int) -> int:
    """Return 52 or 53: the number of ISO weeks in ``year``."""
    return date(year, 12, 28).isocalendar().week


@dataclass(frozen=True, slots=True, order=True)
class Week:
    """One ISO week, ordered in time (by year, then number) and hashable."""

    year: int
    number: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= weeks_in_year(self.year):
            raise ValueError(f"{self.year} has no week {self.number}: weeks run 1–{weeks_in_year(self.year)}")

    def __reduce__(self) -> tuple[object, tuple[int, int]]:
        """Pickled as its year and number, unpickled as one object for each week (``_week``): the
        dashboard's first read crosses a pipe (``tui.read_ahead``), a week in it many times over."""
        return _week, (self.year, self.number)

    @classmethod
    def parse(cls, key: str) -> Week:
        """Read a key like ``2026-W47``; raise ``ValueError`` if it is not one."""
        match = _KEY.fullmatch(key.strip()) if isinstance(key, str) else None
        if match is None:
            raise ValueError(f"'{key}' is not a week key like 2026-W47")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Week:
        """The week that holds ``day``."""
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-W{self.number:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def thursday(self) -> date:
        return self.monday + timedelta(days=3)

    def day(self, weekday: int) -> date:
        """The date of ``weekday`` (0 = Monday … 6 = Sunday) in this week."""
        return self.monday + timedelta(days=weekday)

    @property
    def days(self) -> list[date]:
        return [self.day(offset) for offset in range(7)]

    @property
    def month(self) -> tuple[int, int]:
        """``(year, month)`` of the month this week belongs to (its Thursday's)."""
        thursday = date.fromisocalendar(self.year, self.number, 4)
        return thursday.year, thursday.month

    @property
    def is_last_of_month(self) -> bool:
        """The next week's Thursday falls in another month."""
        thursday = date.fromisocalendar(self.year, self.number, 4)
        return (thursday + _ONE_WEEK).month != thursday.month

    @property
    def is_first_of_month(self) -> bool:
        """The previous week's Thursday falls in another month: this one is in its month's first seven days."""
        return date.fromisocalendar(self.year, self.number, 4).day <= 7

    def next(self) -> Week:
        return Week.of(self.monday + _ONE_WEEK)

    def previous(self) -> Week:
        return Week.of(self.monday - _ONE_WEEK)

    def shift(self, weeks: int) -> Week:
        return Week.of(self.monday + timedelta(weeks=weeks))

    def until(self, last: Week) -> list[Week]:
        """Every week from this one to ``last``, both included (empty if ``last`` is earlier)."""
        weeks = []
        year, number = self.year, self.number
        while (year, number) <= (last.year, last.number):
            weeks.append(Week(year, number))
            number += 1
            if number > weeks_in_year(year):
                year, number = year + 1, 1
        return weeks

    def contains(self, day: date) -> bool:
        return self.monday <= day <= self.sunday

    def __str__(self) -> str:
        return self.key

    def span(self) -> str:
        """A short human span such as ``16–22 Nov 2026`` or ``28 Dec 2026 – 3 Jan 2027``."""
        first, last = self.monday, self.sunday
        if first.year != last.year:
            return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"
        if first.month != last.month:
            return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
        return f"{first.day}–{last.day} {last:%b %Y}"


@cache
def _week(year: int, number: int) -> Week:
    """The week ``year``-W``number``, the same object each time it is unpickled."""
    return Week(year, number)


EARLIEST, LATEST = Week(FIRST_YEAR, 1), Week(LAST_YEAR, weeks_in_year(LAST_YEAR))
_WORDS = {"": 0, "this": 0, "current": 0, "last": -1, "previous": -1, "prev": -1, "next": 1}


def sane_day(day: date) -> bool:
    """Whether ``day`` lies in the years searchkeeper reads (``FIRST_YEAR`` to ``LAST_YEAR``)."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def from_words(given: str | None, current: Week) -> Week:
    """A week from the user's words: this, last, next, or a key in any case (``2026-w48``);
    ``ValueError`` (in words fit for the user) otherwise."""
    text = (given or "").strip()
    if text.lower() in _WORDS:
        return current.shift(_WORDS[text.lower()])
    if _KEY.fullmatch(text.upper()) is None:
        raise ValueError(f"'{text}' is not a week key like 2026-W47 (or this, last, next)")
    return Week.parse(text.upper())


def allowed_weeks(
    current: Week, first: Week | None = None, ahead: bool = False, force: bool = False
) -> tuple[Week, Week]:
    """The first and last week a change may be made to, ``current`` being the week in progress.

    Back: ``BACK_WEEKS``, or to ``first`` (the journal's first week) when that is
    earlier, or to 1900 with ``force``. Ahead: ``current``, or ``AHEAD_WEEKS`` after it
    when ``ahead`` (a holiday planned).
    """
    earliest = current.shift(-BACK_WEEKS)
    if force:
        earliest = EARLIEST
    elif first is not None:
        earliest = max(EARLIEST, min(earliest, first))
    return earliest, current.shift(AHEAD_WEEKS) if ahead else current


def refusal(
    week: Week,
    current: Week,
    command: str,
    first: Week | None = None,
    ahead: bool = False,
    force: bool = False,
) -> str | None:
    """Why ``command`` may not change ``week`` (see ``allowed_weeks``), or None when it may.

    ``first`` matters only for a week more than ``BACK_WEEKS`` back: a caller may
    leave it out for any later week.
    """
    earliest, latest = allowed_weeks(current, first, ahead, force)
    if earliest <= week <= latest:
        return None
    if week > latest:
        why = f"more than a year after this week ({current})" if ahead else f"after this week ({current})"
    elif force:
        why = f"before {FIRST_YEAR}"
    else:
        why = f"more than a year before this week ({current})"
        if first is not None and first < current.shift(-BACK_WEEKS):
            why = f"before the journal's first week ({first})"
    more = "" if force or week > latest else ", or --force for an older week"
    return f"week {week} is {why}; {command} takes {earliest} … {latest}{more}"


def outside_years(week: Week) -> str | None:
    """Why ``week`` is not read at all (a year before 1900 or after 2100), or None."""
    if EARLIEST <= week <= LATEST:
        return None
    return f"week {week} is outside the years {FIRST_YEAR}–{LAST_YEAR}; weeks run {EARLIEST} … {LATEST}"


def uncounted_because(week: Week, current: Week) -> str | None:
    """Why the journal does not count a file of ``week``, or None when it does: a week more than
    ``AHEAD_WEEKS`` after ``current`` is in the future; one before 1900 is too old to be one."""
    if week > current.shift(AHEAD_WEEKS):
        return f"week {week} is in the future; it is not counted"
    if week < EARLIEST:
        return f"week {week} is before {FIRST_YEAR}; it is not counted"
    return None
