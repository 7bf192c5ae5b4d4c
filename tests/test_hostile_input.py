"""Broken and hostile files: one clear line naming file and line, the rest keeps working, no rewrite.

Each broken week file is put where the user's journal lives; then the real command line is
run against it: ``check`` names it and exits 1, ``status`` and ``report`` still print,
``tick --week`` on that week exits 1 and leaves the file's bytes exactly as they were.
"""

from __future__ import annotations

import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from searchkeeper.core.errors import JournalError
from searchkeeper.core.records import WeekRecord
from searchkeeper.storage.week_file import from_data, to_data
from searchkeeper.storage.yamlfile import SaveError, parse_document, write_yaml

WEEK = "2026-W47"
HEADER = f"format: 1\nweek: {WEEK}\n"


def billion_laughs(levels: int = 30) -> bytes:
    """The classic alias bomb: 9**levels strings if anything expanded it."""
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        previous = f"*lol{level - 1}"
        lines.append(f"lol{level}: &lol{level} [{', '.join([previous] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


@dataclass(frozen=True)
class Broken:
    name: str
    raw: bytes
    says: str
    line: int | None = None


BROKEN = [
    Broken(
        "invalid-yaml",
        (HEADER + "practices:\n  reconnect: {state: done\n").encode(),
        "while parsing a flow mapping that starts on line 4",
        5,
    ),
    Broken("not-a-mapping", b"- reconnect\n- give-value\n", "must be a mapping", 1),
    Broken("practices-not-mapping", (HEADER + "practices: 3\n").encode(), "'practices' must be a mapping", 3),
    Broken(
        "bad-state",
        (HEADER + "practices:\n  reconnect:\n    state: maybe\n").encode(),
        "state must be one of",
        5,
    ),
    Broken(
        "python-tag",
        (HEADER + "practices: !!python/object/apply:os.system ['touch /tmp/owned']\n").encode(),
        "a tag that is not allowed (!!python/object/apply:os.system)",
        3,
    ),
    Broken(
        "custom-tag", (HEADER + "away: !shell rm -rf\n").encode(), "a tag that is not allowed (!shell)", 3
    ),
    Broken(
        "empty-int",
        (HEADER + "away_note: !!int\n").encode(),
        "bad value: a value that does not fit its tag",
        3,
    ),
    Broken("alias-bomb", billion_laughs(), "anchors and aliases are not allowed", 2),
    Broken("too-large", HEADER.encode() + b"# " + b"x" * (1024 * 1024) + b"\n", "larger than 1024 KiB"),
    Broken(
        "not-utf8", (HEADER + "practices:\n  reconnect: {note: caf").encode() + b"\xe9}\n", "not UTF-8", 4
    ),
    Broken("nul", (HEADER + "away_note: a\x00b\n").encode(), "NUL character", 3),
    Broken("deep", (HEADER + "x: " + "[" * 200 + "]" * 200 + "\n").encode(), "nested more than 64", 3),
    Broken(
        "key-disagrees", b"format: 1\nweek: 2026-W46\n", "holds week 2026-W46, but its name says 2026-W47", 2
    ),
    Broken("newer-format", f"format: 9\nweek: {WEEK}\n".encode(), "format 9 is newer", 1),
]


def place(data_dir: Path, raw: bytes, year: str = "2026", name: str = f"{WEEK}.yaml") -> Path:
    path = data_dir / "journal" / year / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return path


@pytest.mark.parametrize("broken", BROKEN, ids=lambda b: b.name)
def test_a_broken_week_is_named_never_rewritten_and_the_rest_keeps_working(cli, data_dir, broken):
    assert cli("tick", "reconnect", "--week", "2026-W46").code == 0
    path = place(data_dir, broken.raw)

    checked = cli("check")
    assert checked.code == 1
    where = f"{path}:{broken.line}: " if broken.line else f"{path}: "
    lines = [line for line in checked.err.splitlines() if line.startswith(str(path))]
    assert len(lines) == 1 and lines[0].startswith(where), checked.err
    assert broken.says in lines[0]
    assert "Traceback" not in checked.err

    status = cli("status")
    assert status.code == 0 and "1 unreadable file" in status.out
    report = cli("report", "--weeks", "4")
    assert report.code == 0 and "2026-W47" in report.out
    assert report.err.count("\n") == 1 and f"{path}" in report.err and "left out of this report" in report.err

    ticked = cli("tick", "give-value", "--week", WEEK, "--note", "should not land")
    assert ticked.code == 1
    assert ticked.err.count("\n") == 1 and str(path) in ticked.err and "Traceback" not in ticked.err
    assert path.read_bytes() == broken.raw
    assert cli("away", "--week", WEEK).code == 1
    assert path.read_bytes() == broken.raw

    assert cli("tick", "give-value", "--week", "2026-W46").code == 0  # other weeks still save


def test_a_week_file_in_the_wrong_year_folder_is_reported_and_left_alone(cli, data_dir):
    raw = f"format: 1\nweek: {WEEK}\npractices:\n  reconnect: {{state: done}}\n".encode()
    path = place(data_dir, raw, year="2025")
    checked = cli("check")
    assert checked.code == 1
    assert f"{path}: belongs in the folder 2026/, not 2025/" in checked.err
    assert cli("status").code == 0
    assert path.read_bytes() == raw


def test_a_badly_named_file_is_reported(cli, data_dir):
    path = place(data_dir, HEADER.encode(), name="week forty-seven.yaml")
    checked = cli("check")
    assert checked.code == 1 and f"{path}: the file name is not a week key" in checked.err


def test_a_bom_and_crlf_line_ends_are_read_and_the_notes_survive_a_tick(cli, data_dir):
    text = (
        HEADER + "practices:\n  reconnect:\n    state: done\n    date: 2026-11-17\n    note: Café with Ana\n"
    )
    path = place(data_dir, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert cli("check").code == 0
    assert cli("tick", "give-value", "--week", WEEK).code == 0
    rewritten = path.read_text(encoding="utf-8")
    assert "note: Café with Ana" in rewritten and "give-value:" in rewritten


def test_an_unknown_practice_is_kept_on_rewrite_and_only_noted_by_check(cli, data_dir):
    text = HEADER + "practices:\n  podcast-guest:\n    state: done\n    note: Spoke on Jobs FM\n"
    path = place(data_dir, text.encode())
    checked = cli("check")
    assert checked.code == 0
    assert f"{path}: practice 'podcast-guest' is not in your catalogue (kept as is)" in checked.out
    assert cli("tick", "reconnect", "--week", WEEK).code == 0
    rewritten = path.read_text(encoding="utf-8")
    assert "podcast-guest:" in rewritten and "Spoke on Jobs FM" in rewritten


def test_a_broken_config_is_named_by_every_command_and_never_rewritten(cli, data_dir, write_config):
    config = write_config("threshold: 60\naudit_day: caturday\n")
    before = config.read_bytes()
    broken_week = place(data_dir, b"week: [\n")

    checked = cli("check")
    assert checked.code == 1
    assert f"{config}:2: 'audit_day' must be a day name" in checked.err
    assert str(broken_week) in checked.err  # the journal is still checked

    for argv in (("status",), ("tick", "reconnect"), ("report",)):  # they go on, on the default
        result = cli(*argv)
        assert result.code == 0, argv
        assert f"{config}:2: 'audit_day' must be a day name" in result.err, argv
        assert "the default is used" in result.err, argv
    assert config.read_bytes() == before


def test_config_with_an_unsafe_tag_or_alias_is_refused(cli, write_config):
    config = write_config("theme: !!python/name:os.system\n")
    result = cli("status")
    assert result.code == 1 and f"{config}:1: a tag that is not allowed" in result.err
    config = write_config("a: &x 1\nthreshold: *x\n")
    result = cli("check")
    assert result.code == 1 and f"{config}:2: anchors and aliases are not allowed" in result.err


# The loader on anything ---------------------------------------------------------------

PATH = Path("journal/2026/2026-W47.yaml")


def load_week(raw: bytes) -> WeekRecord:
    """Bytes to a record, as ``Journal.read`` does: parse, then validate."""
    data, node = parse_document(raw, PATH, JournalError)
    return from_data(data, node, PATH)


def outcome(raw: bytes) -> WeekRecord | JournalError:
    try:
        record = load_week(raw)
    except JournalError as problem:
        assert problem.path == PATH and problem.reason
        return problem
    assert isinstance(record, WeekRecord)
    return record


def saves_or_refuses(record: WeekRecord, tmp_path: Path) -> None:
    """A record that loaded is written back and reads again, or the write is refused cleanly."""
    target = tmp_path / "out.yaml"
    try:
        write_yaml(target, to_data(record))
    except SaveError:
        return
    again = load_week(target.read_bytes())
    assert again.week == record.week
    assert {k: e.state for k, e in again.practices.items()} == {
        k: e.state for k, e in record.practices.items() if e.state or e.note or e.extra
    }


yaml_words = st.sampled_from(
    ["format", "week", "away", "away_note", "practices", "audit", "state", "date", "note", "completed",
     "answer", "answered", "reconnect", "done", "excused", "missed", WEEK, "2026-11-18", "true", "~",
     ":", "- ", "[", "]", "{", "}", ",", "&a", "*a", "!!", "!!python/object:x", "'", '"', "#", "|", ">",
     "\n", "\n  ", "\n    ", " ", "\t", "\r\n", "\ufeff", "---", "...", "%YAML 1.1", "?"]
)  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text())
def test_any_text_loads_or_is_one_clean_error(text, tmp_path):
    result = outcome(text.encode("utf-8", "surrogatepass"))
    if isinstance(result, WeekRecord):
        saves_or_refuses(result, tmp_path)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(yaml_words, max_size=40))
def test_any_yaml_like_text_loads_or_is_one_clean_error(words, tmp_path):
    result = outcome((HEADER + "".join(words)).encode())
    if isinstance(result, WeekRecord):
        saves_or_refuses(result, tmp_path)


@settings(max_examples=400, deadline=None)
@given(raw=st.binary(max_size=400))
def test_any_bytes_load_or_are_one_clean_error(raw):
    outcome(raw)
    outcome(HEADER.encode() + raw)


values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.dates()
    | st.datetimes(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8) | yaml_words, inner, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(practices=values, audit=values, extra=values)
def test_any_shape_of_valid_yaml_loads_or_is_one_clean_error(practices, audit, extra, tmp_path):
    import yaml

    document = {"format": 1, "week": WEEK, "practices": practices, "audit": audit, "extra": extra}
    result = outcome(yaml.safe_dump(document, allow_unicode=True).encode("utf-8", "surrogatepass"))
    if isinstance(result, WeekRecord):
        saves_or_refuses(result, tmp_path)


# Bombs: fail fast, in little memory ----------------------------------------------------


def peak_memory(raw: bytes) -> tuple[JournalError, int]:
    tracemalloc.start()
    try:
        with pytest.raises(JournalError) as caught:
            load_week(raw)
        return caught.value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_billion_laughs_fails_fast_in_little_memory():
    raw = billion_laughs(30)
    problem, peak = peak_memory(raw)
    assert "anchors and aliases" in problem.reason and problem.line == 2
    assert peak < 20 * 2**20, f"peak {peak / 2**20:.1f} MiB"


@pytest.mark.parametrize(
    "raw",
    [
        b"[" + b"a," * 500_000 + b"]",  # half a million values in one list, under 1 MiB
        b"- a\n" * 260_000,
        b"{" + b"a: b, " * 170_000 + b"}",
    ],
    ids=["flow-list", "block-list", "flow-map"],
)
def test_a_file_of_countless_values_fails_fast_in_little_memory(raw):
    problem, peak = peak_memory(raw)
    assert "more than 20000 values" in problem.reason
    assert peak < 20 * 2**20, f"peak {peak / 2**20:.1f} MiB"


@pytest.mark.parametrize(
    "size", [0, 1, 65_535, 65_536, 65_537, 200_000, 1024 * 1024, 1024 * 1024 + 1, 3_000_000]
)
def test_a_file_is_read_whole_up_to_one_byte_past_the_limit(tmp_path, size) -> None:
    """What the size check sees: the whole file, or the limit and one byte more (so that a file
    over it is told as such), whatever the pieces it is read in."""
    from searchkeeper.storage.stamps import MAX_BYTES, read_regular

    content = bytes(range(256)) * (size // 256) + bytes(range(size % 256))
    path = tmp_path / "2026-W48.yaml"
    path.write_bytes(content)
    assert read_regular(path, MAX_BYTES) == content[: MAX_BYTES + 1]
