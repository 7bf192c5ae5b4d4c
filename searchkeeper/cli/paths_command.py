"""``searchkeeper paths``: where searchkeeper keeps everything, one folder a line."""

from __future__ import annotations

import argparse

from searchkeeper.cli.commands import places
from searchkeeper.reports.visible import visible
from searchkeeper.storage.index import folder_of
from searchkeeper.storage.theme_files import builtin_theme_folder, user_theme_folder


def paths(args: argparse.Namespace) -> int:
    """Each folder as ``NAME<tab>PATH`` (``cut -f2`` takes the path): the data (journal, partners),
    the config (config.yaml), this data folder's cache (index, lock), your themes and the built-in ones."""
    data_dir, config_dir = places(args)
    folders = {
        "data": data_dir,
        "config": config_dir,
        "cache": folder_of(data_dir),
        "themes": user_theme_folder(config_dir),
        "builtin-themes": builtin_theme_folder(),
    }
    for name, folder in folders.items():
        print(f"{name}\t{visible(str(folder))}")
    return 0
