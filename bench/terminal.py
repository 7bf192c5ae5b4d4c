"""Run a program in a real pseudo-terminal and time what it writes to it.

``Session`` forks the program onto a pty of a given size, reads every byte it writes
(escape codes and all, as a terminal would receive them) and notes when each chunk
arrived. A screen is *painted* when its marker text has been written and the program
then stays silent for ``QUIET`` seconds: the paint's time is that of the last chunk
before the silence (the silence itself is not counted). Peak memory comes from the
kernel's account of the child when it exits (``wait4``).
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import termios
import time
from collections.abc import Callable, Mapping, Sequence

QUIET = 0.25
"""Seconds of silence after which a screen counts as painted."""
_CONTROL = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


class Session:
    """One run of ``argv`` on a ``columns`` × ``rows`` pseudo-terminal."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str], columns: int, rows: int) -> None:
        self.started = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:  # the child: the pty is its terminal
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
            os.execvpe(argv[0], list(argv), dict(env))
        self.pid, self.fd = pid, fd
        self.output = bytearray()
        self.last_chunk = self.started
        self.ended = False

    def _read(self, wait: float) -> bool:
        """Read what is there within ``wait`` seconds; False if nothing came."""
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # the child closed the terminal
            chunk = b""
        if not chunk:
            self.ended = True
            return False
        self.output += chunk
        self.last_chunk = time.monotonic()
        return True

    def text(self) -> str:
        """What was written with the control sequences taken out (marker search only)."""
        return _CONTROL.sub(b"", bytes(self.output)).decode("utf-8", "replace")

    def painted(self, markers: Sequence[str], timeout: float = 60.0) -> float:
        """Wait until every one of ``markers`` was written and the screen fell quiet; return the
        time of the last chunk before the quiet."""
        deadline = time.monotonic() + timeout
        seen = False
        while time.monotonic() < deadline and not self.ended:
            if not seen:
                self._read(0.05)
                seen = all(marker in self.text() for marker in markers)
                continue
            if not self._read(QUIET):
                return self.last_chunk
        raise RuntimeError(f"no {markers!r} on screen (ended: {self.ended}): {self.text()[-400:]!r}")

    def press(self, keys: bytes) -> float:
        os.write(self.fd, keys)
        return time.monotonic()

    def settle_after(self, keys: bytes, done: Callable[[], bool], timeout: float = 30.0) -> float:
        """Press ``keys``; seconds until ``done()`` holds and the screen has fallen quiet again."""
        pressed = self.press(keys)
        deadline = pressed + timeout
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError("the key had no effect on disk")
            self._read(0.001)
        finished = time.monotonic()
        while self._read(QUIET):
            pass
        return max(finished, self.last_chunk) - pressed

    def close(self, quit_keys: bytes) -> float:
        """Send ``quit_keys``, read to the end; the child's peak resident memory in MiB."""
        self.press(quit_keys)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            self._read(0.05)
            done, status, usage = os.wait4(self.pid, os.WNOHANG)
            if done:
                os.close(self.fd)
                if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
                    raise RuntimeError(f"the program ended badly ({status}): {self.text()[-400:]!r}")
                return usage.ru_maxrss / 1024
        os.kill(self.pid, 9)
        os.wait4(self.pid, 0)
        raise TimeoutError(f"{quit_keys!r} did not end the program: {self.text()[-400:]!r}")
