"""Saving a file the user has written comments in: comments, blank lines, key order and layout kept.

Only a file that holds a comment or a blank line takes this path (``written_by_hand``: a ``#``
or an empty line outside any string); every other save dumps its data plainly (``yamlfile.dump``),
which needs no ruamel.yaml, slow to import (about 60 ms, a third of a ``tick`` from a shell). ``render`` loads the text on disk in ruamel.yaml's
round-trip mode and lays the new data onto that tree:

- a value that has not changed keeps its object, so its spelling (quotes, ``0.6``) stays;
- a changed value is set in place, its comment beside it;
- a new key goes after the key that comes before it in the data (or first), a new list item
  where the data puts it (lists are lined up with ``difflib``, a partner by name);
- a removed key or item goes with its own comment, while the comment lines below it stay, given
  to what comes before; the lines below the key a new one is put after move below the new one,
  so a comment on a line of its own stays above what it was above.

``yamlfile.yaml_text`` checks what comes out with the app's own reader before it is written.
"""

from __future__ import annotations

import bisect
import re
from io import StringIO

import yaml

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection
    from typing import Any

WIDTH = 100
"""Lines are folded as the plain writer folds them (``yamlfile.dump``), or at the file's longest."""
_HAND_MARK = re.compile(r"(?:^|[ \t])#|\n[ \t]*\n", re.MULTILINE)

try:
    from yaml import CSafeLoader as _Scanner
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Scanner  # type: ignore[assignment]


def written_by_hand(text: str) -> bool:
    """Whether ``text`` holds a comment or a blank line, which the plain writer never writes: a
    ``#`` at the start of a line or after a space or a tab, or an empty line, outside any string
    (``'call #3'`` is not a comment); a text that does not scan counts as one."""
    marks = [match.end() - 1 for match in _HAND_MARK.finditer(text)]
    if not marks:
        return False
    try:
        tokens = yaml.scan(text, Loader=_Scanner)
        spans = [(t.start_mark.index, t.end_mark.index) for t in tokens if isinstance(t, yaml.ScalarToken)]
    except yaml.YAMLError:
        return True
    begins = [begin for begin, _ in spans]
    for mark in marks:
        at = bisect.bisect_right(begins, mark) - 1
        if at < 0 or mark >= spans[at][1]:
            return True
    return False


def render(old_text: str, data: dict[str, Any], flow: Collection[str] = ()) -> str | None:
    """``data`` written over ``old_text`` with its comments and layout, or None when the round
    trip cannot do it (the caller then writes ``data`` plainly). ``flow``: keys whose new
    mappings are written on one line (``cadences: {2026-W49: monthly}``)."""
    from ruamel.yaml import YAML  # here only: slow to import
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.util import load_yaml_guess_indent

    reader = YAML(typ="rt", pure=True)
    reader.preserve_quotes = True
    try:
        tree, indent, offset = load_yaml_guess_indent(old_text, yaml=reader)
    except Exception:  # any failure of the round trip means: write plainly
        return None
    prefix = ""
    if tree is None:  # nothing but comments so far, such as a template: they go first
        tree, prefix = CommentedMap(), old_text if old_text.endswith("\n") else old_text + "\n"
    if not isinstance(tree, CommentedMap) or not isinstance(data, dict):
        return None
    try:
        _Tree(flow).map(tree, data)
        writer = YAML(typ="rt", pure=True)
        if offset is None:  # no list yet: a new one as the plain writer puts it
            indent, offset = 2, 0
        writer.indent(mapping=_mapping_indent(old_text), sequence=indent or 2, offset=offset)
        writer.width = max([WIDTH, *(len(line) for line in old_text.splitlines())])
        writer.allow_unicode = True
        out = StringIO()
        writer.dump(tree, out)
    except Exception:  # a value ruamel.yaml cannot represent, say: write plainly
        return None
    return prefix + out.getvalue()


class _Tree:
    """Lays plain data onto a round-trip tree (see the module's docstring)."""

    def __init__(self, flow: Collection[str]) -> None:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq
        from ruamel.yaml.error import CommentMark
        from ruamel.yaml.tokens import CommentToken

        self.flow = flow
        self.Map, self.Seq = CommentedMap, CommentedSeq
        self.token = lambda value: CommentToken(value, CommentMark(0))

    def map(self, tree: Any, data: dict[Any, Any]) -> None:
        for key in [key for key in tree if key not in data]:
            keys = list(tree)
            before = keys[keys.index(key) - 1] if keys.index(key) > 0 else None
            self._give(tree, before, self._take(tree, key))
            del tree[key]
        before = None
        for key, value in data.items():
            if key in tree:
                self._set(tree, key, value)
            else:
                at = 0 if before is None else list(tree).index(before) + 1
                tree.insert(at, key, self._new(value, key, tree))
                if before is not None:
                    self._give(tree, key, self._take(tree, before))
            before = key

    def seq(self, tree: Any, data: list[Any]) -> None:
        from difflib import SequenceMatcher

        old, new = [_identity(item) for item in tree], [_identity(item) for item in data]
        opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        for _tag, i1, i2, j1, j2 in reversed(opcodes):  # from the end: indexes before stay valid
            pairs = min(i2 - i1, j2 - j1)
            for k in range(pairs):
                self._set(tree, i1 + k, data[j1 + k])
            for k in reversed(range(i1 + pairs, i2)):
                self._give(tree, k - 1 if k > 0 else None, self._take(tree, k))
                del tree[k]
            for k in range(j1 + pairs, j2):
                at = i1 + (k - j1)
                tree.insert(at, self._new(data[k], None, tree))
                if at > 0:
                    self._give(tree, at, self._take(tree, at - 1))

    def _set(self, tree: Any, key: Any, value: Any) -> None:
        old = tree[key]
        if isinstance(old, self.Map) and isinstance(value, dict):
            self.map(old, value)
        elif isinstance(old, self.Seq) and isinstance(value, list):
            self.seq(old, value)
        elif not _same(old, value):
            lines = self._take(tree, key)
            tree[key] = self._new(value, key, tree)
            self._give(tree, key, lines)

    def _new(self, value: Any, key: Any, parent: Any) -> Any:
        """A value to put in the tree: mappings and lists as ruamel's, to carry comments; a new
        mapping on one line when its key is in ``flow`` or a mapping beside it is."""
        if isinstance(value, dict):
            made = self.Map((k, self._new(v, k, None)) for k, v in value.items())
            beside = parent.values() if isinstance(parent, dict) else (parent or ())
            if key in self.flow or any(isinstance(v, self.Map) and v.fa.flow_style() for v in beside):
                made.fa.set_flow_style()
            return made
        if isinstance(value, list):
            return self.Seq(self._new(v, None, None) for v in value)
        return value

    def _leaf(self, tree: Any, key: Any) -> tuple[Any, Any]:
        """The container and key whose comment slot follows the value at ``key`` (the last value
        inside it, for a collection written as a block)."""
        value = tree[key]
        while isinstance(value, (self.Map, self.Seq)) and len(value) and not value.fa.flow_style():
            tree, key = value, (next(reversed(value)) if isinstance(value, self.Map) else len(value) - 1)
            value = tree[key]
        return tree, key

    def _take(self, tree: Any, key: Any) -> str:
        """Cut the comment lines below the value at ``key`` (not a comment on its own line)."""
        if key is None:
            return ""
        tree, key = self._leaf(tree, key)
        slot = tree.ca.items.get(key)
        at = 2 if isinstance(tree, self.Map) else 0
        token = slot[at] if slot and len(slot) > at else None
        if token is None or "\n" not in token.value:
            return ""
        own, _, lines = token.value.partition("\n")
        if own:
            token.value = own + "\n"
        else:
            slot[at] = None
        return lines

    def _give(self, tree: Any, key: Any, lines: str) -> None:
        """Put comment lines below the value at ``key`` (dropped when there is no such value)."""
        if not lines or key is None:
            return
        tree, key = self._leaf(tree, key)
        at = 2 if isinstance(tree, self.Map) else 0
        slot = tree.ca.items.setdefault(key, [None, None, None, None])
        token = slot[at]
        if token is None:
            slot[at] = self.token("\n" + lines)
        else:
            token.value = token.value + lines


def _mapping_indent(text: str) -> int:
    """How far the file indents a mapping under its key (2 when it does not show)."""
    previous: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if previous is not None and not stripped.startswith("-"):
            deeper = (len(line) - len(line.lstrip(" "))) - (len(previous) - len(previous.lstrip(" ")))
            if deeper > 0:
                return deeper
        previous = line if stripped.endswith(":") and not stripped.startswith("-") else None
    return 2


def _same(old: Any, new: Any) -> bool:
    """Whether a value in the tree is the plain ``new`` (``True`` is not ``1``, a date not a time)."""
    return isinstance(old, type(new)) and isinstance(old, bool) == isinstance(new, bool) and old == new


def _identity(item: Any) -> Any:
    """What lines list items up: a partner's name, else the whole item."""
    if isinstance(item, dict) and isinstance(item.get("name"), str):
        return ("name", item["name"])
    return _shape(item)


def _shape(value: Any) -> Any:
    if isinstance(value, dict):
        return ("{", *((str(k), _shape(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("[", *(_shape(v) for v in value))
    return (type(value) is bool, value is None, str(value))
