"""Theme files as YAML: each one's data and the line of each of its keys.

What a theme file may hold, and the colours it makes, are the dashboard's (``tui.themes``);
reading one needs no Textual, so the dashboard's first look at the disk (``tui.read_ahead``)
reads them in another process while Textual loads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from searchkeeper.core.errors import FileProblem
from searchkeeper.storage.yamlfile import line_of, read_document

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from typing import Any

THEME_FOLDER = "themes"


@dataclass
class ThemeText:
    """One theme file as read: its data, and the line of each key (``("variables", name)`` for a
    variable) and of the document itself (``()``)."""

    path: Path
    data: Any
    lines: dict[tuple[str, ...], int | None] = field(default_factory=dict)

    def line(self, *keys: str) -> int | None:
        """The line of the value at ``keys``, as far as the file goes (``yamlfile.line_of``)."""
        for depth in range(len(keys), -1, -1):
            if keys[:depth] in self.lines:
                return self.lines[keys[:depth]]
        return None


def builtin_theme_folder() -> Path:
    """Where the built-in themes are: inside the package when installed from a wheel,
    the repository's top-level ``themes/`` in an editable install."""
    package = Path(__file__).resolve().parent.parent
    inside = package / THEME_FOLDER
    return inside if inside.is_dir() else package.parent / THEME_FOLDER


def user_theme_folder(config_dir: Path) -> Path:
    """The user's own themes: ``themes/`` in the config directory."""
    return Path(config_dir) / THEME_FOLDER


def theme_files(folder: Path) -> list[Path]:
    """The ``.yaml`` and ``.yml`` files in ``folder``, by name; none if it cannot be listed."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    except OSError:
        return []


def read_theme_file(path: Path) -> ThemeText:
    """Read one theme file; ``FileProblem`` naming the line of what does not load."""
    data, node = read_document(path, FileProblem)
    lines: dict[tuple[str, ...], int | None] = {(): line_of(node)}
    if isinstance(data, dict):
        for key in data:
            lines[(str(key),)] = line_of(node, str(key))
        variables = data.get("variables")
        if isinstance(variables, dict):
            for key in variables:
                lines[("variables", str(key))] = line_of(node, "variables", str(key))
    return ThemeText(path, data, lines)


def app_theme_folders(config_dir: Path) -> tuple[Path, Path]:
    """Where the dashboard's themes come from: the built-in folder, then the user's (a theme there
    wins over a built-in one of the same name)."""
    return builtin_theme_folder(), user_theme_folder(config_dir)


def app_theme_files(config_dir: Path) -> list[ThemeText | FileProblem]:
    """The theme files the dashboard offers (``app_theme_folders``), read."""
    return read_themes(*app_theme_folders(config_dir))


def read_themes(*folders: Path) -> list[ThemeText | FileProblem]:
    """Every theme file in ``folders``, in order, read, or the problem that stopped it."""
    found: list[ThemeText | FileProblem] = []
    for folder in folders:
        for path in theme_files(folder):
            try:
                found.append(read_theme_file(path))
            except FileProblem as problem:
                found.append(problem)
            except OSError as error:  # pragma: no cover - read_document names these
                found.append(FileProblem(path, str(error)))
    return found
