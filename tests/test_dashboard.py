"""The dashboard driven with real keys; every change is checked in the week files on disk."""

from __future__ import annotations

import contextlib
import io
from datetime import date

from conftest import TODAY, read_yaml
from rich.console import Console
from textual.worker import WorkerCancelled

from searchkeeper.core.weeks import Week
from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui.app import SearchkeeperApp
from searchkeeper.tui.screens.chart import ChartScreen
from searchkeeper.tui.screens.help import HelpScreen
from searchkeeper.tui.screens.note import NoteScreen
from searchkeeper.tui.screens.week import WeekScreen
from searchkeeper.tui.widgets.practice_row import PracticeRow

W48 = Week.parse("2026-W48")


def plain(renderable) -> str:
    """What a Rich renderable reads as, without colours."""
    console = Console(width=120, file=io.StringIO(), record=True)
    console.print(renderable)
    return console.export_text()


async def settle(pilot) -> None:
    """Let the journal worker finish and the screen redraw."""
    for _ in range(3):  # a cancelled poll was replaced by a newer one: wait for that too
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
            break
    await pilot.pause()


def week_file(space: Workspace, key: str):
    return space.journal.path_for(Week.parse(key))


def practices_on_disk(space: Workspace, key: str) -> dict:
    path = week_file(space, key)
    return read_yaml(path)["practices"] if path.exists() else {}


def row(app: SearchkeeperApp, practice_id: str) -> PracticeRow:
    return app.screen.query_one(f"#practice-{practice_id}", PracticeRow)


async def test_space_ticks_the_focused_practice_and_saves_it_at_once(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.focused is row(app, "marketing-plan")
        await pilot.press("space")
        entry = practices_on_disk(space, "2026-W48")["marketing-plan"]
        assert entry["state"] == "done"
        assert entry["date"] == TODAY
        assert row(app, "marketing-plan").view.done
        await pilot.press("space")
        assert practices_on_disk(space, "2026-W48").get("marketing-plan", {}).get("state") != "done"
        assert not row(app, "marketing-plan").view.done


async def test_j_k_and_arrows_move_and_enter_ticks(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "down", "k")  # marketing-plan → … → no-job-word
        assert app.focused is row(app, "no-job-word")
        await pilot.press("enter")
        assert practices_on_disk(space, "2026-W48")["no-job-word"]["state"] == "done"


async def test_n_writes_a_note_and_escape_leaves_it(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"Coffee with Priya", "enter")
        assert isinstance(app.screen, WeekScreen)
        assert practices_on_disk(space, "2026-W48")["marketing-plan"]["note"] == "Coffee with Priya"
        assert row(app, "marketing-plan").view.note == "Coffee with Priya"
        await pilot.press("n", "x", "y", "z", "escape")
        assert practices_on_disk(space, "2026-W48")["marketing-plan"]["note"] == "Coffee with Priya"


async def test_a_past_week_ticks_the_same_way(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")
        assert app.screen.week == Week.parse("2026-W47")
        await pilot.press("j", "space")
        entry = practices_on_disk(space, "2026-W47")["local-number"]
        assert entry["state"] == "done"
        assert Week.parse("2026-W47").contains(entry["date"])
        assert not week_file(space, "2026-W48").exists()
        await pilot.press("left", "left", "t")
        assert app.screen.week == W48


async def test_brackets_cross_from_week_53_into_the_next_year(data_dir, config_dir) -> None:
    space = Workspace.open(data_dir, config_dir, on=date(2027, 1, 6))
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")
        assert app.screen.week == Week.parse("2026-W53")
        await pilot.press("space")
        assert practices_on_disk(space, "2026-W53")["marketing-plan"]["state"] == "done"
        assert week_file(space, "2026-W53").parent.name == "2026"
        await pilot.press("right_square_bracket")
        assert app.screen.week == Week.parse("2027-W01")
        await pilot.press("space")
        entry = practices_on_disk(space, "2027-W01")["marketing-plan"]
        assert entry == {"state": "done", "date": date(2027, 1, 6)}
        await pilot.press("right_square_bracket")  # no week after this one yet
        assert app.screen.week == Week.parse("2027-W01")


async def test_x_excuses_for_the_week_and_again_counts_it(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("x")
        assert practices_on_disk(space, "2026-W48")["marketing-plan"]["state"] == "excused"
        assert "excused" in row(app, "marketing-plan").view.status
        score = app.screen.board.summary.score_for(W48)
        assert score.outcomes["marketing-plan"] == "excused"
        await pilot.press("x")
        assert "marketing-plan" not in practices_on_disk(space, "2026-W48")


async def test_w_marks_the_whole_week_away_and_back(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("w")
        assert read_yaml(week_file(space, "2026-W48"))["away"] is True
        assert all(r.view.mark == "away" for r in app.screen.query(PracticeRow))
        assert "away" in row(app, "reconnect").view.status
        await pilot.press("w")
        assert read_yaml(week_file(space, "2026-W48"))["away"] is False


async def test_a_click_focuses_and_ticks(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click("#practice-reconnect")
        assert app.focused is row(app, "reconnect")
        assert practices_on_disk(space, "2026-W48")["reconnect"]["state"] == "done"


async def test_standing_and_monthly_rows_say_what_carries(space) -> None:
    space.journal.update(Week.parse("2026-W45"), lambda r: r.tick("local-number", date(2026, 11, 3)))
    space.journal.update(Week.parse("2026-W46"), lambda r: r.tick("refer-talent", date(2026, 11, 12)))
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert row(app, "local-number").view.status == "standing · carried from W45"
        assert row(app, "refer-talent").view.status == "monthly · done this month (W46)"
        await pilot.press("j", "space")  # untick the standing practice: it stops carrying
        assert practices_on_disk(space, "2026-W48")["local-number"]["state"] == "missed"
        assert not row(app, "local-number").view.done


async def test_chart_screen_switches_spans_and_shows_the_grid(space) -> None:
    space.journal.update(Week.parse("2026-W47"), lambda r: r.tick("reconnect", date(2026, 11, 18)))
    app = SearchkeeperApp(space)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        assert isinstance(app.screen, ChartScreen)
        assert app.screen.span == 12
        grid = str(app.screen.query_one("#practice-grid").render())
        assert "Reconnect with someone" in grid and "●" in grid and "100%" in grid
        await pilot.press("2")
        assert app.screen.span == 26
        await pilot.press("3")
        assert app.screen.span == 52
        await pilot.press("escape")
        assert isinstance(app.screen, WeekScreen)


async def test_help_lists_the_keys_and_each_practice_with_its_why(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = plain(app.screen.query_one("#help-keys").content)
        for words in ("Tick", "Note", "Excuse", "Previous week", "Next week", "Away", "Chart", "Quit"):
            assert words in keys
        practice = space.settings.catalogue["refer-talent"]
        text = " ".join(plain(static.content) for static in app.screen.query(".help-practice"))
        assert practice.why.split(".")[0] in " ".join(text.split())
        await pilot.press("question_mark")
        assert isinstance(app.screen, WeekScreen)


async def test_every_key_is_also_a_palette_command(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for title in ("Tick", "Note", "Excuse", "Previous week", "Away", "Chart", "Help", "Theme"):
            assert title in titles
        await pilot.press("ctrl+p", *"reconnect")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert practices_on_disk(space, "2026-W48")["reconnect"]["state"] == "done"


async def test_first_run_greets_instead_of_an_empty_chart(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        welcome = app.screen.query_one("#welcome")
        assert welcome.display and "Welcome" in str(welcome.render())
        assert not app.screen.query_one("#momentum-chart").display
        await pilot.press("space")  # the greeting stays for the first week
        assert welcome.display
        assert practices_on_disk(space, "2026-W48")["marketing-plan"]["state"] == "done"


async def test_the_chart_replaces_the_greeting_once_a_week_is_behind(space) -> None:
    space.journal.update(Week.parse("2026-W47"), lambda r: r.tick("reconnect", date(2026, 11, 18)))
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#welcome").display
        assert app.screen.query_one("#momentum-chart").display


async def test_an_unknown_screen_name_opens_the_week(space) -> None:
    app = SearchkeeperApp(space, screen="no-such-screen", week=Week.parse("2026-W40"))
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
        assert app.screen.week == Week.parse("2026-W40")


async def test_keys_typed_in_a_burst_each_land_where_the_one_before_moved(space) -> None:
    from textual import events

    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        for key, character in (("j", "j"), ("j", "j"), ("space", " ")):  # no pause between them
            app.post_message(events.Key(key, character))
        await settle(pilot)
        assert set(practices_on_disk(space, "2026-W48")) == {"no-job-word"}
        assert app.focused is row(app, "no-job-word")
