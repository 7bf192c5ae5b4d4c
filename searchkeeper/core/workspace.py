"""One user's searchkeeper: where the files are, the settings, the journal, and today."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from searchkeeper.core import paths
from searchkeeper.core.config import Settings, load_settings
from searchkeeper.core.errors import SearchkeeperError
from searchkeeper.core.scoring import Summary, summarise
from searchkeeper.core.store import History, Journal
from searchkeeper.core.weeks import Week

TODAY_ENV = paths.TODAY_ENV


def today() -> date:
    """The user's local date; ``$SEARCHKEEPER_TODAY`` (YYYY-MM-DD) pins it for demos and tests."""
    pinned = os.environ.get(TODAY_ENV)
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise SearchkeeperError(f"{TODAY_ENV}={pinned!r} is not a date like 2026-11-27") from None
    return date.today()


@dataclass
class Workspace:
    """The data and config directories with what was read from them."""

    data_dir: Path
    config_dir: Path
    settings: Settings
    journal: Journal
    today: date

    @classmethod
    def open(
        cls,
        data_dir: str | Path | None = None,
        config_dir: str | Path | None = None,
        on: date | None = None,
    ) -> Workspace:
        """Resolve the directories and read the config (raises ``ConfigError`` if it is bad)."""
        data = paths.data_dir(data_dir)
        config = paths.config_dir(config_dir)
        for folder in (data, config):
            if folder.exists() and not folder.is_dir():
                raise SearchkeeperError(f"{folder}: is a file, not a folder")
        settings = load_settings(config)
        journal = Journal(data, settings.catalogue.ids)
        return cls(data, config, settings, journal, on or today())

    @property
    def this_week(self) -> Week:
        return Week.of(self.today)

    def week(self, given: str | None) -> Week:
        """A week from the user's words: None or ``this``, ``last``, ``next``, or a key."""
        if given in (None, "", "this", "current"):
            return self.this_week
        if given in ("last", "previous", "prev"):
            return self.this_week.previous()
        if given == "next":
            return self.this_week.next()
        try:
            return Week.parse(given or "")
        except ValueError as error:
            raise SearchkeeperError(f"{error} (or this, last, next)") from None

    def history(self) -> History:
        """Every week on disk, plus the automatic monthly tick from ``partners.yaml`` (in memory only)."""
        from searchkeeper.core.cache import load_history  # JSON and all: only when a history is read

        history = load_history(self.journal)  # unchanged files come from the summary cache
        if not os.path.exists(self.data_dir / paths.PARTNERS_NAME):
            return history  # no partners, no automatic tick (and none of that code to load)
        from searchkeeper.core.key_partners import history_with_partners

        return history_with_partners(history, self.data_dir, self.settings.catalogue, self.this_week)

    def summary(self, history: History | None = None) -> Summary:
        """The scores of ``history`` (read now if not given); its broken weeks count as unknown."""
        history = history or self.history()
        return summarise(
            history.records,
            self.settings.catalogue,
            self.this_week,
            self.settings.threshold,
            history.broken_weeks,
        )
