"""What a week was, told the same way everywhere: a tick an excuse cannot throw away, one word for
each state, a demo that says it is one, percentages rounded half up, thresholds as written, and a
monthly practice that counts once a month.

Today is Friday 2026-11-27 (2026-W48, the last week of November: the monthly practices count in
it). A week in the middle of a month (2026-W46) counts the nine weekly practices and the standing
one: ten.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from conftest import read_yaml, settle

from searchkeeper.cli.main import run
from searchkeeper.core.weeks import Week
from searchkeeper.storage.partners import PartnerBook
from searchkeeper.storage.workspace import Workspace

W45, W46, W47, W48 = (Week(2026, n) for n in (45, 46, 47, 48))
EVENT = "out-of-industry-event"


def week_file(data_dir: Path, week: Week) -> Path:
    return data_dir / "journal" / str(week.year) / f"{week.key}.yaml"


def week_json(cli, week: str) -> dict:
    result = cli("report", "--week", week, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def outcome_of(document: dict, practice_id: str) -> str:
    return next(item["outcome"] for item in document["practices"] if item["id"] == practice_id)


# 4. an excuse never throws a tick away --------------------------------------------------


def test_excusing_a_done_practice_is_refused_and_the_tick_and_its_note_stay(cli, data_dir: Path) -> None:
    assert cli("tick", "out", "--note", "Climate founders night").code == 0
    before = week_file(data_dir, W48).read_bytes()
    result = cli("excuse", "out")
    assert result.code == 1
    assert result.err.strip().splitlines() == [
        f"searchkeeper: {EVENT} is done in 2026-W48; untick it first if it did not happen"
    ]
    assert cli("excuse", "out", "--note", "Nothing on").code == 1
    assert cli("excuse", "out", "--undo").code == 0  # nothing to take back: the tick stays
    assert read_yaml(week_file(data_dir, W48))["practices"][EVENT]["note"] == "Climate founders night"
    assert week_file(data_dir, W48).read_bytes() == before
    assert week_json(cli, "2026-W48")["score"]["met"] == 1


async def test_x_on_a_done_row_says_why_and_changes_nothing(cli, data_dir: Path, config_dir: Path) -> None:
    from searchkeeper.tui.app import SearchkeeperApp
    from searchkeeper.tui.widgets.practice_row import PracticeRow

    assert cli("tick", "out", "--note", "Climate founders night").code == 0
    before = week_file(data_dir, W48).read_bytes()
    app = SearchkeeperApp(Workspace.open(data_dir, config_dir, on=date(2026, 11, 27)))
    async with app.run_test() as pilot:
        await settle(pilot)
        app.screen.query_one(f"#practice-{EVENT}", PracticeRow).focus()
        await pilot.press("x", "x")
        await settle(pilot)
        said = [n.message for n in app._notifications]
    assert f"{EVENT} is done in 2026-W48; untick it first if it did not happen" in said
    assert week_file(data_dir, W48).read_bytes() == before


# 9. one word for each state -------------------------------------------------------------


def test_the_week_in_progress_says_open_where_a_past_week_says_missed(cli) -> None:
    cli("tick", "reconnect", "--week", "2026-W47")
    cli("tick", "reconnect")
    rows = list(csv.DictReader(io.StringIO(cli("report", "--weeks", "2", "--format", "csv").out)))
    assert [(row["week"], row["give-value"]) for row in rows] == [
        ("2026-W47", "missed"),
        ("2026-W48", "open"),
    ]
    document = json.loads(cli("report", "--weeks", "2", "--format", "json").out)
    assert [week["practices"]["give-value"]["outcome"] for week in document["weeks"]] == ["missed", "open"]
    assert outcome_of(week_json(cli, "2026-W48"), "give-value") == "open"
    assert outcome_of(week_json(cli, "2026-W47"), "give-value") == "missed"
    assert "Open: " in cli("report", "--week", "2026-W48", "--format", "text").out


def test_a_week_before_the_journal_began_is_not_scored(cli) -> None:
    cli("tick", "reconnect", "--week", "2026-W46")
    result = cli("report", "--week", "2026-W01", "--format", "text")
    assert result.code == 0 and "0/" not in result.out
    assert "Not scored: the journal begins in 2026-W46" in result.out.splitlines()
    before = week_json(cli, "2026-W45")
    assert before["score"]["scored"] is False and before["score"]["percent"] is None
    assert {item["outcome"] for item in before["practices"]} == {"not-scored"}
    assert week_json(cli, "2026-W46")["score"] == {
        "met": 1, "counted": 10, "percent": 10, "away": False, "momentum_week": False, "in_progress": False,
        "scored": True,
    }  # fmt: skip


# 10. the demo says it is one ------------------------------------------------------------


def test_the_demo_refuses_the_folders_it_would_ignore(tmp_path: Path, capsys) -> None:
    opened = []
    for argv in (["demo", "--data-dir", str(tmp_path)], ["--config-dir", str(tmp_path), "demo"]):
        assert run(argv, dashboard=lambda space, **_: opened.append(space) or 0) == 1
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "sample data in a temporary folder" in err
    assert opened == [] and list(tmp_path.iterdir()) == []


def test_the_demo_is_marked_sample_and_dates_nothing_after_today(monkeypatch) -> None:
    monkeypatch.setenv("SEARCHKEEPER_TODAY", "2026-11-23")  # a Monday: the week in progress has begun
    seen = []

    def dashboard(space: Workspace, **_) -> int:
        records = space.history().records
        days = [e.date for r in records.values() for e in r.practices.values() if e.date]
        days += [r.audit.completed.date() for r in records.values() if r.audit and r.audit.completed]
        days += [t.date for p in PartnerBook(space.data_dir).load().partners for t in p.touches]
        seen.append(
            (space.sample, max(days), any(e.date for e in records[space.this_week].practices.values()))
        )
        return 0

    assert run(["demo"], dashboard=dashboard) == 0
    assert seen == [(True, date(2026, 11, 23), True)]


async def test_the_dashboard_on_the_demo_says_sample_data(tmp_path: Path) -> None:
    from searchkeeper.storage.sample import sample_workspace
    from searchkeeper.tui.app import SearchkeeperApp
    from searchkeeper.tui.widgets.week_header import WeekHeader

    app = SearchkeeperApp(sample_workspace(tmp_path))
    async with app.run_test() as pilot:
        await settle(pilot)
        header = app.screen.query_one(WeekHeader)
        shown = "".join(segment.text for segment in header.render_line(0))
    assert "demo · sample data" in shown


# 11. percentages half up, thresholds as written, monthly once a month -------------------


def test_a_percentage_rounds_half_up(cli) -> None:
    for practice in ("marketing-plan", "no-job-word", "reconnect", "give-value", "lead-with-mission"):
        cli("tick", practice, "--week", "2026-W46")
    for practice in ("recorded-answers", "asked-feedback"):
        cli("excuse", practice, "--week", "2026-W46")
    assert "Score 5/8 (63%)" in cli("report", "--week", "2026-W46", "--format", "text").out
    assert week_json(cli, "2026-W46")["score"]["percent"] == 63
    table = cli("report", "--weeks", "3").out
    assert any(line.startswith("2026-W46") and " 5/8   63%" in line for line in table.splitlines()), table


def test_a_threshold_is_shown_as_written(cli, write_config) -> None:
    write_config("threshold: 66.7\n")
    for practice in ("marketing-plan", "no-job-word", "reconnect", "give-value", "lead-with-mission", EVENT):
        cli("tick", practice, "--week", "2026-W46")
    cli("excuse", "asked-feedback", "--week", "2026-W46")
    text = cli("report", "--week", "2026-W46", "--format", "text").out
    assert "Score 6/9 (67%): under the 66.7% bar this time" in text
    assert week_json(cli, "2026-W46")["threshold"] == 66.7
    assert "threshold 66.7%" in cli("report").out
    assert "a week counts at 66.7%" in cli("report", "--format", "markdown").out


def test_a_touch_before_the_journal_began_still_meets_its_month(cli) -> None:
    assert cli("partners", "add", "Ana Ruiz", "--kind", "former-boss", "--rhythm", "key").code == 0
    assert cli("touch", "ana", "--date", "2026-11-04").code == 0  # W45: November is met
    cli("tick", "reconnect", "--week", "2026-W47")  # the journal's first file
    assert outcome_of(week_json(cli, "2026-W48"), "contact-key-partners") == "not-counted"
    assert week_json(cli, "2026-W45")["score"]["scored"] is False  # before the journal


def test_a_monthly_practice_counts_once_a_month(cli) -> None:
    cli("tick", "refer-talent", "--week", "2026-W46")
    cli("tick", "refer-talent", "--week", "2026-W47")
    w46, w47 = week_json(cli, "2026-W46"), week_json(cli, "2026-W47")
    assert outcome_of(w46, "refer-talent") == "met" and w46["score"]["counted"] == 11
    assert outcome_of(w47, "refer-talent") == "not-counted" and w47["score"]["counted"] == 10
    assert w47["score"]["met"] == 0
