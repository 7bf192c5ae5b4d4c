"""Saves keep what the user wrote: comments, blank lines, quotes and key order, in week files,
``partners.yaml`` and ``config.yaml``; the file still loads with the app's safe loader, and a
line-by-line diff shows only the lines the change is about."""

from __future__ import annotations

import difflib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from searchkeeper.core.errors import FileProblem
from searchkeeper.storage import roundtrip
from searchkeeper.storage.config import save_setting
from searchkeeper.storage.yamlfile import read_document, yaml_text

WEEK = """\
# my notes for this week: call Priya back!
format: 1   # the format
week: 2026-W48
away: false

practices:
  # the habits
  reconnect:
    state: done  # lunch went well
    date: 2026-11-25
    note: Coffee with my old team lead   # she asked about the role
  # an entry with a quoted note
  give-value:
    state: done
    date: 2026-11-24
    note: "Sent the article"
# the audit comes last
audit:
  answer: adapt   # move out next?
my-own-key: kept   # a key the app does not know
# the end
"""

PARTNERS = """\
# people I have worked well with
format: 1

partners:
  # my old boss
  - name: Ana Ruiz    # call her first
    kind: former-boss
    rhythm: key       # monthly
    channel: phone
    touches:
      - date: 2026-11-03   # at the conference
        channel: email
        value: Sent the freight pricing article
  - name: Ben Okafor
    kind: recruiter
    rhythm: close
    touches: []       # none yet
# the end
"""

CONFIG = """\
# my settings
threshold: 70   # stricter than the default

audit_day: friday
theme: searchkeeper-dark   # the dark one
practices:
  # my own
  portfolio:
    title: Update the portfolio   # once a week
"""


def comments(text: str) -> list[str]:
    return [line[line.index("#") :] for line in text.splitlines() if "#" in line]


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines only ``before`` has and those only ``after`` has, as difflib pairs them."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [line[2:] for line in diff if line.startswith("- ")], [
        line[2:] for line in diff if line.startswith("+ ")
    ]


def loads(path: Path) -> object:
    return read_document(path, FileProblem)[0]  # the app's own reader: no anchors, aliases, tags


@pytest.fixture
def week_file(data_dir: Path) -> Path:
    path = data_dir / "journal" / "2026" / "2026-W48.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(WEEK, encoding="utf-8")
    return path


WEEK_CHANGES = [
    (("tick", "marketing-plan"), [], ["  marketing-plan:", "    state: done", "    date: 2026-11-27"]),
    (
        ("tick", "reconnect", "--undo"),
        ["    state: done  # lunch went well", "    date: 2026-11-25"],
        ["    state: missed # lunch went well"],
    ),
    (
        ("tick", "reconnect", "--note", "Second coffee"),
        ["    date: 2026-11-25", "    note: Coffee with my old team lead   # she asked about the role"],
        ["    date: 2026-11-27", "    note: Second coffee                  # she asked about the role"],
    ),
    (("excuse", "out-of-industry-event"), [], ["  out-of-industry-event:", "    state: excused"]),
    (("away", "--note", "Holiday"), ["away: false"], ["away: true", "away_note: Holiday"]),
]


@pytest.mark.parametrize(("argv", "removed", "added"), WEEK_CHANGES, ids=lambda v: " ".join(v[:2]))
def test_a_week_file_keeps_its_comments_through_each_change(cli, week_file, argv, removed, added):
    result = cli(*argv)
    assert result.code == 0, result.err
    after = week_file.read_text(encoding="utf-8")
    assert changes(WEEK, after) == (removed, added)
    assert comments(after) == comments(WEEK)
    assert loads(week_file)["my-own-key"] == "kept"


def test_an_untouched_week_is_written_back_byte_for_byte(cli, week_file):
    assert cli("away", "--undo").code == 0  # not away: nothing to change
    assert week_file.read_text(encoding="utf-8") == WEEK


def test_the_audit_keeps_the_comments(cli, week_file, monkeypatch):
    answers = "y\n" * 13 + "A good week\nMore coffee\n"  # the week has its answer to the Three Questions
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    result = cli("audit", "--plain")
    assert result.code == 0, result.err
    after = week_file.read_text(encoding="utf-8")
    removed, added = changes(WEEK, after)
    assert removed == []
    assert {"  reflection: A good week", "  intention: More coffee", "  answered:"} <= set(added)
    assert comments(after) == comments(WEEK)
    audit = loads(week_file)["audit"]
    assert (audit["answer"], audit["reflection"], len(audit["answered"])) == ("adapt", "A good week", 13)


def test_an_import_merges_into_the_week_and_keeps_its_comments(cli, week_file, tmp_path, monkeypatch):
    other = tmp_path / "other"
    monkeypatch.setenv("SEARCHKEEPER_DATA_DIR", str(other / "data"))
    assert cli("--data-dir", str(other / "data"), "tick", "marketing-plan").code == 0
    archive = tmp_path / "backup.tar.gz"
    assert cli("--data-dir", str(other / "data"), "export", str(archive)).code == 0
    assert cli("import", str(archive)).code == 0
    after = week_file.read_text(encoding="utf-8")
    assert changes(WEEK, after) == ([], ["  marketing-plan:", "    state: done", "    date: 2026-11-27"])
    assert comments(after) == comments(WEEK)


@pytest.fixture
def partners_file(data_dir: Path) -> Path:
    path = data_dir / "partners.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PARTNERS, encoding="utf-8")
    return path


PARTNER_CHANGES = [
    (
        ("touch", "ana", "--note", "Asked about the board"),
        [],
        ["      - date: 2026-11-27", "        channel: phone", "        value: Asked about the board"],
    ),
    (("partners", "edit", "ben", "--rhythm", "key"), ["    rhythm: close"], ["    rhythm: key"]),
    (
        ("partners", "edit", "ana", "--rhythm", "close"),
        ["    rhythm: key       # monthly"],
        ["    rhythm: close     # monthly"],
    ),
    (("partners", "retire", "ben"), [], ["    retired: true"]),
]


@pytest.mark.parametrize(("argv", "removed", "added"), PARTNER_CHANGES, ids=lambda v: " ".join(v[:2]))
def test_partners_yaml_keeps_its_comments_through_each_change(cli, partners_file, argv, removed, added):
    result = cli(*argv)
    assert result.code == 0, result.err
    after = partners_file.read_text(encoding="utf-8")
    assert changes(PARTNERS, after) == (removed, added)
    assert comments(after) == comments(PARTNERS)
    assert [p["name"] for p in loads(partners_file)["partners"]] == ["Ana Ruiz", "Ben Okafor"]


def test_a_partner_added_goes_last_before_the_closing_comment(cli, partners_file):
    assert cli("partners", "add", "Cara Diaz", "--rhythm", "close").code == 0
    after = partners_file.read_text(encoding="utf-8")
    removed, added = changes(PARTNERS, after)
    assert removed == [] and added[0] == "  - name: Cara Diaz"
    assert after.endswith("# the end\n")
    assert comments(after) == comments(PARTNERS)


@pytest.fixture
def config_file(write_config) -> Path:
    return write_config(CONFIG)


def test_config_yaml_keeps_its_comments_when_a_setting_is_saved(config_file, config_dir):
    save_setting(config_dir, "theme", "searchkeeper-light")  # what picking a theme does
    after = config_file.read_text(encoding="utf-8")
    assert changes(CONFIG, after) == (
        ["theme: searchkeeper-dark   # the dark one"],
        ["theme: searchkeeper-light  # the dark one"],  # the comment where it was
    )


def test_config_yaml_keeps_its_comments_when_a_practice_is_dated(cli, config_file, week_file):
    assert cli("status").code == 0  # the journal holds weeks: the new practice's week is written
    after = config_file.read_text(encoding="utf-8")
    assert changes(CONFIG, after) == ([], ["    since: 2026-W48", "    cadences: {2026-W48: weekly}"])
    assert comments(after) == comments(CONFIG)


def test_the_readme_example_week_keeps_its_comment_through_a_tick(cli, data_dir):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Your data") :]
    example = re.search(r"```yaml\n(.*?)```", section, re.DOTALL).group(1)
    path = data_dir / "journal" / "2026" / "2026-W47.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(example, encoding="utf-8")
    assert "#" in example
    assert cli("tick", "give-value", "--week", "2026-W47").code == 0
    after = path.read_text(encoding="utf-8")
    assert comments(after) == comments(example)
    assert changes(example, after)[0] == []
    assert loads(path)["practices"]["give-value"]["state"] == "done"


# the round trip itself ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("a: 1\n", False),
        ("a: 'call #3'\nb: \"x #y\"\n", False),
        ("a: C#\n", False),
        ("a: 1  # yes\n", True),
        ("# top\na: 1\n", True),
        ("a: 1\n\nb: 2\n", True),
        ("a: |\n  one\n\n  two\n", False),
    ],
)
def test_a_file_is_taken_as_written_by_hand_only_for_a_comment_or_blank_line(text, written):
    assert roundtrip.written_by_hand(text) is written


def test_a_file_with_no_comment_is_written_plainly_without_ruamel(data_dir):
    code = (
        "import sys; from pathlib import Path; from searchkeeper.storage.yamlfile import write_yaml\n"
        f"p = Path({str(data_dir / 'x.yaml')!r}); p.parent.mkdir(parents=True); p.write_text('a: 1\\n')\n"
        "write_yaml(p, {'a': 2, 'b': [1]}); print('ruamel' in ' '.join(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_what_the_round_trip_cannot_give_back_is_written_plainly(data_dir):
    path = data_dir / "x.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("# a comment\nnull\n", encoding="utf-8")  # no mapping to lay the data over
    assert yaml_text(path, {"a": 1}) == "a: 1\n"


def test_removed_keys_leave_the_comment_lines_below_them(data_dir):
    path = data_dir / "x.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("a: 1\nb: 2   # b's own\nb2: 0\n# about c\nc: 3\n", encoding="utf-8")
    assert yaml_text(path, {"a": 1, "c": 4}) == "a: 1\n# about c\nc: 4\n"
