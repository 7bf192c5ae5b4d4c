"""Plain texts skip the event scan: they must load, or fail, exactly as the full scan has them.

``parse_document`` composes a short text with no ``&``, ``*`` or ``!`` that could start
a token at once and checks its node tree; anything else is scanned event by event
first. Whatever the text, both ways give the same data, or the same reason and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchkeeper.core.errors import JournalError
from searchkeeper.storage import yamlfile

PATH = Path("journal/2026/2026-W47.yaml")


def outcome(text: str) -> tuple:
    try:
        data, _ = yamlfile.parse_document(text.encode("utf-8", "surrogatepass"), PATH, JournalError)
    except JournalError as problem:
        return ("refused", problem.reason, problem.line)
    return ("loaded", repr(data))


def full_scan(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple:
    with monkeypatch.context() as patch:
        patch.setattr(yamlfile, "_looks_plain", lambda text: False)
        return outcome(text)


def agree(text: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        assert outcome(text) == full_scan(text, patch), text


words = st.sampled_from(
    ["format", "week", "a", "b", ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "&a", "*a", "!!", "!x", "'",
     '"', "#", "|", ">", "\n", "\n  ", "\n    ", " ", "\t", "\r\n", "---", "...", "%YAML 1.1", "?", "? ",
     "2026-11-18", "1", "~", "Q&A", "great!", "5*3", "%TAG ! tag:x,2000:\n"]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(words, max_size=40))
def test_yaml_like_text_loads_or_fails_the_same_both_ways(chosen):
    agree("".join(chosen))


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="ab1:-[]{},?&*!\n #'\"|>", max_size=60))
def test_punctuation_loads_or_fails_the_same_both_ways(text):
    agree(text)


@pytest.mark.parametrize("levels", [63, 64, 65, 200])
def test_nesting_at_the_limit_is_judged_the_same_both_ways(levels):
    agree("x: " + "[" * levels + "]" * levels + "\n")
    agree("- " * levels + "a\n")
    agree("".join(f"{' ' * level}k{level}:\n" for level in range(levels)) + " " * levels + "v\n")


@pytest.mark.parametrize(
    "text",
    [
        "note: Q&A with the team, 5*3 slides, great!\n",
        "a: &x 1\nb: *x\n",
        "a: !!python/name:os.system\n",
        "a: [*x]\n",
        '{"a":*x}\n',
        "a: 1\n---\nb: 2\n",
        "x: " + "[" * 70 + "]" * 70 + "\nbroken: [\n",
    ],
)
def test_notes_with_punctuation_and_hostile_texts_are_judged_the_same_both_ways(text):
    agree(text)


def test_the_files_searchkeeper_writes_take_the_quick_path():
    text = "format: 1\nweek: 2026-W47\npractices:\n  reconnect:\n    state: done\n    note: Q&A, wow!\n"
    assert yamlfile._looks_plain(text)
    assert not yamlfile._looks_plain(text + "x: &a 1\n")
    assert not yamlfile._looks_plain(text + "y: !!str 1\n")
    assert not yamlfile._looks_plain(text + "# " + "x" * yamlfile.PLAIN_CHARS)
