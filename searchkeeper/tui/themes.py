"""Theme files: the built-in ones in ``themes/`` and the user's in ``<config dir>/themes/``.

A theme file is YAML with Textual's theme fields::

    name: my-theme          # defaults to the file name
    dark: true
    primary: "#5AA9E6"      # required; the other colours are optional
    background: "#15191E"
    variables:              # searchkeeper's own colours (see THEME_VARIABLES)
      momentum-bar: "#6CCB8A"

A file that does not load becomes a ``FileProblem`` naming the file and the line;
it never stops the others from loading.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.theme import Theme, ThemeProvider

from searchkeeper.core.errors import FileProblem
from searchkeeper.storage.theme_files import ThemeText, read_theme_file, read_themes

DEFAULT_THEME = "searchkeeper-dark"
COLOUR_KEYS = (
    "primary",
    "secondary",
    "accent",
    "warning",
    "error",
    "success",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
NUMBER_KEYS = ("luminosity_spread", "text_alpha")
THEME_VARIABLES = ("practice-met", "momentum-bar", "momentum-low")
"""The colours searchkeeper adds to a theme; a theme may leave any of them out."""


def load_theme_file(path: Path) -> Theme:
    """Read one theme file; raise ``FileProblem`` naming the line of what is wrong."""
    return theme_of(read_theme_file(path))


def theme_of(text: ThemeText) -> Theme:
    """The theme a file read (``storage.theme_files``) holds; ``FileProblem`` naming the line of what is wrong."""
    data = text.data

    def fail(reason: str, *keys: str) -> FileProblem:
        return FileProblem(text.path, reason, text.line(*keys))

    if not isinstance(data, dict):
        raise fail("a theme must be a mapping of colours (name, primary, background, …)")
    known = {"name", "dark", "variables", *COLOUR_KEYS, *NUMBER_KEYS}
    for key in data:
        if key not in known:
            raise fail(f"unknown key '{key}' (known: {', '.join(sorted(known))})", str(key))
    name = data.get("name", text.path.stem)
    if not isinstance(name, str) or not name.strip():
        raise fail("'name' must be text", "name")
    if "primary" not in data:
        raise fail("a theme needs at least a 'primary' colour")
    fields: dict[str, Any] = {"name": name.strip()}
    for key in COLOUR_KEYS:
        if key in data:
            fields[key] = _colour(data[key], lambda reason, k=key: fail(reason, k), key)
    if "dark" in data:
        if not isinstance(data["dark"], bool):
            raise fail("'dark' must be true or false", "dark")
        fields["dark"] = data["dark"]
    for key in NUMBER_KEYS:
        if key in data:
            value = data[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
                raise fail(f"'{key}' must be a number from 0 to 1", key)
            fields[key] = float(value)
    variables = data.get("variables") or {}
    if not isinstance(variables, dict):
        raise fail("'variables' must be a mapping of names to colours", "variables")
    fields["variables"] = {
        str(key): _colour(value, lambda reason, k=str(key): fail(reason, "variables", k), str(key))
        for key, value in variables.items()
    }
    return Theme(**fields)


def _colour(value: Any, fail: Any, key: str) -> str:
    if not isinstance(value, str):
        raise fail(f"'{key}' must be a colour such as \"#5AA9E6\" (quote it: # starts a comment)")
    try:
        Color.parse(value)
    except ColorParseError:
        raise fail(f"'{key}': {value!r} is not a colour such as \"#5AA9E6\"") from None
    return value


def load_themes(*folders: Path) -> tuple[list[Theme], list[FileProblem]]:
    """Every theme in ``folders`` (later folders win on equal names) and the files that failed."""
    return themes_of(read_themes(*folders))


def themes_of(read: list[ThemeText | FileProblem]) -> tuple[list[Theme], list[FileProblem]]:
    """The themes of files read (``read_themes``; later ones win on equal names), and the problems."""
    themes: dict[str, Theme] = {}
    problems: list[FileProblem] = []
    for text in read:
        try:
            if isinstance(text, FileProblem):
                raise text
            theme = theme_of(text)
        except FileProblem as problem:
            problems.append(problem)
        else:
            themes[theme.name] = theme
    return list(themes.values()), problems


def app_themes_first(names: list[str], own: list[str]) -> list[str]:
    """``names`` with the app's built-in themes first (in ``own``'s order), then the user's and
    Textual's stock ones by name."""
    first = [name for name in own if name in names]
    return first + sorted(name for name in names if name not in first)


class AppThemes(ThemeProvider):
    """The theme picker: searchkeeper's themes first, then the rest (Textual sorts all by name)."""

    own: tuple[str, ...] = ("searchkeeper-dark", "searchkeeper-light", "searchkeeper-contrast")

    @property
    def commands(self) -> list[tuple[str, Callable[[], None]]]:
        def set_app_theme(name: str) -> None:
            self.app.theme = name

        names = app_themes_first(list(self.app.available_themes), list(self.own))
        return [(name, partial(set_app_theme, name)) for name in names]
