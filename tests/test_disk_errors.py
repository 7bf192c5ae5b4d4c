"""The disk says no: a full disk, a read-only folder, a permission error.

Each time the command line prints one line (what could not be saved, and why), exits
non-zero, leaves the file as it was, and leaves no temporary file behind. Faults are
injected by making the system calls the save uses fail as a real disk would, inside a
``monkeypatch.context()`` (``monkeypatch.undo()`` would also undo the test's own data,
config and cache folders); the ``chmod`` variants run only where permissions bind (not
as root).
"""

from __future__ import annotations

import errno
import os
import tarfile
from pathlib import Path

import pytest

from searchkeeper.core.weeks import Week
from searchkeeper.storage import yamlfile
from searchkeeper.storage.journal import Journal
from searchkeeper.storage.yamlfile import SaveError, atomic_write

WEEK = "2026-W47"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def week_file(cli, data_dir) -> Path:
    assert cli("tick", "reconnect", "--week", WEEK, "--note", "Coffee with Ana").code == 0
    return data_dir / "journal" / "2026" / f"{WEEK}.yaml"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".tmp-*"))


def failing(code: int, after: int = 0):
    """A stand-in for a system call that works ``after`` times, then fails with ``code``."""
    calls = {"n": 0}

    def fail(real):
        def call(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] > after:
                raise OSError(code, os.strerror(code))
            return real(*args, **kwargs)

        return call

    return fail


@pytest.mark.parametrize(
    "call, code, says",
    [
        ("write", errno.ENOSPC, "the disk is full"),
        ("fsync", errno.ENOSPC, "the disk is full"),
        ("fsync", errno.EIO, os.strerror(errno.EIO)),
        ("replace", errno.EROFS, "the file system is read-only"),
        ("replace", errno.EACCES, "permission denied"),
    ],
)
def test_a_save_the_disk_refuses_is_one_line_and_changes_nothing(
    cli, week_file, monkeypatch, call, code, says
):
    before = week_file.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(yamlfile.os, call, failing(code)(getattr(os, call)))
        result = cli("tick", "give-value", "--week", WEEK, "--note", "Sent Raj the article")

    assert result.code == 1
    assert result.out == ""
    assert result.err == f"searchkeeper: could not save {week_file}: {says} (the file on disk is unchanged)\n"
    assert week_file.read_bytes() == before
    assert leftovers(week_file.parent) == []
    assert cli("tick", "give-value", "--week", WEEK).code == 0  # the same save works once the disk does


def test_a_full_disk_part_way_through_a_large_write_leaves_the_old_file(cli, week_file, monkeypatch):
    before = week_file.read_bytes()
    real_write = os.write

    def short_then_full(descriptor, data):
        if len(data) > 64:
            return real_write(descriptor, bytes(data[:64]))  # the disk takes a little...
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # ...then is full

    with monkeypatch.context() as patch:
        patch.setattr(yamlfile.os, "write", short_then_full)
        result = cli("tick", "give-value", "--week", WEEK, "--note", "x" * 500)
    assert result.code == 1 and "the disk is full" in result.err
    assert week_file.read_bytes() == before
    assert leftovers(week_file.parent) == []


def test_a_folder_that_refuses_new_files_is_one_line(cli, week_file, monkeypatch):
    before = week_file.read_bytes()

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(week_file.parent))

    with monkeypatch.context() as patch:
        patch.setattr(yamlfile, "create_temporary", refuse)
        result = cli("excuse", "give-value", "--week", WEEK)
    assert result.code == 1
    assert result.err.startswith(f"searchkeeper: could not save {week_file}: permission denied for ")
    assert result.err.count("\n") == 1
    assert week_file.read_bytes() == before


def test_a_lock_that_cannot_be_taken_anywhere_is_one_line(cli, week_file, data_dir, monkeypatch):
    """The lock lives in the cache folder (or, failing that, the temporary folder): when
    neither can hold it, as on a read-only system, nothing is written."""
    import types

    from searchkeeper.storage import lock

    before = week_file.read_bytes()

    def read_only_open(path, flags, *args):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return os.open(path, flags, *args)

    proxy = types.SimpleNamespace(
        **{name: getattr(os, name) for name in dir(os) if not name.startswith("__")}
    )
    proxy.open = read_only_open
    with monkeypatch.context() as patch:
        patch.setattr(lock, "os", proxy)
        result = cli("away", "--week", WEEK)
    assert result.code == 1
    assert result.err == (
        f"searchkeeper: could not save {week_file}: cannot take the write lock {lock.lock_path(data_dir)}: "
        f"{os.strerror(errno.EROFS)} (the file on disk is unchanged)\n"
    )
    assert week_file.read_bytes() == before
    assert cli("status").code == 0  # reading still works


@pytest.mark.skipif(
    AS_ROOT, reason="root writes through chmod; the read-only case is covered by injected errors"
)
def test_a_really_read_only_journal_folder(cli, week_file):
    before = week_file.read_bytes()
    folder = week_file.parent
    folder.chmod(0o555)
    try:
        result = cli("tick", "give-value", "--week", WEEK)
        status = cli("status")
    finally:
        folder.chmod(0o755)
    assert result.code == 1 and f"could not save {week_file}: permission denied" in result.err
    assert result.err.count("\n") == 1
    assert status.code == 0
    assert week_file.read_bytes() == before
    assert leftovers(folder) == []


def test_text_that_cannot_be_written_as_utf8_is_refused_before_the_file_is_touched(cli, week_file):
    before = week_file.read_bytes()
    result = cli("tick", "give-value", "--week", WEEK, "--note", "caf\udce9")  # undecodable argv byte
    assert result.code == 2  # refused as the command line is read
    assert result.err == (
        "searchkeeper: --note is not valid text: 'caf\\xe9' holds bytes that are not text in your "
        "terminal's encoding\n"
    )
    assert week_file.read_bytes() == before


def test_a_save_error_is_an_oserror_with_the_file_and_the_reason(data_dir, monkeypatch):
    """What the dashboard relies on: catching ``OSError`` (or ``SearchkeeperError``) around a save."""
    journal = Journal(data_dir)
    monkeypatch.setattr(yamlfile.os, "fsync", failing(errno.ENOSPC)(os.fsync))
    with pytest.raises(OSError) as caught:
        journal.update(Week.parse(WEEK), lambda record: record.set_note("reconnect", "x"))
    error = caught.value
    assert isinstance(error, SaveError)
    assert error.errno == errno.ENOSPC
    assert error.filename == str(journal.path_for(Week.parse(WEEK)))
    assert error.strerror == "the disk is full"


def test_a_failed_write_keeps_the_old_file_and_its_permissions(tmp_path, monkeypatch):
    target = tmp_path / "week.yaml"
    target.write_text("old\n")
    target.chmod(0o640)
    atomic_write(target, "new\n")
    assert target.read_text() == "new\n" and (target.stat().st_mode & 0o777) == 0o640
    monkeypatch.setattr(yamlfile.os, "replace", failing(errno.ENOSPC)(os.replace))
    with pytest.raises(SaveError):
        atomic_write(target, "newer\n")
    assert target.read_text() == "new\n"
    assert leftovers(tmp_path) == []


def test_an_export_to_a_full_disk_leaves_no_half_archive(cli, week_file, tmp_path, monkeypatch):
    destination = tmp_path / "out" / "backup.tar.gz"
    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", failing(errno.ENOSPC)(os.fsync))
        result = cli("export", str(destination))
    assert result.code == 1
    assert result.err.startswith(f"searchkeeper: could not save {destination}: ")
    assert result.err.count("\n") == 1
    assert not destination.exists()
    assert leftovers(destination.parent) == []
    assert cli("export", str(destination)).code == 0
    with tarfile.open(destination) as archive:
        assert archive.getnames() == [f"data/journal/2026/{WEEK}.yaml"]


def test_an_import_onto_a_full_disk_stops_with_one_line_and_changes_nothing(
    cli, week_file, tmp_path, monkeypatch
):
    archive = tmp_path / "backup.tar.gz"
    assert cli("tick", "give-value", "--week", WEEK).code == 0
    assert cli("export", str(archive)).code == 0
    assert cli("tick", "give-value", "--week", WEEK, "--undo").code == 0
    before = week_file.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(yamlfile.os, "write", failing(errno.ENOSPC)(os.write))
        result = cli("import", str(archive))
    assert result.code == 1
    assert f"could not save {week_file}: the disk is full" in result.err
    assert week_file.read_bytes() == before
    assert leftovers(week_file.parent) == []
