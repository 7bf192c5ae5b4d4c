"""A data folder's write lock, kept beside its index: outside the folder, so it is never synced.

The lock file is ``lock`` in the data folder's own cache folder (``index.folder_of``):
``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows, both released when the holder
exits, however it exits. When that folder cannot be made (a read-only home), the lock
is ``searchkeeper-<key>.lock`` in the system's temporary folder, under the same key;
when even that cannot be opened, ``SaveError`` names the file being saved and nothing
is written.

The holder writes its pid and command line into the file. A writer that finds the lock
held waits ``WAIT`` seconds (``$SEARCHKEEPER_LOCK_WAIT``) for it, or as long as it says (the
dashboard: a moment, never a frozen screen), then gives up with ``SaveError`` saying who
holds it: nothing is written, and the change can be made again.

Every writer of one data folder must find the same file: two processes that see
different cache roots (``$SEARCHKEEPER_CACHE_DIR``) do not exclude each other.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from searchkeeper.storage.index import folder_of, key_of
from searchkeeper.storage.yamlfile import SaveError

LOCK_NAME = "lock"
WAIT = 5.0
"""Seconds a writer waits for a lock another process holds."""
WAIT_ENV = "SEARCHKEEPER_LOCK_WAIT"
"""Seconds to wait instead of ``WAIT`` (tests)."""
_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
_HOLDER_BYTES = 200
"""The most read, or written, of what the holder says of itself."""


@contextmanager
def locked(
    data_dir: str | os.PathLike[str], saving: str | os.PathLike[str] | None = None, wait: float | None = None
) -> Iterator[None]:
    """Hold the data folder's write lock to save ``saving`` (the file named when it cannot be
    taken), waiting ``wait`` seconds at most (None: ``WAIT``) while another process holds it."""
    saving = os.fspath(saving) if saving is not None else lock_path(data_dir)
    descriptor = _open(data_dir, saving)
    try:
        _wait_for(descriptor, saving, wait)
        try:
            _claim(descriptor)
            yield
        finally:
            _unlock(descriptor)
    finally:
        os.close(descriptor)


def lock_path(data_dir: str | os.PathLike[str]) -> str:
    return os.path.join(folder_of(data_dir), LOCK_NAME)


def _open(data_dir: str | os.PathLike[str], saving: str) -> int:
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
        raise SaveError(saving, f"cannot take the write lock {path}: {reason}", first.errno) from None


def _wait_for(descriptor: int, saving: str, wait: float | None) -> None:
    if wait is None:
        try:
            wait = float(os.environ.get(WAIT_ENV) or WAIT)
        except ValueError:
            wait = WAIT
    deadline, pause = time.monotonic() + wait, 0.01
    while not _try_lock(descriptor):
        if time.monotonic() >= deadline:
            who = _holder(descriptor)
            who = f" ({who})" if who else ""
            raise SaveError(
                saving, f"another searchkeeper{who} is saving; try again in a moment", errno.EAGAIN
            )
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


def _claim(descriptor: int) -> None:
    """Say in the lock file who holds it: the pid and the command line."""
    words = " ".join(" ".join(["searchkeeper", *sys.argv[1:]]).split())
    command = words if len(words) <= 60 else words[:59] + "…"
    with suppress(OSError):  # over the last holder's line, not truncated: a truncate costs a sync
        os.lseek(descriptor, 0, os.SEEK_SET)
        os.write(descriptor, f"{os.getpid()} {command}\n".encode()[:_HOLDER_BYTES])


def _holder(descriptor: int) -> str:
    """Who holds the lock, as the holder wrote it (``pid 1234, `searchkeeper tick```); "" if unsaid."""
    try:
        os.lseek(descriptor, 0, os.SEEK_SET)
        line = os.read(descriptor, _HOLDER_BYTES).decode("utf-8", "replace").partition("\n")[0]
        pid, _, command = line.partition(" ")
        int(pid)
    except (OSError, ValueError):
        return ""
    return f"pid {pid}, `{command.strip()}`"


if os.name == "nt":  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        os.lseek(descriptor, 0, os.SEEK_SET)
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            if error.errno not in (errno.EDEADLOCK, errno.EACCES):
                raise
            return False
        return True

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
