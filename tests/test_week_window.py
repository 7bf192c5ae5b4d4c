"""The weeks ``--week`` takes (issue 14, #2).

``tick --week next``, ``--week 2027-W10`` and ``--week 1900-W01`` all went through, and
one stray tick in 1900 or 2020 made every week since a 0% week. A command that changes
a week (tick, excuse, audit) takes this week and the 52 before it, or back to the
journal's first week, or any week from 1900 with ``--force``; ``away`` may also plan
a year ahead. ``report --week`` reads any week from 1900 to 2100. ``weeks.refusal``
decides, and says which weeks are taken.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from searchkeeper.cli.main import run
from searchkeeper.core.weeks import Week, allowed_weeks, from_words, refusal

W = Week.parse
THIS = W("2026-W48")


def week_file(data_dir: Path, key: str) -> Path:
    return data_dir / "journal" / key[:4] / f"{key}.yaml"


# the rule -----------------------------------------------------------------------------


def test_the_weeks_a_change_takes() -> None:
    assert allowed_weeks(THIS) == (W("2025-W48"), THIS)
    assert allowed_weeks(THIS, ahead=True) == (W("2025-W48"), W("2027-W47"))
    assert allowed_weeks(THIS, first=W("2024-W10")) == (W("2024-W10"), THIS)
    assert allowed_weeks(THIS, first=W("2026-W40")) == (W("2025-W48"), THIS)  # a year back, always
    assert allowed_weeks(THIS, force=True) == (W("1900-W01"), THIS)
    assert refusal(THIS, THIS, "tick") is None
    assert refusal(W("2025-W48"), THIS, "tick") is None
    assert refusal(W("2026-W49"), THIS, "away", ahead=True) is None


def test_the_refusal_names_the_weeks_taken() -> None:
    assert refusal(W("2027-W10"), THIS, "tick") == (
        "week 2027-W10 is after this week (2026-W48); tick takes 2025-W48 … 2026-W48"
    )
    assert refusal(W("2020-W01"), THIS, "excuse", first=W("2024-W10")) == (
        "week 2020-W01 is before the journal's first week (2024-W10); "
        "excuse takes 2024-W10 … 2026-W48, or --force for an older week"
    )
    assert refusal(W("2025-W47"), THIS, "tick") == (
        "week 2025-W47 is more than a year before this week (2026-W48); "
        "tick takes 2025-W48 … 2026-W48, or --force for an older week"
    )
    assert refusal(W("2027-W48"), THIS, "away", ahead=True) == (
        "week 2027-W48 is more than a year after this week (2026-W48); away takes 2025-W48 … 2027-W47"
    )


def test_words_and_keys_in_any_case() -> None:
    assert from_words(None, THIS) == THIS
    assert from_words(" Last ", THIS) == W("2026-W47")
    assert from_words("NEXT", THIS) == W("2026-W49")
    assert from_words("2026-w47", THIS) == W("2026-W47")
    with pytest.raises(ValueError, match="'soon' is not a week key like 2026-W47"):
        from_words("soon", THIS)
    with pytest.raises(ValueError, match="^2026 has no week 60: weeks run 1–53$"):
        from_words("2026-W60", THIS)
    with pytest.raises(ValueError, match="^2025 has no week 53: weeks run 1–52$"):
        from_words("2025-W53", THIS)


# through the command line --------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["tick", "reconnect", "--week", "next"], "week 2026-W49 is after this week (2026-W48); tick takes"),
        (
            ["tick", "reconnect", "--week", "2027-W10"],
            "week 2027-W10 is after this week (2026-W48); tick takes 2025-W48 … 2026-W48\n",
        ),
        (["tick", "reconnect", "--week", "1900-W01"], "week 1900-W01 is more than a year before this week"),
        (["tick", "reconnect", "--week", "2020-W01"], "tick takes 2025-W48 … 2026-W48"),
        (["excuse", "out-of", "--week", "next"], "excuse takes 2025-W48 … 2026-W48"),
        (["tick", "reconnect", "--week", "2027-W10", "--force"], "tick takes 1900-W01 … 2026-W48"),
        (["away", "--week", "2028-W10"], "away takes 2025-W48 … 2027-W47"),
        (["tick", "reconnect", "--week", "2026-W60"], "2026 has no week 60: weeks run 1–53"),
    ],
)
def test_a_week_out_of_range_is_refused_and_nothing_written(cli, data_dir: Path, argv, words) -> None:
    result = cli(*argv)
    assert result.code == 1
    assert words in result.err
    assert result.err.count("\n") == 1
    assert not (data_dir / "journal").exists()


def test_audit_refuses_a_later_week_before_the_dashboard_opens(data_dir: Path, capsys) -> None:
    opened = []

    def dashboard(space, screen=None, week=None) -> int:
        opened.append(week)
        return 0

    code = run(["--data-dir", str(data_dir), "audit", "--week", "2027-W10"], dashboard=dashboard)
    assert code == 1 and opened == []
    assert "week 2027-W10 is after this week (2026-W48); audit takes" in capsys.readouterr().err
    assert run(["--data-dir", str(data_dir), "audit", "--week", "last"], dashboard=dashboard) == 0
    assert opened == [W("2026-W47")]


def test_an_old_week_takes_force_and_then_the_journal_reaches_back(cli, data_dir: Path) -> None:
    assert cli("tick", "reconnect", "--week", "2020-W05").code == 1
    forced = cli("tick", "reconnect", "--week", "2020-W05", "--force")
    assert forced.code == 0, forced.err
    assert week_file(data_dir, "2020-W05").exists()
    assert cli("tick", "reconnect", "--week", "2021-W10").code == 0  # after the journal's first week
    refused = cli("excuse", "reconnect", "--week", "2019-W01")
    assert refused.code == 1
    assert "before the journal's first week (2020-W05); excuse takes 2020-W05 … 2026-W48" in refused.err


def test_a_stray_week_leaves_the_streak_alone(cli, data_dir: Path) -> None:
    for key in ("2026-W46", "2026-W47"):
        for practice in ("reconnect", "give", "lead", "out-of", "recorded", "asked", "three", "no-job"):
            assert cli("tick", practice, "--week", key).code == 0
    before = cli("status").out
    assert "streak 2" in before
    for key in ("1900-W01", "2020-W01", "next"):
        assert cli("tick", "reconnect", "--week", key).code == 1
    assert cli("status").out == before


def test_lowercase_keys_and_this_week_are_taken(cli, data_dir: Path) -> None:
    assert cli("tick", "reconnect", "--week", "2026-w47").code == 0
    assert week_file(data_dir, "2026-W47").exists()
    assert cli("excuse", "out-of", "--week", "2025-W48").code == 0  # 52 weeks back
    assert cli("tick", "reconnect", "--week", "this").code == 0


def test_away_plans_ahead_within_a_year(cli, data_dir: Path) -> None:
    result = cli("away", "--week", "next", "--note", "Holiday")
    assert result.code == 0, result.err
    assert result.out.splitlines()[1].startswith("2026-W49 · away · ")
    assert cli("away", "--week", "2027-W47").code == 0
    assert week_file(data_dir, "2027-W47").exists()
    assert cli("tick", "reconnect", "--week", "2027-W47").code == 1  # a tick waits for its week


@pytest.mark.parametrize("key", ["2027-W10", "1900-W01", "2100-W52", "2026-w47"])
def test_report_reads_any_week_from_1900_to_2100(cli, key: str) -> None:
    result = cli("report", "--week", key, "--format", "json")
    assert result.code == 0, result.err


@pytest.mark.parametrize("key", ["9999-W52", "1899-W52", "2101-W01"])
def test_report_refuses_a_week_outside_1900_to_2100(cli, key: str) -> None:
    result = cli("report", "--week", key)
    assert result.code == 1
    assert f"week {key} is outside the years 1900–2100" in result.err
    assert "unexpected error" not in result.err
