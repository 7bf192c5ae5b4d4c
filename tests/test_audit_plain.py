"""``searchkeeper audit --plain``, and ``audit`` with no terminal: the audit line by line.

A plain audit writes the week file the dashboard's audit writes for the same answers; it resumes
where either left off; with no terminal and no input it says what to do instead of hanging.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from audit_history import W
from conftest import read_yaml, settle

from searchkeeper.tui.app import SearchkeeperApp
from searchkeeper.tui.screens.audit import AuditScreen

ANSWERS = ["y: Coffee with Ana", "n", "x", "s"] + ["y"] * 9 + ["a", "A good week", "Two coffees"]
"""Marketing plan done with a note, local number no, no-job-word excused, refer-talent skipped,
the other nine done; adapt your style; the line on the week and next week's intention."""


def plain(cli, monkeypatch, lines: list[str], *argv: str):
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    return cli("audit", "--plain", *argv)


def week_file(space, week: str = "2026-W48") -> dict:
    data = read_yaml(space.journal.path_for(W(week)))
    completed = data["audit"].pop("completed")  # the time of day differs from run to run
    assert completed.date() == date(2026, 11, 27)
    return data


async def dashboard_audit(space) -> None:
    """The same answers in the dashboard's audit: ``e`` and the note, then the keys."""
    app = SearchkeeperApp(space, screen="audit")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, AuditScreen)
        await pilot.press("e", *"Coffee with Ana", "enter", "y", "n", "x", "s", *"y" * 9, "a")
        await pilot.press(*"A good week", "enter", *"Two coffees", "enter")
        await settle(pilot)


async def test_a_plain_audit_writes_the_week_file_the_dashboards_audit_writes(
    cli, monkeypatch, tmp_path
) -> None:
    from searchkeeper.storage.workspace import Workspace

    result = plain(cli, monkeypatch, ANSWERS)
    assert result.code == 0, result.err
    shell = Workspace.open(tmp_path / "data", tmp_path / "config", on=date(2026, 11, 27))
    other = Workspace.open(tmp_path / "dash" / "data", tmp_path / "dash" / "config", on=date(2026, 11, 27))
    await dashboard_audit(other)
    assert week_file(shell) == week_file(other)
    data = week_file(shell)
    assert data["practices"]["marketing-plan"] == {
        "state": "done",
        "date": date(2026, 11, 27),
        "note": "Coffee with Ana",
    }
    assert data["audit"]["answer"] == "adapt" and data["audit"]["intention"] == "Two coffees"
    assert "refer-talent" not in data["practices"]  # skipped: left as it was


def test_the_plain_audit_asks_one_line_at_a_time_and_ends_with_the_summary(cli, monkeypatch) -> None:
    out = plain(cli, monkeypatch, ANSWERS).out
    lines = out.splitlines()
    assert lines[0] == "Audit 2026-W48 (23–29 Nov 2026): 13 practices."
    assert lines[2].startswith("1/13 Did you walk someone new") and lines[2].endswith("[y/n/x/s]")
    assert "  a  Adapt your style? You are in the right place but results are thin" in out
    assert "Score 10/12 (83%): a momentum week (the bar is 60%)" in out
    assert lines[-1] == "Next week: Two coffees"
    assert "\x1b" not in out and "\r" not in out  # no terminal control codes


def test_a_plain_audit_resumes_where_it_was_left_and_says_what_is_kept(cli, monkeypatch, space) -> None:
    first = plain(cli, monkeypatch, ["y", "n", "q"])
    assert first.code == 0
    assert "Left the audit: 2 of 13 practices answered and kept" in first.out
    ended = plain(cli, monkeypatch, ["x"])  # the input ends half-way: kept too, and said on stderr
    assert ended.code == 1 and "the input ended: 3 of 13 practices answered and kept" in ended.err
    again = plain(cli, monkeypatch, ANSWERS[3:])
    assert again.code == 0 and "\n4/13 Did you point an executive recruiter" in again.out
    assert read_yaml(space.journal.path_for(W("2026-W48")))["practices"]["no-job-word"] == {
        "state": "excused"
    }


def test_a_finished_audit_shows_its_summary_without_asking(cli, monkeypatch) -> None:
    plain(cli, monkeypatch, ANSWERS)
    result = plain(cli, monkeypatch, [])
    assert result.code == 0 and "Audited on Fri 27 Nov 2026" in result.out
    assert "Score 10/12 (83%)" in result.out and "[y/n/x/s]" not in result.out


def test_back_why_a_note_alone_and_a_wrong_answer(cli, monkeypatch, space) -> None:
    out = plain(cli, monkeypatch, ["y", "b", "?", ": Sent the plan to Bo", "n", "maybe", "q"]).out
    assert out.count("\n1/13 ") == 4  # asked, back, after the why, after the note
    assert "Marketing plan" in out or "marketing plan" in out.lower()
    assert "Please answer y, n, x or s" in out
    entry = read_yaml(space.journal.path_for(W("2026-W48")))["practices"]["marketing-plan"]
    assert entry == {"state": "missed", "note": "Sent the plan to Bo"}


def searchkeeper(tmp_path: Path, answers: str | None, *argv: str) -> subprocess.CompletedProcess[str]:
    """The program's entry point in a child process with no terminal: ``answers`` piped in (None:
    standard input is ``/dev/null``)."""
    return subprocess.run(
        [sys.executable, "-m", "searchkeeper", *argv],
        input=answers,
        stdin=subprocess.DEVNULL if answers is None else None,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SEARCHKEEPER_DATA_DIR": str(tmp_path / "data")},
        check=False,
    )


def test_audit_with_no_terminal_and_no_input_says_what_to_do_and_exits(tmp_path) -> None:
    done = searchkeeper(tmp_path, None, "audit")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "no terminal and no answers on standard input" in done.stderr


def test_audit_with_no_terminal_takes_the_answers_piped_in(tmp_path) -> None:
    done = searchkeeper(tmp_path, "".join(f"{line}\n" for line in ANSWERS), "audit")
    assert done.returncode == 0, done.stderr
    assert "Next week: Two coffees" in done.stdout and "\x1b" not in done.stdout
    week = read_yaml(tmp_path / "data" / "journal" / "2026" / "2026-W48.yaml")
    assert week["audit"]["answer"] == "adapt"


async def test_the_audit_opened_from_the_shell_closes_the_app_when_it_ends(space) -> None:
    for only in (False, True):
        app = SearchkeeperApp(space, screen="audit", only=only)
        async with app.run_test(size=(100, 40)) as pilot:
            await settle(pilot)
            await pilot.press("y", "escape")
            await pilot.pause()
            assert app.return_code == (0 if only else None)  # without only: back on the week screen


def test_a_broken_week_is_named_and_nothing_is_asked(cli, monkeypatch, data_dir) -> None:
    path = data_dir / "journal" / "2026" / "2026-W48.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("week: 2026-W48\naway: maybe\n", encoding="utf-8")
    result = plain(cli, monkeypatch, ["y"])
    assert result.code == 1 and "2026-W48.yaml:2:" in result.err and result.out == ""
