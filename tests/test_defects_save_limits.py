"""A save never writes what searchkeeper would refuse to read back, and a note has a length limit.

The writer refuses text over the reader's own limits (``MAX_BYTES``, ``MAX_VALUES``) with one
line naming the file and the limit; the file on disk stays as it was and stays readable. A note
(a practice's, a touch's, one joined from a sync conflict copy) is at most ``MAX_NOTE`` long.
"""

from __future__ import annotations

from datetime import date

import yaml
from conftest import WEEKLY, read_yaml, settle, shell

from searchkeeper.core.records import MAX_NOTE
from searchkeeper.storage.yamlfile import MAX_BYTES, MAX_VALUES, dump

W48 = "2026-W48"


def week_path(data_dir):
    return data_dir / "journal" / "2026" / f"{W48}.yaml"


def write_week_of_notes(data_dir, size: int) -> bytes:
    """A hand-written 2026-W48 whose first eight practices carry notes ``size`` bytes in all."""
    ids = WEEKLY[:8]
    practices = {pid: {"state": "done", "date": date(2026, 11, 23), "note": "x"} for pid in ids}
    data = {"format": 1, "week": W48, "away": False, "practices": practices}
    rest = size - len(dump(data).encode())
    for n, pid in enumerate(ids):
        practices[pid]["note"] += "x" * (rest // len(ids) + (n < rest % len(ids)))
    text = dump(data).encode()
    assert len(text) == size
    path = week_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text)
    return text


def test_a_save_that_would_pass_the_size_limit_is_refused_and_the_week_stays_readable(cli, data_dir):
    before = write_week_of_notes(data_dir, MAX_BYTES - 1000)
    assert cli("status").code == 0  # readable as it is

    result = cli("tick", WEEKLY[8], "--week", W48, "--note", "y" * MAX_NOTE)
    assert result.code == 1
    assert result.err == (
        f"searchkeeper: could not save {week_path(data_dir)}: it would be larger than "
        f"{MAX_BYTES // 1024} KiB, more than searchkeeper reads back (the file on disk is unchanged)\n"
    )
    assert week_path(data_dir).read_bytes() == before
    assert "unreadable" not in cli("status").out
    assert cli("tick", WEEKLY[8], "--week", W48).code == 0  # a small change still fits


def _values(text: str) -> int:
    return sum(isinstance(event, yaml.NodeEvent) for event in yaml.parse(text))


def test_a_save_that_would_pass_the_value_limit_is_refused(cli, data_dir):
    assert cli("partners", "add", "Ana", "Ruiz", "--kind", "former-boss", "--rhythm", "distant").code == 0
    path = data_dir / "partners.yaml"
    data = read_yaml(path)
    touch = {"date": date(2026, 1, 5), "channel": "email", "value": "v"}
    data["partners"][0]["touches"] = []
    bare = _values(dump(data))
    each = 1 + 2 * len(touch)
    data["partners"][0]["touches"] = [dict(touch) for _ in range((MAX_VALUES - bare) // each)]
    text = dump(data)
    assert MAX_VALUES - each < _values(text) <= MAX_VALUES
    path.write_text(text, encoding="utf-8")
    assert cli("partners").code == 0  # readable as it is

    result = cli("touch", "ana", "--channel", "email", "--note", "one more")
    assert result.code == 1
    assert result.err == (
        f"searchkeeper: could not save {path}: it would hold more than {MAX_VALUES} values, "
        "more than searchkeeper reads back (the file on disk is unchanged)\n"
    )
    assert path.read_text(encoding="utf-8") == text
    assert cli("partners").code == 0


def test_tick_and_excuse_refuse_a_note_over_the_limit(cli, data_dir):
    for command in ("tick", "excuse"):
        result = cli(command, "reconnect", "--week", W48, "--note", "n" * 100_000)
        assert result.code == 1
        assert result.err == f"searchkeeper: a note is at most {MAX_NOTE} characters (this one has 100000)\n"
    assert not week_path(data_dir).exists()
    assert cli("tick", "reconnect", "--week", W48, "--note", "n" * MAX_NOTE).code == 0
    assert read_yaml(week_path(data_dir))["practices"]["reconnect"]["note"] == "n" * MAX_NOTE


def test_touch_refuses_a_note_over_the_limit(cli, data_dir):
    assert cli("partners", "add", "Ana", "Ruiz", "--kind", "former-boss", "--rhythm", "distant").code == 0
    before = (data_dir / "partners.yaml").read_bytes()
    result = cli("touch", "ana", "--note", "t" * (MAX_NOTE + 1))
    assert result.code == 1
    assert (
        result.err == f"searchkeeper: a note is at most {MAX_NOTE} characters (this one has {MAX_NOTE + 1})\n"
    )
    assert (data_dir / "partners.yaml").read_bytes() == before


def test_a_merge_that_would_join_notes_past_the_limit_is_not_made(cli, data_dir):
    folder = data_dir / "journal" / "2026"
    folder.mkdir(parents=True)

    def week(note: str) -> str:
        return f"format: 1\nweek: {W48}\npractices:\n  reconnect:\n    state: done\n    note: {note}\n"

    ours, theirs = week("a" * 1500), week("b" * 1500)
    (folder / f"{W48}.yaml").write_text(ours, encoding="utf-8")
    copy = folder / f"{W48}.sync-conflict-20261120-101010-ABCDEFG.yaml"
    copy.write_text(theirs, encoding="utf-8")
    result = cli("check", "--merge")
    assert result.code == 1
    assert f"a note is at most {MAX_NOTE} characters (this one has 3003) (not merged)" in result.err
    assert (folder / f"{W48}.yaml").read_text(encoding="utf-8") == ours
    assert copy.read_text(encoding="utf-8") == theirs


async def test_the_dashboard_note_editor_keeps_a_note_over_the_limit_open_to_be_shortened(
    space, data_dir
) -> None:
    """Nothing is saved and no word is lost: the editor stays open with the text, says why, and
    saves it once it is short enough."""
    from textual.widgets import Input, Label

    from searchkeeper.tui.app import SearchkeeperApp
    from searchkeeper.tui.screens.note import NoteScreen

    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("n")
        field = app.screen.query_one("#note-input", Input)
        field.value = "d" * MAX_NOTE
        await pilot.press("e", "enter")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        assert field.value == "d" * MAX_NOTE + "e"
        said = str(app.screen.query_one("#note-keys", Label).render())
        assert f"a note is at most {MAX_NOTE} characters (this one has {MAX_NOTE + 1})" in said
        assert not week_path(data_dir).exists()
        await pilot.press("backspace", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, NoteScreen)
    assert read_yaml(week_path(data_dir))["practices"][WEEKLY[0]]["note"] == "d" * MAX_NOTE


async def test_the_touch_dialog_keeps_a_value_over_the_limit_open_to_be_shortened(space, data_dir) -> None:
    from textual.widgets import Input, Label

    from searchkeeper.tui.app import SearchkeeperApp
    from searchkeeper.tui.screens.touch_dialog import TouchDialog

    shell(space, "partners", "add", "Ana", "Ruiz", "--kind", "former-boss", "--rhythm", "distant")
    before = (data_dir / "partners.yaml").read_bytes()
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("l", "enter")
        field = app.screen.query_one("#touch-value", Input)
        field.value = "v" * (MAX_NOTE + 1)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TouchDialog)
        assert field.value == "v" * (MAX_NOTE + 1)
        assert "at most" in str(app.screen.query_one("#touch-error", Label).render())
        assert (data_dir / "partners.yaml").read_bytes() == before
        field.value = "v" * MAX_NOTE
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, TouchDialog)
    assert read_yaml(data_dir / "partners.yaml")["partners"][0]["touches"][-1]["value"] == "v" * MAX_NOTE
