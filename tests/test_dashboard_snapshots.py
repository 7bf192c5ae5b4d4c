"""Snapshots of the dashboard on a fixed year of history and a fixed today.

Update with ``pytest tests/test_dashboard_snapshots.py --snapshot-update`` and look at
the SVGs in ``tests/__snapshots__/`` before committing them.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from snapshot_apps.fixed_history import TODAY, fixed_app
from textual.worker import WorkerCancelled

THEMES = ["searchkeeper-dark", "searchkeeper-light", "searchkeeper-contrast"]


async def history_read(pilot) -> None:
    for _ in range(3):
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
            break
    await pilot.pause()


def test_week_screen_at_80x24(snap_compare, tmp_path: Path) -> None:
    """The header, the panes, and in sight without a key: the scorecard line and the momentum strip."""
    assert snap_compare(fixed_app(tmp_path), terminal_size=(80, 24), run_before=history_read)


def test_first_run_at_80x24(snap_compare, tmp_path: Path) -> None:
    """A first run: the short greeting, the panes, the scorecard and a strip of one week."""
    from searchkeeper.storage.workspace import Workspace
    from searchkeeper.tui.app import SearchkeeperApp

    space = Workspace.open(tmp_path / "data", tmp_path / "config", on=TODAY)
    assert snap_compare(SearchkeeperApp(space), terminal_size=(80, 24), run_before=history_read)


def test_week_screen_at_100x32(snap_compare, tmp_path: Path) -> None:
    """The panes one above the other; the full chart below them, a PageDown away."""
    assert snap_compare(fixed_app(tmp_path), terminal_size=(100, 32), run_before=history_read)


def test_chart_screen_at_80x24(snap_compare, tmp_path: Path) -> None:
    """52 weeks at 80 columns: the grid shows the latest weeks that fit, unwrapped."""

    async def open_chart(pilot) -> None:
        await history_read(pilot)
        await pilot.press("c", "3")
        await pilot.pause()

    assert snap_compare(fixed_app(tmp_path), terminal_size=(80, 24), run_before=open_chart)


@pytest.mark.parametrize("theme", THEMES)
def test_week_screen_at_120x40(snap_compare, tmp_path: Path, theme: str) -> None:
    assert snap_compare(fixed_app(tmp_path, theme), terminal_size=(120, 40), run_before=history_read)


def test_chart_screen_at_100x32(snap_compare, tmp_path: Path) -> None:
    async def open_chart(pilot) -> None:
        await history_read(pilot)
        await pilot.press("c", "2")
        await pilot.pause()

    assert snap_compare(fixed_app(tmp_path), terminal_size=(100, 32), run_before=open_chart)
