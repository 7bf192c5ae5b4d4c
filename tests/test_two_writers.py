"""Many writers at once: every tick of every process is on disk, and the lock leaves no trace.

``Journal.update`` takes ``<data dir>/.lock``, reads the week fresh and writes it back; two
processes changing the same week therefore never lose each other's change.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tarfile
from pathlib import Path

from conftest import read_yaml

from searchkeeper.core.weeks import Week
from searchkeeper.storage.config import builtin_catalogue
from searchkeeper.storage.journal import Journal

WEEK = Week(2026, 47)


def test_thirteen_shells_tick_thirteen_practices_of_one_week_at_once(data_dir, config_dir):
    ids = [practice.id for practice in builtin_catalogue().active]
    env = {**os.environ, "SEARCHKEEPER_DATA_DIR": str(data_dir), "SEARCHKEEPER_CONFIG_DIR": str(config_dir)}
    shells = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "searchkeeper",
                "tick",
                practice_id,
                "--week",
                WEEK.key,
                "--note",
                f"by {n}",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, practice_id in enumerate(ids)
    ]
    for shell in shells:
        out, err = shell.communicate(timeout=120)
        assert shell.returncode == 0, err
    practices = read_yaml(Journal(data_dir).path_for(WEEK))["practices"]
    assert sorted(practices) == sorted(ids)
    for n, practice_id in enumerate(ids):
        assert practices[practice_id]["state"] == "done"
        assert practices[practice_id]["note"] == f"by {n}"


def _writer(data_dir: str, name: str, count: int, start: multiprocessing.synchronize.Barrier) -> None:
    journal = Journal(Path(data_dir))
    start.wait()
    for n in range(count):
        practice_id = f"{name}-{n}"
        journal.update(WEEK, lambda record, pid=practice_id: record.tick(pid, WEEK.monday, pid))


def test_many_processes_updating_one_week_lose_nothing(data_dir):
    writers, count = 5, 24
    context = multiprocessing.get_context("fork")
    start = context.Barrier(writers)
    processes = [
        context.Process(target=_writer, args=(str(data_dir), f"w{w}", count, start)) for w in range(writers)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0
    record = Journal(data_dir).read(WEEK)
    expected = {f"w{w}-{n}" for w in range(writers) for n in range(count)}
    assert set(record.practices) == expected
    assert all(
        record.practices[pid].state == "done" and record.practices[pid].note == pid for pid in expected
    )


def test_the_lock_file_pollutes_nothing(cli, data_dir, tmp_path):
    for practice_id in ("reconnect", "give-value"):
        assert cli("tick", practice_id, "--week", WEEK.key).code == 0
    assert (data_dir / ".lock").exists()

    journal = Journal(data_dir)
    assert journal.files() == [journal.path_for(WEEK)]
    assert [p.name for p in journal.path_for(WEEK).parent.iterdir()] == [f"{WEEK.key}.yaml"]
    checked = cli("check")
    assert checked.code == 0 and checked.err == "" and checked.out == "1 week files, all readable\n"

    archive = tmp_path / "backup.tar.gz"
    assert cli("export", str(archive)).code == 0
    with tarfile.open(archive) as opened:
        assert opened.getnames() == [f"data/journal/2026/{WEEK.key}.yaml"]
