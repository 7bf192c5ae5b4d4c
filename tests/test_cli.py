"""The command line through its real entry points: ``run([...])`` and ``python -m searchkeeper``.

"Today" is pinned to Friday 2026-11-27 (2026-W48, the last week of November) by conftest.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import TODAY, WEEKLY, read_yaml

from searchkeeper import __version__
from searchkeeper.cli.main import run

THIS_WEEK = "2026-W48"


def week_file(data_dir: Path, key: str = THIS_WEEK) -> Path:
    return data_dir / "journal" / key[:4] / f"{key}.yaml"


def one_error_line(err: str) -> str:
    """stderr of a failed command: exactly one line, the program's name first, no traceback."""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("searchkeeper: ")
    return lines[0]


# tick ----------------------------------------------------------------------------


def test_tick_by_prefix_with_a_note_writes_the_week(cli, data_dir: Path) -> None:
    result = cli("tick", "recon", "--note", "Coffee with Ana")
    assert result.code == 0, result.err
    assert result.err == ""
    first, status = result.out.splitlines()
    assert first == "2026-W48: reconnect done — Coffee with Ana"
    assert status.startswith("2026-W48 · 1/13 8% · streak 0")
    data = read_yaml(week_file(data_dir))
    assert data["week"] == THIS_WEEK
    assert data["practices"]["reconnect"] == {"state": "done", "date": TODAY, "note": "Coffee with Ana"}


def test_tick_again_keeps_the_note_and_undo_unticks(cli, data_dir: Path) -> None:
    cli("tick", "reconnect", "--note", "Coffee with Ana")
    assert cli("tick", "reconnect").code == 0
    assert read_yaml(week_file(data_dir))["practices"]["reconnect"]["note"] == "Coffee with Ana"
    result = cli("tick", "reconnect", "--undo")
    assert result.code == 0
    assert result.out.splitlines()[0] == "2026-W48: reconnect unticked"
    entry = read_yaml(week_file(data_dir))["practices"]["reconnect"]
    assert entry == {"state": "missed", "note": "Coffee with Ana"}


def test_ambiguous_prefix_lists_the_candidates_and_writes_nothing(cli, data_dir: Path) -> None:
    result = cli("tick", "re")
    assert result.code == 1
    line = one_error_line(result.err)
    assert "refer-talent" in line and "reconnect" in line and "recorded-answers" in line
    assert result.out == ""
    assert not week_file(data_dir).exists()


def test_unknown_practice(cli, data_dir: Path) -> None:
    result = cli("tick", "networking")
    assert result.code == 1
    assert "no practice matches 'networking'" in one_error_line(result.err)
    result = cli("tick", "reconect")
    assert "did you mean reconnect" in one_error_line(result.err)
    assert not week_file(data_dir).exists()


def test_tick_last_week_and_a_named_week(cli, data_dir: Path) -> None:
    assert cli("tick", "out", "--week", "last").code == 0
    # not this week: dated on that week's audit day (Friday)
    assert read_yaml(week_file(data_dir, "2026-W47"))["practices"]["out-of-industry-event"]["date"] == date(
        2026, 11, 20
    )
    assert cli("tick", "give", "--week", "2026-W01").code == 0
    assert read_yaml(week_file(data_dir, "2026-W01"))["week"] == "2026-W01"
    assert not week_file(data_dir).exists()


@pytest.mark.parametrize(
    ("week", "words"),
    [("2026-W54", "2026 has no week 54"), ("soon", "not a week key"), ("2025-W53", "no week 53")],
)
def test_bad_week_is_one_line(cli, data_dir: Path, week: str, words: str) -> None:
    result = cli("tick", "reconnect", "--week", week)
    assert result.code == 1
    assert words in one_error_line(result.err)
    assert not (data_dir / "journal").exists()


def test_usage_errors_are_one_line_and_exit_2(cli) -> None:
    for argv in (["tick"], ["tick", "reconnect", "--week"], ["report", "--format", "xml"], ["frobnicate"]):
        result = cli(*argv)
        assert result.code == 2, argv
        assert "see 'searchkeeper" in one_error_line(result.err)


# excuse / away ----------------------------------------------------------------------


def test_excuse_and_undo(cli, data_dir: Path) -> None:
    result = cli("excuse", "out", "--note", "Nothing on in town")
    assert result.code == 0
    assert result.out.splitlines()[0] == "2026-W48: out-of-industry-event excused (not counted this week)"
    # the last week of November counts 13; one excused -> 0/12
    assert " · 0/12 0% · " in result.out.splitlines()[1]
    entry = read_yaml(week_file(data_dir))["practices"]["out-of-industry-event"]
    assert entry == {"state": "excused", "note": "Nothing on in town"}
    result = cli("excuse", "out", "--undo")
    assert result.code == 0
    assert " · 0/13 0% · " in result.out.splitlines()[1]
    # the note stays, the excuse goes
    assert read_yaml(week_file(data_dir))["practices"]["out-of-industry-event"] == {
        "note": "Nothing on in town"
    }


def test_excuse_undo_leaves_a_tick_alone(cli, data_dir: Path) -> None:
    cli("tick", "reconnect")
    assert cli("excuse", "reconnect", "--undo").code == 0
    assert read_yaml(week_file(data_dir))["practices"]["reconnect"]["state"] == "done"


def test_away_and_undo(cli, data_dir: Path) -> None:
    cli("tick", "reconnect", "--week", "2026-W46")
    result = cli("away", "--week", "2026-W46", "--note", "Holiday")
    assert result.code == 0
    assert "2026-W46: away" in result.out
    data = read_yaml(week_file(data_dir, "2026-W46"))
    assert (data["away"], data["away_note"]) == (True, "Holiday")
    assert data["practices"]["reconnect"]["state"] == "done"  # kept for when it counts again
    report = json.loads(cli("report", "--format", "json", "--weeks", "3").out)
    assert [w["away"] for w in report["weeks"]] == [True, False, False]
    result = cli("away", "--week", "2026-W46", "--undo")
    assert result.code == 0
    data = read_yaml(week_file(data_dir, "2026-W46"))
    assert data["away"] is False and "away_note" not in data
    assert data["practices"]["reconnect"]["state"] == "done"


def test_status_shows_away_for_an_away_week(cli) -> None:
    cli("away")
    line = cli("status").out.strip()
    assert line.startswith("2026-W48 · away · ")


# status ------------------------------------------------------------------------------


def _good_week(cli, key: str) -> None:
    for practice in WEEKLY[:7]:
        assert cli("tick", practice, "--week", key).code == 0


def test_status_is_one_line_with_week_score_streak_momentum_and_audit(cli) -> None:
    _good_week(cli, "2026-W46")  # 7/10
    _good_week(cli, "2026-W47")  # 7/10
    cli("tick", "reconnect")  # this week so far: 1/13
    result = cli("status")
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert len(lines) == 1
    parts = lines[0].split(" · ")
    assert parts[0] == THIS_WEEK
    assert parts[1] == "1/13 8%"
    assert parts[2] == "streak 2 (best 2)"  # the week in progress does not break it
    # momentum: 70 then 70 -> 70; this week (8%) cannot pull it down while in progress
    assert parts[3] == "momentum 70"
    assert parts[4]  # the audit state, e.g. that Friday is the audit day


def test_status_names_unreadable_files_and_keeps_going(cli, data_dir: Path) -> None:
    _good_week(cli, "2026-W47")
    broken = week_file(data_dir, "2026-W46")
    broken.write_text("week: 2026-W46\npractices: [oops\n")
    result = cli("status")
    assert result.code == 0
    assert "1 unreadable file(s)" in result.out
    assert "streak 1" in result.out


# report ------------------------------------------------------------------------------


@pytest.fixture
def history(cli) -> None:
    """W45 7/10, W46 1/10, W47 away, W48 (in progress) 1/12: streak 0, best 1.

    Momentum: 0.7, then 0.7 + a(0.1 - 0.7) = 0.524 with a = 1 - 2^-1/2; W47 and W48 hold it: 52.
    """
    _good_week(cli, "2026-W45")
    cli("tick", "reconnect", "--week", "2026-W46", "--note", "Lunch, with a comma")
    cli("away", "--week", "2026-W47")
    cli("tick", "reconnect")
    cli("excuse", "out")


def test_report_csv_parses(cli, history) -> None:
    result = cli("report", "--format", "csv", "--weeks", "4")
    assert result.code == 0
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert [row["week"] for row in rows] == ["2026-W45", "2026-W46", "2026-W47", THIS_WEEK]
    assert (rows[0]["met"], rows[0]["counted"], rows[0]["percent"]) == ("7", "10", "70")
    assert rows[0]["momentum_week"] == "yes"
    assert rows[2]["away"] == "yes" and rows[2]["percent"] == ""
    assert rows[3]["out-of-industry-event"] == "excused"
    assert rows[3]["reconnect"] == "met"
    assert rows[3]["counted"] == "12"


def test_report_json_parses(cli, history) -> None:
    result = cli("report", "--format", "json", "--weeks", "2")
    assert result.code == 0
    document = json.loads(result.out)
    assert [w["week"] for w in document["weeks"]] == ["2026-W47", THIS_WEEK]
    assert document["threshold"] == 60
    assert (document["streak"], document["longest_streak"], document["momentum"]) == (0, 1, 52)
    this = document["weeks"][1]
    assert this["practices"]["reconnect"]["date"] == "2026-11-27"
    assert this["practices"]["out-of-industry-event"]["outcome"] == "excused"


def test_report_json_keeps_notes(cli, history) -> None:
    document = json.loads(cli("report", "--format", "json", "--weeks", "3").out)
    assert document["weeks"][0]["practices"]["reconnect"]["note"] == "Lunch, with a comma"


def test_report_markdown_and_text(cli, history) -> None:
    markdown = cli("report", "--format", "markdown", "--weeks", "4")
    assert markdown.code == 0
    table = [line for line in markdown.out.splitlines() if line.startswith("| 2026-W")]
    assert len(table) == 4
    assert table[0].startswith("| 2026-W45 |") and "7/10" in table[0]
    assert "away" in table[2]
    text = cli("report", "--weeks", "4")
    assert text.code == 0
    assert [line.split()[0] for line in text.out.splitlines()[1:5]] == [
        "2026-W45",
        "2026-W46",
        "2026-W47",
        THIS_WEEK,
    ]
    assert "streak 0 (best 1) · momentum 52" in text.out


def test_report_weeks_bounds(cli, history) -> None:
    result = cli("report", "--weeks", "0")
    assert result.code == 1
    assert "--weeks" in one_error_line(result.err)
    huge = cli("report", "--weeks", "100000000", "--format", "csv")
    assert huge.code == 0, huge.err
    assert len(huge.out.splitlines()) == 1 + 4  # the whole history, no more


def test_report_on_an_empty_journal(cli) -> None:
    result = cli("report", "--format", "json")
    assert result.code == 0
    assert [w["week"] for w in json.loads(result.out)["weeks"]] == [THIS_WEEK]


# practices ---------------------------------------------------------------------------


def test_practices_lists_every_id(cli, write_config) -> None:
    write_config(
        "practices:\n  local-number: {retired: true}\n  portfolio: {title: Update the portfolio}\n"
        "  recorded-answers: {cadence: monthly}\n"
    )
    result = cli("practices")
    assert result.code == 0
    lines = {line.split()[0]: line for line in result.out.splitlines()}
    assert len(lines) == 14
    assert "(standing, retired)" in lines["local-number"]
    assert "(yours)" in lines["portfolio"]
    assert "(monthly)" in lines["recorded-answers"]
    assert cli("tick", "portfolio").code == 0
    assert "retired" in one_error_line(cli("tick", "local-number").err)


# check -------------------------------------------------------------------------------


def test_check_clean(cli) -> None:
    _good_week(cli, "2026-W47")
    result = cli("check")
    assert result.code == 0, result.err
    assert "1 week file" in result.out


def test_check_names_each_broken_file_and_line(cli, data_dir: Path) -> None:
    _good_week(cli, "2026-W47")
    first = week_file(data_dir, "2026-W45")
    first.write_text("format: 1\nweek: 2026-W45\npractices:\n  reconnect:\n    state: 5\n")
    second = week_file(data_dir, "2026-W46")
    second.write_text("format: 1\nweek: 2026-W46\naway: maybe\n")
    before = (first.read_bytes(), second.read_bytes())
    result = cli("check")
    assert result.code == 1
    said = result.out + result.err
    assert f"{first}:5: state must be one of" in said
    assert f"{second}:3: 'away' must be true or false" in said
    assert "Traceback" not in said
    assert (first.read_bytes(), second.read_bytes()) == before


# the program itself -------------------------------------------------------------------


def test_version_and_help_return_zero(cli) -> None:
    result = cli("--version")
    assert (result.code, result.out.strip()) == (0, f"searchkeeper {__version__}")
    result = cli("--help")
    assert result.code == 0 and "tick" in result.out and "report" in result.out
    assert cli("tick", "--help").code == 0


def test_no_command_opens_the_dashboard_given_to_run(data_dir: Path, config_dir: Path) -> None:
    opened = []

    def dashboard(space, screen=None, week=None) -> int:
        opened.append((space.data_dir, space.today, screen, week))
        return 0

    assert run(["--data-dir", str(data_dir), "--config-dir", str(config_dir)], dashboard=dashboard) == 0
    assert opened == [(data_dir, TODAY, None, None)]


def test_no_dashboard_is_a_clean_error(cli) -> None:
    result = cli()
    assert result.code == 1
    assert "dashboard" in one_error_line(result.err)


def test_a_bad_config_value_is_one_line_for_every_command(cli, write_config, data_dir: Path) -> None:
    path = write_config("threshold: 60\ncolour: blue\n")
    for argv in (["status"], ["tick", "reconnect"], ["report"], ["practices"]):
        result = cli(*argv)
        assert result.code == 0, argv  # the rest of the config is used
        line = one_error_line(result.err)
        assert f"{path}:2: unknown setting 'colour'" in line
    assert week_file(data_dir).exists()


def test_tick_into_a_broken_week_file_changes_nothing(cli, data_dir: Path) -> None:
    path = week_file(data_dir)
    path.parent.mkdir(parents=True)
    path.write_text("format: 1\nweek: 2026-W48\naway: false: true\n")
    before = path.read_bytes()
    result = cli("tick", "reconnect")
    assert result.code == 1
    assert f"{path}:3:" in one_error_line(result.err)
    assert path.read_bytes() == before


def test_a_data_dir_that_is_a_file(cli, tmp_path: Path, config_dir: Path, capsys) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("hello")
    for argv in (["status"], ["tick", "reconnect"]):
        code = run(["--data-dir", str(not_a_folder), "--config-dir", str(config_dir), *argv])
        assert code == 1
        assert "is a file, not a folder" in one_error_line(capsys.readouterr().err)
    assert not_a_folder.read_text() == "hello"


def test_a_journal_folder_that_cannot_be_written(cli, data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "journal").write_text("not a folder")
    result = cli("tick", "reconnect")
    assert result.code == 1
    one_error_line(result.err)


def test_a_week_file_that_cannot_be_read(cli, data_dir: Path) -> None:
    week_file(data_dir).mkdir(parents=True)  # a folder where the file should be
    result = cli("status")
    assert result.code == 0
    assert "1 unreadable file(s)" in result.out
    result = cli("tick", "reconnect")
    assert result.code == 1
    one_error_line(result.err)


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not stop root")
def test_an_unreadable_data_dir(cli, data_dir: Path) -> None:
    cli("tick", "reconnect")
    data_dir.chmod(0)
    try:
        for argv in (["status"], ["tick", "give"], ["report"]):
            result = cli(*argv)
            assert result.code == 1, argv
            one_error_line(result.err)
    finally:
        data_dir.chmod(0o755)


def test_bad_pinned_today_is_one_line(cli, monkeypatch) -> None:
    monkeypatch.setenv("SEARCHKEEPER_TODAY", "someday")
    result = cli("status")
    assert result.code == 1
    assert "SEARCHKEEPER_TODAY" in one_error_line(result.err)


# python -m searchkeeper, as a user's shell runs it ------------------------------------


def sk(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SEARCHKEEPER_DATA_DIR": str(tmp_path / "data"),
        "SEARCHKEEPER_CONFIG_DIR": str(tmp_path / "config"),
        "SEARCHKEEPER_TODAY": TODAY.isoformat(),
        "HOME": str(tmp_path / "home"),
    }
    env.pop("SEARCHKEEPER_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "searchkeeper", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=tmp_path,
    )


def test_subprocess_tick_status_report(tmp_path: Path) -> None:
    done = sk(tmp_path, "tick", "out-of", "--note", "Climate founders night")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith("2026-W48: out-of-industry-event done — Climate founders night\n")
    data = read_yaml(tmp_path / "data" / "journal" / "2026" / "2026-W48.yaml")
    assert data["practices"]["out-of-industry-event"]["note"] == "Climate founders night"
    status = sk(tmp_path, "status")
    assert status.returncode == 0 and status.stderr == ""
    assert status.stdout.count("\n") == 1
    assert status.stdout.startswith("2026-W48 · 1/13 8% · streak 0 (best 0) · momentum 8 · ")
    report = sk(tmp_path, "report", "--format", "json")
    assert report.returncode == 0
    assert json.loads(report.stdout)["weeks"][-1]["met"] == 1
    assert not (tmp_path / "home").exists()  # nothing went to the real home


def test_subprocess_errors_are_one_line(tmp_path: Path) -> None:
    ambiguous = sk(tmp_path, "tick", "re")
    assert ambiguous.returncode == 1 and ambiguous.stdout == ""
    assert "refer-talent, reconnect, recorded-answers" in one_error_line(ambiguous.stderr)
    bad_week = sk(tmp_path, "away", "--week", "2026-W99")
    assert bad_week.returncode == 1
    assert "no week 99" in one_error_line(bad_week.stderr)
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.yaml").write_text("practices:\n  reconnect:\n    cadence: daily\n")
    config = sk(tmp_path, "status")
    assert config.returncode == 0 and config.stdout.startswith("20")  # the shipped cadence is used
    assert "config.yaml:3: practice 'reconnect': cadence must be one of" in one_error_line(config.stderr)
    assert not (tmp_path / "data").exists()


def test_subprocess_version_and_check(tmp_path: Path) -> None:
    version = sk(tmp_path, "--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"searchkeeper {__version__}")
    broken = tmp_path / "data" / "journal" / "2026" / "2026-W47.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text("week: 2026-W47\npractices:\n  reconnect: !!python/object/apply:os.system ['true']\n")
    check = sk(tmp_path, "check")
    assert check.returncode == 1
    assert "Traceback" not in check.stderr
    assert f"{broken}:3: " in check.stdout + check.stderr
    broken.unlink()
    assert sk(tmp_path, "check").returncode == 0


def test_paths_names_each_folder_one_a_line(cli, data_dir, config_dir) -> None:
    result = cli("paths")
    folders = dict(line.split("\t") for line in result.out.splitlines())
    assert result.code == 0 and list(folders) == ["data", "config", "cache", "themes", "builtin-themes"]
    assert folders["data"] == str(data_dir) and folders["themes"] == str(config_dir / "themes")
    assert Path(folders["builtin-themes"], "searchkeeper-dark.yaml").is_file()
    assert not Path(folders["cache"]).is_relative_to(data_dir)


def test_excuse_undo_and_a_one_week_streak_are_worded_right(cli) -> None:
    assert "take the excuse back" in " ".join(cli("excuse", "--help").out.split())
    for practice in ("marketing", "no-job", "reconnect", "give", "lead", "out", "recorded", "asked"):
        cli("tick", practice)  # 8 of 13: a momentum week
    assert "Streak **1** week (best 1)" in cli("report", "--format", "markdown").out
