"""Many writers at once: every tick of every process is on disk, and the lock leaves no trace.

``Journal.update`` takes the data folder's write lock (a file beside its index, in the cache
folder), reads the week fresh and writes it back; two processes changing the same week
therefore never lose each other's change.
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
from searchkeeper.storage.index import folder_of
from searchkeeper.storage.journal import Journal
from searchkeeper.storage.lock import locked

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
    assert sorted(p.name for p in data_dir.iterdir()) == ["journal"]
    assert (Path(folder_of(data_dir)) / "lock").is_file()

    journal = Journal(data_dir)
    assert journal.files() == [journal.path_for(WEEK)]
    assert [p.name for p in journal.path_for(WEEK).parent.iterdir()] == [f"{WEEK.key}.yaml"]
    checked = cli("check")
    assert checked.code == 0 and checked.err == "" and checked.out == "1 week files, all readable\n"

    archive = tmp_path / "backup.tar.gz"
    assert cli("export", str(archive)).code == 0
    with tarfile.open(archive) as opened:
        assert opened.getnames() == [f"data/journal/2026/{WEEK.key}.yaml"]


def _hold(
    data_dir: str, held: multiprocessing.synchronize.Event, release: multiprocessing.synchronize.Event
) -> None:
    with locked(data_dir):
        held.set()
        release.wait(30)


def test_a_writer_waits_while_another_process_holds_the_lock(data_dir):
    context = multiprocessing.get_context("fork")
    held, release = context.Event(), context.Event()
    holder = context.Process(target=_hold, args=(str(data_dir), held, release))
    holder.start()
    try:
        assert held.wait(30)
        writer = context.Process(target=_writer, args=(str(data_dir), "late", 1, context.Barrier(1)))
        writer.start()
        writer.join(timeout=0.5)
        assert writer.is_alive()  # waiting for the lock
        assert not Journal(data_dir).path_for(WEEK).exists()
    finally:
        release.set()
        holder.join(timeout=30)
    writer.join(timeout=30)
    assert writer.exitcode == 0
    assert Journal(data_dir).read(WEEK).is_done("late-0")


def test_without_a_cache_folder_the_lock_falls_back_to_the_temporary_folder(
    cli, data_dir, tmp_path, monkeypatch
):
    import tempfile

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("SEARCHKEEPER_CACHE_DIR", str(blocked / "cache"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    assert cli("tick", "reconnect", "--week", WEEK.key).code == 0
    key = Path(folder_of(data_dir)).name
    assert [p.name for p in (tmp_path / "tmp").iterdir()] == [f"searchkeeper-{key}.lock"]
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(blocked / "tmp"))
    result = cli("tick", "give-value", "--week", WEEK.key)
    assert result.code == 1
    week_file = Journal(data_dir).path_for(WEEK)
    assert result.err.startswith(f"searchkeeper: could not save {week_file}: cannot take the write lock ")
    assert str(blocked / "cache" / key / "lock") in result.err and result.err.count("\n") == 1
    assert not Journal(data_dir).read(WEEK).is_done("give-value")
