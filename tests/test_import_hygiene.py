"""The command line and the core load neither Textual nor Rich: a shell prompt's ``status`` stays fast.

Checked in fresh interpreters, since the test session itself may have imported anything.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import program_env

FORBIDDEN = ("textual", "rich")


def imported_modules(importtime_log: str) -> set[str]:
    """Module names from ``python -X importtime`` output (``import time: self | cumulative | name``)."""
    names = set()
    for line in importtime_log.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        name = line.rsplit("|", 1)[1].strip()
        if name and name != "imported package":
            names.add(name)
    return names


def forbidden(names: set[str]) -> set[str]:
    return {name for name in names if name.split(".")[0] in FORBIDDEN}


def test_the_parser_reads_importtime_output() -> None:
    sample = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:       120 |        120 |   textual.widgets\n"
        "import time:        80 |        200 | rich\n"
        "import time:        10 |         10 |     richer\n"
    )
    assert forbidden(imported_modules(sample)) == {"textual.widgets", "rich"}


def test_status_imports_no_textual_and_no_rich(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "searchkeeper", "status"],
        capture_output=True,
        text=True,
        env=program_env(tmp_path),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("2026-W48 · ")
    names = imported_modules(result.stderr)
    assert "searchkeeper.cli.main" in names  # the log is really the program's
    assert forbidden(names) == set()


def test_a_kept_status_line_is_printed_without_yaml_or_the_app(tmp_path: Path) -> None:
    """The quick path: the index, the stamps and the folders' names, nothing else of the app."""
    env = program_env(tmp_path)
    program = [sys.executable, "-X", "importtime", "-m", "searchkeeper"]
    tick = subprocess.run([*program, "tick", "reconnect"], capture_output=True, env=env, timeout=60)
    assert tick.returncode == 0  # it keeps the status line
    argv = [*program, "status"]
    result = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("2026-W48 · ")
    names = imported_modules(result.stderr)
    ours = {name for name in names if name.startswith("searchkeeper.")}
    assert ours == {"searchkeeper.launcher", "searchkeeper.storage.index", "searchkeeper.storage.paths",
                    "searchkeeper.storage.stamps", "searchkeeper.storage"}  # fmt: skip
    assert not {name for name in names if name.split(".")[0] in ("yaml", "dataclasses", "pathlib")}


def test_tick_imports_no_textual_and_no_rich(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "searchkeeper", "tick", "reconnect"],
        capture_output=True,
        text=True,
        env=program_env(tmp_path),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert forbidden(imported_modules(result.stderr)) == set()


def test_importing_the_core_loads_neither(tmp_path: Path) -> None:
    modules = sorted(
        f"searchkeeper.core.{path.stem}"
        for path in (Path(__file__).parents[1] / "searchkeeper" / "core").glob("*.py")
        if path.stem != "__init__"
    )
    assert "searchkeeper.core.scoring" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=program_env(tmp_path), timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


FILE_CALLS = {"open", "read_text", "write_text", "read_bytes", "write_bytes", "scandir", "listdir", "stat"}
FILE_CALLS |= {"mkdir", "unlink", "iterdir", "glob", "exists", "is_file", "is_dir", "touch", "rmdir"}
FILE_MODULES = {"os", "shutil", "tempfile", "io", "fcntl", "msvcrt", "glob", "yaml", "platformdirs"}


def test_no_module_of_the_core_touches_a_file() -> None:
    """The rules take what storage read and give back what storage writes: no file calls at all."""
    import ast

    found = []
    for path in sorted((Path(__file__).parents[1] / "searchkeeper" / "core").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = (
                    [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module]
                )
                found += [f"{path.name}: imports {n}" for n in names if n and n.split(".")[0] in FILE_MODULES]
            elif isinstance(node, ast.Call):
                called = (
                    node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                )
                if called in FILE_CALLS:
                    found.append(f"{path.name}:{node.lineno}: calls {called}")
    assert found == []


def _run_in_a_terminal(argv: list[str], env: dict[str, str], shown: str, keys: bytes) -> tuple[int, str]:
    """Run ``argv`` on a 100×32 pseudo-terminal until ``shown`` is on it, press ``keys``; the exit
    status and everything it wrote."""
    import fcntl
    import pty
    import select
    import struct
    import termios
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: the pseudo-terminal is its terminal
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
        os.execve(argv[0], argv, env)
    output, pressed, deadline = b"", False, time.monotonic() + 60
    while time.monotonic() < deadline:
        if select.select([fd], [], [], 0.1)[0]:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the program closed the terminal
                chunk = b""
            if not chunk:
                break
            output += chunk
        if not pressed and shown.encode() in output:
            os.write(fd, keys)
            pressed = True
    else:
        os.kill(pid, 9)
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")


def test_the_dashboard_opens_without_building_the_command_line(tmp_path: Path) -> None:
    """``searchkeeper`` alone, in a real terminal: the dashboard, with no parser built nor argparse loaded."""
    modules = tmp_path / "modules.txt"
    code = (
        "import atexit, runpy, sys\n"
        f"atexit.register(lambda: open({str(modules)!r}, 'w').write('\\n'.join(sys.modules)))\n"
        "sys.argv = ['searchkeeper']\n"
        "runpy.run_module('searchkeeper', run_name='__main__')\n"
    )
    env = program_env(tmp_path, TERM="xterm-256color")
    status, output = _run_in_a_terminal([sys.executable, "-c", code], env, "Quit", b"q")
    assert status == 0, output[-2000:]
    assert "2026-W48" in output
    names = set(modules.read_text().split())
    assert "searchkeeper.tui.app" in names  # the list is really the dashboard's
    assert not names & {"argparse", "searchkeeper.cli.main", "searchkeeper.cli.commands"}


def test_the_dashboard_alone_on_a_broken_config_is_one_line(tmp_path: Path) -> None:
    env = program_env(tmp_path)
    config = tmp_path / "config" / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text("threshold: [0.6\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "searchkeeper"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("searchkeeper: ")
    assert "config.yaml" in result.stderr and "Traceback" not in result.stderr
    assert config.read_text(encoding="utf-8") == "threshold: [0.6\n"


@pytest.mark.parametrize("command", [[], ["demo"]], ids=["searchkeeper", "demo"])
def test_the_dashboard_with_no_terminal_says_so_rather_than_waiting(tmp_path: Path, command) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "searchkeeper", *command],
        capture_output=True,
        text=True,
        env=program_env(tmp_path),
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == (
        "searchkeeper: the dashboard needs a terminal to read keys from; without one, use a command "
        "such as status, tick or audit --plain (see --help)\n"
    )


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here: the app reads the files itself")
def test_the_dashboard_draws_its_first_screen_without_parsing_yaml(tmp_path: Path) -> None:
    """``searchkeeper`` alone, as the launcher opens it (headless here): the config, the practices,
    the themes and the journal are read by the child process, so PyYAML is loaded only by the first
    save; a tick then still lands in the week's file."""
    env = program_env(tmp_path)
    tick = subprocess.run([sys.executable, "-m", "searchkeeper", "tick", "reconnect"], env=env, timeout=60)
    assert tick.returncode == 0
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "config.yaml").write_text("theme: searchkeeper-light\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from searchkeeper import launcher\n"
        "from searchkeeper.tui import app as dashboard\n"
        "async def pilot_run(app):\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.pause()\n"
        "        print('first screen', app.board.loaded, app.theme, 'yaml' in sys.modules)\n"
        "        await pilot.press('down', 'space')\n"
        "        await pilot.pause()\n"
        "    return 0\n"
        "def headless(space, ahead=None):\n"
        "    import asyncio\n"
        "    return asyncio.run(pilot_run(dashboard.SearchkeeperApp(space, ahead=ahead)))\n"
        "dashboard.run_dashboard = headless\n"
        "launcher._has_keys = lambda: True\n"
        "sys.exit(launcher.open_own_dashboard())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.splitlines()[0] == "first screen True searchkeeper-light False"
    week = (tmp_path / "data" / "journal" / "2026" / "2026-W48.yaml").read_text(encoding="utf-8")
    assert "reconnect:\n    state: done" in week and week.count("state: done") == 2
