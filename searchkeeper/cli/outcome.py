"""How a command ends: an exit code, and an error as one line on stderr, never a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from searchkeeper.core.errors import SearchkeeperError
from searchkeeper.reports.visible import visible

PROG = "searchkeeper"


class UsageError(Exception):
    """A command line that does not parse: exit 2."""


def guarded(action: Callable[[], int]) -> int:
    """Run ``action`` and return its exit code; whatever it raises is one line on stderr and a code."""
    try:
        return action()
    except UsageError as error:
        error_line(str(error))
        return 2
    except SystemExit as done:  # --help and --version have printed what was asked
        return done.code if isinstance(done.code, int) else 0
    except SearchkeeperError as error:
        error_line(str(error))
        return 1
    except BrokenPipeError:  # pragma: no cover - `searchkeeper report | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        error_line(f"cannot use{where}: {error.strerror or error}")
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the last resort: one line, the traceback only on request
        if os.environ.get("SEARCHKEEPER_DEBUG"):
            raise
        error_line(f"unexpected error: {type(error).__name__}: {error}")
        return 70


def error_line(text: str) -> None:
    """One line on stderr; a name or note quoted in it is spelt out (``visible``)."""
    print(f"{PROG}: {visible(text)}", file=sys.stderr)
