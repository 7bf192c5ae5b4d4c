"""Conflict copies of every common sync tool, for week files and ``partners.yaml``: found by name,
listed by ``check``, warned about, merged by ``check --merge`` with nothing lost; a name that
only looks like a copy is named and never merged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import read_yaml

from searchkeeper.storage.conflict_names import copy_name
from searchkeeper.storage.conflicts import find_conflicts
from searchkeeper.storage.journal import Journal

TOOLS = {
    "Syncthing": "{}.sync-conflict-20261127-120000-ABCDEF.yaml",
    "Dropbox": "{} (Ana's conflicted copy 2026-11-27).yaml",
    "Nextcloud or ownCloud": "{} (conflicted copy 2026-11-27 120000).yaml",
    "ownCloud": "{}_conflict-20261127-120000.yaml",
    "iCloud": "{} 2.yaml",
    "OneDrive": "{}-LAPTOP.yaml",
    "Google Drive": "{} (1).yaml",
}
LOOKALIKES = ["{} copy.yaml", "{}-old.yaml", "{} 1.yaml", "{} (conflicted).yaml"]

WEEK = "format: 1\nweek: 2026-W48\naway: false\npractices:\n{}"
RECONNECT = "  reconnect:\n    state: done\n    date: 2026-11-25\n"
GIVE_VALUE = "  give-value:\n    state: done\n    date: 2026-11-24\n"

PARTNERS = """\
format: 1
partners:
- name: Ana Ruiz
  kind: former-boss
  rhythm: key
  touches:
  - date: 2026-11-03
    channel: email
    value: Sent the pricing article
"""
THEIR_PARTNERS = """\
format: 1
partners:
- name: Ana Ruiz
  kind: former-boss
  rhythm: close
  touches:
  - date: 2026-11-03
    channel: email
    value: Sent the pricing article
  - date: 2026-11-20
    channel: phone
    value: Called about the board seat
- name: Ben Okafor
  kind: recruiter
  rhythm: close
  touches: []
"""


@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("original", ["2026-W48", "partners"])
def test_each_tools_copy_name_is_known(tool, original):
    found = copy_name(TOOLS[tool].format(original))
    assert found is not None and (found.original, found.tool) == (f"{original}.yaml", tool)


@pytest.mark.parametrize("name", LOOKALIKES)
def test_a_name_that_only_looks_like_a_copy_is_not_one(name):
    found = copy_name(name.format("partners"))
    assert found is not None and found.tool is None


def week_folder(data_dir: Path) -> Path:
    folder = data_dir / "journal" / "2026"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("tool", TOOLS)
def test_a_week_copy_of_each_tool_is_listed_and_merged(cli, data_dir, tool):
    folder = week_folder(data_dir)
    (folder / "2026-W48.yaml").write_text(WEEK.format(RECONNECT), encoding="utf-8")
    copy = folder / TOOLS[tool].format("2026-W48")
    copy.write_text(WEEK.format(GIVE_VALUE), encoding="utf-8")

    listed = cli("check")
    assert listed.code == 1 and f"{copy}: a sync conflict copy of 2026-W48 ({tool})" in listed.err
    assert "sync conflict copies" in cli("status").out  # the status line warns, as the dashboard does

    merged = cli("check", "--merge")
    assert merged.code == 0, merged.err
    practices = read_yaml(folder / "2026-W48.yaml")["practices"]
    assert practices["reconnect"]["state"] == practices["give-value"]["state"] == "done"
    assert not copy.exists()
    assert (data_dir / "backups" / "conflicts" / "2026" / copy.name).exists()


@pytest.mark.parametrize("tool", TOOLS)
def test_a_partners_copy_of_each_tool_is_listed_and_merged_with_no_touch_lost(cli, data_dir, tool):
    data_dir.mkdir(parents=True, exist_ok=True)
    ours = data_dir / "partners.yaml"
    ours.write_text(PARTNERS, encoding="utf-8")
    copy = data_dir / TOOLS[tool].format("partners")
    copy.write_text(THEIR_PARTNERS, encoding="utf-8")
    os.utime(ours, (1_700_000_000, 1_700_000_000))  # the copy was edited later
    assert find_conflicts(Journal(data_dir))[0].path == copy

    listed = cli("check")
    assert listed.code == 1 and f"{copy}: a sync conflict copy of partners.yaml ({tool})" in listed.err

    merged = cli("check", "--merge")
    assert merged.code == 0, merged.err
    assert "partners.yaml: folded in" in merged.out
    partners = read_yaml(ours)["partners"]
    assert [p["name"] for p in partners] == ["Ana Ruiz", "Ben Okafor"]  # added on their side
    ana = partners[0]
    assert [(t["date"].isoformat(), t["channel"]) for t in ana["touches"]] == [
        ("2026-11-03", "email"),  # on both sides: one touch
        ("2026-11-20", "phone"),
    ]
    assert ana["rhythm"] == "close"  # the later file's field
    assert not copy.exists() and (data_dir / "backups" / "conflicts" / copy.name).exists()
    assert cli("check").code == 0


def test_the_earlier_copy_loses_its_fields_but_not_its_touches(cli, data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    ours = data_dir / "partners.yaml"
    ours.write_text(PARTNERS, encoding="utf-8")
    copy = data_dir / "partners (1).yaml"
    copy.write_text(THEIR_PARTNERS, encoding="utf-8")
    os.utime(copy, (1_700_000_000, 1_700_000_000))  # ours is the later edit
    assert cli("check", "--merge").code == 0
    ana = read_yaml(ours)["partners"][0]
    assert ana["rhythm"] == "key" and len(ana["touches"]) == 2


def test_touches_on_the_same_day_by_the_same_channel_are_one(cli, data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "partners.yaml").write_text(PARTNERS, encoding="utf-8")
    copy = data_dir / "partners-LAPTOP.yaml"
    copy.write_text(PARTNERS.replace("Sent the pricing article", "Sent the article"), encoding="utf-8")
    assert cli("check", "--merge").code == 0
    touches = read_yaml(data_dir / "partners.yaml")["partners"][0]["touches"]
    assert [t["value"] for t in touches] == ["Sent the pricing article / Sent the article"]


@pytest.mark.parametrize("name", LOOKALIKES)
def test_a_lookalike_is_named_by_check_and_never_merged(cli, data_dir, name):
    folder = week_folder(data_dir)
    (folder / "2026-W48.yaml").write_text(WEEK.format(RECONNECT), encoding="utf-8")
    (data_dir / "partners.yaml").write_text(PARTNERS, encoding="utf-8")
    week_like, partners_like = folder / name.format("2026-W48"), data_dir / name.format("partners")
    week_like.write_text(WEEK.format(GIVE_VALUE), encoding="utf-8")
    partners_like.write_text(THEIR_PARTNERS, encoding="utf-8")

    for argv in (("check",), ("check", "--merge")):
        result = cli(*argv)
        assert result.code == 1
        for path in (week_like, partners_like):
            assert f"{path}: not read: named like a copy of" in result.err
    assert week_like.exists() and partners_like.exists()
    assert "give-value" not in read_yaml(folder / "2026-W48.yaml")["practices"]
    assert len(read_yaml(data_dir / "partners.yaml")["partners"]) == 1
