"""How the dashboard opens: the week read before the first frame, the footer's keys kept in step."""

from __future__ import annotations

import contextlib
import gc
from datetime import date
from pathlib import Path

from textual.binding import ActiveBinding
from textual.worker import WorkerCancelled

from searchkeeper.cli.main import run
from searchkeeper.core.weeks import Week
from searchkeeper.tui import app as app_module
from searchkeeper.tui.app import WATCH_SECONDS, SearchkeeperApp
from searchkeeper.tui.screens import week as week_screen
from searchkeeper.tui.screens.chart import ChartScreen
from searchkeeper.tui.widgets.momentum_strip import MomentumStrip
from searchkeeper.tui.widgets.practice_row import PracticeRow
from searchkeeper.tui.widgets.scorecard import Scorecard
from searchkeeper.tui.widgets.week_header import WeekHeader


async def settle(pilot) -> None:
    for _ in range(3):
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
            break
    await pilot.pause()


def footer_key(app: SearchkeeperApp, action: str) -> ActiveBinding:
    """The key the footer shows for ``action`` (the footer draws the screen's active bindings)."""
    return next(key for key in app.screen.active_bindings.values() if key.binding.action == action)


class FirstFrame(SearchkeeperApp):
    """Notes what the week screen showed when its first frame was drawn (Textual's Ready)."""

    CSS_PATH = str(Path(app_module.__file__).parent / str(SearchkeeperApp.CSS_PATH))
    seen: dict[str, object] = {}

    def on_ready(self) -> None:
        screen = self.screen
        self.seen = {
            "reconnect": screen.query_one("#practice-reconnect", PracticeRow).view,
            "header": screen.query_one(WeekHeader).facts,
            "scorecard": screen.query_one(Scorecard).facts,
            "welcome": screen.query_one("#welcome").display,
        }


async def test_the_first_frame_already_shows_the_week_on_disk(space, monkeypatch) -> None:
    space.journal.update(Week.parse("2026-W48"), lambda r: r.tick("reconnect", date(2026, 11, 25)))
    space.journal.update(Week.parse("2026-W47"), lambda r: r.tick("reconnect", date(2026, 11, 18)))
    monkeypatch.setattr(week_screen, "FIRST_READ_WAIT", None)  # however slow the disk
    app = FirstFrame(space)
    async with app.run_test() as pilot:
        await pilot.pause()
    seen = app.seen
    assert seen["reconnect"].done and seen["reconnect"].streak_label == "streak 2 wk"
    assert seen["header"] is not None and seen["scorecard"] is not None
    assert seen["welcome"] is False


async def test_a_slow_first_read_still_fills_the_screen_in(space, monkeypatch) -> None:
    space.journal.update(Week.parse("2026-W48"), lambda r: r.tick("reconnect", date(2026, 11, 25)))
    monkeypatch.setattr(week_screen, "FIRST_READ_WAIT", 0)  # the screen does not wait for it
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.screen.query_one("#practice-reconnect", PracticeRow).view.done
        assert app.screen.query_one(WeekHeader).facts is not None


async def test_a_tick_made_while_the_chart_was_open_shows_on_return(space, data_dir, config_dir) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("c")
        assert isinstance(app.screen, ChartScreen)
        assert run(["--data-dir", str(data_dir), "--config-dir", str(config_dir), "tick", "reconnect"]) == 0
        await pilot.pause(1.5 * WATCH_SECONDS)  # the App's watcher tells the chart and the week beneath
        await pilot.press("c")
        await settle(pilot)
        assert app.screen.query_one("#practice-reconnect", PracticeRow).view.done


async def test_the_footer_dims_and_lights_keys_as_they_apply(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert not footer_key(app, "next_week").enabled  # this week: nothing after it
        assert footer_key(app, "row('tick')").binding.description == "Tick"  # the focused practice's keys
        await pilot.press("[")
        await pilot.pause()
        assert footer_key(app, "next_week").enabled
        await pilot.press("down", "down", "space")
        await pilot.pause()
        assert footer_key(app, "row('tick')").binding.description == "Tick"
        await pilot.press("]")
        await pilot.pause()
        assert not footer_key(app, "next_week").enabled


async def test_a_practice_key_is_lit_only_while_a_practice_has_the_focus(space, data_dir) -> None:
    """The strip takes the focus after the last row: the footer dims Tick and Note, and space there
    ticks nothing; back on a row they light again."""
    app = SearchkeeperApp(space)
    week_file = data_dir / "journal" / "2026" / "2026-W48.yaml"
    async with app.run_test() as pilot:
        await settle(pilot)
        assert footer_key(app, "row('tick')").enabled
        before = week_file.read_bytes() if week_file.exists() else None
        app.screen.query_one(MomentumStrip).focus()
        await pilot.pause()
        assert not footer_key(app, "row('tick')").enabled and not footer_key(app, "row('note')").enabled
        await pilot.press("space")
        await settle(pilot)
        assert (week_file.read_bytes() if week_file.exists() else None) == before
        await pilot.press("up")  # back to the last practice
        await pilot.pause()
        assert isinstance(app.screen.focused, PracticeRow) and footer_key(app, "row('tick')").enabled


async def test_the_dashboard_leaves_the_garbage_collector_alone(space) -> None:
    assert gc.isenabled()
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert gc.isenabled()
    assert gc.isenabled()


async def test_the_collector_is_back_on_once_the_first_screen_is_drawn(space) -> None:
    """The launcher opens the dashboard with the cyclic collector off, as for a command; the app
    turns it on as its first screen is drawn, for the long run."""
    gc.disable()
    try:
        app = SearchkeeperApp(space)
        async with app.run_test() as pilot:
            await pilot.pause()
            assert gc.isenabled() and app.screen.query_one(WeekHeader).facts is not None
    finally:
        gc.unfreeze()  # what the app set aside, back in this test process's collections
        gc.enable()


async def test_a_row_kept_as_drawn_is_drawn_again_when_it_changes(space) -> None:
    """A practice row keeps its lines between frames; a tick, the focus leaving it and another
    theme each draw it again."""
    app = SearchkeeperApp(space)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        row = app.screen.query(PracticeRow).first()
        first = row.render_line(0)
        assert "[ ]" in first.text and row.render_line(0) is first  # kept while nothing changed
        await pilot.press("space")
        await pilot.pause()
        ticked = row.render_line(0)
        assert "[✓]" in ticked.text
        await pilot.press("down")
        await pilot.pause()
        left = row.render_line(0)
        assert left.text == ticked.text and list(left) != list(ticked)  # the same words, not in focus
        app.theme = "textual-light"
        await pilot.pause()
        assert list(row.render_line(0)) != list(left)  # in another theme's colours


async def test_the_week_screen_is_not_styled_again_as_it_is_first_shown(space, monkeypatch) -> None:
    """Mounted, the screen and its widgets are styled; shown the moment after, they are not styled
    all over again (a few dozen nodes' CSS for nothing). A theme picked on another screen still
    shows on it once back."""
    restyled: list[object] = []
    update_styles = SearchkeeperApp.update_styles

    def counted(self, node=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        restyled.append(node)
        return update_styles(self, node, *args, **kwargs)

    monkeypatch.setattr(SearchkeeperApp, "update_styles", counted)
    app = SearchkeeperApp(space)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        week = app.screen
        assert week not in restyled
        dark = week.styles.background
        await pilot.press("c")
        await pilot.pause()
        app.theme = "searchkeeper-light"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is week and week.styles.background != dark
