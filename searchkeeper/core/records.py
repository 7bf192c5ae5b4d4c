"""One week's journal record: what was done, excused or missed, whether it was away, its audit.

A week file looks like this (keys always in this order, unknown keys kept)::

    format: 1
    week: 2026-W47
    away: false
    practices:
      marketing-plan:
        state: done
        date: 2026-11-18
        note: Walked Priya through the plan over coffee
      out-of-industry-event:
        state: excused
        note: Nothing on in town this week
    audit:
      completed: 2026-11-20 17:04:00
      answer: adapt
      reflection: Good conversations, few of them
      intention: Two coffees with former clients

A practice's ``state`` is ``done``, ``missed`` (marked not done: for a standing
practice, unticked) or ``excused``. An entry with a note and no state says nothing
about the week: a standing practice keeps carrying through it. (Hand-written
shorthand: an entry with a date and no state is done; ``reconnect: true`` is done.)
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime

from searchkeeper.core.audit_phrase import audit_day_of
from searchkeeper.core.errors import NoteTooLong, SearchkeeperError
from searchkeeper.core.pickled import PickledAsFields
from searchkeeper.core.weeks import Week

TYPE_CHECKING = False
if TYPE_CHECKING:  # only the annotations need typing, which is slow to import
    from typing import Any

    from searchkeeper.core.errors import JournalError

DONE, MISSED, EXCUSED = "done", "missed", "excused"
STATES = (DONE, MISSED, EXCUSED)
ANSWERS = ("up", "out", "adapt")
MAX_NOTE = 2000
"""The most characters a note may have: a line of evidence, not a diary (a file holds a few hundred)."""


class PracticeDone(SearchkeeperError):
    """An excuse for a practice already done that week: refused, the tick and its note stay."""

    def __init__(self, practice_id: str, week: Week) -> None:
        super().__init__(f"{practice_id} is done in {week.key}; untick it first if it did not happen")


def check_note(note: str) -> str:
    """``note`` as it is, or ``NoteTooLong``: every note put in a record (a practice's, a touch's)
    passes here, and so does a note joined from two."""
    if len(note) > MAX_NOTE:
        raise NoteTooLong(len(note), MAX_NOTE)
    return note


def tick_day(week: Week, today: date, audit_day: int) -> date:
    """The date a tick in ``week`` is recorded with: today inside the week, else the week's audit day."""
    return today if week.contains(today) else audit_day_of(week, audit_day)


@dataclass(slots=True)
class Entry(PickledAsFields):
    """What happened to one practice in one week."""

    state: str | None = DONE
    """done, missed or excused; None for a note with no say on the week."""
    date: date | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Audit(PickledAsFields):
    """The Friday audit of a week: progress, the Three Questions answer, reflection, intention."""

    completed: datetime | None = None
    answer: str | None = None
    reflection: str = ""
    intention: str = ""
    answered: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class WeekRecord(PickledAsFields):
    """Everything the journal holds about one week."""

    week: Week
    practices: dict[str, Entry] = field(default_factory=dict)
    away: bool = False
    away_note: str = ""
    audit: Audit | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    derived = False  # a class attribute, not a field
    """True for a week made only in memory, with no file of its own (see ``key_partners``)."""

    def state(self, practice_id: str) -> str | None:
        entry = self.practices.get(practice_id)
        return entry.state if entry else None

    def is_done(self, practice_id: str) -> bool:
        return self.state(practice_id) == DONE

    def note(self, practice_id: str) -> str:
        entry = self.practices.get(practice_id)
        return entry.note if entry else ""

    def tick(self, practice_id: str, day: date, note: str | None = None) -> None:
        """Mark a practice done on ``day``; a ``note`` of None keeps the note there is."""
        self._mark(practice_id, DONE, day, note)

    def untick(self, practice_id: str) -> None:
        """Mark a practice not done: ``state: missed``, its note kept, its date dropped.

        What every untick writes, from the shell (``tick --undo``), the dashboard and
        the audit's "no": explicit, so a standing practice stops carrying and an
        automatic tick (key partners) is overruled.
        """
        self._mark(practice_id, MISSED)

    def excuse(self, practice_id: str, note: str | None = None) -> None:
        """Excuse a practice this week: not counted. A done practice stays done (``PracticeDone``):
        an excuse never throws a tick or its note away; the user unticks it first."""
        if self.is_done(practice_id):
            raise PracticeDone(practice_id, self.week)
        self._mark(practice_id, EXCUSED, note=note)

    def _mark(self, practice_id: str, state: str, day: date | None = None, note: str | None = None) -> None:
        if note is not None:
            check_note(note)
        entry = self.practices.setdefault(practice_id, Entry())
        entry.state, entry.date = state, day
        if note is not None:
            entry.note = note

    def clear(self, practice_id: str) -> None:
        """Forget the state of a practice this week but keep its note (a standing one carries again)."""
        entry = self.practices.get(practice_id)
        if entry is None:
            return
        if entry.note or entry.extra:
            entry.state, entry.date = None, None
        else:
            del self.practices[practice_id]

    def set_note(self, practice_id: str, note: str) -> None:
        """Set the note; a practice with no entry yet gets one with no state (nothing is unticked)."""
        check_note(note)
        self.practices.setdefault(practice_id, Entry(state=None)).note = note

    @property
    def is_empty(self) -> bool:
        return not (self.practices or self.away or self.audit or self.extra)


@dataclass
class History:
    """Every readable week, plus the problems met while reading the rest."""

    records: dict[Week, WeekRecord] = field(default_factory=dict)
    problems: list[JournalError] = field(default_factory=list)

    def put(self, record: WeekRecord) -> None:
        """Put ``record`` in place of its week's, the records kept in time order: sorted again
        only for a week new to the history and earlier than its last (a week planned ahead)."""
        records, week = self.records, record.week
        if week in records or not records or week > next(reversed(records)):
            records[week] = record
            return
        records[week] = record
        self.records = dict(sorted(records.items()))

    @property
    def broken_weeks(self) -> set[Week]:
        """The weeks whose own file (``<year>/<key>.yaml``) does not load: unknown, not empty."""
        weeks = set()
        for problem in self.problems:
            with suppress(ValueError):
                week = Week.parse(problem.path.stem)
                if problem.path.parent.name == str(week.year):
                    weeks.add(week)
        return weeks
