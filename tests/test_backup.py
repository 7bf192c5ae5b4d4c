"""``export`` writes one archive of everything; ``import`` brings it back without losing anything.

An import merges each week into the week on disk (the same merge as sync conflicts), so a
newer week is never overwritten; config, partners and themes are taken only where the user
has none. Unsafe archives are refused whole, invalid files are skipped with their reason.
"""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest
from conftest import read_yaml

from searchkeeper.cli.main import run

PARTNERS = "format: 1\npartners:\n  - name: Ana Ruiz\n    rhythm: key\n    added: 2026-01-05\n"
THEME = "name: my-dusk\nprimary: '#88aaff'\n"


@pytest.fixture
def filled(cli, data_dir, config_dir, write_config):
    """A user with three weeks, an away week, a config, a theme of their own and partners."""
    assert cli("tick", "reconnect", "--week", "2026-W46", "--note", "Coffee with Ana").code == 0
    assert cli("tick", "give-value", "--week", "2026-W47").code == 0
    assert cli("excuse", "out-of-industry-event", "--week", "2026-W47", "--note", "Nothing on").code == 0
    assert cli("away", "--week", "2026-W45", "--note", "Lisbon").code == 0
    write_config("threshold: 50\naudit_day: thursday\n")
    (config_dir / "themes").mkdir()
    (config_dir / "themes" / "my-dusk.yaml").write_text(THEME)
    (data_dir / "partners.yaml").write_text(PARTNERS)
    return data_dir


def run_on(data: Path, config: Path, *argv: str, capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    code = run(["--data-dir", str(data), "--config-dir", str(config), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


EXPECTED_NAMES = [
    "config/config.yaml",
    "config/themes/my-dusk.yaml",
    "data/journal/2026/2026-W45.yaml",
    "data/journal/2026/2026-W46.yaml",
    "data/journal/2026/2026-W47.yaml",
    "data/partners.yaml",
]


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


@pytest.mark.parametrize("as_folder", [False, True], ids=["tar.gz", "folder"])
def test_export_then_import_into_an_empty_place_gives_back_every_file(
    cli, filled, data_dir, config_dir, tmp_path, capsys, as_folder
):
    target = f"{tmp_path / 'backup'}/" if as_folder else str(tmp_path / "backup.tar.gz")
    result = cli("export", target)
    assert result.code == 0
    assert result.out.startswith(
        f"exported 3 week files and config.yaml, my-dusk.yaml, partners.yaml to {target}"
    )
    if as_folder:
        assert sorted(files_under(tmp_path / "backup")) == EXPECTED_NAMES
    else:
        with tarfile.open(target) as archive:
            assert archive.getnames() == EXPECTED_NAMES

    fresh_data, fresh_config = tmp_path / "fresh" / "data", tmp_path / "fresh" / "config"
    code, out, err = run_on(fresh_data, fresh_config, "import", target, capsys=capsys)
    assert code == 0, err
    assert "6 added, 0 merged, 0 unchanged, 0 kept as yours, 0 skipped" in out
    assert files_under(fresh_data) == files_under(data_dir)
    assert files_under(fresh_config) == files_under(config_dir)
    _, report_there, _ = run_on(fresh_data, fresh_config, "report", "--weeks", "5", capsys=capsys)
    assert report_there == cli("report", "--weeks", "5").out

    again = run_on(fresh_data, fresh_config, "import", target, capsys=capsys)
    assert again[0] == 0 and "0 added, 0 merged, 6 unchanged" in again[1]


def test_import_merges_weeks_and_never_overwrites_what_is_newer(cli, filled, data_dir, config_dir, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    assert cli("export", str(archive)).code == 0
    # Since the backup: a new tick and a new note in W46, a different config.
    assert cli("tick", "reconnect", "--week", "2026-W46", "--note", "Lunch with Sam").code == 0
    assert cli("tick", "asked-feedback", "--week", "2026-W46").code == 0
    (config_dir / "config.yaml").write_text("threshold: 70\n")
    (data_dir / "journal" / "2026" / "2026-W47.yaml").unlink()

    result = cli("import", str(archive))
    assert result.code == 0, result.err
    assert "merged 2026-W46: reconnect: notes joined" in result.out
    assert "added 2026-W47" in result.out
    assert "kept your config.yaml (the archive's differs; it was not taken)" in result.out

    w46 = read_yaml(data_dir / "journal" / "2026" / "2026-W46.yaml")["practices"]
    assert w46["reconnect"]["note"] == "Lunch with Sam / Coffee with Ana"
    assert w46["asked-feedback"]["state"] == "done"
    w47 = read_yaml(data_dir / "journal" / "2026" / "2026-W47.yaml")["practices"]
    assert w47["give-value"]["state"] == "done" and w47["out-of-industry-event"]["state"] == "excused"
    assert (config_dir / "config.yaml").read_text() == "threshold: 70\n"


def write_tar(path: Path, members: dict[str, bytes], links: dict[str, str] | None = None) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            archive.addfile(info)
    return path


GOOD_WEEK = b"format: 1\nweek: 2026-W47\npractices:\n  reconnect: {state: done, date: 2026-11-17}\n"


@pytest.mark.parametrize(
    "members, links, says",
    [
        ({"/etc/searchkeeper.yaml": GOOD_WEEK}, None, "refusing '/etc/searchkeeper.yaml': an absolute path"),
        (
            {"data/journal/../../../escape.yaml": GOOD_WEEK},
            None,
            "refusing 'data/journal/../../../escape.yaml': a path that climbs out with '..'",
        ),
        (
            {},
            {"data/journal/2026/2026-W47.yaml": "/etc/passwd"},
            "refusing 'data/journal/2026/2026-W47.yaml': a link or special file, not a plain file",
        ),
    ],
    ids=["absolute", "dot-dot", "symlink"],
)
def test_an_unsafe_archive_is_refused_whole_and_nothing_is_written(
    cli, data_dir, tmp_path, members, links, says
):
    archive = write_tar(
        tmp_path / "evil.tar.gz",
        {"data/journal/2026/2026-W46.yaml": GOOD_WEEK.replace(b"W47", b"W46"), **members},
        links,
    )
    result = cli("import", str(archive))
    assert result.code == 1
    assert result.err == f"searchkeeper: {archive}: {says}\n"
    assert not data_dir.exists() or files_under(data_dir) == {}
    assert not (tmp_path / "escape.yaml").exists()


def test_files_that_do_not_validate_are_skipped_with_their_reason_and_the_rest_comes_in(
    cli, data_dir, tmp_path
):
    archive = write_tar(
        tmp_path / "mixed.tar.gz",
        {
            "data/journal/2026/2026-W47.yaml": GOOD_WEEK,
            "data/journal/2026/2026-W46.yaml": b"format: 1\nweek: 2026-W46\npractices: [\n",
            "data/journal/2025/2026-W45.yaml": b"format: 1\nweek: 2026-W45\n",
            "data/journal/2026/2026-W44.yaml": b"format: 1\nweek: 2026-W43\n",
            "data/journal/2026/2026-W43.yaml": b"!!python/object/apply:os.system ['true']\n",
            "config/config.yaml": b"threshold: 500\n",
            "data/journal/2026/2026-W47 (conflicted copy 2026-11-20).yaml": GOOD_WEEK.replace(
                b"reconnect", b"give-value"
            ),
            "notes.txt": b"hello",
        },
    )
    result = cli("import", str(archive))
    assert result.code == 1
    err = result.err
    assert "skipped data/journal/2026/2026-W46.yaml:4: " in err
    assert "skipped data/journal/2025/2026-W45.yaml: belongs in the folder 2026/, not 2025/" in err
    assert "skipped data/journal/2026/2026-W44.yaml:2: holds week 2026-W43, but its name says 2026-W44" in err
    assert "skipped data/journal/2026/2026-W43.yaml:1: a tag that is not allowed" in err
    assert "skipped config/config.yaml:1: 'threshold' must be a percentage" in err
    assert "skipped notes.txt: not part of a searchkeeper backup" in err
    assert "1 added, 1 merged, 0 unchanged, 0 kept as yours, 6 skipped" in result.out
    practices = read_yaml(data_dir / "journal" / "2026" / "2026-W47.yaml")["practices"]
    assert practices["reconnect"]["state"] == "done" and practices["give-value"]["state"] == "done"
    assert sorted(p.name for p in (data_dir / "journal").rglob("*.yaml")) == ["2026-W47.yaml"]
    assert not (tmp_path / "config" / "config.yaml").exists()


def test_a_week_whose_file_on_disk_is_broken_is_left_alone(cli, data_dir, tmp_path):
    archive = write_tar(tmp_path / "b.tar.gz", {"data/journal/2026/2026-W47.yaml": GOOD_WEEK})
    broken = data_dir / "journal" / "2026" / "2026-W47.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"week: [\n")
    result = cli("import", str(archive))
    assert result.code == 1 and "your copy of 2026-W47 is broken" in result.err
    assert broken.read_bytes() == b"week: [\n"


def test_a_broken_week_is_exported_as_it_is(cli, data_dir, tmp_path):
    assert cli("tick", "reconnect", "--week", "2026-W46").code == 0
    broken = data_dir / "journal" / "2026" / "2026-W47.yaml"
    broken.write_bytes(b"week: [\n\xff")
    archive = tmp_path / "b.tar.gz"
    assert cli("export", str(archive)).code == 0
    with tarfile.open(archive) as opened:
        assert opened.extractfile("data/journal/2026/2026-W47.yaml").read() == b"week: [\n\xff"


@pytest.mark.parametrize(
    "content", [b"not an archive at all", b"\x1f\x8b\x08\x00garbage"], ids=["text", "bad-gzip"]
)
def test_something_that_is_not_an_archive_is_one_line(cli, tmp_path, content):
    path = tmp_path / "backup.tar.gz"
    path.write_bytes(content)
    result = cli("import", str(path))
    assert result.code == 1 and result.err.startswith(f"searchkeeper: {path}: not a readable .tar.gz archive")
    assert result.err.count("\n") == 1
    missing = cli("import", str(tmp_path / "nowhere.tar.gz"))
    assert missing.code == 1 and "no such archive or folder" in missing.err


def test_exporting_nothing_says_so(cli, tmp_path):
    result = cli("export", str(tmp_path / "b.tar.gz"))
    assert result.code == 1 and "nothing to export" in result.err
    assert not (tmp_path / "b.tar.gz").exists()
