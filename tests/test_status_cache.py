"""The quick ``status`` is invisible: whatever changed, it prints what the full command prints.

``searchkeeper status`` with no options first looks for the line a command kept in
``<data dir>/.cache/status`` and prints it when nothing it was made from changed.
Each test makes that cache (and checks the next ``status`` really comes from it,
without loading the command line's modules), changes something behind it, then
compares the next ``status`` with what the full command prints once the cache is
deleted. Each change is chosen so that the line does change: a stale cache fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import TODAY

from searchkeeper.cli.status_line import status_line
from searchkeeper.core.partners import Partner, Touch
from searchkeeper.core.rhythm import Rhythm
from searchkeeper.core.status_carry import Carry
from searchkeeper.core.weeks import Week
from searchkeeper.storage import status_cache
from searchkeeper.storage.partners import PartnerBook
from searchkeeper.storage.sample import write_sample_history
from searchkeeper.storage.workspace import Workspace

THIS_WEEK = Week.of(TODAY)


@pytest.fixture
def env(data_dir: Path, config_dir: Path) -> dict[str, str]:
    environment = {
        **os.environ,
        "SEARCHKEEPER_DATA_DIR": str(data_dir),
        "SEARCHKEEPER_CONFIG_DIR": str(config_dir),
        "SEARCHKEEPER_TODAY": TODAY.isoformat(),
    }
    environment.pop("PYTHONIMPORTTIME", None)
    return environment


@pytest.fixture
def sk(env: dict[str, str]):
    """``sk("tick", "reconnect")``: the program as a shell runs it; returns (code, out, quick).

    ``sk.read_history`` says whether the last run read the whole history (the summary cache's module).
    """

    def run(*argv: str, today: date | None = None) -> tuple[int, str, bool]:
        environment = dict(env)
        if today is not None:
            environment["SEARCHKEEPER_TODAY"] = today.isoformat()
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "searchkeeper", *argv],
            capture_output=True,
            text=True,
            env=environment,
            timeout=60,
        )
        full = "searchkeeper.cli.main" in done.stderr
        run.read_history = "searchkeeper.storage.cache" in done.stderr
        errors = "\n".join(line for line in done.stderr.splitlines() if not line.startswith("import time:"))
        assert not errors, errors
        return done.returncode, done.stdout, not full

    return run


@pytest.fixture
def status(sk, data_dir: Path):
    """``status.quick()``: what ``status`` prints now (asserting whether it came from the cache);
    ``status.full()``: what it prints with the cache deleted."""

    class Status:
        @staticmethod
        def quick(expected: bool | None = None, today: date | None = None) -> str:
            code, out, quick = sk("status", today=today)
            assert code == 0
            if expected is not None:
                assert quick is expected
            return out

        @staticmethod
        def full(today: date | None = None) -> str:
            Path(status_cache.cache_file(data_dir)).unlink(missing_ok=True)
            code, out, quick = sk("status", today=today)
            assert code == 0 and not quick
            return out

    return Status


@pytest.fixture
def history(space: Workspace) -> Workspace:
    write_sample_history(space.journal, space.settings.catalogue, space.this_week, weeks=30)
    return space


@pytest.fixture
def aged(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines kept in this process look a minute younger than every file: stamps alone are trusted."""
    monkeypatch.setattr(status_cache, "_clock", lambda: time.time_ns() + 60 * 10**9)


def week_file(space: Workspace, week: Week = THIS_WEEK) -> Path:
    return space.journal.path_for(week)


# the cache is used, and says the same -----------------------------------------------------


def test_an_unchanged_journal_is_answered_from_the_cache(history: Workspace, status) -> None:
    first = status.full()
    assert first.startswith(f"{THIS_WEEK.key} · ")
    assert status.quick(expected=True) == first
    assert Path(status_cache.cache_file(history.data_dir)).exists()


def test_right_after_a_tick_the_line_comes_from_the_cache_and_is_the_new_one(
    history: Workspace, status, sk
) -> None:
    before = status.full()
    code, out, _ = sk("tick", "marketing-plan", "--note", "Sent the plan to Ana")
    assert code == 0
    after = status.quick(expected=True)  # the file was written a moment ago: its content is checked
    assert after == out.splitlines()[-1] + "\n"
    assert after != before
    assert after == status.full()


def test_a_tick_on_another_week_leaves_no_line_for_this_week_behind(history: Workspace, status, sk) -> None:
    status.full()
    code, _, _ = sk("tick", "marketing-plan", "--week", THIS_WEEK.shift(-1).key, "--undo")
    assert code == 0
    assert status.quick() == status.full()


def test_an_excuse_keeps_its_line_too(history: Workspace, status, sk) -> None:
    status.full()
    code, out, _ = sk("excuse", "marketing-plan")
    assert code == 0
    assert status.quick(expected=True) == out.splitlines()[-1] + "\n" == status.full()


# changes behind the cache ---------------------------------------------------------------------


def test_a_hand_edit_of_the_same_size_with_its_mtime_put_back(history: Workspace, status, cli, aged) -> None:
    path = week_file(history)
    assert cli("tick", "marketing-plan").code == 0  # keeps a line trusting stamps alone (aged)
    before = status.quick(expected=True)
    text = path.read_text(encoding="utf-8")
    assert "away: false" in text
    info = path.stat()
    path.write_text(text.replace("away: false", "away: true "), encoding="utf-8")  # same size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns
    after = status.quick(expected=False)
    assert after != before and "away" in after
    assert after == status.full()


def test_a_hand_edit_moments_after_the_line_was_kept(history: Workspace, status, sk) -> None:
    path = week_file(history)
    assert sk("tick", "marketing-plan")[0] == 0
    before = status.quick(expected=True)
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("away: false", "away: true "), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    after = status.quick(expected=False)
    assert after != before
    assert after == status.full()


def test_a_new_week_file(history: Workspace, status, cli, aged) -> None:
    history.journal.update(THIS_WEEK.shift(-81), lambda r: r.tick("reconnect", THIS_WEEK.shift(-81).monday))
    status.full()
    cli("status")
    before = status.quick(expected=True)
    for number in range(1, 51):  # a run of good weeks longer than the whole 30-week sample
        week = THIS_WEEK.shift(-81 + number)
        if not history.journal.path_for(week).exists():
            history.journal.update(week, lambda r, w=week: [r.tick(p.id, w.monday) for p in _weekly(history)])
    after = status.quick(expected=False)
    assert after != before
    assert after == status.full()


def _weekly(space: Workspace):
    return [p for p in space.settings.catalogue.active if p.cadence == "weekly"]


def test_a_deleted_week_file(history: Workspace, status, cli, aged) -> None:
    cli("status")
    before = status.quick(expected=True)
    week_file(history).unlink()
    after = status.quick(expected=False)
    assert after != before
    assert after == status.full()


def test_a_broken_week_file(history: Workspace, status, cli, aged) -> None:
    cli("status")
    before = status.quick(expected=True)
    week_file(history, THIS_WEEK.shift(-3)).write_text("practices: [unclosed\n", encoding="utf-8")
    after = status.quick(expected=False)
    assert after != before and "unreadable file(s)" in after
    assert after == status.full()


def test_a_sync_conflict_copy(history: Workspace, status, cli, aged) -> None:
    cli("status")
    before = status.quick(expected=True)
    path = week_file(history)
    copy = path.with_name(f"{THIS_WEEK.key}.sync-conflict-20261127-101010-ABCDEFG.yaml")
    copy.write_bytes(path.read_bytes())
    after = status.quick(expected=False)
    assert after != before and "sync conflict" in after
    assert after == status.full()


def test_a_new_threshold_in_config(history: Workspace, status, cli, aged, write_config) -> None:
    write_config("threshold: 60\n")
    cli("status")
    before = status.quick(expected=True)
    write_config("threshold: 95\n")
    after = status.quick(expected=False)
    assert after != before
    assert after == status.full()


def test_a_config_that_goes_away(history: Workspace, status, cli, aged, write_config) -> None:
    write_config("audit_day: monday\n")
    cli("status")
    before = status.quick(expected=True)
    write_config("").unlink()
    after = status.quick(expected=False)
    assert after != before
    assert after == status.full()


def test_a_partners_file_that_ticks_the_month(history: Workspace, status, cli, aged) -> None:
    for number in range(45, 49):  # November without the practice: the month's last week misses it
        history.journal.update(Week(2026, number), lambda r: r.clear("contact-key-partners"))
    cli("status")
    before = status.quick(expected=True)
    person = Partner("Ana", "former-client", Rhythm.parse("key"), "email", added=date(2026, 9, 1))
    person.log(Touch(TODAY, "email", "News they could use"))
    PartnerBook(history.data_dir).update(lambda roster: roster.add(person))
    after = status.quick(expected=False)
    assert after != before
    assert after == status.full()


def test_another_day_and_another_week(history: Workspace, status, cli) -> None:
    cli("status")
    before = status.quick(expected=True)
    monday = date(2026, 11, 23)
    assert status.quick(expected=False, today=monday) != before
    assert status.quick(today=monday) == status.full(today=monday)
    later = date(2026, 12, 2)
    assert status.quick(expected=False, today=later) == status.full(today=later)


# the cache itself -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],
        lambda raw: raw.replace(b"streak", b"strEak"),
        lambda raw: b"",
        lambda raw: b"\xff\xfe" + raw,
        lambda raw: raw.split(b"\n", 1)[1],
    ],
    ids=["truncated", "a changed byte", "empty", "garbage", "no header"],
)
def test_a_damaged_cache_is_ignored(history: Workspace, status, damage) -> None:
    expected = status.full()
    path = Path(status_cache.cache_file(history.data_dir))
    path.write_bytes(damage(path.read_bytes()))
    assert status.quick(expected=False) == expected
    assert status.quick(expected=True) == expected  # and made afresh


def test_no_cache_is_made_for_a_data_folder_that_does_not_exist(status, data_dir: Path) -> None:
    status.quick(expected=False)
    assert not data_dir.exists()


def test_a_read_only_cache_folder_is_no_reason_to_fail(history: Workspace, status, cli, sk) -> None:
    folder = Path(status_cache.cache_file(history.data_dir)).parent
    folder.mkdir(exist_ok=True)
    folder.chmod(0o500)
    try:
        expected = cli("status").out
        record = history.journal.read(THIS_WEEK)
        undone = next(p.id for p in _weekly(history) if not record.is_done(p.id))
        code, out, _ = sk("tick", undone)
        assert code == 0 and out.splitlines()[-1] != expected.strip()
    finally:
        folder.chmod(0o700)
    assert status.quick() == status.full()


def test_a_status_with_options_runs_in_full(history: Workspace, status, sk, data_dir: Path) -> None:
    status.full()
    code, out, quick = sk("status", "--data-dir", str(data_dir))
    assert code == 0 and not quick
    assert out == status.quick(expected=True)


# a change to this week alone: the line is made from the carry --------------------------------


CHANGES = [
    ("tick", "marketing-plan", "--note", "Walked Ana through it"),
    ("tick", "reconnect", "--undo"),
    ("excuse", "give-value"),
    ("tick", "refer-talent"),  # monthly, in the month's last week
    ("tick", "joined-groups", "--undo"),
    ("tick", "local-number", "--undo"),  # standing: unticked from here on
    ("excuse", "give-value", "--undo"),
    ("tick", "local-number"),
    ("away",),  # no status line, and the next change reads the whole history again
    ("away", "--undo"),
    ("tick", "three-questions"),
]


@pytest.mark.parametrize("today", [TODAY, date(2026, 11, 23)], ids=["friday", "monday"])
def test_each_change_to_this_week_says_what_the_whole_history_says(
    history: Workspace, status, sk, today
) -> None:
    history.journal.update(THIS_WEEK.previous(), lambda r: setattr(r, "audit", None))  # last week: open
    status.full(today=today)
    for change in CHANGES:  # one after the other: each line made from the carry the one before kept
        code, out, _ = sk(*change, today=today)
        assert code == 0
        if change[0] == "away":
            continue  # it prints no status line; the next change still only touches this week
        assert not sk.read_history, change
        line = out.splitlines()[-1] + "\n"
        whole = status_line(Workspace.open(history.data_dir, history.config_dir, on=today)) + "\n"
        assert line == whole, change
        assert status.quick(expected=True, today=today) == line


def test_the_monday_line_mentions_last_week_from_the_carry_too(history: Workspace, status, sk) -> None:
    monday = date(2026, 11, 23)
    history.journal.update(THIS_WEEK.previous(), lambda r: setattr(r, "audit", None))
    status.full(today=monday)
    code, out, _ = sk("tick", "marketing-plan", today=monday)
    assert code == 0 and not sk.read_history
    assert "last week still open to audit" in out
    assert out.splitlines()[-1] + "\n" == status.full(today=monday)


def test_a_change_to_another_week_since_reads_the_whole_history(history: Workspace, status, sk) -> None:
    status.full()
    history.journal.update(
        THIS_WEEK.shift(-9), lambda r: r.tick("marketing-plan", THIS_WEEK.shift(-9).monday)
    )
    code, out, _ = sk("tick", "reconnect")
    assert code == 0 and sk.read_history
    assert out.splitlines()[-1] + "\n" == status.full()


def test_with_a_partners_file_a_change_reads_the_whole_history(history: Workspace, status, sk) -> None:
    person = Partner("Ana", "former-client", Rhythm.parse("key"), "email", added=date(2026, 9, 1))
    person.log(Touch(date(2026, 11, 10), "email", "News they could use"))
    PartnerBook(history.data_dir).update(lambda roster: roster.add(person))
    status.full()
    code, out, _ = sk("tick", "contact-key-partners", "--undo")
    assert code == 0 and sk.read_history
    assert out.splitlines()[-1] + "\n" == status.full()


def test_a_broken_file_this_month_is_not_carried(history: Workspace, status, sk) -> None:
    week_file(history, THIS_WEEK.previous()).write_text("week: [unclosed\n", encoding="utf-8")
    status.full()
    code, out, _ = sk("tick", "reconnect")
    assert code == 0 and sk.read_history
    assert out.splitlines()[-1] + "\n" == status.full()


def test_a_carry_reads_back_what_it_wrote_and_nothing_else() -> None:
    carry = Carry(THIS_WEEK, 3, 19, 0.6472337828453083, {"local-number": True}, [Week(2026, 45)], 1, 2)
    again = Carry.from_text(carry.to_text())
    assert again is not None
    assert [getattr(again, name) for name in Carry.__slots__] == [
        getattr(carry, name) for name in Carry.__slots__
    ]
    empty = Carry(THIS_WEEK, 0, 0, None, {}, [], 0, 0)
    assert Carry.from_text(empty.to_text()).momentum is None
    for text in [
        "",
        "-",
        "carry0 2026-W48 0 0 - 0 0 - -",
        "carry1 2026-W48 x 0 - 0 0 - -",
        "carry1 2026-W99",
    ]:
        assert Carry.from_text(text) is None


def test_a_line_kept_while_the_files_were_fresh_still_carries_a_minute_later(
    history: Workspace, status, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from searchkeeper.storage import cache

    assert cli("status").code == 0  # every file was written a moment ago: all kept with their CRC
    monkeypatch.setattr(status_cache, "_clock", lambda: time.time_ns() + 60 * 10**9)
    histories = []
    load_history = cache.load_history
    monkeypatch.setattr(cache, "load_history", lambda journal: histories.append(1) or load_history(journal))
    result = cli("tick", "marketing-plan")
    assert result.code == 0 and histories == []  # made from the carry
    assert result.out.splitlines()[-1] + "\n" == status.full()
