"""Terminal control sequences kept in a note or a name never reach the terminal raw: every text
output shows them spelt out (``\\x1b``, ``\\r``); csv and json keep the exact text."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys
import tty
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import program_env, read_yaml

HOSTILE = "a\x1b[2Jb\x1b]0;title\x07c\rd\x7fe\x9b31mf\ng"
SHOWN = "a\\x1b[2Jb\\x1b]0;title\\x07c\\rd\\x7fe\\x9b31mf\\ng"
CONTROLS = {*map(chr, range(0x20)), *map(chr, range(0x7F, 0xA0))} - {"\n"}


@dataclass
class Done:
    stdout: str
    stderr: str


def sk(tmp_path: Path, *argv: str, code: int = 0) -> Done:
    """The program's output, decoded as it is written (a ``\r`` stays a ``\r``)."""
    program = [sys.executable, "-m", "searchkeeper", *argv]
    done = subprocess.run(program, capture_output=True, env=program_env(tmp_path), timeout=60, cwd=tmp_path)
    assert done.returncode == code, done.stderr
    return Done(done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def safe(text: str, separators: str = "") -> str:
    """``text``, asserting it holds no control character but newlines (and ``separators``)."""
    assert not set(text) & (CONTROLS - set(separators)), repr(text)
    return text


ECHOES: dict[Path, list[str]] = {}


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A tick, a partner and a touch, each with control characters in its text (what each
    command said in ``ECHOES``)."""
    ECHOES[tmp_path] = [
        sk(tmp_path, "tick", "reconnect", "--note", HOSTILE).stdout,
        sk(tmp_path, "partners", "add", f"Ana {HOSTILE}", "--kind", "former-boss", "--rhythm", "key").stdout,
        sk(tmp_path, "touch", "ana", "--note", HOSTILE).stdout,
    ]
    assert read_yaml(tmp_path / "data" / "partners.yaml")["partners"][0]["touches"][0]["value"] == HOSTILE
    return tmp_path


def test_what_was_saved_is_echoed_with_control_characters_shown(hostile: Path) -> None:
    tick, added, touched = map(safe, ECHOES.pop(hostile))
    assert tick.startswith(f"2026-W48: reconnect done — {SHOWN}\n")
    assert added.startswith(f"Added Ana {SHOWN} (former-boss, ")
    assert touched.startswith(f"Touched Ana {SHOWN} on 2026-11-27 — {SHOWN}\n")


@pytest.mark.parametrize("form", ["text", "markdown"])
def test_week_reports_show_control_characters(hostile: Path, form: str) -> None:
    out = safe(sk(hostile, "report", "--week", "this", "--format", form).stdout)
    shown = SHOWN if form == "text" else SHOWN.replace("\\n", " ")  # markdown keeps a note on one line
    assert shown in out and f"Ana {shown}" in out


def test_csv_and_json_keep_the_exact_text(hostile: Path) -> None:
    rows = list(
        csv.DictReader(io.StringIO(sk(hostile, "report", "--week", "this", "--format", "csv").stdout))
    )
    assert {row["note"] for row in rows} >= {HOSTILE}
    assert any(row["partner"] == f"Ana {HOSTILE}" for row in rows)
    document = json.loads(sk(hostile, "report", "--week", "this", "--format", "json").stdout)
    assert {item["note"] for item in document["practices"]} >= {HOSTILE}
    assert document["touches"][0]["partner"] == f"Ana {HOSTILE}"
    weeks = json.loads(sk(hostile, "report", "--format", "json").stdout)["weeks"]
    assert weeks[-1]["practices"]["reconnect"]["note"] == HOSTILE


def test_the_listing_and_status_show_control_characters(hostile: Path) -> None:
    listed = safe(sk(hostile, "partners").stdout, separators="\t")
    assert listed.split("\t")[0] == f"Ana {SHOWN}"
    safe(sk(hostile, "status").stdout)
    safe(sk(hostile, "report").stdout)
    retired = sk(hostile, "partners", "retire", "ana")
    assert safe(retired.stdout).startswith(f"Ana {SHOWN} retired")


def test_errors_show_control_characters(hostile: Path) -> None:
    missing = sk(hostile, "touch", HOSTILE, code=1)
    assert missing.stdout == "" and SHOWN in safe(missing.stderr)


def test_the_table_on_a_terminal_shows_control_characters(hostile: Path) -> None:
    """On a terminal (a dumb one: no colours), the table shows the name spelt out, markup and all."""
    sk(hostile, "partners", "add", "Bo [bold]Chen", "--kind", "recruiter", "--rhythm", "6w")
    leader, follower = pty.openpty()
    tty.setraw(follower)  # no newline translation: what the program writes is what is read
    env = {**program_env(hostile), "TERM": "dumb", "COLUMNS": "300", "LINES": "50"}
    argv = [sys.executable, "-m", "searchkeeper", "partners"]
    done = subprocess.run(argv, stdout=follower, stderr=subprocess.PIPE, env=env, timeout=60, cwd=hostile)
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal is closed once everything is read
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    assert done.returncode == 0, done.stderr
    text = safe(out.decode("utf-8"))
    assert f"Ana {SHOWN}" in text and "Bo [bold]Chen" in text
