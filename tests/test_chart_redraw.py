"""The chart and the strip repaint only the lines new facts change: what is painted stays right.

What the widget paints (the strips Textual keeps for it, the ones the terminal is sent) is
compared with the lines the widget draws from its facts, after a tick and after a resize: a
line left out of a repaint would still show the week before the tick.
"""

from __future__ import annotations

from conftest import TODAY, settle
from textual.geometry import Region

from searchkeeper.core.weeks import Week
from searchkeeper.storage.sample import write_sample_history
from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui.app import SearchkeeperApp
from searchkeeper.tui.widgets.momentum_chart import HERE, SHADE, MomentumChart
from searchkeeper.tui.widgets.momentum_strip import MomentumStrip

THIS_WEEK = Week.of(TODAY)


def painted(widget) -> list[str]:
    """The widget's content as Textual paints it (its kept strips, repainted where dirty)."""
    strips = widget.render_lines(Region(0, 0, *widget.outer_size))
    x, y = widget.content_offset
    width, height = widget.content_size
    return [strip.crop(x, x + width).text for strip in strips[y : y + height]]


def drawn(widget) -> list[str]:
    """The widget's lines as drawn from its facts now, padded to its content size."""
    width, height = widget.content_size
    lines = widget.render().plain.split("\n")
    return [(lines[y] if y < len(lines) else "").ljust(width)[:width] for y in range(height)]


def this_weeks_bar(chart: MomentumChart) -> str:
    """The chart's column above the ``▲`` (the week on screen), top row first."""
    lines = painted(chart)
    labels = next(number for number, line in enumerate(lines) if HERE in line)
    column = lines[labels].index(HERE)
    return "".join(line[column] for line in lines[: labels - 1])  # above the streak line


def history(space: Workspace) -> None:
    """A year of weeks before this one (and this week as the sample leaves it)."""
    write_sample_history(space.journal, space.settings.catalogue, THIS_WEEK.shift(-1), weeks=52, seed=7)


async def test_a_tick_repaints_the_new_bar_and_a_resize_all_of_the_chart(space) -> None:
    history(space)
    app = SearchkeeperApp(space)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        chart = app.screen.query_one("#momentum-chart", MomentumChart)
        strip = app.screen.query_one(MomentumStrip)
        assert painted(chart) == drawn(chart)
        assert painted(strip) == drawn(strip)
        before = this_weeks_bar(chart)
        assert before.count(SHADE) == 1  # one practice in ten met so far: the lowest bar
        strip_before = painted(strip)

        await pilot.press("space")
        await settle(pilot)
        after = this_weeks_bar(chart)
        assert after.count(SHADE) > 1  # two in ten: a taller bar
        assert painted(chart) == drawn(chart)
        assert painted(strip) == drawn(strip) != strip_before

        await pilot.press("space")  # and back: the bar goes again
        await settle(pilot)
        assert this_weeks_bar(chart) == before
        assert painted(chart) == drawn(chart)
        assert painted(strip) == strip_before

        await pilot.press("space")
        await settle(pilot)
        wide = painted(chart)
        await pilot.resize_terminal(90, 40)
        await settle(pilot)
        assert chart.content_size.width < len(wide[0])
        assert painted(chart) == drawn(chart)
        assert painted(strip) == drawn(strip)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert painted(chart) == wide


async def test_facts_that_change_nothing_drawn_repaint_nothing(space) -> None:
    """Another summary with the same weeks: no line differs, so no line is repainted."""
    history(space)
    app = SearchkeeperApp(space)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        chart = app.screen.query_one("#momentum-chart", MomentumChart)
        facts = chart.facts
        assert facts is not None
        await pilot.pause()
        chart.facts = type(facts)(facts.summary, facts.week, facts.this_week, span=facts.span or 0)
        assert not chart._repaint_required  # equal lines: nothing to repaint
        assert painted(chart) == drawn(chart)


def test_bars_of_one_colour_with_gaps_are_drawn_as_one_piece_that_looks_the_same() -> None:
    """The terminal gets one style change for a run of same-coloured bars, not one a bar and one
    a gap; a gap stays its own piece where the bar's style would show on a blank."""
    from rich.segment import Segment
    from rich.style import Style

    from searchkeeper.tui.widgets.momentum_chart import line_strip, runs

    base = Style(color="white", bgcolor="black")
    bar, low = Style(color="green", bgcolor="black"), Style(color="grey50", bgcolor="black")
    line = [("█", bar), (" ", None), ("█", bar), (" ", None), ("▒", low), (" ", None), ("█", bar)]
    assert runs(line, base) == [("█ █ ", bar), ("▒ ", low), ("█", bar)]
    under, lit = Style(color="green", underline=True), Style(color="green", bgcolor="red")
    for shows in (under, lit):
        assert runs([("█", shows), (" ", None), ("█", shows)], base) == [
            ("█", shows),
            (" ", None),
            ("█", shows),
        ]
    strip = line_strip(line, 9, base)
    cells = [(char, segment.style.bgcolor) for segment in strip for char in segment.text]
    expected = [(char, base.bgcolor) for char, _ in line] + [(" ", base.bgcolor)] * 2
    assert cells == expected  # every cell on the same background, the glyphs where they were
    assert all(isinstance(segment, Segment) for segment in strip) and len(list(strip)) == 4
