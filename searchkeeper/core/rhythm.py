"""How often a networking partner should hear from you, and when that makes them due.

Three tiers and a custom interval::

    key       every month       (the campaign's core: about ten people)
    close     every two months  (about six times a year)
    distant   every four months (senior or distant people, where more is not credible)
    6w        every N weeks

The clock runs from the last touch: due = last touch + one rhythm. Adding months
keeps the day of the month and clamps it to the month's end, so 31 January plus
one month is 28 (or 29) February.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

KEY, CLOSE, DISTANT, WEEKS = "key", "close", "distant", "weeks"
TIERS = (KEY, CLOSE, DISTANT)
MONTHS_OF = {KEY: 1, CLOSE: 2, DISTANT: 4}
ALIASES = {"monthly": KEY, "month": KEY}
MAX_WEEKS = 104
_WEEKS = re.compile(r"^\s*(\d{1,3})\s*(w|wk|wks|week|weeks)?\s*$", re.IGNORECASE)


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, the day clamped to the month's length."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True, slots=True)
class Rhythm:
    """A tier (key, close, distant) or a custom interval in weeks."""

    tier: str = KEY
    weeks: int | None = None

    def __post_init__(self) -> None:
        if self.tier == WEEKS:
            if self.weeks is None or not 1 <= self.weeks <= MAX_WEEKS:
                raise ValueError(f"a custom rhythm is 1 to {MAX_WEEKS} weeks")
        elif self.tier not in TIERS or self.weeks is not None:
            raise ValueError(f"unknown rhythm {self.tier!r}")

    @classmethod
    def parse(cls, text: object) -> Rhythm:
        """Read ``key``, ``monthly``, ``close``, ``distant``, ``6w``, ``6 weeks`` or ``6``."""
        if isinstance(text, int) and not isinstance(text, bool):
            text = str(text)
        if not isinstance(text, str):
            raise ValueError(_HINT)
        word = text.strip().lower()
        word = ALIASES.get(word, word)
        if word in TIERS:
            return cls(word)
        match = _WEEKS.match(word)
        if match is None:
            raise ValueError(_HINT)
        count = int(match.group(1))
        if not 1 <= count <= MAX_WEEKS:
            raise ValueError(f"a custom rhythm is 1 to {MAX_WEEKS} weeks, not {count}")
        return cls(WEEKS, count)

    @property
    def is_key(self) -> bool:
        return self.tier == KEY

    @property
    def text(self) -> str:
        """The form kept in the file: ``key``, ``close``, ``distant`` or ``6w``."""
        return f"{self.weeks}w" if self.tier == WEEKS else self.tier

    @property
    def label(self) -> str:
        """Words for people: ``key · monthly``, ``every 2 months``, ``every 6 weeks``."""
        if self.tier == KEY:
            return "key · monthly"
        if self.tier == WEEKS:
            return "every week" if self.weeks == 1 else f"every {self.weeks} weeks"
        return f"{self.tier} · every {MONTHS_OF[self.tier]} months"

    def after(self, day: date) -> date:
        """When a partner touched on ``day`` is due again."""
        if self.tier == WEEKS:
            return day + timedelta(weeks=self.weeks or 0)
        return add_months(day, MONTHS_OF[self.tier])

    def __str__(self) -> str:
        return self.text


_HINT = "a rhythm is key (monthly), close (two months), distant (four months) or N weeks like 6w"
