"""A week in the year 9999 (issue 13, #12).

``tick --week 9999-W52`` was taken; afterwards every command that scores the journal
ran off the end of the calendar (``OverflowError``, exit 70), the dashboard died and
``check`` found nothing wrong. A hand-written ``9999-W01`` made every ``status`` score
each week from now to the year 9999. A week that far ahead is refused on input, named
by ``check``, never counted, and scoring stops at the current week. A partner's touch
dated 9999 is a problem in ``partners.yaml`` like any other bad value.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import settle

from searchkeeper.core import scoring
from searchkeeper.core.weeks import Week
from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui.app import SearchkeeperApp
from searchkeeper.tui.screens.week import WeekScreen


def far_week(data_dir: Path, key: str) -> Path:
    """A week file written by hand (far in the future, mostly), with a tick in it."""
    path = data_dir / "journal" / key[:4] / f"{key}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"format: 1\nweek: {key}\npractices:\n  reconnect: true\n", encoding="utf-8")
    return path


def test_a_tick_in_9999_is_refused(cli, data_dir: Path) -> None:
    result = cli("tick", "reconnect", "--week", "9999-W52")
    assert result.code == 1
    assert "week 9999-W52 is after this week (2026-W48); tick takes 2025-W48 … 2026-W48" in result.err
    assert not (data_dir / "journal").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["status"],
        ["report"],
        ["report", "--format", "json"],
        ["tick", "reconnect"],
        ["partners"],
        ["touch", "Ana"],
    ],
)
def test_commands_still_work_beside_a_week_in_9999(cli, data_dir: Path, argv: list[str]) -> None:
    assert cli("partners", "add", "Ana Ruiz", "--kind", "former-boss", "--rhythm", "key").code == 0
    far_week(data_dir, "9999-W52")
    result = cli(*argv)
    assert result.code == 0, result.err
    assert "unexpected error" not in result.err


def test_check_names_the_far_week_and_it_is_not_counted(cli, data_dir: Path) -> None:
    path = far_week(data_dir, "9999-W01")
    assert cli("tick", "reconnect").code == 0
    checked = cli("check")
    assert checked.code == 1
    assert f"{path}: week 9999-W01 is in the future; it is not counted" in checked.err
    status = cli("status")
    assert status.code == 0
    assert status.out.startswith("2026-W48 · 1/13 8% ")  # the far tick is not this week's, nor anyone's
    assert "1 unreadable file(s): run 'searchkeeper check'" in status.out


def test_status_scores_no_week_after_this_one(cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    far_week(data_dir, "9999-W01")
    far_week(data_dir, "2026-W40")  # by hand too: no status line is kept yet, status scores
    scored: list[Week] = []
    score_weeks = scoring.score_weeks

    def counting(*args, **kwargs):
        scores = score_weeks(*args, **kwargs)
        scored.extend(score.week for score in scores)
        return scores

    monkeypatch.setattr(scoring, "score_weeks", counting)
    result = cli("status")
    assert result.code == 0
    assert scored and max(scored) == Week.parse("2026-W48")
    assert len(scored) <= 9  # 2026-W40 … 2026-W48, not every week to the year 9999


def test_a_week_planned_ahead_is_read_but_not_scored(cli, data_dir: Path) -> None:
    assert cli("away", "--week", "2027-W20", "--note", "Trek").code == 0
    assert cli("check").code == 0
    space = Workspace.open(data_dir)
    assert Week.parse("2027-W20") in space.history().records
    assert space.summary().scores[-1].week == space.this_week


async def test_the_dashboard_starts_beside_a_week_in_9999(space: Workspace, data_dir: Path) -> None:
    far_week(data_dir, "9999-W52")
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
        assert app.screen.week == space.this_week
        warning = str(app.screen.query_one("#warning").render())
        assert "journal/9999/9999-W52.yaml: week 9999-W52 is in the future" in warning
        await pilot.press("space")  # a tick still saves
        await settle(pilot)
    assert app.return_code in (None, 0)


PARTNER_IN_9999 = """format: 1
partners:
  - name: Ana Ruiz
    rhythm: 6w
    touches:
      - date: 9999-12-31
"""


def test_a_touch_dated_9999_is_named_not_a_crash(cli, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / "partners.yaml"
    path.write_text(PARTNER_IN_9999, encoding="utf-8")
    assert cli("status").code == 0
    assert cli("tick", "reconnect").code == 0
    for argv in (["partners"], ["touch", "Ana"], ["check"]):
        result = cli(*argv)
        assert result.code == 1, argv
        assert f"{path}:6: the touch date 9999-12-31 is not in the years 1900–2100" in result.err, argv
    assert path.read_text(encoding="utf-8") == PARTNER_IN_9999  # never rewritten


def test_a_touch_before_1900_is_refused_on_input(cli, data_dir: Path) -> None:
    assert cli("partners", "add", "Ana Ruiz", "--kind", "former-boss", "--rhythm", "key").code == 0
    result = cli("touch", "Ana", "--date", "1000-01-01")
    assert result.code == 1 and "1000-01-01 is before 1900" in result.err
    assert cli("partners").code == 0  # the file still reads
