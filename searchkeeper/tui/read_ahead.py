"""The dashboard's first look at the disk, made by a child process while the app's code loads.

Opening the dashboard spends its first moments importing Textual, on one core. A child
forked before that does the rest on another core: it opens the workspace (the config and
the practices, unless the launcher opened it already), loads the theme files, reads the
journal (from the index, or every week file on the first run after an install) and scores
it as the board would. It hands each over through a pipe as it is done, so the app's own
process never parses a YAML file before its first screen. Where there is no fork (Windows),
or anything at all goes wrong, the app does each of these itself, as it always could: this
only makes them early.

Each message on the pipe is its length (8 bytes) and then a pickle: first an ``Opening``
(or the ``SearchkeeperError`` that opening the workspace raised), then the ``Read``.

The child writes nothing but what reading writes anyway (the derived index, in the cache
folder, with the status line a shell prompt shows), and that only after it has sent its read; it ends with ``os._exit``: no output, no
handlers of the parent's run in it.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import sys
import time
from dataclasses import dataclass

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from searchkeeper.core.errors import FileProblem
    from searchkeeper.storage.theme_files import ThemeText
    from searchkeeper.storage.workspace import Workspace
    from searchkeeper.tui.board import Read

STALL = 10.0
"""Seconds the app waits for a child that has begun to send and then stops: then it does the work itself."""
OPEN_WAIT = 5.0
"""Seconds the app waits for the child's ``Opening`` before it opens the workspace itself."""
_LENGTH = 8
LARGEST = 1 << 28
"""No message is larger (ten years of history pickle to under 1 MiB): a length beyond is not one."""


@dataclass
class Opening:
    """What the app needs before its first screen: the workspace (when the child opened it) and
    the theme files, read (``theme_files.app_theme_files``; the app makes Textual's themes of them)."""

    space: Workspace | None
    theme_files: list[ThemeText | FileProblem]


class ReadAhead:
    """A child process opening and reading the disk for the app (``start``); each part is taken once."""

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid: int | None = pid
        self.pipe = pipe
        self.finished = False
        self.sent = False
        """The whole read arrived: the child may still be saving the index it made."""
        self._opening: Opening | None = None
        self._opened = False
        self._buffer: bytearray | None = None
        self._got = 0

    @classmethod
    def start(cls, space: Workspace | None = None) -> ReadAhead | None:
        """Fork a child that opens the workspace (unless ``space`` is given), loads the themes and
        reads as ``Board.read`` and ``Board.accept`` do; None where there is no fork or it fails."""
        if not hasattr(os, "fork"):
            return None
        try:
            pipe, into = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(pipe)
            os.close(into)
            return None
        if pid == 0:  # the child
            os.close(pipe)
            _send(space, into)  # never returns
        os.close(into)
        return cls(pid, pipe)

    def opening(self, wait: float = OPEN_WAIT) -> Opening | None:
        """The child's ``Opening``, waiting for it at most ``wait`` seconds; None (and the child
        ended) if it fails or is late. The ``SearchkeeperError`` it met opening the workspace (a
        broken config, say) is raised here, as opening it in this process would raise it."""
        if not self._opened:
            found = self._message(wait)
            self._opened_with(None if found is _NOT_YET else found)
            if isinstance(found, BaseException):
                raise found
        return self._opening

    def _opened_with(self, found: object) -> None:
        self._opened = True
        if isinstance(found, Opening):
            self._opening = found
        else:  # failed, late, or could not open: the app does everything itself
            self.close(wait=0.0)

    def take(self, wait: float | None = None) -> tuple[bool, Read | None]:
        """``(finished, read)``: the child's read, waiting at most ``wait`` seconds for it to
        begin arriving (None: as long as it takes). Not finished yet: ``(False, None)``; finished
        with no read (the child failed, or what it sent does not load): ``(True, None)``."""
        deadline = None if wait is None else time.monotonic() + wait
        if not self._opened:  # the opening comes first on the pipe
            found = self._message(wait)
            if found is _NOT_YET:
                return False, None
            self._opened_with(found)
        if self.finished:
            return True, None
        found = self._message(None if deadline is None else max(0.0, deadline - time.monotonic()))
        if found is _NOT_YET:
            return False, None
        self.sent = found is not None
        self.finished = True
        os.close(self.pipe)
        return True, found if found is not None and not isinstance(found, BaseException) else None

    def _message(self, wait: float | None) -> object:
        """The next message, waiting at most ``wait`` seconds for it to begin (None: without end);
        ``_NOT_YET`` if it has not; None if the pipe ends or stalls first, or it does not load."""
        if self.finished:
            return None
        deadline = None if wait is None else time.monotonic() + wait
        length = self._fill(_LENGTH, deadline)
        if length is _NOT_YET:
            return _NOT_YET
        if length is None:
            return None
        size = int.from_bytes(length, "big")
        if size > LARGEST:  # not a length the child wrote
            return None
        body = self._fill(size, None)
        if not isinstance(body, bytearray):
            return None
        try:
            return pickle.loads(body)
        except Exception:  # a child that died halfway
            return None

    def _fill(self, size: int, deadline: float | None) -> bytearray | object | None:
        """``size`` bytes from the pipe, into one buffer made at that size; ``_NOT_YET`` when the
        first byte has not come by ``deadline``; None if the pipe ends or stalls halfway."""
        if self._buffer is None:
            self._buffer, self._got = bytearray(size), 0
        buffer, view = self._buffer, memoryview(self._buffer)
        try:
            while self._got < size:
                left = STALL if deadline is None or self._got else max(0.0, deadline - time.monotonic())
                ready, _, _ = select.select([self.pipe], [], [], left)
                if not ready:
                    if deadline is not None and not self._got:
                        return _NOT_YET
                    return None  # begun and stalled
                count = os.readv(self.pipe, [view[self._got :]])
                if not count:
                    return None
                self._got += count
        finally:
            view.release()
        self._buffer = None
        return buffer

    def close(self, wait: float = 2.0) -> None:
        """Let the child go: one that sent its read is given ``wait`` seconds to save the index
        it made; one that did not is ended now."""
        if not self.finished:
            self.finished = True
            os.close(self.pipe)
        if self.pid is None:
            return
        pid, self.pid = self.pid, None
        deadline = time.monotonic() + (wait if self.sent else 0.0)
        try:
            while not os.waitpid(pid, os.WNOHANG)[0]:
                if time.monotonic() >= deadline:
                    os.kill(pid, 9)
                    os.waitpid(pid, 0)
                    return
                time.sleep(0.01)
        except OSError:
            pass


_NOT_YET = object()


def _put(into: int, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(_LENGTH, "big") + data)
    while view:
        view = view[os.write(into, view) :]


def _send(space: Workspace | None, into: int) -> None:
    code = 1
    gc.disable()  # a short-lived reader, like a command: its objects are handed on whole
    try:
        quiet = os.open(os.devnull, os.O_WRONLY)  # nothing it says reaches the terminal
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        sys.stdout = sys.stderr = open(quiet, "w", closefd=False)  # noqa: SIM115 (until os._exit)
        from searchkeeper.core.errors import SearchkeeperError
        from searchkeeper.storage import index
        from searchkeeper.storage.workspace import Workspace

        opened = space is None
        if space is None:
            try:
                space = Workspace.open()
            except SearchkeeperError as error:  # the app says it, as if it had opened it
                _put(into, error)
                os._exit(0)
        from searchkeeper.storage.theme_files import app_theme_files

        _put(into, Opening(space if opened else None, app_theme_files(space.config_dir)))
        from searchkeeper.tui.board import Board

        index.hold_saves(space.data_dir)  # the index is made after the read is sent
        index.defer_encoding(space.data_dir)
        board = Board(space)
        read = board.read()
        board.accept(read)
        read.history, read.summary, read.today = board.history, board.summary, space.today
        read.line_kept = True
        _put(into, read)
        os.close(into)
        board.keep_status_line(last=True)  # the line for a shell prompt, and the index it is in
        code = 0
    except BaseException:  # an interrupt too: the app does the rest itself
        pass
    finally:
        os._exit(code)
