"""The write lock's messages name what the user was saving, and a held lock is waited for briefly.

A lock that cannot be taken (a read-only system) names the week file or ``partners.yaml``;
a lock another live process holds is waited for a few seconds (``$SEARCHKEEPER_LOCK_WAIT``),
then the save gives up with one line saying who holds it, and nothing is written.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
import time
import types

from searchkeeper.storage import lock

WEEK = "2026-W47"


def refuse_lock_files(monkeypatch) -> None:
    """Neither the cache folder nor the temporary folder can hold the lock file."""

    def read_only_open(path, flags, *args):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return os.open(path, flags, *args)

    proxy = types.SimpleNamespace(
        **{name: getattr(os, name) for name in dir(os) if not name.startswith("__")}
    )
    proxy.open = read_only_open
    monkeypatch.setattr(lock, "os", proxy)


def test_a_lock_that_cannot_be_taken_names_the_week_file(cli, data_dir, monkeypatch):
    refuse_lock_files(monkeypatch)
    week_file = data_dir / "journal" / "2026" / f"{WEEK}.yaml"
    result = cli("tick", "reconnect", "--week", WEEK)
    assert result.code == 1
    assert result.err.startswith(f"searchkeeper: could not save {week_file}: cannot take the write lock ")
    assert os.strerror(errno.EROFS) in result.err and result.err.count("\n") == 1
    assert not week_file.exists()


def test_a_lock_that_cannot_be_taken_names_partners_yaml(cli, data_dir, monkeypatch):
    assert cli("partners", "add", "Ana", "Ruiz", "--kind", "former-boss", "--rhythm", "distant").code == 0
    before = (data_dir / "partners.yaml").read_bytes()
    refuse_lock_files(monkeypatch)
    result = cli("touch", "ana")
    assert result.code == 1
    assert result.err.startswith(f"searchkeeper: could not save {data_dir / 'partners.yaml'}: cannot take ")
    assert (data_dir / "partners.yaml").read_bytes() == before


HOLDER = textwrap.dedent(
    """
    import os, sys
    from searchkeeper.storage.lock import locked
    sys.argv = ["/usr/local/bin/searchkeeper", "tick", "reconnect"]
    with locked(os.environ["SEARCHKEEPER_DATA_DIR"]):
        print("held", flush=True)
        sys.stdin.readline()  # until the test closes stdin
    """
)


def test_a_tick_gives_up_on_a_lock_another_process_holds_and_says_who(data_dir):
    env = {**os.environ, "SEARCHKEEPER_LOCK_WAIT": "1"}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline() == "held\n"
        started = time.monotonic()
        tick = subprocess.run(
            [sys.executable, "-m", "searchkeeper", "tick", "give-value", "--week", WEEK],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        waited = time.monotonic() - started
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    week_file = data_dir / "journal" / "2026" / f"{WEEK}.yaml"
    assert tick.returncode == 1
    assert tick.stderr == (
        f"searchkeeper: could not save {week_file}: another searchkeeper (pid {holder.pid}, "
        "`searchkeeper tick reconnect`) is saving; try again in a moment (the file on disk is unchanged)\n"
    )
    assert 1 <= waited < 20
    assert not week_file.exists()
    again = subprocess.run(
        [sys.executable, "-m", "searchkeeper", "tick", "give-value", "--week", WEEK],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert again.returncode == 0, again.stderr
    assert week_file.exists()
