"""The first read made by a child process (``tui.read_ahead``): the board gets what it would
have read itself, broken files included, and any failure of the child only means the board
reads for itself."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import TODAY

from searchkeeper.core.errors import SearchkeeperError
from searchkeeper.core.weeks import Week
from searchkeeper.storage import index
from searchkeeper.storage.journal import Journal
from searchkeeper.storage.sample import write_sample_history
from searchkeeper.storage.theme_files import app_theme_files
from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui import read_ahead
from searchkeeper.tui.board import Board
from searchkeeper.tui.read_ahead import ReadAhead
from searchkeeper.tui.themes import themes_of

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here: the board reads in a thread")
THIS_WEEK = Week.of(TODAY)


@pytest.fixture
def history(space: Workspace) -> Workspace:
    write_sample_history(space.journal, space.settings.catalogue, THIS_WEEK, weeks=40)
    return space


def board_read_itself(space: Workspace) -> Board:
    board = Board(Workspace.open(space.data_dir, space.config_dir, on=TODAY))
    board.load()
    return board


def board_read_ahead(space: Workspace) -> Board:
    opened = Workspace.open(space.data_dir, space.config_dir, on=TODAY)
    board = Board(opened, ahead=ReadAhead.start(opened))
    board.read_ahead()  # as the app does: no thread, the child is reading
    read = board.take_read_ahead()
    assert read is not None and read.summary is not None
    board.accept(read)
    return board


def test_the_child_reads_and_scores_what_the_board_would(history: Workspace) -> None:
    own, ahead = board_read_itself(history), board_read_ahead(history)
    assert ahead.history.records == own.history.records and len(own.history.records) == 40
    assert ahead.summary.scores == own.summary.scores
    assert (ahead.summary.streak, ahead.summary.momentum) == (own.summary.streak, own.summary.momentum)
    assert ahead.stamps == own.stamps and ahead.loaded


def test_the_child_is_as_good_with_no_index_and_makes_it_after_sending(
    history: Workspace, tmp_path: Path, monkeypatch
) -> None:
    """The first run after an install: every file parsed by the child, which sends its read first
    and then saves the index it made, before the board lets it go."""
    own = board_read_itself(history)
    shutil.rmtree(tmp_path / "cache")
    ahead = board_read_ahead(history)
    assert ahead.history.records == own.history.records
    ahead.stop_reading_ahead()  # as the dashboard closes
    assert (tmp_path / "cache").is_dir()
    parsed: list[Week] = []
    read_at = Journal._read_at
    monkeypatch.setattr(Journal, "_read_at", lambda *a: parsed.append(a[2]) or read_at(*a))
    index._open.clear()
    assert board_read_itself(history).history.records == own.history.records
    assert parsed == []  # every record came from the index the child saved


def test_broken_files_conflict_copies_and_partners_come_across(history: Workspace) -> None:
    broken = history.journal.path_for(THIS_WEEK.shift(-3))
    broken.write_text("week: [unclosed\n", encoding="utf-8")
    copy = broken.with_name(f"{THIS_WEEK.shift(-2).key} (conflicted copy 2026-11-20).yaml")
    shutil.copy(history.journal.path_for(THIS_WEEK.shift(-2)), copy)
    (history.data_dir / "partners.yaml").write_text("partners: 7\n", encoding="utf-8")
    own, ahead = board_read_itself(history), board_read_ahead(history)
    assert [str(p) for p in ahead.history.problems] == [str(p) for p in own.history.problems]
    assert ahead.history.problems and ahead.history.problems[0].path == broken
    assert [c.path for c in ahead.conflicts] == [c.path for c in own.conflicts] == [copy]
    assert str(ahead.roster_problem) == str(own.roster_problem) != "None"


def test_a_child_that_fails_leaves_the_board_to_read(history: Workspace, monkeypatch) -> None:
    monkeypatch.setattr(read_ahead, "_send", lambda space, into: os._exit(3))
    board = Board(history, ahead=ReadAhead.start(history))
    assert board.take_read_ahead() is None
    board.load()  # what the app's watcher then does
    assert len(board.history.records) == 40


def test_half_a_read_is_no_read(history: Workspace, monkeypatch) -> None:
    def half(space: Workspace, into: int) -> None:
        os.write(into, b"\x80\x05\x95garbage")
        os._exit(0)

    monkeypatch.setattr(read_ahead, "_send", half)
    assert Board(history, ahead=ReadAhead.start(history)).take_read_ahead() is None


def test_a_slow_child_is_waited_for_only_as_long_as_asked_then_ended(history: Workspace, monkeypatch) -> None:
    def stuck(space: Workspace, into: int) -> None:
        time.sleep(60)
        os._exit(0)

    monkeypatch.setattr(read_ahead, "_send", stuck)
    ahead = ReadAhead.start(history)
    assert ahead is not None
    board = Board(history, ahead=ahead)
    began = time.monotonic()
    assert board.take_read_ahead(0.2) is None  # the first screen does not wait for it
    assert time.monotonic() - began < 5
    pid = ahead.pid
    assert pid is not None
    board.stop_reading_ahead()  # the dashboard closes
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # ended and let go: no process left behind


def test_a_read_begun_on_another_day_is_scored_again(history: Workspace) -> None:
    opened = Workspace.open(history.data_dir, history.config_dir, on=TODAY)
    board = Board(opened, ahead=ReadAhead.start(opened))
    read = board.take_read_ahead()
    assert read is not None
    read.today = TODAY.replace(year=TODAY.year - 1)  # as if the child had read before midnight
    stale = read.summary
    board.accept(read)
    assert board.summary is not stale and board.summary.scores == stale.scores


def test_nothing_the_child_prints_reaches_the_terminal(history: Workspace, monkeypatch, capfd) -> None:
    """The child shares the dashboard's terminal: a warning or a stray print in its read would land
    on the screen the dashboard is about to draw."""
    read = Board.read

    def chatty(self: Board):  # type: ignore[no-untyped-def]
        print("out of the child", flush=True)
        os.write(2, b"err of the child\n")
        return read(self)

    monkeypatch.setattr(Board, "read", chatty)
    capfd.readouterr()
    opened = Workspace.open(history.data_dir, history.config_dir, on=TODAY)
    board = Board(opened, ahead=ReadAhead.start(opened))
    found = board.take_read_ahead()
    board.stop_reading_ahead()
    assert found is not None and len(found.history.records) == 40
    out, err = capfd.readouterr()
    assert "child" not in out and "child" not in err


def test_a_child_opens_the_workspace_and_reads_the_themes_as_the_app_would(history: Workspace) -> None:
    """``searchkeeper`` alone: the child opens the workspace itself (the config, the practices)
    and reads the theme files, so that the app's own process parses no YAML before its first screen."""
    (history.config_dir / "config.yaml").write_text(
        "threshold: 0.7\ntheme: searchkeeper-light\n", encoding="utf-8"
    )
    (history.config_dir / "themes").mkdir()
    (history.config_dir / "themes" / "bad.yaml").write_text(
        'name: bad\nprimary: "#88AAFF"\nvariables:\n  momentum-bar: "not a colour"\n', encoding="utf-8"
    )
    own = Workspace.open()
    ahead = ReadAhead.start()
    assert ahead is not None
    opening = ahead.opening()
    assert opening is not None and opening.space is not None
    space = opening.space
    assert (space.data_dir, space.config_dir, space.today) == (own.data_dir, own.config_dir, own.today)
    assert (space.settings.threshold, space.settings.theme) == (0.7, "searchkeeper-light")
    assert space.settings.catalogue.ids == own.settings.catalogue.ids
    themes, problems = themes_of(opening.theme_files)
    assert (sorted(t.name for t in themes), [str(p) for p in problems]) == (
        sorted(t.name for t in themes_of(app_theme_files(own.config_dir))[0]),
        [str(p) for p in themes_of(app_theme_files(own.config_dir))[1]],
    )
    assert problems and problems[0].path.name == "bad.yaml" and problems[0].line == 4
    board = Board(space, ahead=ahead)
    read = board.take_read_ahead()
    assert read is not None and len(read.history.records) == 40
    board.stop_reading_ahead()


def test_a_config_the_child_cannot_open_is_told_as_opening_it_here_would(space: Workspace) -> None:
    (space.config_dir / "config.yaml").write_text("- not\n- a mapping\n", encoding="utf-8")
    with pytest.raises(SearchkeeperError) as here:
        Workspace.open()
    ahead = ReadAhead.start()
    assert ahead is not None
    pid = ahead.pid
    with pytest.raises(SearchkeeperError) as there:
        ahead.opening()
    assert str(there.value) == str(here.value) and "config.yaml" in str(there.value)
    assert ahead.pid is None and pid is not None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # let go: no process left behind
    assert ahead.take() == (True, None)


def test_a_child_that_fails_before_opening_leaves_the_app_to_open(space: Workspace, monkeypatch) -> None:
    monkeypatch.setattr(read_ahead, "_send", lambda space, into: os._exit(3))
    ahead = ReadAhead.start()
    assert ahead is not None
    assert ahead.opening() is None and ahead.take() == (True, None)


def test_the_child_keeps_the_status_line_so_the_dashboard_does_not_read_it_all_again(
    history: Workspace,
) -> None:
    """A shell prompt's ``status`` is the kept line; the child keeps it for what it read (after
    sending), so the dashboard's first watcher tick does not load every record a second time."""
    from searchkeeper.reports.status_line import line

    index._open.clear()
    board = board_read_ahead(history)
    assert not board._line_due  # nothing for the watcher to keep
    board.stop_reading_ahead()  # as the dashboard closes: the child finishes
    index._open.clear()
    kept = index.kept_line(str(history.data_dir), str(history.config_dir), TODAY.isoformat())
    assert kept == line(history, THIS_WEEK, board.history, board.summary, 0)


def test_weeks_and_scores_cross_the_pipe_whole_and_one_object_a_week() -> None:
    import pickle

    from searchkeeper.core.scoring import WeekScore

    week = Week(2026, 53)
    score = WeekScore(week, 3, 5, {"reconnect": "met"}, in_progress=True)
    again = pickle.loads(pickle.dumps([week, Week(2026, 53), score], protocol=pickle.HIGHEST_PROTOCOL))
    assert again == [week, week, score] and again[0] is again[1] is again[2].week


def test_records_cross_the_pipe_whole_each_of_its_own_kind() -> None:
    """A week's record, its entries (an automatic tick among them), its audit and a week made only
    in memory come back equal and of the same classes."""
    import pickle
    from datetime import date, datetime

    from searchkeeper.core.key_partners import AutoEntry, _DerivedWeek
    from searchkeeper.core.records import Audit, Entry, WeekRecord

    week = Week(2026, 48)
    record = WeekRecord(
        week,
        {
            "reconnect": Entry("done", date(2026, 11, 23), "Coffee", {"mood": "good"}),
            "give-value": Entry(None),
        },
        away=True,
        away_note="Holiday",
        audit=Audit(datetime(2026, 11, 27, 17, 0), "up", "A good week", "Call Ana", ["reconnect"], {"x": 1}),
        extra={"kept": [1, 2]},
    )
    derived = _DerivedWeek(week.previous(), {"contact-key-partners": AutoEntry("done", date(2026, 11, 18))})
    again = pickle.loads(pickle.dumps([record, derived], protocol=pickle.HIGHEST_PROTOCOL))
    assert again == [record, derived]
    assert type(again[1]) is _DerivedWeek and again[1].derived
    assert type(again[1].practices["contact-key-partners"]) is AutoEntry
    assert type(again[0].audit) is Audit
