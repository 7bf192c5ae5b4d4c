"""A key written twice in one mapping is a load error naming the second one's line.

YAML loaders keep the last copy of a repeated key and drop the first without a word:
the week would score from the second ``practices:`` block alone, and the next save
would delete the first. Every file searchkeeper reads goes through one parser, so a
week file, ``partners.yaml``, ``config.yaml`` and a theme all say it the same way,
``path:LINE: 'key' is written twice (first on line N)``, and are never rewritten.
"""

from __future__ import annotations

from pathlib import Path

import pytest

WEEK = "2026-W47"

WEEK_FILES = [
    (
        "format: 1\nweek: 2026-W47\npractices:\n  reconnect: {state: done, date: 2026-11-17}\n"
        "practices:\n  give-value: {state: done, date: 2026-11-18}\n",
        5,
        "'practices' is written twice (first on line 3)",
    ),
    (
        "format: 1\nweek: 2026-W47\npractices:\n  reconnect:\n    state: done\n    date: 2026-11-17\n"
        "  give-value: {state: done}\n  reconnect:\n    state: missed\n",
        8,
        "'reconnect' is written twice (first on line 4)",
    ),
    (
        "format: 1\nweek: 2026-W47\npractices:\n  reconnect:\n    state: done\n    note: one\n"
        "    note: two\n",
        7,
        "'note' is written twice (first on line 6)",
    ),
    (
        "format: 1\nweek: 2026-W47\naudit:\n  answer: up\n  answer: out\n",
        5,
        "'answer' is written twice (first on line 4)",
    ),
]


def week_path(data_dir: Path) -> Path:
    path = data_dir / "journal" / "2026" / f"{WEEK}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize(
    ("text", "line", "reason"), WEEK_FILES, ids=["top-level", "practice-id", "entry-key", "audit-key"]
)
def test_a_week_file_with_a_key_written_twice_is_refused_and_never_rewritten(
    cli, data_dir, text, line, reason
):
    path = week_path(data_dir)
    path.write_text(text, encoding="utf-8")
    result = cli("check")
    assert result.code == 1
    assert f"{path}:{line}: {reason}\n" in result.err, result.err
    tick = cli("tick", "asked-feedback", "--week", WEEK)
    assert tick.code == 1 and f"{path}:{line}: {reason}" in tick.err
    assert "Traceback" not in tick.err
    assert path.read_text(encoding="utf-8") == text


def test_the_same_key_in_two_different_mappings_is_fine(cli, data_dir):
    path = week_path(data_dir)
    path.write_text(
        "format: 1\nweek: 2026-W47\npractices:\n  reconnect: {state: done, date: 2026-11-17, note: a}\n"
        "  give-value: {state: done, date: 2026-11-18, note: b}\n",
        encoding="utf-8",
    )
    assert cli("check").code == 0


def test_partners_with_two_touches_lists_under_one_partner_is_refused(cli, data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "partners.yaml"
    text = (
        "format: 1\npartners:\n  - name: Ana Ruiz\n    rhythm: key\n    touches:\n"
        "      - {date: 2026-11-02, channel: call}\n    touches:\n      - {date: 2026-11-20, channel: email}\n"
    )
    path.write_text(text, encoding="utf-8")
    result = cli("check")
    assert result.code == 1
    assert f"{path}:7: 'touches' is written twice (first on line 5)\n" in result.err, result.err
    assert path.read_text(encoding="utf-8") == text


def test_a_config_with_a_key_written_twice_is_refused(cli, write_config):
    path = write_config("threshold: 50\naudit_day: friday\nthreshold: 80\n")
    result = cli("check")
    assert result.code == 1
    assert f"{path}:3: 'threshold' is written twice (first on line 1)\n" in result.err, result.err


def test_a_theme_with_a_key_written_twice_is_refused(config_dir):
    from searchkeeper.tui.themes import load_themes

    folder = config_dir / "themes"
    folder.mkdir()
    (folder / "dusk.yaml").write_text("name: dusk\nprimary: '#88aaff'\nprimary: '#ff0000'\n")
    themes, problems = load_themes(folder)
    assert themes == []
    assert [str(problem) for problem in problems] == [
        f"{folder / 'dusk.yaml'}:3: 'primary' is written twice (first on line 2)"
    ]


@pytest.mark.parametrize("plain", [True, False], ids=["quick-path", "full-scan"])
def test_both_ways_of_parsing_refuse_it_alike(plain, monkeypatch):
    from searchkeeper.core.errors import JournalError
    from searchkeeper.storage import yamlfile

    monkeypatch.setattr(yamlfile, "_looks_plain", lambda text: plain)
    text = "a: 1\nb:\n  - {c: 1, c: 2}\n"
    with pytest.raises(JournalError) as raised:
        yamlfile.parse_document(text.encode(), Path("x.yaml"), JournalError)
    assert str(raised.value) == "x.yaml:3: 'c' is written twice (first on line 3)"


def test_a_merge_key_may_still_be_overridden(monkeypatch):
    from searchkeeper.core.errors import JournalError
    from searchkeeper.storage import yamlfile

    data, _ = yamlfile.parse_document(b"x:\n  <<: {a: 1, b: 2}\n  a: 3\n", Path("x.yaml"), JournalError)
    assert data == {"x": {"a": 3, "b": 2}}
    with pytest.raises(JournalError, match="'a' is written twice"):
        yamlfile.parse_document(b"x:\n  <<: {b: 2}\n  a: 3\n  a: 4\n", Path("x.yaml"), JournalError)
