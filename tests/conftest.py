"""Fixtures shared by every test: isolated folders, a pinned "today", the real command line.

Every test runs with ``$SEARCHKEEPER_DATA_DIR``, ``$SEARCHKEEPER_CONFIG_DIR`` and
``$SEARCHKEEPER_CACHE_DIR`` pointing into its own ``tmp_path`` and ``$SEARCHKEEPER_TODAY`` pinned
to ``TODAY`` (a Friday, the default audit day), so nothing ever reads or writes the real user's
files (nor their cache folder) or depends on the clock.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import yaml

from searchkeeper.cli.main import run
from searchkeeper.core.records import WeekRecord
from searchkeeper.core.weeks import Week
from searchkeeper.storage import yamlfile
from searchkeeper.storage.workspace import Workspace

TODAY = date(2026, 11, 27)
"""Friday of 2026-W48, the last week of November 2026."""

WEEKLY = [
    "marketing-plan",
    "no-job-word",
    "reconnect",
    "give-value",
    "lead-with-mission",
    "out-of-industry-event",
    "recorded-answers",
    "asked-feedback",
    "three-questions",
]
"""The built-in weekly practices, written out by hand: the catalogue is tested against it."""


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEARCHKEEPER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SEARCHKEEPER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("SEARCHKEEPER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SEARCHKEEPER_TODAY", TODAY.isoformat())
    monkeypatch.delenv("SEARCHKEEPER_DEBUG", raising=False)


def program_env(root: Path, **extra: str) -> dict[str, str]:
    """The environment to run the real program in, as a subprocess: the folders under ``root`` (as
    ``isolated`` sets them for the test itself), ``TODAY``, a home of its own, then ``extra``."""
    env = {
        **os.environ,
        "SEARCHKEEPER_DATA_DIR": str(root / "data"),
        "SEARCHKEEPER_CONFIG_DIR": str(root / "config"),
        "SEARCHKEEPER_CACHE_DIR": str(root / "cache"),
        "SEARCHKEEPER_TODAY": TODAY.isoformat(),
        "HOME": str(root / "home"),
        **extra,
    }
    for name in ("SEARCHKEEPER_DEBUG", "PYTHONIMPORTTIME"):
        env.pop(name, None)
    return env


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture
def write_config(config_dir: Path):
    """``write_config(text)`` writes ``config.yaml`` and returns its path."""

    def write(text: str) -> Path:
        path = config_dir / "config.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def space(data_dir: Path, config_dir: Path) -> Workspace:
    """A workspace on the test's folders, on ``TODAY`` (open it again after changing config)."""
    return Workspace.open(data_dir, config_dir, on=TODAY)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(data_dir: Path, config_dir: Path, capsys: pytest.CaptureFixture[str]):
    """``cli("tick", "reconnect")`` runs the real command line on the test's folders."""

    def invoke(*argv: str) -> Result:
        capsys.readouterr()
        code = run(["--data-dir", str(data_dir), "--config-dir", str(config_dir), *argv])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


def read_yaml(path: Path):
    """The plain data of a YAML file, read with the safe loader."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


async def settle(pilot) -> None:
    """Let the dashboard's disk workers finish and the screen redraw (a cancelled look is
    replaced by a newer one: wait for that too)."""
    import contextlib

    from textual.worker import WorkerCancelled

    for _ in range(3):
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
            break
    await pilot.pause()


class Disk:
    """A disk that can be made full: every save (week, partners, config) is then refused."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full = False
        real = yamlfile.create_temporary

        def create_temporary(folder, *args, **kwargs):
            if self.full:
                raise OSError(errno.ENOSPC, "No space left on device", str(folder))
            return real(folder, *args, **kwargs)

        monkeypatch.setattr(yamlfile, "create_temporary", create_temporary)


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Disk:
    return Disk(monkeypatch)


def shell(space: Workspace, *argv: str) -> str:
    """What the real command line prints, as a shell runs it (also while a dashboard runs in the test)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = run(["--data-dir", str(space.data_dir), "--config-dir", str(space.config_dir), *argv])
    assert code == 0
    return out.getvalue()


def week_record(week: Week, states: dict[str, str], away: bool = False) -> WeekRecord:
    """A week as a user leaves it: each practice ``done`` (ticked on its Monday), ``missed``
    (unticked), ``excused``, or anything else for a note with no say on the week."""
    record = WeekRecord(week, away=away)
    for practice_id, state in states.items():
        if state == "done":
            record.tick(practice_id, week.monday)
        elif state == "missed":
            record.untick(practice_id)
        elif state == "excused":
            record.excuse(practice_id)
        else:
            record.set_note(practice_id, "a note")
    return record
