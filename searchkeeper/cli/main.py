"""``searchkeeper``: the command line. ``run(argv)`` is the single exit point and returns the code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from searchkeeper import __version__
from searchkeeper.cli import commands
from searchkeeper.cli.commands import Dashboard
from searchkeeper.cli.outcome import PROG, guarded
from searchkeeper.cli.outcome import UsageError as _UsageError


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, like every other error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{message} (see '{self.prog} --help')")


def build_parser(argv: Sequence[str] | None = None, bare: bool = False) -> argparse.ArgumentParser:
    """The parser; given ``argv``, only the commands named in it are built (a quick start).

    Every command is built when ``argv`` names none (unless ``bare``: then none is, for
    the dashboard, which needs no command's arguments), or asks for help: ``--help``
    lists them all.
    """
    parser = _Parser(
        prog=PROG,
        description="Keep a job search alive: audit each week against thirteen practices and watch your momentum.",
        epilog="With no command, opens the dashboard on the current week.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands.locations(parser, None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    named = None if argv is None else set(argv)
    if named is not None and (named & {"-h", "--help"} or not (named & commands.NAMES or bare)):
        named = None
    for command in commands.ALL:
        if named is None or command.name in named:
            child = sub.add_parser(command.name, help=command.help, description=command.help)
            child.set_defaults(handler=command.run)
            commands.locations(child, argparse.SUPPRESS)
            command.add_arguments(child)
    return parser


def _parse(argv: list[str]) -> argparse.Namespace:
    try:
        args = build_parser(argv, bare=True).parse_args(argv)
    except _UsageError:
        args = build_parser().parse_args(argv)  # every command built: the message names them all
    _refuse_undecodable(args)
    return args


PATHS = frozenset({"data_dir", "config_dir", "path"})
"""The arguments that name a file or a folder: a name in any bytes is the system's to take."""

POSITIONALS = {"name": "the name", "practice": "the practice id"}


def _refuse_undecodable(args: argparse.Namespace) -> None:
    """Refuse a text argument holding bytes that are not text in the terminal's encoding: Python
    keeps each as a lone surrogate, which no file can hold nor any terminal show."""
    for dest, value in vars(args).items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and dest not in PATHS and not _is_text(text):
                what = POSITIONALS.get(dest, f"--{dest.replace('_', '-')}")
                shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                raise _UsageError(f"{what} is not valid text: '{shown}' holds bytes that are not "
                                  "text in your terminal's encoding")  # fmt: skip


def _is_text(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def run(argv: Sequence[str] | None = None, dashboard: Dashboard | None = None) -> int:
    """Parse ``argv``, run the command, and return the exit code; errors are one line on stderr.

    ``dashboard`` opens the dashboard on a workspace; the launcher passes it in so
    that the command line itself never imports Textual.
    """
    argv = sys.argv[1:] if argv is None else list(argv)

    def command() -> int:
        args = _parse(argv)
        args.dashboard = dashboard or commands.no_dashboard
        handler = getattr(args, "handler", commands.open_dashboard)
        return handler(args)

    return guarded(command)
