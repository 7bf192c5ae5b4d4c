"""The audit from the dashboard: ``a`` on the week screen, the palette, and ``screen="audit"``."""

from __future__ import annotations

from datetime import date

from audit_history import W
from conftest import read_yaml

from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui.app import SearchkeeperApp
from searchkeeper.tui.screens.audit import AuditScreen
from searchkeeper.tui.screens.week import WeekScreen


async def test_a_opens_the_audit_and_a_finished_audit_returns_to_the_week(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WeekScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen) and app.screen.week == W("2026-W48")
        await pilot.press("a")  # not a Three Questions answer yet, and it does not close the audit
        assert isinstance(app.screen, AuditScreen)
        await pilot.press(*"yyyyyyyyyyyyy", "a", "enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WeekScreen)
    audit = read_yaml(space.journal.path_for(W("2026-W48")))["audit"]
    assert audit["answer"] == "adapt" and audit["completed"].date() == date(2026, 11, 27)


async def test_the_dashboard_opens_on_last_weeks_audit(data_dir, config_dir) -> None:
    monday = Workspace.open(data_dir, config_dir, on=date(2026, 11, 30))
    app = SearchkeeperApp(monday, screen="audit", week=monday.week("last"))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen) and app.screen.week == W("2026-W48")
        await pilot.press("y", "escape")
        await pilot.pause()
        assert isinstance(app.screen, WeekScreen)
    data = read_yaml(monday.journal.path_for(W("2026-W48")))
    assert data["practices"]["marketing-plan"]["date"] == date(2026, 11, 27)


async def test_the_audit_is_in_the_command_palette(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Audit" in titles
