"""Where the user's files live: flags first, then the environment, then platformdirs."""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "SEARCHKEEPER_DATA_DIR"
CONFIG_ENV = "SEARCHKEEPER_CONFIG_DIR"
APP_NAME = "searchkeeper"
PARTNERS_NAME = "partners.yaml"
"""The networking partners' file, in the data directory."""


def data_dir(given: str | Path | None = None) -> Path:
    """The data directory (journals): ``--data-dir``, ``$SEARCHKEEPER_DATA_DIR`` or the platform's."""
    if given:
        return Path(given).expanduser()
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir(given: str | Path | None = None) -> Path:
    """The config directory: ``--config-dir``, ``$SEARCHKEEPER_CONFIG_DIR`` or the platform's."""
    if given:
        return Path(given).expanduser()
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
