"""The dashboard at 80×24, by keyboard alone: every part of the week screen is reached, the
scorecard and the momentum strip are always in sight, and every screen fits 80 columns."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import settle
from rich.console import Console
from snapshot_apps.fixed_history import fixed_app
from textual.containers import ScrollableContainer
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from searchkeeper.tui.app import SearchkeeperApp
from searchkeeper.tui.screens.chart import ChartScreen
from searchkeeper.tui.screens.help import HelpScreen
from searchkeeper.tui.screens.week import WeekScreen
from searchkeeper.tui.themes import AppThemes, app_themes_first
from searchkeeper.tui.widgets.key_footer import KeyFooter
from searchkeeper.tui.widgets.momentum_strip import MomentumStrip
from searchkeeper.tui.widgets.practice_row import PracticeRow

SIZE = (80, 24)


def in_sight(widget: Widget) -> bool:
    """Wholly on screen, not scrolled away nor cut by the screen's edge."""
    region = widget.region
    if not region or not Region(0, 0, *widget.app.size).contains_region(region):
        return False
    return all(
        ancestor.region.contains_region(region)
        for ancestor in widget.ancestors
        if isinstance(ancestor, ScrollableContainer)
    )


async def test_every_part_of_the_week_screen_is_reached_by_keyboard(tmp_path: Path) -> None:
    app = fixed_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WeekScreen)
        for part in ("#week-header", "#scorecard", "#momentum-strip"):  # always in sight
            assert in_sight(screen.query_one(part)), part
        rows = list(screen.query(PracticeRow))
        assert screen.focused is rows[0]
        for row in rows[1:]:  # each row in turn, scrolled into sight
            await pilot.press("down")
            await pilot.pause()
            assert screen.focused is row and in_sight(row), row.id
        partner_line = screen.query_one("#partner-line")
        assert not partner_line.display or in_sight(partner_line)
        await pilot.press("down")  # past the last practice: the momentum strip
        strip = screen.query_one(MomentumStrip)
        assert screen.focused is strip
        await pilot.press("enter")  # which opens the chart screen
        await pilot.pause()
        assert isinstance(app.screen, ChartScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("up")
        assert screen.focused is rows[-1]

        body = screen.query_one("#week-body")
        chart = screen.query_one("#momentum-chart")
        await pilot.press("home")
        await pilot.pause(0.5)
        assert body.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause(0.5)
        assert body.scroll_y > 0
        await pilot.press("end")  # the full chart, at the end of the body
        await pilot.pause(0.5)
        assert body.scroll_y == body.max_scroll_y > 0
        assert in_sight(chart)
        for part in ("#scorecard", "#momentum-strip"):
            assert in_sight(screen.query_one(part)), part


async def test_the_first_run_greeting_is_short_and_esc_hides_it(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        welcome = app.screen.query_one("#welcome")
        assert welcome.display and welcome.region.height <= 6
        assert in_sight(app.screen.query_one("#momentum-strip"))
        await pilot.press("escape")
        await pilot.pause()
        assert not welcome.display
        assert app.screen.focused is app.screen.query(PracticeRow).first()


def footer_keys(app: SearchkeeperApp) -> list[tuple[str, int]]:
    """Each key the screen's footer shows: its action, and the column after its last.

    The week screen draws its footer in one widget (KeyFooter), the others use Textual's
    Footer, a widget per key."""
    screen = app.screen
    if isinstance(screen, WeekScreen):
        footer = screen.query_one(KeyFooter)
        return [(key.action, footer.region.x + key.end) for key in footer.shown_keys()]
    return [(key.action, key.region.right) for key in screen.query_one(Footer).query(FooterKey)]


@pytest.mark.parametrize("keys", [(), ("c",), ("c", "3"), ("p",), ("question_mark",)])
async def test_every_footer_fits_80_columns_with_quit_and_the_palette(tmp_path: Path, keys) -> None:
    app = fixed_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        shown = footer_keys(app)
        assert shown and all(right <= SIZE[0] for _action, right in shown)
        actions = {action for action, _right in shown}
        assert "quit" in actions or "app.quit" in actions
        if not isinstance(app.screen, HelpScreen):  # the help lists ^p in its table
            assert "command_palette" in actions or "app.command_palette" in actions


async def test_help_lists_the_apps_own_keys_only(tmp_path: Path) -> None:
    app = fixed_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        console = Console(width=SIZE[0], file=io.StringIO(), record=True)
        console.print(app.screen.query_one("#help-keys", Static).content)
        keys = console.export_text()
        for internal in ("Focus Next", "Focus Previous", "Copy selected text", "Page Left", "Scroll Up"):
            assert internal not in keys
        for own in ("Tick", "Next week", "Page down", "Quit"):
            assert own in keys


async def test_the_chart_says_month_and_year_and_the_grid_does_not_wrap(tmp_path: Path) -> None:
    app = fixed_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c", "3")
        await pilot.pause()
        bars = str(app.screen.query_one("#chart-bars").render())
        assert "Jan '26" in bars or "Dec '25" in bars
        grid = app.screen.query_one("#practice-grid")
        lines = str(grid.render()).splitlines()
        assert "last" in lines[0] and "of 52 weeks" in lines[0]
        assert all(len(line) <= SIZE[0] - 4 for line in lines)  # inside the border and padding


def test_the_theme_picker_offers_the_apps_themes_first() -> None:
    names = [
        "textual-dark",
        "nord",
        "searchkeeper-light",
        "mine",
        "searchkeeper-contrast",
        "searchkeeper-dark",
    ]
    ordered = app_themes_first(names, list(AppThemes.own))
    assert ordered[:3] == ["searchkeeper-dark", "searchkeeper-light", "searchkeeper-contrast"]
    assert ordered[3:] == ["mine", "nord", "textual-dark"]
