"""``import`` and ``check --merge`` keep the week's own audit and lose nothing of the other.

The other copy's reflection and intention are joined to the week's as notes are; the
week keeps its own Three Questions answer and time, and when the other copy answered
differently its whole audit is kept under ``backups/`` (the conflict copy itself, or a
file beside the week for an import). The summary says what was kept, and where.
"""

from __future__ import annotations

import copy
import tarfile
from datetime import datetime
from pathlib import Path

from conftest import read_yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from searchkeeper.core.records import Audit, WeekRecord
from searchkeeper.core.weeks import Week
from searchkeeper.storage.conflicts import left_out_audit, merge_records

W47 = Week(2026, 47)
OURS = (
    "format: 1\nweek: 2026-W47\naway: false\npractices:\n  reconnect: {state: done, date: 2026-11-17}\n"
    "audit:\n  completed: 2026-11-20 17:00:00\n  answer: up\n  reflection: Good talks\n"
    "  intention: Two coffees\n"
)
THEIRS = (
    "format: 1\nweek: 2026-W47\naway: false\npractices:\n  give-value: {state: done, date: 2026-11-18}\n"
    "audit:\n  completed: 2026-11-21 09:00:00\n  answer: adapt\n  reflection: Few replies\n"
    "  intention: Call Raj\n"
)


def week_file(data_dir: Path) -> Path:
    path = data_dir / "journal" / "2026" / "2026-W47.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(OURS, encoding="utf-8")
    return path


def assert_week_kept_its_audit_and_joined_the_texts(path: Path) -> None:
    merged = read_yaml(path)
    assert merged["audit"] == {
        "completed": datetime(2026, 11, 20, 17, 0),
        "answer": "up",
        "reflection": "Good talks / Few replies",
        "intention": "Two coffees / Call Raj",
    }
    assert merged["practices"]["give-value"]["state"] == "done"


def test_import_keeps_the_weeks_audit_and_the_archives_beside_it(cli, data_dir, tmp_path):
    path = week_file(data_dir)
    archive = tmp_path / "backup.tar.gz"
    source = tmp_path / "theirs.yaml"
    source.write_text(THEIRS, encoding="utf-8")
    with tarfile.open(archive, "w:gz") as opened:
        opened.add(source, "data/journal/2026/2026-W47.yaml")

    result = cli("import", str(archive))
    assert result.code == 0, result.err
    assert_week_kept_its_audit_and_joined_the_texts(path)
    kept = data_dir / "backups" / "imports" / "2026" / "2026-W47.audit.yaml"
    assert read_yaml(kept)["audit"] == {
        "completed": datetime(2026, 11, 21, 9, 0),
        "answer": "adapt",
        "reflection": "Few replies",
        "intention": "Call Raj",
    }
    assert (
        "audit reflection joined; audit intention joined; audit: kept yours (answer 'up', completed "
        "2026-11-20 17:00); the archive's (answer 'adapt', completed 2026-11-21 09:00) is kept in "
        f"{kept}" in result.out
    )
    assert cli("check").code == 0

    once = path.read_bytes()
    again = cli("import", str(archive))
    assert again.code == 0 and "unchanged 2026-W47" in again.out
    assert path.read_bytes() == once
    assert [p.name for p in kept.parent.iterdir()] == ["2026-W47.audit.yaml"]


def test_check_merge_keeps_the_weeks_audit_and_says_the_copy_holds_the_other(cli, data_dir):
    path = week_file(data_dir)
    copy_path = path.with_name("2026-W47.sync-conflict-20261121-090000-ABCDEFG.yaml")
    copy_path.write_text(THEIRS, encoding="utf-8")
    result = cli("check", "--merge")
    assert result.code == 0, result.err
    assert_week_kept_its_audit_and_joined_the_texts(path)
    assert (
        "audit: kept this week's (answer 'up', completed 2026-11-20 17:00); the copy's "
        "(answer 'adapt', completed 2026-11-21 09:00) stays in the copy kept under backups/conflicts/"
        in result.out
    )
    kept = data_dir / "backups" / "conflicts" / "2026" / copy_path.name
    assert kept.read_text(encoding="utf-8") == THEIRS


texts = st.sampled_from(["", "a", "b", "a / b", "coffee"])
answers = st.sampled_from([None, "up", "out", "adapt"])
times = st.sampled_from([None, datetime(2026, 11, 20, 17), datetime(2026, 11, 21, 9)])
audits = st.none() | st.builds(
    lambda completed, answer, reflection, intention: Audit(completed, answer, reflection, intention),
    times,
    answers,
    texts,
    texts,
)


@settings(max_examples=300, deadline=None)
@given(mine=audits, other=audits)
def test_the_merge_of_two_audits_loses_nothing(mine, other):
    ours, theirs = WeekRecord(W47, audit=copy.deepcopy(mine)), WeekRecord(W47, audit=other)
    merge_records(ours, theirs)
    merged, left_out = ours.audit, left_out_audit(ours, theirs)
    if mine is not None and mine.answer is not None:
        assert merged.answer == mine.answer  # the week's own answer is never replaced
    for side in filter(None, (mine, other)):
        for name in ("reflection", "intention"):
            for part in filter(None, getattr(side, name).split(" / ")):
                assert part in getattr(merged, name).split(" / ")
    if other is not None and left_out is None:  # all of it is in the week
        assert other.answer in (None, merged.answer) and other.completed in (None, merged.completed)
    again = copy.deepcopy(ours)
    assert merge_records(again, theirs) == [] and again == ours
