"""The user's settings: ``config.yaml`` in the config directory.

Every key is optional::

    threshold: 60          # percent of counted practices that makes a momentum week (0.6 works too)
    audit_day: friday      # the day the audit is offered (fri works too)
    theme: searchkeeper-dark
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

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml

from searchkeeper.core.errors import ConfigError
from searchkeeper.core.practices import (
    CADENCES,
    GROUPS,
    Catalogue,
    Practice,
)
from searchkeeper.storage import paths
from searchkeeper.storage.yamlfile import atomic_write, dump, line_of, parse_document, read_document

TYPE_CHECKING = False
if TYPE_CHECKING:  # only the annotations need typing, which is slow to import
    from typing import Any

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PRACTICE_TEXT_KEYS = ("title", "question", "why")
_PRACTICE_KEYS = (*_PRACTICE_TEXT_KEYS, "group", "cadence", "retired")


@lru_cache(maxsize=1)
def builtin_catalogue() -> Catalogue:
    """The thirteen default practices, read from the data file shipped in the package."""
    text = Path(__file__).with_name("practices.yaml").read_text(encoding="utf-8")  # package data
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    practices = []
    for group in GROUPS:
        for item in data[group]:
            practices.append(Practice(group=group, **item))
    return Catalogue(practices)


@dataclass
class Settings:
    """What the config file says, with defaults for everything it leaves out."""

    threshold: float = 0.6
    audit_day: int = 4
    theme: str | None = None
    catalogue: Catalogue = field(default_factory=builtin_catalogue)
    path: Path | None = None


def config_path(config_dir: Path) -> Path:
    return Path(config_dir) / paths.CONFIG_NAME


def load_settings(config_dir: Path) -> Settings:
    """Read ``config.yaml`` (absent is fine); raise ``ConfigError`` naming the key and line."""
    path = config_path(config_dir)
    try:
        data, node = read_document(path, ConfigError)
    except FileNotFoundError:
        return Settings(path=path)
    return from_data(data, node, path)


def from_data(data: Any, node: Any, path: Path) -> Settings:
    """Validate loaded YAML and build the settings; raise ``ConfigError`` naming the key and line."""
    if data is None:
        return Settings(path=path)

    def fail(reason: str, *keys: str) -> ConfigError:
        return ConfigError(path, reason, line_of(node, *keys))

    if not isinstance(data, dict):
        raise fail("the config must be a mapping of settings")
    known = {"threshold", "audit_day", "theme", "practices"}
    for key in data:
        if key not in known:
            raise fail(f"unknown setting '{key}' (known: {', '.join(sorted(known))})", str(key))
    settings = Settings(path=path)
    if "threshold" in data:
        value = data["threshold"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 100:
            raise fail("'threshold' must be a percentage from 1 to 100 (or a fraction below 1)", "threshold")
        # 60 means 60%, and so does 0.6; 1 means 1%, not 100%.
        settings.threshold = float(value) if value < 1 else value / 100
    if "audit_day" in data:
        day = str(data["audit_day"]).strip().lower()
        matches = [name for name in DAYS if len(day) >= 3 and name.startswith(day)]
        if len(matches) != 1:
            raise fail(
                f"'audit_day' must be a day name such as friday, not {data['audit_day']!r}", "audit_day"
            )
        settings.audit_day = DAYS.index(matches[0])
    if data.get("theme") is not None:
        if not isinstance(data["theme"], str):
            raise fail("'theme' must be a theme name", "theme")
        settings.theme = data["theme"]
    settings.catalogue = _catalogue(data.get("practices") or {}, fail)
    return settings


def _catalogue(overrides: Any, fail: Any) -> Catalogue:
    catalogue = builtin_catalogue()
    if not isinstance(overrides, dict):
        raise fail("'practices' must be a mapping of practice ids", "practices")
    changed = []
    for practice_id, item in overrides.items():
        where = ("practices", str(practice_id))
        if not isinstance(practice_id, str) or not practice_id.replace("-", "").isalnum():
            raise fail(f"practice id {practice_id!r} must be letters, digits and dashes", *where)
        if not isinstance(item, dict):
            raise fail(f"practice '{practice_id}' must be a mapping of its keys", *where)
        for key in item:
            if key not in _PRACTICE_KEYS:
                allowed = ", ".join(_PRACTICE_KEYS)
                raise fail(f"practice '{practice_id}': unknown key '{key}' ({allowed})", *where, str(key))
        for key in _PRACTICE_TEXT_KEYS:
            if key in item and not isinstance(item[key], str):
                raise fail(f"practice '{practice_id}': '{key}' must be text", *where, key)
        if "cadence" in item and item["cadence"] not in CADENCES:
            raise fail(
                f"practice '{practice_id}': cadence must be one of {', '.join(CADENCES)}", *where, "cadence"
            )
        if "group" in item and item["group"] not in GROUPS:
            raise fail(f"practice '{practice_id}': group must be one of {', '.join(GROUPS)}", *where, "group")
        if "retired" in item and not isinstance(item["retired"], bool):
            raise fail(f"practice '{practice_id}': 'retired' must be true or false", *where, "retired")
        existing = catalogue.get(practice_id)
        if existing is not None:
            changed.append(replace(existing, **item))
            continue
        if "title" not in item:
            raise fail(f"new practice '{practice_id}' needs at least a title", *where)
        defaults = {"group": "maintenance", "question": f"{item['title']}?", "why": ""}
        changed.append(Practice(id=practice_id, builtin=False, **{**defaults, **item}))
    return catalogue.with_changes(changed)


def save_setting(config_dir: Path, key: str, value: Any) -> Path:
    """Set one top-level key in ``config.yaml``, keeping the others and the user's comments; a file
    that does not load, or would not after the change, raises ``ConfigError`` and is left as it was."""
    path = config_path(config_dir)
    try:
        data, _ = read_document(path, ConfigError)
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        data, text = None, ""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(path, "the config must be a mapping of settings; not changing it", 1)
    data[key] = value
    new_text = _with_value(text, key, value) if text.strip() else None
    if new_text is None:
        new_text = dump(data)
    try:
        from_data(*parse_document(new_text.encode("utf-8"), path, ConfigError), path)
    except ConfigError as error:
        raise ConfigError(path, f"{error.reason}; not saved", error.line) from None
    atomic_write(path, new_text)
    return path


def _with_value(text: str, key: str, value: Any) -> str | None:
    """``text`` with the top-level ``key`` set to ``value`` in place, comments kept; None if it can't."""
    line = dump({key: value})
    if line.count("\n") != 1:
        return None  # a value that takes several lines: rewrite the whole file instead
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        return None
    for key_node, value_node in root.value:
        if key_node.value != key:
            continue
        start, end = value_node.start_mark, value_node.end_mark
        if start.line != end.line or key_node.start_mark.line != start.line:
            return None
        scalar = line[len(key) + 2 : -1]
        gap = "" if text[start.index - 1 : start.index].isspace() else " "
        return text[: start.index] + gap + scalar + text[end.index :]
    return text + ("" if text.endswith("\n") else "\n") + line
