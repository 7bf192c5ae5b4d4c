"""Bad values in config.yaml: every one is named, and the default is used for each."""

from __future__ import annotations

from pathlib import Path

from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui.app import SearchkeeperApp

BAD = "# mine\nthreshold: 160\naudit_day: fryday\ntheme: nope\n"


def named(err: str, path: Path) -> list[str]:
    return [line for line in err.splitlines() if f"{path}:" in line]


def test_every_bad_value_is_named_and_the_commands_work(cli, write_config, data_dir: Path) -> None:
    path = write_config(BAD)
    for argv in (["status"], ["tick", "reconnect"], ["report"], ["status"]):
        result = cli(*argv)
        assert result.code == 0, argv
        lines = named(result.err, path)
        assert [line.split(f"{path}:")[1].split(":")[0] for line in lines] == ["2", "3", "4"], result.err
        assert "'threshold'" in lines[0] and "'fryday'" in lines[1] and "'nope'" in lines[2]
    assert "1/13" in cli("status").out  # the default threshold and audit day
    assert (data_dir / "journal" / "2026" / "2026-W48.yaml").exists()


def test_check_lists_every_bad_value_and_fails(cli, write_config) -> None:
    path = write_config(BAD + "practices:\n  reconnect: {cadence: yearly}\n  portfolio: {cadence: weekly}\n")
    result = cli("check")
    assert result.code == 1
    lines = named(result.err, path)
    assert [line.split(f"{path}:")[1].split(":")[0] for line in lines] == ["2", "3", "4", "6", "7"]


def test_a_theme_that_exists_is_not_a_problem(cli, write_config, config_dir: Path) -> None:
    for theme in ("searchkeeper-light", "nord"):  # ours, and one of Textual's own
        write_config(f"theme: {theme}\n")
        assert cli("status").err == ""
    (config_dir / "themes").mkdir()
    (config_dir / "themes" / "night.yaml").write_text(
        'name: my-night\nprimary: "#88AAFF"\n', encoding="utf-8"
    )
    write_config("theme: my-night\n")
    assert cli("check").err == ""


def test_a_config_that_is_not_a_mapping_still_stops(cli, write_config) -> None:
    for text in ("- threshold: 60\n", "threshold: [unclosed\n"):
        path = write_config(text)
        result = cli("status")
        assert result.code == 1 and result.out == ""
        assert len(result.err.strip().splitlines()) == 1 and str(path) in result.err


async def test_the_dashboard_starts_and_tells_of_them(write_config, config_dir: Path) -> None:
    path = write_config(BAD)
    app = SearchkeeperApp(Workspace.open(config_dir.parent / "data", config_dir))
    async with app.run_test() as pilot:
        await pilot.pause()
        notices = "\n".join(n.message for n in app._notifications)
        for line in (2, 3, 4):
            assert f"{path}:{line}:" in notices
