"""Conflict copies that sync tools leave beside a week file or ``partners.yaml``, folded back in.

When two machines change the same file before a sync tool has carried the first
change across, the tool keeps both: the file and a copy named after it, e.g.

    2026-W47.sync-conflict-20261120-101010-ABCDEFG.yaml    (Syncthing)
    partners (Jane's conflicted copy 2026-11-20).yaml      (Dropbox)

(``conflict_names`` knows the names of each tool). ``find_conflicts`` lists them (the
dashboard, ``status`` and ``check`` warn about them); ``merge_conflict`` folds one into
its file, a week through ``Journal.update``, the partners through ``PartnerBook.update``,
and moves the copy to ``<data dir>/backups/conflicts/`` (a week's into its year's
folder), so nothing is ever deleted.

The merge never loses a tick: a practice done in either copy is done (on the
earlier date); notes from both are kept, joined with " / " when they differ; a
practice is excused only if neither copy has it done, and missed (unticked) only
if neither has it done or excused; a week is away if either copy says so; keys
searchkeeper does not know are kept from both. The week keeps its own audit: the
other's reflection and intention are joined to it as notes are, and an answer or
a time it lacks is taken. When the other audit answered the Three Questions
differently (or at another time), it is kept whole elsewhere (``left_out_audit``):
the conflict copy itself under ``backups/conflicts/``, an archive's under
``backups/imports/`` (see ``backup``). Merging the same copy twice changes nothing
the second time.

The partners merge (``merge_rosters``) keeps every touch of both files, a touch on the
same date by the same channel being one (their values joined as notes are); a partner
on either side is kept. A field the two give differently (kind, rhythm, channel, notes,
added, retired) is taken from the file edited later, as its modification time says:
sync tools carry that time across with the file, and neither file says more about
when each field was changed. A partner renamed on one side is kept under both names.
"""

from __future__ import annotations

import contextlib
import copy
import os
from dataclasses import dataclass, field
from pathlib import Path

from searchkeeper.core.errors import JournalError, SearchkeeperError
from searchkeeper.core.records import DONE, EXCUSED, MISSED, Audit, Entry, WeekRecord, check_note
from searchkeeper.core.weeks import Week
from searchkeeper.storage.conflict_names import conflict_week, copy_name, looks_like_a_copy, not_read_because
from searchkeeper.storage.paths import PARTNERS_NAME, make_folder
from searchkeeper.storage.stamps import is_folder, not_regular
from searchkeeper.storage.week_file import from_data
from searchkeeper.storage.yamlfile import read_document

TYPE_CHECKING = False
if TYPE_CHECKING:  # only the annotations need typing, which is slow to import
    from typing import Any

    from searchkeeper.core.partners import Partner, Roster
    from searchkeeper.storage.journal import Journal

BACKUP_FOLDER = "backups"
CONFLICTS_FOLDER = "conflicts"
NOTE_SEPARATOR = " / "


@dataclass(frozen=True, order=True)
class Conflict:
    """A conflict copy on disk and the week its name says it belongs to (None: a copy of
    ``partners.yaml``)."""

    path: Path
    week: Week | None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def label(self) -> str:
        """What it is a copy of, in a word: ``2026-W47`` or ``partners.yaml``."""
        return self.week.key if self.week is not None else PARTNERS_NAME

    @property
    def tool(self) -> str:
        """The sync tool that named it so (``Syncthing``, ``Dropbox``, …)."""
        found = copy_name(self.name)
        return found.tool if found is not None and found.tool else "a sync tool"  # found: always named


@dataclass
class MergeOutcome:
    """What folding one conflict copy did: the changes in words, where the copy went."""

    conflict: Conflict
    changes: list[str] = field(default_factory=list)
    kept_as: Path | None = None


def find_conflicts(journal: Journal) -> list[Conflict]:
    """Every conflict copy in the journal folder and its year folders, in name order, then the
    copies of ``partners.yaml`` beside it."""
    return _week_conflicts(journal) + _partners_conflicts(journal.data_dir)


def _partners_conflicts(data_dir: Path) -> list[Conflict]:
    found = []
    for name, path in _listed(data_dir):
        copy = copy_name(name)
        if copy is not None and copy.tool is not None and copy.original == PARTNERS_NAME:
            with contextlib.suppress(OSError):
                if path.is_file() and not path.is_symlink():
                    found.append(Conflict(path, None))
    return sorted(found)


def _listed(folder: Path) -> list[tuple[str, Path]]:
    try:
        return [(entry.name, Path(entry.path)) for entry in os.scandir(folder)]
    except OSError:
        return []


def _week_conflicts(journal: Journal) -> list[Conflict]:
    found: list[Conflict] = []
    for folder in _journal_folders(journal.folder):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            week = conflict_week(entry.name)  # never a dotfile: not the app's temporary files
            with contextlib.suppress(OSError):
                if week is not None and entry.is_file(follow_symlinks=False):
                    found.append(Conflict(Path(entry.path), week))
    return sorted(found)


def find_unread(journal: Journal) -> list[JournalError]:
    """What the data folder holds that is not read and not meant to be left alone: in the journal
    folder, files ``conflict_names.not_read_because`` names, folders in a year folder, a
    ``journal`` that is not a folder; beside it, a file named like a copy of ``partners.yaml``
    that no sync tool made; each a ``JournalError`` saying ``path: not read: why``."""
    found = [
        JournalError(path, f"not read: {looks_like_a_copy(name)}")
        for name, path in sorted(_listed(journal.data_dir))
        if name.startswith("partners") and looks_like_a_copy(name) is not None
    ]
    return _unread_in_journal(journal) + found


def _unread_in_journal(journal: Journal) -> list[JournalError]:
    root = journal.folder
    try:
        kind = not_regular(os.stat(root).st_mode) or "a file"
    except FileNotFoundError:
        return []
    except OSError as error:
        return [JournalError(root, f"cannot read the journal folder: {error.strerror or error}")]
    if kind != "a folder":
        return [JournalError(root, f"not read: the journal must be a folder of year folders, not {kind}")]
    found: list[JournalError] = []
    folders = [(root, False)]  # the journal, then each year folder listed in it (links followed)
    for folder, in_year_folder in folders:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            found.append(JournalError(folder, f"cannot read the folder: {error.strerror or error}"))
            continue
        for entry in entries:
            if not is_folder(entry):
                reason = not_read_because(entry.name, in_year_folder)
            elif entry.name.startswith("."):
                continue
            elif not in_year_folder:
                folders.append((Path(entry.path), True))
                continue
            else:
                reason = "a folder inside a year folder"
            if reason is not None:
                found.append(JournalError(Path(entry.path), f"not read: {reason}"))
    return found


def _journal_folders(root: Path) -> list[Path]:
    folders = [root]
    try:
        folders += sorted(Path(e.path) for e in os.scandir(root) if e.is_dir(follow_symlinks=False))
    except OSError:
        return []
    return folders


def read_conflict(conflict: Conflict) -> WeekRecord:
    """The week record a conflict copy holds; ``JournalError`` if it is broken or another week's."""
    try:
        data, node = read_document(conflict.path, JournalError)
    except FileNotFoundError:
        raise JournalError(conflict.path, "the conflict copy is gone") from None
    return from_data(data, node, conflict.path, conflict.week)


def merge_conflict(journal: Journal, conflict: Conflict) -> MergeOutcome:
    """Fold one conflict copy into its file and move the copy under ``backups/conflicts/``;
    ``JournalError`` or ``PartnersError`` (nothing changed) if the copy or the file is broken."""
    if conflict.week is None:
        return _merge_partners(journal.data_dir, conflict)
    theirs = read_conflict(conflict)
    outcome = MergeOutcome(conflict)

    def fold(record: WeekRecord) -> None:
        outcome.changes = merge_records(record, theirs)
        left_out = left_out_audit(record, theirs)
        if left_out is not None and record.audit is not None:
            outcome.changes.append(
                f"audit: kept this week's ({audit_words(record.audit)}); the copy's "
                f"({audit_words(left_out)}) stays in the copy kept under {BACKUP_FOLDER}/{CONFLICTS_FOLDER}/"
            )

    journal.update(conflict.week, fold)
    outcome.kept_as = _move_aside(journal.data_dir, conflict)
    return outcome


def _merge_partners(data_dir: Path, conflict: Conflict) -> MergeOutcome:
    from searchkeeper.core.partners import PartnersError
    from searchkeeper.storage import partners

    try:
        data, node = read_document(conflict.path, PartnersError)
    except FileNotFoundError:
        raise PartnersError(conflict.path, "the conflict copy is gone") from None
    theirs = partners.from_data(data, node, conflict.path)
    book = partners.PartnerBook(data_dir)
    try:
        theirs_later = os.stat(conflict.path).st_mtime > os.stat(book.path).st_mtime
    except FileNotFoundError:
        theirs_later = True
    outcome = MergeOutcome(conflict)
    outcome.changes = book.update(lambda roster: merge_rosters(roster, theirs, theirs_later))
    outcome.kept_as = _move_aside(data_dir, conflict)
    return outcome


def merge_all(journal: Journal) -> tuple[list[MergeOutcome], list[SearchkeeperError]]:
    """Fold every conflict copy; the ones that cannot be folded come back as problems."""
    outcomes: list[MergeOutcome] = []
    problems: list[SearchkeeperError] = []
    for conflict in find_conflicts(journal):
        try:
            outcomes.append(merge_conflict(journal, conflict))
        except SearchkeeperError as problem:
            problems.append(problem)
    return outcomes, problems


def _move_aside(data_dir: Path, conflict: Conflict) -> Path:
    folder = data_dir / BACKUP_FOLDER / CONFLICTS_FOLDER
    if conflict.week is not None:
        folder /= str(conflict.week.year)
    make_folder(folder)
    target = folder / conflict.name
    number = 1
    while target.exists():
        target = folder / f"{conflict.path.stem}.{number}{conflict.path.suffix}"
        number += 1
    os.replace(conflict.path, target)
    return target


# The merges ----------------------------------------------------------------------


_PARTNER_FIELDS = ("kind", "rhythm", "channel", "notes", "added", "retired")


def merge_rosters(ours: Roster, theirs: Roster, theirs_later: bool) -> list[str]:
    """Fold ``theirs`` into ``ours`` in place (see the module: every touch kept, the later file's
    fields won); return each change made to ``ours`` in words."""
    changes: list[str] = []
    for their_partner in theirs.partners:
        partner = ours.get(their_partner.name)
        if partner is None:
            ours.partners.append(copy.deepcopy(their_partner))
            changes.append(f"added {their_partner.name} (from the copy)")
            continue
        changes += [
            f"{partner.name}: {change}" for change in _merge_partner(partner, their_partner, theirs_later)
        ]
    changes += [f"kept '{key}' from the copy" for key in _add_missing(ours.extra, theirs.extra)]
    return changes


def _merge_partner(partner: Partner, theirs: Partner, theirs_later: bool) -> list[str]:
    changes: list[str] = []
    if theirs_later:
        for name in _PARTNER_FIELDS:
            if getattr(theirs, name) != getattr(partner, name):
                setattr(partner, name, copy.deepcopy(getattr(theirs, name)))
                changes.append(f"{name} from the copy, edited later")
    mine = {(touch.date, touch.channel): touch for touch in partner.touches}
    added = 0
    for touch in theirs.touches:
        same = mine.get((touch.date, touch.channel))
        if same is None:
            partner.log(copy.deepcopy(touch))
            mine[touch.date, touch.channel] = partner.touches[-1]
            added += 1
        else:
            same.value = check_note(join_notes(same.value, touch.value))
            _add_missing(same.extra, touch.extra)
    if added:
        changes.append(f"{added} touch{'es' if added > 1 else ''} from the copy")
    changes += [f"kept '{key}' from the copy" for key in _add_missing(partner.extra, theirs.extra)]
    return changes


def merge_records(ours: WeekRecord, theirs: WeekRecord) -> list[str]:
    """Fold ``theirs`` into ``ours`` in place; return each change made to ``ours`` in words."""
    changes: list[str] = []
    for practice_id, their_entry in theirs.practices.items():
        entry = ours.practices.get(practice_id)
        if entry is None:
            ours.practices[practice_id] = copy.deepcopy(their_entry)
            changes.append(f"{practice_id}: {_describe(their_entry)} (from the copy)")
            continue
        changes += [f"{practice_id}: {change}" for change in _merge_entry(entry, their_entry)]
    if theirs.away and not ours.away:
        ours.away = True
        changes.append("away (from the copy)")
    joined = join_notes(ours.away_note, theirs.away_note)
    if joined != ours.away_note:
        ours.away_note = joined
        changes.append("away note joined")
    changes += _merge_audit(ours, theirs)
    added = _add_missing(ours.extra, theirs.extra)
    changes += [f"kept '{key}' from the copy" for key in added]
    return changes


def _merge_entry(entry: Entry, theirs: Entry) -> list[str]:
    changes: list[str] = []
    before = entry.state
    if DONE in (entry.state, theirs.state):
        days = [e.date for e in (entry, theirs) if e.state == DONE and e.date is not None]
        day = min(days) if days else None
        entry.state = DONE
        if entry.date != day:
            entry.date = day
            if before == DONE:
                changes.append(f"done on the earlier date {day}")
    elif EXCUSED in (entry.state, theirs.state):
        entry.state, entry.date = EXCUSED, None
    elif MISSED in (entry.state, theirs.state):
        entry.state, entry.date = MISSED, None
    else:  # two notes with no say on the week
        entry.state, entry.date = None, None
    if entry.state != before:
        changes.insert(0, f"{entry.state} (from the copy)")
    joined = join_notes(entry.note, theirs.note)
    if joined != entry.note:
        changes.append("notes joined" if entry.note else "note added")
        entry.note = check_note(joined)
    changes += [f"kept '{key}' from the copy" for key in _add_missing(entry.extra, theirs.extra)]
    return changes


def _merge_audit(ours: WeekRecord, theirs: WeekRecord) -> list[str]:
    """Fold the other audit into the week's own, which keeps its answer and its time (see
    ``left_out_audit``)."""
    if theirs.audit is None:
        return []
    if ours.audit is None:
        ours.audit = copy.deepcopy(theirs.audit)
        return ["audit (from the copy)"]
    mine, other = ours.audit, theirs.audit
    changes: list[str] = []
    if mine.answer is None and other.answer is not None:
        mine.answer = other.answer
        changes.append(f"audit answer '{other.answer}' (from the copy)")
    if mine.completed is None and other.completed is not None:
        mine.completed = other.completed
        changes.append("audit completed (from the copy)")
    for name in ("reflection", "intention"):
        before = getattr(mine, name)
        joined = join_notes(before, getattr(other, name))
        if joined != before:
            setattr(mine, name, joined)
            changes.append(f"audit {name} {'joined' if before else 'added'}")
    more = [practice_id for practice_id in other.answered if practice_id not in mine.answered]
    if more:
        mine.answered += more
        changes.append(f"audit: {len(more)} more answered (from the copy)")
    changes += [f"kept audit '{key}' from the copy" for key in _add_missing(mine.extra, other.extra)]
    return changes


def left_out_audit(merged: WeekRecord, theirs: WeekRecord) -> Audit | None:
    """The other copy's audit when the merged week does not hold all it says (another answer, time
    or value of a key both have), else None: the caller keeps it whole elsewhere."""
    mine, other = merged.audit, theirs.audit
    if other is None or mine is None:
        return other if mine is None else None
    differs = (
        other.answer not in (None, mine.answer)
        or other.completed not in (None, mine.completed)
        or any(mine.extra.get(key) != value for key, value in other.extra.items())
    )
    return other if differs else None


def audit_words(audit: Audit) -> str:
    """``answer 'up', completed 2026-11-20 17:04``: what tells one audit from another."""
    parts = [f"answer '{audit.answer}'"] if audit.answer else ["no answer"]
    if audit.completed is not None:
        parts.append(f"completed {audit.completed:%Y-%m-%d %H:%M}")
    return ", ".join(parts)


def _add_missing(ours: dict[Any, Any], theirs: dict[Any, Any]) -> list[str]:
    added = [key for key in theirs if key not in ours]
    for key in added:
        ours[key] = copy.deepcopy(theirs[key])
    return [str(key) for key in added]


def _describe(entry: Entry) -> str:
    if entry.state == DONE and entry.date is not None:
        return f"done on {entry.date}"
    return entry.state or "a note"


def join_notes(ours: str, theirs: str) -> str:
    """Both notes, each part once, in order: ``"a" + "b"`` is ``"a / b"``; ``"a / b" + "b"`` is ``"a / b"``."""
    if not theirs or theirs == ours:
        return ours
    if not ours:
        return theirs
    parts = ours.split(NOTE_SEPARATOR)
    parts += [part for part in theirs.split(NOTE_SEPARATOR) if part not in parts]
    return NOTE_SEPARATOR.join(parts)
