"""Where the user's files live, and where what searchkeeper derives from them goes (the cache
root, never inside the data folder): flags first, then the environment, then platformdirs."""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:  # the ``status`` quick path reads this module without pathlib
    from pathlib import Path

DATA_ENV = "SEARCHKEEPER_DATA_DIR"
CONFIG_ENV = "SEARCHKEEPER_CONFIG_DIR"
CACHE_ENV = "SEARCHKEEPER_CACHE_DIR"
"""Where derived files (the index, the lock) go instead of the platform's cache folder."""
TODAY_ENV = "SEARCHKEEPER_TODAY"
"""``YYYY-MM-DD`` pins today (demos, tests)."""
APP_NAME = "searchkeeper"
CONFIG_NAME = "config.yaml"
"""The settings file, in the config directory."""
JOURNAL_FOLDER = "journal"
"""The week files' folder, in the data directory."""
PARTNERS_NAME = "partners.yaml"
"""The networking partners' file, in the data directory."""


def data_dir(given: str | Path | None = None) -> Path:
    """The data directory (journals): ``--data-dir``, ``$SEARCHKEEPER_DATA_DIR`` or the platform's."""
    from pathlib import Path

    return Path(given).expanduser() if given else Path(_default_folder(DATA_ENV, "user_data_dir"))


def config_dir(given: str | Path | None = None) -> Path:
    """The config directory: ``--config-dir``, ``$SEARCHKEEPER_CONFIG_DIR`` or the platform's."""
    from pathlib import Path

    return Path(given).expanduser() if given else Path(_default_folder(CONFIG_ENV, "user_config_dir"))


def cache_root() -> str:
    """The cache root (derived files only): ``$SEARCHKEEPER_CACHE_DIR`` or the platform's."""
    return _default_folder(CACHE_ENV, "user_cache_dir")


def default_folders() -> tuple[str, str]:
    """``(data, config)`` as ``data_dir()`` and ``config_dir()`` find them with no flag, as text
    (without pathlib: for the ``status`` quick path)."""
    return _default_folder(DATA_ENV, "user_data_dir"), _default_folder(CONFIG_ENV, "user_config_dir")


def _default_folder(variable: str, kind: str) -> str:
    if os.environ.get(variable):
        return os.path.expanduser(os.environ[variable])
    import platformdirs

    return getattr(platformdirs, kind)(APP_NAME, appauthor=False)
