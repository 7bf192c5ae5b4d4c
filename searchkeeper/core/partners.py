"""Networking partners: the people of the relationship campaign, when each is due, and their touches.

Their file, ``partners.yaml``, is read and written by ``searchkeeper.storage.partners``.

A partner is due one rhythm after their last touch; an early or unplanned touch
restarts the clock. A partner never touched yet is due from the day they were
added (or today, when the file does not say).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from searchkeeper.core.errors import FileProblem, SearchkeeperError
from searchkeeper.core.records import check_note
from searchkeeper.core.rhythm import Rhythm
from searchkeeper.core.weeks import FIRST_YEAR, sane_day

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from typing import Any

FORMAT = 1
KIND_LABELS = {
    "former-client": "former client or customer",
    "former-boss": "former boss",
    "former-colleague": "former colleague or report",
    "supplier-partner": "supplier or business partner",
    "recruiter": "recruiter or head-hunter",
    "classmate": "classmate or association peer",
}
KINDS = tuple(KIND_LABELS)
CHANNEL_LABELS = {
    "email": "email",
    "phone": "phone call",
    "post": "card or letter",
    "video": "video call",
    "message": "instant message",
    "in-person": "face to face",
}
CHANNELS = tuple(CHANNEL_LABELS)
_PARTNER_KEYS = ("name", "kind", "rhythm", "channel", "notes", "added", "retired", "touches")
_TOUCH_KEYS = ("date", "channel", "value")
_TOP_KEYS = ("format", "partners")


class PartnersError(FileProblem):
    """``partners.yaml`` does not load or does not validate. It is never overwritten."""


class UnknownPartner(SearchkeeperError):
    """A name (or prefix) that matches no partner, or more than one."""

    def __init__(self, given: str, candidates: list[str]) -> None:
        self.given = given
        self.candidates = candidates
        if candidates:
            message = f"'{given}' matches several partners: {', '.join(candidates)}"
        else:
            message = f"no partner matches '{given}' (see 'searchkeeper partners')"
        super().__init__(message)


@dataclass
class Touch:
    """One contact with a partner: when, how, and what of value you brought."""

    date: date
    channel: str | None = None
    value: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Partner:
    """Someone in the campaign: who they are to you, how often, how, and every touch so far."""

    name: str
    kind: str = "former-colleague"
    rhythm: Rhythm = field(default_factory=Rhythm)
    channel: str | None = None
    notes: str = ""
    added: date | None = None
    retired: bool = False
    touches: list[Touch] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def last_touch(self) -> Touch | None:
        return max(self.touches, key=lambda touch: touch.date) if self.touches else None

    def due(self, today: date) -> date:
        """The day this partner should next hear from you."""
        last = self.last_touch
        if last is not None:
            return self.rhythm.after(last.date)
        return self.added or today

    def days_since(self, today: date) -> int | None:
        """Days since the last touch, or None if there has been none."""
        last = self.last_touch
        return None if last is None else (today - last.date).days

    def overdue_by(self, today: date) -> int:
        """Days past the due date (0 when not overdue)."""
        return max(0, (today - self.due(today)).days)

    def is_due(self, today: date) -> bool:
        return not self.retired and self.due(today) <= today

    def log(self, touch: Touch) -> None:
        """Add a touch, keeping touches in date order (a touch on the same day goes after)."""
        check_note(touch.value)
        index = len(self.touches)
        while index > 0 and self.touches[index - 1].date > touch.date:
            index -= 1
        self.touches.insert(index, touch)

    @property
    def since(self) -> date | None:
        """The first day this partner was in the campaign: added, or their first touch if earlier."""
        days = [touch.date for touch in self.touches] + ([self.added] if self.added is not None else [])
        return min(days, default=None)


@dataclass
class Roster:
    """Everything ``partners.yaml`` holds."""

    partners: list[Partner] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Partner]:
        return iter(self.partners)

    def __len__(self) -> int:
        return len(self.partners)

    @property
    def active(self) -> list[Partner]:
        return [partner for partner in self.partners if not partner.retired]

    @property
    def key(self) -> list[Partner]:
        """The active partners on the monthly (key) rhythm."""
        return [partner for partner in self.active if partner.rhythm.is_key]

    def get(self, name: str) -> Partner | None:
        wanted = name.strip().casefold()
        return next((partner for partner in self.partners if partner.name.casefold() == wanted), None)

    def find(self, given: str) -> Partner:
        """The partner named ``given``: the full name, or a prefix of only one name (any case).

        Active partners are searched first; retired ones only when no active one matches.
        """
        wanted = given.strip().casefold()
        if not wanted:
            raise UnknownPartner(given, [])
        for pool in (self.active, [p for p in self.partners if p.retired]):
            exact = [partner for partner in pool if partner.name.casefold() == wanted]
            if len(exact) == 1:
                return exact[0]
            matches = [partner for partner in pool if partner.name.casefold().startswith(wanted)]
            if len(matches) == 1:
                return matches[0]
            if matches:
                raise UnknownPartner(given, [partner.name for partner in matches])
        raise UnknownPartner(given, [])

    def add(self, partner: Partner) -> Partner:
        self.rename(partner, partner.name)
        self.partners.append(partner)
        return partner

    def rename(self, partner: Partner, name: str) -> None:
        """Give ``partner`` the name ``name`` (stripped): not empty, and no other partner's."""
        name = name.strip()
        if not name:
            raise SearchkeeperError("a partner needs a name")
        other = self.get(name)
        if other is not None and other is not partner:
            raise SearchkeeperError(f"there is already a partner called '{other.name}'")
        partner.name = name

    def by_due(self, today: date) -> list[Partner]:
        """Active partners, soonest due first (so the most overdue lead), then by name."""
        return sorted(self.active, key=lambda p: (p.due(today), p.name.casefold()))

    def overdue(self, today: date) -> list[Partner]:
        """Active partners past their due date, most overdue first."""
        return [partner for partner in self.by_due(today) if partner.due(today) < today]


def due_text(partner: Partner, today: date) -> str:
    """``overdue 12 days``, ``due today``, ``due in 5 days`` or ``retired``."""
    if partner.retired:
        return "retired"
    days = (partner.due(today) - today).days
    if days < 0:
        return f"overdue {_days(-days)}"
    if days == 0:
        return "due today"
    return f"due in {_days(days)}"


def since_text(partner: Partner, today: date) -> str:
    days = partner.days_since(today)
    if days is None:
        return "never touched"
    return f"{_days(days)} since last touch"


def parse_touch_day(given: str | None, today: date) -> date:
    """A touch's day from the user's words; never in the future."""
    if given in (None, "", "today"):
        return today
    if given == "yesterday":
        return today - timedelta(days=1)
    try:
        day = date.fromisoformat(given or "")
    except ValueError:
        raise SearchkeeperError(f"{given!r} is not a date like 2026-11-27 (or today, yesterday)") from None
    if day > today:
        raise SearchkeeperError(f"{day} is in the future; log a touch once it has happened")
    if not sane_day(day):
        raise SearchkeeperError(f"{day} is before {FIRST_YEAR}; a touch takes a date from {FIRST_YEAR} on")
    return day


def overdue_line(roster: Roster, today: date, limit: int = 3) -> str | None:
    """``2 partners overdue: Ana Ruiz (12 days), Bo Chen (3 days)``, or None if nobody is."""
    late = roster.overdue(today)
    if not late:
        return None
    named = [f"{p.name} ({_days(p.overdue_by(today))})" for p in late[:limit]]
    more = f" and {len(late) - limit} more" if len(late) > limit else ""
    noun = "partner" if len(late) == 1 else "partners"
    return f"{len(late)} {noun} overdue: {', '.join(named)}{more}"


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def touches_in(roster: Roster, first: date, last: date) -> list[tuple[Partner, Touch]]:
    """Every touch dated from ``first`` to ``last`` (both included), in date order."""
    found = [
        (partner, touch)
        for partner in roster.partners
        for touch in partner.touches
        if first <= touch.date <= last
    ]
    return sorted(found, key=lambda pair: pair[1].date)
