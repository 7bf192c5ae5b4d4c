"""config.yaml: settings, the user's own catalogue, and saving one setting safely."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import read_yaml

from searchkeeper.core.errors import ConfigError, UnknownPractice
from searchkeeper.storage.config import builtin_catalogue, load_settings, save_setting


def test_no_config_file_means_defaults(config_dir: Path) -> None:
    settings = load_settings(config_dir)
    assert settings.threshold == 0.6
    assert settings.audit_day == 4  # Friday
    assert settings.theme is None
    assert len(settings.catalogue) == 13
    assert settings.path == config_dir / "config.yaml"


def test_an_empty_config_file_means_defaults(write_config, config_dir: Path) -> None:
    write_config("# nothing yet\n")
    assert load_settings(config_dir).threshold == 0.6


@pytest.mark.parametrize(
    ("written", "threshold"),
    [("60", 0.6), ("75", 0.75), ("0.5", 0.5), ("100", 1.0), ("1", 0.01), ("62.5", 0.625)],
)
def test_threshold_is_a_percentage_or_a_fraction(write_config, config_dir: Path, written, threshold) -> None:
    write_config(f"threshold: {written}\n")
    assert load_settings(config_dir).threshold == pytest.approx(threshold)


@pytest.mark.parametrize(("written", "day"), [("friday", 4), ("Monday", 0), ("sun", 6), (" Wed ", 2)])
def test_audit_day_by_name(write_config, config_dir: Path, written: str, day: int) -> None:
    write_config(f"audit_day: '{written}'\n")
    assert load_settings(config_dir).audit_day == day


BAD = {
    "unknown key": ("threshold: 60\ncolour: blue\n", 2, "unknown setting 'colour'"),
    "threshold 150": ("# mine\n\nthreshold: 150\n", 3, "'threshold' must be a percentage"),
    "threshold zero": ("threshold: 0\n", 1, "'threshold' must be a percentage"),
    "threshold text": ("threshold: high\n", 1, "'threshold' must be a percentage"),
    "threshold bool": ("threshold: yes\n", 1, "'threshold' must be a percentage"),
    "audit day": ("audit_day: someday\n", 1, "'audit_day' must be a day name"),
    "ambiguous day": ("audit_day: t\n", 1, "'audit_day' must be a day name"),
    "theme not text": ("theme: [a, b]\n", 1, "'theme' must be a theme name"),
    "not a mapping": ("- threshold: 60\n", 1, "must be a mapping of settings"),
    "bad cadence": (
        "practices:\n  recorded-answers:\n    cadence: yearly\n",
        3,
        "practice 'recorded-answers': cadence must be one of weekly, monthly, standing",
    ),
    "bad group": ("practices:\n  portfolio:\n    title: P\n    group: hobbies\n", 4, "group must be one of"),
    "unknown practice key": ("practices:\n  reconnect:\n    colour: red\n", 3, "unknown key 'colour'"),
    "practices a list": ("practices:\n- reconnect\n", 2, "'practices' must be a mapping"),
    "new practice without title": (
        "practices:\n  portfolio:\n    cadence: weekly\n",
        3,
        "needs at least a title",
    ),
    "retired not bool": (
        "practices:\n  reconnect:\n    retired: maybe\n",
        3,
        "'retired' must be true or false",
    ),
    "bad id": ("practices:\n  'my practice!':\n    title: X\n", 3, "must be letters, digits and dashes"),
    "title not text": ("practices:\n  reconnect:\n    title: [x]\n", 3, "'title' must be text"),
    "bad yaml": ("threshold: 60\ntheme: [unclosed\n", 3, ""),
    "python tag": ("theme: !!python/name:os.system\n", 1, "tag"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_config_names_file_key_and_line(case: str, write_config, config_dir: Path) -> None:
    text, line, reason = BAD[case]
    path = write_config(text)
    with pytest.raises(ConfigError) as caught:
        load_settings(config_dir)
    problem = caught.value
    assert problem.path == path
    assert problem.line == line, str(problem)
    assert reason in problem.reason
    assert str(problem).startswith(f"{path}:{line}: ")
    assert "\n" not in str(problem)


def test_reword_recadence_retire_and_add(write_config, config_dir: Path) -> None:
    write_config(
        """\
practices:
  marketing-plan:
    title: Show my plan to someone
    question: Did you show your plan to someone new?
  recorded-answers:
    cadence: monthly
  local-number:
    retired: true
  portfolio:
    group: habits
    title: Update the portfolio
    why: Fresh work shows you are active.
"""
    )
    catalogue = load_settings(config_dir).catalogue
    plan = catalogue["marketing-plan"]
    assert plan.title == "Show my plan to someone"
    assert plan.question == "Did you show your plan to someone new?"
    assert plan.why == builtin_catalogue()["marketing-plan"].why  # what was not reworded stays
    assert plan.builtin
    assert catalogue["recorded-answers"].cadence == "monthly"
    assert catalogue["local-number"].retired
    assert "local-number" not in [p.id for p in catalogue.active]
    assert "local-number" in catalogue  # history still has somewhere to point
    portfolio = catalogue["portfolio"]
    assert (portfolio.group, portfolio.cadence, portfolio.builtin) == ("habits", "weekly", False)
    assert portfolio.question == "Update the portfolio?"
    assert portfolio in catalogue.group("habits")
    assert len(catalogue) == 13  # 13 - 1 retired + 1 added
    # the shipped catalogue is untouched
    assert not builtin_catalogue()["local-number"].retired


def test_resolve_by_id_and_by_unique_prefix() -> None:
    catalogue = builtin_catalogue()
    assert catalogue.resolve("reconnect").id == "reconnect"
    assert catalogue.resolve("out").id == "out-of-industry-event"
    assert catalogue.resolve("recon").id == "reconnect"


def test_resolve_ambiguous_lists_every_candidate() -> None:
    with pytest.raises(UnknownPractice) as caught:
        builtin_catalogue().resolve("re")
    assert caught.value.candidates == ["refer-talent", "reconnect", "recorded-answers"]
    assert "refer-talent, reconnect, recorded-answers" in str(caught.value)


def test_resolve_unknown_suggests_close_ids() -> None:
    with pytest.raises(UnknownPractice) as caught:
        builtin_catalogue().resolve("reconect")
    assert "reconnect" in caught.value.candidates
    assert "did you mean reconnect" in str(caught.value)
    with pytest.raises(UnknownPractice) as caught:
        builtin_catalogue().resolve("zzz")
    assert caught.value.candidates == []
    assert "searchkeeper practices" in str(caught.value)


def test_resolve_refuses_a_retired_practice(write_config, config_dir: Path) -> None:
    write_config("practices:\n  local-number: {retired: true}\n")
    catalogue = load_settings(config_dir).catalogue
    with pytest.raises(UnknownPractice, match="retired"):
        catalogue.resolve("local-number")
    with pytest.raises(UnknownPractice):
        catalogue.resolve("local")


# save_setting ---------------------------------------------------------------------


def test_save_setting_creates_the_file(config_dir: Path) -> None:
    path = save_setting(config_dir, "theme", "searchkeeper-light")
    assert read_yaml(path) == {"theme": "searchkeeper-light"}
    assert load_settings(config_dir).theme == "searchkeeper-light"


def test_save_setting_keeps_other_keys_and_comments(write_config, config_dir: Path) -> None:
    path = write_config(
        """\
# My searchkeeper settings
threshold: 70          # a stricter week
theme: searchkeeper-dark
practices:
  local-number: {retired: true}   # I work remotely
"""
    )
    save_setting(config_dir, "theme", "searchkeeper-light")
    assert path.read_text(encoding="utf-8") == (
        """\
# My searchkeeper settings
threshold: 70          # a stricter week
theme: searchkeeper-light
practices:
  local-number: {retired: true}   # I work remotely
"""
    )
    save_setting(config_dir, "audit_day", "thursday")
    text = path.read_text(encoding="utf-8")
    assert text.endswith("# I work remotely\naudit_day: thursday\n")
    settings = load_settings(config_dir)
    assert (settings.threshold, settings.audit_day, settings.theme) == (0.7, 3, "searchkeeper-light")
    assert settings.catalogue["local-number"].retired


def test_save_setting_quotes_what_needs_quoting(write_config, config_dir: Path) -> None:
    write_config("theme: plain  # keep me\n")
    save_setting(config_dir, "theme", "dark # not a comment")
    assert load_settings(config_dir).theme == "dark # not a comment"
    assert "# keep me" in (config_dir / "config.yaml").read_text()


def test_save_setting_refuses_to_rewrite_a_broken_file(write_config, config_dir: Path) -> None:
    for raw in (b"theme: [unclosed\n", b"- a list\n", b"threshold: 60\ntheme: caf\xe9\n"):
        path = write_config("")
        path.write_bytes(raw)
        before = path.read_bytes()
        with pytest.raises(ConfigError) as caught:
            save_setting(config_dir, "theme", "searchkeeper-light")
        assert caught.value.path == path
        assert path.read_bytes() == before


def test_save_setting_refuses_a_value_the_config_would_not_load(write_config, config_dir: Path) -> None:
    path = write_config("threshold: 60\n")
    with pytest.raises(ConfigError, match="not saved"):
        save_setting(config_dir, "threshold", 150)
    with pytest.raises(ConfigError, match="unknown setting"):
        save_setting(config_dir, "colour", "blue")
    assert path.read_text() == "threshold: 60\n"
    assert sorted(p.name for p in config_dir.iterdir()) == ["config.yaml"]  # no temporary left
