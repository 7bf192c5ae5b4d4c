"""One user's searchkeeper: where the files are, the settings, the journal, and today."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from searchkeeper.core.audit_phrase import LAST_WEEK_NUDGE_DAYS, audit_state_on, last_week_open
from searchkeeper.core.errors import JournalError, SearchkeeperError
from searchkeeper.core.records import History, WeekRecord
from searchkeeper.core.scoring import Summary, summarise
from searchkeeper.core.weeks import (
    BACK_WEEKS,
    Week,
    from_words,
    outside_years,
    refusal,
    sane_day,
    uncounted_because,
)
from searchkeeper.storage import paths
from searchkeeper.storage.config import Settings, load_settings, settle
from searchkeeper.storage.index import Inputs, load_history
from searchkeeper.storage.journal import Journal

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: the review is loaded when a week is reviewed
    from searchkeeper.core.review import WeekReview


def today() -> date:
    """The user's local date; ``$SEARCHKEEPER_TODAY`` (YYYY-MM-DD) pins it for demos and tests."""
    pinned = os.environ.get(paths.TODAY_ENV)
    if pinned:
        try:
            day = date.fromisoformat(pinned)
        except ValueError:
            day = None
        if day is None or not sane_day(day):
            raise SearchkeeperError(f"{paths.TODAY_ENV}={pinned!r} is not a date like 2026-11-27") from None
        return day
    return date.today()


def counted_only(history: History, journal: Journal, current: Week) -> History:
    """``history`` without the weeks the journal does not count (``uncounted_because``: far in the
    future, or before 1900): each becomes a problem naming its file, so ``check`` and the status
    line tell of it and no scoring walks out to it."""
    for week in list(history.records):
        why = uncounted_because(week, current)
        if why is not None:
            del history.records[week]
            history.problems.append(JournalError(journal.path_for(week), why))
    return history


@dataclass
class Workspace:
    """The data and config directories with what was read from them, and today.

    ``today`` is the date the clock gave when last asked (``follow_clock``): the one date every
    rule of this workspace is worked out on, so that a dashboard left open past midnight moves to
    the new day as a whole, never half of it.
    """

    data_dir: Path
    config_dir: Path
    settings: Settings
    journal: Journal
    today: date
    sample: bool = False
    """Sample data in a temporary folder (``searchkeeper demo``), not the user's: the dashboard says so."""

    @classmethod
    def open(
        cls,
        data_dir: str | Path | None = None,
        config_dir: str | Path | None = None,
        on: date | None = None,
        clock: Callable[[], date] | None = None,
    ) -> Workspace:
        """Resolve the directories and read the config (``ConfigError`` if it is not a mapping of
        settings; a bad value is in ``settings.problems``), and settle its practices' lifespans.

        Today is ``on`` if given (and stays that day), else what ``clock`` says (default: the
        user's date, ``today()``), asked again by ``follow_clock``."""
        data = paths.data_dir(data_dir)
        config = paths.config_dir(config_dir)
        for folder in (data, config):
            if folder.exists() and not folder.is_dir():
                raise SearchkeeperError(f"{folder}: is a file, not a folder")
        settings = load_settings(config, strict=False)
        journal = Journal(data, settings.catalogue.ids)
        if on is not None:
            fixed = on
            clock = lambda: fixed  # noqa: E731
        clock = clock or today
        on = clock()
        settle(settings, Week.of(on), lambda: bool(journal.files()))
        space = cls(data, config, settings, journal, on)
        space.clock = clock
        return space

    clock = staticmethod(today)
    """Where ``today`` comes from: the user's date (``today()``, or ``$SEARCHKEEPER_TODAY``);
    ``open`` gives each workspace its own, a board may give another (tests move it)."""

    @property
    def this_week(self) -> Week:
        return Week.of(self.today)

    def follow_clock(self) -> bool:
        """Ask the clock for the date again; True when it is another day than ``today`` was (it
        becomes ``today``). A clock that fails (a bad ``$SEARCHKEEPER_TODAY``) leaves today as is."""
        try:
            day = self.clock()
        except SearchkeeperError:
            return False
        if day == self.today:
            return False
        self.today = day
        return True

    def week(
        self, given: str | None, command: str | None = None, ahead: bool = False, force: bool = False
    ) -> Week:
        """A week from the user's words (``weeks.from_words``): None or ``this``, ``last``, ``next``,
        or a key. With ``command`` (a command that changes the week) only a week it may change
        (``weeks.refusal``: ``ahead`` lets it plan ahead, ``force`` reach back to 1900); without,
        any week from 1900 to 2100."""
        try:
            week = from_words(given, self.this_week)
        except ValueError as error:
            raise SearchkeeperError(str(error)) from None
        if command is None:
            why = outside_years(week)
        else:  # the journal is listed only for a week that far back
            first = self.first_week() if week < self.this_week.shift(-BACK_WEEKS) else None
            why = refusal(week, self.this_week, command, first, ahead, force)
        if why is not None:
            raise SearchkeeperError(why)
        return week

    def first_week(self) -> Week | None:
        """The earliest week the journal holds a file of (by its name), or None."""
        weeks = []
        for path in self.journal.files():
            with suppress(ValueError):
                weeks.append(Week.parse(path.stem))
        return min((week for week in weeks if outside_years(week) is None), default=None)

    def history(self, inputs: Inputs | None = None) -> History:
        """Every week on disk the journal counts (``index.load_history``, from ``inputs`` when taken
        before; ``counted_only``), plus the automatic monthly tick from ``partners.yaml`` (in memory only)."""
        history = load_history(self.journal, inputs or Inputs(self.data_dir, self.config_dir))
        history = counted_only(history, self.journal, self.this_week)
        if not os.path.exists(self.data_dir / paths.PARTNERS_NAME):
            return history  # no partners, no automatic tick (and none of that code to load)
        from searchkeeper.storage.partners import history_with_partners

        return history_with_partners(history, self.data_dir, self.settings.catalogue, self.this_week)

    def summary(self, history: History | None = None) -> Summary:
        """The scores of ``history`` (read now if not given); its broken weeks count as unknown."""
        history = history or self.history()
        return summarise(
            history.records,
            self.settings.catalogue,
            self.this_week,
            self.settings.threshold,
            history.broken_weeks,
        )

    def audit_state(
        self,
        week: Week,
        record: WeekRecord | None = None,
        records: dict[Week, WeekRecord] | None = None,
    ) -> str:
        """The audit phrase of ``week`` (``audit_state_on``); ``record``, when not given, is read from
        the journal, or taken from ``records`` (a history already read: then nothing is read)."""
        if records is not None and record is None:
            record = records.get(week)
        elif record is None:
            record = self._read_quietly(week)
        last_week, began = None, None
        if week == self.this_week and (self.today - week.monday).days < LAST_WEEK_NUDGE_DAYS:
            last_week, began = self._last_week(records)
        settings = self.settings
        total = len(settings.catalogue.in_week(week))
        return audit_state_on(week, record, self.today, settings.audit_day, total, last_week, began)

    def last_week_to_audit(self, records: dict[Week, WeekRecord] | None = None) -> Week | None:
        """Last week, while it is still open to audit (``audit_phrase.last_week_open``: the first
        days of this week), else None; from ``records`` when given (else read from the journal)."""
        week = self.this_week
        if (self.today - week.monday).days >= LAST_WEEK_NUDGE_DAYS:
            return None  # no file is read on the other days
        last_week, began = self._last_week(records)
        return week.previous() if last_week_open(week, self.today, last_week, began) else None

    def _last_week(self, records: dict[Week, WeekRecord] | None) -> tuple[WeekRecord | None, Week | None]:
        """Last week's record (None: no file) and the journal's first week, for ``last_week_open``.
        A last week whose file is there but not read (broken) is not called open: it is the
        user's to fix first, and the dashboard and ``check`` say so."""
        previous = self.this_week.previous()
        last_week = records.get(previous) if records is not None else self._read_quietly(previous)
        if last_week is not None and not last_week.is_empty:
            return last_week, None  # its entries say it: the first week is not needed
        if last_week is None and self.journal.path_for(previous).exists():
            return None, None
        earliest = min(records, default=None) if records else None  # ``records`` may be a few weeks
        began = earliest if earliest is not None and earliest < previous else self.first_week()
        return last_week, began

    def _read_quietly(self, week: Week) -> WeekRecord | None:
        try:
            return self.journal.read(week)
        except JournalError:
            return None

    def review(self, week: Week) -> WeekReview:
        """Review ``week`` from the journal on disk; ``JournalError`` if its own file is broken."""
        from searchkeeper.core.review import review_week  # only for a review, not for a tick

        self.journal.read(week)  # a broken file for this very week is the user's to fix first
        history = self.history()
        settings = self.settings
        return review_week(
            history.records,
            settings.catalogue,
            week,
            self.this_week,
            settings.threshold,
            history.broken_weeks,
        )
