"""A week whose file cannot be read is unknown, not a week of zeroes.

It is not counted (neither extends nor breaks a streak, the momentum score holds
still across it), it is shown as unreadable in the scorecard, the chart and the
reports, and its file is never rewritten.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from datetime import date

from conftest import WEEKLY
from textual.worker import WorkerCancelled

from searchkeeper.core.records import WeekRecord
from searchkeeper.core.scoring import UNREADABLE, momentum, score_weeks, summarise
from searchkeeper.core.weeks import Week
from searchkeeper.storage.config import builtin_catalogue
from searchkeeper.tui.app import SearchkeeperApp

GOOD_WEEKS = ("2026-W44", "2026-W45", "2026-W47")
BROKEN_WEEK = "2026-W46"
BROKEN = b"format: 1\nweek: 2026-W46\npractices:\n  reconnect: {state: maybe}\n"


def W(key: str) -> Week:
    return Week.parse(key)


def full_week(key: str) -> WeekRecord:
    week = W(key)
    record = WeekRecord(week)
    for practice_id in (*WEEKLY, "local-number"):
        record.tick(practice_id, week.day(2))
    return record


def write_history(space) -> bytes:
    """Three full weeks around a broken one; returns the broken file's bytes."""
    for key in GOOD_WEEKS:
        space.journal.write(full_week(key))
    path = space.journal.path_for(W(BROKEN_WEEK))
    path.write_bytes(BROKEN)
    return BROKEN


# the core ----------------------------------------------------------------------------


def test_an_unreadable_week_is_neutral_in_the_streak_and_the_momentum() -> None:
    catalogue = builtin_catalogue()
    records = {W(key): full_week(key) for key in GOOD_WEEKS}
    broken = {W(BROKEN_WEEK)}
    summary = summarise(records, catalogue, W("2026-W48"), unreadable=broken)
    assert (summary.streak, summary.longest) == (3, 3)
    score = summary.score_for(W(BROKEN_WEEK))
    assert score.unreadable and score.neutral and score.label == "?"
    assert set(score.outcomes.values()) == {UNREADABLE}
    assert summary.practice_streaks["reconnect"] == 3  # a practice's own run holds too
    away = dict(records)
    away[W(BROKEN_WEEK)] = WeekRecord(W(BROKEN_WEEK), away=True)
    assert summary.momentum == summarise(away, catalogue, W("2026-W48")).momentum  # held still
    # without being told, the week is empty and breaks the streak: the old behaviour
    assert summarise(records, catalogue, W("2026-W48")).streak == 1


def test_an_unreadable_week_keeps_standing_practices_and_does_not_miss_a_monthly_one() -> None:
    catalogue = builtin_catalogue()
    first = WeekRecord(W("2026-W45"))
    first.tick("local-number", date(2026, 11, 4))
    records = {first.week: first, W("2026-W48"): WeekRecord(W("2026-W48"))}
    scores = score_weeks(records, catalogue, W("2026-W48"), unreadable={W("2026-W46")})
    last = scores[-1]
    assert last.outcomes["local-number"] == "met"  # carried across the unknown week
    # November's last week: refer-talent may have been done in the unreadable week
    assert last.outcomes["refer-talent"] == "not-counted"
    known = score_weeks(records, catalogue, W("2026-W48"))
    assert known[-1].outcomes["refer-talent"] == "missed"


def test_an_unreadable_week_before_the_first_readable_one_does_not_add_empty_weeks() -> None:
    catalogue = builtin_catalogue()
    records = {W("2026-W47"): full_week("2026-W47")}
    summary = summarise(records, catalogue, W("2026-W48"), unreadable={W("2026-W40")})
    assert summary.scores[0].week == W("2026-W47")
    assert summary.momentum == momentum(summary.scores) == 100


def test_only_a_file_in_its_own_place_makes_a_week_unreadable(space) -> None:
    path = space.journal.path_for(W(BROKEN_WEEK))
    path.parent.mkdir(parents=True)
    path.write_bytes(BROKEN)
    stray = path.parent.parent / "2025" / "2026-W45.yaml"  # misfiled: the week itself is fine
    stray.parent.mkdir()
    stray.write_text("format: 1\nweek: 2026-W45\n")
    history = space.journal.load_all()
    assert len(history.problems) == 2
    assert history.broken_weeks == {W(BROKEN_WEEK)}


# the command line ----------------------------------------------------------------------


def test_status_keeps_the_streak_across_a_broken_week_and_leaves_the_file_alone(cli, space) -> None:
    raw = write_history(space)
    path = space.journal.path_for(W(BROKEN_WEEK))
    status = cli("status")
    assert status.code == 0
    assert "streak 3 (best 3)" in status.out and "1 unreadable file" in status.out
    assert path.read_bytes() == raw


def test_reports_mark_the_unreadable_week(cli, space) -> None:
    raw = write_history(space)
    text = cli("report", "--weeks", "5")
    assert text.code == 0
    line = next(line for line in text.out.splitlines() if line.startswith(BROKEN_WEEK))
    assert "unreadable" in line
    assert "streak 3 (best 3)" in text.out
    assert "left out of this report" in text.err and BROKEN_WEEK in text.err
    markdown = cli("report", "--weeks", "5", "--format", "markdown").out
    assert "unreadable" in next(line for line in markdown.splitlines() if BROKEN_WEEK in line)
    weeks = {w["week"]: w for w in json.loads(cli("report", "--weeks", "5", "--format", "json").out)["weeks"]}
    assert weeks[BROKEN_WEEK]["unreadable"] is True and weeks[BROKEN_WEEK]["percent"] is None
    assert weeks["2026-W47"]["unreadable"] is False
    rows = {r["week"]: r for r in csv.DictReader(io.StringIO(cli("report", "--format", "csv").out))}
    assert rows[BROKEN_WEEK]["unreadable"] == "yes" and rows[BROKEN_WEEK]["reconnect"] == "unreadable"
    assert space.journal.path_for(W(BROKEN_WEEK)).read_bytes() == raw


def test_the_week_report_does_not_count_the_broken_week_before_it(cli, space) -> None:
    write_history(space)
    review = json.loads(cli("report", "--week", "2026-W47", "--format", "json").out)
    assert review["streak"] == {"before": 2, "after": 3, "longest": 3}
    assert review["last_week_percent"] is None


# the dashboard -----------------------------------------------------------------------


async def settle(pilot) -> None:
    for _ in range(3):
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
            break
    await pilot.pause()


async def test_the_dashboard_keeps_the_streak_and_shows_the_unknown_week(space) -> None:
    raw = write_history(space)
    app = SearchkeeperApp(space)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        scorecard = str(app.screen.query_one("#scorecard").render())
        assert "Streak 3 weeks" in scorecard
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert "file unreadable: not counted" in str(app.screen.query_one("#scorecard").render())
        await pilot.press("space", "x", "w")
        await pilot.press("c")
        bars = str(app.screen.query_one("#chart-bars").render())
        assert "?" in bars and "? unreadable" in bars
        grid = str(app.screen.query_one("#practice-grid").render())
        assert "? unreadable file" in grid
    assert space.journal.path_for(W(BROKEN_WEEK)).read_bytes() == raw


def test_status_on_a_broken_week_says_unreadable_not_zero(cli, space) -> None:
    path = space.journal.path_for(W("2026-W48"))
    path.parent.mkdir(parents=True)
    path.write_bytes(BROKEN.replace(b"W46", b"W48"))
    status = cli("status")
    assert status.code == 0
    assert status.out.startswith("2026-W48 · unreadable · streak 0"), status.out
