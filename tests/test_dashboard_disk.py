"""The dashboard and the disk: broken files, refused saves, changes made by another process."""

from __future__ import annotations

import contextlib
import shutil

from conftest import read_yaml
from textual.worker import WorkerCancelled

from searchkeeper.cli.main import run
from searchkeeper.core.weeks import Week
from searchkeeper.tui.app import SearchkeeperApp
from searchkeeper.tui.screens.note import NoteScreen
from searchkeeper.tui.widgets.practice_row import PracticeRow

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


async def test_a_refused_save_stays_on_screen_as_unsaved_and_is_written_later(space, data_dir) -> None:
    week_file = space.journal.path_for(Week.parse("2026-W48"))
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        blocker = data_dir / ".lock"  # a folder where the lock file goes: every save fails
        blocker.mkdir(parents=True)
        await pilot.press("space")
        assert not week_file.exists()
        assert any("Could not save 2026-W48" in notice for notice in notices(app))
        assert row(app, "marketing-plan").view.unsaved
        assert row(app, "marketing-plan").view.done
        await pilot.press("j", "j", "x")  # the next change fails too and waits behind the first
        assert row(app, "no-job-word").view.unsaved
        await settle(pilot)  # a reload from disk keeps the unsaved changes on screen
        assert row(app, "marketing-plan").view.done
        shutil.rmtree(blocker)
        for _ in range(3):  # the periodic retry
            app.screen._on_poll_timer()
        await settle(pilot)
        practices = read_yaml(week_file)["practices"]
        assert practices["marketing-plan"]["state"] == "done"
        assert practices["no-job-word"]["state"] == "excused"
        assert not row(app, "marketing-plan").view.unsaved


async def test_a_refused_save_is_retried_with_the_next_change(space, data_dir) -> None:
    week_file = space.journal.path_for(Week.parse("2026-W48"))
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        blocker = data_dir / ".lock"
        blocker.mkdir(parents=True)
        await pilot.press("space")
        shutil.rmtree(blocker)
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
        assert app.screen.board.summary.score_for(Week.parse("2026-W48")).met == 1
