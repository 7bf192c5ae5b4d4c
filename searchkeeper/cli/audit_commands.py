"""``searchkeeper audit``: the Friday audit of a week, in the dashboard.

Registered in ``commands.ALL`` by name, and imported only when it runs.
"""

from __future__ import annotations

import argparse

from searchkeeper.storage.workspace import Workspace


def audit_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--week",
        metavar="KEY",
        help="the week to audit: a key like 2026-W47, or last (default: this week)",
    )


def audit(args: argparse.Namespace) -> int:
    """Open the dashboard's audit screen on the week asked for."""
    space = Workspace.open(getattr(args, "data_dir", None), getattr(args, "config_dir", None))
    week = space.week(args.week)
    space.journal.read(week)  # a broken week file is named here, before the dashboard opens
    return args.dashboard(space, screen="audit", week=week)
