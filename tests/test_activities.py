"""``searchkeeper report --activities``: a dated work-search log, through the real command line."""

from __future__ import annotations

import csv
import io
import json

import pytest


@pytest.fixture
def log(cli):
    """Ticks in 2026-W46, W47 and W48 (today: Friday 2026-11-27), touches on 11-03 and 11-18."""
    assert (
        cli("tick", "reconnect", "--week", "2026-W46", "--note", "Coffee with Priya").code == 0
    )  # dated 11-13
    assert cli("tick", "marketing-plan", "--week", "2026-W47", "--note", "Plan, v2; sent").code == 0  # 11-20
    assert cli("tick", "give-value", "--note", "Article to Sam").code == 0  # today
    assert cli("tick", "give-value", "--week", "2026-W44").code == 0  # 10-30: outside the range
    assert cli("partners", "add", "Ana Ruiz", "--kind", "former-boss", "--rhythm", "key").code == 0
    assert (
        cli("touch", "ana", "--date", "2026-11-03", "--channel", "phone", "--note", "Asked about Lisbon").code
        == 0
    )
    assert cli("touch", "ana", "--date", "2026-11-18", "--channel", "email").code == 0
    assert cli("touch", "ana", "--date", "2026-10-01").code == 0  # outside the range
    return cli


def rows(cli, *options: str) -> list[dict[str, str]]:
    result = cli(
        "report", "--activities", "--from", "2026-11-02", "--to", "2026-11-27", "--format", "csv", *options
    )
    assert result.code == 0, result.err
    return list(csv.DictReader(io.StringIO(result.out)))


def test_each_tick_and_touch_in_range_with_its_date_and_none_outside(log) -> None:
    found = [(row["date"], row["activity"], row["contact"], row["method"], row["notes"]) for row in rows(log)]
    assert found == [
        ("2026-11-03", "Networking contact (former boss)", "Ana Ruiz", "phone call", "Asked about Lisbon"),
        ("2026-11-13", "Reconnect with someone", "", "", "Coffee with Priya"),
        ("2026-11-18", "Networking contact (former boss)", "Ana Ruiz", "email", ""),
        ("2026-11-20", "Share your marketing plan", "", "", "Plan, v2; sent"),
        ("2026-11-27", "Give something useful", "", "", "Article to Sam"),
    ]


def test_the_range_bounds_are_included(log) -> None:
    result = log("report", "--activities", "--from", "2026-11-18", "--to", "2026-11-20", "--format", "json")
    document = json.loads(result.out)
    assert [a["date"] for a in document["activities"]] == ["2026-11-18", "2026-11-20"]
    assert [w["week"] for w in document["weeks"]] == ["2026-W47"]


def test_a_count_per_week_and_weeks_under_the_floor_marked(log) -> None:
    result = log("report", "--activities", "--from", "2026-11-02", "--min-per-week", "2", "--format", "json")
    weeks = {w["week"]: (w["count"], w["under_minimum"]) for w in json.loads(result.out)["weeks"]}
    assert weeks == {
        "2026-W45": (1, True),
        "2026-W46": (1, True),
        "2026-W47": (2, False),
        "2026-W48": (1, True),
    }
    text = log("report", "--activities", "--from", "2026-11-02", "--min-per-week", "2").out
    assert "2026-W47" in text and "  2026-W45  2–8 Nov 2026" in text
    assert [line.split()[0] for line in text.splitlines() if line.endswith("under 2")] == [
        "2026-W45",
        "2026-W46",
        "2026-W48",
    ]


def test_an_away_week_is_marked_away_not_under(log) -> None:
    assert log("away", "--week", "2026-W46").code == 0
    text = log(
        "report", "--activities", "--from", "2026-11-09", "--to", "2026-11-15", "--min-per-week", "3"
    ).out
    assert text.splitlines()[-1].endswith("away")


def test_markdown_is_a_table_to_paste_in_an_email(log) -> None:
    out = log("report", "--activities", "--from", "2026-11-02", "--format", "markdown").out
    assert out.startswith("# Work-search activities, 2026-11-02 to 2026-11-27\n")
    assert "| Date | Activity | Contact | Method | Notes |" in out
    assert (
        "| 2026-11-03 | Networking contact (former boss) | Ana Ruiz | phone call | Asked about Lisbon |"
        in out
    )
    assert "| 2026-W47 | 16–22 Nov 2026 | 2 |  |" in out


def test_the_default_range_is_the_last_four_weeks(log) -> None:
    document = json.loads(log("report", "--activities", "--format", "json").out)
    assert (document["from"], document["to"]) == ("2026-11-02", "2026-11-27")


def test_user_text_is_printed_visible(log) -> None:
    assert log("tick", "asked-feedback", "--note", "ok\x1b]0;title\x07").code == 0
    out = log("report", "--activities").out
    assert "\x1b" not in out and "\x07" not in out and "ok\\x1b]0;title\\x07" in out


def test_a_bad_range_is_one_line(log) -> None:
    result = log("report", "--activities", "--from", "2026-11-20", "--to", "2026-11-02")
    assert result.code == 1 and result.err.count("\n") == 1
    assert log("report", "--activities", "--from", "November").code == 2
