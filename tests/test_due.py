"""``searchkeeper due``: the digest for cron, a timer or a shell, through the real command line."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import TODAY, WEEKLY

from searchkeeper.core.records import Audit
from searchkeeper.core.weeks import Week
from searchkeeper.storage.index import kept_digest
from searchkeeper.storage.workspace import Workspace

THIS_WEEK = Week.of(TODAY)  # 2026-W48, the last week of November
LAST_WEEK = THIS_WEEK.previous()
MONTHLY = ["refer-talent", "contact-key-partners", "joined-groups"]
README = Path(__file__).resolve().parent.parent / "README.md"


def complete_audit(space: Workspace, week: Week) -> None:
    space.journal.update(
        week, lambda record: setattr(record, "audit", Audit(completed=datetime(2026, 11, 27, 9)))
    )


@pytest.fixture
def quiet_week(cli, space: Workspace):
    """A journal where nothing needs attention today: last week done in full, this week's
    monthly practices ticked and its audit completed."""
    for practice in WEEKLY:
        assert cli("tick", practice, "--week", LAST_WEEK.key).code == 0
    for practice in MONTHLY:
        assert cli("tick", practice).code == 0
    complete_audit(space, THIS_WEEK)
    return cli


def test_silent_on_a_fresh_journal(cli) -> None:
    result = cli("due")
    assert (result.code, result.out, result.err) == (0, "", "")


def test_silent_when_nothing_needs_attention(quiet_week) -> None:
    result = quiet_week("due")
    assert (result.code, result.out, result.err) == (0, "", "")


def test_names_the_audit_on_audit_day(quiet_week, space: Workspace) -> None:
    space.journal.update(THIS_WEEK, lambda record: setattr(record, "audit", None))
    result = quiet_week("due")
    assert result.out == "Today is audit day: a few minutes to look back on 2026-W48 (searchkeeper audit).\n"


def test_names_last_weeks_open_audit_early_in_the_week(quiet_week, space: Workspace, monkeypatch) -> None:
    space.journal.update(THIS_WEEK, lambda record: setattr(record, "audit", None))
    monkeypatch.setenv("SEARCHKEEPER_TODAY", "2026-11-30")  # the Monday after
    lines = quiet_week("due").out.splitlines()
    assert lines[0].startswith("Last week (2026-W48) is still open to audit")
    monkeypatch.setenv("SEARCHKEEPER_TODAY", "2026-12-02")  # Wednesday: a missed week is left alone
    assert not any("open to audit" in line for line in quiet_week("due").out.splitlines())


def test_names_an_overdue_partner_most_overdue_first(quiet_week) -> None:
    cli = quiet_week
    assert cli("partners", "add", "Bo Chen", "--kind", "recruiter", "--rhythm", "6w").code == 0
    assert cli("partners", "add", "Ana Ruiz", "--kind", "former-boss", "--rhythm", "key").code == 0
    assert cli("partners", "add", "Cy Park", "--kind", "classmate", "--rhythm", "close").code == 0
    assert cli("touch", "bo", "--date", "2026-10-13").code == 0  # due 11-24
    assert cli("touch", "ana", "--date", "2026-10-01", "--channel", "email").code == 0  # due 11-01
    assert cli("touch", "cy", "--date", "2026-11-20").code == 0  # not due
    result = cli("due")
    assert result.code == 0
    assert result.out.splitlines() == [
        "Get in touch with Ana Ruiz: overdue 26 days (57 days since last touch, key · monthly).",
        "Get in touch with Bo Chen: overdue 3 days (45 days since last touch, every 6 weeks).",
    ]
    assert cli("partners", "retire", "ana").code == 0
    assert "Ana Ruiz" not in cli("due").out


def test_names_a_monthly_practice_at_risk_in_the_months_last_week(quiet_week) -> None:
    assert quiet_week("tick", "refer-talent", "--undo").code == 0
    result = quiet_week("due")
    assert result.out == (
        "Last week of the month: still time for Send talent to a recruiter (refer-talent), "
        "not done yet this month.\n"
    )
    assert quiet_week("tick", "refer-talent", "--week", "2026-W46").code == 0  # done this month after all
    assert quiet_week("due").out == ""


def test_names_a_practice_missed_last_week_until_it_is_done(quiet_week) -> None:
    assert quiet_week("tick", "reconnect", "--week", LAST_WEEK.key, "--undo").code == 0
    result = quiet_week("due")
    assert result.out == (
        "Never miss twice: Reconnect with someone (reconnect) was missed last week; "
        "one small step this week puts it back on track.\n"
    )
    assert quiet_week("tick", "reconnect").code == 0
    assert quiet_week("due").out == ""


def test_an_excused_or_away_week_asks_for_nothing(quiet_week) -> None:
    assert quiet_week("tick", "reconnect", "--week", LAST_WEEK.key, "--undo").code == 0
    assert quiet_week("excuse", "reconnect").code == 0
    assert quiet_week("due").out == ""
    assert quiet_week("excuse", "reconnect", "--undo").code == 0
    assert quiet_week("away", "--week", LAST_WEEK.key).code == 0
    assert quiet_week("due").out == ""


def test_the_first_week_of_a_journal_misses_nothing_before_it(cli, space: Workspace) -> None:
    assert cli("tick", "reconnect").code == 0
    out = cli("due").out
    assert "Never miss twice" not in out and "audit day" in out


def test_many_practices_missed_are_one_line(cli) -> None:
    assert cli("tick", "reconnect", "--week", LAST_WEEK.key).code == 0
    lines = [line for line in cli("due").out.splitlines() if line.startswith("Never miss twice")]
    assert len(lines) == 1 and lines[0].startswith("Never miss twice: 8 practices were missed last week (")


def test_the_digest_is_kept_until_an_input_changes(quiet_week, data_dir: Path, config_dir: Path) -> None:
    assert quiet_week("tick", "refer-talent", "--undo").code == 0
    out = quiet_week("due").out
    assert kept_digest(str(data_dir), str(config_dir), TODAY.isoformat()) == out.splitlines()
    assert kept_digest(str(data_dir), str(config_dir), "2026-11-28") is None  # another day
    assert quiet_week("tick", "refer-talent").code == 0
    assert kept_digest(str(data_dir), str(config_dir), TODAY.isoformat()) is None


def test_the_quick_path_prints_the_kept_digest_and_loads_neither_textual_nor_rich(
    quiet_week, tmp_path: Path
) -> None:
    assert quiet_week("tick", "refer-talent", "--undo").code == 0
    expected = quiet_week("due").out
    env = {**os.environ, "SEARCHKEEPER_DATA_DIR": str(tmp_path / "data"),
           "SEARCHKEEPER_CONFIG_DIR": str(tmp_path / "config"), "SEARCHKEEPER_CACHE_DIR": str(tmp_path / "cache")}  # fmt: skip
    for _ in range(2):  # the full command, then (nothing changed) the kept digest
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "searchkeeper", "due"],
            capture_output=True,
            text=True,
            env=env,
        )
        assert result.returncode == 0 and result.stdout == expected
        loaded = {
            line.rsplit("|", 1)[1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line
        }
        assert not loaded & {"textual", "rich"}


def test_user_text_is_printed_visible(quiet_week) -> None:
    assert quiet_week("partners", "add", "Eve\x1b[2J", "--kind", "recruiter", "--rhythm", "key").code == 0
    out = quiet_week("due").out
    assert "\x1b" not in out and "Eve\\x1b[2J" in out


# --notify ---------------------------------------------------------------------------


@pytest.fixture
def something_due(quiet_week):
    assert quiet_week("tick", "refer-talent", "--undo").code == 0
    return quiet_week


def test_notify_without_a_notifier_says_so_in_one_line(something_due, monkeypatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    result = something_due("due", "--notify")
    assert result.code == 0 and "refer-talent" in result.out
    assert result.err.count("\n") == 1 and "no desktop notifier" in result.err


def test_notify_sends_the_digest_to_notify_send(something_due, monkeypatch, tmp_path: Path) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "notified"
    fake = folder / "notify-send"
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {log}\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(sys, "platform", "linux")
    result = something_due("due", "--notify")
    assert (result.code, result.err) == (0, "")
    sent = log.read_text().splitlines()
    assert sent[:2] == ["--app-name=searchkeeper", "searchkeeper"]
    assert "refer-talent" in sent[2]


def test_nothing_due_sends_no_notification(quiet_week, monkeypatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: pytest.fail("no notifier is looked for"))
    assert quiet_week("due", "--notify").out == ""


# the README's cron line and systemd user timer ------------------------------------------


def readme_blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README.read_text(encoding="utf-8"), re.M | re.S)


CRON_FIELD = re.compile(r"^(\*|\d+(-\d+)?)(/\d+)?(,(\*|\d+(-\d+)?)(/\d+)?)*$")


def test_the_readme_cron_line_is_well_formed() -> None:
    (block,) = readme_blocks("cron")
    lines = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    assert lines
    for line in lines:
        fields = line.split(None, 5)
        assert len(fields) == 6, f"5 time fields and a command: {line!r}"
        assert all(CRON_FIELD.match(field) for field in fields[:5]), line
        minute, hour, day, month, weekday = fields[:5]
        assert minute == "*" or 0 <= int(minute) <= 59
        assert hour == "*" or 0 <= int(hour) <= 23
        assert fields[5].split()[-1] == "due" or " due" in fields[5]


def units() -> dict[str, configparser.ConfigParser]:
    found = {}
    for block in readme_blocks("ini"):
        first, _, text = block.partition("\n")
        name = Path(first.removeprefix("#").strip()).name
        parser = configparser.ConfigParser(interpolation=None, strict=True)
        parser.optionxform = str  # systemd keys are case-sensitive
        parser.read_string(text)
        found[name] = parser
    return found


def test_the_readme_systemd_user_timer_is_well_formed() -> None:
    found = units()
    assert set(found) == {"searchkeeper-due.service", "searchkeeper-due.timer"}
    service, timer = found["searchkeeper-due.service"], found["searchkeeper-due.timer"]
    assert service["Unit"]["Description"]
    assert service["Service"]["Type"] == "oneshot"
    command = service["Service"]["ExecStart"].split()
    assert command[0].startswith(("/", "%h/")) and command[1] == "due"  # systemd wants an absolute path
    assert timer["Unit"]["Description"]
    when = timer["Timer"]["OnCalendar"]
    assert re.fullmatch(r"(\*|\d{4})-(\*|\d\d)-(\*|\d\d) \d\d:\d\d(:\d\d)?", when)
    if shutil.which("systemd-analyze"):  # systemd's own reading of it, where there is one
        subprocess.run(["systemd-analyze", "calendar", when], check=True, capture_output=True)
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"


# the same line on the week screen ---------------------------------------------------------


async def test_the_week_screen_shows_never_miss_twice_under_the_practice(
    quiet_week, space: Workspace
) -> None:
    from conftest import settle

    from searchkeeper.tui.app import SearchkeeperApp
    from searchkeeper.tui.rows import NEVER_MISS_TWICE, widget_id
    from searchkeeper.tui.widgets.practice_row import PracticeRow

    assert quiet_week("tick", "reconnect", "--week", LAST_WEEK.key, "--undo").code == 0
    app = SearchkeeperApp(Workspace.open(space.data_dir, space.config_dir, on=TODAY))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)

        def nudges() -> dict[str, str]:
            rows = app.screen.query(PracticeRow)
            return {row.practice_id: row.view.nudge for row in rows if row.view and row.view.nudge}

        assert nudges() == {"reconnect": NEVER_MISS_TWICE}
        app.screen.query_one(f"#{widget_id('reconnect')}", PracticeRow).focus()
        await pilot.press("space")  # ticked this week: back on track
        await settle(pilot)
        assert nudges() == {}


def test_a_broken_partners_file_is_named(quiet_week, data_dir: Path) -> None:
    (data_dir / "partners.yaml").write_text("partners: [\n", encoding="utf-8")
    result = quiet_week("due")
    assert result.code == 0 and "partners.yaml" in result.out and result.out.count("\n") == 1
