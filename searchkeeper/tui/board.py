"""What the dashboard shows: the history read from the journal, its summary, and unsaved changes.

No Textual here. Every change goes through ``Journal.update`` at once. A change that
cannot be written (a read-only folder, a full disk) is kept in memory, shown as
unsaved and written by ``retry`` later, in order; it is never dropped. A week whose
file does not load is never written.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from searchkeeper.core.errors import JournalError
from searchkeeper.core.practices import Catalogue
from searchkeeper.core.records import History, WeekRecord, tick_day
from searchkeeper.core.scoring import Summary, summarise
from searchkeeper.core.weeks import Week
from searchkeeper.storage.conflicts import BACKUP_FOLDER, CONFLICTS_FOLDER, find_conflicts, merge_all
from searchkeeper.storage.partners import history_with_partners
from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui.watcher import Stamp, stamp

Change = Callable[[WeekRecord], None]
AWAY_KEY = "away"
"""The key an unsaved change to the whole week (away) is kept under."""


@dataclass
class PendingChange:
    """A change that could not be written yet."""

    week: Week
    key: str
    change: Change


@dataclass(frozen=True)
class SaveResult:
    saved: bool
    message: str = ""


class Board:
    """The history and summary of one workspace, and the changes made from the dashboard."""

    def __init__(self, space: Workspace) -> None:
        self.space = space
        self.history = History()
        self.loaded = False
        self.pending: list[PendingChange] = []
        self.summary = self._summarise()
        self._ahead: threading.Thread | None = None
        self._ahead_read: tuple[Stamp, History] | None = None

    @property
    def catalogue(self) -> Catalogue:
        return self.space.settings.catalogue

    @property
    def this_week(self) -> Week:
        return self.space.this_week

    @property
    def today(self) -> date:
        return self.space.today

    @property
    def is_first_run(self) -> bool:
        """No week before this one yet: greet and explain rather than show an empty chart."""
        if not self.loaded or self.history.problems:
            return False
        return not any(week < self.this_week for week in self.history.records)

    # reading ------------------------------------------------------------------

    def read(self) -> History:
        """Read the journal and list its conflict copies (safe from a thread: it changes nothing here)."""
        history = self.space.history()
        history.conflicts = find_conflicts(self.space.journal)
        return history

    def read_ahead(self) -> None:
        """Start reading the journal in a thread now, while the first screen is being built."""

        def read() -> None:
            try:
                found = stamp(self.space.journal)  # before reading: a change meanwhile is seen later
                self._ahead_read = (found, self.read())
            except Exception:  # noqa: BLE001 - the screen's own read meets it again and reports it
                self._ahead_read = None

        self._ahead = threading.Thread(target=read, name="searchkeeper-read-ahead", daemon=True)
        self._ahead.start()

    def take_read_ahead(self, wait: float | None = None) -> tuple[Stamp, History] | None:
        """What ``read_ahead`` read, waiting at most ``wait`` seconds (None: until it is done).

        Given once; None when nothing was read ahead, it failed or it is not done in time.
        """
        if self._ahead is None:
            return None
        self._ahead.join(wait)
        if self._ahead.is_alive():
            return None
        self._ahead, found, self._ahead_read = None, self._ahead_read, None
        return found

    def accept(self, history: History) -> None:
        """Show ``history``, with the unsaved changes laid over it."""
        for pending in self.pending:
            record = copy.deepcopy(history.records.get(pending.week) or WeekRecord(pending.week))
            pending.change(record)
            history.records[pending.week] = record
        history.records = dict(sorted(history.records.items()))
        self.history = history
        self.loaded = True
        self.summary = self._summarise()

    def load(self) -> None:
        self.accept(self.read())

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

    def unsaved(self, week: Week) -> set[str]:
        return {pending.key for pending in self.pending if pending.week == week}

    def tick_day(self, week: Week) -> date:
        """The date a tick in ``week`` gets (``records.tick_day``)."""
        return tick_day(week, self.today, self.space.settings.audit_day)

    # changing -----------------------------------------------------------------

    def change(self, week: Week, key: str, change: Change) -> SaveResult:
        """Apply ``change`` to ``week`` on disk now; keep it as unsaved if the disk refuses."""
        problem = self.problem_for(week)
        if problem is not None:
            return SaveResult(
                False, f"{week.key} is not changed while its file is broken: {self.where(problem)}"
            )
        pending = PendingChange(week, key, change)
        if self.pending and not self.retry().saved:
            return self._keep(pending, "")
        try:
            record = self.space.journal.update(week, change)
        except JournalError as problem:
            self.history.problems.append(problem)
            return SaveResult(
                False, f"{week.key} is not changed while its file is broken: {self.where(problem)}"
            )
        except OSError as error:
            return self._keep(pending, _why(error))
        self.history.records[week] = record
        self.history.records = dict(sorted(self.history.records.items()))
        self.summary = self._summarise()
        return SaveResult(True)

    def retry(self) -> SaveResult:
        """Write the unsaved changes, oldest first; stop at the first that fails again."""
        while self.pending:
            pending = self.pending[0]
            try:
                record = self.space.journal.update(pending.week, pending.change)
            except JournalError as problem:
                self.history.problems.append(problem)
                self.pending.pop(0)
                return SaveResult(False, f"dropped a change to a broken file: {self.where(problem)}")
            except OSError as error:
                return SaveResult(False, _why(error))
            self.pending.pop(0)
            self.history.records[pending.week] = record
        self.summary = self._summarise()
        return SaveResult(True)

    def merge_conflicts(self) -> SaveResult:
        """Fold every sync conflict copy into its week, as ``check --merge`` does; say what it did.

        The copies are kept under ``backups/conflicts/``; the next read shows the merged weeks.
        """
        outcomes, problems = merge_all(self.space.journal)
        lines = [f"{o.conflict.week.key}: {'; '.join(o.changes) or 'nothing new'}" for o in outcomes]
        lines += [f"not merged: {problem}" for problem in problems]
        if outcomes:
            copies = "1 copy" if len(outcomes) == 1 else f"{len(outcomes)} copies"
            lines.insert(0, f"Merged {copies}, kept under {BACKUP_FOLDER}/{CONFLICTS_FOLDER}/.")
        elif not problems:
            lines.append("No sync conflict copies to merge.")
        self.history.conflicts = [c for c in self.history.conflicts if c.path.exists()]
        return SaveResult(not problems, "\n".join(lines))

    def _keep(self, pending: PendingChange, why: str) -> SaveResult:
        self.pending.append(pending)
        record = copy.deepcopy(self.record(pending.week))
        pending.change(record)
        self.history.records[pending.week] = record
        self.history.records = dict(sorted(self.history.records.items()))
        self.summary = self._summarise()
        message = f"Could not save {pending.week.key}"
        if why:
            message += f" ({why})"
        return SaveResult(
            False, message + ". It stays on screen as unsaved and is retried every few seconds."
        )

    def _summarise(self) -> Summary:
        # the automatic contact-key-partners tick, laid again after every change (in memory only)
        self.history = history_with_partners(
            self.history, self.space.data_dir, self.catalogue, self.this_week
        )
        return summarise(
            self.history.records,
            self.catalogue,
            self.this_week,
            self.space.settings.threshold,
            self.history.broken_weeks,  # unknown, not empty: a broken file never breaks a streak
        )


def _why(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{error.strerror or error}"
