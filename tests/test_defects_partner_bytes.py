"""A byte that is not UTF-8 in a name or a note (``Ana\\xffRuiz`` typed in a Latin-1 terminal):
refused in one line, nothing written; a folder's name may hold any bytes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import program_env


def sk(tmp_path: Path, *argv: bytes) -> subprocess.CompletedProcess[bytes]:
    """``python -m searchkeeper`` given ``argv`` as raw bytes, in UTF-8 mode."""
    env = program_env(tmp_path, PYTHONUTF8="1")
    program = [os.fsencode(sys.executable), b"-m", b"searchkeeper"]
    return subprocess.run([*program, *argv], capture_output=True, env=env, timeout=60, cwd=tmp_path)


ADD = [b"partners", b"add", b"Ana", b"--kind", b"former-boss", b"--rhythm", b"key"]


@pytest.mark.parametrize(
    ("argv", "what"),
    [
        ([*ADD[:2], b"Ana\xffRuiz", *ADD[3:]], b"the name"),
        ([*ADD, b"--notes", b"\xe9"], b"--notes"),
        ([b"tick", b"reconnect", b"--note", b"caf\xe9 chat"], b"--note"),
        ([b"touch", b"Ana\xff", b"--note", b"hello"], b"the name"),
    ],
)
def test_a_text_argument_that_is_not_utf8_is_refused(tmp_path: Path, argv: list[bytes], what: bytes) -> None:
    done = sk(tmp_path, *argv)
    assert done.returncode == 2 and done.stdout == b""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(b"searchkeeper: " + what + b" is not valid text"), lines
    assert not (tmp_path / "data").exists()  # nothing written


def test_a_folder_named_in_any_bytes_is_still_used(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path) + b"/d\xff"
    done = sk(tmp_path, b"tick", b"reconnect", b"--data-dir", folder)
    assert (done.returncode, done.stderr) == (0, b"")
    assert os.path.exists(folder + b"/journal/2026/2026-W48.yaml")
