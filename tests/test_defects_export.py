"""``export`` carries what the app reads, and never writes over the app's own files.

A week file, a year folder or a theme may be a link to somewhere else: ``check``,
``status`` and ``report`` read through it and count it, so the archive holds its content
as a plain file. Whatever cannot be read as a file is named as left out, with exit 1.
A destination inside the data or the config folder is refused with one line.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

WEEK = "format: 1\nweek: {key}\npractices:\n  reconnect: {{state: done, date: {day}}}\n"
THEME = "name: my-dusk\nprimary: '#88aaff'\n"


def week_text(key: str, day: str) -> str:
    return WEEK.format(key=key, day=day)


def archive_files(path: Path) -> dict[str, tuple[bool, bytes]]:
    with tarfile.open(path) as archive:
        return {
            info.name: (info.isfile(), archive.extractfile(info).read() if info.isfile() else b"")
            for info in archive.getmembers()
        }


@pytest.fixture
def linked(data_dir: Path, config_dir: Path, tmp_path: Path) -> dict[str, str]:
    """A journal whose 2026 folder is a link, a 2025 week file that is a link, a linked theme."""
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "2026").mkdir(parents=True)
    texts = {
        "data/journal/2026/2026-W47.yaml": week_text("2026-W47", "2026-11-17"),
        "data/journal/2025/2025-W10.yaml": week_text("2025-W10", "2025-03-04"),
        "config/themes/my-dusk.yaml": THEME,
    }
    (elsewhere / "2026" / "2026-W47.yaml").write_text(texts["data/journal/2026/2026-W47.yaml"])
    (elsewhere / "w10.yaml").write_text(texts["data/journal/2025/2025-W10.yaml"])
    (elsewhere / "dusk.yaml").write_text(THEME)
    journal = data_dir / "journal"
    (journal / "2025").mkdir(parents=True)
    (journal / "2026").symlink_to(elsewhere / "2026", target_is_directory=True)
    (journal / "2025" / "2025-W10.yaml").symlink_to(elsewhere / "w10.yaml")
    (config_dir / "themes").mkdir()
    (config_dir / "themes" / "my-dusk.yaml").symlink_to(elsewhere / "dusk.yaml")
    return texts


def test_linked_weeks_and_themes_are_counted_and_exported_as_plain_files(cli, linked, tmp_path):
    check = cli("check")
    assert check.code == 0 and "2 week files, all readable" in check.out
    archive = tmp_path / "backup.tar.gz"
    result = cli("export", str(archive))
    assert result.code == 0, result.err
    assert result.out.startswith(f"exported 2 week files and my-dusk.yaml to {archive}")
    files = archive_files(archive)
    assert set(files) == set(linked)
    for name, text in linked.items():
        assert files[name] == (True, text.encode())


def test_a_folder_export_writes_the_linked_content_as_plain_files(cli, linked, tmp_path):
    target = tmp_path / "copy"
    assert cli("export", f"{target}/").code == 0
    for name, text in linked.items():
        path = target / name
        assert not path.is_symlink() and path.read_text() == text


def test_the_export_comes_back_whole(cli, linked, tmp_path, capsys):
    from searchkeeper.cli.main import run

    archive = tmp_path / "backup.tar.gz"
    assert cli("export", str(archive)).code == 0
    fresh = tmp_path / "fresh"
    capsys.readouterr()
    code = run(
        ["--data-dir", str(fresh / "data"), "--config-dir", str(fresh / "config"), "import", str(archive)]
    )
    assert code == 0, capsys.readouterr().err
    for name, text in linked.items():  # weeks come in through the journal, which writes them its way
        assert yaml.safe_load((fresh / name).read_text()).items() >= yaml.safe_load(text).items()


def test_what_cannot_be_read_as_a_file_is_named_as_left_out(cli, data_dir, tmp_path):
    assert cli("tick", "reconnect", "--week", "2026-W46").code == 0
    dangling = data_dir / "journal" / "2026" / "2026-W45.yaml"
    dangling.symlink_to(tmp_path / "nowhere.yaml")
    archive = tmp_path / "backup.tar.gz"
    result = cli("export", str(archive))
    assert result.code == 1
    assert f"{dangling}: a link to nothing, or gone while exporting (left out of the export)" in result.err
    assert list(archive_files(archive)) == ["data/journal/2026/2026-W46.yaml"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_left_out_not_waited_on(data_dir, config_dir, tmp_path):
    week = data_dir / "journal" / "2026" / "2026-W47.yaml"
    week.parent.mkdir(parents=True)
    os.mkfifo(week)
    (week.parent / "2026-W46.yaml").write_text(week_text("2026-W46", "2026-11-10"))
    archive = tmp_path / "backup.tar.gz"
    command = [
        sys.executable,
        "-m",
        "searchkeeper",
        "--data-dir",
        str(data_dir),
        "--config-dir",
        str(config_dir),
    ]
    result = subprocess.run(
        [*command, "export", str(archive)],
        capture_output=True,
        text=True,
        timeout=20,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    assert f"{week}: not a regular file (a FIFO) (left out of the export)" in result.stderr
    assert list(archive_files(archive)) == ["data/journal/2026/2026-W46.yaml"]


# the destination ------------------------------------------------------------------------


@pytest.fixture
def user(cli, data_dir, config_dir, write_config) -> None:
    assert cli("tick", "reconnect", "--week", "2026-W48").code == 0
    (data_dir / "partners.yaml").write_text("format: 1\npartners:\n  - name: Ana Ruiz\n    rhythm: key\n")
    write_config("threshold: 50\n")


def snapshot(*folders: Path) -> dict[str, bytes]:
    return {
        str(path): path.read_bytes()
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


@pytest.mark.parametrize(
    "where",
    [
        "{data}/journal/2026/2026-W48.yaml",
        "{data}/partners.yaml",
        "{config}/config.yaml",
        "{data}/backup.tar.gz",
        "{data}/journal/",
        "{config}/",
        "{data}",
        "{data}/../",
    ],
    ids=["week-file", "partners", "config", "new-file-in-data", "journal-folder", "config-folder", "data-folder",
         "folder-whose-data-is-the-data-folder"],
)  # fmt: skip
def test_an_export_into_the_apps_own_folders_is_refused(cli, user, data_dir, config_dir, where):
    before = snapshot(data_dir, config_dir)
    target = where.format(data=data_dir, config=config_dir)
    result = cli("export", target)
    assert result.code == 1
    assert result.err.startswith(f"searchkeeper: refusing to export to {Path(target)}")
    assert result.err.count("\n") == 1
    assert snapshot(data_dir, config_dir) == before


def test_a_link_that_leads_into_the_data_folder_is_refused_too(cli, user, data_dir, config_dir, tmp_path):
    before = snapshot(data_dir, config_dir)
    link = tmp_path / "innocent.tar.gz"
    link.symlink_to(data_dir / "partners.yaml")
    result = cli("export", str(link))
    assert result.code == 1 and "inside the data folder" in result.err
    assert snapshot(data_dir, config_dir) == before


def test_an_export_beside_the_folders_is_fine(cli, user, tmp_path):
    assert cli("export", str(tmp_path / "backup.tar.gz")).code == 0
    assert cli("export", f"{tmp_path / 'copy'}/").code == 0
