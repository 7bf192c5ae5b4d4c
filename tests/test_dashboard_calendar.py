"""The dashboard and the calendar: an open dashboard follows the date past midnight, Monday's audit
goes to last week while it is open, a past week shows its own streaks, and the intention written
at an audit is shown during the week it is for."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from conftest import read_yaml, settle
from rich.console import Console

from searchkeeper.core.weeks import Week
from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui.app import WATCH_SECONDS, SearchkeeperApp
from searchkeeper.tui.screens.audit import AuditScreen
from searchkeeper.tui.screens.week import WeekScreen
from searchkeeper.tui.widgets.practice_row import PracticeRow
from searchkeeper.tui.widgets.week_header import WeekHeader

W = Week.parse
SUNDAY, MONDAY = date(2026, 11, 29), date(2026, 11, 30)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


def header(app: SearchkeeperApp) -> str:
    widget = app.screen.query_one(WeekHeader)
    console = Console(width=120, file=io.StringIO(), record=True)
    console.print(widget.render())
    return console.export_text()


def row(app: SearchkeeperApp, practice_id: str) -> PracticeRow:
    return app.screen.query_one(f"#practice-{practice_id}", PracticeRow)


async def a_watcher_tick(pilot) -> None:
    await pilot.pause(WATCH_SECONDS * 1.5)
    await settle(pilot)


def done(day: str) -> str:
    return f"practices:\n  reconnect:\n    state: done\n    date: {day}\n"


def write_week(space: Workspace, key: str, text: str) -> Path:
    path = space.journal.path_for(W(key))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"format: 1\nweek: {key}\n{text}", encoding="utf-8")
    return path


# (1) the calendar moves under an open dashboard ------------------------------------


async def test_past_midnight_the_dashboard_moves_to_the_new_week_and_dates_ticks_today(
    data_dir, config_dir
) -> None:
    clock = Clock(SUNDAY)
    space = Workspace.open(data_dir, config_dir, clock=clock)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert "2026-W48" in header(app) and "last day" in header(app)
        clock.day = MONDAY
        await a_watcher_tick(pilot)
        screen = app.screen
        assert isinstance(screen, WeekScreen) and screen.week == W("2026-W49")
        assert "2026-W49" in header(app) and "7 days left" in header(app)
        assert app.focused is row(app, "marketing-plan")
        await pilot.press("space")
    entry = read_yaml(space.journal.path_for(W("2026-W49")))["practices"]["marketing-plan"]
    assert entry == {"state": "done", "date": MONDAY}
    assert not space.journal.path_for(W("2026-W48")).exists()


async def test_a_past_week_on_screen_stays_and_t_goes_to_the_new_this_week(data_dir, config_dir) -> None:
    clock = Clock(SUNDAY)
    space = Workspace.open(data_dir, config_dir, clock=clock)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")
        assert app.screen.week == W("2026-W47")
        clock.day = MONDAY
        await a_watcher_tick(pilot)
        assert app.screen.week == W("2026-W47")  # looking back: left where it is
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert app.screen.week == W("2026-W49")  # ] now reaches the new week
        await pilot.press("left_square_bracket", "left_square_bracket", "t")
        assert app.screen.week == W("2026-W49")


async def test_the_header_follows_the_days_and_the_audit_day(data_dir, config_dir) -> None:
    clock = Clock(date(2026, 11, 26))  # Thursday
    space = Workspace.open(data_dir, config_dir, clock=clock)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert "4 days left" in header(app) and "audit Fri" in header(app)
        clock.day = date(2026, 11, 27)
        await a_watcher_tick(pilot)
        assert "3 days left" in header(app) and "audit day" in header(app)


def test_a_workspace_opened_on_a_day_stays_on_it(data_dir, config_dir, monkeypatch) -> None:
    monkeypatch.setenv("SEARCHKEEPER_TODAY", "2026-12-02")
    space = Workspace.open(data_dir, config_dir, on=MONDAY)
    assert not space.follow_clock() and space.today == MONDAY
    pinned = Workspace.open(data_dir, config_dir)  # the real clock: $SEARCHKEEPER_TODAY when set
    assert pinned.today == date(2026, 12, 2)
    monkeypatch.setenv("SEARCHKEEPER_TODAY", "2026-12-03")
    assert pinned.follow_clock() and pinned.this_week == W("2026-W49") and pinned.today.day == 3


# (5) last week's audit, while it is open ------------------------------------------


@pytest.mark.parametrize(
    ("today", "earlier", "last"),
    [("2026-11-30", "2026-W47", "2026-W48"), ("2027-01-05", "2026-W52", "2026-W53")],
)
def test_status_names_last_week_open_even_without_a_file(cli, monkeypatch, today, earlier, last) -> None:
    monkeypatch.setenv("SEARCHKEEPER_TODAY", today)
    result = cli("tick", "reconnect", "--week", earlier)  # the week before last; none in last week
    assert result.code == 0, result.err
    status = cli("status")
    assert "last week still open to audit" in status.out
    due = cli("due")
    assert f"Last week ({last}) is still open to audit" in due.out


def test_no_nudge_before_the_journal_began_nor_after_tuesday(cli, monkeypatch) -> None:
    monkeypatch.setenv("SEARCHKEEPER_TODAY", "2026-11-30")
    assert cli("tick", "reconnect").code == 0  # the first week is this one
    assert "still open" not in cli("status").out
    monkeypatch.setenv("SEARCHKEEPER_TODAY", "2026-12-02")  # Wednesday
    assert cli("tick", "reconnect", "--week", "2026-W47").code == 0
    assert "still open" not in cli("status").out


@pytest.mark.parametrize(("key", "day"), [("2026-W47", "2026-11-20"), ("2026-W48", "2026-11-27")])
async def test_a_on_monday_opens_last_weeks_audit_and_shift_a_this_weeks(
    data_dir, config_dir, key, day
) -> None:
    write_week(Workspace.open(data_dir, config_dir, on=MONDAY), key, done(day))  # W47: W48 has no file
    space = Workspace.open(data_dir, config_dir, on=MONDAY)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert "last week still open to audit" in header(app)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen) and app.screen.week == W("2026-W48")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen) and app.screen.week == W("2026-W49")


async def test_a_opens_this_weeks_audit_once_last_week_is_audited(data_dir, config_dir) -> None:
    space = Workspace.open(data_dir, config_dir, on=MONDAY)
    write_week(space, "2026-W48", done("2026-11-27") + "audit:\n  completed: 2026-11-27T17:00:00\n")
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen) and app.screen.week == W("2026-W49")


# (6) each week's own streak ----------------------------------------------------------


async def test_a_past_week_shows_its_own_streak(space, cli) -> None:
    assert cli("tick", "reconnect", "--week", "2026-W47").code == 0
    assert cli("tick", "reconnect").code == 0  # 2026-W48, this week: a streak of 2
    assert cli("tick", "give-value", "--week", "2026-W47").code == 0  # missed in W48, still going
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert row(app, "reconnect").view.streak_label == "streak 2 wk"
        await pilot.press("left_square_bracket")
        assert app.screen.week == W("2026-W47")
        assert row(app, "reconnect").view.streak_label == "streak 1 wk"
        await pilot.press("left_square_bracket")
        assert row(app, "reconnect").view.streak_label == ""  # W46: before the journal began
        assert row(app, "give-value").view.streak_label == ""


# (8) the intention for the week -------------------------------------------------------


async def test_last_weeks_intention_is_shown_during_the_week_it_is_for(data_dir, config_dir) -> None:
    space = Workspace.open(data_dir, config_dir, on=MONDAY)
    write_week(
        space,
        "2026-W48",
        done("2026-11-27") + "audit:\n  completed: 2026-11-27T17:00:00\n"
        "  intention: Two coffees with former clients\n",
    )
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        line = app.screen.query_one("#intention")
        assert line.display
        assert str(line.render()) == "This week's intention: Two coffees with former clients"
        await pilot.press("left_square_bracket")  # 2026-W48: no intention was written for it
        assert not app.screen.query_one("#intention").display
