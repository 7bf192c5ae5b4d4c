"""``searchkeeper check`` validates every file the app reads, not only the week files:
``partners.yaml`` and ``config.yaml`` are named as ``path:line: reason`` with exit 1, and
never rewritten."""

from __future__ import annotations

from pathlib import Path

import pytest

GOOD_PARTNERS = "format: 1\npartners:\n  - name: Ana Ruiz\n    kind: former-boss\n    rhythm: key\n"
BAD_PARTNERS = [
    ("format: 1\npartners:\n  - name: Ana\n    kind: boss\n", 4, "kind must be one of"),
    ("format: 1\npartners:\n  - name: Ana\n    touches:\n      - date: 2026-13-01\n", 5, "month must be"),
    ("format: 1\npartners:\n  - name: Ana\n  - name: Ana\n", 4, "listed twice"),
    ("format: 1\npartners: [\n", 3, "did not find expected node content"),
]
BAD_CONFIGS = [
    ("threshold: lots\n", 1, "'threshold' must be a percentage"),
    ("audit_day: 9\n", 1, "'audit_day' must be a day name"),
    ("practices:\n  reconnect: {cadence: yearly}\n", 2, "cadence must be one of"),
]


def problem_lines(text: str, path: Path) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(f"{path}")]


@pytest.mark.parametrize(("text", "line", "reason"), BAD_PARTNERS, ids=["kind", "date", "twice", "yaml"])
def test_check_names_a_broken_partners_file_with_its_line(cli, data_dir, text, line, reason) -> None:
    assert cli("tick", "reconnect").code == 0  # the journal itself is fine
    path = data_dir / "partners.yaml"
    path.write_text(text)
    result = cli("check")
    assert result.code == 1
    lines = problem_lines(result.err, path)
    assert len(lines) == 1 and lines[0].startswith(f"{path}:{line}: ") and reason in lines[0], result.err
    assert "Traceback" not in result.err
    assert path.read_text() == text


@pytest.mark.parametrize(("text", "line", "reason"), BAD_CONFIGS, ids=["threshold", "day", "cadence"])
def test_check_names_a_broken_config_with_its_line(cli, write_config, text, line, reason) -> None:
    path = write_config(text)
    result = cli("check")
    assert result.code == 1
    lines = problem_lines(result.err, path)
    assert len(lines) == 1 and lines[0].startswith(f"{path}:{line}: ") and reason in lines[0], result.err
    assert path.read_text() == text


def test_check_reports_every_broken_file_at_once(cli, data_dir, write_config) -> None:
    config = write_config(BAD_CONFIGS[0][0])
    partners = data_dir / "partners.yaml"
    partners.parent.mkdir(parents=True, exist_ok=True)
    partners.write_text(BAD_PARTNERS[0][0])
    week = data_dir / "journal" / "2026" / "2026-W47.yaml"
    week.parent.mkdir(parents=True)
    week.write_text("format: 1\nweek: 2026-W47\naway: maybe\n")
    result = cli("check")
    assert result.code == 1
    for path, line in ((config, 1), (partners, 4), (week, 3)):
        assert problem_lines(result.err, path)[0].startswith(f"{path}:{line}: "), result.err


def test_check_passes_with_a_good_partners_file(cli, data_dir) -> None:
    assert cli("tick", "reconnect").code == 0
    (data_dir / "partners.yaml").write_text(GOOD_PARTNERS)
    result = cli("check")
    assert result.code == 0, result.err
    assert result.err == ""
