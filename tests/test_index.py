"""The derived index: week files read once, whoever wrote them, and never trusted over the files.

The index lives in the test's own cache folder (``$SEARCHKEEPER_CACHE_DIR``, see conftest).
``parsed`` records which week files were parsed from YAML rather than taken from the index;
the rest compares what the user sees (``status`` and the full reports) with what a run with
no index at all prints.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from searchkeeper.core.errors import JournalError
from searchkeeper.core.partners import Partner
from searchkeeper.core.records import WeekRecord
from searchkeeper.core.rhythm import Rhythm
from searchkeeper.core.weeks import Week
from searchkeeper.storage import index
from searchkeeper.storage.journal import Journal
from searchkeeper.storage.partners import PartnerBook
from searchkeeper.storage.sample import write_sample_history
from searchkeeper.storage.week_file import from_data
from searchkeeper.storage.workspace import Workspace
from searchkeeper.storage.yamlfile import parse_document

WEEKS = 40


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def history(space: Workspace) -> Workspace:
    write_sample_history(space.journal, space.settings.catalogue, space.this_week, weeks=WEEKS)
    return space


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[Week]:
    """The weeks whose file was parsed (not taken from the index), in order."""
    seen: list[Week] = []
    read_at = Journal._read_at

    def spy(self: Journal, path: Path, week: Week, content: bytes | None = None) -> WeekRecord:
        seen.append(week)
        return read_at(self, path, week, content)

    monkeypatch.setattr(Journal, "_read_at", spy)
    return seen


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


def forget(cache: Path) -> None:
    """No index at all: on disk, nor in this process."""
    shutil.rmtree(cache, ignore_errors=True)
    index._open.clear()


def without_index(cache: Path, views) -> tuple[str, ...]:
    forget(cache)
    seen = views()
    forget(cache)
    return seen


def index_file(space: Workspace) -> Path:
    return Path(index.folder_of(space.data_dir)) / index.INDEX_NAME


# every writer leaves the index holding what it wrote -------------------------------------------


def test_the_second_read_parses_nothing_and_says_the_same(history, cache, views, parsed):
    reference = without_index(cache, views)
    views()
    assert index_file(history).is_file()
    index._open.clear()  # the file alone: as the next command finds it
    parsed.clear()
    assert views() == reference
    assert parsed == []


WRITERS = [
    ("tick", "reconnect", "--note", "Lunch with my old manager"),
    ("tick", "reconnect", "--week", "last", "--undo"),
    ("excuse", "three-questions", "--week", "2026-W40"),  # not done there: a done one is not excused
    ("away", "--week", "2026-W30", "--note", "Holiday"),
]


@pytest.mark.parametrize("writer", WRITERS, ids=[" ".join(w) for w in WRITERS])
def test_after_each_writer_nothing_is_parsed_again(history, cli, views, parsed, writer):
    views()
    assert cli(*writer).code == 0
    index._open.clear()  # what the next command finds on disk
    parsed.clear()
    views()
    assert parsed == []


def test_after_import_and_merge_nothing_is_parsed_again(history, cli, views, parsed, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    assert cli("export", str(archive)).code == 0
    path = history.journal.path_for(history.this_week.shift(-2))
    copy = path.with_name(f"{path.stem}.sync-conflict-20261120-101010-ABCDEFG.yaml")
    copy.write_text(path.read_text(encoding="utf-8").replace("away: false", "away: true"), encoding="utf-8")
    assert cli("check", "--merge").code == 0
    assert cli("tick", "reconnect", "--week", "2026-W30", "--undo").code == 0
    assert cli("import", str(archive)).code == 0
    index._open.clear()
    parsed.clear()
    views()
    assert parsed == []


def test_a_dashboard_save_is_not_read_back(history, parsed):
    """``Journal.update`` is the dashboard's way to the disk: its record goes in the index."""
    week = history.this_week
    record = history.journal.update(week, lambda r: r.tick("reconnect", history.today, "Coffee"))
    parsed.clear()
    again = history.history()
    assert parsed == []
    assert again.records[week] == record


def test_a_partners_change_keeps_the_records(history, cli, views, parsed):
    views()
    PartnerBook(history.data_dir).update(
        lambda roster: roster.add(Partner("Ana", "former-client", Rhythm.parse("key"), "email"))
    )
    index._open.clear()
    parsed.clear()
    views()
    assert parsed == []


# nothing is trusted over the files ---------------------------------------------------------------


def _edit_in_place(path: Path, text: str, keep: os.stat_result) -> None:
    """Rewrite the file's bytes in place (same inode, same size), then put its mtime back."""
    with open(path, "r+b") as stream:
        stream.write(text.encode("utf-8"))
        stream.truncate()
    os.utime(path, ns=(keep.st_atime_ns, keep.st_mtime_ns))


def _same_size_edit(space: Workspace, week: Week) -> Path:
    path = space.journal.path_for(week)
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    edited = text.replace("away: false", "away: true ", 1)  # the same size: a trailing space
    assert edited != text and len(edited.encode()) == before.st_size
    _edit_in_place(path, edited, before)
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    return path


def test_a_same_second_edit_of_the_same_size_is_seen(history, cache, cli, views):
    assert cli("tick", "marketing-plan", "--week", "last").code == 0  # written a moment ago: racy
    views()
    week = history.this_week.previous()
    _same_size_edit(history, week)
    seen = views()
    assert seen == without_index(cache, views)
    assert any(row.startswith(f"{week.key},") and ",yes," in row for row in seen[2].splitlines())


def test_a_same_second_edit_on_a_file_system_of_whole_seconds_is_seen(
    history, cache, cli, views, monkeypatch
):
    """Where times are kept in whole seconds (FAT, HFS+, some network mounts), a second edit
    within the second keeps the stamp: the CRC kept of a racy file tells the two apart."""
    from searchkeeper.storage import stamps

    def coarse(info: os.stat_result) -> stamps.Stamp:
        second = 10**9
        return (
            info.st_size,
            info.st_mtime_ns // second * second,
            info.st_ctime_ns // second * second,
            info.st_ino,
        )

    monkeypatch.setattr(stamps, "stamp_of", coarse)
    week = history.this_week
    path = history.journal.path_for(week)
    for _ in range(5):  # until the tick and the edit fall within one second
        assert cli("tick", "marketing-plan").code == 0
        assert cli("tick", "marketing-plan", "--undo").code == 0
        stamp, seen = coarse(os.stat(path)), views()
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("away: false", "away: true "), encoding="utf-8")  # the same size
        if coarse(os.stat(path)) == stamp:
            break
        path.write_text(text, encoding="utf-8")
    else:
        pytest.skip("every edit crossed a second")
    after = views()
    assert after != seen and after[0].startswith(f"{week.key} · away")
    assert after == without_index(cache, views)


def test_an_old_file_edited_with_its_mtime_put_back_is_seen(history, cache, views, monkeypatch):
    monkeypatch.setattr(index, "clock", lambda: time.time_ns() + 60 * 10**9)  # every file a minute old
    views()
    week = history.this_week.shift(-3)
    time.sleep(0.01)  # a later ctime, even on a coarse clock
    _same_size_edit(history, week)
    seen = views()
    assert seen == without_index(cache, views)
    assert any(row.startswith(f"{week.key},") and ",yes," in row for row in seen[2].splitlines())


def test_new_deleted_and_broken_files_are_seen(history, cache, views):
    views()
    history.journal.path_for(history.this_week.shift(-7)).unlink()
    early = history.this_week.shift(-WEEKS - 3)
    path = history.journal.path_for(early)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"format: 1\nweek: {early.key}\naway: true\n", encoding="utf-8")  # by hand
    history.journal.path_for(history.this_week.shift(-9)).write_text("week: [\n", encoding="utf-8")
    seen = views()
    assert seen == without_index(cache, views)
    assert "unreadable" in seen[0]


DAMAGES = {
    "garbage": lambda raw: os.urandom(4096),
    "empty": lambda raw: b"",
    "truncated": lambda raw: raw[: len(raw) // 2],
    "a changed byte": lambda raw: raw.replace(b'"done"', b'"dome"', 1),
    "another format": lambda raw: raw.replace(b"searchkeeper-index 1 ", b"searchkeeper-index 9 ", 1),
    "another version": lambda raw: raw.replace(b"searchkeeper-index 1 0.", b"searchkeeper-index 1 9.", 1),
    "no header": lambda raw: raw.split(b"\n", 1)[1],
    "not JSON, CRC right": lambda raw: _forged(b"null\n{not json"),
    "wrong shape, CRC right": lambda raw: _forged(b'7\n{"journal/2026/2026-W47.yaml": 7, "x": [[1], {}]}'),
    "wrong records, CRC right": lambda raw: _forged(raw.split(b"\n", 1)[1].replace(b'"done"', b'"dome"')),
    "deeply nested, CRC right": lambda raw: _forged(b"null\n" + b"[" * 100_000),
}


def _forged(rest: bytes) -> bytes:
    """An index with a sound header (format, version, CRC) around ``rest``."""
    return index._header(rest) + b"\n" + rest


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_index_is_ignored_and_rebuilt(history, cache, views, damage):
    reference = without_index(cache, views)
    views()
    path = index_file(history)
    path.write_bytes(DAMAGES[damage](path.read_bytes()))
    index._open.clear()
    assert views() == reference
    index._open.clear()
    assert views() == reference


def test_an_index_that_cannot_be_written_is_no_error(history, cache, views, cli):
    reference = without_index(cache, views)
    cache.write_text("not a folder", encoding="utf-8")
    assert views() == reference
    assert cli("tick", "reconnect").code == 0  # the lock falls back to the temporary folder
    assert cache.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_cache_folder_is_no_error(history, cache, views, cli):
    reference = without_index(cache, views)
    cache.mkdir()
    cache.chmod(0o500)
    try:
        assert views() == reference
        result = cli("tick", "reconnect")
        assert result.code == 0 and result.err == ""
        assert list(cache.iterdir()) == []
    finally:
        cache.chmod(0o700)


def test_a_cache_folder_that_refuses_writes_is_no_error(history, cache, views, cli, monkeypatch):
    """As a read-only folder does, whoever runs the test (root writes through ``chmod``)."""
    import builtins
    import errno

    reference = without_index(cache, views)
    real_open = builtins.open

    def read_only(path, mode="r", *args, **kwargs):
        if str(path).startswith(str(cache)) and any(flag in mode for flag in "wax+"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(index, "open", read_only, raising=False)
    assert views() == reference
    result = cli("tick", "reconnect")
    assert result.code == 0 and result.err == ""
    assert views()[0] == result.out.splitlines()[-1] + "\n"
    assert not list(cache.glob("*/index*"))


def test_two_data_folders_do_not_share_an_index(tmp_path, config_dir, cli):
    first, second = tmp_path / "one", tmp_path / "two"
    for folder, note in ((first, "Coffee with Ana"), (second, "Lunch with Raj")):
        assert cli("--data-dir", str(folder), "tick", "reconnect", "--note", note).code == 0
    assert index.folder_of(first) != index.folder_of(second)
    assert index.folder_of(first) == index.folder_of(tmp_path / "one" / ".." / "one")
    one = cli("--data-dir", str(first), "report", "--week", "this", "--format", "json").out
    two = cli("--data-dir", str(second), "report", "--week", "this", "--format", "json").out
    assert "Coffee with Ana" in one and "Lunch with Raj" not in one
    assert "Lunch with Raj" in two and "Coffee with Ana" not in two
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == sorted(
        Path(index.folder_of(f)).name for f in (first, second)
    )


def test_check_reads_every_file_whatever_the_index_holds(history, cli, views, parsed):
    views()
    parsed.clear()
    result = cli("check")
    assert result.code == 0
    assert len(parsed) == WEEKS


# what older versions left in the data folder ------------------------------------------------------


def test_leftovers_of_older_versions_are_removed_and_nothing_else(data_dir, cli):
    old = data_dir / ".cache"
    old.mkdir(parents=True)
    for name in ("summary.json", "status", ".tmp-123-summary.json", "status.tmp-456"):
        (old / name).write_text("derived", encoding="utf-8")
    (data_dir / ".lock").write_text("", encoding="utf-8")
    (data_dir / "notes.txt").write_text("mine", encoding="utf-8")
    assert cli("practices").code == 0
    assert sorted(p.name for p in data_dir.iterdir()) == ["notes.txt"]


def test_a_leftover_folder_with_anything_else_in_it_stays(data_dir, cli):
    old = data_dir / ".cache"
    old.mkdir(parents=True)
    (old / "summary.json").write_text("derived", encoding="utf-8")
    (old / "mine.txt").write_text("not derived", encoding="utf-8")
    (data_dir / ".lock").mkdir()  # not a lock file: not ours to remove
    assert cli("status").code == 0
    assert sorted(p.name for p in old.iterdir()) == ["mine.txt"]
    assert (data_dir / ".lock").is_dir()


FULL_WEEK = """\
format: 1
week: 2026-W47
away: false
practices:
  reconnect: {state: done, date: 2026-11-18, note: "Coffee with Ana", channel: phone}
  marketing-plan: {state: excused, note: a week off}
  give-value: {state: missed}
  lead-with-mission: {note: "a note only"}
  follow-up: true
  no-job-word:
audit:
  completed: 2026-11-20 17:04:00
  answer: adapt
  reflection: Slow start
  intention: Call two people
  answered: [reconnect, give-value]
  mood: fine
colour: blue
"""


def test_every_kind_of_week_is_kept_and_comes_back_the_same(history, parsed, cli):
    """The index's quick build of a record gives what the file's own read gives, for every field a
    week file can hold (else the entry is not kept and the file is parsed every time)."""
    week = Week.parse("2026-W47")
    path = history.journal.path_for(week)
    path.write_text(FULL_WEEK, encoding="utf-8")
    read = history.journal.read(week)
    assert read.audit is not None and read.practices["reconnect"].extra == {"channel": "phone"}
    assert cli("status").code == 0
    parsed.clear()
    index._open.clear()
    assert cli("status").code == 0
    assert week not in parsed  # taken from the index
    kept = index._entry(index.open_index(history.data_dir), index.name_of(week))[1]
    assert kept == read


@pytest.mark.parametrize(
    "damage",
    [
        ('"note":"Coffee with Ana"', '"note":5'),
        ('"answered":["reconnect","give-value"]', '"answered":"reconnect"'),
        ('"away":false', '"away":"no"'),
        ('"date":"2026-11-18"', '"date":"Wednesday"'),
        ('"answer":"adapt"', '"answer":"maybe"'),
    ],
)
def test_a_kept_record_of_the_wrong_kind_is_no_record(damage):
    name = "journal/2026/2026-W47.yaml"
    data, node = parse_document(FULL_WEEK.encode(), Path(name), JournalError)
    line = index._encode(from_data(data, node, Path(name)), name)
    assert line is not None and damage[0].encode() in line
    assert index._decode(json.loads(line), name) is not None
    assert index._decode(json.loads(line.replace(*(part.encode() for part in damage))), name) is None


def test_held_saves_wait_for_the_board_and_are_never_lost(history, cache, parsed):
    """The dashboard holds its index (``hold_saves``): a tick's record is kept in memory and in the
    index on disk only when the watcher saves it; a process that dies first loses only the cache."""
    week = history.this_week
    history.history()  # indexed
    on_disk = (cache_file := next(cache.rglob("index"))).read_bytes()
    index.hold_saves(history.data_dir)
    try:
        record = history.journal.update(week, lambda r: r.tick("reconnect", history.today, "Coffee"))
        assert cache_file.read_bytes() == on_disk  # the tick's file is written, the index is not yet
        parsed.clear()
        assert history.history().records[week] == record and parsed == []  # this process knows it
        index._open.clear()  # another process, or this one after a kill: only the file on disk
        assert history.history().records[week] == record and parsed == [week]  # read again, rightly
        history.journal.update(week, lambda r: r.untick("reconnect"))
        assert index.save_held(history.data_dir, release=True)
        written = cache_file.read_bytes()
        index._open.clear()
        parsed.clear()
        assert not history.history().records[week].is_done("reconnect") and parsed == []
        history.journal.update(week, lambda r: r.tick("reconnect", history.today))  # released
        assert cache_file.read_bytes() != written
    finally:
        index.save_held(history.data_dir, release=True)
