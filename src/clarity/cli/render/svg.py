"""The drawing kit of the SVG pictures: escaping, text, the document, score bars and the map.

Every text goes through :func:`esc` (or :func:`attr`): control and bidi characters become
visible escapes, then XML specials are escaped, so the file is valid XML whatever the answers
say. Standalone pictures carry a ``<title>`` and ``<desc>``; inline ones (inside HTML) drop
the XML declaration and namespace. The pictures themselves are in ``check_svg``,
``compare_svg`` and ``history_svg``; the HTML reports draw their maps with :func:`map_svg`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from clarity.core.scoring.quadrants import (
    AXIS_MAX,
    QUADRANT_BOUNDARY,
    QUADRANTS,
    clamp,
    quadrant_of,
)
from clarity.core.text import visible

FONT = "system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"
INK = "#202124"
MUTED = "#5f6368"
AUTONOMY_COLOR = "#1a73e8"
ACCOUNTABILITY_COLOR = "#c26401"
POINT_COLOR = "#8e24aa"
SIDE_COLORS = ("#1a73e8", "#c5221f")
QUADRANT_FILL = {
    "micromanagement": "#fce8e6",
    "in-harmony": "#e6f4ea",
    "neglect": "#f1f3f4",
    "abandonment": "#fef7e0",
}
VERDICT_COLOR = {
    "in-harmony": "#188038",
    "boundaries": "#b06000",
    "consequences": "#b06000",
    "both": "#c5221f",
}
BAND_COLOR = {"aligned": "#188038", "moderate": "#b06000", "high": "#c5221f"}


def esc(text: Any) -> str:
    """Any text as XML character data: controls made visible, specials escaped, one line."""
    return escape(visible(str(text), newlines=False))


def attr(text: Any) -> str:
    """Any text as a quoted XML attribute value."""
    return quoteattr(visible(str(text), newlines=False))


def clip(text: Any, limit: int) -> str:
    """A long text shortened for a picture (the full text stays in the title and the report)."""
    value = visible(str(text), newlines=False)
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def text_el(
    x: float,
    y: float,
    content: Any,
    *,
    size: int = 13,
    fill: str = INK,
    weight: str | None = None,
    anchor: str | None = None,
    extra: str = "",
) -> str:
    """A <text> element; the content is escaped here."""
    parts = [f'<text x="{num(x)}" y="{num(y)}" font-size="{size}" fill="{fill}"']
    if weight:
        parts.append(f' font-weight="{weight}"')
    if anchor:
        parts.append(f' text-anchor="{anchor}"')
    if extra:
        parts.append(f" {extra}")
    parts.append(f">{esc(content)}</text>")
    return "".join(parts)


def document(
    body: Sequence[str],
    width: int,
    height: int,
    title: str,
    desc: str,
    *,
    inline: bool,
    ident: str = "clarity",
) -> str:
    """Wrap elements in an <svg>: standalone with the XML declaration, or inline for HTML."""
    ns = "" if inline else ' xmlns="http://www.w3.org/2000/svg"'
    head = [] if inline else ['<?xml version="1.0" encoding="UTF-8"?>']
    head.append(
        f'<svg{ns} width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f"font-family={attr(FONT)}>"
    )
    head.append(f'<title id="{ident}-title">{esc(title)}</title>')
    head.append(f'<desc id="{ident}-desc">{esc(desc)}</desc>')
    head.append(f'<rect width="{width}" height="{height}" fill="#ffffff"/>')
    return "\n".join([*head, *body, "</svg>"]) + ("" if inline else "\n")


def score_bar(
    x: float, y: float, label: str, value: int | None, color: str, width: float = 200
) -> list[str]:
    """A score as a bar (none drawn for a score that could not be judged)."""
    if value is None:
        return [
            text_el(x, y, label, size=12, fill=MUTED),
            text_el(x, y + 15, "not judged", size=12, fill=MUTED),
        ]
    filled = clamp(value) / AXIS_MAX * width
    return [
        text_el(x, y, label, size=12, fill=MUTED),
        f'<rect x="{num(x)}" y="{num(y + 6)}" width="{num(width)}" height="10" fill="#e8eaed" rx="2"/>',
        f'<rect x="{num(x)}" y="{num(y + 6)}" width="{num(filled)}" height="10" fill="{color}" rx="2"/>',
        text_el(x + width + 8, y + 15, value, size=12, weight="bold"),
    ]


# -- the map ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MapPoint:
    x: float  # autonomy
    y: float  # accountability
    label: str  # a short name drawn beside it: clarity's own ("A", "1"), never user text
    tooltip: str  # shown on hover; escaped
    color: str = POINT_COLOR


def map_group(
    points: Sequence[MapPoint],
    *,
    left: float,
    top: float,
    size: float,
    path: bool = False,
    paths: Sequence[Sequence[int]] = (),
) -> list[str]:
    """The autonomy × accountability plane with its quadrants and the points on it.

    With ``path`` the points are joined in order; ``paths`` joins groups of them (by index,
    e.g. each perspective's checks in a history), in the colour of each group's first point.
    """

    def px(x: float) -> float:
        return left + clamp(x) / AXIS_MAX * size

    def py(y: float) -> float:
        return top + size - clamp(y) / AXIS_MAX * size

    half = size * QUADRANT_BOUNDARY / AXIS_MAX
    hit = {quadrant_of(p.x, p.y).id for p in points}
    out = ['<g class="map">']
    for quadrant in QUADRANTS:
        x = left + (half if quadrant.high_autonomy else 0)
        y = top + (0 if quadrant.high_accountability else half)
        w = (size - half) if quadrant.high_autonomy else half
        h = half if quadrant.high_accountability else size - half
        opacity = "1" if quadrant.id in hit else "0.55"
        out.append(
            f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" '
            f'fill="{QUADRANT_FILL[quadrant.id]}" fill-opacity="{opacity}"/>'
        )
        # Titles outside the frame (above it, or in the tick row below it), so no point
        # at the edge of the plane can cover them.
        ty = top - 8 if quadrant.high_accountability else top + size + 16
        out.append(
            text_el(
                x + w / 2,
                ty,
                quadrant.title,
                size=12,
                fill=INK if quadrant.id in hit else MUTED,
                weight="bold" if quadrant.id in hit else None,
                anchor="middle",
            )
        )
    out.append(
        f'<rect x="{num(left)}" y="{num(top)}" width="{num(size)}" height="{num(size)}" '
        f'fill="none" stroke="{MUTED}" stroke-width="1"/>'
    )
    mid_x, mid_y = px(QUADRANT_BOUNDARY), py(QUADRANT_BOUNDARY)
    out.append(
        f'<line x1="{num(mid_x)}" y1="{num(top)}" x2="{num(mid_x)}" y2="{num(top + size)}" '
        f'stroke="{MUTED}" stroke-dasharray="4 3"/>'
    )
    out.append(
        f'<line x1="{num(left)}" y1="{num(mid_y)}" x2="{num(left + size)}" y2="{num(mid_y)}" '
        f'stroke="{MUTED}" stroke-dasharray="4 3"/>'
    )
    for value in (0, QUADRANT_BOUNDARY, AXIS_MAX):
        out.append(text_el(px(value), top + size + 16, value, size=11, fill=MUTED, anchor="middle"))
        out.append(text_el(left - 6, py(value) + 4, value, size=11, fill=MUTED, anchor="end"))
    out.append(
        text_el(
            left + size / 2, top + size + 34, "autonomy →", size=12, fill=MUTED, anchor="middle"
        )
    )
    cx, cy = left - 34, top + size / 2
    out.append(
        text_el(
            cx,
            cy,
            "accountability →",
            size=12,
            fill=MUTED,
            anchor="middle",
            extra=f'transform="rotate(-90 {num(cx)} {num(cy)})"',
        )
    )
    lines = [list(range(len(points)))] if path else [list(run) for run in paths]
    for run in lines:
        if len(run) < 2:
            continue
        coords = " ".join(f"{num(px(points[i].x))},{num(py(points[i].y))}" for i in run)
        stroke = MUTED if path else points[run[0]].color
        out.append(
            f'<polyline points="{coords}" fill="none" stroke="{stroke}" stroke-width="1.5" '
            f'stroke-opacity="0.7" stroke-dasharray="5 3"/>'
        )
    for point in points:
        x, y = px(point.x), py(point.y)
        out.append(
            f'<circle cx="{num(x)}" cy="{num(y)}" r="7" fill="{point.color}" '
            f'stroke="#ffffff" stroke-width="2"><title>{esc(point.tooltip)}</title></circle>'
        )
        if point.label:
            lx = x - 10 if x > left + size - 24 else x + 10
            out.append(
                text_el(
                    lx,
                    y + 16 if y < top + 16 else y - 8,
                    point.label,
                    size=12,
                    fill=point.color,
                    weight="bold",
                    anchor="end" if x > left + size - 24 else "start",
                    extra='paint-order="stroke" stroke="#ffffff" stroke-width="3"',
                )
            )
    out.append("</g>")
    return out


def map_svg(
    points: Sequence[MapPoint],
    title: str,
    *,
    inline: bool = False,
    ident: str = "clarity-map",
    path: bool = False,
) -> str:
    """The map alone, as its own picture (inside an HTML report, or standalone)."""
    desc = (
        "; ".join(f"{p.tooltip} ({quadrant_of(p.x, p.y).title})" for p in points)
        or "The autonomy and accountability map."
    )
    body = map_group(points, left=60, top=30, size=300, path=path)
    return document(body, 380, 390, title, desc, inline=inline, ident=ident)
