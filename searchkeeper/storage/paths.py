"""Where the user's files live, and where what searchkeeper derives from them goes (the cache
root, never inside the data folder): flags first, then the environment, then platformdirs.
And the temporary files every save writes beside its target: one name, one age rule.
"""

from __future__ import annotations

import errno
import os
import time

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
TEMP_PREFIX = ".tmp-"
"""A temporary file is ``.tmp-<12 hex digits>.yaml``, whatever it is about to become."""
STRAY_AGE = 60.0
"""Seconds after which a temporary file is taken to be left by a killed process."""
PRIVATE_FILE = 0o600
"""A new file of the user's is theirs alone: partners.yaml holds notes about real people."""
PRIVATE_FOLDER = 0o700
"""And so is a new folder (the data folder, ``journal/``, a year, ``backups/``)."""


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


def make_folder(folder: str | os.PathLike[str]) -> None:
    """Create ``folder`` and the folders missing above it, each ``PRIVATE_FOLDER`` (``mkdir -p``
    would give the ones above the default mode); folders already there are left as they are."""
    missing = []
    current = os.path.abspath(folder)
    while not os.path.isdir(current) and os.path.dirname(current) != current:
        missing.append(current)
        current = os.path.dirname(current)
    for path in reversed(missing):
        try:
            os.mkdir(path, PRIVATE_FOLDER)
        except FileExistsError:
            if not os.path.isdir(path):
                raise


def temporary_name(folder: str | os.PathLike[str]) -> str:
    """A new name for a temporary file in ``folder`` (``create_temporary`` opens one)."""
    return os.path.join(folder, f"{TEMP_PREFIX}{os.urandom(6).hex()}.yaml")


def create_temporary(folder: str | os.PathLike[str]) -> tuple[int, str]:
    """A new empty file in ``folder``, open for writing, that only its owner may read: ``(fd, path)``.

    ``tempfile.mkstemp``, without importing tempfile (and shutil, random, bz2 and lzma
    with it) for every save from a shell.
    """
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL
    for name in ("O_NOFOLLOW", "O_CLOEXEC", "O_BINARY"):
        flags |= getattr(os, name, 0)
    for _ in range(100):
        temporary = temporary_name(folder)
        try:
            return os.open(temporary, flags, PRIVATE_FILE), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", str(folder))


def remove_stray_temporaries(folder: str | os.PathLike[str]) -> list[Path]:
    """Delete temporary files a killed writer left in ``folder``; return what was removed. Only
    those ``STRAY_AGE`` old: a younger one may belong to a save running in another process.
    Every writer calls it on the folder it has just written in."""
    from pathlib import Path

    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        try:
            if (
                entry.name.startswith(TEMP_PREFIX)
                and entry.name.endswith(".yaml")
                and entry.is_file(follow_symlinks=False)
                and now - entry.stat(follow_symlinks=False).st_mtime >= STRAY_AGE
            ):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed
