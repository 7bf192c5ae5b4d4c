"""``due``, ``calendar`` and ``report --activities``: reaching the user outside the dashboard.

Registered in ``commands.ALL`` by name, and imported only when one of them runs.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path

from searchkeeper.cli.commands import workspace
from searchkeeper.core.errors import SearchkeeperError
from searchkeeper.core.weeks import Week, outside_years
from searchkeeper.reports.visible import visible

NOTIFY_TITLE = "searchkeeper"
NOTIFY_SECONDS = 10
"""How long a desktop notifier may take before it is given up on."""


def say(text: str, stream=None) -> None:
    """Print a line that may hold the user's text (a name, a note, a path), control characters
    spelt out (``visible``)."""
    print(visible(text), file=stream or sys.stdout)


# due ----------------------------------------------------------------------------


def due_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--notify",
        action="store_true",
        help="also show it as a desktop notification (notify-send, osascript)",
    )


def due(args: argparse.Namespace) -> int:
    """The digest on stdout; nothing at all when nothing needs attention (so cron sends no mail)."""
    from searchkeeper.reports.due import due_lines

    space = workspace(args)
    lines = due_lines(space, keep=not space.settings.problems)  # a kept digest would hide them
    for line in lines:
        say(line)
    if lines and args.notify:
        problem = notify(lines)
        if problem is not None:
            say(f"searchkeeper: {problem}", sys.stderr)
    return 0


def notify(lines: list[str]) -> str | None:
    """Show ``lines`` as a desktop notification; a one-line reason when none could be shown."""
    body = "\n".join(lines)
    if sys.platform == "darwin" and shutil.which("osascript"):
        script = [
            "on run argv",
            "display notification (item 1 of argv) with title (item 2 of argv)",
            "end run",
        ]
        command = ["osascript", *(part for line in script for part in ("-e", line)), body, NOTIFY_TITLE]
    elif shutil.which("notify-send"):
        markup = body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # the body is markup
        command = ["notify-send", f"--app-name={NOTIFY_TITLE}", NOTIFY_TITLE, markup]
    else:
        return "no desktop notifier here (notify-send or osascript); the digest is above"
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=NOTIFY_SECONDS)
    except (OSError, subprocess.SubprocessError) as error:
        return f"the desktop notification could not be shown ({command[0]}: {type(error).__name__})"
    return None


# calendar -----------------------------------------------------------------------


def _clock(text: str) -> time:
    try:
        return time.fromisoformat(text).replace(second=0, microsecond=0, tzinfo=None)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time like 17:00") from None


def calendar_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH.ics", help="the file to write (replaced as a whole)")
    parser.add_argument(
        "--audit-time",
        type=_clock,
        default=time(17, 0),
        metavar="HH:MM",
        help="when the weekly audit event starts, local time (default 17:00)",
    )


def calendar(args: argparse.Namespace) -> int:
    from searchkeeper.reports.calendar import calendar_text
    from searchkeeper.storage.partners import PartnerBook
    from searchkeeper.storage.yamlfile import atomic_write

    space = workspace(args)
    path = Path(args.path).expanduser()
    if path.is_dir():
        raise SearchkeeperError(f"{path} is a folder; give a file name like {path / 'searchkeeper.ics'}")
    if not path.parent.is_dir():
        raise SearchkeeperError(f"there is no folder {path.parent} to write the calendar in")
    roster = PartnerBook(space.data_dir).load()  # a broken file is named, and no calendar written
    text = calendar_text(roster, space.today, space.settings.audit_day, args.audit_time, datetime.now())
    atomic_write(path.resolve(), text)
    count = len(roster.active)
    partners = f"{count} partner{'' if count == 1 else 's'}"
    say(f"{path}: {partners} and the weekly audit at {args.audit_time:%H:%M}")
    return 0


# report --activities --------------------------------------------------------------


def _day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-02") from None
    why = outside_years(Week.of(day))
    if why is not None:
        raise argparse.ArgumentTypeError(why)
    return day


def activities_arguments(parser: argparse.ArgumentParser) -> None:
    """The options ``report --activities`` adds to ``report``."""
    parser.add_argument(
        "--activities",
        action="store_true",
        help="a dated log of every tick and partner touch (date, activity, contact, method, notes)",
    )
    parser.add_argument(
        "--from",
        dest="first",
        type=_day,
        metavar="DATE",
        help="with --activities: from (default: 4 weeks back)",
    )
    parser.add_argument(
        "--to", dest="last", type=_day, metavar="DATE", help="with --activities: to (default: today)"
    )
    parser.add_argument(
        "--min-per-week", type=int, metavar="N", help="with --activities: mark the weeks with fewer than N"
    )


def activities(args: argparse.Namespace) -> int:
    from searchkeeper.reports.activities import ACTIVITY_FORMATS, build_log, default_first

    if args.min_per_week is not None and args.min_per_week < 0:
        raise SearchkeeperError("--min-per-week must be 0 or more")
    space = workspace(args)
    last = args.last or space.today
    first = args.first or default_first(last)
    if first > last:
        raise SearchkeeperError(f"--from {first} is after --to {last}")
    log = build_log(space, first, last, args.min_per_week)
    sys.stdout.write(ACTIVITY_FORMATS[args.format](log))
    for problem in log.problems:
        say(f"searchkeeper: {problem} (its activities are not in this log)", sys.stderr)
    return 0
