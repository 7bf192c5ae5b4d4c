"""An output that cannot encode every character (``PYTHONIOENCODING=ascii``, a Latin-1 locale):
the commands still do their work and exit 0, the app's own symbols and the user's text degrading
to plain characters, never to "unexpected error"."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import program_env, read_yaml

NOTE = "Café with Zoë — ✓"


def sk(tmp_path: Path, encoding: str, *argv: str) -> subprocess.CompletedProcess[bytes]:
    """``python -m searchkeeper`` with ``encoding`` for its output, as a shell in that locale runs it."""
    env = program_env(tmp_path, PYTHONIOENCODING=encoding)
    done = subprocess.run(
        [sys.executable, "-m", "searchkeeper", *argv], capture_output=True, env=env, timeout=60, cwd=tmp_path
    )
    assert (done.returncode, done.stderr) == (0, b""), done.stderr
    return done


@pytest.mark.parametrize(
    ("encoding", "note"), [("ascii", "Cafe with Zoe - v"), ("latin-1", "Café with Zoë - v")]
)
def test_tick_status_and_reports_in_a_narrow_encoding(tmp_path: Path, encoding: str, note: str) -> None:
    tick = sk(tmp_path, encoding, "tick", "reconnect", "--note", NOTE)
    first, second = tick.stdout.decode(encoding).splitlines()
    assert first == f"2026-W48: reconnect done - {note}"
    middle = "·" if encoding == "latin-1" else "-"
    assert second.startswith(f"2026-W48 {middle} 1/13 8% {middle} streak 0 (best 0)")
    journal = tmp_path / "data" / "journal" / "2026"
    assert [path.name for path in journal.iterdir()] == ["2026-W48.yaml"]  # saved once, nothing left over
    assert read_yaml(journal / "2026-W48.yaml")["practices"]["reconnect"]["note"] == NOTE  # kept exact

    kept = sk(tmp_path, encoding, "status").stdout  # the line the tick kept
    shutil.rmtree(tmp_path / "cache")
    assert sk(tmp_path, encoding, "status").stdout == kept == (second + "\n").encode(encoding)

    for argv in (
        ["report"],
        ["report", "--format", "markdown"],
        ["report", "--week", "this", "--format", "text"],
    ):
        sk(tmp_path, encoding, *argv).stdout.decode(encoding)
    week = sk(tmp_path, encoding, "report", "--week", "this", "--format", "markdown").stdout.decode(encoding)
    assert f"(Fri 27 Nov 2026): {note}" in week


@pytest.mark.parametrize(("encoding", "name"), [("ascii", "Zoe Nunez"), ("latin-1", "Zoë Núñez")])
def test_partners_in_a_narrow_encoding(tmp_path: Path, encoding: str, name: str) -> None:
    added = sk(tmp_path, encoding, "partners", "add", "Zoë Núñez", "--kind", "former-boss", "--rhythm", "key")
    assert added.stdout.decode(encoding).startswith(f"Added {name} (former-boss, ")
    assert read_yaml(tmp_path / "data" / "partners.yaml")["partners"][0]["name"] == "Zoë Núñez"
    touched = sk(tmp_path, encoding, "touch", "zoë", "--note", "Sent the ‘pricing’ piece")
    assert touched.stdout.decode(encoding).startswith(
        f"Touched {name} on 2026-11-27 - Sent the 'pricing' piece\n"
    )
    listed = sk(tmp_path, encoding, "partners").stdout.decode(encoding)
    assert listed.startswith(f"{name}\tkey\t")
