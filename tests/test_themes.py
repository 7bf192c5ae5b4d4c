"""Themes: the built-in files, the user's own, a bad file, and the choice remembered."""

from __future__ import annotations

from pathlib import Path

from conftest import read_yaml

from searchkeeper.core.errors import FileProblem
from searchkeeper.storage.theme_files import builtin_theme_folder
from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui.app import SearchkeeperApp
from searchkeeper.tui.themes import DEFAULT_THEME, load_theme_file, load_themes

MINE = """\
name: my-night
dark: true
primary: "#88AAFF"
background: "#101010"
variables:
  momentum-bar: "#FFCC00"
"""


def test_the_builtin_folder_holds_a_dark_a_light_and_a_high_contrast_theme() -> None:
    folder = builtin_theme_folder()
    themes, problems = load_themes(folder)
    assert problems == []
    by_name = {theme.name: theme for theme in themes}
    assert {"searchkeeper-dark", "searchkeeper-light", "searchkeeper-contrast"} <= set(by_name)
    assert by_name["searchkeeper-dark"].dark and not by_name["searchkeeper-light"].dark
    assert by_name["searchkeeper-contrast"].background == "#000000"


def test_a_bad_theme_file_names_its_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text('name: bad\nprimary: "#88AAFF"\nbackground: "not a colour"\n', encoding="utf-8")
    try:
        load_theme_file(path)
    except FileProblem as problem:
        assert problem.path == path and problem.line == 3
        assert "background" in problem.reason
    else:
        raise AssertionError("a bad colour was accepted")
    path.write_text("name: [unclosed\n", encoding="utf-8")
    themes, problems = load_themes(tmp_path)
    assert themes == [] and len(problems) == 1 and problems[0].line is not None


async def test_user_themes_sit_beside_the_builtin_ones(config_dir: Path, space: Workspace) -> None:
    (config_dir / "themes").mkdir()
    (config_dir / "themes" / "night.yaml").write_text(MINE, encoding="utf-8")
    app = SearchkeeperApp(space)
    async with app.run_test():
        assert "my-night" in app.available_themes
        assert "searchkeeper-light" in app.available_themes
        assert app.theme == DEFAULT_THEME
        app.theme = "my-night"
        assert app.get_css_variables()["momentum-bar"] == "#FFCC00"


async def test_a_bad_user_theme_gives_one_notice_and_falls_back(config_dir: Path, write_config) -> None:
    (config_dir / "themes").mkdir()
    (config_dir / "themes" / "broken.yaml").write_text("name: broken\nprimary: 12\n", encoding="utf-8")
    write_config("theme: broken\n")
    space = Workspace.open(config_dir.parent / "data", config_dir)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
        notices = [n.message for n in app._notifications]
        assert len(notices) == 1
        assert "broken.yaml:2" in notices[0] and "'broken' is not available" in notices[0]
    assert read_yaml(config_dir / "config.yaml")["theme"] == "broken"  # the user's choice is kept


async def test_a_theme_picked_in_the_palette_is_remembered(config_dir: Path, space: Workspace) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"theme")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press(*"searchkeeper-contrast")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "searchkeeper-contrast"
    assert read_yaml(config_dir / "config.yaml")["theme"] == "searchkeeper-contrast"
    again = SearchkeeperApp(Workspace.open(space.data_dir, config_dir, on=space.today))
    async with again.run_test() as pilot:
        assert again.theme == "searchkeeper-contrast"


async def test_the_theme_in_the_config_colours_the_first_screen_as_picking_it_would(
    config_dir: Path, space: Workspace
) -> None:
    (config_dir / "config.yaml").write_text("theme: searchkeeper-light\n", encoding="utf-8")
    app = SearchkeeperApp(Workspace.open(space.data_dir, config_dir, on=space.today))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "searchkeeper-light"
        assert app.has_class("-light-mode", "-theme-searchkeeper-light") and not app.has_class("-dark-mode")
        header = app.screen.query_one("#week-header")

        def colours() -> tuple[object, ...]:
            return app.screen.styles.background, header.styles.color, app.theme_variables["momentum-bar"]

        at_start = colours()
        app.theme = DEFAULT_THEME
        await pilot.pause()
        assert colours() != at_start
        app.theme = "searchkeeper-light"  # picked again, as the palette picks it
        await pilot.pause()
        assert colours() == at_start
