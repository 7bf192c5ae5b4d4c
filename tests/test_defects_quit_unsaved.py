"""Quitting with a change the disk refused asks first: retry the save now, keep waiting, or quit
and lose it (named). The quit key's tooltip never says everything is saved."""

from __future__ import annotations

import pytest
from conftest import Disk, read_yaml, settle

from searchkeeper.core.weeks import Week
from searchkeeper.tui.app import WATCH_SECONDS, SearchkeeperApp
from searchkeeper.tui.screens.week import WeekScreen

W48 = Week.parse("2026-W48")


def asked(app: SearchkeeperApp) -> str:
    """The quit dialog's words, or "" when it is not open."""
    from searchkeeper.tui.screens.quit_dialog import QuitDialog

    if not isinstance(app.screen, QuitDialog):
        return ""
    options = app.screen.query_one("OptionList").options
    return " ".join(
        [*(str(label.render()) for label in app.screen.query("Label")), *(str(o.prompt) for o in options)]
    )


async def unsaved_tick(pilot, disk: Disk) -> None:
    await settle(pilot)
    disk.full = True
    await pilot.press("space")  # marketing-plan, refused
    assert pilot.app.board.pending


async def test_quit_with_an_unsaved_change_asks_and_a_retry_saves_it(space, disk) -> None:
    week_file = space.journal.path_for(W48)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await unsaved_tick(pilot, disk)
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        words = asked(app)
        assert "2026-W48" in words and "marketing-plan" in words
        await pilot.press("r")  # the disk is still full: asked again, with why
        await pilot.pause()
        assert app.is_running and "the disk is full" in asked(app)
        disk.full = False
        await pilot.press("r")
        await pilot.pause()
    assert app.return_code == 0
    assert read_yaml(week_file)["practices"]["marketing-plan"]["state"] == "done"


async def test_keep_waiting_stays_and_the_watcher_saves_it(space, disk) -> None:
    week_file = space.journal.path_for(W48)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await unsaved_tick(pilot, disk)
        await pilot.press("q")
        await pilot.pause()
        assert asked(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WeekScreen) and app.is_running
        disk.full = False
        for _ in range(int(3 * WATCH_SECONDS / 0.1)):
            await pilot.pause(0.1)
            if not app.board.pending:
                break
        assert read_yaml(week_file)["practices"]["marketing-plan"]["state"] == "done"
        await pilot.press("q")  # nothing unsaved: quits at once
        await pilot.pause()
        assert not asked(app)
    assert app.return_code == 0


async def test_quit_and_lose_it_leaves_without_the_change(space, disk) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await unsaved_tick(pilot, disk)
        await pilot.press("q")
        await pilot.pause()
        assert "lose it: 2026-W48 (marketing-plan)" in asked(app)
        await pilot.press("l")
        await pilot.pause()
    assert app.return_code == 0
    assert not space.journal.path_for(W48).exists()


def test_the_quit_key_does_not_promise_everything_is_saved() -> None:
    (quit_key,) = [binding for binding in SearchkeeperApp.BINDINGS if binding.id == "app.quit"]
    assert "everything is saved" not in (quit_key.tooltip or "")


@pytest.mark.parametrize("key", ["a", "c", "p", "question_mark"])
async def test_a_key_typed_right_after_quit_opens_nothing_and_raises_nothing(space, key) -> None:
    """``q`` then a screen's key before the app has closed (typed fast, or pasted): the app
    leaves as asked, with no half-opened screen and no traceback."""
    from textual import events

    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        for name, character in (("q", "q"), (key, "?" if key == "question_mark" else key)):
            app.post_message(events.Key(name, character))  # in one burst, as a terminal sends them
        await pilot.pause()
    assert app.return_code == 0 and app._exception is None
    assert [type(screen).__name__ for screen in app.screen_stack] in ([], ["WeekScreen"])
