"""``report --week`` of an away week lists what was ticked in it, marked as not counted.

Nothing counts in an away week, but a practice done in it with a note did happen: the
week's page said "Nothing ticked this week". Every format now lists it.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

WEEK = "2026-W46"


@pytest.fixture(autouse=True)
def away_week(cli) -> None:
    assert cli("tick", "reconnect", "--week", WEEK, "--note", "Coffee with Ana").code == 0
    assert cli("tick", "refer-talent", "--week", WEEK, "--note", "Sent Raj to Hollis").code == 0
    assert cli("away", "--week", WEEK, "--note", "Lisbon").code == 0


def test_markdown_lists_the_ticks_of_an_away_week_as_not_counted(cli):
    result = cli("report", "--week", WEEK, "--format", "markdown")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert "## Done this week (an away week: not counted)" in lines
    assert "- **Reconnect with someone** (Fri 13 Nov 2026): Coffee with Ana" in lines
    assert "- **Send talent to a recruiter** (Fri 13 Nov 2026): Sent Raj to Hollis" in lines
    assert "- Nothing ticked this week." not in lines
    assert "- Score away: an away week, nothing counted, streak and momentum held still" in lines


def test_text_lists_them_too(cli):
    out = cli("report", "--week", WEEK, "--format", "text").out
    assert "Done (an away week: not counted):\n" in out
    assert "Coffee with Ana" in out and "Sent Raj to Hollis" in out
    assert "nothing ticked this week" not in out


def test_csv_and_json_say_done_and_not_counted(cli):
    rows = {
        row["practice"]: row
        for row in csv.DictReader(io.StringIO(cli("report", "--week", WEEK, "--format", "csv").out))
    }
    assert rows["reconnect"]["outcome"] == "away" and rows["reconnect"]["state"] == "done"
    assert rows["reconnect"]["note"] == "Coffee with Ana" and rows["reconnect"]["date"] == "2026-11-13"
    assert rows["give-value"]["state"] == ""
    data = json.loads(cli("report", "--week", WEEK, "--format", "json").out)
    practices = {item["id"]: item for item in data["practices"]}
    assert practices["reconnect"]["outcome"] == "away" and practices["reconnect"]["state"] == "done"
    assert practices["reconnect"]["note"] == "Coffee with Ana"
    assert data["score"]["away"] is True


def test_an_away_week_with_no_ticks_still_says_nothing_was_ticked(cli):
    assert cli("away", "--week", "2026-W45").code == 0
    assert "- Nothing ticked this week." in cli("report", "--week", "2026-W45", "--format", "markdown").out
