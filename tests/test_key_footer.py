"""The week screen's footer: one widget, no children, that shows and presses the screen's keys."""

from __future__ import annotations

from pathlib import Path

from conftest import settle
from snapshot_apps.fixed_history import fixed_app

from searchkeeper.tui.screens.chart import ChartScreen
from searchkeeper.tui.screens.week import WeekScreen
from searchkeeper.tui.widgets.key_footer import KeyFooter, ShownKey

SIZE = (80, 24)


def shown(app) -> dict[str, ShownKey]:
    """The footer's keys by what they say (a grouped key by its own description)."""
    return {key.description: key for key in app.screen.query_one(KeyFooter).shown_keys()}


def footer_line(app) -> str:
    return "".join(segment.text for segment in app.screen._compositor.render_strips()[-1])


async def test_the_footer_shows_the_keys_in_one_widget_with_no_children(tmp_path: Path) -> None:
    app = fixed_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
        footer = app.screen.query_one(KeyFooter)
        assert not footer.children
        keys = shown(app)
        for description in ("Tick", "Note", "Quit", "palette"):
            assert description in keys, description
        assert keys["palette"].key_display == "^p"
        assert all(
            key.enabled for name, key in keys.items() if name != "Next week"
        )  # this week: no later one
        assert not keys["Next week"].enabled
        assert keys["Previous week"].group == keys["Next week"].group == "Week"
        line = footer_line(app)
        assert line.startswith("space Tick n Note  [ ] Week a Audit c Chart p Partners ? Help q Quit")
        assert line.rstrip().endswith("^p palette") and len(line.rstrip()) == SIZE[0] - 1
        for key in keys.values():  # each drawn where its span says
            assert key.key_display in line[key.start : key.end]
            assert key.end <= SIZE[0]


async def test_keys_the_focus_cannot_use_are_shown_disabled(tmp_path: Path) -> None:
    app = fixed_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown(app)["Tick"].enabled
        app.screen.set_focus(app.screen.query_one("#momentum-strip"))
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        tick = shown(app)["Tick"]
        assert not tick.enabled
        assert not footer.children  # redrawn, not recomposed
        content = footer.render()
        styles = [span.style for span in content.spans if span.start < tick.end and span.end > tick.start]
        assert styles and all(style.dim for style in styles)
        audit = shown(app)["Audit"]  # an app key: available whatever is focused
        assert audit.enabled
        assert not any(
            span.style.dim for span in content.spans if span.start < audit.end and span.end > audit.start
        )
        # the strip's own key makes the line too long for 80 columns: the keys before Quit go, Quit stays
        keys = [name for name in shown(app) if name != "palette"]
        assert keys[-1] == "Quit" and "Help" not in keys, keys
        assert footer_line(app).rstrip().endswith("^p palette")


async def test_the_week_keys_follow_the_week_shown(tmp_path: Path) -> None:
    app = fixed_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not shown(app)["Next week"].enabled
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert shown(app)["Next week"].enabled


async def test_clicking_a_key_presses_it(tmp_path: Path) -> None:
    app = fixed_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        week = app.screen
        chart = shown(app)["Chart"]
        await pilot.click(KeyFooter, offset=(chart.start + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, ChartScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is week


async def test_clicking_a_disabled_key_rings_the_bell(tmp_path: Path, monkeypatch) -> None:
    app = fixed_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rung: list[bool] = []
        monkeypatch.setattr(app, "bell", lambda: rung.append(True))
        week = app.screen.week
        next_week = shown(app)["Next week"]
        await pilot.click(KeyFooter, offset=(next_week.start, 0))
        await pilot.pause()
        assert rung and app.screen.week == week


async def test_the_key_under_the_mouse_is_highlighted_and_gives_its_tooltip(tmp_path: Path) -> None:
    app = fixed_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeyFooter)
        note = shown(app)["Note"]
        plain = footer.render()
        await pilot.hover(KeyFooter, offset=(note.start + 1, 0))
        await pilot.pause()
        assert footer.tooltip == note.tooltip
        hovered = footer.render()
        changed = [x for x in range(SIZE[0]) if _background_at(plain, x) != _background_at(hovered, x)]
        assert changed == list(range(note.start, note.end))
        await pilot.hover(KeyFooter, offset=(note.end, 0))  # the space after it
        await pilot.pause()
        assert footer.tooltip is None


def _background_at(content, x: int):
    backgrounds = [span.style.background for span in content.spans if span.start <= x < span.end]
    return backgrounds[-1] if backgrounds else None
