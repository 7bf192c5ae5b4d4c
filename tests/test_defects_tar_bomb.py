"""``import`` of a tar bomb: refused from its headers, before the big member is decompressed.

A few MB of gzip can hold gigabytes of zeros. Each member's size is counted against a
limit for the whole archive before it is read, a member over the size of a file is never
read, what the headers do not count is capped too, and an archive of too many members is
refused. The tests read ``/proc/self/io`` to see how much of the archive was read,
rather than timing the import.
"""

from __future__ import annotations

import io
import struct
import tarfile
import zlib
from pathlib import Path

import pytest

from searchkeeper.storage.backup import MAX_MEMBERS, MAX_TOTAL_BYTES

WEEK_NAME = "data/journal/2026/2026-W47.yaml"
GOOD_WEEK = b"format: 1\nweek: 2026-W46\npractices:\n  reconnect: {state: done, date: 2026-11-10}\n"
MIB = 1024 * 1024


def _apply(matrix: list[int], vector: int) -> int:
    result, bit = 0, 0
    while vector:
        if vector & 1:
            result ^= matrix[bit]
        vector >>= 1
        bit += 1
    return result


def crc32_then_zeros(crc: int, count: int) -> int:
    """``zlib.crc32`` of a text whose CRC is ``crc`` followed by ``count`` zero bytes, without the bytes."""
    operator = [0xEDB88320] + [1 << (bit - 1) for bit in range(1, 32)]  # one zero bit
    for _ in range(3):  # a zero byte is eight zero bits
        operator = [_apply(operator, column) for column in operator]
    register = crc ^ 0xFFFFFFFF
    while count:
        if count & 1:
            register = _apply(operator, register)
        operator = [_apply(operator, column) for column in operator]
        count >>= 1
    return register ^ 0xFFFFFFFF


def gzip_bomb(path: Path, info: tarfile.TarInfo, size: int, before: bytes = b"") -> Path:
    """A valid ``.tar.gz``: the members in ``before``, then ``info``'s header and ``size`` zero bytes.

    Deflate after a full flush starts afresh, so a megabyte of zeros compresses to the
    same bytes every time: they are written once per megabyte instead of compressed.
    """
    head = before + info.tobuf(format=tarfile.GNU_FORMAT)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(MIB)
    with open(path, "wb") as out:
        out.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")
        out.write(compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH))
        out.write(compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH))
        block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
        for _ in range(size // MIB - 1):
            out.write(block)
        tail = bytes(-size % 512 + 1024)  # padding, then the two zero blocks that end an archive
        out.write(compressor.compress(tail) + compressor.flush(zlib.Z_FINISH))
        crc = crc32_then_zeros(zlib.crc32(head), size + len(tail))
        out.write(struct.pack("<II", crc, (len(head) + size + len(tail)) & 0xFFFFFFFF))
    return path


def tar_member(name: str, data: bytes) -> bytes:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info.tobuf(format=tarfile.GNU_FORMAT) + data + bytes(-len(data) % 512)


def bytes_read() -> int:
    with open("/proc/self/io", encoding="ascii") as stream:
        return int(next(line for line in stream if line.startswith("rchar:")).split()[1])


needs_proc = pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="no /proc/self/io here")


def test_the_bomb_made_here_is_a_real_archive(tmp_path):
    info = tarfile.TarInfo(WEEK_NAME)
    info.size = 3 * MIB
    path = gzip_bomb(tmp_path / "small.tar.gz", info, info.size, tar_member("data/partners.yaml", b"x"))
    with tarfile.open(path) as archive:
        assert archive.getnames() == ["data/partners.yaml", WEEK_NAME]
        assert archive.extractfile(WEEK_NAME).read() == bytes(3 * MIB)


@needs_proc
def test_a_member_of_gigabytes_is_refused_from_its_header(cli, data_dir, tmp_path):
    info = tarfile.TarInfo(WEEK_NAME)
    info.size = 4096 * MIB
    good = tar_member("data/journal/2026/2026-W46.yaml", GOOD_WEEK)
    archive = gzip_bomb(tmp_path / "bomb.tar.gz", info, info.size, good)
    size = archive.stat().st_size
    assert size > 4 * MIB  # 4 GiB of zeros in 4 MB
    before = bytes_read()
    result = cli("import", str(archive))
    read = bytes_read() - before
    assert result.code == 1
    assert result.err == (
        f"searchkeeper: {archive}: more than {MAX_TOTAL_BYTES // MIB} MiB of files; "
        "not a searchkeeper backup\n"
    )
    assert read < size // 8, f"read {read} bytes of a {size}-byte archive"
    assert not (data_dir / "journal").exists()  # refused whole: not even the good week came in


@needs_proc
def test_what_the_headers_do_not_count_is_capped_too(cli, data_dir, tmp_path):
    """An extended (pax) header of a gigabyte: tarfile would read it all into memory."""
    info = tarfile.TarInfo("././@PaxHeader")
    info.type = tarfile.XHDTYPE
    info.size = 1024 * MIB
    archive = gzip_bomb(tmp_path / "pax.tar.gz", info, info.size)
    size = archive.stat().st_size
    before = bytes_read()
    result = cli("import", str(archive))
    read = bytes_read() - before
    assert result.err == (
        f"searchkeeper: {archive}: unpacks to more than its files account for; not a searchkeeper backup\n"
    )
    assert read < size // 64, f"read {read} bytes of a {size}-byte archive"


def test_members_that_add_up_to_too_much_are_refused(cli, data_dir, tmp_path):
    count = MAX_TOTAL_BYTES // MIB + 1
    path = tmp_path / "many-megabytes.tar.gz"
    with tarfile.open(path, "w:gz", compresslevel=1) as archive:
        for number in range(count):
            info = tarfile.TarInfo(f"data/journal/2026/big-{number}.yaml")
            info.size = MIB
            archive.addfile(info, io.BytesIO(bytes(MIB)))
    result = cli("import", str(path))
    assert result.code == 1 and "MiB of files; not a searchkeeper backup" in result.err
    assert not (data_dir / "journal").exists()


def test_an_archive_of_too_many_members_is_refused(cli, data_dir, tmp_path):
    assert MAX_MEMBERS <= 10_000  # ten years of weeks are 520 files
    path = tmp_path / "many.tar.gz"
    with tarfile.open(path, "w:gz", compresslevel=1) as archive:
        for number in range(MAX_MEMBERS + 1):
            archive.addfile(tarfile.TarInfo(f"data/notes/{number}.txt"), io.BytesIO(b""))
    result = cli("import", str(path))
    assert result.code == 1
    assert result.err == f"searchkeeper: {path}: more than {MAX_MEMBERS} files; not a searchkeeper backup\n"


def test_a_member_over_the_file_limit_is_skipped_and_the_rest_comes_in(cli, data_dir, tmp_path):
    info = tarfile.TarInfo(WEEK_NAME)
    info.size = 3 * MIB
    good = tar_member("data/journal/2026/2026-W46.yaml", GOOD_WEEK)
    archive = gzip_bomb(tmp_path / "big.tar.gz", info, info.size, good)
    result = cli("import", str(archive))
    assert result.code == 1
    assert f"skipped {WEEK_NAME}: empty, larger than 1 MiB, or not a regular file" in result.err
    assert "added 2026-W46" in result.out
    assert (data_dir / "journal" / "2026" / "2026-W46.yaml").exists()
