"""The dashboard and the disk: broken files, refused saves, changes made by another process,
and the one watcher that notices them (without noticing the dashboard's own saves)."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from conftest import TODAY, read_yaml
from textual.worker import WorkerCancelled

from searchkeeper.cli.main import run
from searchkeeper.core.partners import Partner, Touch
from searchkeeper.core.rhythm import Rhythm
from searchkeeper.core.weeks import Week
from searchkeeper.storage.journal import Journal
from searchkeeper.storage.partners import PartnerBook
from searchkeeper.tui.app import WATCH_SECONDS, SearchkeeperApp
from searchkeeper.tui.board import Board
from searchkeeper.tui.screens.audit import AuditScreen
from searchkeeper.tui.screens.note import NoteScreen
from searchkeeper.tui.screens.partners import PartnersScreen
from searchkeeper.tui.widgets.practice_row import PracticeRow

W48 = Week.parse("2026-W48")

BROKEN = b"""format: 1
week: 2026-W47
practices:
  reconnect: {state: maybe}
"""


async def settle(pilot) -> None:
    for _ in range(3):  # a cancelled poll was replaced by a newer one: wait for that too
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
            break
    await pilot.pause()


def notices(app: SearchkeeperApp) -> list[str]:
    return [f"{n.title} {n.message}" for n in app._notifications]


def row(app: SearchkeeperApp, practice_id: str) -> PracticeRow:
    return app.screen.query_one(f"#practice-{practice_id}", PracticeRow)


async def watcher_retries(pilot, done) -> None:
    """Wait for the watcher (every second) until ``done()``."""
    for _ in range(int(3 * WATCH_SECONDS / 0.1)):
        await pilot.pause(0.1)
        if done():
            break
    await settle(pilot)


async def test_a_broken_week_is_named_with_its_line_and_never_rewritten(space) -> None:
    path = space.journal.path_for(Week.parse("2026-W47"))
    path.parent.mkdir(parents=True)
    path.write_bytes(BROKEN)
    app = SearchkeeperApp(space)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        warning = app.screen.query_one("#warning")
        assert warning.display
        assert "journal/2026/2026-W47.yaml:4" in str(warning.render())
        await pilot.press("left_square_bracket")
        assert "2026-W47.yaml:4" in str(warning.render()) and "read-only" in str(warning.render())
        await pilot.press("space", "x", "w")
        assert path.read_bytes() == BROKEN
        assert any("broken" in notice for notice in notices(app))
        await pilot.press("n")  # no editor for a week that cannot be saved
        assert not isinstance(app.screen, NoteScreen)
        assert any("read-only" in notice for notice in notices(app))
        await pilot.press("right_square_bracket", "space")  # the rest works
        assert read_yaml(space.journal.path_for(Week.parse("2026-W48")))["practices"]["marketing-plan"]
    assert path.read_bytes() == BROKEN


async def test_a_refused_save_stays_on_screen_as_unsaved_and_is_written_later(space, disk) -> None:
    week_file = space.journal.path_for(W48)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        disk.full = True
        await pilot.press("space")
        assert not week_file.exists()
        assert any("Could not save 2026-W48" in notice for notice in notices(app))
        assert row(app, "marketing-plan").view.unsaved
        assert row(app, "marketing-plan").view.done
        await pilot.press("j", "j", "x")  # the next change fails too and waits behind the first
        assert row(app, "no-job-word").view.unsaved
        await settle(pilot)  # a reload from disk keeps the unsaved changes on screen
        assert row(app, "marketing-plan").view.done
        disk.full = False
        await watcher_retries(pilot, lambda: not app.board.pending)
        practices = read_yaml(week_file)["practices"]
        assert practices["marketing-plan"]["state"] == "done"
        assert practices["no-job-word"]["state"] == "excused"
        assert not row(app, "marketing-plan").view.unsaved


async def test_a_save_behind_another_process_s_lock_never_freezes_the_screen(space, monkeypatch) -> None:
    """A command holding the write lock for long (an import, a merge): the tick shows at once as
    unsaved, naming who holds the lock, and is written by the watcher once the lock is free."""
    import time

    from searchkeeper.storage.lock import locked

    monkeypatch.setenv("SEARCHKEEPER_LOCK_WAIT", "30")  # what a command would wait: not the dashboard
    week_file = space.journal.path_for(W48)
    app = SearchkeeperApp(space)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        with locked(space.data_dir):
            started = time.monotonic()
            await pilot.press("space")
            assert time.monotonic() - started < 2
            assert row(app, "marketing-plan").view.unsaved and row(app, "marketing-plan").view.done
            assert any("another searchkeeper" in notice for notice in notices(app))
            assert not week_file.exists()
        await watcher_retries(pilot, lambda: not app.board.pending)
        assert read_yaml(week_file)["practices"]["marketing-plan"]["state"] == "done"
        assert not row(app, "marketing-plan").view.unsaved


async def test_a_refused_save_is_retried_with_the_next_change(space, disk) -> None:
    week_file = space.journal.path_for(W48)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        disk.full = True
        await pilot.press("space")
        disk.full = False
        await pilot.press("j", "j", "space")
        practices = read_yaml(week_file)["practices"]
        assert practices["marketing-plan"]["state"] == "done"
        assert practices["no-job-word"]["state"] == "done"
        assert not app.screen.board.pending


async def test_a_tick_from_another_process_shows_within_two_seconds(space, data_dir, config_dir) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert not row(app, "reconnect").view.done
        code = run(["--data-dir", str(data_dir), "--config-dir", str(config_dir), "tick", "reconnect"])
        assert code == 0
        for _ in range(20):
            await pilot.pause(0.1)
            if row(app, "reconnect").view.done:
                break
        assert row(app, "reconnect").view.done
        assert app.screen.board.summary.score_for(W48).met == 1


async def test_an_edit_of_the_same_size_with_its_time_put_back_is_seen(space) -> None:
    """Editors and sync tools rewrite in place and restore the mtime; the ctime still moves."""
    import os

    space.journal.update(W48, lambda r: r.tick("reconnect", TODAY))
    path = space.journal.path_for(W48)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert row(app, "reconnect").view.done
        info = path.stat()
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("away: false", "away: true "), encoding="utf-8")  # the same size
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
        assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns
        for _ in range(30):
            await pilot.pause(0.1)
            if row(app, "reconnect").view.mark == "away":
                break
        assert row(app, "reconnect").view.mark == "away"


class Counted:
    """Counts the saves (``Journal.update``) and the reads of the whole history (``Board.read``)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.saves: list[Week] = []
        self.reads = 0
        update, read = Journal.update, Board.read

        def counted_update(journal, week, change, wait=None):
            self.saves.append(week)
            return update(journal, week, change, wait)

        def counted_read(board):
            self.reads += 1
            return read(board)

        monkeypatch.setattr(Journal, "update", counted_update)
        monkeypatch.setattr(Board, "read", counted_read)


async def test_one_tick_is_one_save_and_the_watcher_does_not_read_it_back(space, monkeypatch) -> None:
    space.journal.update(Week.parse("2026-W47"), lambda r: r.tick("reconnect", date(2026, 11, 18)))
    counted = Counted(monkeypatch)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.board.loaded and counted.reads == 1  # the first load
        await pilot.press("space")
        await pilot.pause(2.5 * WATCH_SECONDS)  # two looks at the disk
        await settle(pilot)
        assert counted.saves == [W48]
        assert counted.reads == 1, "the watcher read the dashboard's own save back"
        assert row(app, "marketing-plan").view.done
    entry = read_yaml(space.journal.path_for(W48))["practices"]["marketing-plan"]
    assert entry == {"state": "done", "date": TODAY}


async def test_a_change_from_a_shell_is_read_once(space, data_dir, config_dir, monkeypatch) -> None:
    counted = Counted(monkeypatch)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("space")  # the dashboard's own save first: its stamps hide nothing else
        assert run(["--data-dir", str(data_dir), "--config-dir", str(config_dir), "tick", "reconnect"]) == 0
        await watcher_retries(pilot, lambda: row(app, "reconnect").view.done)
        assert row(app, "reconnect").view.done and row(app, "marketing-plan").view.done
        await pilot.pause(1.5 * WATCH_SECONDS)
        assert counted.reads == 2  # the first load, and the shell's tick once


async def test_a_refused_audit_answer_is_kept_as_unsaved_and_written_later(space, disk) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen)
        disk.full = True
        await pilot.press("y")  # marketing-plan: yes, refused by the disk
        assert "2 of 13" in str(app.screen.query_one("#audit-head").render())  # the audit goes on
        assert "unsaved" in str(app.screen.query_one("#audit-head").render())
        assert any("Could not save 2026-W48" in notice for notice in notices(app))
        assert not space.journal.path_for(W48).exists()
        disk.full = False
        await watcher_retries(pilot, lambda: not app.board.pending)
        assert "unsaved" not in str(app.screen.query_one("#audit-head").render())
        await pilot.press("escape")
        await pilot.pause()
        assert not row(app, "marketing-plan").view.unsaved
    data = read_yaml(space.journal.path_for(W48))
    assert data["practices"]["marketing-plan"]["state"] == "done"
    assert data["audit"]["answered"] == ["marketing-plan"]


async def test_a_refused_partners_save_is_kept_as_unsaved_and_written_later(space, disk) -> None:
    ana = Partner("Ana Ruiz", "former-client", Rhythm.parse("key"), "email", added=date(2026, 9, 1))
    ana.log(Touch(date(2026, 10, 15), "email"))
    PartnerBook(space.data_dir).update(lambda roster: roster.add(ana))
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PartnersScreen)
        disk.full = True
        await pilot.press("l", "enter", "enter")  # a touch today, by email
        await pilot.pause()
        assert isinstance(app.screen, PartnersScreen)
        assert "unsaved" in str(app.screen.query_one("#partners-warning").render())
        assert "0 d" in [str(cell) for cell in app.screen.query_one("DataTable").get_row_at(0)]
        disk.full = False
        await watcher_retries(pilot, lambda: not app.board.pending)
        assert "unsaved" not in str(app.screen.query_one("#partners-warning").render())
    touches = read_yaml(space.data_dir / "partners.yaml")["partners"][0]["touches"]
    assert touches[-1] == {"date": TODAY, "channel": "email"}
