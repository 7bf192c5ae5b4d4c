"""A FIFO (or a socket, a folder, a device) named like one of the user's files is never opened.

Opening a FIFO for reading waits for a writer that never comes, so one named
``2026-W47.yaml`` or ``partners.yaml`` would hang every command. Each command runs in a
subprocess with a timeout, so that a regression fails instead of hanging the suite, and
says ``path: not a regular file (a FIFO)``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from searchkeeper.core.errors import FileProblem
from searchkeeper.storage.yamlfile import read_document

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")

TIMEOUT = 20


def searchkeeper(data_dir: Path, config_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "searchkeeper",
        "--data-dir",
        str(data_dir),
        "--config-dir",
        str(config_dir),
    ]
    return subprocess.run(
        [*command, *argv], capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL
    )


@pytest.fixture
def week_fifo(data_dir: Path) -> Path:
    path = data_dir / "journal" / "2026" / "2026-W47.yaml"
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    "argv",
    [("check",), ("tick", "reconnect", "--week", "2026-W47"), ("report", "--week", "2026-W47")],
    ids=["check", "tick", "week-report"],
)
def test_a_fifo_week_file_is_named_not_opened(data_dir, config_dir, week_fifo, argv):
    result = searchkeeper(data_dir, config_dir, *argv)
    assert result.returncode == 1
    assert f"{week_fifo}: not a regular file (a FIFO)" in result.stderr
    assert "Traceback" not in result.stderr


def test_status_is_not_held_up_by_a_fifo_week_file(data_dir, config_dir, week_fifo):
    try:
        result = searchkeeper(data_dir, config_dir, "status")
    except subprocess.TimeoutExpired:
        pytest.fail("status waited on the FIFO")
    assert result.returncode == 0  # a prompt's line: it points to check, which names the file
    assert "1 unreadable file(s): run 'searchkeeper check'" in result.stdout


@pytest.mark.parametrize("where", ["partners", "config"])
def test_a_fifo_partners_or_config_file_is_named_by_check(data_dir, config_dir, where):
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "partners.yaml" if where == "partners" else config_dir / "config.yaml"
    os.mkfifo(path)
    result = searchkeeper(data_dir, config_dir, "check")
    assert result.returncode == 1
    assert f"{path}: not a regular file (a FIFO)" in result.stderr


def test_import_does_not_wait_on_a_fifo_where_partners_yaml_would_go(data_dir, config_dir, tmp_path):
    archive = tmp_path / "backup"
    (archive / "data").mkdir(parents=True)
    (archive / "data" / "partners.yaml").write_text("format: 1\npartners: []\n")
    data_dir.mkdir(parents=True)
    os.mkfifo(data_dir / "partners.yaml")
    result = searchkeeper(data_dir, config_dir, "import", f"{archive}/")
    assert result.returncode == 1
    assert f"{data_dir / 'partners.yaml'}: not a regular file (a FIFO)" in result.stderr


def test_a_folder_or_a_socket_named_like_a_file_is_not_read(tmp_path):
    folder = tmp_path / "2026-W47.yaml"
    folder.mkdir()
    with pytest.raises(FileProblem) as raised:
        read_document(folder)
    assert str(raised.value) == f"{folder}: not a regular file (a folder)"
    sock_path = tmp_path / "s.yaml"
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(sock_path))
        with pytest.raises(FileProblem) as raised:
            read_document(sock_path)
    assert str(raised.value) == f"{sock_path}: not a regular file (a socket)"
