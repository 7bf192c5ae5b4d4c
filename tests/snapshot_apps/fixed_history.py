"""A dashboard on a fixed year of history and a fixed today, for snapshots and screenshots.

Nothing on screen depends on the temporary folder or the clock: today is pinned
and the sample history is drawn from a seeded generator.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from searchkeeper.core.weeks import Week
from searchkeeper.storage.sample import write_sample_history
from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui.app import SearchkeeperApp

TODAY = date(2026, 11, 27)


def fixed_workspace(folder: Path, today: date = TODAY) -> Workspace:
    space = Workspace.open(folder / "data", folder / "config", on=today)
    last = Week.of(today)
    write_sample_history(space.journal, space.settings.catalogue, last, weeks=52, seed=7)
    # a week in progress that reads well: a few ticks, a note, an excuse
    space.journal.update(
        last,
        lambda record: record.tick("marketing-plan", date(2026, 11, 24), "Walked Priya through the plan"),
    )
    space.journal.update(last, lambda record: record.tick("reconnect", date(2026, 11, 25)))
    space.journal.update(last, lambda record: record.tick("give-value", date(2026, 11, 26)))
    space.journal.update(
        last,
        lambda record: record.tick("out-of-industry-event", date(2026, 11, 26), "Climate founders night"),
    )

    def excused(record) -> None:  # the sample may have it done: an excuse needs it open first
        record.clear("recorded-answers")
        record.excuse("recorded-answers", "Hoarse all week")

    space.journal.update(last, excused)
    space.journal.update(last, lambda record: record.tick("lead-with-mission", date(2026, 11, 27)))
    space.journal.update(last, lambda record: record.tick("asked-feedback", date(2026, 11, 27)))
    return space


def fixed_app(folder: Path, theme: str | None = None) -> SearchkeeperApp:
    app = SearchkeeperApp(fixed_workspace(folder))
    if theme is not None:
        app.theme = theme
    return app
