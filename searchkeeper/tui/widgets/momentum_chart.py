"""The momentum streak chart: a bar per week, the threshold line, the current streak marked.

Momentum weeks are solid blocks (``█``), weeks below the threshold are shaded (``▒``), so the
two differ by shape as well as colour. ``~`` marks an away week, ``?`` one whose file cannot be
read (unknown, not counted), ``-`` one where nothing counted; ``━`` underlines the current
streak and ``▲`` points at the week on screen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from searchkeeper.core.scoring import Summary, WeekScore, momentum_series, percent, shown_threshold
from searchkeeper.core.weeks import Week
from searchkeeper.tui.palette import Palette
from searchkeeper.tui.widgets.room import room

EIGHTHS = " ▁▂▃▄▅▆▇█"
AXIS = 5
MAX_WEEKS = 52
SOLID, SHADE, AWAY, EMPTY_WEEK, ZERO, UNKNOWN = "█", "▒", "~", "-", "·", "?"
LINE, STREAK, HERE = "╌", "━", "▲"
Line = list[tuple[str, Style | None]]
"""A row of the chart: pieces of text (a character a column while drawing) and their styles."""


@dataclass(frozen=True)
class ChartFacts:
    summary: Summary
    week: Week
    this_week: Week
    span: int | None = None
    """How many weeks to show; None fits as many as the width allows."""
    show_momentum: bool = False


def threshold_row_of(threshold: float, rows: int) -> int:
    """The row (0 = bottom) the threshold line is drawn in: the top row a bar must fill to reach it.

    Momentum bars always fill this row (they cover the line) and other bars never
    reach it (the line shows above them), so the line separates them exactly.
    """
    return max(0, min(rows - 1, math.ceil(threshold * rows - 1e-9) - 1))


def streak_weeks(summary: Summary, this_week: Week) -> set[Week]:
    """The weeks of the current streak up to ``this_week``, as the chart and the strip mark them
    (neutral weeks inside it are skipped, not counted; none while there is no streak)."""
    weeks: set[Week] = set()
    if not summary.streak:
        return weeks
    for score in reversed(summary.scores_until(this_week)):
        if score.neutral:
            continue
        if score.is_momentum(summary.threshold):
            weeks.add(score.week)
        elif not score.in_progress:
            break
    return weeks


class LinesWidget(Widget):
    """A widget drawn as ``Line`` s from its ``facts``, its size and its theme (``_draw_key``,
    ``_draw_lines``), drawn again only when one of them changed.

    The strips of the last draw are kept by their line's content, and new facts repaint only the
    lines that differ from the last draw (none if nothing does): a tick changes a bar or two, and
    the rest of the widget is neither built again nor written to the terminal again. A change of
    size or theme repaints the whole widget, as Textual does for any widget.
    """

    facts: reactive[ChartFacts | None] = reactive(None, init=False, repaint=False)
    """``repaint=False``: ``watch_facts`` says which lines to repaint."""

    _drawn: tuple[tuple[object, ...], list[Line]] | None = None
    """The lines last drawn and what they were drawn from (the facts first)."""
    _strips: dict[tuple[tuple[str, Style | None], ...], Strip] | None = None
    """The strips of the last draw's lines, by a line's pieces, for ``_strips_for``."""
    _strips_for: tuple[int, Style] | None = None
    """The width and base style the kept strips were made at."""

    def _draw_key(self) -> tuple[object, ...]:
        """What the lines show: the facts first, then the size and theme they are drawn at."""
        raise NotImplementedError

    def _draw_lines(self) -> list[Line]:
        raise NotImplementedError

    def lines(self) -> list[Line]:
        """The widget's lines at its size, drawn again only when something they show changed."""
        key = self._draw_key()
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1]
        lines = self._draw_lines() if self.facts is not None else []
        self._drawn = (key, lines)
        if self._strips:  # only the strips of lines still shown are kept
            shown = {tuple(line) for line in lines}
            self._strips = {pieces: strip for pieces, strip in self._strips.items() if pieces in shown}
        return lines

    def render_line(self, y: int) -> Strip:
        lines = self.lines()
        base = self.rich_style
        width = room(self).width
        if y >= len(lines):
            return Strip.blank(width, base)
        if self._strips is None or self._strips_for != (width, base):
            self._strips, self._strips_for = {}, (width, base)
        pieces = tuple(lines[y])
        strip = self._strips.get(pieces)
        if strip is None:
            strip = self._strips[pieces] = line_strip(lines[y], width, base)
        return strip

    def render(self) -> RenderableType:
        """The lines as text (what ``render_line`` paints), for a reader of the widget."""
        return lines_text(self.lines())

    def watch_facts(self) -> None:
        drawn = self._drawn
        if drawn is None or not self.is_mounted:
            self.refresh()
            return
        before_key, before = drawn
        after = self.lines()
        if self._draw_key()[1:] != before_key[1:]:  # another size or theme: all of it
            self.refresh()
            return
        width = room(self).width
        changed = [
            Region(0, y, width, 1)
            for y in range(max(len(before), len(after)))
            if y >= len(before) or y >= len(after) or before[y] != after[y]
        ]
        if changed:
            self.refresh(*changed)


class MomentumChart(LinesWidget):
    """Set ``facts``; the chart draws as many weeks as fit (or ``facts.span``).

    Drawn once per change of facts, size or theme, in runs of one style, and kept: the
    compositor asks for its lines again on every frame that touches it, and new facts
    repaint only the lines they change.
    """

    DEFAULT_CSS = """
    MomentumChart {
        height: 12;
        padding: 0 1;
    }
    """
    PARTS = {
        "bar": ("momentum-bar", ""),
        "low": ("momentum-low", ""),
        "here": ("accent", "bold"),
        "line": ("warning", ""),
        "streak": ("accent", ""),
        "axis": ("text-muted", ""),
        "away": ("warning", ""),
        "momentum": ("primary", ""),
    }
    """Each part's theme colour and text style (a ``Palette``, not component classes)."""

    def _draw_key(self) -> tuple[object, ...]:
        width, height = room(self)
        return (self.facts, width, height, self.app.theme, self.background_colors[1])

    def _draw_lines(self) -> list[Line]:
        facts = self.facts
        assert facts is not None
        width, height = room(self)
        paint = Palette(self)
        self._parts = {name: paint(*spec) for name, spec in self.PARTS.items()}  # each style made once a draw
        below = 4 if facts.show_momentum else 3  # the streak, labels, (momentum,) legend lines
        return self._draw(facts, width, max(3, height - below))

    def _part(self, name: str) -> Style:
        return self._parts[name]

    def visible_weeks(self, facts: ChartFacts, width: int) -> tuple[list[Week], int]:
        """The weeks drawn and the columns each one takes."""
        room = max(1, width - AXIS)
        if facts.span:
            count = facts.span
            slot = max(1, min(7, room // count))
            count = min(count, room // slot)
        else:
            slot = 2
            count = max(1, min(MAX_WEEKS, room // slot))
        last = facts.this_week
        if facts.week > last or facts.week < last.shift(-(count - 1)):
            last = facts.week
        return last.shift(-(count - 1)).until(last), slot

    def _draw(self, facts: ChartFacts, width: int, rows: int) -> list[Line]:
        style = self._part
        summary = facts.summary
        weeks, slot = self.visible_weeks(facts, width)
        bar_width = max(1, slot - 1) if slot > 1 else 1
        columns = AXIS + len(weeks) * slot
        grid: list[Line] = [[(" ", None)] * columns for _ in range(rows)]
        threshold_row = threshold_row_of(summary.threshold, rows)
        for row in range(rows):
            label = "    │"
            if row == rows - 1:
                label = "100%┤"
            elif row == threshold_row:
                label = f"{percent(summary.threshold):>3}%┼"  # the axis has room for a whole number
            elif row == 0:
                label = "  0%┤"
            _write(grid[rows - 1 - row], 0, label, style("axis"))
            if row == threshold_row:
                _write(grid[rows - 1 - row], AXIS, LINE * (columns - AXIS), style("line"))
        in_streak = streak_weeks(summary, facts.this_week)
        streak_line: Line = [(" ", None)] * columns
        label_line: Line = [(" ", None)] * columns
        scores = summary.scores_of(weeks)
        for index, week in enumerate(weeks):
            x0 = AXIS + index * slot
            score = scores[index]
            here = week == facts.week
            self._bar(grid, score, x0, bar_width, rows, summary.threshold, here)
            if week in in_streak:
                _write(streak_line, x0, STREAK * bar_width, style("streak"))
        self._labels(facts, label_line, weeks, slot, bar_width)
        lines = [*grid, streak_line, label_line]
        if facts.show_momentum:
            upto = summary.scores_until(facts.this_week)
            lines.append(self._momentum_line(upto, weeks, slot, bar_width, columns))
        unknown = any(score.unreadable for score in scores if score is not None)
        lines.extend(self._legend(summary.threshold, facts.show_momentum, unknown, width))
        return lines

    def _bar(self, grid, score, x0, bar_width, rows, threshold, here) -> None:  # type: ignore[no-untyped-def]
        parts = self._parts
        columns = slice(x0, x0 + bar_width)

        def cells(char: str, part: str) -> list[tuple[str, Style]]:  # a cell a column, as _write puts them
            return [(char, parts["here" if here else part])] * bar_width

        def put(row_from_bottom: int, char: str, part: str) -> None:
            grid[rows - 1 - row_from_bottom][columns] = cells(char, part)

        def fill(
            height: int, char: str, part: str
        ) -> None:  # the bottom ``height`` rows, the cells made once
            made = cells(char, part)
            for row in grid[rows - height :]:
                row[columns] = made

        if score is None:
            return
        ratio = score.ratio
        for shown, mark, part in (
            (score.unreadable, UNKNOWN, "away"),
            (score.away, AWAY, "away"),
            (ratio is None, EMPTY_WEEK, "axis"),
            (ratio == 0, ZERO, "low"),
        ):
            if shown:  # a mark on the axis, no bar
                put(0, mark, part)
                return
        line_row = threshold_row_of(threshold, rows)
        if score.is_momentum(threshold):
            eighths = max((line_row + 1) * 8, round(ratio * rows * 8))
            fill(min(rows, eighths // 8), SOLID, "bar")
            if eighths % 8 and eighths // 8 < rows:
                put(eighths // 8, EIGHTHS[eighths % 8], "bar")
        else:
            fill(max(1, min(line_row, round(ratio * rows))), SHADE, "low")

    def _labels(self, facts: ChartFacts, line: Line, weeks: list[Week], slot: int, bar_width: int) -> None:
        axis = self._part("axis")
        starts = [index for index, week in enumerate(weeks) if index == 0 or week.is_first_of_month]
        if len(starts) > 1 and starts[1] * slot < len(month_label(weeks[0], True)) + 1:
            starts.pop(0)  # the first month's name would hide the next one's: the next says the year
        free_from = AXIS
        for number, index in enumerate(starts):
            week, x0 = weeks[index], AXIS + index * slot
            if x0 >= free_from:
                name = month_label(week, with_year=week.month[1] == 1 or number == 0)
                if x0 + len(name) > len(line):
                    name = month_label(week, with_year=False)
                if x0 + len(name) <= len(line):
                    _write(line, x0, name, axis)
                    free_from = x0 + len(name) + 1
        if facts.week in weeks:
            x0 = AXIS + weeks.index(facts.week) * slot
            _write(line, x0, HERE * bar_width, self._part("here"))

    def _momentum_line(self, upto: list[WeekScore], weeks, slot, bar_width, columns):  # type: ignore[no-untyped-def]
        values = dict(zip((s.week for s in upto), momentum_series(upto), strict=True))
        line: Line = [(" ", None)] * columns
        _write(line, 0, "mom │", self._part("axis"))
        for index, week in enumerate(weeks):
            value = values.get(week)
            if value is None:
                continue
            if bar_width >= 3:
                figure = f"{percent(value / 100):>{bar_width}}"
            else:
                figure = EIGHTHS[max(1, round(value / 100 * 8))] * bar_width
            _write(line, AXIS + index * slot, figure[:bar_width], self._part("momentum"))
        return line

    def _legend(self, threshold: float, show_momentum: bool, unknown: bool, width: int) -> list[Line]:
        style = self._part
        parts = [
            (SOLID, "bar", f"≥{shown_threshold(threshold)}%"),
            (SHADE, "low", "below"),
            (LINE, "line", "threshold"),
            (STREAK, "streak", "streak"),
            (AWAY, "away", "away"),
            (HERE, "here", "shown week"),
        ]
        if unknown:
            parts.append((UNKNOWN, "away", "unreadable"))
        if show_momentum:
            parts.append(("▃▅", "momentum", "momentum"))
        return legend_lines(
            [(glyph, style(name), words) for glyph, name, words in parts], style("axis"), width
        )


def month_label(week: Week, with_year: bool) -> str:
    """``Sep`` or, where a year starts, ``Jan '27``: a month, never read as a day of it."""
    name = week.thursday.strftime("%b")
    return f"{name} '{week.thursday:%y}" if with_year else name


def legend_lines(parts: list[tuple[str, Style, str]], muted: Style, width: int) -> list[Line]:
    """``█ ≥60%  ▒ below  …`` on as many lines as ``width`` needs, a part never split."""
    lines: list[Line] = [[]]
    for glyph, style, words in parts:
        piece: Line = [(glyph, style), (f" {words}", muted)]
        size = len(glyph) + 1 + len(words)
        used = sum(len(text) for text, _ in lines[-1])
        if lines[-1] and used + 2 + size > width:
            lines.append([])
        elif lines[-1]:
            lines[-1].append(("  ", None))
        lines[-1].extend(piece)
    return lines


def runs(line: Line, base: Style | None = None) -> list[tuple[str, Style | None]]:
    """Neighbouring pieces of one style joined: a few segments a line rather than one a cell.

    A blank with no style of its own joins the piece before it when that piece's style draws a
    blank as ``base`` (the widget's own style) would: a colour for text, bold, the same background,
    no line through or under it. Bars of one colour with gaps between them are then one piece, not
    one a bar and one a gap, which is most of what the chart writes to the terminal."""
    background = None if base is None else base.bgcolor
    joined: list[tuple[str, Style | None]] = []
    for text, style in line:
        if joined:
            before, before_style = joined[-1]
            if style is before_style or (
                style is None and text.isspace() and _blank_on(before_style, background)
            ):
                joined[-1] = (before + text, before_style)
                continue
        joined.append((text, style))
    return joined


@lru_cache(maxsize=64)
def _blank_on(style: Style | None, background: object) -> bool:
    """Whether a blank drawn in ``style`` looks as one on ``background`` in no style does."""
    if style is None:
        return True
    if style.bgcolor is not None and style.bgcolor != background:
        return False
    lines = (style.reverse, style.underline, style.underline2, style.strike, style.overline, style.frame)
    return not any(lines) and not style.encircle and not style.link


def line_strip(line: Line, width: int, base: Style) -> Strip:
    """A line as a strip of ``width`` cells over the widget's own style."""
    segments = [
        Segment(text, base + style if style is not None else base) for text, style in runs(line, base)
    ]
    return Strip(segments).adjust_cell_length(width, base)


def lines_text(lines: list[Line]) -> Text:
    text = Text(no_wrap=True, overflow="crop")
    for number, line in enumerate(lines):
        if number:
            text.append("\n")
        for piece, style in runs(line):
            text.append(piece, style)
    return text


def _write(line: Line, x: int, text: str, style: Style | None) -> None:
    """Put ``text`` in ``line`` from column ``x`` on, a character a column."""
    line[x : x + len(text)] = [(char, style) for char in text]
