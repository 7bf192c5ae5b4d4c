"""The week files: their format, round trips, and every kind of broken file."""

from __future__ import annotations

import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import read_yaml

from searchkeeper.core.errors import JournalError
from searchkeeper.core.records import DONE, EXCUSED, MISSED, Audit, WeekRecord
from searchkeeper.core.weeks import Week
from searchkeeper.storage.config import builtin_catalogue
from searchkeeper.storage.journal import Journal

WEEK = Week.parse("2026-W48")

FULL = """\
format: 1
week: 2026-W48
away: false
practices:
  marketing-plan:
    state: done
    date: 2026-11-24
    note: Walked Priya through the plan
    mood: great
  out-of-industry-event:
    state: excused
    note: Nothing on in town
  three-questions:
    state: done
    date: 2026-11-27
audit:
  completed: 2026-11-27 17:04:00
  answer: adapt
  reflection: Good conversations, few of them
  intention: Two coffees with former clients
  energy: 7
location: Lisbon
tags:
- slow week
- rain
"""


@pytest.fixture
def journal(data_dir: Path) -> Journal:
    return Journal(data_dir, builtin_catalogue().ids)


def put(journal: Journal, text: str | bytes, week: Week = WEEK) -> Path:
    path = journal.path_for(week)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


# round trips --------------------------------------------------------------------


def test_file_lives_under_its_year(journal: Journal, data_dir: Path) -> None:
    assert journal.path_for(WEEK) == data_dir / "journal" / "2026" / "2026-W48.yaml"
    assert journal.path_for(Week.parse("2026-W53")).parent.name == "2026"


def test_missing_file_reads_as_an_empty_week(journal: Journal) -> None:
    record = journal.read(WEEK)
    assert record.week == WEEK and record.is_empty
    assert not journal.path_for(WEEK).exists()


def test_round_trip_keeps_every_value_and_unknown_key(journal: Journal) -> None:
    path = put(journal, FULL)
    record = journal.read(WEEK)
    assert record.state("marketing-plan") == DONE
    assert record.practices["marketing-plan"].date == date(2026, 11, 24)
    assert record.note("marketing-plan") == "Walked Priya through the plan"
    assert record.practices["marketing-plan"].extra == {"mood": "great"}
    assert record.state("out-of-industry-event") == EXCUSED
    assert record.audit is not None and record.audit.answer == "adapt"
    assert record.audit.completed == datetime(2026, 11, 27, 17, 4)
    assert record.audit.extra == {"energy": 7}
    assert record.extra == {"location": "Lisbon", "tags": ["slow week", "rain"]}
    journal.write(record)
    # The app writes the keys in the order it documents; this file already was.
    assert path.read_text(encoding="utf-8") == FULL


def test_write_read_write_gives_identical_bytes(journal: Journal) -> None:
    record = WeekRecord(WEEK)
    # ticked in an order unlike the catalogue's: the file still lists them in catalogue order
    record.tick("three-questions", date(2026, 11, 27), "Adapt: a shorter pitch")
    record.excuse("out-of-industry-event", "Nothing on")
    record.tick("marketing-plan", date(2026, 11, 24))
    record.set_note("reconnect", "Wrote to Sam; no answer yet")
    record.audit = Audit(datetime(2026, 11, 27, 17, 4, 30, 123), "up", "Steady", "Call two clients")
    record.extra["location"] = "Lisbon"
    path = journal.write(record)
    first = path.read_bytes()
    journal.write(journal.read(WEEK))
    assert path.read_bytes() == first
    data = read_yaml(path)
    assert list(data) == ["format", "week", "away", "practices", "audit", "location"]
    assert list(data["practices"]) == [
        "marketing-plan",
        "reconnect",
        "out-of-industry-event",
        "three-questions",
    ]
    assert data["audit"]["completed"] == datetime(2026, 11, 27, 17, 4, 30)  # no microseconds


def test_update_keeps_unknown_keys_of_a_hand_edited_file(journal: Journal) -> None:
    path = put(journal, FULL)
    journal.update(WEEK, lambda r: r.tick("reconnect", date(2026, 11, 25), "Coffee with Ana"))
    data = read_yaml(path)
    assert data["location"] == "Lisbon" and data["tags"] == ["slow week", "rain"]
    assert data["practices"]["marketing-plan"]["mood"] == "great"
    assert data["audit"]["energy"] == 7
    assert data["practices"]["reconnect"] == {
        "state": "done",
        "date": date(2026, 11, 25),
        "note": "Coffee with Ana",
    }


def test_a_note_alone_has_no_state_and_round_trips(journal: Journal) -> None:
    path = journal.write(_with_note())
    assert read_yaml(path)["practices"]["local-number"] == {"note": "Still on the local SIM"}
    again = journal.read(WEEK)
    assert again.state("local-number") is None
    assert again.note("local-number") == "Still on the local SIM"


def _with_note() -> WeekRecord:
    record = WeekRecord(WEEK)
    record.set_note("local-number", "Still on the local SIM")
    return record


def test_tick_untick_excuse_clear() -> None:
    record = WeekRecord(WEEK)
    record.tick("reconnect", date(2026, 11, 25), "Coffee")
    assert record.is_done("reconnect") and record.note("reconnect") == "Coffee"
    record.tick("reconnect", date(2026, 11, 26))  # a second tick keeps the note
    assert record.note("reconnect") == "Coffee"
    record.untick("reconnect")
    assert record.state("reconnect") == MISSED and record.practices["reconnect"].date is None
    record.excuse("reconnect", "Ill")
    assert record.state("reconnect") == EXCUSED and record.note("reconnect") == "Ill"
    record.clear("reconnect")
    assert record.state("reconnect") is None and record.note("reconnect") == "Ill"
    record.tick("give-value", date(2026, 11, 25))
    record.clear("give-value")
    assert "give-value" not in record.practices


def test_shorthands_a_hand_writer_might_use(journal: Journal) -> None:
    put(
        journal,
        "week: 2026-W48\npractices:\n  reconnect: true\n  give-value: false\n"
        "  marketing-plan: {date: 2026-11-24}\n  local-number:\n",
    )
    record = journal.read(WEEK)
    assert record.state("reconnect") == DONE
    assert record.state("give-value") == MISSED
    assert record.state("marketing-plan") == DONE  # a date and no state: done that day
    assert record.state("local-number") == MISSED


def test_bom_and_crlf_load_fine(journal: Journal) -> None:
    text = FULL.replace("\n", "\r\n").encode("utf-8")
    put(journal, b"\xef\xbb\xbf" + text)
    record = journal.read(WEEK)
    assert record.note("marketing-plan") == "Walked Priya through the plan"
    assert record.extra["location"] == "Lisbon"


def test_unicode_notes_survive(journal: Journal) -> None:
    record = WeekRecord(WEEK)
    record.tick("reconnect", date(2026, 11, 25), "Café with Zoë — 会議 🎉")
    path = journal.write(record)
    assert "Café with Zoë — 会議" in path.read_text(encoding="utf-8")  # readable, not escaped
    assert journal.read(WEEK).note("reconnect") == "Café with Zoë — 会議 🎉"


# broken files -----------------------------------------------------------------------

BROKEN = {
    "bad yaml": ("format: 1\nweek: 2026-W48\naway: false: true\n", 3, "mapping values"),
    "state 5": (
        "format: 1\nweek: 2026-W48\npractices:\n  reconnect:\n    state: 5\n",
        5,
        "state must be one of done, missed, excused",
    ),
    "date soon": (
        "format: 1\nweek: 2026-W48\npractices:\n  reconnect:\n    state: done\n    date: soon\n",
        6,
        "date must be a date",
    ),
    "practices a list": (
        "format: 1\nweek: 2026-W48\npractices: [reconnect, give-value]\n",
        3,
        "'practices' must be a mapping",
    ),
    "away not a bool": ("format: 1\nweek: 2026-W48\naway: maybe\n", 3, "'away' must be true or false"),
    "a newer format": ("format: 9\nweek: 2026-W48\n", 1, "newer than this searchkeeper reads"),
    "not a week key": ("format: 1\nweek: soon\n", 2, "not a week key"),
    "audit answer": ("format: 1\nweek: 2026-W48\naudit:\n  answer: sideways\n", 4, "'answer' must be one of"),
    "note a mapping": (
        "week: 2026-W48\npractices:\n  reconnect:\n    note: {a: 1}\n",
        4,
        "note must be text",
    ),
    "a list at the top": ("- week: 2026-W48\n", 1, "must be a mapping"),
    "week of another file": (
        "# moved by hand\nformat: 1\nweek: 2026-W47\npractices: {}\n",
        3,
        "holds week 2026-W47",
    ),
    "python tag": (
        "format: 1\nweek: 2026-W48\npractices:\n  reconnect:\n    state: done\n"
        "    note: !!python/object/apply:os.system ['touch {marker}']\n",
        6,
        "tag",
    ),
    "alias bomb": (
        "format: 1\nweek: 2026-W48\n"
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n",
        4,
        "aliases are not allowed",
    ),
    "not utf-8": (
        "format: 1\nweek: 2026-W48\npractices:\n  reconnect:\n    note: caf\xe9 au lait\n".encode("latin-1"),
        5,
        "not UTF-8",
    ),
    "empty": ("", 1, "the file is empty"),
    "only a comment": ("# nothing here yet\n", 1, "the file is empty"),
    "bad date value": (
        "format: 1\nweek: 2026-W48\npractices:\n  reconnect:\n    state: done\n    date: 2026-13-45\n",
        6,
        "month must be in 1..12",
    ),
    "two documents": ("week: 2026-W48\n---\nweek: 2026-W47\n", 2, "single document"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_is_named_with_its_line_and_never_rewritten(
    case: str, journal: Journal, tmp_path: Path
) -> None:
    content, line, reason = BROKEN[case]
    marker = tmp_path / "os-system-ran"
    if isinstance(content, str):
        content = content.replace("{marker}", str(marker))
    path = put(journal, content)
    before = path.read_bytes()
    with pytest.raises(JournalError) as caught:
        journal.read(WEEK)
    problem = caught.value
    assert problem.path == path
    assert problem.line == line, str(problem)
    assert reason in problem.reason
    assert str(problem).startswith(f"{path}:{line}: ")
    assert "\n" not in str(problem)
    # An update through the journal refuses too, and leaves the bytes as they were.
    with pytest.raises(JournalError):
        journal.update(WEEK, lambda r: r.tick("reconnect", date(2026, 11, 25)))
    assert path.read_bytes() == before
    assert not marker.exists()
    assert not [p for p in path.parent.iterdir() if p.name != path.name]  # no temporary left


def test_file_over_one_mebibyte_is_refused_unread(journal: Journal) -> None:
    path = put(journal, "format: 1\nweek: 2026-W48\naway_note: " + "x" * (1024 * 1024) + "\n")
    before = path.read_bytes()
    with pytest.raises(JournalError) as caught:
        journal.read(WEEK)
    assert caught.value.path == path
    assert "larger than" in caught.value.reason
    with pytest.raises(JournalError):
        journal.update(WEEK, lambda r: r.tick("reconnect", date(2026, 11, 25)))
    assert path.read_bytes() == before


def test_a_file_just_under_the_limit_loads(journal: Journal) -> None:
    header = "format: 1\nweek: 2026-W48\naway_note: "
    put(journal, header + "x" * (1024 * 1024 - len(header) - 1) + "\n")
    assert len(journal.read(WEEK).away_note) > 1_000_000


def test_load_all_reports_broken_files_and_keeps_reading_the_rest(journal: Journal) -> None:
    good = WeekRecord(Week.parse("2026-W47"))
    good.tick("reconnect", date(2026, 11, 18))
    journal.write(good)
    broken = put(journal, BROKEN["state 5"][0])
    misplaced = put(journal, "week: 2026-W46\n", Week.parse("2026-W46"))
    wrong_folder = misplaced.parent.parent / "2025" / misplaced.name
    wrong_folder.parent.mkdir()
    misplaced.rename(wrong_folder)
    stray = journal.folder / "2026" / "notes.yaml"
    stray.write_text("hello: world\n")
    history = journal.load_all()
    assert list(history.records) == [Week.parse("2026-W47")]
    problems = {problem.path: problem for problem in history.problems}
    assert set(problems) == {broken, wrong_folder, stray}
    assert problems[broken].line == 5
    assert Week.parse("2026-W48") in history.broken_weeks


def test_updates_from_two_writers_are_never_lost(journal: Journal) -> None:
    ids = builtin_catalogue().ids

    def writer(offset: int) -> None:
        mine = Journal(journal.data_dir, ids)
        for n in range(offset, len(ids), 2):
            mine.update(WEEK, lambda r, pid=ids[n]: r.tick(pid, date(2026, 11, 25), f"note {pid}"))

    threads = [threading.Thread(target=writer, args=(k,)) for k in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    record = journal.read(WEEK)
    assert sorted(record.practices) == sorted(ids)
    assert all(record.note(pid) == f"note {pid}" for pid in ids)
