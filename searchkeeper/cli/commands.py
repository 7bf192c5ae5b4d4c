"""The subcommands: each declares its arguments and handles a parsed namespace."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from searchkeeper.core.errors import SearchkeeperError
from searchkeeper.core.practices import Practice
from searchkeeper.core.records import tick_day
from searchkeeper.core.weeks import Week
from searchkeeper.reports.status_line import current_line, settings_seen
from searchkeeper.reports.visible import visible
from searchkeeper.storage import paths
from searchkeeper.storage.index import batched
from searchkeeper.storage.workspace import Workspace

Arguments = Callable[[argparse.ArgumentParser], None]
Handler = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class Command:
    """A subcommand. ``arguments`` and ``handle`` are functions, or ``"module:name"`` of a
    function in a module imported only when this command runs (so that ``--help`` and
    every other command start without it)."""

    name: str
    help: str
    arguments: Arguments | str
    handle: Handler | str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        _resolve(self.arguments)(parser)

    def run(self, args: argparse.Namespace) -> int:
        return _resolve(self.handle)(args)


def _resolve(function: Callable | str) -> Callable:
    if not isinstance(function, str):
        return function
    module, _, name = function.partition(":")
    return getattr(import_module(f"searchkeeper.cli.{module}"), name)


def workspace(args: argparse.Namespace, warn: bool = True) -> Workspace:
    """The workspace; each bad value in ``config.yaml`` is named on stderr (unless not ``warn``)."""
    space = Workspace.open(getattr(args, "data_dir", None), getattr(args, "config_dir", None))
    for problem in space.settings.problems if warn else ():
        print(f"searchkeeper: {problem} (the default is used)", file=sys.stderr)
    return space


def places(args: argparse.Namespace) -> tuple[Path, Path]:
    """The data and config folders the command is asked to use."""
    data_dir = paths.data_dir(getattr(args, "data_dir", None))
    return data_dir, paths.config_dir(getattr(args, "config_dir", None))


def locations(parser: argparse.ArgumentParser, default: object, shown: bool = True) -> None:
    """``--data-dir`` and ``--config-dir``: on the program, on each command, and unlisted on a nested
    action too (``partners add … --data-dir D``)."""
    for option, help_text in (
        ("--data-dir", "where the journal lives (or $SEARCHKEEPER_DATA_DIR)"),
        ("--config-dir", "where config.yaml and themes live (or $SEARCHKEEPER_CONFIG_DIR)"),
    ):
        parser.add_argument(
            option, metavar="DIR", default=default, help=help_text if shown else argparse.SUPPRESS
        )


def watched_workspace(args: argparse.Namespace) -> tuple[Workspace, list[int] | None]:
    """The workspace, and what ``config.yaml`` was before it was read (for the status line)."""
    settings = settings_seen(places(args)[1])
    space = workspace(args)
    return space, None if space.settings.problems else settings  # a line not kept: its problems are told


def _week_note_and_undo(parser: argparse.ArgumentParser, undo: str) -> None:
    parser.add_argument(
        "--week", metavar="KEY", help="a week key like 2026-W47, or this / last (default: this week)"
    )
    parser.add_argument("--note", metavar="TEXT", help="a line of evidence to keep with it")
    parser.add_argument("--undo", action="store_true", help=undo)
    _force(parser)


def _force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force", action="store_true", help="take a week more than a year back, before the journal's first"
    )


def _week_to_change(space: Workspace, args: argparse.Namespace) -> Week:
    """The week asked for, if the command may change it (``weeks.refusal``): ``away`` plans ahead."""
    return space.week(args.week, args.command, ahead=args.command == "away", force=args.force)


# tick / excuse / away -------------------------------------------------------


def _week_change(change: Callable[..., str]) -> Handler:
    """A command that changes a week: ``change(space, week, practice, args)`` makes the change
    and says what it did; the status line after it follows. The command's own write and the
    status line it keeps reach the index in one save."""

    def run(args: argparse.Namespace) -> int:
        with batched(paths.data_dir(getattr(args, "data_dir", None))):
            space, settings = watched_workspace(args)
            practice = space.settings.catalogue.resolve(args.practice) if "practice" in args else None
            week = _week_to_change(space, args)
            print(visible(change(space, week, practice, args)))  # a note spelt out
            print(current_line(space, week, settings))
        return 0

    return run


def _tick_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("practice", metavar="ID", help="a practice id, or a unique prefix of one")
    _week_note_and_undo(parser, "untick it instead")


def _excuse_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("practice", metavar="ID", help="a practice id, or a unique prefix of one")
    _week_note_and_undo(parser, "take the excuse back: the practice counts again")


@_week_change
def _tick(space: Workspace, week: Week, practice: Practice, args: argparse.Namespace) -> str:
    if args.undo:
        space.journal.update(week, lambda r: r.untick(practice.id))
        return f"{week.key}: {practice.id} unticked"
    day = tick_day(week, space.today, space.settings.audit_day)
    note = space.journal.update(week, lambda r: r.tick(practice.id, day, args.note)).note(practice.id)
    return f"{week.key}: {practice.id} done" + (f" — {note}" if note else "")


@_week_change
def _excuse(space: Workspace, week: Week, practice: Practice, args: argparse.Namespace) -> str:
    if args.undo:
        space.journal.update(
            week, lambda r: r.clear(practice.id) if r.state(practice.id) == "excused" else None
        )
        return f"{week.key}: {practice.id} counts again"
    space.journal.update(week, lambda r: r.excuse(practice.id, args.note))
    return f"{week.key}: {practice.id} excused (not counted this week)"


def _away_arguments(parser: argparse.ArgumentParser) -> None:
    _week_note_and_undo(parser, "the week counts again")


@_week_change
def _away(space: Workspace, week: Week, practice: None, args: argparse.Namespace) -> str:
    def mark(record):
        record.away = not args.undo
        if args.undo or args.note is not None:
            record.away_note = args.note or ""

    space.journal.update(week, mark)
    if args.undo:
        return f"{week.key}: counts again"
    return f"{week.key}: away — nothing counted, streaks and momentum hold still"


# status / practices ----------------------------------------------------------


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def _status(args: argparse.Namespace) -> int:
    space, settings = watched_workspace(args)
    print(current_line(space, space.this_week, settings, changed=False))
    return 0


def _practices(args: argparse.Namespace) -> int:
    catalogue = workspace(args).settings.catalogue
    width = max(len(p.id) for p in catalogue.everything)
    for practice in catalogue.everything:
        flags = []
        if practice.cadence != "weekly":
            flags.append(practice.cadence)
        if not practice.builtin:
            flags.append("yours")
        if practice.retired:
            flags.append("retired")
        tail = f"  ({', '.join(flags)})" if flags else ""
        print(visible(f"{practice.id:<{width}}  {practice.group:<11}  {practice.title}{tail}"))
    return 0


# report -----------------------------------------------------------------------


def _report_arguments(parser: argparse.ArgumentParser) -> None:
    from searchkeeper.reports.formats import FORMATS

    parser.add_argument(
        "--weeks",
        type=int,
        default=12,
        metavar="N",
        help="how many weeks back, this one included (default 12)",
    )
    parser.add_argument(
        "--week",
        metavar="KEY",
        help="one week on one page instead: done practices with dates and notes, the reflection",
    )
    parser.add_argument(
        "--format", choices=sorted(FORMATS), default="text", help="output format (default text)"
    )
    _resolve("reminder_commands:activities_arguments")(parser)


def _report(args: argparse.Namespace) -> int:
    from searchkeeper.reports.formats import FORMATS, build_report

    if args.activities:
        return _resolve("reminder_commands:activities")(args)
    if args.week is None and args.weeks < 1:
        raise SearchkeeperError("--weeks must be at least 1")
    space = workspace(args)
    if args.week is not None:
        from searchkeeper.reports.week_summary import week_report

        sys.stdout.write(week_report(space, space.week(args.week), args.format))
        return 0
    report = build_report(space, args.weeks)
    sys.stdout.write(FORMATS[args.format](report))
    _note_unreadable(space, report.rows[0].week if report.rows else space.this_week)
    return 0


def _note_unreadable(space: Workspace, first: Week) -> None:
    """A broken week file is an unknown week in a report (not counted): say so on stderr, once each."""
    for problem in space.history().problems:
        try:
            week = Week.parse(problem.path.stem)
        except ValueError:
            week = None
        if week is None or first <= week <= space.this_week:
            print(f"searchkeeper: {problem} (left out of this report's scores)", file=sys.stderr)


# the dashboard ----------------------------------------------------------------


Dashboard = Callable[..., int]
"""``dashboard(space, screen=None, week=None) -> exit code``, passed in by the launcher."""


def no_dashboard(space: Workspace, screen: str | None = None, week: Week | None = None) -> int:
    raise SearchkeeperError("the dashboard is not available here; use a command (see --help)")


def open_dashboard(args: argparse.Namespace) -> int:
    return args.dashboard(workspace(args, warn=False))  # the dashboard tells of config problems


def _audit_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--week",
        metavar="KEY",
        help="the week to audit: a key like 2026-W47, or last (default: this week)",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="line by line on standard input and output, no terminal needed (also taken without "
        "one): y, n, x or s a line, a note after a colon; then u, o, a or s, and two lines",
    )
    _force(parser)


def _audit(args: argparse.Namespace) -> int:
    """Open the dashboard's audit screen on the week asked for (``--plain``: the plain audit)."""
    space = workspace(args, warn=False)  # the dashboard and the plain audit tell of config problems
    week = _week_to_change(space, args)
    space.journal.read(week)  # a broken week file is named here, before the dashboard opens
    if args.plain:
        return _resolve("audit_plain:audit_plain")(space, week)
    return args.dashboard(space, screen="audit", week=week)


def _demo(args: argparse.Namespace) -> int:
    """The dashboard on a sample year in a temporary folder; the folders it would ignore are refused."""
    import tempfile

    from searchkeeper.storage.sample import sample_workspace

    for option in ("data_dir", "config_dir"):
        if getattr(args, option, None) is not None:
            raise SearchkeeperError(
                f"demo takes no --{option.replace('_', '-')}: it runs on sample data in a temporary folder"
            )
    with tempfile.TemporaryDirectory(prefix="searchkeeper-demo-") as folder:
        return args.dashboard(sample_workspace(folder))


ALL = [
    Command("tick", "mark a practice done this week (or --week)", _tick_arguments, _tick),
    Command("excuse", "excuse a practice this week: it is not counted", _excuse_arguments, _excuse),
    Command("away", "mark a whole week away: nothing counted, streaks hold", _away_arguments, _away),
    Command("status", "one line: week, score, streak, momentum, audit", _no_arguments, _status),
    Command(
        "audit", "audit a week one practice at a time (--week last on a Monday)", _audit_arguments, _audit
    ),
    Command("report", "a table of recent weeks (text, markdown, csv, json)", _report_arguments, _report),
    Command("practices", "list the practices and their ids", _no_arguments, _practices),
    Command(
        "check",
        "read every journal file and report problems (--merge folds sync conflict copies)",
        "data_commands:check_arguments",
        "data_commands:check",
    ),
    Command(
        "export",
        "write every journal, config.yaml, themes and partners.yaml to one .tar.gz (or PATH/)",
        "data_commands:export_arguments",
        "data_commands:export",
    ),
    Command(
        "import",
        "bring a backup back in: weeks are merged, nothing on disk is overwritten",
        "data_commands:import_arguments",
        "data_commands:import_",
    ),
    Command("demo", "open the dashboard on a sample year, in a temporary folder", _no_arguments, _demo),
    Command(
        "edit",
        "open a week (or partners, config) in $VISUAL / $EDITOR, and check it after",
        "edit_command:edit_arguments",
        "edit_command:edit",
    ),
    Command(
        "paths", "where the data, config, cache and theme folders are", _no_arguments, "paths_command:paths"
    ),
    Command(
        "completion",
        "print the shell completion script for bash, zsh or fish",
        "completion:completion_arguments",
        "completion:completion",
    ),
    Command(
        "partners",
        "list networking partners by when they are due; add, edit or retire one",
        "partner_commands:_partners_arguments",
        "partner_commands:_partners",
    ),
    Command(
        "touch",
        "log a contact with a networking partner",
        "partner_commands:_touch_arguments",
        "partner_commands:_touch",
    ),
    Command(
        "due",
        "what needs attention today, in a few lines (nothing when nothing does): for cron",
        "reminder_commands:due_arguments",
        "reminder_commands:due",
    ),
    Command(
        "calendar",
        "write partners' due dates and the weekly audit to an .ics file",
        "reminder_commands:calendar_arguments",
        "reminder_commands:calendar",
    ),
]
"""Every subcommand, in the order ``--help`` lists them; only the one run is imported."""
NAMES = frozenset(command.name for command in ALL)
