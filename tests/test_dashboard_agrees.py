"""The dashboard says what the command line says: the audit state, the weeks standing practices
carry from, the sync conflict copies waiting, and the chart follows changes made in a shell."""

from __future__ import annotations

import contextlib
import io
from datetime import date

import pytest
from conftest import read_yaml, shell
from rich.console import Console
from textual.worker import WorkerCancelled

from searchkeeper.core.weeks import Week
from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui.app import SearchkeeperApp
from searchkeeper.tui.widgets.practice_row import PracticeRow
from searchkeeper.tui.widgets.week_header import WeekHeader

MONDAY = date(2026, 11, 23)  # 2026-W48, early in the week: last week's open audit is mentioned


def W(key: str) -> Week:
    return Week.parse(key)


async def settle(pilot) -> None:
    for _ in range(3):  # a cancelled poll was replaced by a newer one: wait for that too
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
            break
    await pilot.pause()


def lines_of(widget) -> list[str]:
    """A widget's content as the user reads it, at its own width."""
    console = Console(width=widget.content_size.width, file=io.StringIO(), record=True)
    console.print(widget.render())
    return console.export_text().rstrip("\n").splitlines()


def header_lines(app: SearchkeeperApp) -> list[str]:
    return lines_of(app.screen.query_one(WeekHeader))


def status_audit(space: Workspace, *argv: str) -> str:
    """The audit part of the status line a command prints (the part after the momentum)."""
    line = shell(space, *argv).strip().splitlines()[-1]
    return line.split(" · momentum ", 1)[1].split(" · ", 1)[1]


# the audit state -----------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_header_says_what_status_says_and_fits_on_one_line(space, monkeypatch, size) -> None:
    monkeypatch.setenv("SEARCHKEEPER_TODAY", MONDAY.isoformat())
    shell(space, "tick", "reconnect", "--week", "2026-W47")  # last week has entries and no audit
    said = status_audit(space, "status")
    assert said == "audit Fri · last week still open to audit"
    app = SearchkeeperApp(Workspace.open(space.data_dir, space.config_dir, on=MONDAY))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lines = header_lines(app)
        assert len(lines) == 1 and lines[0].endswith(said), lines
        await pilot.press("left_square_bracket")  # last week: the same words as `tick --week`
        assert header_lines(app)[0].endswith(status_audit(space, "tick", "give-value", "--week", "2026-W47"))
        assert "open to audit" in header_lines(app)[0]


async def test_the_header_follows_the_audit_answers_like_status(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert header_lines(app)[0].endswith(status_audit(space, "status"))
        assert "audit day: time to look back" in header_lines(app)[0]
        await pilot.press("a")  # the audit: answer the first practice, then leave
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        said = status_audit(space, "status")
        assert said.startswith("audit under way (1 of")
        assert header_lines(app)[0].endswith(said)


# standing practices carried over from another year ------------------------------------------


def row(app: SearchkeeperApp, practice_id: str) -> PracticeRow:
    return app.screen.query_one(f"#practice-{practice_id}", PracticeRow)


async def test_a_standing_practice_carried_from_another_year_names_the_year(space) -> None:
    space.journal.update(W("2025-W49"), lambda r: r.tick("local-number", date(2025, 12, 3)))
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert row(app, "local-number").view.status == "standing · carried from 2025-W49"
        assert "carried from 2025-W49" in " ".join(lines_of(row(app, "local-number")))
        for _ in range(48):  # back to 2025-W52: the same year, the week number is enough
            await pilot.press("left_square_bracket")
        assert app.screen.week == W("2025-W52")
        assert row(app, "local-number").view.status == "standing · carried from W49"


# sync conflict copies ------------------------------------------------------------------------

COPY_NAME = "2026-W47.sync-conflict-20261120-101010-ABCDEFG.yaml"


def warning_text(app: SearchkeeperApp) -> str:
    warning = app.screen.query_one("#warning")
    return " ".join(lines_of(warning)) if warning.display else ""


async def test_the_dashboard_warns_of_conflict_copies_and_the_palette_merges_them(space) -> None:
    week_file = space.journal.path_for(W("2026-W47"))
    space.journal.update(W("2026-W47"), lambda r: r.tick("reconnect", date(2026, 11, 18)))
    theirs = week_file.read_text().replace("reconnect", "give-value")
    copy_path = week_file.parent / COPY_NAME
    copy_path.write_text(theirs)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert "1 sync conflict copy — run `searchkeeper check --merge`" in warning_text(app)
        await pilot.press("ctrl+p")
        await pilot.press(*"merge conflict")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert not copy_path.exists()
        assert (space.data_dir / "backups" / "conflicts" / "2026" / COPY_NAME).read_text() == theirs
        practices = read_yaml(week_file)["practices"]
        assert practices["reconnect"]["state"] == practices["give-value"]["state"] == "done"
        said = [n.message for n in app._notifications]
        assert any("Merged 1 copy" in m and "give-value: done" in m for m in said), said
        assert warning_text(app) == ""
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Merge conflict copies" not in titles  # nothing left to merge


async def test_a_conflict_copy_that_arrives_while_the_dashboard_is_open_is_noticed(space) -> None:
    week_file = space.journal.path_for(W("2026-W47"))
    space.journal.update(W("2026-W47"), lambda r: r.tick("reconnect", date(2026, 11, 18)))
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert warning_text(app) == ""
        (week_file.parent / COPY_NAME).write_text(week_file.read_text())
        app.look_at_disk()  # what the once-a-second poll does
        await settle(pilot)
        assert "1 sync conflict copy" in warning_text(app)


# the chart follows the journal ------------------------------------------------------------


async def test_the_chart_follows_ticks_made_in_a_shell_while_it_is_open(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        scorecard = app.screen.query_one("#chart-scorecard")
        assert "This week 0/" in lines_of(scorecard)[0]
        shell(space, "tick", "reconnect")  # another process, while the chart is open
        shell(space, "tick", "give-value")
        for _ in range(100):  # the week screen's poll notices, the chart redraws (no key pressed)
            if "This week 2/" in lines_of(scorecard)[0]:
                break
            await pilot.pause(0.05)
        assert "This week 2/" in lines_of(scorecard)[0]
        grid = "\n".join(lines_of(app.screen.query_one("#practice-grid")))
        reconnect = next(line for line in grid.splitlines() if line.startswith("Reconnect"))
        assert "●" in reconnect and "1/1" in reconnect
