"""The ``searchkeeper`` program: the command line, with the dashboard loaded only when it opens.

``searchkeeper`` alone opens the dashboard straight away: no command line is parsed, so
none of the parser is built (``cli.outcome`` still turns any error into one line).

A plain ``searchkeeper status`` first looks for the line kept in the derived index
(``index.kept_line``): no YAML and none of the app's modules, a ``stat`` per file.
"""

from __future__ import annotations

import codecs
import gc
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: typing is slow to import
    from searchkeeper.core.weeks import Week
    from searchkeeper.storage.workspace import Workspace


PLAIN = "searchkeeper-plain"
"""The output's error handler: a character the output's encoding has no code for (an ASCII or
Latin-1 terminal) is printed as plain letters, never stops a command that has saved its change."""

_PLAIN = {"—": "-", "–": "-", "−": "-", "·": "-", "→": "->", "±": "+/-", "✔": "v", "✓": "v", "●": "*",
          "○": "o", "…": "...", "‘": "'", "’": "'", "“": '"', "”": '"'}  # fmt: skip


def _plain(error: UnicodeError) -> tuple[str, int]:
    """``Zoë — ✓`` as ``Zoe - v``: the app's symbols by hand, accented letters without their accents,
    anything else ``?``."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    from unicodedata import normalize

    def plain(char: str) -> str:
        return _PLAIN.get(char) or normalize("NFKD", char).encode("ascii", "ignore").decode() or "?"

    return "".join(map(plain, error.object[error.start : error.end])), error.end


codecs.register_error(PLAIN, _plain)


def open_dashboard(space: Workspace, screen: str | None = None, week: Week | None = None) -> int:
    """Open the dashboard (optionally on a named screen, such as ``audit``, and a week); closing
    that screen closes the dashboard. The audit with no terminal to draw on is the plain one."""
    if screen == "audit" and not (sys.stdin.isatty() and sys.stdout.isatty()):
        from searchkeeper.cli.audit_plain import audit_plain

        return audit_plain(space, week or space.this_week)
    if not _has_keys():  # it would wait for ever
        from searchkeeper.core.errors import SearchkeeperError

        raise SearchkeeperError(
            "the dashboard needs a terminal to read keys from; without one, use a command "
            "such as status, tick or audit --plain (see --help)"
        )
    from searchkeeper.tui.read_ahead import ReadAhead

    ahead = ReadAhead.start(space)  # the journal is read on another core while Textual loads
    from searchkeeper.tui.app import run_dashboard

    return run_dashboard(space, screen=screen, week=week, ahead=ahead)


def open_own_dashboard() -> int:
    """``searchkeeper`` alone: the dashboard, on this week. A child process opens the workspace
    and reads the journal while this one loads Textual (``tui.read_ahead``); where it cannot,
    this one opens it, and a config it cannot use is told as ``Workspace.open`` tells it."""
    if not _has_keys():  # what is wrong with the config first, then that it needs a terminal
        from searchkeeper.storage.workspace import Workspace

        return open_dashboard(Workspace.open())
    from searchkeeper.tui.read_ahead import ReadAhead

    ahead = ReadAhead.start()
    from searchkeeper.tui.app import run_dashboard

    opening = ahead.opening() if ahead is not None else None
    space = opening.space if opening is not None else None
    if space is None:
        from searchkeeper.storage.workspace import Workspace

        space = Workspace.open()
    return run_dashboard(space, ahead=ahead)


def _has_keys() -> bool:
    """Whether there is a terminal to read keys from."""
    return sys.stdin is not None and sys.stdin.isatty()


def main() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # None under pythonw
            stream.reconfigure(errors=PLAIN)
    if sys.argv[1:] in (["status"], ["due"]) and _quick(sys.argv[1]):
        sys.exit(0)
    if sys.argv[1:2] == ["__complete"]:  # a tab in a shell (cli/completion.py): nothing else runs
        from searchkeeper.cli.completion import complete

        sys.exit(complete(sys.argv[2:]))
    # A command runs for a moment and leaves no garbage cycles worth collecting: the
    # cyclic collector would only walk the history's objects again and again while
    # they are read (a tenth of a status worked out again). The dashboard turns it back on.
    gc.disable()
    if not sys.argv[1:]:  # the dashboard, as it is mostly opened: no command line to parse
        from searchkeeper.cli.outcome import guarded

        code = guarded(open_own_dashboard)  # the dashboard tells of config problems
    else:
        from searchkeeper.cli.main import run

        code = run(sys.argv[1:], dashboard=open_dashboard)
    # Nor is anything left to collect as the program ends: without this the interpreter's
    # last collection walks every object there is, a sixth of a tick's time.
    gc.freeze()
    sys.exit(code)


def _quick(command: str) -> bool:
    """Print the kept status line (``status``) or digest (``due``) if nothing it was made from
    changed; False to run the command in full."""
    import os
    import time

    from searchkeeper.storage.index import kept_digest, kept_line
    from searchkeeper.storage.paths import TODAY_ENV, default_folders

    try:
        today = os.environ.get(TODAY_ENV) or time.strftime("%Y-%m-%d")
        if command == "status":
            found = kept_line(*default_folders(), today)
            lines = None if found is None else [found]
        else:
            lines = kept_digest(*default_folders(), today)
    except Exception:  # platformdirs could not tell the folders, or anything odd: the command says why
        return False
    if lines is None or sys.stdout is None:
        return False
    for line in lines:
        print(line)
    return True
