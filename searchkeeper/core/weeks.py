"""ISO weeks: keys like ``2026-W47``, their dates, their month and their neighbours.

A week runs Monday to Sunday. It belongs to the month (and year) that holds its
Thursday, so every week lies in exactly one month. Some ISO years have 53 weeks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, total_ordering

_KEY = re.compile(r"(\d{4})-W(\d{2})", re.ASCII)
_ONE_WEEK = timedelta(days=7)


@cache
def weeks_in_year(year: int) -> int:
    """Return 52 or 53: the number of ISO weeks in ``year``."""
    return date(year, 12, 28).isocalendar().week


@total_ordering
@dataclass(frozen=True, slots=True)
class Week:
    """One ISO week, ordered in time and hashable."""

    year: int
    number: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= weeks_in_year(self.year):
            raise ValueError(f"{self.year} has no week {self.number}")

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
        return self.next().month != self.month

    @property
    def is_first_of_month(self) -> bool:
        return self.previous().month != self.month

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

    def __lt__(self, other: Week) -> bool:
        if not isinstance(other, Week):
            return NotImplemented
        return (self.year, self.number) < (other.year, other.number)

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
