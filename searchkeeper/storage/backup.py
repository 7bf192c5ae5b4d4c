"""One archive of everything the user wrote, and reading one back without losing anything.

An export holds, under two top folders::

    data/journal/2026/2026-W47.yaml     every week file (any other YAML file and sync-conflict copy too)
    data/partners.yaml                  if there is one
    config/config.yaml                  if there is one
    config/themes/<name>.yaml           the user's own themes

as a ``.tar.gz`` or, when the destination ends with ``/``, as a plain folder.
The archive is written beside its destination and renamed into place, so a
failed export never leaves half an archive under the name asked for.

An import never overwrites anything newer, because it never overwrites at all:

* a week is folded into the week on disk with the merge of sync conflicts
  (``conflicts.merge_records``), or added if it is not there; a week whose file on
  disk is broken is left alone and reported. The week keeps its own audit; when the
  archive's answered differently, it is kept whole as a week file of its own under
  ``backups/imports/<year>/`` (once: importing again adds nothing);
* ``config.yaml``, ``partners.yaml`` and themes are taken only when there is no
  file of that name yet; when the user's differs, it is kept (and the import says so);
* every file is validated before it is taken, or skipped with its reason;
* an archive with a member whose path is absolute, climbs out with ``..``, or is
  a link or a device is refused whole, before anything is written;
* so is an archive of more than ``MAX_MEMBERS`` members or ``MAX_TOTAL_BYTES`` in all: it
  is read in one pass, each member's size counted from its header before it is read,
  and none read past the size a file may have, so a small archive that unpacks to
  gigabytes costs next to nothing.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import io
import lzma
import os
import re
import stat
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from searchkeeper.core.errors import ConfigError, FileProblem, JournalError, SearchkeeperError
from searchkeeper.core.records import Audit, WeekRecord
from searchkeeper.core.weeks import Week
from searchkeeper.storage.config import from_data as settings_from
from searchkeeper.storage.conflict_names import YAML_ENDINGS, not_read_because
from searchkeeper.storage.conflicts import (
    BACKUP_FOLDER,
    audit_words,
    conflict_week,
    left_out_audit,
    merge_records,
)
from searchkeeper.storage.journal import Journal
from searchkeeper.storage.paths import CONFIG_NAME, JOURNAL_FOLDER, PARTNERS_NAME
from searchkeeper.storage.stamps import content_of, is_folder, not_regular
from searchkeeper.storage.week_file import from_data, to_data
from searchkeeper.storage.yamlfile import (
    MAX_BYTES,
    SaveError,
    atomic_write,
    dump,
    line_of,
    parse_document,
    read_regular,
)

TYPE_CHECKING = False
if TYPE_CHECKING:  # only the annotations need typing, which is slow to import
    from typing import Any, BinaryIO

DATA_ROOT = "data"
CONFIG_ROOT = "config"
THEMES_FOLDER = "themes"
IMPORTS_FOLDER = "imports"
MAX_MEMBERS = 10_000
"""More files than this in an archive and it is refused (ten years of weeks are 520)."""
MAX_TOTAL_BYTES = 64 * 1024 * 1024
"""The files of an archive may add up to this much (a year of weeks is well under 1 MiB)."""
HEADER_ROOM = 8 * 512
"""What a member may take in an archive beyond its content: its headers and padding."""
SLACK = 1024 * 1024
"""What an archive may take in all beyond its members' content and ``HEADER_ROOM`` each."""


class ArchiveRefused(SearchkeeperError):
    """An archive that is not imported at all: unsafe member paths, or not an archive."""


@dataclass(frozen=True)
class Item:
    """One file to export: its name inside the archive and where it is now."""

    name: str
    source: Path


@dataclass(frozen=True)
class Member:
    """One file read from an archive or a folder."""

    name: str
    data: bytes


@dataclass
class ImportReport:
    """What an import did, in lines the user can read, and how many of each."""

    lines: list[str] = field(default_factory=list)
    added: int = 0
    merged: int = 0
    unchanged: int = 0
    kept: int = 0
    skipped: int = 0

    def note(self, kind: str, line: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        self.lines.append(line)

    @property
    def summary(self) -> str:
        return (
            f"{self.added} added, {self.merged} merged, {self.unchanged} unchanged, "
            f"{self.kept} kept as yours, {self.skipped} skipped"
        )


# export ---------------------------------------------------------------------------


def backup_items(data_dir: Path, config_dir: Path) -> list[Item]:
    """Every file an export carries, in archive-name order.

    From the journal folder, every YAML file (any case) and sync conflict copy, read
    by the journal or not: they are the user's all the same. Links are followed, as
    the app reads them: the archive holds what they point to under the link's name.
    An entry that cannot be read (a link to nothing, a FIFO) is listed all the same,
    for ``export_backup`` to name as left out.
    """
    items: list[Item] = []
    journal_root = Path(data_dir) / JOURNAL_FOLDER
    for path in _files(journal_root, depth=2):
        relative = path.relative_to(journal_root)
        name = path.name
        if name.startswith(".") or not (name.lower().endswith(YAML_ENDINGS) or conflict_week(name)):
            continue
        items.append(Item(f"{DATA_ROOT}/{JOURNAL_FOLDER}/{relative.as_posix()}", path))
    partners = Path(data_dir) / PARTNERS_NAME
    if os.path.lexists(partners):
        items.append(Item(f"{DATA_ROOT}/{PARTNERS_NAME}", partners))
    config = Path(config_dir) / CONFIG_NAME
    if os.path.lexists(config):
        items.append(Item(f"{CONFIG_ROOT}/{CONFIG_NAME}", config))
    for path in _files(Path(config_dir) / THEMES_FOLDER, depth=1):
        if path.suffix in YAML_ENDINGS and not path.name.startswith("."):
            items.append(Item(f"{CONFIG_ROOT}/{THEMES_FOLDER}/{path.name}", path))
    return sorted(items, key=lambda item: item.name)


def _files(folder: Path, depth: int) -> Iterator[Path]:
    """Every entry below ``folder`` that is not a folder, ``depth`` levels down, links followed."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if not is_folder(entry):
            yield Path(entry.path)
        elif depth > 1 and not entry.name.startswith("."):
            yield from _files(Path(entry.path), depth - 1)


@dataclass
class Exported:
    """What an export wrote, and the files it had to leave out (each with its reason)."""

    items: list[Item] = field(default_factory=list)
    left_out: list[FileProblem] = field(default_factory=list)


def export_backup(data_dir: Path, config_dir: Path, destination: Path, as_folder: bool) -> Exported:
    """Write every item to ``destination`` (a ``.tar.gz``, or a folder); say what was written.
    One that would write into the data or the config folder is refused before anything is read."""
    destination = Path(destination)
    _refuse_own_folders(destination, as_folder, Path(data_dir), Path(config_dir))
    exported = Exported()
    contents: list[tuple[Item, bytes, float]] = []
    for item in backup_items(data_dir, config_dir):
        try:
            data = read_regular(item.source, MAX_TOTAL_BYTES)
            mtime = os.stat(item.source).st_mtime
        except FileNotFoundError:
            exported.left_out.append(FileProblem(item.source, "a link to nothing, or gone while exporting"))
            continue
        except FileProblem as problem:
            exported.left_out.append(problem)
            continue
        except OSError as error:
            exported.left_out.append(FileProblem(item.source, f"cannot read: {error.strerror or error}"))
            continue
        if len(data) > MAX_TOTAL_BYTES:
            exported.left_out.append(FileProblem(item.source, f"larger than {MAX_TOTAL_BYTES // 2**20} MiB"))
            continue
        contents.append((item, data, mtime))
        exported.items.append(item)
    if as_folder:
        for item, data, mtime in contents:
            target = destination / item.name
            atomic_write(target, data)
            os.utime(target, (mtime, mtime))
        if not contents:
            destination.mkdir(parents=True, exist_ok=True)
        return exported
    _write_archive(contents, destination)
    return exported


def _refuse_own_folders(destination: Path, as_folder: bool, data_dir: Path, config_dir: Path) -> None:
    """``SearchkeeperError`` if writing the export at ``destination`` would write into the app's folders."""
    where = Path(os.path.realpath(destination))
    targets = [where / DATA_ROOT, where / CONFIG_ROOT] if as_folder else []
    for folder, what in ((data_dir, "data"), (config_dir, "config")):
        own = Path(os.path.realpath(folder))
        if where == own or own in where.parents:
            raise SearchkeeperError(
                f"refusing to export to {destination}: it is inside the {what} folder {folder}; "
                "choose a place outside it"
            )
        for target in targets:
            target = Path(os.path.realpath(target))
            if target == own or own in target.parents or target in own.parents:
                raise SearchkeeperError(
                    f"refusing to export to {destination}: its {target.name}/ would be written over "
                    f"the {what} folder {folder}; choose another place"
                )


def _write_archive(contents: list[tuple[Item, bytes, float]], destination: Path) -> None:
    folder = destination.parent
    temporary: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".tar.gz", dir=folder)
        with os.fdopen(descriptor, "wb") as stream:
            with tarfile.open(fileobj=stream, mode="w:gz") as archive:
                for item, data, mtime in contents:
                    info = tarfile.TarInfo(item.name)
                    info.size = len(data)
                    info.mtime = int(mtime)
                    info.mode = 0o600  # notes about real people: the user's alone
                    archive.addfile(info, io.BytesIO(data))
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, destination)
        temporary = None
    except OSError as error:
        raise SaveError(destination, error.strerror or str(error), error.errno) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


# reading an archive ---------------------------------------------------------------


def read_backup(source: Path) -> list[Member]:
    """Every file of an archive or folder, checked for safe names; ``ArchiveRefused`` if unsafe."""
    source = Path(source)
    if source.is_dir():
        return _read_folder(source)
    try:
        kind = not_regular(os.stat(source).st_mode)
    except OSError:
        raise ArchiveRefused(f"{source}: no such archive or folder") from None
    if kind is not None:
        raise ArchiveRefused(f"{source}: not a regular file ({kind})")
    try:
        with open(source, "rb") as raw, _unpacked(raw) as stream:
            capped = _Capped(stream, source)
            with tarfile.open(fileobj=capped, mode="r|") as archive:  # type: ignore[call-overload]
                return _read_tar(source, archive, capped)
    except (tarfile.TarError, EOFError, zlib.error, lzma.LZMAError, OSError) as error:
        detail = (str(error).splitlines() or [type(error).__name__])[0].rstrip(":")
        raise ArchiveRefused(f"{source}: not a readable .tar.gz archive ({detail})") from None


def _unpacked(raw: BinaryIO) -> Any:
    """``raw`` itself, or a reader of what it decompresses to (gzip, bzip2 or xz, told by its first bytes)."""
    magic = raw.read(6)
    raw.seek(0)
    if magic.startswith(b"\x1f\x8b"):
        return gzip.GzipFile(fileobj=raw, mode="rb")
    if magic.startswith(b"BZh"):
        return bz2.BZ2File(raw)
    if magic.startswith(b"\xfd7zXZ\x00"):
        return lzma.LZMAFile(raw)
    return contextlib.nullcontext(raw)


class _Capped:
    """A reader that refuses the archive once more came out of it than its headers account for.

    Beyond the sizes ``_read_tar`` ``allow``s, only ``HEADER_ROOM`` per member and
    ``SLACK`` in all may come out: so a header that tarfile reads whole (a long name,
    an extended header) cannot make the import decompress more than about a MiB.
    """

    def __init__(self, stream: BinaryIO, source: Path) -> None:
        self.stream = stream
        self.source = source
        self.count = 0
        self.limit = SLACK

    def allow(self, size: int) -> None:
        self.limit += size + HEADER_ROOM

    def read(self, size: int = -1) -> bytes:
        room = self.limit + 1 - self.count
        data = self.stream.read(room if size < 0 else min(size, room))
        self.count += len(data)
        if self.count > self.limit:
            raise ArchiveRefused(
                f"{self.source}: unpacks to more than its files account for; not a searchkeeper backup"
            )
        return data


def _read_tar(source: Path, archive: tarfile.TarFile, capped: _Capped) -> list[Member]:
    """Each member in turn, in one pass: its name checked, its size counted towards
    ``MAX_TOTAL_BYTES`` before it is read, and none read past ``MAX_BYTES``."""
    members: list[Member] = []
    total = 0
    for count, info in enumerate(archive, start=1):
        if count > MAX_MEMBERS:
            raise ArchiveRefused(f"{source}: more than {MAX_MEMBERS} files; not a searchkeeper backup")
        name = _safe_name(source, info.name)
        if info.isdir():
            capped.allow(0)
            continue
        if not info.isfile() or info.issparse():
            raise ArchiveRefused(
                f"{source}: refusing '{info.name}': a link or special file, not a plain file"
            )
        total += info.size
        if total > MAX_TOTAL_BYTES:
            raise ArchiveRefused(
                f"{source}: more than {MAX_TOTAL_BYTES // 2**20} MiB of files; not a searchkeeper backup"
            )
        capped.allow(info.size)
        stream = archive.extractfile(info) if info.size <= MAX_BYTES else None  # too large: not read
        data = stream.read(MAX_BYTES + 1) if stream is not None else b""  # b"": reported when examined
        members.append(Member(name, data if len(data) <= MAX_BYTES else b""))
    return members


def _read_folder(source: Path) -> list[Member]:
    members: list[Member] = []
    total = 0
    for root, folders, files in os.walk(source, followlinks=False):
        folders.sort()
        for file_name in sorted(files):
            path = Path(root) / file_name
            name = path.relative_to(source).as_posix()
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
                members.append(Member(name, b""))
                continue
            total += info.st_size
            if total > MAX_TOTAL_BYTES or len(members) >= MAX_MEMBERS:
                raise ArchiveRefused(f"{source}: too many files to be a searchkeeper backup")
            members.append(Member(name, content_of(path, MAX_BYTES) or b""))  # b"": reported when examined
    return members


_DRIVE = re.compile(r"^[A-Za-z]:")


def _safe_name(source: Path, name: str) -> str:
    """The member's name, normalised; ``ArchiveRefused`` if it is absolute or climbs with ``..``."""
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        raise ArchiveRefused(f"{source}: refusing '{name}': an absolute path")
    parts = [part for part in re.split(r"[\\/]+", name) if part not in ("", ".")]
    if ".." in parts:
        raise ArchiveRefused(f"{source}: refusing '{name}': a path that climbs out with '..'")
    return str(PurePosixPath(*parts)) if parts else ""


# importing ------------------------------------------------------------------------


def import_backup(journal: Journal, config_dir: Path, source: Path) -> ImportReport:
    """Bring an archive's files in without losing anything on disk (see the module's text)."""
    members = read_backup(source)
    report = ImportReport()
    for member in members:
        _import_member(journal, Path(config_dir), member, report)
    return report


def _import_member(journal: Journal, config_dir: Path, member: Member, report: ImportReport) -> None:
    parts = PurePosixPath(member.name).parts
    if not parts:
        return
    if len(parts) == 4 and parts[:2] == (DATA_ROOT, JOURNAL_FOLDER):
        _import_week(journal, parts[2], parts[3], member, report)
    elif parts == (DATA_ROOT, PARTNERS_NAME):
        _take_if_absent(journal.data_dir / PARTNERS_NAME, member, _validate_partners, report)
    elif parts == (CONFIG_ROOT, CONFIG_NAME):
        _take_if_absent(config_dir / CONFIG_NAME, member, _validate_config, report)
    elif len(parts) == 3 and parts[:2] == (CONFIG_ROOT, THEMES_FOLDER) and parts[2].endswith(YAML_ENDINGS):
        _take_if_absent(config_dir / THEMES_FOLDER / parts[2], member, _validate_mapping, report)
    elif len(parts) == 3 and parts[:2] == (DATA_ROOT, JOURNAL_FOLDER):
        reason = not_read_because(parts[2], in_year_folder=False) or "not a week file"
        report.note("skipped", f"skipped {member.name}: {reason}")
    else:
        report.note("skipped", f"skipped {member.name}: not part of a searchkeeper backup")


def _import_week(journal: Journal, year: str, name: str, member: Member, report: ImportReport) -> None:
    week = conflict_week(name)
    if week is None:
        try:
            week = Week.parse(name.removesuffix(".yaml")) if name.endswith(".yaml") else None
        except ValueError:
            week = None
    if week is None:
        reason = not_read_because(name, in_year_folder=True) or "not a week file"
        report.note("skipped", f"skipped {member.name}: {reason}")
        return
    try:
        theirs = _validate_week(member, week, year)
    except FileProblem as problem:
        report.note("skipped", f"skipped {problem}")
        return
    existed = journal.path_for(week).exists()
    changes: list[str] = []

    def fold(record: WeekRecord) -> None:
        changes.extend(merge_records(record, theirs))

    if not existed:
        journal.update(week, fold)
        report.note("added", f"added {week.key}")
        return
    try:
        merged = journal.read(week)
        would_change = bool(merge_records(merged, theirs))
        left_out = left_out_audit(merged, theirs)
        kept_in, new = _keep_audit(journal.data_dir, week, left_out) if left_out else (None, False)
        if not would_change and not new:
            report.note("unchanged", f"unchanged {week.key}")
            return
        if would_change:
            journal.update(week, fold)
    except JournalError as problem:
        report.note("skipped", f"skipped {member.name}: your copy of {week.key} is broken ({problem})")
        return
    if left_out is not None and merged.audit is not None:
        changes.append(
            f"audit: kept yours ({audit_words(merged.audit)}); the archive's "
            f"({audit_words(left_out)}) is kept in {kept_in}"
        )
    if would_change:
        report.note("merged", f"merged {week.key}: " + "; ".join(changes))
    else:
        report.note("kept", f"kept your {week.key}: " + "; ".join(changes))


def _keep_audit(data_dir: Path, week: Week, audit: Audit) -> tuple[Path, bool]:
    """Keep an archive's audit of ``week`` that the week did not take, alone in a week file under
    ``backups/imports/<year>/``: ``(path, True)`` when written now, ``(path, False)`` if already kept."""
    content = (
        f"# The audit of {week.key} in an imported archive. The week kept its own audit,\n"
        "# which answered differently; this one is kept here so that nothing is lost.\n"
        + dump(to_data(WeekRecord(week, audit=audit)))
    ).encode("utf-8")
    folder = data_dir / BACKUP_FOLDER / IMPORTS_FOLDER / str(week.year)
    for number in range(10_000):
        path = folder / (f"{week.key}.audit.yaml" if number == 0 else f"{week.key}.audit.{number}.yaml")
        try:
            if read_regular(path, len(content)) == content:
                return path, False
        except FileNotFoundError:
            atomic_write(path, content)
            return path, True
        except FileProblem:
            continue
    raise SaveError(folder, "too many audits kept for this week already")


def _validate_week(member: Member, week: Week, year: str) -> WeekRecord:
    record = from_data(*_parse(member, JournalError), Path(member.name), week)
    if year != str(week.year):
        raise JournalError(Path(member.name), f"belongs in the folder {week.year}/, not {year}/")
    return record


def _parse(member: Member, problem: type[FileProblem]) -> tuple[object, object]:
    if not member.data:
        raise problem(Path(member.name), "empty, larger than 1 MiB, or not a regular file")
    return parse_document(member.data, Path(member.name), problem)


def _validate_mapping(member: Member) -> None:
    data, node = _parse(member, FileProblem)
    if not isinstance(data, dict):
        raise FileProblem(Path(member.name), "must be a mapping of keys", line_of(node))


def _validate_config(member: Member) -> None:
    settings_from(*_parse(member, ConfigError), Path(member.name))


def _validate_partners(member: Member) -> None:
    from searchkeeper.storage import partners

    data, node = _parse(member, partners.PartnersError)
    partners.from_data(data, node, Path(member.name))


def _take_if_absent(target: Path, member: Member, validate, report: ImportReport) -> None:
    try:
        validate(member)
    except FileProblem as problem:
        report.note("skipped", f"skipped {problem}")
        return
    try:
        current = read_regular(target, MAX_BYTES)
    except FileNotFoundError:
        current = None
    except FileProblem as problem:
        report.note("skipped", f"skipped {member.name}: {problem}")
        return
    if current == member.data:
        report.note("unchanged", f"unchanged {target.name}")
        return
    if current is not None:
        report.note("kept", f"kept your {target.name} (the archive's differs; it was not taken)")
        return
    atomic_write(target, member.data)
    report.note("added", f"added {target.name}")
