"""The delegation map in the terminal: a small character grid of the four quadrants.

The grid holds only clarity's own words and one-character markers, never user text; it is
drawn as rich Text (styles, no markup) or as plain lines for a Markdown code block.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from clarity.core.scoring.quadrants import AXIS_MAX, QUADRANT_BOUNDARY, clamp, quadrant_of

if TYPE_CHECKING:
    from rich.text import Text

HALF_WIDTH = 20  # columns per half of the autonomy axis
HALF_HEIGHT = 4  # rows per half of the accountability axis
MARGIN = 5  # room for the accountability ticks
POINT_STYLE = "bold magenta"
CROWDED = "*"  # two or more points in one cell


class Point(NamedTuple):
    x: float  # autonomy
    y: float  # accountability
    marker: str  # one character


Segment = tuple[str, str | None]


def cell_of(x: float, y: float) -> tuple[int, int]:
    """The (row, column) of a point inside the box; a score on the boundary counts as high."""
    cols, rows = 2 * HALF_WIDTH, 2 * HALF_HEIGHT
    col = min(cols - 1, int(clamp(x) / AXIS_MAX * cols))
    row = rows - 1 - min(rows - 1, int(clamp(y) / AXIS_MAX * rows))
    return row, col


def grid(points: Sequence[Point]) -> list[list[Segment]]:
    """The map as lines of (text, style) segments, the points' quadrants in bold."""
    cells: dict[tuple[int, int], str] = {}
    for point in points:
        key = cell_of(point.x, point.y)
        cells[key] = CROWDED if key in cells else (point.marker[:1] or "●")
    hit = {quadrant_of(p.x, p.y).id for p in points}

    def label(qid: str, words: str) -> Segment:
        return words, "bold" if qid in hit else "dim"

    pad = " " * MARGIN
    inner = 2 * HALF_WIDTH + 1
    lines: list[list[Segment]] = []
    left, right = "micromanagement", "in harmony"
    lines.append(
        [
            (pad + " ", None),
            label("micromanagement", left),
            (" " * (inner - len(left) - len(right)), None),
            label("in-harmony", right),
        ]
    )
    edge = "─" * HALF_WIDTH
    lines.append([(f"{AXIS_MAX:>{MARGIN - 1}} ┌{edge}┬{edge}┐", "dim")])
    for row in range(2 * HALF_HEIGHT):
        if row == HALF_HEIGHT:
            lines.append([(f"{QUADRANT_BOUNDARY:>{MARGIN - 1}} ├{edge}┼{edge}┤", "dim")])
        line: list[Segment] = [(pad + "│", "dim")]
        for col in range(2 * HALF_WIDTH):
            if col == HALF_WIDTH:
                line.append(("│", "dim"))
            marker = cells.get((row, col))
            line.append((marker, POINT_STYLE) if marker else (" ", None))
        line.append(("│", "dim"))
        lines.append(line)
    lines.append([(f"{0:>{MARGIN - 1}} └{edge}┴{edge}┘", "dim")])
    ticks = f"{pad}0{QUADRANT_BOUNDARY:>{HALF_WIDTH + 1}}{AXIS_MAX:>{HALF_WIDTH + 1}}"
    lines.append([(ticks, "dim"), ("  autonomy →", "dim")])
    left, right = "neglect", "abandonment"
    lines.append(
        [
            (pad + " ", None),
            label("neglect", left),
            (" " * (inner - len(left) - len(right)), None),
            label("abandonment", right),
        ]
    )
    lines.insert(0, [(pad + "accountability ↑", "dim")])
    return lines


def plain(points: Sequence[Point]) -> str:
    """The map as plain text lines (for Markdown), without trailing spaces."""
    return "\n".join("".join(text for text, _ in line).rstrip() for line in grid(points))


def rich_map(points: Sequence[Point]) -> Text:
    """The map as one rich Text: styles only, no markup."""
    from rich.text import Text

    out = Text()
    for i, line in enumerate(grid(points)):
        if i:
            out.append("\n")
        for text, style in line:
            out.append(text, style=style or "")
    out.rstrip()
    return out
