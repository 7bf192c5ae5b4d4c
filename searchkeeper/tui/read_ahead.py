"""The dashboard's first read of the disk, made by a child process while the app's code loads.

Opening the dashboard spends its first moments importing Textual, on one core. A child
forked before that reads the journal on another core (from the index, or every week file
on the first run after an install), scores it as the board would, and hands the board
that read through a pipe. Where there is no fork (Windows), or anything at all goes
wrong, the board reads in a thread as it always could: this only makes the read early.

The child writes nothing but what reading writes anyway (the derived index, in the cache
folder), and that only after it has sent its read; it ends with ``os._exit``: no output, no
handlers of the parent's run in it.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from searchkeeper.storage.workspace import Workspace
    from searchkeeper.tui.board import Read

CHUNK = 1 << 16
STALL = 10.0
"""Seconds the board waits for a child that has begun to send and then stops: then it reads itself."""


class ReadAhead:
    """A child process reading the disk for a board (``start``); its read is taken once."""

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid: int | None = pid
        self.pipe = pipe
        self._received = bytearray()
        self.finished = False
        self.sent = False
        """The whole read arrived: the child may still be saving the index it made."""

    @classmethod
    def start(cls, space: Workspace) -> ReadAhead | None:
        """Fork a child that reads ``space`` as ``Board.read`` and ``Board.accept`` do; None where
        there is no fork or it fails."""
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

    def take(self, wait: float | None = None) -> tuple[bool, Read | None]:
        """``(finished, read)``: the child's read, waiting at most ``wait`` seconds for it to
        arrive (None: as long as it takes). Not finished yet: ``(False, None)``; finished with no
        read (the child failed, or what it sent does not load): ``(True, None)``."""
        if self.finished:
            return True, None
        deadline = None if wait is None else time.monotonic() + wait
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self.pipe], [], [], STALL if left is None else left)
            if not ready:
                if left is None:  # begun and stalled: give up on it
                    self.close()
                    return True, None
                return False, None
            chunk = os.read(self.pipe, CHUNK)
            if not chunk:
                break
            self._received += chunk
            deadline = None  # once it is coming, take it all
        self.sent = True
        self.finished = True
        os.close(self.pipe)
        try:
            read: Read = pickle.loads(self._received)
        except Exception:  # a child that died halfway: the board reads itself
            return True, None
        finally:
            self._received = bytearray()
        return True, read

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


def _send(space: Workspace, into: int) -> None:
    code = 1
    gc.disable()  # a short-lived reader, like a command: its objects are handed on whole
    try:
        quiet = os.open(os.devnull, os.O_WRONLY)  # nothing it says reaches the terminal
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        sys.stdout = sys.stderr = open(quiet, "w", closefd=False)  # noqa: SIM115 (until os._exit)
        from searchkeeper.storage import index
        from searchkeeper.tui.board import Board

        index.hold_saves(space.data_dir)  # the index is made after the read is sent
        index.defer_encoding(space.data_dir)
        board = Board(space)
        read = board.read()
        board.accept(read)
        read.history, read.summary, read.today = board.history, board.summary, space.today
        data = memoryview(pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL))
        while data:
            data = data[os.write(into, data) :]
        os.close(into)
        index.save_held(space.data_dir, release=True)
        code = 0
    except BaseException:  # an interrupt too: the board reads itself
        pass
    finally:
        os._exit(code)
