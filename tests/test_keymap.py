"""``keymap:`` in ``config.yaml``: binding ids to keys, applied with Textual's keymap; the help
screen shows each key's id; a bad entry is named with its line."""

from __future__ import annotations

from audit_history import W
from conftest import settle

from searchkeeper.storage.config import keymap_problems, load_settings
from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui.app import SearchkeeperApp
from searchkeeper.tui.screens.help import HelpScreen, binding_ids

KEYMAP = """\
theme: searchkeeper-dark
keymap:
  week.previous: h
  app.chart: [g, ctrl+g]
"""


def plain(content) -> str:
    from rich.console import Console

    console = Console(width=200, record=True)
    console.print(content)
    return console.export_text()


async def test_a_keymap_entry_rebinds_a_key_in_the_dashboard(write_config, data_dir, config_dir) -> None:
    write_config(KEYMAP)
    space = Workspace.open(data_dir, config_dir)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.screen.week == W("2026-W48")
        await pilot.press("left_square_bracket")  # its own key is given up
        assert app.screen.week == W("2026-W48")
        await pilot.press("h")
        assert app.screen.week == W("2026-W47")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert type(app.screen).__name__ == "ChartScreen"


async def test_the_help_screen_shows_each_keys_id_and_its_new_key(write_config, data_dir, config_dir) -> None:
    write_config(KEYMAP)
    app = SearchkeeperApp(Workspace.open(data_dir, config_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = plain(app.screen.query_one("#help-keys").content).splitlines()
    previous = next(line for line in lines if "Previous week" in line)
    assert previous.split()[0] == "h" and "week.previous" in previous
    assert any("app.audit" in line and line.split()[0] == "a" for line in lines)


def test_a_bad_entry_is_named_with_its_line(write_config, config_dir, cli) -> None:
    write_config("keymap:\n  week.next: l\n  week.previous: ''\n  wek.today: t\n  app.help: {f1: yes}\n")
    settings = load_settings(config_dir, strict=False)
    assert settings.keymap == {"week.next": "l", "wek.today": "t"}
    said = [str(problem).split("/")[-1] for problem in settings.problems]
    assert said == [
        "config.yaml:3: keymap: 'week.previous' needs keys such as l, ctrl+n or h,left",
        "config.yaml:5: keymap: 'app.help' needs keys such as l, ctrl+n or h,left",
    ]
    unknown = keymap_problems(settings, binding_ids())
    assert [str(problem).split("/")[-1] for problem in unknown] == [
        "config.yaml:4: keymap: no key has the id 'wek.today' (the help screen, ?, shows each key's id)"
    ]
    result = cli("check")
    assert result.code == 1 and "config.yaml:3: keymap: 'week.previous' needs keys" in result.err


async def test_the_dashboard_tells_of_an_unknown_id(write_config, data_dir, config_dir, monkeypatch) -> None:
    write_config("keymap:\n  wek.today: t\n")
    told = []
    monkeypatch.setattr(SearchkeeperApp, "notify", lambda self, message, **kw: told.append(message))
    app = SearchkeeperApp(Workspace.open(data_dir, config_dir))
    async with app.run_test() as pilot:
        await settle(pilot)
    assert any("config.yaml:2: keymap: no key has the id 'wek.today'" in message for message in told)


def test_every_binding_of_the_dashboard_has_an_id_to_rebind() -> None:
    ids = binding_ids()
    assert {"week.next", "practice.tick", "audit.yes", "partners.log", "app.quit", "help.back"} <= ids
