"""Every shell example in the README runs as written, in order, in a temporary home.

Each line of each ``sh`` block (but those that install the program) is given to bash with the
installed program on its ``PATH``, as one who types it and, when asked, leaves at once (``q``
on standard input). A line that opens the dashboard runs through the command line with the
dashboard left out: it needs a terminal, and the dashboard has tests of its own.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from searchkeeper.cli.main import run

README = Path(__file__).resolve().parent.parent / "README.md"
PROGRAM = Path(sys.executable).with_name("searchkeeper")
DASHBOARD = {"searchkeeper", "searchkeeper demo"}
"""The lines that open the dashboard."""


def examples() -> list[str]:
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL):
        if " install" not in block:  # installing, and the tests' own setup
            lines += [line.strip() for line in block.splitlines() if line.strip()[:1] not in ("", "#")]
    return lines


def test_the_readme_has_its_shell_examples() -> None:
    found = examples()
    assert len(found) > 25 and "searchkeeper audit --plain" in " ".join(found)


@pytest.mark.skipif(not PROGRAM.exists(), reason="the searchkeeper program is not installed")
def test_every_shell_example_in_the_readme_runs_as_written(tmp_path: Path, monkeypatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "PATH": f"{PROGRAM.parent}{os.pathsep}{os.environ['PATH']}"}
    opened = []
    for line in examples():
        words = shlex.split(line, comments=True)
        if " ".join(words) in DASHBOARD:
            monkeypatch.setenv("HOME", str(home))
            assert run(words[1:], dashboard=lambda space, **_: opened.append(space) or 0) == 0, line
            continue
        done = subprocess.run(
            ["bash", "-c", f"set -o pipefail; {line}"],
            input="q\n",
            capture_output=True,
            text=True,
            cwd=home,
            env=env,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, f"{line}\n{done.stdout}{done.stderr}"
        assert "Traceback" not in done.stderr, line
    assert len(opened) == 1  # demo
