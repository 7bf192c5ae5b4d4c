"""``searchkeeper report --week KEY``: one week on one page, in four formats, and saved to a file."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from audit_history import W, write_history

from searchkeeper.reports.week_summary import default_report_path, save_week_report
from searchkeeper.storage.workspace import Workspace


@pytest.fixture(autouse=True)
def history(data_dir, config_dir):
    write_history(data_dir, config_dir)


def test_markdown_week_report_holds_the_weeks_record_and_reflection(cli) -> None:
    result = cli("report", "--week", "2026-W48", "--format", "markdown")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "# Job search week 2026-W48 (23–29 Nov 2026)"
    assert "- Score 6/8 (75%): a momentum week (the bar is 60%)" in lines
    assert "- Against last week 6/9 (67%), +8 points; 3-week average 56%, +19 points" in lines
    assert "- Streak 1 week → 2 weeks (best 2)" in lines
    assert "- Momentum 72 → 73" in lines
    # every practice done, with its date and note: a record of the week's search activities
    assert "- **Share your marketing plan** (Mon 23 Nov 2026): Walked Priya through the plan" in lines
    assert '- **Meetings without "job"** (Tue 24 Nov 2026)' in lines
    assert "- **The Three Career Questions** (Fri 27 Nov 2026)" in lines
    assert "- An event outside your field: Nothing on in town" in lines
    assert "- Record your tough answers, Ask for feedback" in lines
    assert any(line.startswith("- Record your tough answers: missed two weeks running.") for line in lines)
    assert "- **Last week's intention:** Two coffees with former clients" in lines


def test_the_reflection_of_an_audited_week_is_in_its_report(cli) -> None:
    out = cli("report", "--week", "2026-W47", "--format", "markdown").out
    assert "- **Three Career Questions:** Move up: " in out
    assert "- **The week:** Good talks" in out
    assert "- **Next week:** Two coffees with former clients" in out


def test_csv_is_one_row_a_practice_with_date_outcome_and_note(cli) -> None:
    result = cli("report", "--week", "2026-W48", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert len(rows) == 9  # the retired practices are left out
    by_id = {row["practice"]: row for row in rows}
    assert by_id["marketing-plan"] == {
        "week": "2026-W48",
        "date": "2026-11-23",
        "practice": "marketing-plan",
        "title": "Share your marketing plan",
        "outcome": "met",
        "note": "Walked Priya through the plan",
        "partner": "",
        "channel": "",
        "state": "done",
    }
    assert by_id["out-of-industry-event"]["outcome"] == "excused"
    assert by_id["recorded-answers"]["outcome"] == "open"  # the week in progress: not missed yet


def test_json_carries_the_comparisons(cli) -> None:
    data = json.loads(cli("report", "--week", "2026-W48", "--format", "json").out)
    assert data["score"]["percent"] == 75 and data["last_week_percent"] == 67
    assert data["average_percent"] == 56
    assert data["streak"] == {"before": 1, "after": 2, "longest": 2}
    assert data["momentum"] == {"before": 72, "after": 73}
    assert data["missed_twice"] == ["recorded-answers", "asked-feedback"]
    assert data["last_intention"] == "Two coffees with former clients"


def test_text_report_of_last_week(cli) -> None:
    out = cli("report", "--week", "last", "--format", "text").out
    assert out.startswith("Job search week 2026-W47 (16–22 Nov 2026)\n")
    assert "Three Career Questions: Move up: " in out
    assert "Mon 16 Nov 2026  Share your marketing plan" in out


def test_the_range_report_is_unchanged_without_week(cli) -> None:
    out = cli("report", "--weeks", "3", "--format", "markdown").out
    assert out.startswith("# Job search momentum")


def test_a_broken_week_file_is_one_clear_line(cli, data_dir) -> None:
    path = data_dir / "journal" / "2026" / "2026-W48.yaml"
    broken = "format: 1\nweek: 2026-W48\npractices: [oops\n"
    path.write_text(broken, encoding="utf-8")
    result = cli("report", "--week", "2026-W48", "--format", "markdown")
    assert result.code == 1 and result.out == ""
    assert len(result.err.strip().splitlines()) == 1 and "2026-W48.yaml:" in result.err
    assert path.read_text(encoding="utf-8") == broken  # left as the user wrote it


def test_a_bad_week_key_is_one_clear_line(cli) -> None:
    result = cli("report", "--week", "2026-W99")
    assert result.code == 1 and "2026 has no week 99" in result.err


def test_saving_the_report_writes_the_markdown_where_asked(data_dir, config_dir, tmp_path) -> None:
    space = Workspace.open(data_dir, config_dir, on=date(2026, 11, 27))
    path = save_week_report(space, W("2026-W48"), tmp_path / "week.md")
    assert path == (tmp_path / "week.md").resolve()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Job search week 2026-W48") and "Walked Priya" in text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-")] == []
    into_folder = save_week_report(space, W("2026-W48"), tmp_path)
    assert into_folder.name == "searchkeeper-2026-W48.md"
    assert default_report_path(W("2026-W48")).name == "searchkeeper-2026-W48.md"


def test_saving_into_a_missing_folder_says_so(data_dir, config_dir, tmp_path) -> None:
    from searchkeeper.core.errors import SearchkeeperError

    space = Workspace.open(data_dir, config_dir, on=date(2026, 11, 27))
    with pytest.raises(SearchkeeperError, match="no folder"):
        save_week_report(space, W("2026-W48"), tmp_path / "nowhere" / "week.md")
