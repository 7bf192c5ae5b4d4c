"""The audit screen, driven with real keys; the week files on disk are read afterwards."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from audit_history import W, write_history
from conftest import read_yaml
from textual.app import App
from textual.widgets import Static

from searchkeeper.core import review
from searchkeeper.core.records import WeekRecord
from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui.board import Board
from searchkeeper.tui.screens.audit import AuditScreen

FRIDAY = date(2026, 11, 27)
MONDAY_AFTER = date(2026, 11, 30)


class AuditApp(App[None]):
    """A bare app that opens the audit screen on a board over an empty one and notes how it closed."""

    def __init__(self, space: Workspace, week=None) -> None:
        super().__init__()
        self.board = Board(space)
        self.board.load()
        self.week = week
        self.closed_with: list[bool | None] = []

    def on_mount(self) -> None:
        self.push_screen(AuditScreen(self.board, self.week), self.closed_with.append)


def text_of(app: App) -> str:
    screen = app.screen
    return "\n".join(str(widget.render()) for widget in screen.query(Static))


def week_file(space: Workspace, week: str = "2026-W48") -> Path:
    return space.journal.path_for(W(week))


async def test_a_whole_audit_by_keys_is_written_as_it_goes(space) -> None:
    app = AuditApp(space)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "1 of 13" in text_of(app)
        assert "Share your marketing plan" in text_of(app)
        await pilot.press("y", "e", *"Coffee with Priya", "enter")  # 1 yes, then a note on 2
        assert read_yaml(week_file(space))["practices"]["marketing-plan"]["state"] == "done"
        assert "Note: Coffee with Priya" in text_of(app)
        await pilot.press("y")  # 2 local-number
        await pilot.press("n", "x", "s")  # 3 no-job-word, 4 refer-talent, 5 reconnect
        await pilot.press(*"yyyyyyy")  # 6 .. 12
        assert "13 of 13" in text_of(app)
        await pilot.press("n")  # 13 three-questions: not asked before the reflection
        assert "The Three Career Questions" in text_of(app) and "Move out" in text_of(app)
        await pilot.press("a", *"Slow start, good end", "enter", *"Two coffees", "enter")
        await pilot.pause()
        assert "the week in review" in text_of(app)
        await pilot.press("enter")
        await pilot.pause()
    assert app.closed_with == [True]
    data = read_yaml(week_file(space))
    practices = data["practices"]
    assert practices["marketing-plan"] == {"state": "done", "date": FRIDAY}
    assert practices["local-number"] == {"state": "done", "date": FRIDAY, "note": "Coffee with Priya"}
    assert practices["no-job-word"]["state"] == "missed"
    assert practices["refer-talent"]["state"] == "excused"
    assert "reconnect" not in practices  # skipped: left as it was
    assert practices["three-questions"] == {"state": "done", "date": FRIDAY}  # the answer ticks it
    audit = data["audit"]
    assert audit["answer"] == "adapt"
    assert audit["reflection"] == "Slow start, good end"
    assert audit["intention"] == "Two coffees"
    assert audit["completed"].date() == FRIDAY
    assert audit["answered"] == [p.id for p in space.settings.catalogue.active]


async def test_leaving_half_way_keeps_the_answers_and_the_audit_resumes(space) -> None:
    app = AuditApp(space)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("y", "n", "y", "x", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, AuditScreen)
    assert app.closed_with == [False]
    data = read_yaml(week_file(space))
    assert data["audit"]["answered"] == ["marketing-plan", "local-number", "no-job-word", "refer-talent"]
    assert "completed" not in data["audit"]
    assert data["practices"]["refer-talent"]["state"] == "excused"

    again = AuditApp(Workspace.open(space.data_dir, space.config_dir, on=FRIDAY))
    async with again.run_test() as pilot:
        await pilot.pause()
        assert "5 of 13" in text_of(again)
        assert "Reconnect with someone" in text_of(again)
        await pilot.press("b")  # back to the fourth, answered before: change it
        assert "4 of 13" in text_of(again) and "So far: excused this week" in text_of(again)
        await pilot.press("y")
        assert "5 of 13" in text_of(again)
    assert read_yaml(week_file(space))["practices"]["refer-talent"]["state"] == "done"


async def test_last_week_is_audited_on_a_monday(data_dir, config_dir) -> None:
    monday = Workspace.open(data_dir, config_dir, on=MONDAY_AFTER)
    app = AuditApp(monday, monday.week("last"))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "2026-W48" in text_of(app) and "23–29 Nov 2026" in text_of(app)
        await pilot.press("y", "escape")
    data = read_yaml(week_file(monday, "2026-W48"))
    # A yes given after the week is dated on its audit day, not on the Monday after.
    assert data["practices"]["marketing-plan"] == {"state": "done", "date": FRIDAY}
    assert not week_file(monday, "2026-W49").exists()


async def test_the_summary_compares_the_week_with_the_ones_before(data_dir, config_dir) -> None:
    write_history(data_dir, config_dir)
    space = Workspace.open(data_dir, config_dir, on=FRIDAY)
    app = AuditApp(space)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "1 of 9" in text_of(app)
        await pilot.press(*"sssssssss")  # leave every answer as the journal has it
        await pilot.press("u", "enter", "enter")
        await pilot.pause()
        shown = text_of(app)
    assert "Score 6/8 (75%): a momentum week (the bar is 60%)" in shown
    assert "Against last week 6/9 (67%), +8 points; 3-week average 56%, +19 points" in shown
    assert "Streak 1 week → 2 weeks (best 2)" in shown
    assert "Momentum 72 → 73" in shown
    assert "Last week you meant to: Two coffees with former clients" in shown
    assert "This week you did: 6/8 (75%), 6 practices done" in shown
    assert "Never miss twice" in shown
    assert "Record your tough answers: missed two weeks running." in shown
    assert "Ask for feedback: missed two weeks running." in shown


async def test_the_report_is_saved_where_the_user_says(data_dir, config_dir, tmp_path) -> None:
    write_history(data_dir, config_dir)
    space = Workspace.open(data_dir, config_dir, on=FRIDAY)
    target = tmp_path / "for-my-coach.md"
    app = AuditApp(space)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"sssssssss", "s", "enter", "enter")  # no career answer this week
        await pilot.press("w")
        await pilot.pause()
        field = app.screen.query_one("#audit-input")
        assert field.value == "~/searchkeeper-2026-W48.md"
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert f"Report saved to {target}" in text_of(app)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Job search week 2026-W48 (23–29 Nov 2026)")
    assert "- **Share your marketing plan** (Mon 23 Nov 2026): Walked Priya through the plan" in text
    assert "answer" not in read_yaml(week_file(space))["audit"]


async def test_a_note_edit_can_be_cancelled_with_escape(space) -> None:
    app = AuditApp(space)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("e", *"typo", "escape")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen), "escape in the note leaves only the note"
        assert "1 of 13" in text_of(app)
    assert not week_file(space).exists()


async def test_a_standing_practice_already_true_is_asked_still_true(space) -> None:
    space.journal.update(W("2026-W40"), lambda r: r.tick("local-number", date(2026, 9, 28)))
    app = AuditApp(space)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("s")
        assert "Still true? Does your phone number belong" in text_of(app)
        assert "So far: true since Mon 28 Sep, carried over" in text_of(app)


async def test_a_completed_audit_opens_on_its_summary(space) -> None:
    def audited(record: WeekRecord) -> None:
        record.tick("reconnect", date(2026, 11, 25), "Lunch with Sam")
        for practice in space.settings.catalogue.active:
            review.apply_answer(record, practice.id, review.SKIP, FRIDAY)
        review.complete_audit(record, "", "Rest", datetime(2026, 11, 27, 18, 0))

    space.journal.update(W("2026-W48"), audited)
    app = AuditApp(space)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "the week in review" in text_of(app) and "Next week: Rest" in text_of(app)
        await pilot.press("r")  # go through again, from the first practice
        assert "1 of 13" in text_of(app)
    audit = read_yaml(week_file(space))["audit"]
    assert "completed" not in audit and audit["intention"] == "Rest"


async def test_a_broken_week_file_is_named_and_never_written(space) -> None:
    path = week_file(space)
    path.parent.mkdir(parents=True)
    broken = "format: 1\nweek: 2026-W48\npractices:\n  reconnect: {state: maybe}\n"
    path.write_text(broken, encoding="utf-8")
    app = AuditApp(space)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "This week's file cannot be read" in text_of(app)
        assert "2026-W48.yaml:4" in text_of(app)
        await pilot.press("y", "n", "u")
        await pilot.press("escape")
    assert path.read_text(encoding="utf-8") == broken


@pytest.mark.parametrize("size", [(80, 24)])
async def test_the_keys_are_on_screen_at_80_by_24(space, size) -> None:
    app = AuditApp(space)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        shown = text_of(app)
        assert "y yes · n no · x excused · s skip · e note · b back" in shown
        keys = app.screen.query_one("#audit-keys")
        question = app.screen.query_one("#audit-text")
        assert keys.region.height >= 1 and keys.region.bottom <= size[1] - 1  # above the footer
        assert question.region.height >= 8  # the question, its why and the answer so far fit
