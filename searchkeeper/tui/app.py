"""Placeholder until the dashboard lands."""

from searchkeeper.core.weeks import Week
from searchkeeper.core.workspace import Workspace


def run_dashboard(space: Workspace, screen: str | None = None, week: Week | None = None) -> int:
    print("the dashboard is not built yet")
    return 1
