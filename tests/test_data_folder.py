"""The data folder holds the user's files and nothing else, and the index never changes what is said.

Every command runs through the real command line (``run([...])``); the dashboard and the
audit run their real screens under Textual's pilot, opened by the command line as the
program opens them. After each, the data folder holds only ``journal/``, ``partners.yaml``
and ``backups/``: the index and the lock are in the cache folder (it may be synced).
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest

from searchkeeper.cli.main import run
from searchkeeper.storage import index
from searchkeeper.storage.sample import write_sample_history
from searchkeeper.storage.workspace import Workspace

USERS_FILES = {"journal", "partners.yaml", "backups"}


def dashboard_session(*keys: str):
    """A ``dashboard`` for ``run``: the real app under the pilot, ``keys`` pressed, then quit."""

    def open_dashboard(space: Workspace, screen: str | None = None, week=None) -> int:
        from searchkeeper.tui.app import SearchkeeperApp

        async def session() -> None:
            app = SearchkeeperApp(space, screen=screen, week=week)
            async with app.run_test() as pilot:
                for _ in range(10):
                    await pilot.pause(0.05)
                await pilot.press(*keys)
                await pilot.pause()

        asyncio.run(session())
        return 0

    return open_dashboard


def commands(tmp_path: Path) -> list[tuple[list[str], object]]:
    """Every command, in an order where each has something to work on."""
    archive = str(tmp_path / "backup.tar.gz")
    return [
        (["tick", "reconnect", "--note", "Coffee with Ana"], None),
        (["tick", "marketing-plan", "--week", "last", "--undo"], None),
        (["tick", "out", "--undo"], None),  # a done practice is not excused: untick it first
        (["excuse", "out", "--note", "Nothing on in town"], None),
        (["away", "--week", "2026-W30", "--note", "Holiday"], None),
        (["status"], None),
        (["report", "--weeks", "12", "--format", "csv"], None),
        (["report", "--week", "last", "--format", "markdown"], None),
        (["partners", "add", "Ana", "Ruiz", "--kind", "former-boss", "--rhythm", "key"], None),
        (["touch", "ana", "--note", "Sent the pricing piece"], None),
        (["partners"], None),
        (["practices"], None),
        (["export", archive], None),
        (["check"], None),  # exit 1: it lists the conflict copy
        (["check", "--merge"], None),
        (["import", archive], None),
        (["audit"], dashboard_session("y", "escape")),
        ([], dashboard_session("j", "space", "x")),
        (["status"], None),
    ]


def test_after_every_command_the_data_folder_holds_only_the_users_files(
    data_dir: Path, config_dir: Path, tmp_path: Path, capsys
) -> None:
    old = data_dir / ".cache"  # an older version's derived files
    old.mkdir(parents=True)
    (old / "summary.json").write_text("{}", encoding="utf-8")
    (data_dir / ".lock").write_text("", encoding="utf-8")
    space = Workspace.open(data_dir, config_dir)
    write_sample_history(space.journal, space.settings.catalogue, space.this_week, weeks=30)
    week = space.journal.path_for(space.this_week.shift(-2))
    conflict = week.with_name(f"{week.stem}.sync-conflict-20261120-101010-ABCDEFG.yaml")
    conflict.write_bytes(week.read_bytes())  # for check --merge
    for argv, dashboard in commands(tmp_path):
        code = run(["--data-dir", str(data_dir), "--config-dir", str(config_dir), *argv], dashboard=dashboard)
        said = capsys.readouterr()
        assert code == (1 if argv == ["check"] else 0), (argv, said.err)
        left = {p.name for p in data_dir.iterdir()}
        assert left <= USERS_FILES, (argv, left)
    assert left == USERS_FILES
    assert {p.name for p in data_dir.iterdir()} == USERS_FILES
    assert (tmp_path / "cache").is_dir()


def _index_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob(f"*/{index.INDEX_NAME}"))


def _tamper(tmp_path: Path, how: str) -> None:
    index._open.clear()  # as the next process finds it: the file alone
    for path in _index_files(tmp_path):
        if how == "deleted":
            path.unlink()
        elif how == "garbage":
            path.write_bytes(os.urandom(2000))
        elif how == "another format":
            raw = path.read_bytes()
            path.write_bytes(raw.replace(b"searchkeeper-index 1 ", b"searchkeeper-index 2 ", 1))
        elif how == "truncated":
            path.write_bytes(path.read_bytes()[:-100])


SCRIPT = [
    ["status"],
    ["tick", "reconnect", "--note", "Coffee with Ana"],
    ["status"],
    ["report", "--weeks", "40", "--format", "json"],
    ["excuse", "give-value"],
    ["away", "--week", "last"],
    ["status"],
    ["partners", "add", "Ana", "--kind", "former-client", "--rhythm", "key"],
    ["touch", "ana"],
    ["status"],
    ["check"],
    ["report", "--weeks", "40", "--format", "csv"],
    ["tick", "marketing-plan", "--week", "2026-W40"],
    ["status"],
]


@pytest.mark.parametrize("how", ["deleted", "garbage", "another format", "truncated"])
def test_whatever_happens_to_the_index_the_commands_say_the_same(
    tmp_path: Path, config_dir: Path, capsys, how: str
) -> None:
    said = {}
    for variant in ("kept", how):
        data_dir = tmp_path / variant / "data"
        shutil.rmtree(tmp_path / "cache", ignore_errors=True)
        index._open.clear()
        space = Workspace.open(data_dir, config_dir)
        write_sample_history(space.journal, space.settings.catalogue, space.this_week, weeks=40)
        said[variant] = []
        for argv in SCRIPT:
            if variant != "kept":
                _tamper(tmp_path, how)
            code = run(["--data-dir", str(data_dir), "--config-dir", str(config_dir), *argv])
            out = capsys.readouterr()
            said[variant].append((argv, code, out.out, out.err))
    assert said[how] == said["kept"]
