"""Private by default: what searchkeeper creates is the user's alone (files 0600, folders 0700);
a file rewritten keeps the mode it had."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from searchkeeper.storage.config import save_setting
from searchkeeper.storage.yamlfile import atomic_write

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask():
    """The most common umask, under which a plain open() would make files 0644."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_a_tick_and_a_touch_make_private_files_in_private_folders(cli, data_dir: Path):
    assert cli("tick", "reconnect").code == 0
    assert cli("partners", "add", "Ana Ruiz").code == 0
    week = data_dir / "journal" / "2026" / "2026-W48.yaml"
    assert mode(week) == mode(data_dir / "partners.yaml") == 0o600
    assert mode(data_dir) == mode(data_dir / "journal") == mode(week.parent) == 0o700


def test_a_setting_saved_makes_a_private_config(config_dir: Path):
    assert mode(save_setting(config_dir / "new", "theme", "searchkeeper-light")) == 0o600
    assert mode(config_dir / "new") == 0o700


def test_a_rewrite_keeps_the_files_mode(cli, data_dir: Path):
    assert cli("tick", "reconnect").code == 0
    week = data_dir / "journal" / "2026" / "2026-W48.yaml"
    week.chmod(0o640)  # the user shares it with their group
    assert cli("tick", "give-value").code == 0
    assert mode(week) == 0o640


def test_folders_already_there_are_left_as_they_are(tmp_path: Path):
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    atomic_write(folder / "deep" / "er" / "file.yaml", "a: 1\n")
    assert mode(folder) == 0o755
    assert mode(folder / "deep") == mode(folder / "deep" / "er") == 0o700


def test_conflict_copies_moved_aside_go_to_a_private_folder(cli, data_dir: Path):
    assert cli("partners", "add", "Ana Ruiz").code == 0
    (data_dir / "partners (1).yaml").write_text("format: 1\npartners: []\n", encoding="utf-8")
    assert cli("check", "--merge").code == 0
    assert mode(data_dir / "backups") == mode(data_dir / "backups" / "conflicts") == 0o700


def test_what_the_cache_keeps_of_the_weeks_is_private_too(cli, tmp_path: Path):
    assert cli("tick", "reconnect", "--note", "Coffee with Priya").code == 0
    assert cli("status").code == 0
    assert cli("due").code == 0
    kept = [path for path in (tmp_path / "cache").rglob("*") if path.is_file()]
    assert kept, "the index was written"
    assert {path.name: mode(path) for path in kept} == {path.name: 0o600 for path in kept}
