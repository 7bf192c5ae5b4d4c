"""Reading and writing the user's YAML files safely.

Reading: a size limit, UTF-8 (a BOM is allowed), PyYAML's safe loader (the C one
when present), and no anchors or aliases, which the app never writes and which
are how "billion laughs" files blow up. Every failure becomes one ``FileProblem``
with the path and the line.

Writing: a temporary file beside the target, flushed and fsynced, then renamed
over it, so a crash leaves the old file or the new one and never half of one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from searchkeeper.core.errors import FileProblem

try:
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
TEMP_PREFIX = ".tmp-"


def read_document(path: Path, problem: type[FileProblem] = FileProblem) -> tuple[Any, yaml.Node | None]:
    """Load one YAML document; return the data and its node tree (for line numbers).

    Raises ``problem`` (a ``FileProblem`` subclass) for anything wrong, and
    ``FileNotFoundError`` when there is no file.
    """
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise problem(path, f"cannot read: {error.strerror or error}") from None
    if len(raw) > MAX_BYTES:
        raise problem(path, f"file is larger than {MAX_BYTES // 1024} KiB")
    return parse_document(raw, path, problem)


def parse_document(
    raw: bytes, path: Path, problem: type[FileProblem] = FileProblem
) -> tuple[Any, yaml.Node | None]:
    """Parse bytes already read from ``path``; see ``read_document``."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise problem(path, f"not UTF-8 text (byte 0x{raw[error.start]:02x})", line) from None
    if "\x00" in text:
        raise problem(path, "contains a NUL character", text[: text.index("\x00")].count("\n") + 1)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        _refuse_aliases(node, path, problem)
        return loader.construct_document(node), node
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = _first_line(error.problem or error.context or "not valid YAML")
        if reason.startswith("but ") and error.context:  # "but found another document"
            reason = f"{_first_line(error.context)}, {reason}"
        if "could not determine a constructor" in (error.problem or ""):
            reason = "a tag that is not allowed (" + _tag_in(error.problem or "") + ")"
        raise problem(path, reason, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise problem(path, _first_line(str(error)) or "not valid YAML") from None
    except (ValueError, TypeError, OverflowError) as error:
        raise problem(path, f"bad value: {error}") from None
    finally:
        loader.dispose()


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def _tag_in(problem: str) -> str:
    start, end = problem.find("'"), problem.rfind("'")
    return problem[start + 1 : end] if 0 <= start < end else "unknown tag"


def _refuse_aliases(root: yaml.Node, path: Path, problem: type[FileProblem]) -> None:
    """Fail on the first node reached twice: that is an alias."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            line = node.start_mark.line + 1 if node.start_mark else None
            raise problem(path, "anchors and aliases are not allowed", line)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def line_of(node: yaml.Node | None, *keys: str) -> int | None:
    """The 1-based line of the value at ``keys`` inside a mapping node, as far as it goes."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            break
        for key_node, value_node in node.value:
            if key_node.value == key:
                node = value_node
                line = value_node.start_mark.line + 1
                break
        else:
            break
    return line


def dump(data: Any) -> str:
    """YAML text for ``data``, keys in the order given, plain block style."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )


def atomic_write(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so that a crash leaves either the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".yaml", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_directory(path.parent)


def _fsync_directory(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
