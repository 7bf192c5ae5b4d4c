"""The journal on disk: one YAML file per week under ``<data dir>/journal/<year>/``.

Every change goes through ``Journal.update``: it takes the data folder's write lock
(``lock``, kept outside the folder), reads the week fresh from disk, applies the
change and writes atomically. Two processes (the dashboard and a ``tick`` from a
shell) therefore never lose each other's changes. A file that does not load raises
``JournalError`` and is never rewritten. Every save puts the record it wrote in the
derived index (``index``), so the next read of the history does not parse it again
(written with the status line that follows, or when the program ends).

A save the disk refuses raises ``SaveError`` and leaves the file as it was.
Temporary files, sync conflict copies (``conflicts``) and other dotfiles are not
week files: ``files`` skips them; every save removes old temporary files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from searchkeeper.core.errors import JournalError
from searchkeeper.core.records import History, WeekRecord
from searchkeeper.core.weeks import Week
from searchkeeper.storage import index, lock, paths
from searchkeeper.storage.conflict_names import is_week_file
from searchkeeper.storage.week_file import from_data, to_data
from searchkeeper.storage.yamlfile import (
    parse_document,
    read_document,
    write_yaml,
)


class Journal:
    """The week files of one data directory."""

    def __init__(self, data_dir: Path, order: Sequence[str] = ()) -> None:
        self.data_dir = Path(data_dir)
        self.order = tuple(order)
        index.remove_leftovers(self.data_dir)  # derived files older versions kept in the folder

    @property
    def folder(self) -> Path:
        return self.data_dir / paths.JOURNAL_FOLDER

    def path_for(self, week: Week) -> Path:
        return self.folder / str(week.year) / f"{week.key}.yaml"

    def read(self, week: Week) -> WeekRecord:
        """The week's record, an empty one if there is no file; ``JournalError`` if broken."""
        return self._read_at(self.path_for(week), week)

    def _read_at(self, path: Path, week: Week, content: bytes | None = None) -> WeekRecord:
        """``read(week)`` from ``path``, which is ``path_for(week)`` (listed rather than built);
        ``content``, when given, is the file's bytes as already read."""
        try:
            if content is None:
                data, node = read_document(path, JournalError)
            else:
                data, node = parse_document(content, path, JournalError)
        except FileNotFoundError:
            return WeekRecord(week)
        return from_data(data, node, path, week)

    def write(self, record: WeekRecord) -> Path:
        """Save the record atomically; ``SaveError`` (file unchanged) if the disk refuses."""
        path = self.path_for(record.week)
        data = to_data(record, self.order)
        text = write_yaml(path, data)
        try:  # the record as a read of the file gives it back
            written = from_data(data, None, path)
        except JournalError:
            written = None
        index.wrote(self.data_dir, record.week, written, str(path), text.encode("utf-8"))
        return path

    def update(
        self, week: Week, change: Callable[[WeekRecord], None], wait: float | None = None
    ) -> WeekRecord:
        """Apply ``change`` to the week as it is on disk now, and save it; ``wait``: for the write
        lock (``lock.locked``)."""
        with lock.locked(self.data_dir, self.path_for(week), wait):
            record = self.read(week)
            change(record)
            self.write(record)
        return record

    def files(self) -> list[Path]:
        """Every week file on disk, in name order: not temporary files, dotfiles or conflict copies."""
        if not self.folder.is_dir():
            return []
        found = []
        for year_folder in self.folder.iterdir():
            if not year_folder.is_dir():
                continue
            for entry in os.scandir(year_folder):
                if is_week_file(entry.name):
                    found.append((year_folder.name, entry.name, year_folder))
        found.sort(key=lambda item: item[:2])  # as paths sort: by folder, then name
        return [year_folder / name for _, name, year_folder in found]

    def load_all(self) -> History:
        """Read every week file; broken ones become problems, not exceptions."""
        history = History()
        for path in self.files():
            try:
                week = self._week_of(path)
                history.records[week] = self.read_listed(path, week)
            except JournalError as problem:
                history.problems.append(problem)
        history.records = dict(sorted(history.records.items()))
        return history

    def read_listed(self, path: Path, week: Week, content: bytes | None = None) -> WeekRecord:
        """``read(week)`` for a file ``files()`` listed (and ``_week_of`` named), without building its path again."""
        if path.name != f"{week.key}.yaml":
            return self._read_at(self.path_for(week), week)
        return self._read_at(path, week, content)

    def _week_of(self, path: Path) -> Week:
        try:
            week = Week.parse(path.stem)
        except ValueError:
            raise JournalError(path, "the file name is not a week key like 2026-W47.yaml") from None
        if path.parent.name != str(week.year):
            raise JournalError(path, f"belongs in the folder {week.year}/, not {path.parent.name}/")
        return week
