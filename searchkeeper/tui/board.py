"""The dashboard's one way to the disk: the journal and partners as read, their summary, the
stamps they were read at (``storage.stamps.watched``), and the changes not saved yet.

No Textual here. Every change is written at once; one the disk refuses (a read-only folder, a
full disk) is kept in memory, shown as unsaved and written by ``retry`` later, in order, never
dropped. A file that does not load is never written. After its own save the board takes the new
stamp of what it wrote, so ``changed_on_disk`` is true only when something else changed a file.
"""

from __future__ import annotations

import contextlib
import copy
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from searchkeeper.core.errors import ConfigError, JournalError, SearchkeeperError
from searchkeeper.core.key_partners import with_partners
from searchkeeper.core.partners import PartnersError, Roster, Touch
from searchkeeper.core.practices import Catalogue, Practice
from searchkeeper.core.records import History, WeekRecord, tick_day
from searchkeeper.core.scoring import Summary, practice_streak, summarise
from searchkeeper.core.weeks import Week
from searchkeeper.reports.status_line import remember
from searchkeeper.storage.config import config_path, save_setting
from searchkeeper.storage.conflicts import (
    BACKUP_FOLDER,
    CONFLICTS_FOLDER,
    Conflict,
    find_conflicts,
    merge_all,
)
from searchkeeper.storage.index import hold_saves, save_held
from searchkeeper.storage.partners import PartnerBook, read_roster
from searchkeeper.storage.stamps import Stamp, stamp_of, watched
from searchkeeper.storage.workspace import Workspace

if TYPE_CHECKING:  # annotations only: the review is loaded when an audit opens
    from searchkeeper.core.review import WeekReview
    from searchkeeper.tui.read_ahead import ReadAhead

Change = Callable[[WeekRecord], None]
Stamps = dict[str, Stamp | None]
AWAY_KEY, AUDIT_KEY = "away", "audit"
"""The keys an unsaved change to the whole week (away) and to its audit are kept under."""
LOCK_WAIT = 0.25
"""Seconds a save waits for the write lock another process holds (a shell's tick holds it for a few
milliseconds): then the change stays on screen as unsaved and the watcher retries it, rather than
the screen freezing for the seconds a command waits."""


@dataclass
class PendingChange:
    """A change that could not be written yet: to ``week``, or to ``partners.yaml`` (no week)."""

    week: Week | None
    key: str
    change: Callable[[Any], object]


@dataclass(frozen=True)
class SaveResult:
    saved: bool
    message: str = ""
    kept: bool = False
    """Not saved, but kept as unsaved: shown, and written by ``retry``."""


@dataclass
class Read:
    """One look at the disk (taken in a thread: it changes nothing on the board)."""

    changes: int
    """The board's count of changes when the read began."""
    stamps: Stamps
    history: History
    conflicts: list[Conflict]
    roster: Roster
    roster_problem: PartnersError | None
    summary: Summary | None = None
    """Given by a read that scored ``history`` too (``read_ahead.ReadAhead``), on the day ``today``."""
    today: date | None = None
    line_kept: bool = False
    """The reader keeps the status line of what it read itself (``read_ahead``: once it is sent)."""


@dataclass(frozen=True)
class DayMoved:
    """The calendar moved under an open dashboard (``Board.follow_calendar``)."""

    before: date
    after: date

    @property
    def new_week(self) -> bool:
        return Week.of(self.before) != Week.of(self.after)


class Board:
    """The journal and partners of one workspace, and the changes made from the dashboard."""

    def __init__(
        self, space: Workspace, today: Callable[[], date] | None = None, ahead: ReadAhead | None = None
    ) -> None:
        """``today``: the clock (default: the workspace's, the user's date); asked again at every
        watcher tick (``follow_calendar``), so the board is always on the real day. ``ahead``: the
        first read, already begun in a child process (``read_ahead``)."""
        self.space = space
        if today is not None:
            space.clock = today
        self.history = History()
        self.conflicts: list[Conflict] = []
        """Sync conflict copies beside the week files."""
        self.roster = Roster()
        self.roster_problem: PartnersError | None = None
        """Why ``partners.yaml`` does not load; nothing is written to it until it does."""
        self.loaded = False
        self.pending: list[PendingChange] = []
        self.stamps: Stamps = {}
        self.changes = 0
        """Counts the changes made here: a read begun before the last one may miss it."""
        self._line_due = False
        self.summary = self._summarise()
        self._ahead: threading.Thread | ReadAhead | None = ahead
        """The first read: a thread's, or a child process's (kept until the board closes, to let it go)."""
        self._ahead_read: Read | None = None

    @property
    def catalogue(self) -> Catalogue:
        return self.space.settings.catalogue

    @property
    def this_week(self) -> Week:
        return self.space.this_week

    @property
    def today(self) -> date:
        """The one today of the dashboard (the workspace's: ``follow_calendar`` moves it)."""
        return self.space.today

    def follow_calendar(self) -> DayMoved | None:
        """Ask the clock for the date; on another day (past midnight), score again on it (the week
        in progress, the days left, the audit day), and read the disk again at the next look (what
        is counted depends on the current week). None when it is still the same day."""
        before = self.space.today
        if not self.space.follow_clock():
            return None
        self.changes += 1  # a read begun on the day before is dropped
        self.stamps = {}  # the next look reads again
        self.summary = self._summarise()
        self._line_due = True  # today's status line
        return DayMoved(before, self.space.today)

    def audit_week(self, shown: Week | None) -> Week:
        """The week ``a`` audits from ``shown``: last week while it is still open to audit (the
        first days of this week, ``Workspace.last_week_to_audit``), else ``shown`` itself."""
        shown = shown or self.this_week
        if shown == self.this_week and self.loaded:
            last = self.space.last_week_to_audit(self.history.records)
            if last is not None and last not in self.history.broken_weeks:
                return last
        return shown

    def practice_streak(self, practice: Practice, week: Week) -> int:
        """The practice's streak as it stood at the end of ``week`` (the current one: as it is
        now), from the summary's week scores up to ``week`` (``scoring.practice_streak``)."""
        scores = self.summary.scores
        if week >= self.this_week or (scores and week >= scores[-1].week):
            return self.summary.practice_streaks.get(practice.id, 0)
        if not scores or week < scores[0].week:
            return 0  # before the journal began
        upto = (week.monday - scores[0].week.monday).days // 7 + 1
        return practice_streak(scores[:upto], practice.id, practice.cadence)

    def intention_for(self, week: Week) -> str:
        """The intention written for ``week``: at the audit of the week before it ("next week, I
        intend to…"); empty if none was written."""
        audit = self.record(week.previous()).audit
        return audit.intention.strip() if audit is not None else ""

    @property
    def is_first_run(self) -> bool:
        """No week before this one yet: greet and explain rather than show an empty chart."""
        if not self.loaded or self.history.problems:
            return False
        return not any(week < self.this_week for week in self.history.records)

    # reading ------------------------------------------------------------------

    def read(self) -> Read:
        """Read the journal, its conflict copies and the partners (safe from a thread)."""
        changes = self.changes
        stamps = watched(self.space.data_dir, self.space.config_dir)  # first: a change meanwhile shows next
        history = self.space.history()
        try:
            roster, problem = read_roster(self.space.data_dir), None
        except PartnersError as error:
            roster, problem = Roster(), error
        return Read(changes, stamps, history, find_conflicts(self.space.journal), roster, problem)

    def changed_on_disk(self) -> bool:
        """Whether any file changed since the board read or wrote it (a ``stat`` each; safe from a thread)."""
        return watched(self.space.data_dir, self.space.config_dir) != self.stamps

    def read_ahead(self) -> None:
        """Start reading in a thread now, while the first screen is being built (unless a child
        process is reading already)."""
        if self._ahead is not None:
            return

        def read() -> None:
            with contextlib.suppress(Exception):  # the watcher's own read meets it again
                self._ahead_read = self.read()

        self._ahead = threading.Thread(target=read, name="searchkeeper-read-ahead", daemon=True)
        self._ahead.start()

    def take_read_ahead(self, wait: float | None = None) -> Read | None:
        """What ``read_ahead`` read, waiting at most ``wait`` seconds (None: until it is done).

        Given once; None when nothing was read ahead, it failed or it is not done in time.
        """
        ahead = self._ahead
        if ahead is None:
            return None
        if isinstance(ahead, threading.Thread):
            ahead.join(wait)
            if ahead.is_alive():
                return None
            self._ahead, found, self._ahead_read = None, self._ahead_read, None
            return found
        return ahead.take(wait)[1]  # once finished, it gives nothing again

    def stop_reading_ahead(self) -> None:
        """The dashboard closes: a child still reading for it is ended (one saving the index it
        made is given a moment to finish)."""
        ahead, self._ahead = self._ahead, None
        if ahead is not None and not isinstance(ahead, threading.Thread):
            ahead.close()

    def accept(self, read: Read) -> bool:
        """Show ``read``, with the unsaved changes laid over it; a read begun before a change
        made since is dropped (False), and the next look at the disk reads again."""
        if read.changes != self.changes:
            return False
        self.stamps, self.history, self.conflicts = read.stamps, read.history, read.conflicts
        self.roster, self.roster_problem = read.roster, read.roster_problem
        for pending in self.pending:
            with contextlib.suppress(SearchkeeperError):  # no longer applies: retry says so
                self._apply(pending)
        self.loaded = True
        if read.summary is not None and read.today == self.today and not self.pending:
            self.summary = read.summary  # scored by the reader, on this day, with nothing laid over
        else:
            self.summary = self._summarise()
        kept = read.line_kept and self.summary is read.summary  # nothing laid over, scored as read
        self._line_due = not kept  # the status line, kept at the next watcher tick
        return True

    def load(self) -> None:
        self.accept(self.read())

    def hold_index(self) -> None:
        """Keep what saves put in the derived index in memory; ``keep_status_line`` writes it."""
        hold_saves(self.space.data_dir)

    def keep_status_line(self, last: bool = False) -> None:
        """Keep this week's status line for a shell prompt (``remember``), once for all the
        changes since it was last kept, and write the index they went into (``hold_index``):
        off the path of a key press. ``last``: the board closes; the index is no longer held."""
        if self._line_due:
            self._line_due = False
            remember(self.space, self.history, self.summary)
        save_held(self.space.data_dir, release=last)

    def record(self, week: Week) -> WeekRecord:
        return self.history.records.get(week) or WeekRecord(week)

    def problem_for(self, week: Week) -> JournalError | None:
        for problem in self.history.problems:
            if problem.path == self.space.journal.path_for(week):
                return problem
        return None

    def where(self, problem: JournalError) -> str:
        """``journal/2026/2026-W45.yaml:4: reason``: the problem with the path made short."""
        try:
            path: Path = problem.path.relative_to(self.space.data_dir)
        except ValueError:
            path = problem.path
        line = f":{problem.line}" if problem.line else ""
        return f"{path}{line}: {problem.reason}"

    def unsaved(self, week: Week | None) -> set[str]:
        """The keys of the unsaved changes to ``week`` (None: to the partners)."""
        return {pending.key for pending in self.pending if pending.week == week}

    def unsaved_words(self) -> str:
        """The unsaved changes in a few words: ``2026-W48 (marketing-plan, away), partners.yaml``."""
        keys: dict[str, list[str]] = {}
        for pending in self.pending:
            where = pending.week.key if pending.week is not None else "partners.yaml"
            listed = keys.setdefault(where, [])
            if pending.week is not None and pending.key not in listed:
                listed.append(pending.key)
        return ", ".join(
            f"{where} ({', '.join(listed)})" if listed else where for where, listed in keys.items()
        )

    def tick_day(self, week: Week) -> date:
        """The date a tick in ``week`` gets (``records.tick_day``)."""
        return tick_day(week, self.today, self.space.settings.audit_day)

    def review(self, week: Week) -> WeekReview:
        """``week`` against the weeks before it, as the board holds them; the problem if its file is broken."""
        from searchkeeper.core.review import review_week

        problem = self.problem_for(week)
        if problem is not None:
            raise problem
        records, broken = self.history.records, self.history.broken_weeks
        return review_week(
            records, self.catalogue, week, self.this_week, self.space.settings.threshold, broken
        )

    def save_report(self, week: Week, where: str | Path) -> Path:
        """The week's one-page report (Markdown) saved at ``where``; ``SearchkeeperError`` or ``OSError``."""
        from searchkeeper.reports.week_summary import save_week_report  # only when a report is saved

        return save_week_report(self.space, week, where)

    # changing -----------------------------------------------------------------

    def change(self, week: Week, key: str, change: Change) -> SaveResult:
        """Apply ``change`` to ``week`` on disk now; keep it as unsaved if the disk refuses."""
        problem = self.problem_for(week)
        if problem is not None:
            return SaveResult(
                False, f"{week.key} is not changed while its file is broken: {self.where(problem)}"
            )
        return self._save(PendingChange(week, key, change))

    def change_partners(self, change: Callable[[Roster], object]) -> SaveResult:
        """Apply ``change`` to ``partners.yaml`` now; keep it as unsaved if the disk refuses."""
        if self.roster_problem is not None:
            return SaveResult(
                False, f"{self.roster_problem} — fix the file; nothing is changed here until then"
            )
        return self._save(PendingChange(None, "partners", change))

    def log_touch(self, name: str, day: date, channel: str | None, value: str = "") -> SaveResult:
        """A touch with the partner called ``name``."""

        def touch(roster: Roster) -> None:
            partner = roster.find(name)
            partner.log(Touch(day, channel or partner.channel, value.strip()))

        return self.change_partners(touch)

    def retry(self) -> SaveResult:
        """Write the unsaved changes, oldest first; stop at the first that fails again."""
        while self.pending:
            pending = self.pending[0]
            try:
                self._write(pending)
            except OSError as error:  # a SaveError too: the disk still refuses
                return SaveResult(False, _why(error))
            except SearchkeeperError as error:  # a file broken since, a partner gone: nothing to write
                self.pending.pop(0)
                return SaveResult(False, f"dropped a change: {self._refused(error)}")
            self.pending.pop(0)
        self.summary = self._summarise()
        self._line_due = True  # the status line, kept at the next watcher tick
        return SaveResult(True)

    def merge_conflicts(self) -> SaveResult:
        """Fold every sync conflict copy into its week, as ``check --merge`` does, and read the
        journal again; say what it did. The copies are kept under ``backups/conflicts/``."""
        self.changes += 1
        outcomes, problems = merge_all(self.space.journal)
        lines = [f"{o.conflict.label}: {'; '.join(o.changes) or 'nothing new'}" for o in outcomes]
        lines += [f"not merged: {problem}" for problem in problems]
        if outcomes:
            copies = "1 copy" if len(outcomes) == 1 else f"{len(outcomes)} copies"
            lines.insert(0, f"Merged {copies}, kept under {BACKUP_FOLDER}/{CONFLICTS_FOLDER}/.")
        elif not problems:
            lines.append("No sync conflict copies to merge.")
        self.load()  # the merged weeks, and the copies left
        return SaveResult(not problems, "\n".join(lines))

    def remember_setting(self, key: str, value: object) -> SaveResult:
        """Set ``key`` in ``config.yaml`` (the theme the user picks)."""
        try:
            save_setting(self.space.config_dir, key, value)
        except (ConfigError, OSError) as error:
            return SaveResult(False, str(error))
        self._saved(config_path(self.space.config_dir))
        return SaveResult(True)

    def _save(self, pending: PendingChange) -> SaveResult:
        self.changes += 1
        if self.pending and not self.retry().saved:  # waits behind the older ones
            return self._keep(pending, "")
        try:
            self._write(pending)
        except OSError as error:  # a SaveError too
            return self._keep(pending, _why(error))
        except SearchkeeperError as error:  # a file broken since it was read, a name taken
            return SaveResult(False, self._refused(error))
        self.summary = self._summarise(pending.week)
        self._line_due = True  # the status line, kept at the next watcher tick
        return SaveResult(True)

    def _write(self, pending: PendingChange) -> None:
        """Write ``pending`` (``Journal.update``, ``PartnerBook.update``) and show what was written."""
        if pending.week is not None:
            record = self.space.journal.update(pending.week, pending.change, LOCK_WAIT)
            self._saved(self.space.journal.path_for(pending.week))
            self.history.put(record)
            return

        def change(roster: Roster) -> Roster:
            pending.change(roster)
            return roster  # as written

        book = PartnerBook(self.space.data_dir)
        self.roster = book.update(change, LOCK_WAIT)
        self._saved(book.path)

    def _keep(self, pending: PendingChange, why: str) -> SaveResult:
        try:
            self._apply(pending)
        except SearchkeeperError as error:  # a partner gone: nothing to keep
            return SaveResult(False, str(error))
        self.pending.append(pending)
        self.summary = self._summarise(pending.week)
        what = pending.week.key if pending.week is not None else "partners.yaml"
        message = f"Could not save {what}" + (f" ({why})" if why else "")
        return SaveResult(
            False, message + ". It stays on screen as unsaved and is retried every second.", True
        )

    def _apply(self, pending: PendingChange) -> None:
        """Lay ``pending`` over what the board shows (in memory: copies, never what was read)."""
        if pending.week is None:
            if self.roster_problem is None:
                roster = copy.deepcopy(self.roster)  # read_roster's roster is shared: never changed
                pending.change(roster)
                self.roster = roster
            return
        record = copy.deepcopy(self.record(pending.week))
        pending.change(record)
        self.history.put(record)

    def _refused(self, error: SearchkeeperError) -> str:
        if isinstance(error, JournalError):
            self.history.problems.append(error)
            return f"{self.where(error)}: the file is broken and stays as it is"
        if isinstance(error, PartnersError):
            self.roster_problem = error
        return str(error)

    def _saved(self, path: Path) -> None:
        """After writing ``path``: its new stamp (and its folder's), so the watcher sees no change."""
        space = self.space
        folder = space.data_dir if path.is_relative_to(space.data_dir) else space.config_dir
        name = path.relative_to(folder).as_posix()  # as ``watched`` names it
        try:
            taken = {name: stamp_of(os.stat(path))}
        except OSError:
            taken = {name: None}
        if "/" in name:  # a week file: its year folder is named too, with no stamp
            taken[name.rpartition("/")[0] + "/"] = None
        self.stamps = {**self.stamps, **taken}  # a new dict: the watcher's thread may be comparing

    def _summarise(self, since: Week | None = None) -> Summary:
        """The summary after a change to ``since`` (a week; None: anything), scoring again only
        what the change can reach."""
        # the automatic contact-key-partners tick, laid again after every change (in memory only)
        self.history = with_partners(self.history, self.roster, self.catalogue, self.this_week)
        return summarise(
            self.history.records,
            self.catalogue,
            self.this_week,
            self.space.settings.threshold,
            self.history.broken_weeks,  # unknown, not empty: a broken file never breaks a streak
            self.summary if since is not None else None,
            since,
        )


def _why(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{error.strerror or error}"
