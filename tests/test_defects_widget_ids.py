"""A practice id with a letter outside ASCII (``réseau``) is valid in config.yaml and on the
command line; the dashboard gives its row a widget id Textual accepts, and ticks it."""

from __future__ import annotations

from conftest import read_yaml, settle

from searchkeeper.core.weeks import Week
from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui.app import SearchkeeperApp
from searchkeeper.tui.rows import widget_id
from searchkeeper.tui.widgets.practice_row import PracticeRow

CONFIG = """\
practices:
  réseau:
    group: habits
    title: Went to the réseau breakfast
  r-seau:
    group: habits
    title: A practice whose id differs by one letter
"""


def test_every_practice_id_maps_to_its_own_valid_widget_id() -> None:
    from textual.dom import check_identifiers

    ids = ["réseau", "r-seau", "r_e9_seau", "marketing-plan", "2x", "ǅemal", "٣"]
    mapped = [widget_id(practice_id) for practice_id in ids]
    check_identifiers("id", *mapped)  # BadIdentifier if Textual refuses one
    assert len(set(mapped)) == len(ids)
    assert widget_id("marketing-plan") == "practice-marketing-plan"  # ASCII ids are unchanged


async def test_the_dashboard_starts_and_ticks_a_non_ascii_practice(
    write_config, data_dir, config_dir, cli
) -> None:
    write_config(CONFIG)
    assert cli("tick", "réseau").code == 0  # the command line took it all along
    assert cli("tick", "réseau", "--undo").code == 0
    space = Workspace.open(data_dir, config_dir)
    app = SearchkeeperApp(space)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        row = app.screen.query_one(f"#{widget_id('réseau')}", PracticeRow)
        assert row.practice_id == "réseau"
        row.focus()
        await pilot.pause()
        await pilot.press("space")
        await settle(pilot)
    practices = read_yaml(space.journal.path_for(Week.parse("2026-W48")))["practices"]
    assert practices["réseau"]["state"] == "done"
    assert "state" not in practices.get("r-seau", {})
