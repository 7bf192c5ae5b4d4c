"""``searchkeeper edit [--week KEY | partners | config]``: a file in the user's editor, checked after.

The editor is ``$VISUAL``, else ``$EDITOR``, split as a shell splits words (``code --wait``). A
week or ``config.yaml`` that does not exist yet starts from a commented template (a template
left as it was is not kept). When the editor exits the file is read as every command reads it:
fine, one line; broken, each problem as ``path:line: reason`` and exit 1, the text left exactly
as written, so the next ``edit`` opens it again. No lock is held while the editor is open: an
open dashboard takes the change as it takes any outside edit.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from searchkeeper.cli.commands import places
from searchkeeper.core.errors import FileProblem, SearchkeeperError
from searchkeeper.core.partners import CHANNELS, KINDS
from searchkeeper.core.weeks import Week, from_words
from searchkeeper.reports.visible import visible
from searchkeeper.storage.config import config_path, load_settings
from searchkeeper.storage.journal import Journal
from searchkeeper.storage.partners import PartnerBook
from searchkeeper.storage.workspace import today
from searchkeeper.storage.yamlfile import atomic_write

Check = Callable[[], object]
"""Reads the edited file as the app does: returns its problems as a list, or raises the first."""

WEEK_TEMPLATE = """\
# searchkeeper: the week {key} ({span}). A line starting with # is a comment: saves keep it.
format: 1
week: {key}
away: false            # true for a week away (holiday, illness): nothing counted, streaks hold
practices:
  # a block for each practice (ids: searchkeeper practices), for instance
  # reconnect:
  #   state: done        # done, missed or excused
  #   date: {day}
  #   note: Coffee with a former client
"""

CONFIG_TEMPLATE = """\
# searchkeeper settings. Every key is optional; a line starting with # is a comment: saves keep it.
# threshold: 60          # percent of counted practices that makes a momentum week
# audit_day: friday      # the day the audit is offered
# theme: searchkeeper-dark
# practices:
#   recorded-answers: {cadence: monthly}   # re-cadence a built-in practice
#   local-number: {retired: true}          # retire one: its history stays
#   portfolio:                             # add your own
#     group: maintenance
#     title: Update the portfolio
#     cadence: weekly
"""

PARTNERS_TEMPLATE = f"""\
# searchkeeper: your networking partners. A line starting with # is a comment: saves keep it.
format: 1
partners:
  # - name: Ana Ruiz
  #   kind: former-boss      # {", ".join(KINDS)}
  #   rhythm: key            # key (monthly), close (2 months), distant (4 months), or 6w
  #   channel: phone         # {", ".join(CHANNELS)}
  #   notes: Now COO at a logistics firm
  #   touches:
  #   - date: 2026-11-03
  #     channel: email
  #     value: Sent her the freight pricing article
"""


def edit_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        choices=("week", "partners", "config"),
        default="week",
        help="which file: a week (default), partners.yaml or config.yaml",
    )
    parser.add_argument(
        "--week",
        metavar="KEY",
        help="the week to edit: a key like 2026-W47, or this / last (default: this week)",
    )


def edit(args: argparse.Namespace) -> int:
    """Open the file in the editor, then check it."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor or not shlex.split(editor):
        raise SearchkeeperError(
            "neither $VISUAL nor $EDITOR is set: set one (export EDITOR=nano) to edit a file"
        )
    if args.week is not None and args.file != "week":
        raise SearchkeeperError(f"--week is for a week file, not {args.file}")
    data_dir, config_dir = places(args)
    path, template, check = _target(args, data_dir, config_dir)
    new = not path.exists()
    if new:
        atomic_write(path, template)
    before = path.read_bytes()
    _run(shlex.split(editor), path)
    after = path.read_bytes() if path.exists() else None
    if after == before:
        if new:
            with contextlib.suppress(OSError):
                path.unlink()
        print(visible(f"{path}: unchanged" + (" (no file kept)" if new else "")))
        return 0
    if after is None:
        print(visible(f"{path}: removed in the editor"))
        return 0
    problems = _problems(check)
    for problem in problems:
        print(visible(str(problem)), file=sys.stderr)
    if problems:  # the text stays as written: the next edit opens it again
        return 1
    print(visible(f"{path}: saved, and it reads fine"))
    return 0


def _target(args: argparse.Namespace, data_dir: Path, config_dir: Path) -> tuple[Path, str, Check]:
    """The file to edit, the template a new one starts from, and how to read it back."""
    if args.file == "config":
        return (
            config_path(config_dir),
            CONFIG_TEMPLATE,
            lambda: load_settings(config_dir, strict=False).problems,
        )
    if args.file == "partners":
        book = PartnerBook(data_dir)
        return book.path, PARTNERS_TEMPLATE, book.load
    try:
        week = from_words(args.week, Week.of(today()))
    except ValueError as error:
        raise SearchkeeperError(str(error)) from None
    journal = Journal(data_dir)
    template = WEEK_TEMPLATE.format(key=week.key, span=week.span(), day=week.monday.isoformat())
    return journal.path_for(week), template, lambda: journal.read(week)


def _problems(read: Check) -> list[FileProblem]:
    """What is wrong with the file: the problems ``read`` returns (a list), or the one it raises."""
    try:
        found = read()
    except FileProblem as problem:
        return [problem]
    return list(found) if isinstance(found, list) else []


def _run(command: list[str], path: Path) -> None:
    try:
        done = subprocess.run([*command, str(path)], check=False)
    except OSError as error:
        raise SearchkeeperError(
            f"could not start the editor '{command[0]}': {error.strerror or error}"
        ) from None
    if done.returncode != 0:
        print(f"the editor exited with status {done.returncode}; checking the file anyway", file=sys.stderr)
