"""``check`` names every file of the journal folder it does not read, and a journal that is no folder.

A week file named ``.yml`` or ``.YAML``, or put at the top of ``journal/`` instead of in
its year's folder, used to be left out of every count without a word. ``check`` now
says which file and why, and exits 1; sync conflict copies and the app's own
temporary files are handled as before. ``export`` keeps such files all the same.
"""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

WEEK = "format: 1\nweek: 2026-W48\npractices:\n  reconnect: {state: done, date: 2026-11-24}\n"


@pytest.fixture
def journal(cli, data_dir: Path) -> Path:
    assert cli("tick", "give-value", "--week", "2026-W47").code == 0  # one good week
    return data_dir / "journal"


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("2026-W48.yaml", "a week file belongs in its year's folder, journal/2026/"),
        ("2026-W48.yml", "a week file belongs in its year's folder, journal/2026/, and ends in .yaml"),
        ("2026/2026-W48.yml", "a week file ends in .yaml"),
        ("2026/2026-W48.YAML", "a week file ends in .yaml"),
        ("2026/2026-W48.yaml.txt", "not a week file (journal/<year>/<week>.yaml)"),
        ("notes.txt", "not a week file (journal/<year>/<week>.yaml)"),
    ],
    ids=["top-level", "top-level-yml", "yml", "upper-case", "other-ending", "other-file"],
)
def test_check_names_a_file_it_does_not_read_and_exits_1(cli, journal, where, reason):
    path = journal / where
    path.write_text(WEEK, encoding="utf-8")
    result = cli("check")
    assert result.code == 1
    assert f"{path}: not read: {reason}\n" in result.err, result.err
    assert "all readable" not in result.out
    assert path.read_text(encoding="utf-8") == WEEK


def test_a_folder_inside_a_year_folder_is_named(cli, journal):
    (journal / "2026" / "old").mkdir()
    result = cli("check")
    assert (
        result.code == 1
        and f"{journal / '2026' / 'old'}: not read: a folder inside a year folder" in result.err
    )


def test_conflict_copies_temporary_files_and_dotfiles_are_handled_as_before(cli, journal):
    (journal / "2026" / "2026-W47.sync-conflict-20261120-101010-ABCDEFG.yaml").write_text(WEEK)
    (journal / "2026" / ".tmp-0123456789ab.yaml").write_text("half a save")
    (journal / ".DS_Store").write_bytes(b"\x00")
    (journal / "2026" / ".hidden.yaml").write_text(WEEK)
    result = cli("check")
    assert "not read" not in result.err
    assert "a sync conflict copy of 2026-W47" in result.err  # listed as it always was


def test_a_clean_journal_still_passes(cli, journal):
    result = cli("check")
    assert result.code == 0 and result.out.endswith("1 week files, all readable\n")


@pytest.mark.parametrize("kind", ["file", "link-to-file"])
def test_a_journal_that_is_a_file_is_a_problem(cli, data_dir, tmp_path, kind):
    data_dir.mkdir(parents=True)
    journal = data_dir / "journal"
    if kind == "file":
        journal.write_text("not a folder")
    else:
        (tmp_path / "elsewhere").write_text("not a folder")
        journal.symlink_to(tmp_path / "elsewhere")
    result = cli("check")
    assert result.code == 1
    assert f"{journal}: not read: the journal must be a folder of year folders, not a file\n" in result.err
    assert "all readable" not in result.out


def test_export_keeps_the_files_the_journal_does_not_read_and_import_says_why(cli, journal, tmp_path, capsys):
    from searchkeeper.cli.main import run

    (journal / "2026" / "2026-W48.yml").write_text(WEEK)
    (journal / "2026-W49.yaml").write_text(WEEK.replace("W48", "W49"))
    archive = tmp_path / "backup.tar.gz"
    assert cli("export", str(archive)).code == 0
    with tarfile.open(archive) as opened:
        assert opened.getnames() == [
            "data/journal/2026-W49.yaml",
            "data/journal/2026/2026-W47.yaml",
            "data/journal/2026/2026-W48.yml",
        ]
    fresh = tmp_path / "fresh"
    capsys.readouterr()
    code = run(
        ["--data-dir", str(fresh / "data"), "--config-dir", str(fresh / "config"), "import", str(archive)]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "skipped data/journal/2026/2026-W48.yml: a week file ends in .yaml" in err
    assert (
        "skipped data/journal/2026-W49.yaml: a week file belongs in its year's folder, journal/2026/" in err
    )
