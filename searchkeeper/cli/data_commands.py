"""Commands that look after the user's files: ``check`` (and ``check --merge``), ``export``, ``import``.

None of them needs a readable ``config.yaml``: a broken config is reported by
``check`` and carried by ``export`` like any other file.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from searchkeeper.cli.commands import places
from searchkeeper.core.errors import ConfigError, SearchkeeperError
from searchkeeper.core.weeks import Week
from searchkeeper.reports.visible import visible
from searchkeeper.storage import paths
from searchkeeper.storage.config import Settings, load_settings
from searchkeeper.storage.conflicts import find_conflicts, find_unread, merge_all
from searchkeeper.storage.journal import Journal
from searchkeeper.storage.workspace import counted_only, today
from searchkeeper.storage.yamlfile import remove_stray_temporaries


def _settings(config_dir: Path) -> tuple[Settings, ConfigError | None]:
    try:
        return load_settings(config_dir, strict=False), None
    except ConfigError as problem:
        return Settings(), problem


def _warn(line: str) -> None:
    print(visible(line), file=sys.stderr)


# check ----------------------------------------------------------------------------


def check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--merge",
        action="store_true",
        help="fold each sync conflict copy into its week; the copy is kept under backups/conflicts/",
    )


def check(args: argparse.Namespace) -> int:
    """Validate config.yaml, partners.yaml and every week file; list conflict copies; tidy leftovers."""
    data_dir, config_dir = places(args)
    settings, config_problem = _settings(config_dir)
    journal = Journal(data_dir, settings.catalogue.ids)
    problems = 0
    for problem in [config_problem] if config_problem is not None else settings.problems:
        _warn(str(problem))
        problems += 1
    problems += _check_partners(data_dir)
    for folder in (journal.folder, *sorted(p for p in journal.folder.glob("*") if p.is_dir()), config_dir):
        for path in remove_stray_temporaries(folder):
            print(f"{path}: removed a temporary file left by an interrupted save")
    if args.merge:
        outcomes, merge_problems = merge_all(journal)
        for outcome in outcomes:
            what = "; ".join(outcome.changes) or "nothing new"
            print(f"{outcome.conflict.label}: folded in {outcome.conflict.name}: {what}")
            print(f"  the copy is kept as {outcome.kept_as}")
        for problem in merge_problems:
            _warn(f"{problem} (not merged)")
        problems += len(merge_problems)
    else:
        conflicts = find_conflicts(journal)
        for conflict in conflicts:
            _warn(f"{conflict.path}: a sync conflict copy of {conflict.label} ({conflict.tool})")
        if conflicts:
            _warn(f"{len(conflicts)} conflict copies: run 'searchkeeper check --merge' to fold them in")
            problems += len(conflicts)
    for unread in find_unread(journal):
        _warn(str(unread))
        problems += 1
    files = journal.files()
    history = counted_only(journal.load_all(), journal, Week.of(today()))  # far-future weeks named
    for problem in history.problems:
        _warn(str(problem))
    for week, record in history.records.items():
        for practice_id in record.practices:
            if practice_id not in settings.catalogue:
                where = journal.path_for(week)
                print(f"{where}: practice '{practice_id}' is not in your catalogue (kept as is)")
    if history.problems:
        _warn(f"{len(history.problems)} of {len(files)} week files have problems")
    if problems or history.problems:
        return 1
    print(f"{len(files)} week files, all readable")
    return 0


def _check_partners(data_dir: Path) -> int:
    try:
        os.stat(data_dir / paths.PARTNERS_NAME)
    except FileNotFoundError:
        return 0  # no partners file, nothing to check (nor its code to load)
    except OSError:
        pass  # the load below names the problem
    from searchkeeper.storage.partners import PartnerBook

    try:
        PartnerBook(data_dir).load()
    except SearchkeeperError as problem:
        _warn(str(problem))
        return 1
    return 0


# export / import ------------------------------------------------------------------


def export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", metavar="PATH", help="a .tar.gz file to write, or a folder if PATH ends with /"
    )


def import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", metavar="PATH", help="a .tar.gz written by 'searchkeeper export', or such a folder"
    )


def export(args: argparse.Namespace) -> int:
    from searchkeeper.storage.backup import backup_items, export_backup

    data_dir, config_dir = places(args)
    destination = Path(args.path).expanduser()
    as_folder = args.path.endswith(("/", "\\")) or destination.is_dir()
    if not backup_items(data_dir, config_dir):
        raise SearchkeeperError(f"nothing to export: no journal or config in {data_dir} or {config_dir}")
    exported = export_backup(data_dir, config_dir, destination, as_folder)
    items = exported.items
    weeks = sum(1 for item in items if item.name.startswith("data/journal/"))
    others = [item.name.rsplit("/", 1)[-1] for item in items if not item.name.startswith("data/journal/")]
    tail = f" and {', '.join(others)}" if others else ""
    print(f"exported {weeks} week files{tail} to {destination}{'/' if as_folder else ''}")
    for problem in exported.left_out:
        _warn(f"{problem} (left out of the export)")
    if exported.left_out:
        _warn(f"{len(exported.left_out)} files left out: the export is not complete")
        return 1
    return 0


def import_(args: argparse.Namespace) -> int:
    from searchkeeper.storage.backup import import_backup

    data_dir, config_dir = places(args)
    settings, _ = _settings(config_dir)
    journal = Journal(data_dir, settings.catalogue.ids)
    report = import_backup(journal, config_dir, Path(args.path).expanduser())
    for line in report.lines:
        (_warn if line.startswith("skipped") else print)(line)
    print(f"imported {args.path}: {report.summary}")
    return 1 if report.skipped else 0
