"""The summary cache is invisible: whatever happens to it, ``status`` and ``report`` say the same.

Each test builds a history, runs the real command line once with no cache (the
reference), then damages the cache or edits the journal behind it and runs again.
Files written moments ago are "racily clean" and never cached, so most tests move
the cache's clock a minute ahead (``aged``) to make it trust what it sees.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from searchkeeper.core.records import WeekRecord
from searchkeeper.core.weeks import Week
from searchkeeper.storage import cache
from searchkeeper.storage.cache import cache_path, load_history
from searchkeeper.storage.journal import Journal
from searchkeeper.storage.sample import write_sample_history
from searchkeeper.storage.workspace import Workspace

WEEKS = 60


@pytest.fixture
def aged(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file looks a minute old to the cache, so it caches what it reads."""
    monkeypatch.setattr(cache, "_clock", lambda: time.time_ns() + 60 * 10**9)


@pytest.fixture
def history(space: Workspace) -> Workspace:
    write_sample_history(space.journal, space.settings.catalogue, space.this_week, weeks=WEEKS)
    return space


@pytest.fixture
def views(cli):
    """``views()``: what the user sees — status, and the full JSON and CSV reports."""

    def run() -> tuple[str, ...]:
        results = [
            cli("status"),
            cli("report", "--weeks", str(WEEKS + 2), "--format", "json"),
            cli("report", "--weeks", str(WEEKS + 2), "--format", "csv"),
        ]
        assert all(result.code == 0 for result in results), [r.err for r in results]
        return tuple(result.out for result in results)

    return run


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Week]:
    """The weeks read from their YAML files (rather than from the cache), in order."""
    seen: list[Week] = []
    read, read_listed = Journal.read, Journal.read_listed

    def spy(self: Journal, week: Week) -> WeekRecord:
        seen.append(week)
        return read(self, week)

    def spy_listed(self: Journal, path: Path, week: Week) -> WeekRecord:
        seen.append(week)
        return read_listed(self, path, week)

    monkeypatch.setattr(Journal, "read", spy)
    monkeypatch.setattr(Journal, "read_listed", spy_listed)  # a file read where it was listed
    return seen


def without_cache(data_dir: Path, views) -> tuple[str, ...]:
    shutil.rmtree(data_dir / ".cache", ignore_errors=True)
    seen = views()
    shutil.rmtree(data_dir / ".cache", ignore_errors=True)
    return seen


def test_a_warm_cache_reads_no_week_file_and_changes_nothing(history, data_dir, views, reads, aged):
    reference = without_cache(data_dir, views)
    views()  # builds the cache
    assert cache_path(data_dir).is_file()
    reads.clear()
    assert views() == reference
    assert reads == []


def test_the_cache_loads_what_the_journal_loads(history, data_dir, aged):
    week = history.this_week.previous()
    path = history.journal.path_for(week)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "mood: hopeful\nlinks: [a, b]\nwhen: 2026-11-18\n", encoding="utf-8")
    broken = history.journal.path_for(week.previous())
    broken.write_text("format: 1\nweek: [unclosed\n", encoding="utf-8")
    folder = path.parent
    for name in (
        f".tmp-{week.key}.yaml",
        ".hidden.yaml",
        f"{week.key}.sync-conflict-20261120-101010-ABCDEFG.yaml",
        f"{week.key} (conflicted copy 2026-11-20).yaml",
        "notes.txt",
        "misnamed.yaml",
    ):
        (folder / name).write_text(text, encoding="utf-8")
    (folder.parent / "stray.yaml").write_text(text, encoding="utf-8")
    (folder / "sub").mkdir()
    expected = history.journal.load_all()
    for _ in range(2):  # cold, then warm
        loaded = load_history(history.journal)
        assert loaded.records == expected.records
        assert list(loaded.records) == list(expected.records)
        assert [str(p) for p in loaded.problems] == [str(p) for p in expected.problems]


def test_deleting_the_cache_changes_nothing(history, data_dir, views, aged):
    reference = without_cache(data_dir, views)
    views()
    shutil.rmtree(data_dir / ".cache")
    assert views() == reference
    assert cache_path(data_dir).is_file()


def _forged(body: bytes) -> bytes:
    """A cache with a correct header (format, version, CRC) around ``body``."""
    import zlib

    from searchkeeper import __version__

    header = {"format": cache.FORMAT, "version": __version__, "crc": zlib.crc32(body)}
    return json.dumps(header).encode() + b"\n" + body


def _damages(original: bytes) -> dict[str, bytes]:
    header, _, body = original.partition(b"\n")
    entries = json.loads(body)
    name = sorted(entries)[-2]
    twisted = dict(entries)
    key = entries[name][1][0]
    twisted[name] = [entries[name][0], [key, "yes", 3, {}, None, {}]]
    flipped = body.replace(b'"done"', b'"dome"', 1)
    other_version = json.loads(header)
    other_version["version"] = "0.0.0-other"
    return {
        "garbage": os.urandom(4096),
        "empty": b"",
        "truncated": original[: len(original) // 2],
        "a list": b"[]",
        "a bare object": b'{"format": 1}',
        "bit flipped, CRC stale": header + b"\n" + flipped,
        "wrong shape, CRC right": _forged(b'{"2026/2026-W47.yaml": 7, "x": [[1], {}]}'),
        "wrong records, CRC right": _forged(json.dumps(twisted).encode()),
        "another version": json.dumps(other_version).encode() + b"\n" + body,
        "deeply nested": _forged(b"[" * 100_000),
    }


@pytest.mark.parametrize(
    "damage",
    [
        "garbage",
        "empty",
        "truncated",
        "a list",
        "a bare object",
        "bit flipped, CRC stale",
        "wrong shape, CRC right",
        "wrong records, CRC right",
        "another version",
        "deeply nested",
    ],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(history, data_dir, views, aged, damage):
    reference = without_cache(data_dir, views)
    views()
    path = cache_path(data_dir)
    path.write_bytes(_damages(path.read_bytes())[damage])
    assert views() == reference
    assert views() == reference


def test_a_hand_edit_of_the_same_size_with_the_mtime_put_back_is_seen(history, data_dir, views, aged):
    views()  # the cache trusts every file now
    week = history.this_week.shift(-3)
    path = history.journal.path_for(week)
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    edited = text.replace("away: false", "away: true ", 1)  # the same size: a trailing space
    assert edited != text and len(edited.encode()) == before.st_size
    _edit_in_place(path, edited, before)
    after = os.stat(path)
    same = (after.st_size, after.st_mtime_ns, after.st_ino)
    assert same == (before.st_size, before.st_mtime_ns, before.st_ino)
    seen = views()
    assert seen == without_cache(data_dir, views)
    assert any(row.startswith(f"{week.key},") and ",yes," in row for row in seen[2].splitlines())


def _edit_in_place(path: Path, text: str, keep: os.stat_result) -> None:
    """Rewrite the file's bytes in place (same inode), then put its times back."""
    ctime = os.stat(path).st_ctime_ns
    while True:  # a later ctime than the cached one, even on a coarse clock
        with open(path, "r+b") as stream:
            stream.write(text.encode("utf-8"))
            stream.truncate()
        os.utime(path, ns=(keep.st_atime_ns, keep.st_mtime_ns))
        if os.stat(path).st_ctime_ns != ctime:
            return
        time.sleep(0.01)


def test_a_file_changed_moments_after_it_was_read_is_not_trusted(history, data_dir, views):
    """Without the aged clock every file is fresh, too fresh to trust its signature."""
    views()
    assert cache.read_cache(data_dir) == {}
    path = history.journal.path_for(history.this_week.shift(-2))
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    _edit_in_place(path, text.replace("away: false", "away: true ", 1), before)
    assert views() == without_cache(data_dir, views)


def test_ticks_new_files_deleted_files_and_broken_files_are_seen(history, data_dir, cli, views, aged):
    views()
    assert cli("tick", "reconnect", "--note", "Lunch with my old manager").code == 0
    assert cli("away", "--week", history.this_week.shift(-5).key).code == 0
    history.journal.path_for(history.this_week.shift(-7)).unlink()
    history.journal.write(WeekRecord(history.this_week.shift(-WEEKS - 3), away=True))
    history.journal.path_for(history.this_week.shift(-9)).write_text("week: [\n", encoding="utf-8")
    reference = without_cache(data_dir, views)
    views()
    assert views() == reference
    assert "unreadable" in reference[0]


def test_a_cache_that_cannot_be_written_is_no_error(history, data_dir, views):
    reference = without_cache(data_dir, views)
    (data_dir / ".cache").write_text("not a folder", encoding="utf-8")
    assert views() == reference
    assert (data_dir / ".cache").read_text(encoding="utf-8") == "not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_data_dir_still_answers(history, data_dir, views, aged):
    reference = without_cache(data_dir, views)
    data_dir.chmod(0o555)
    try:
        assert views() == reference
        assert not (data_dir / ".cache").exists()
    finally:
        data_dir.chmod(0o755)


def test_check_reads_every_file_even_with_a_cache(history, data_dir, cli, views, reads, aged):
    views()
    reads.clear()
    result = cli("check")
    assert result.code == 0
    assert len(reads) == WEEKS
