"""A practice's lifespan: changing the catalogue never changes a past week's score.

The sample year of ``searchkeeper demo`` is written up to 2026-W48 and today is put in
2026-W49, so W48 and every week before it are past: adding, retiring or re-cadencing a
practice in config.yaml must leave them as they were, in every listing of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import read_yaml

from searchkeeper.core.practices import Catalogue, Practice
from searchkeeper.core.weeks import Week
from searchkeeper.storage import config
from searchkeeper.storage.sample import write_sample_history
from searchkeeper.storage.workspace import Workspace
from searchkeeper.storage.yamlfile import SaveError

W40, W48, W49 = Week.parse("2026-W40"), Week.parse("2026-W48"), Week.parse("2026-W49")


@pytest.fixture
def sample(data_dir: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo's sample history up to 2026-W48, with today in 2026-W49 (no file yet)."""
    space = Workspace.open(data_dir, config_dir)
    write_sample_history(space.journal, space.settings.catalogue, W48, weeks=52)
    monkeypatch.setenv("SEARCHKEEPER_TODAY", "2026-12-04")


def past_rows(cli) -> list[str]:
    """The range report's rows of the past weeks (before 2026-W49), and the status line's momentum."""
    result = cli("report", "--weeks", "20")
    assert result.code == 0 and result.err == ""
    rows = [
        line
        for line in result.out.splitlines()
        if line.startswith("2026-W") and not line.startswith("2026-W49")
    ]
    status = cli("status").out
    return [*rows, status.split(" · ")[3]]


def week_report(cli, week: str) -> str:
    result = cli("report", "--week", week)
    assert result.code == 0, result.err
    return result.out


def test_adding_a_practice_counts_it_from_this_week_on(sample, cli, write_config, config_dir: Path) -> None:
    before, w48 = past_rows(cli), week_report(cli, "2026-W48")
    write_config(
        "threshold: 60  # the default\n\npractices:\n  # my own\n  portfolio:\n    title: Update the portfolio\n"
    )
    assert past_rows(cli) == before
    assert week_report(cli, "2026-W48") == w48
    assert "Update the portfolio" in week_report(cli, "2026-W49")
    text = (config_dir / "config.yaml").read_text(encoding="utf-8")
    assert text.startswith("threshold: 60  # the default\n\npractices:\n  # my own\n  portfolio:\n")
    assert read_yaml(config_dir / "config.yaml")["practices"]["portfolio"]["since"] == "2026-W49"
    assert past_rows(cli) == before  # and so it stays, read back from the file


def test_a_since_the_user_writes_counts_from_that_week(sample, cli, write_config) -> None:
    before = cli("report", "--week", "2026-W40").out
    write_config("practices:\n  portfolio: {title: Update the portfolio, since: 2026-W41}\n")
    assert cli("report", "--week", "2026-W40").out == before
    assert "Update the portfolio" in week_report(cli, "2026-W41")


def test_retiring_a_practice_keeps_it_in_the_weeks_before(
    sample, cli, write_config, config_dir: Path
) -> None:
    before, w48 = past_rows(cli), week_report(cli, "2026-W48")
    assert "A local phone number" in w48
    write_config("practices:\n  local-number: {retired: true}   # I work remotely\n")
    assert past_rows(cli) == before
    assert week_report(cli, "2026-W48") == w48  # its score and its row
    assert "A local phone number" not in week_report(cli, "2026-W49")
    text = (config_dir / "config.yaml").read_text(encoding="utf-8")
    assert "retired: 2026-W49" in text and "# I work remotely" in text
    assert cli("practices").out.count("retired") == 1


def test_a_recadence_applies_from_the_week_it_was_made(sample, cli, write_config, config_dir: Path) -> None:
    before = past_rows(cli)
    write_config("practices:\n  recorded-answers:\n    cadence: monthly   # once a month is enough\n")
    assert past_rows(cli) == before
    saved = read_yaml(config_dir / "config.yaml")["practices"]["recorded-answers"]
    assert saved == {"cadence": "monthly", "cadences": {"2026-W49": "monthly"}}
    assert "# once a month is enough" in (config_dir / "config.yaml").read_text(encoding="utf-8")


def test_a_recadence_of_ones_own_practice_keeps_its_history(
    sample, cli, write_config, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEARCHKEEPER_TODAY", "2026-10-02")  # 2026-W40
    write_config("practices:\n  portfolio:\n    title: Update the portfolio\n")
    cli("status")
    assert read_yaml(config_dir / "config.yaml")["practices"]["portfolio"]["cadences"] == {
        "2026-W40": "weekly"
    }
    monkeypatch.setenv("SEARCHKEEPER_TODAY", "2026-12-04")
    before = past_rows(cli)
    path = config_dir / "config.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "    cadence: monthly\n", encoding="utf-8")
    assert past_rows(cli) == before
    saved = read_yaml(path)["practices"]["portfolio"]
    assert saved["cadences"] == {"2026-W40": "weekly", "2026-W49": "monthly"}


def test_a_config_that_cannot_be_written_still_counts_from_this_week(
    sample, cli, write_config, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = past_rows(cli)
    text = "practices:\n  portfolio: {title: Update the portfolio}\n"
    path = write_config(text)

    def refuse(*_: object) -> None:
        raise SaveError(path, "the file system is read-only")

    monkeypatch.setattr(config, "atomic_write", refuse)
    assert past_rows(cli) == before
    assert path.read_text(encoding="utf-8") == text


def test_no_journal_no_rewrite(cli, write_config) -> None:
    text = "practices:\n  portfolio: {title: Update the portfolio}\n  local-number: {retired: true}\n"
    path = write_config(text)
    assert cli("practices").code == 0
    assert path.read_text(encoding="utf-8") == text


def test_the_rule_of_a_week_is_in_the_catalogue() -> None:
    base = {"group": "habits", "question": "?", "why": ""}
    added = Practice("added", title="Added", since=W48, **base)
    retired = Practice("gone", title="Gone", retired=True, until=W49, **base)
    recadenced = Practice("slow", title="Slow", cadence="monthly", earlier=((W49, "weekly"),), **base)
    catalogue = Catalogue([added, retired, recadenced])
    assert [p.id for p in catalogue.in_week(W40)] == ["gone", "slow"]
    assert [(p.id, p.cadence) for p in catalogue.in_week(W48)] == [
        ("added", "weekly"),
        ("gone", "weekly"),
        ("slow", "weekly"),
    ]
    assert [(p.id, p.cadence) for p in catalogue.in_week(W49)] == [("added", "weekly"), ("slow", "monthly")]
    assert [p.id for p in catalogue.in_any([W40, W49])] == ["added", "gone", "slow"]
