"""``report --week KEY`` lists the week's contacts with networking partners, in every format,
so the week's report is a record of its work-search activities."""

from __future__ import annotations

import csv
import io
import json

import pytest


@pytest.fixture
def partners(cli, data_dir):
    """Two partners; touches in 2026-W48 (23–29 Nov) and one the week before."""
    for name, kind, channel in (("Ana Ruiz", "former-boss", "phone"), ("Bo Chen", "recruiter", "email")):
        assert cli("partners", "add", name, "--kind", kind, "--rhythm", "key", "--channel", channel).code == 0
    touches = [
        ("Ana", "2026-11-24", ["--value", "Sent the freight pricing article"]),
        ("Bo", "2026-11-26", ["--channel", "in-person", "--value", "Introduced her to a CFO"]),
        ("Bo", "2026-11-22", ["--value", "Thanked him for the call"]),  # Sunday of 2026-W47
    ]
    for name, day, extra in touches:
        assert cli("touch", name, "--date", day, *extra).code == 0, name
    return data_dir / "partners.yaml"


def test_text_and_markdown_list_the_weeks_touches(cli, partners) -> None:
    text = cli("report", "--week", "2026-W48", "--format", "text")
    assert text.code == 0, text.err
    lines = text.out.splitlines()
    start = lines.index("Networking partners contacted:")
    assert lines[start + 1 : start + 3] == [
        "  Tue 24 Nov 2026  Ana Ruiz (phone call): Sent the freight pricing article",
        "  Thu 26 Nov 2026  Bo Chen (face to face): Introduced her to a CFO",
    ]
    assert "Thanked him" not in text.out  # another week's
    markdown = cli("report", "--week", "2026-W48", "--format", "markdown").out.splitlines()
    start = markdown.index("## Networking partners contacted")
    assert markdown[start + 2 : start + 4] == [
        "- **Ana Ruiz** (Tue 24 Nov 2026, phone call): Sent the freight pricing article",
        "- **Bo Chen** (Thu 26 Nov 2026, face to face): Introduced her to a CFO",
    ]


def test_csv_and_json_carry_the_touches(cli, partners) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("report", "--week", "2026-W48", "--format", "csv").out)))
    touches = [row for row in rows if row["outcome"] == "touch"]
    assert [(r["date"], r["partner"], r["channel"], r["note"]) for r in touches] == [
        ("2026-11-24", "Ana Ruiz", "phone", "Sent the freight pricing article"),
        ("2026-11-26", "Bo Chen", "in-person", "Introduced her to a CFO"),
    ]
    assert all(row["week"] == "2026-W48" for row in rows)
    data = json.loads(cli("report", "--week", "2026-W47", "--format", "json").out)
    assert data["touches"] == [
        {"date": "2026-11-22", "partner": "Bo Chen", "channel": "email", "value": "Thanked him for the call"}
    ]
    assert data["partners_problem"] is None


def test_a_week_without_touches_says_so(cli, partners) -> None:
    out = cli("report", "--week", "2026-W45", "--format", "text").out
    assert "Networking partners contacted:\n  nobody this week\n" in out


def test_without_a_partners_file_there_is_no_section_and_no_file(cli, data_dir) -> None:
    assert cli("tick", "reconnect").code == 0
    for form in ("text", "markdown"):
        out = cli("report", "--week", "2026-W48", "--format", form).out
        assert "partners contacted" not in out.lower()
    assert json.loads(cli("report", "--week", "2026-W48", "--format", "json").out)["touches"] == []
    assert not (data_dir / "partners.yaml").exists()


def test_a_broken_partners_file_is_named_and_the_report_still_comes(cli, data_dir) -> None:
    assert cli("tick", "reconnect").code == 0
    path = data_dir / "partners.yaml"
    path.write_text("format: 1\npartners:\n  - name: Ana\n    kind: boss\n")
    result = cli("report", "--week", "2026-W48", "--format", "text")
    assert result.code == 0, result.err
    assert f"could not be read: {path}:4: kind must be one of" in result.out
    markdown = cli("report", "--week", "2026-W48", "--format", "markdown")
    assert markdown.code == 0 and "partners.yaml:4: kind must be one of" in markdown.out
    assert json.loads(cli("report", "--week", "2026-W48", "--format", "json").out)["partners_problem"]
    assert path.read_text() == "format: 1\npartners:\n  - name: Ana\n    kind: boss\n"
