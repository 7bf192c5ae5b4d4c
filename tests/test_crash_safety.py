"""A writer killed at any moment of a save: the week file is as it was or as it should be.

Two ways of killing it:

* at random: a forked process ticks practices through ``Journal.update`` in a loop and
  reports each tick on a pipe once ``update`` has returned; it is SIGKILLed after a
  random few milliseconds, hundreds of times. After every kill every file must load,
  and every tick it reported must be on disk;
* at every step: a forked process dies (``os._exit``, no clean-up, like a kill) just
  before or just after each system call of one save; the file must then hold exactly
  the old bytes or exactly the new ones.

Temporary files a killed save leaves are ignored by loading and removed once old.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from searchkeeper.core.weeks import Week
from searchkeeper.storage import yamlfile
from searchkeeper.storage.journal import Journal
from searchkeeper.storage.yamlfile import TEMP_PREFIX, remove_stray_temporaries

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")

WEEKS = [Week(2026, 46), Week(2026, 47), Week(2026, 48)]
IDS = ["reconnect", "give-value", "marketing-plan", "asked-feedback", "podcast-guest"]
PADDING = "x" * 300  # long notes make each save take a little longer, so kills land inside it
KILLS = 300
BUDGET_SECONDS = 10.0


def _write_forever(data_dir: Path, base: int, first: int, report: int) -> None:
    """The child: tick, then report ``week id counter`` on the pipe, forever."""
    journal = Journal(data_dir)
    os.write(report, b"ready\n")
    n = first
    while True:
        week, practice_id = WEEKS[n % len(WEEKS)], IDS[(n // len(WEEKS)) % len(IDS)]
        counter = base + n
        journal.update(
            week, lambda r, p=practice_id, d=week.monday, c=counter: r.tick(p, d, f"{c} {PADDING}")
        )
        os.write(report, f"{week.key} {practice_id} {counter}\n".encode())
        n += 1


def _fork(target, *args) -> int:
    pid = os.fork()
    if pid == 0:  # the child never returns into the test
        try:
            target(*args)
        finally:
            os._exit(0)
    return pid


def _read_all(descriptor: int) -> bytes:
    chunks = []
    while chunk := os.read(descriptor, 65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_writer_killed_at_random_moments_never_corrupts_or_loses_a_reported_tick(
    data_dir, cli, capsys, pytestconfig
):
    journal = Journal(data_dir)
    reported: dict[tuple[str, str], int] = {}
    rng = random.Random(20261127)
    kills = 0
    left_by_kills: set[Path] = set()
    started = time.monotonic()
    while kills < KILLS and time.monotonic() - started < BUDGET_SECONDS:
        read_end, write_end = os.pipe()
        pid = _fork(_write_forever, data_dir, kills * 1_000_000, rng.randrange(100), write_end)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            assert pipe.readline() == b"ready\n"
            time.sleep(rng.uniform(0, 0.025))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            lines = pipe.read().split(b"\n")[:-1]  # the last piece may be cut mid-line
        kills += 1
        for line in lines:
            key, practice_id, counter = line.decode().split()
            reported[key, practice_id] = int(counter)

        history = journal.load_all()
        assert history.problems == [], f"after kill {kills}: {history.problems}"
        for path in journal.files():
            assert path.stat().st_size > 0
        for (key, practice_id), counter in reported.items():
            entry = history.records[Week.parse(key)].practices[practice_id]
            on_disk = int(entry.note.split()[0])
            assert entry.state == "done" and on_disk >= counter, (
                f"after kill {kills}: lost {key} {practice_id}"
            )
        left_by_kills.update(_leftovers(journal))  # each one is a kill inside a save

    assert kills >= 50, f"only {kills} kills in {BUDGET_SECONDS} s"
    assert len(reported) == len(WEEKS) * len(IDS)
    elapsed = time.monotonic() - started
    if pytestconfig.getoption("capture") == "no":  # the figures, for ``pytest -s``
        with capsys.disabled():
            print(
                f"\n{kills} kills in {elapsed:.1f} s, {len(reported)} reported ticks checked after each; "
                f"{len(left_by_kills)} kills landed inside a save (a temporary file was left)"
            )

    # What the kills left: ignored by loading, removed once a minute old.
    for path in _leftovers(journal):
        os.utime(path, (time.time() - 120, time.time() - 120))
    result = cli("check")
    assert result.code == 0, result.err
    assert _leftovers(journal) == []


def _leftovers(journal: Journal) -> list[Path]:
    return sorted(journal.folder.rglob(f"{TEMP_PREFIX}*"))


# Death at every system call of one save ------------------------------------------------

OLD = "format: 1\nweek: 2026-W47\npractices:\n  reconnect:\n    state: done\n"
NEW = OLD + "  give-value:\n    state: done\n    note: " + "y" * 5000 + "\n"
CALLS = ("open", "write", "fchmod", "fsync", "close", "replace")


def _die_at(step: int, after: bool, target: Path) -> None:
    """In the child: count the save's system calls and exit at number ``step``, like a kill."""
    count = {"n": 0}

    def wrap(name):
        real = getattr(os, name)

        def call(*args, **kwargs):
            count["n"] += 1
            if count["n"] == step and not after:
                os._exit(9)
            result = real(*args, **kwargs)
            if count["n"] == step and after:
                os._exit(9)
            return result

        return call

    for name in CALLS:
        setattr(yamlfile.os, name, wrap(name))
    yamlfile.atomic_write(target, NEW)
    os._exit(0)  # the save finished before step was reached


def test_a_writer_dying_at_each_system_call_of_a_save_leaves_old_or_new(tmp_path):
    outcomes = set()
    step = 0
    finished = False
    while not finished:
        step += 1
        for after in (False, True):
            target = tmp_path / f"{step}-{after}" / "2026-W47.yaml"
            target.parent.mkdir()
            target.write_text(OLD)
            pid = _fork(_die_at, step, after, target)
            _, status = os.waitpid(pid, 0)
            text = target.read_text()
            assert text in (OLD, NEW), f"step {step} {'after' if after else 'before'}: {text[:60]!r}"
            outcomes.add("new" if text == NEW else "old")
            if os.waitstatus_to_exitcode(status) == 0:
                finished = True
            left = list(target.parent.glob(f"{TEMP_PREFIX}*"))
            for path in left:
                os.utime(path, (0, 0))
            assert remove_stray_temporaries(target.parent) == left
        assert step < 50
    assert outcomes == {"old", "new"}
    assert step >= 9  # open, write, fchmod, fsync, close, replace; the folder: open, fsync, close


def test_temporary_files_are_ignored_everywhere_and_a_save_removes_the_old_ones(cli, data_dir, tmp_path):
    assert cli("tick", "reconnect", "--week", "2026-W47").code == 0
    folder = data_dir / "journal" / "2026"
    old, young = folder / f"{TEMP_PREFIX}killed.yaml", folder / f"{TEMP_PREFIX}saving.yaml"
    old.write_text("format: 1\nweek: 2026-W4")  # half a save, as a kill leaves it
    young.write_text("")
    os.utime(old, (time.time() - 3600, time.time() - 3600))

    journal = Journal(data_dir)
    assert journal.files() == [folder / "2026-W47.yaml"]
    assert journal.load_all().problems == []
    assert "unreadable" not in cli("status").out
    assert cli("export", str(tmp_path / "b.tar.gz")).code == 0

    assert cli("tick", "give-value", "--week", "2026-W47").code == 0
    assert not old.exists()  # left by a save that died long ago
    assert young.exists()  # may belong to a save still running in another process
