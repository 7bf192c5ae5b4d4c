"""Reading and writing the user's YAML files safely.

Reading: a size limit, UTF-8 (a BOM is allowed), PyYAML's safe loader (the C one
when present), and no anchors or aliases, which the app never writes and which
are how "billion laughs" files blow up. Before anything is built, the document's
events are scanned once: an alias, a tag outside plain YAML, nesting deeper than
``MAX_DEPTH`` or more than ``MAX_VALUES`` values stops it at once, so a hostile
file costs a few milliseconds and no memory. A short text that cannot hold an
alias or a tag (``_looks_plain``: every file the app writes, unless a note holds
one) is parsed once instead, and its node tree checked for depth and size. A
mapping that holds a key twice is refused (PyYAML would keep the last copy). Every
failure becomes one ``FileProblem`` with the path and the line.

Writing: one writer, ``write_yaml``; over a file the user has written comments or blank lines in,
the data is laid onto their text (``yaml_text``, ``roundtrip``), else dumped plainly. Nothing the
reader would refuse is written. A text larger than ``MAX_BYTES``, or data
with more than ``MAX_VALUES`` values or nested deeper than ``MAX_DEPTH``, raises
``SaveRefused`` before the disk is touched. Then a temporary file beside the target,
fsynced, then renamed over it (and the folder fsynced; a new file is 0600, new folders 0700, a
rewrite keeps the old file's mode), so a crash leaves the old
file or the new one and never half of one. A write that fails removes its temporary
file and raises ``SaveError``; temporary files left by a killed process are ignored by
loading, and every save removes the old ones from the folder it wrote in
(``paths.remove_stray_temporaries``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from functools import cache
from pathlib import Path

from searchkeeper.core.errors import FileProblem, SearchkeeperError
from searchkeeper.storage import stamps
from searchkeeper.storage.paths import PRIVATE_FILE, create_temporary, make_folder, remove_stray_temporaries
from searchkeeper.storage.paths import STRAY_AGE as STRAY_AGE
from searchkeeper.storage.paths import TEMP_PREFIX as TEMP_PREFIX
from searchkeeper.storage.stamps import MAX_BYTES

TYPE_CHECKING = False
if TYPE_CHECKING:  # only the annotations need typing, which is slow to import
    from collections.abc import Callable, Collection
    from typing import Any

    import yaml  # loaded by the first file read or written (``_kinds``), not by importing this

MAX_DEPTH = 64
"""Mappings and lists nested deeper than this are refused (a week file needs four)."""
MAX_VALUES = 20_000
"""More values than this in one file are refused (a year of notes in one week is a few hundred)."""
PLAIN_CHARS = 8 * 1024
"""Texts up to this long with no ``&``, ``*`` or ``!`` starting a token skip the event scan."""

_BAD_VALUE = (ValueError, TypeError, OverflowError, IndexError, KeyError, AttributeError)
"""What PyYAML's constructors raise for a scalar that does not fit its tag (``!!int`` alone, say)."""
_PLAIN_TAGS = frozenset(
    {"!", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq", "!!timestamp"}
)
_ALLOWED_TAGS = _PLAIN_TAGS | {tag.replace("!!", "tag:yaml.org,2002:") for tag in _PLAIN_TAGS}
_TOKEN_START = re.compile(r"(?<![0-9A-Za-z])[&*!]")
"""An anchor, alias or tag may start here (or, harmlessly, a character of some scalar)."""
_MERGE_TAG = "tag:yaml.org,2002:merge"


@cache
def _kinds() -> tuple[type[yaml.SafeLoader], type[yaml.SafeDumper]]:
    """The loader and the dumper, made as the first file is read or written: the dashboard's first
    screen, drawn from what was read in another process, never loads PyYAML at all."""
    import yaml

    try:
        from yaml import CSafeDumper as Dumper
        from yaml import CSafeLoader as SafeLoader
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        from yaml import SafeDumper as Dumper  # type: ignore[assignment]
        from yaml import SafeLoader as SafeLoader  # type: ignore[assignment]

    class Loader(SafeLoader):
        """The safe loader, refusing a mapping that holds one key twice.

        PyYAML keeps the last value of a repeated key without a word, so a second
        ``practices:`` block would hide the first, and the next save would delete it.
        Only a mapping built with fewer keys than it was written with is looked at again,
        to name the second key. Keys a merge key (``<<``) pulls in may be overridden, as
        YAML intends: only the mapping's own keys count.
        """

        merges = False
        """Set when the text may hold a merge key, so that a mapping's own keys are noted first."""

        def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
            own = None
            if self.merges and isinstance(node, yaml.MappingNode):
                own = [pair for pair in node.value if pair[0].tag != _MERGE_TAG]
            mapping = super().construct_mapping(node, deep=deep)
            if len(mapping) < len(node.value):
                self._refuse_twice(node.value if own is None else own)
            return mapping

        def _refuse_twice(self, pairs: list[tuple[yaml.Node, yaml.Node]]) -> None:
            first: dict[Any, yaml.Node] = {}
            for key_node, _ in pairs:
                key = self.construct_object(key_node)
                seen = first.setdefault(key, key_node)
                if seen is not key_node:
                    shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else key
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"'{shown}' is written twice (first on line {seen.start_mark.line + 1})",
                        key_node.start_mark,
                    )

    class PlainDumper(Dumper):
        """Never writes anchors or aliases (the loader refuses them), even for shared objects."""

        def ignore_aliases(self, data: Any) -> bool:
            return True

    return Loader, PlainDumper


class SaveError(SearchkeeperError, OSError):
    """A file that could not be written; the file on disk is as it was before. An ``OSError``
    too (``errno``, ``filename``, ``strerror``), for code that catches those around a save."""

    def __init__(self, path: Path | str, reason: str, code: int | None = None) -> None:
        OSError.__init__(self, code, reason)
        self.path = Path(path)
        self.reason = reason
        self.filename = str(path)

    def __str__(self) -> str:
        return f"could not save {self.path}: {self.reason} (the file on disk is unchanged)"


class SaveRefused(SearchkeeperError):
    """A file not written because searchkeeper could not read it back (see ``MAX_BYTES``,
    ``MAX_VALUES``, ``MAX_DEPTH``); the file on disk is as it was. Not an ``OSError``: trying
    again cannot help."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(
            f"could not save {self.path}: {reason}, more than searchkeeper reads back "
            "(the file on disk is unchanged)"
        )


def read_document(path: Path, problem: type[FileProblem] = FileProblem) -> tuple[Any, yaml.Node | None]:
    """Load one YAML document and its node tree (for line numbers); ``problem`` (a ``FileProblem``
    subclass) for anything wrong, ``FileNotFoundError`` when there is no file."""
    raw = read_regular(path, MAX_BYTES, problem)
    if len(raw) > MAX_BYTES:
        raise problem(path, f"file is larger than {MAX_BYTES // 1024} KiB")
    return parse_document(raw, path, problem)


def read_regular(path: Path, limit: int, problem: type[FileProblem] = FileProblem) -> bytes:
    """``stamps.read_regular``, its failures as ``problem`` (``FileNotFoundError`` as it is)."""
    try:
        return stamps.read_regular(path, limit)
    except FileNotFoundError:
        raise
    except stamps.NotRegular as error:
        raise problem(path, f"not a regular file ({error.kind})") from None
    except OSError as error:
        raise problem(path, f"cannot read: {error.strerror or error}") from None


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
    import yaml

    plain = _looks_plain(text)
    loader = _kinds()[0](text)
    loader.merges = "<<" in text
    node = None
    try:
        if plain:
            try:
                node = loader.get_single_node()
            except yaml.YAMLError:
                _scan_events(text, path, problem)  # say it exactly as the full scan would
                raise
        else:
            _scan_events(text, path, problem)
            node = loader.get_single_node()
        if node is None:
            return None, None
        if plain:
            _check_tree(node, text, path, problem)
        else:
            _refuse_aliases(node, path, problem)
        return loader.construct_document(node), node
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = _first_line(error.problem or error.context or "not valid YAML")
        if reason.startswith("but ") and error.context:  # "but found another document"
            reason = f"{_first_line(error.context)}, {reason}"
        elif error.context and error.context_mark and mark and error.context_mark.line != mark.line:
            reason += f" ({_first_line(error.context)} that starts on line {error.context_mark.line + 1})"
        if "could not determine a constructor" in (error.problem or ""):
            reason = "a tag that is not allowed (" + _tag_in(error.problem or "") + ")"
        raise problem(path, reason, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise problem(path, _first_line(str(error)) or "not valid YAML") from None
    except _BAD_VALUE as error:  # e.g. `!!int` with no digits, or a date like 2026-13-45
        reason = str(error) if isinstance(error, ValueError) else "a value that does not fit its tag"
        raise problem(path, f"bad value: {reason}", _line_of_bad_scalar(node)) from None
    finally:
        loader.dispose()


def _line_of_bad_scalar(root: yaml.Node | None) -> int | None:
    """The line of the first scalar that cannot be built, such as the date ``2026-13-45``."""
    import yaml

    constructor = yaml.constructor.SafeConstructor()
    stack = [root] if root is not None else []
    while stack:  # depth first, in file order: children are pushed last one first
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                constructor.construct_object(node)
            except (*_BAD_VALUE, yaml.YAMLError):
                return node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            stack.extend(reversed([item for pair in node.value for item in pair]))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


def _looks_plain(text: str) -> bool:
    """True when ``text`` cannot hold an anchor, an alias, a tag or too many values to compose.

    Those start a token with ``&``, ``*`` or ``!``, never right after a letter or digit
    (``Q&A`` is a plain scalar); a small text holds few values.
    """
    if len(text) > PLAIN_CHARS:
        return False
    if "&" not in text and "*" not in text and "!" not in text:
        return True
    return _TOKEN_START.search(text) is None


def _check_tree(root: yaml.Node, text: str, path: Path, problem: type[FileProblem]) -> None:
    """The limits of ``_scan_events`` (depth, value count) over a plain text's node tree; on a
    breach, the full scan names the first offending line."""
    import yaml

    level = [root]
    depth = values = 0
    while level:
        values += len(level)
        below: list[yaml.Node] = []
        collections = False
        for node in level:
            if isinstance(node, yaml.MappingNode):
                for pair in node.value:
                    below.extend(pair)
            elif isinstance(node, yaml.SequenceNode):
                below.extend(node.value)
            else:
                continue
            collections = True
        depth += collections
        if values > MAX_VALUES or depth > MAX_DEPTH:
            _scan_events(text, path, problem)
            raise problem(path, "too many values or nested too deep")  # pragma: no cover
        level = below


def _scan_events(text: str, path: Path, problem: type[FileProblem]) -> None:
    """Walk the document's events (cheap, nothing kept) and stop at anything hostile."""
    import yaml

    scanner = _kinds()[0](text)
    try:
        depth = values = 0
        while scanner.check_event():
            event = scanner.get_event()
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, yaml.AliasEvent):
                raise problem(path, "anchors and aliases are not allowed", line)
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            tag = getattr(event, "tag", None)
            if tag is not None and tag not in _ALLOWED_TAGS:
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                raise problem(path, f"a tag that is not allowed ({shown})", line)
            values += 1
            if values > MAX_VALUES:
                raise problem(path, f"more than {MAX_VALUES} values: not a file searchkeeper writes", line)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise problem(path, f"nested more than {MAX_DEPTH} levels deep", line)
    finally:
        scanner.dispose()


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def _tag_in(problem: str) -> str:
    start, end = problem.find("'"), problem.rfind("'")
    return problem[start + 1 : end] if 0 <= start < end else "unknown tag"


def _refuse_aliases(root: yaml.Node, path: Path, problem: type[FileProblem]) -> None:
    """Fail on the first node reached twice: that is an alias."""
    import yaml

    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            line = node.start_mark.line + 1 if node.start_mark else None
            raise problem(path, "anchors and aliases are not allowed", line)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for pair in node.value:
                stack.extend(pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def line_of(node: yaml.Node | None, *keys: str | int) -> int | None:
    """The 1-based line of the value at ``keys`` (mapping keys, list indexes), as far as it goes."""
    import yaml

    line = node.start_mark.line + 1 if node is not None else None
    for key in keys:
        if isinstance(key, int) and isinstance(node, yaml.SequenceNode) and key < len(node.value):
            node = node.value[key]
        elif isinstance(node, yaml.MappingNode):
            node = next((value for name, value in node.value if name.value == key), None)
            if node is None:
                break
        else:
            break
        line = node.start_mark.line + 1
    return line


def text_of(value: Any, fail: Callable[[], Exception]) -> str:
    """A scalar loaded from YAML as text ("" for none); raises ``fail()`` for anything else."""
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    raise fail()


def dump(data: Any) -> str:
    """YAML text for ``data``, keys in the order given, plain block style."""
    import yaml

    return yaml.dump(
        data,
        Dumper=_kinds()[1],
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )


def write_yaml(path: Path, data: Any, flow: Collection[str] = ()) -> str:
    """Write ``data`` atomically as ``yaml_text`` gives it, and return the text written; anything
    that cannot be written raises ``SaveError``."""
    text = yaml_text(path, data, flow)
    atomic_write(path, text)
    return text


def yaml_text(path: Path, data: Any, flow: Collection[str] = ()) -> str:
    """The text that saves ``data`` (a mapping) to ``path``: laid over the file's own text when the
    user has written in it (a comment, a blank line), their comments, blank lines and key order
    kept (``roundtrip``; ``flow``: keys whose new mappings go on one line), provided the reader
    takes it and gets ``data`` back; else ``dump(data)``. ``SaveRefused`` and ``SaveError`` as
    ``write_yaml`` raises them."""
    import yaml

    _refuse_over_limits(path, data)
    try:
        text = dump(data)
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        reason = "holds a value that cannot be written back as YAML"
        if isinstance(error, UnicodeError):
            reason = "holds text that is not valid Unicode"
        raise SaveError(path, reason) from None
    kept = _over_old_text(path, text, data, flow)
    return text if kept is None else kept


_HAND_MARK = re.compile(rb"#|\n[ \t]*\n")
"""A byte that may start a comment, or a blank line: the plain writer writes neither outside strings."""


def _over_old_text(path: Path, text: str, data: Any, flow: Collection[str]) -> str | None:
    """``data`` laid over the file on disk, or None when the file is not the user's own writing,
    or the round trip cannot give back what ``text`` holds."""
    try:
        raw = stamps.read_regular(path, MAX_BYTES)
        if _HAND_MARK.search(raw) is None:
            return None
        old = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    from searchkeeper.storage import roundtrip  # ruamel.yaml only for a file the user wrote in

    if not roundtrip.written_by_hand(old):
        return None
    kept = roundtrip.render(old, data, flow)
    if kept is None or len(kept.encode("utf-8")) > MAX_BYTES:
        return None
    try:
        same = parse_document(kept.encode("utf-8"), path)[0] == parse_document(text.encode("utf-8"), path)[0]
    except FileProblem:
        return None
    return kept if same else None


def _refuse_over_limits(path: Path, data: Any) -> None:
    """``SaveRefused`` when ``data`` dumped holds more values, or deeper, than the reader takes:
    a mapping, a list and a scalar (a key too) count one each, as the reader counts nodes."""
    values, level, depth = 0, [data], 0
    while level:
        values += len(level)
        below: list[Any] = []
        for value in level:
            if isinstance(value, dict):
                below.extend(item for pair in value.items() for item in pair)
            elif isinstance(value, (list, tuple)):
                below.extend(value)
        depth += any(isinstance(value, (dict, list, tuple)) for value in level)
        if values > MAX_VALUES:
            raise SaveRefused(path, f"it would hold more than {MAX_VALUES} values")
        if depth > MAX_DEPTH:
            raise SaveRefused(path, f"it would be nested more than {MAX_DEPTH} levels deep")
        level = below


def atomic_write(path: Path, content: str | bytes) -> None:
    """Replace ``path`` with ``content`` (text as UTF-8) so that a crash leaves either the old or
    the new file; any failure removes the temporary file and raises ``SaveError``, content larger
    than ``MAX_BYTES`` ``SaveRefused``. Old temporary files beside it are removed."""
    path = Path(path)
    try:
        data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    except UnicodeError:
        raise SaveError(path, "holds text that is not valid Unicode") from None
    if len(data) > MAX_BYTES:
        raise SaveRefused(path, f"it would be larger than {MAX_BYTES // 1024} KiB")
    temporary: str | None = None
    try:
        make_folder(path.parent)
        descriptor, temporary = create_temporary(path.parent)
        try:
            _write_all(descriptor, data)
            _keep_mode(descriptor, path)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise SaveError(path, _reason(error), error.errno) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    _fsync_directory(path.parent)
    remove_stray_temporaries(path.parent)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        if written <= 0:  # pragma: no cover - os.write raises rather than returning 0 on a file
            raise OSError(errno.EIO, "the disk accepted no bytes")
        view = view[written:]


def _keep_mode(descriptor: int, path: Path) -> None:
    """Give the new file the permissions of the one it replaces; a new file is ``PRIVATE_FILE``."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = PRIVATE_FILE
    with contextlib.suppress(OSError):
        os.fchmod(descriptor, mode)


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno == errno.EROFS:
        return "the file system is read-only"
    if error.errno in (errno.EACCES, errno.EPERM):
        where = f" for {error.filename}" if error.filename else ""
        return f"permission denied{where}"
    return error.strerror or str(error)


def _fsync_directory(folder: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
