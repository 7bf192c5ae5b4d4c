"""A data folder's write lock, kept beside its index: outside the folder, so it is never synced.

The lock file is ``lock`` in the data folder's own cache folder (``index.folder_of``):
``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows, both released when the holder
exits, however it exits. When that folder cannot be made (a read-only home), the lock
is ``searchkeeper-<key>.lock`` in the system's temporary folder, under the same key;
when even that cannot be opened, ``SaveError`` says so and nothing is written.

Every writer of one data folder must find the same file: two processes that see
different cache roots (``$SEARCHKEEPER_CACHE_DIR``) do not exclude each other.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager

from searchkeeper.storage.index import folder_of, key_of
from searchkeeper.storage.yamlfile import SaveError

LOCK_NAME = "lock"
_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


@contextmanager
def locked(data_dir: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the data folder's write lock, waiting for it as long as another process holds it."""
    descriptor = _open(data_dir)
    try:
        _lock(descriptor)
        try:
            yield
        finally:
            _unlock(descriptor)
    finally:
        os.close(descriptor)


def lock_path(data_dir: str | os.PathLike[str]) -> str:
    return os.path.join(folder_of(data_dir), LOCK_NAME)


def _open(data_dir: str | os.PathLike[str]) -> int:
    path = lock_path(data_dir)
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        return os.open(path, _FLAGS, 0o600)
    except OSError as error:
        first = error
    import tempfile

    try:
        return os.open(
            os.path.join(tempfile.gettempdir(), f"searchkeeper-{key_of(data_dir)}.lock"), _FLAGS, 0o600
        )
    except OSError:
        reason = first.strerror or str(first)
        raise SaveError(path, f"cannot take the lock: {reason}", first.errno) from None


if os.name == "nt":  # pragma: no cover - Windows
    import msvcrt

    def _lock(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        while True:  # LK_LOCK tries for ten seconds, then gives up: keep waiting
            try:
                msvcrt.locking(descriptor, msvcrt.LK_LOCK, 1)
                return
            except OSError as error:
                if error.errno not in (errno.EDEADLOCK, errno.EACCES):
                    raise

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_EX)

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
