"""The ``searchkeeper`` program: the command line, with the dashboard loaded only when it opens."""

from __future__ import annotations

import sys

from searchkeeper.cli.main import run
from searchkeeper.core.weeks import Week
from searchkeeper.core.workspace import Workspace


def open_dashboard(space: Workspace, screen: str | None = None, week: Week | None = None) -> int:
    """Open the dashboard (optionally on a named screen, such as ``audit``, and a week)."""
    from searchkeeper.tui.app import run_dashboard

    return run_dashboard(space, screen=screen, week=week)


def main() -> None:
    sys.exit(run(sys.argv[1:], dashboard=open_dashboard))
