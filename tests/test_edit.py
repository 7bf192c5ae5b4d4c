"""``searchkeeper edit``: a week, partners.yaml or config.yaml in $VISUAL / $EDITOR, checked when
the editor exits (fake editors here: small Python scripts run as ``python script.py``)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest
from conftest import read_yaml

CHANGE = "import sys, pathlib; p = pathlib.Path(sys.argv[1]); p.write_text(p.read_text().replace({!r}, {!r}))"
BREAK = "import sys, pathlib; p = pathlib.Path(sys.argv[1]); p.write_text(p.read_text() + 'away: [oops\\n')"
LEAVE = "import sys; sys.argv[1]"


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``editor(code)`` makes $EDITOR a script running ``code`` on the file it is given."""

    def use(code: str, variable: str = "EDITOR") -> Path:
        script = tmp_path / "editor.py"
        script.write_text(code + "\n", encoding="utf-8")
        monkeypatch.setenv(variable, f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
        return script

    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    return use


def week_path(data_dir: Path, key: str = "2026-W48") -> Path:
    return data_dir / "journal" / key[:4] / f"{key}.yaml"


def test_a_change_that_reads_fine_is_one_line(cli, data_dir, editor):
    editor(CHANGE.format("away: false", "away: true"))
    result = cli("edit")
    assert result.code == 0 and result.err == ""
    assert result.out == f"{week_path(data_dir)}: saved, and it reads fine\n"
    text = week_path(data_dir).read_text(encoding="utf-8")
    assert text.startswith("# searchkeeper: the week 2026-W48")  # from the commented template
    assert read_yaml(week_path(data_dir))["away"] is True
    assert "away" in cli("status").out.lower()


def test_a_broken_file_is_named_by_line_and_left_as_written(cli, data_dir, editor):
    assert cli("tick", "reconnect").code == 0
    editor(BREAK)
    result = cli("edit", "--week", "this")
    path = week_path(data_dir)
    assert result.code == 1
    assert result.err.startswith(f"{path}:")
    assert int(result.err.split(":")[1]) > 1 and result.err.count("\n") == 1
    assert path.read_text(encoding="utf-8").endswith("away: [oops\n")  # the user's text, untouched


def test_an_editor_that_changes_nothing_leaves_no_new_file(cli, data_dir, editor):
    editor(LEAVE)
    result = cli("edit", "--week", "last")
    assert result.code == 0 and "unchanged" in result.out
    assert not week_path(data_dir, "2026-W47").exists()


def test_an_existing_file_left_alone_is_unchanged(cli, data_dir, editor):
    assert cli("tick", "reconnect").code == 0
    before = week_path(data_dir).read_bytes()
    editor(LEAVE)
    assert cli("edit").out == f"{week_path(data_dir)}: unchanged\n"
    assert week_path(data_dir).read_bytes() == before


def test_partners_and_config_are_edited_and_checked(cli, data_dir, config_dir, editor):
    assert cli("partners", "add", "Ana Ruiz").code == 0
    editor(CHANGE.format("rhythm: key", "rhythm: close"), variable="VISUAL")
    assert cli("edit", "partners").code == 0
    assert read_yaml(data_dir / "partners.yaml")["partners"][0]["rhythm"] == "close"

    editor(CHANGE.format("# threshold: 60", "threshold: 160"))
    result = cli("edit", "config")
    config = config_dir / "config.yaml"
    assert result.code == 1 and result.err.startswith(f"{config}:2: ")
    assert "threshold: 160" in config.read_text(encoding="utf-8")


def test_visual_comes_before_editor(cli, data_dir, editor, monkeypatch):
    editor(CHANGE.format("away: false", "away: true"), variable="VISUAL")
    monkeypatch.setenv("EDITOR", "false")
    assert cli("edit").code == 0
    assert read_yaml(week_path(data_dir))["away"] is True


def test_no_editor_is_one_line_and_exit_1(cli, editor):
    result = cli("edit")
    assert result.code == 1 and result.err.count("\n") == 1
    assert "neither $VISUAL nor $EDITOR is set" in result.err


def test_week_is_only_for_a_week(cli, editor):
    editor(LEAVE)
    result = cli("edit", "partners", "--week", "last")
    assert result.code == 1 and "--week" in result.err
