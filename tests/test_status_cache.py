"""The kept status line is invisible: whatever changed, ``status`` prints what the full command prints.

``searchkeeper status`` with no options first looks for the line kept in the index and
prints it, without loading the command line, when nothing it was made from changed.
Each test has a line kept (by ``status``, a tick, the dashboard...), changes something
behind it, then compares the next ``status`` with what it prints once the index is
deleted. Each change is chosen so that the line does change: a stale line fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import TODAY

from searchkeeper.core.partners import Partner, Touch
from searchkeeper.core.rhythm import Rhythm
from searchkeeper.core.weeks import Week
from searchkeeper.storage import index
from searchkeeper.storage.partners import PartnerBook
from searchkeeper.storage.sample import write_sample_history
from searchkeeper.storage.workspace import Workspace

THIS_WEEK = Week.of(TODAY)


@pytest.fixture
def sk(data_dir: Path, config_dir: Path):
    """``sk("tick", "reconnect")``: the program as a shell runs it; returns (code, out, quick)."""

    def run(*argv: str, today: date | None = None) -> tuple[int, str, bool]:
        environment = {
            **os.environ,
            "SEARCHKEEPER_DATA_DIR": str(data_dir),
            "SEARCHKEEPER_CONFIG_DIR": str(config_dir),
            "SEARCHKEEPER_TODAY": (today or TODAY).isoformat(),
        }
        environment.pop("PYTHONIMPORTTIME", None)
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "searchkeeper", *argv],
            capture_output=True,
            text=True,
            env=environment,
            timeout=60,
        )
        errors = "\n".join(line for line in done.stderr.splitlines() if not line.startswith("import time:"))
        assert not errors, errors
        return done.returncode, done.stdout, "searchkeeper.cli.main" not in done.stderr

    return run


@pytest.fixture
def status(sk, tmp_path: Path):
    """``status.quick()``: what ``status`` prints now (asserting whether the kept line was used);
    ``status.full()``: what it prints with no index at all."""

    class Status:
        @staticmethod
        def quick(expected: bool | None = None, today: date | None = None) -> str:
            code, out, quick = sk("status", today=today)
            assert code == 0
            if expected is not None:
                assert quick is expected
            return out

        @staticmethod
        def full(today: date | None = None) -> str:
            shutil.rmtree(tmp_path / "cache", ignore_errors=True)
            index._open.clear()
            code, out, quick = sk("status", today=today)
            assert code == 0 and not quick
            return out

    return Status


@pytest.fixture
def history(space: Workspace) -> Workspace:
    write_sample_history(space.journal, space.settings.catalogue, space.this_week, weeks=30)
    return space


def week_file(space: Workspace, week: Week = THIS_WEEK) -> Path:
    return space.journal.path_for(week)


def _undone(space: Workspace) -> str:
    record = space.journal.read(THIS_WEEK)
    weekly = [p.id for p in space.settings.catalogue.active if p.cadence == "weekly"]
    return next(practice for practice in weekly if not record.is_done(practice))


# the kept line is used, and says the same ---------------------------------------------------------


def test_an_unchanged_journal_is_answered_from_the_kept_line(history: Workspace, status) -> None:
    first = status.full()
    assert first.startswith(f"{THIS_WEEK.key} · ")
    assert status.quick(expected=True) == first


CHANGES = [
    ("tick", "marketing-plan", "--note", "Walked Ana through it"),
    ("tick", "reconnect", "--undo"),
    ("excuse", "give-value"),
    ("excuse", "give-value", "--undo"),
    ("away",),
    ("away", "--undo"),
    ("tick", "marketing-plan", "--week", "last", "--undo"),  # another week: this week's line kept too
]


@pytest.mark.parametrize("change", CHANGES, ids=[" ".join(c) for c in CHANGES])
def test_after_each_change_the_next_status_is_the_kept_new_line(
    history: Workspace, status, sk, change
) -> None:
    before = status.full()
    code, out, _ = sk(*change)
    assert code == 0
    after = status.quick(expected=True)  # the file was written a moment ago: its content is checked
    if "--week" not in change:
        assert after == out.splitlines()[-1] + "\n"
    assert after == status.full()
    if change[-1] != "--undo" or change[0] == "tick":
        assert after != before


def test_a_line_the_dashboard_keeps_is_used(history: Workspace, status) -> None:
    import asyncio

    from searchkeeper.tui.app import SearchkeeperApp

    before = status.full()

    async def tick_in_the_dashboard() -> None:
        app = SearchkeeperApp(Workspace.open(history.data_dir, history.config_dir, on=TODAY))
        async with app.run_test() as pilot:
            for _ in range(10):
                await pilot.pause(0.05)
            await pilot.press("space")
            await pilot.pause()

    asyncio.run(tick_in_the_dashboard())
    after = status.quick(expected=True)
    assert after != before
    assert after == status.full()


def test_a_dashboard_left_open_keeps_its_line_within_a_watcher_tick(history: Workspace, status) -> None:
    import asyncio

    from searchkeeper.tui.app import WATCH_SECONDS, SearchkeeperApp

    before = status.full()
    kept = []

    async def tick_and_wait() -> None:
        app = SearchkeeperApp(Workspace.open(history.data_dir, history.config_dir, on=TODAY))
        async with app.run_test() as pilot:
            for _ in range(10):
                await pilot.pause(0.05)
            await pilot.press("space")
            await pilot.pause(WATCH_SECONDS * 2)
            kept.append(status.quick(expected=True))  # while the dashboard is still open

    asyncio.run(tick_and_wait())
    assert kept[0] != before and kept[0] == status.full()


def test_a_dashboard_behind_the_files_keeps_no_line_of_its_own(history: Workspace, status) -> None:
    """Another week changed on disk since the dashboard read it: its save must not keep a stale line."""
    from searchkeeper.storage.journal import Journal
    from searchkeeper.tui.board import Board

    board = Board(Workspace.open(history.data_dir, history.config_dir, on=TODAY))
    board.load()
    earlier = THIS_WEEK.shift(-5)
    Journal(history.data_dir).update(earlier, lambda r: setattr(r, "away", not r.away))  # a shell, say
    assert board.change(THIS_WEEK, "marketing-plan", lambda r: r.tick("marketing-plan", TODAY)).saved
    assert status.quick() == status.full()


def test_a_dashboard_with_settings_older_than_the_config_keeps_no_line(
    history: Workspace, status, write_config
) -> None:
    from searchkeeper.tui.board import Board

    write_config("threshold: 60\n")
    board = Board(Workspace.open(history.data_dir, history.config_dir, on=TODAY))
    board.load()
    write_config("threshold: 95\n")
    assert board.change(THIS_WEEK, "marketing-plan", lambda r: r.tick("marketing-plan", TODAY)).saved
    assert status.quick() == status.full()


# changes behind the kept line -----------------------------------------------------------------------


def _edit_same_size(path: Path) -> None:
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("away: false", "away: true "), encoding="utf-8")  # the same size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns


def test_a_hand_edit_moments_after_a_tick(history: Workspace, status, sk) -> None:
    assert sk("tick", "marketing-plan")[0] == 0
    before = status.quick(expected=True)
    _edit_same_size(week_file(history))
    after = status.quick(expected=False)
    assert after != before and "away" in after
    assert after == status.full()


def test_a_hand_edit_of_an_old_file_with_its_mtime_put_back(
    history: Workspace, status, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "clock", lambda: time.time_ns() + 60 * 10**9)  # every file a minute old
    assert cli("status").code == 0  # a line kept trusting stamps alone
    before = status.quick(expected=True)
    time.sleep(0.01)
    _edit_same_size(week_file(history))
    after = status.quick(expected=False)
    assert after != before and "away" in after
    assert after == status.full()


def test_a_new_week_file(history: Workspace, status, cli) -> None:
    cli("status")
    before = status.quick(expected=True)
    weekly = [p for p in history.settings.catalogue.active if p.cadence == "weekly"]
    for number in range(31, 61):  # a run of good weeks before the sample's, longer than its best
        week = THIS_WEEK.shift(-number)
        history.journal.update(week, lambda r, w=week: [r.tick(p.id, w.monday) for p in weekly])
    after = status.quick(expected=False)
    assert after != before
    assert after == status.full()


def test_a_deleted_week_file(history: Workspace, status, cli) -> None:
    cli("status")
    before = status.quick(expected=True)
    week_file(history).unlink()
    after = status.quick(expected=False)
    assert after != before
    assert after == status.full()


def test_a_broken_week_file(history: Workspace, status, cli) -> None:
    cli("status")
    before = status.quick(expected=True)
    week_file(history, THIS_WEEK.shift(-3)).write_text("practices: [unclosed\n", encoding="utf-8")
    after = status.quick(expected=False)
    assert after != before and "unreadable file(s)" in after
    assert after == status.full()


def test_a_sync_conflict_copy(history: Workspace, status, cli) -> None:
    cli("status")
    before = status.quick(expected=True)
    path = week_file(history)
    copy = path.with_name(f"{THIS_WEEK.key}.sync-conflict-20261127-101010-ABCDEFG.yaml")
    copy.write_bytes(path.read_bytes())
    after = status.quick(expected=False)
    assert after != before and "sync conflict" in after
    assert after == status.full()


def test_a_new_threshold_in_config(history: Workspace, status, cli, write_config) -> None:
    write_config("threshold: 60\n")
    cli("status")
    before = status.quick(expected=True)
    write_config("threshold: 95\n")
    after = status.quick(expected=False)
    assert after != before
    assert after == status.full()


def test_a_config_that_goes_away(history: Workspace, status, cli, write_config) -> None:
    write_config("audit_day: monday\n")
    cli("status")
    before = status.quick(expected=True)
    write_config("").unlink()
    after = status.quick(expected=False)
    assert after != before
    assert after == status.full()


def test_a_partners_file_that_ticks_the_month(history: Workspace, status, cli) -> None:
    for number in range(45, 49):  # November without the practice: the month's last week misses it
        history.journal.update(Week(2026, number), lambda r: r.clear("contact-key-partners"))
    cli("status")
    before = status.quick(expected=True)
    person = Partner("Ana", "former-client", Rhythm.parse("key"), "email", added=date(2026, 9, 1))
    person.log(Touch(TODAY, "email", "News they could use"))
    PartnerBook(history.data_dir).update(lambda roster: roster.add(person))
    after = status.quick(expected=False)
    assert after != before
    assert after == status.full()


def test_another_day_and_another_week(history: Workspace, status, cli) -> None:
    cli("status")
    before = status.quick(expected=True)
    monday = date(2026, 11, 23)
    assert status.quick(expected=False, today=monday) != before
    assert status.quick(today=monday) == status.full(today=monday)
    later = date(2026, 12, 2)
    assert status.quick(expected=False, today=later) == status.full(today=later)


# the kept line itself -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],
        lambda raw: raw.replace(b"streak", b"strEak"),
        lambda raw: b"",
        lambda raw: b"\xff\xfe" + raw,
        lambda raw: raw.split(b"\n", 1)[1],
    ],
    ids=["truncated", "a changed byte", "empty", "garbage", "no header"],
)
def test_a_damaged_index_is_ignored(history: Workspace, status, damage) -> None:
    expected = status.full()
    path = Path(index.folder_of(history.data_dir)) / index.INDEX_NAME
    path.write_bytes(damage(path.read_bytes()))
    assert status.quick(expected=False) == expected
    assert status.quick(expected=True) == expected  # and made afresh


def test_no_index_is_made_for_a_data_folder_that_does_not_exist(
    status, data_dir: Path, tmp_path: Path
) -> None:
    status.quick(expected=False)
    assert not data_dir.exists()
    assert not (tmp_path / "cache").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_cache_folder_is_no_reason_to_fail(history: Workspace, status, cli, sk, tmp_path) -> None:
    expected = cli("status").out
    folder = Path(index.folder_of(history.data_dir))
    folder.chmod(0o500)
    try:
        code, out, _ = sk("tick", _undone(history))
        assert code == 0 and out.splitlines()[-1] != expected.strip()
        assert status.quick(expected=False) == out.splitlines()[-1] + "\n"
    finally:
        folder.chmod(0o700)
    assert status.quick() == status.full()


def test_a_status_with_options_uses_and_keeps_the_line_too(history: Workspace, status, sk, data_dir) -> None:
    expected = status.full()
    code, out, quick = sk("status", "--data-dir", str(data_dir))
    assert code == 0 and not quick and out == expected
    assert status.quick(expected=True) == expected


# a change to this week alone: the line is made from the carry ---------------------------------------

SEQUENCE = [
    ("tick", "marketing-plan", "--note", "Walked Ana through it"),
    ("tick", "reconnect", "--undo"),
    ("excuse", "give-value"),
    ("tick", "refer-talent"),  # monthly, in the month's last week
    ("tick", "joined-groups", "--undo"),
    ("tick", "local-number", "--undo"),  # standing: unticked from here on
    ("excuse", "give-value", "--undo"),
    ("tick", "local-number"),
    ("away",),
    ("away", "--undo"),
    ("tick", "three-questions"),
]


@pytest.fixture
def whole(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each history read since was of the whole journal (not just the carry's weeks)."""
    reads: list[bool] = []
    load = index.load_history

    def spy(journal, inputs, only=None, indexed_only=False):
        reads.append(only is None)
        return load(journal, inputs, only, indexed_only)

    from searchkeeper.storage import workspace

    monkeypatch.setattr(index, "load_history", spy)
    monkeypatch.setattr(workspace, "load_history", spy)
    return reads


@pytest.mark.parametrize("today", [TODAY, date(2026, 11, 23)], ids=["friday", "monday"])
def test_each_change_to_this_week_says_what_the_whole_history_says(
    history: Workspace, cli, whole, monkeypatch: pytest.MonkeyPatch, today
) -> None:
    from searchkeeper.reports.status_line import status_line

    monkeypatch.setenv("SEARCHKEEPER_TODAY", today.isoformat())
    history.journal.update(THIS_WEEK.previous(), lambda r: setattr(r, "audit", None))  # last week: open
    assert cli("status").code == 0
    for change in SEQUENCE:  # one after the other: each made from the carry the one before kept
        whole.clear()
        result = cli(*change)
        assert result.code == 0
        assert whole == [False], change
        fresh = status_line(Workspace.open(history.data_dir, history.config_dir, on=today))
        assert result.out.splitlines()[-1] == fresh, change


def test_a_change_to_another_week_since_reads_the_whole_history(history: Workspace, cli, whole) -> None:
    assert cli("status").code == 0
    earlier = THIS_WEEK.shift(-9)
    history.journal.update(earlier, lambda r: r.tick("marketing-plan", earlier.monday))
    whole.clear()
    result = cli("tick", "reconnect")
    assert whole == [True]
    assert result.out.splitlines()[-1] + "\n" == cli("status").out


def test_with_a_partners_file_a_change_reads_the_whole_history(history: Workspace, cli, whole) -> None:
    person = Partner("Ana", "former-client", Rhythm.parse("key"), "email", added=date(2026, 9, 1))
    person.log(Touch(date(2026, 11, 10), "email", "News they could use"))
    PartnerBook(history.data_dir).update(lambda roster: roster.add(person))
    assert cli("status").code == 0
    whole.clear()
    result = cli("tick", "contact-key-partners", "--undo")
    assert whole == [True]
    assert result.out.splitlines()[-1] + "\n" == cli("status").out


def test_a_broken_file_this_month_is_not_carried(history: Workspace, cli, whole) -> None:
    week_file(history, THIS_WEEK.previous()).write_text("week: [unclosed\n", encoding="utf-8")
    assert cli("status").code == 0
    whole.clear()
    result = cli("tick", "reconnect")
    assert whole == [True]
    assert "unreadable file(s)" in result.out
