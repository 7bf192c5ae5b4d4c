"""The user's settings: ``config.yaml`` in the config directory.

Every key is optional::

    threshold: 60          # percent of counted practices that makes a momentum week (0.6 works too)
    audit_day: friday      # the day the audit is offered (fri works too)
    theme: searchkeeper-dark
    keymap:                # binding id (the help screen shows them) to keys
      week.next: l
      week.previous: h,left
    practices:
      recorded-answers: {cadence: monthly}      # re-cadence a default
      local-number: {retired: true}             # retire one; its history stays
      portfolio:                                # add your own
        group: maintenance
        title: Update the portfolio
        question: Did you add something new to your portfolio?
        why: Fresh work shows you are active.
        cadence: weekly
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from searchkeeper.core.errors import ConfigError, SearchkeeperError
from searchkeeper.core.practices import (
    CADENCES,
    GROUPS,
    Catalogue,
    Practice,
)
from searchkeeper.core.weeks import Week
from searchkeeper.storage import paths
from searchkeeper.storage.theme_files import app_theme_folders, theme_files
from searchkeeper.storage.yamlfile import atomic_write, line_of, parse_document, read_document, yaml_text

TYPE_CHECKING = False
if TYPE_CHECKING:  # only the annotations need typing, which is slow to import
    from collections.abc import Callable
    from typing import Any

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PRACTICE_TEXT_KEYS = ("title", "question", "why")
_PRACTICE_KEYS = (*_PRACTICE_TEXT_KEYS, "group", "cadence", "retired", "since", "cadences")


@lru_cache(maxsize=1)
def builtin_catalogue() -> Catalogue:
    """The thirteen default practices, read from the data file shipped in the package."""
    import yaml

    text = Path(__file__).with_name("practices.yaml").read_text(encoding="utf-8")  # package data
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    practices = []
    for group in GROUPS:
        for item in data[group]:
            practices.append(Practice(group=group, **item))
    return Catalogue(practices)


@dataclass
class Settings:
    """What the config file says, with defaults for everything it leaves out (or gets wrong:
    ``problems`` names each bad value, one ``ConfigError`` a line)."""

    threshold: float = 0.6
    audit_day: int = 4
    theme: str | None = None
    catalogue: Catalogue = field(default_factory=builtin_catalogue)
    path: Path | None = None
    problems: list[ConfigError] = field(default_factory=list)
    unsettled: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Practice id: the dates ``settle`` is to give it (``since``, ``cadences``, ``retired``, ``cadence``)."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id: its keys, comma-separated (``h,left``), for Textual's ``App.set_keymap``."""
    keymap_lines: dict[str, int | None] = field(default_factory=dict)
    """Binding id: the line of its entry, to name one that matches no binding (``keymap_problems``)."""


def config_path(config_dir: Path) -> Path:
    return Path(config_dir) / paths.CONFIG_NAME


def load_settings(config_dir: Path, strict: bool = True) -> Settings:
    """Read ``config.yaml`` (absent is fine); a file that is not YAML, or not a mapping, raises
    ``ConfigError``; so does a bad value, unless not ``strict``: then each is in ``problems`` (the
    default is used for it), with a theme that does not exist."""
    path = config_path(config_dir)
    try:
        data, node = read_document(path, ConfigError)
    except FileNotFoundError:
        return Settings(path=path)
    settings = from_data(data, node, path, strict)
    theme = settings.theme
    if not strict and theme is not None and theme not in theme_names(config_dir, theme):
        reason = f"no theme is called '{theme}' (see the themes folders)"
        settings.problems.append(ConfigError(path, reason, line_of(node, "theme")))
        settings.theme = None
    settings.problems.sort(key=lambda problem: problem.line or 0)
    return settings


def from_data(data: Any, node: Any, path: Path, strict: bool = True) -> Settings:
    """Validate loaded YAML and build the settings; ``ConfigError`` naming the key and line for a
    document that is not a mapping, and for the first bad value when ``strict`` (else each is in
    ``problems`` and the default is kept for it)."""
    settings = Settings(path=path)
    if data is None:
        return settings

    def fail(reason: str, *keys: str) -> None:
        problem = ConfigError(path, reason, line_of(node, *keys))
        if strict:
            raise problem
        settings.problems.append(problem)

    if not isinstance(data, dict):
        raise ConfigError(path, "the config must be a mapping of settings", line_of(node))
    known = {"threshold", "audit_day", "theme", "keymap", "practices"}
    for key in data:
        if key not in known:
            fail(f"unknown setting '{key}' (known: {', '.join(sorted(known))})", str(key))
    if "threshold" in data:
        value = data["threshold"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 100:
            fail("'threshold' must be a percentage from 1 to 100 (or a fraction below 1)", "threshold")
        else:  # 60 means 60%, and so does 0.6; 1 means 1%, not 100%.
            settings.threshold = float(value) if value < 1 else value / 100
    if "audit_day" in data:
        day = str(data["audit_day"]).strip().lower()
        matches = [name for name in DAYS if len(day) >= 3 and name.startswith(day)]
        if len(matches) != 1:
            fail(f"'audit_day' must be a day name such as friday, not {data['audit_day']!r}", "audit_day")
        else:
            settings.audit_day = DAYS.index(matches[0])
    if data.get("theme") is not None:
        if not isinstance(data["theme"], str):
            fail("'theme' must be a theme name", "theme")
        else:
            settings.theme = data["theme"]
    if data.get("keymap") is not None:
        _keymap(data["keymap"], settings, lambda reason, *keys: fail(reason, "keymap", *keys), node)
    settings.catalogue = _catalogue(data.get("practices") or {}, fail, settings.unsettled)
    return settings


def _keymap(given: Any, settings: Settings, fail: Callable[..., None], node: Any) -> None:
    """``keymap:``: binding ids, each with one key or several (``h,left``, or a list of them)."""
    if not isinstance(given, dict):
        fail("'keymap' must map binding ids to keys, such as 'week.next: l' (the help screen shows the ids)")
        return
    for binding_id, keys in given.items():
        keys = keys if isinstance(keys, list) else [keys]
        texts = all(isinstance(key, (str, int)) and not isinstance(key, bool) for key in keys)
        names = [name.strip() for key in keys for name in str(key).split(",")] if texts else []
        if not isinstance(binding_id, str) or not binding_id.strip():
            fail(f"keymap: {binding_id!r} is not a binding id such as week.next", str(binding_id))
        elif not names or not all(name and " " not in name for name in names):
            fail(f"keymap: '{binding_id}' needs keys such as l, ctrl+n or h,left", binding_id)
        else:
            settings.keymap[binding_id] = ",".join(names)
            settings.keymap_lines[binding_id] = line_of(node, "keymap", binding_id)


def keymap_problems(settings: Settings, known: set[str]) -> list[ConfigError]:
    """A problem for each keymap entry that names no binding in ``known`` (the dashboard's ids)."""
    return [
        ConfigError(
            settings.path or paths.CONFIG_NAME,
            f"keymap: no key has the id '{binding_id}' (the help screen, ?, shows each key's id)",
            settings.keymap_lines.get(binding_id),
        )
        for binding_id in settings.keymap
        if binding_id not in known
    ]


def _week(value: Any) -> Week | None:
    try:
        return Week.parse(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _catalogue(overrides: Any, fail: Callable[..., None], unsettled: dict[str, dict[str, Any]]) -> Catalogue:
    """The built-in catalogue with the config's changes; a practice with a bad value keeps the
    default for it, one that cannot be made at all is left out."""
    catalogue = builtin_catalogue()
    if not isinstance(overrides, dict):
        fail("'practices' must be a mapping of practice ids", "practices")
        return catalogue
    changed = []
    for practice_id, item in overrides.items():
        where = ("practices", str(practice_id))
        if not isinstance(practice_id, str) or not practice_id.replace("-", "").isalnum():
            fail(f"practice id {practice_id!r} must be letters, digits and dashes", *where)
            continue
        if not isinstance(item, dict):
            fail(f"practice '{practice_id}' must be a mapping of its keys", *where)
            continue
        item = dict(item)

        def bad(key: str, reason: str, item: dict[str, Any] = item, where: tuple[str, ...] = where) -> None:
            fail(f"practice '{where[1]}': {reason}", *where, key)
            item.pop(key, None)

        for key in list(item):
            if key not in _PRACTICE_KEYS:
                bad(str(key), f"unknown key '{key}' ({', '.join(_PRACTICE_KEYS)})")
        for key in _PRACTICE_TEXT_KEYS:
            if key in item and not isinstance(item[key], str):
                bad(key, f"'{key}' must be text")
        if "cadence" in item and item["cadence"] not in CADENCES:
            bad("cadence", f"cadence must be one of {', '.join(CADENCES)}")
        if "group" in item and item["group"] not in GROUPS:
            bad("group", f"group must be one of {', '.join(GROUPS)}")
        retired = item.pop("retired", False)
        if not isinstance(retired, bool) and _week(retired) is None:
            bad("retired", "'retired' must be true or false, or a week such as 2026-W49")
            retired = False
        since = item.pop("since", None)
        if since is not None and _week(since) is None:
            bad("since", "'since' must be a week such as 2026-W40")
            since = None
        cadences = item.pop("cadences", None)
        if cadences is not None and not (
            isinstance(cadences, dict) and all(_week(w) and c in CADENCES for w, c in cadences.items())
        ):
            bad("cadences", f"'cadences' must map weeks such as 2026-W49 to {', '.join(CADENCES)}")
            cadences = None
        existing = catalogue.get(practice_id)
        if existing is None and "title" not in item:
            fail(f"new practice '{practice_id}' needs at least a title", *where)
            continue
        if existing is not None:
            practice = replace(existing, **item)
        else:
            defaults = {"group": "maintenance", "question": f"{item['title']}?", "why": ""}
            practice = Practice(id=practice_id, builtin=False, **{**defaults, **item})
        practice, todo = _lifespan(practice, existing, retired, _week(since), cadences)
        if todo:
            unsettled[practice_id] = todo
        changed.append(practice)
    return catalogue.with_changes(changed)


def _lifespan(
    practice: Practice, shipped: Practice | None, retired: Any, since: Week | None, cadences: Any
) -> tuple[Practice, dict[str, Any]]:
    """``practice`` with the lifespan its config gives, and what ``settle`` is still to record:
    ``since`` for one of the user's own, ``cadences`` for one of those with no cadence history,
    ``retired`` for ``retired: true``, ``cadence`` (the cadence before) for a re-cadence."""
    todo: dict[str, Any] = {}
    if shipped is None and since is None:
        todo["since"] = None
    history = sorted((Week.parse(week), cadence) for week, cadence in (cadences or {}).items())
    if shipped is None and cadences is None:
        todo["cadences"] = None
    first = shipped.cadence if shipped is not None else (history[0][1] if history else practice.cadence)
    before = [first] + [cadence for _, cadence in history]
    earlier = tuple((week, cadence) for (week, _), cadence in zip(history, before, strict=False))
    if before[-1] != practice.cadence and "cadences" not in todo:
        todo["cadence"] = before[-1]
    if retired is True:
        todo["retired"] = None
    until = _week(retired)
    return replace(practice, retired=bool(retired), since=since, until=until, earlier=earlier), todo


def settle(settings: Settings, week: Week, has_weeks: Callable[[], bool]) -> None:
    """Give the practices the dates their config does not hold yet, from ``week`` (the current one):
    an added practice counts from it, a retired one up to the week before it, a new cadence from
    it. Written into ``config.yaml`` (comments kept) once the journal ``has_weeks``; for this run
    alone when it cannot be written."""
    if not settings.unsettled:
        return
    changed, values = [], {}
    for practice_id, todo in settings.unsettled.items():
        practice = settings.catalogue[practice_id]
        since = practice.since or week
        found: dict[str, Any] = {}
        if "since" in todo:
            practice = replace(practice, since=since)
            found["since"] = since.key
        if "cadences" in todo:
            found["cadences"] = {since.key: practice.cadence}
        if "cadence" in todo:
            practice = replace(practice, earlier=(*practice.earlier, (week, todo["cadence"])))
            found["cadence"] = (week.key, practice.cadence)
        if "retired" in todo:
            practice = replace(practice, until=week)
            found["retired"] = week.key
        changed.append(practice)
        values[practice_id] = found
    settings.catalogue = settings.catalogue.with_changes(changed)
    settings.unsettled = {}
    if settings.path is not None and has_weeks():
        with contextlib.suppress(SearchkeeperError, OSError, ValueError, LookupError, TypeError):
            _record(settings.path, values)


def _record(path: Path, values: dict[str, dict[str, Any]]) -> None:
    """Write the dates ``settle`` decided into ``config.yaml`` (comments, blank lines and key order
    kept, see ``yaml_text``); only a text the config reader takes is written."""
    data, _ = read_document(path, ConfigError)
    for practice_id, found in values.items():
        item = data["practices"][practice_id]
        for key, value in found.items():
            if key == "cadence":
                history = item.get("cadences")
                if not isinstance(history, dict):
                    history = item["cadences"] = {}
                history[value[0]] = value[1]
            else:
                item[key] = value
    new_text = yaml_text(path, data, flow=("cadences",))
    from_data(*parse_document(new_text.encode("utf-8"), path, ConfigError), path, strict=False)
    atomic_write(path, new_text)


def theme_names(config_dir: Path, wanted: str) -> set[str]:
    """The themes there are, as far as it takes to find ``wanted``: each file's stem in the built-in
    and the user's ``themes/`` folders, then the names inside them, then Textual's own themes."""
    files = [p for folder in app_theme_folders(config_dir) for p in theme_files(folder)]
    names = {p.stem for p in files}
    if wanted in names:
        return names
    for file in files:
        with contextlib.suppress(SearchkeeperError, OSError):
            data, _ = read_document(file)
            if isinstance(data, dict) and isinstance(data.get("name"), str):
                names.add(data["name"].strip())
    if wanted in names:
        return names
    return names | _textual_themes()


def _textual_themes() -> set[str]:
    """The names of Textual's built-in themes, read from its source (never imported here)."""
    import importlib.util
    import re

    spec = importlib.util.find_spec("textual")
    if spec is None or spec.origin is None:
        return set()
    try:
        source = Path(spec.origin).with_name("theme.py").read_text(encoding="utf-8")
    except OSError:
        return set()
    return set(re.findall(r'\bname="([\w-]+)"', source))


def save_setting(config_dir: Path, key: str, value: Any) -> Path:
    """Set one top-level key in ``config.yaml``, keeping the others and the user's comments; a file
    that does not load, or would not after the change, raises ``ConfigError`` and is left as it was."""
    path = config_path(config_dir)
    try:
        data, _ = read_document(path, ConfigError)
    except FileNotFoundError:
        data = None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(path, "the config must be a mapping of settings; not changing it", 1)
    data[key] = value
    new_text = yaml_text(path, data)
    try:
        from_data(*parse_document(new_text.encode("utf-8"), path, ConfigError), path)
    except ConfigError as error:
        raise ConfigError(path, f"{error.reason}; not saved", error.line) from None
    atomic_write(path, new_text)
    return path
