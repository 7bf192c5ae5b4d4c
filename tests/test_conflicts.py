"""Sync-conflict copies: found by name, listed by ``check``, folded in by ``check --merge``."""

from __future__ import annotations

import copy
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import read_yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from searchkeeper.core.records import DONE, EXCUSED, MISSED, Audit, Entry, WeekRecord
from searchkeeper.core.weeks import Week
from searchkeeper.storage.conflicts import conflict_week, find_conflicts, left_out_audit, merge_records
from searchkeeper.storage.journal import Journal

W47 = Week(2026, 47)

CONFLICT_NAMES = [
    "2026-W47.sync-conflict-20261120-101010-ABCDEFG.yaml",
    "2026-W47 (conflicted copy 2026-11-20).yaml",
    "2026-W47 (Jane's conflicted copy).yaml",
    "2026-W47 (Jane's conflicted copy 2026-11-20 (1)).yaml",
    "2026-W47-CONFLICT.yaml",
]
NOT_CONFLICTS = [
    "2026-W47.yaml",
    ".tmp-abc123.yaml",
    ".2026-W47.sync-conflict-x.yaml",
    "notes about a conflict.yaml",
    "2026-W470 conflict.yaml",
    "2026-W60.sync-conflict-1.yaml",
]


@pytest.mark.parametrize("name", CONFLICT_NAMES)
def test_conflict_copy_names_are_recognised(name):
    assert conflict_week(name) == W47


@pytest.mark.parametrize("name", NOT_CONFLICTS)
def test_other_names_are_not_conflict_copies(name):
    assert conflict_week(name) is None


def week_text(practices: str = "", extra: str = "") -> str:
    return f"format: 1\nweek: 2026-W47\naway: false\npractices:\n{practices}{extra}"


def place(data_dir: Path, name: str, text: str) -> Path:
    path = data_dir / "journal" / "2026" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_find_conflicts_lists_copies_beside_week_files_and_nothing_else(data_dir):
    for name in CONFLICT_NAMES + NOT_CONFLICTS[:2]:
        place(data_dir, name, week_text())
    journal = Journal(data_dir)
    found = find_conflicts(journal)
    assert sorted(c.name for c in found) == sorted(CONFLICT_NAMES)
    assert {c.week for c in found} == {W47}
    assert [p.name for p in journal.files()] == ["2026-W47.yaml"]  # copies are not week files
    assert journal.load_all().problems == []


def test_check_lists_conflict_copies_and_exits_1(cli, data_dir):
    place(data_dir, "2026-W47.yaml", week_text())
    copy_path = place(data_dir, CONFLICT_NAMES[0], week_text())
    result = cli("check")
    assert result.code == 1
    assert f"{copy_path}: a sync conflict copy of 2026-W47" in result.err
    assert "run 'searchkeeper check --merge'" in result.err
    status = cli("status")
    assert status.code == 0 and "unreadable" not in status.out
    assert "1 sync conflict copies: run 'searchkeeper check --merge'" in status.out


def test_check_merge_folds_a_copy_in_keeps_it_under_backups_and_says_what_it_did(cli, data_dir):
    ours = place(
        data_dir,
        "2026-W47.yaml",
        week_text(
            "  reconnect:\n    state: done\n    date: 2026-11-18\n    note: Coffee with Ana\n"
            "  give-value:\n    state: excused\n    note: Nobody to send to\n"
            "  out-of-industry-event:\n    state: missed\n",
            "audit:\n  completed: 2026-11-20 17:00:00\n  answer: up\n  reflection: mine\nmood: calm\n",
        ),
    )
    theirs_text = week_text(
        "  reconnect:\n    state: missed\n    note: Coffee with Ana\n"
        "  give-value:\n    state: done\n    date: 2026-11-19\n    note: Sent Raj the article\n"
        "  out-of-industry-event:\n    state: excused\n    note: Nothing in town\n"
        "  lead-with-mission:\n    state: done\n    date: 2026-11-17\n    sparkle: 3\n",
        "away_note: Half the week in Lisbon\n"
        "audit:\n  completed: 2026-11-21 09:00:00\n  answer: adapt\n  reflection: theirs\nenergy: high\n",
    )
    copy_path = place(data_dir, CONFLICT_NAMES[1], theirs_text)

    result = cli("check", "--merge")
    assert result.code == 0, result.err
    assert f"2026-W47: folded in {CONFLICT_NAMES[1]}" in result.out
    assert "give-value: done (from the copy)" in result.out
    assert "lead-with-mission: done on 2026-11-17 (from the copy)" in result.out

    merged = read_yaml(ours)
    practices = merged["practices"]
    assert practices["reconnect"] == {"state": "done", "date": date(2026, 11, 18), "note": "Coffee with Ana"}
    assert practices["give-value"] == {
        "state": "done",
        "date": date(2026, 11, 19),
        "note": "Nobody to send to / Sent Raj the article",
    }
    assert practices["out-of-industry-event"] == {"state": "excused", "note": "Nothing in town"}
    assert practices["lead-with-mission"]["sparkle"] == 3
    assert merged["audit"]["completed"] == datetime(2026, 11, 20, 17, 0)  # the week keeps its own audit
    assert merged["audit"]["answer"] == "up"
    assert merged["audit"]["reflection"] == "mine / theirs"
    assert merged["away_note"] == "Half the week in Lisbon"
    assert merged["mood"] == "calm" and merged["energy"] == "high"

    assert not copy_path.exists()
    kept = data_dir / "backups" / "conflicts" / "2026" / CONFLICT_NAMES[1]
    assert kept.read_text(encoding="utf-8") == theirs_text
    assert f"the copy is kept as {kept}" in result.out
    assert cli("check").code == 0


def test_merging_the_same_copy_again_changes_nothing(cli, data_dir):
    ours = place(data_dir, "2026-W47.yaml", week_text("  reconnect:\n    state: done\n    note: a\n"))
    theirs = week_text("  reconnect:\n    state: done\n    note: b\n  give-value:\n    state: done\n")
    place(data_dir, CONFLICT_NAMES[0], theirs)
    assert cli("check", "--merge").code == 0
    once = ours.read_bytes()
    place(data_dir, CONFLICT_NAMES[0], theirs)
    result = cli("check", "--merge")
    assert result.code == 0 and "nothing new" in result.out
    assert ours.read_bytes() == once
    kept = {p.name for p in (data_dir / "backups" / "conflicts" / "2026").iterdir()}
    assert kept == {CONFLICT_NAMES[0], "2026-W47.sync-conflict-20261120-101010-ABCDEFG.1.yaml"}


def test_a_copy_of_a_week_with_no_file_becomes_the_week(cli, data_dir):
    place(data_dir, CONFLICT_NAMES[2], week_text("  reconnect:\n    state: done\n    date: 2026-11-18\n"))
    assert cli("check", "--merge").code == 0
    assert (
        read_yaml(data_dir / "journal" / "2026" / "2026-W47.yaml")["practices"]["reconnect"]["state"]
        == "done"
    )


@pytest.mark.parametrize(
    "ours, theirs, says",
    [
        (week_text(), "practices: [\n", "2026-W47 (conflicted copy 2026-11-20).yaml:2"),
        (week_text(), "format: 1\nweek: 2026-W46\n", "holds week 2026-W46, but its name says 2026-W47"),
        ("week: {\n", week_text(), "2026-W47.yaml:2"),
    ],
    ids=["broken-copy", "copy-of-another-week", "broken-week-file"],
)
def test_a_broken_side_is_reported_and_nothing_moves_or_changes(cli, data_dir, ours, theirs, says):
    our_path = place(data_dir, "2026-W47.yaml", ours)
    copy_path = place(data_dir, CONFLICT_NAMES[1], theirs)
    result = cli("check", "--merge")
    assert result.code == 1
    assert says in result.err and "(not merged)" in result.err
    assert our_path.read_text(encoding="utf-8") == ours
    assert copy_path.read_text(encoding="utf-8") == theirs


# The merge rules, on records -----------------------------------------------------------


def record(**practices: Entry) -> WeekRecord:
    return WeekRecord(W47, dict(practices))


def test_away_if_either_is_away_and_the_week_keeps_its_own_audit():
    ours = record()
    ours.audit = Audit(completed=datetime(2026, 11, 21, 8), answer="up", extra={"mine": 1})
    theirs = record()
    theirs.away = True
    theirs.audit = Audit(completed=datetime(2026, 11, 20, 8), answer="out", extra={"theirs": 2})
    merge_records(ours, theirs)
    assert ours.away is True
    assert ours.audit.answer == "up" and ours.audit.extra == {"mine": 1, "theirs": 2}
    assert left_out_audit(ours, theirs) is theirs.audit  # another answer: kept whole elsewhere


def test_an_audit_takes_the_answer_and_time_it_lacks():
    ours = record()
    ours.audit = Audit(reflection="mine", answered=["reconnect"])
    theirs = record()
    theirs.audit = Audit(
        completed=datetime(2026, 11, 20, 8), answer="out", reflection="theirs", answered=["give-value"]
    )
    changes = merge_records(ours, theirs)
    assert ours.audit == Audit(
        datetime(2026, 11, 20, 8), "out", "mine / theirs", "", ["reconnect", "give-value"]
    )
    assert "audit answer 'out' (from the copy)" in changes and "audit reflection joined" in changes
    assert left_out_audit(ours, theirs) is None  # everything it said is in the week now


states = st.sampled_from([DONE, MISSED, EXCUSED, None])
notes = st.sampled_from(["", "a", "b", "a / b", "coffee"])
days = st.none() | st.dates(min_value=W47.monday, max_value=W47.sunday)
entries = st.builds(lambda s, d, n: Entry(s, d if s == DONE else None, n), states, days, notes)
ids = st.sampled_from(["reconnect", "give-value", "podcast-guest"])
records = st.builds(
    lambda practices, away: WeekRecord(W47, practices, away),
    st.dictionaries(ids, entries, max_size=3),
    st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(ours=records, theirs=records)
def test_the_merge_never_loses_a_tick_a_note_or_an_away(ours, theirs):
    merged = copy.deepcopy(ours)
    merge_records(merged, theirs)
    for side in (ours, theirs):
        for practice_id, entry in side.practices.items():
            result = merged.practices[practice_id]
            if entry.state == DONE:
                assert result.state == DONE
            for part in filter(None, entry.note.split(" / ")):
                assert part in result.note.split(" / ")
        assert merged.away or not side.away
    for practice_id, result in merged.practices.items():
        sides = [s.practices[practice_id].state for s in (ours, theirs) if practice_id in s.practices]
        if result.state == EXCUSED:
            assert DONE not in sides and EXCUSED in sides
        if result.state == MISSED:
            assert MISSED in sides and DONE not in sides and EXCUSED not in sides
        if result.state is None:  # a note with no say stays without a say
            assert set(sides) == {None}
    again = copy.deepcopy(merged)
    assert merge_records(again, theirs) == [] and again == merged  # folding twice changes nothing


@settings(max_examples=200, deadline=None)
@given(ours=records, theirs=records)
def test_the_merged_states_do_not_depend_on_which_copy_is_which(ours, theirs):
    one, other = copy.deepcopy(ours), copy.deepcopy(theirs)
    merge_records(one, theirs)
    merge_records(other, ours)
    assert {k: (e.state, e.date) for k, e in one.practices.items()} == {
        k: (e.state, e.date) for k, e in other.practices.items()
    }
    assert one.away == other.away
