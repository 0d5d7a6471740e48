"""Pictures as hand-written SVG: the delegation map, and the check, compare and history reports.

Every text goes through :func:`esc` (or :func:`attr`): control and bidi characters become
visible escapes, then XML specials are escaped, so the file is valid XML whatever the answers
say. Standalone pictures carry a ``<title>`` and ``<desc>``; inline ones (inside HTML) drop
the XML declaration and namespace.
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


def score_bar(
    x: float, y: float, label: str, value: int, color: str, width: float = 200
) -> list[str]:
    filled = clamp(value) / AXIS_MAX * width
    return [
        text_el(x, y, label, size=12, fill=MUTED),
        f'<rect x="{num(x)}" y="{num(y + 6)}" width="{num(width)}" height="10" fill="#e8eaed" rx="2"/>',
        f'<rect x="{num(x)}" y="{num(y + 6)}" width="{num(filled)}" height="10" fill="{color}" rx="2"/>',
        text_el(x + width + 8, y + 15, value, size=12, weight="bold"),
    ]


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


# -- clarity check ----------------------------------------------------------------------


def check_svg(data: dict[str, Any], *, inline: bool = False, ident: str = "clarity-check") -> str:
    """The check report as a picture: the map, the verdict and the scores."""
    scores = data["scores"]
    point = data.get("map") or {"x": scores["autonomy"], "y": scores["accountability"]}
    quadrant = quadrant_of(point["x"], point["y"])
    verdict = data["verdict"]
    view = "leader's view" if data["perspective"] == "leader" else "report's view"
    title = f"Clarity check: {data['task']}. Verdict: {verdict} ({data['verdict_title']})"
    desc = (
        f"The delegation on the autonomy and accountability map: {quadrant.title} "
        f"(autonomy {scores['autonomy']}, accountability {scores['accountability']})."
    )
    body = [
        text_el(24, 32, f"Clarity check: {clip(data['task'], 70)}", size=18, weight="bold"),
        text_el(
            24,
            54,
            f"{view} · rule pack {data['pack']['name']} {data['pack']['version']}",
            size=12,
            fill=MUTED,
        ),
    ]
    body += map_group(
        [
            MapPoint(
                point["x"],
                point["y"],
                "",
                f"{quadrant.title}: autonomy {point['x']}, accountability {point['y']}",
            )
        ],
        left=70,
        top=80,
        size=300,
    )
    x = 410
    body.append(text_el(x, 96, "Verdict", size=12, fill=MUTED))
    body.append(text_el(x, 120, verdict, size=20, weight="bold", fill=VERDICT_COLOR[verdict]))
    body.append(text_el(x, 140, data["verdict_title"], size=13))
    body += score_bar(x, 172, "Autonomy", scores["autonomy"], AUTONOMY_COLOR)
    body += score_bar(x, 210, "Accountability", scores["accountability"], ACCOUNTABILITY_COLOR)
    y = 254
    if scores.get("autonomy_outruns_accountability"):
        body.append(
            text_el(
                x,
                y,
                "Autonomy outruns accountability",
                size=12,
                weight="bold",
                fill=VERDICT_COLOR["both"],
            )
        )
        y += 22
    body.append(text_el(x, y, "Map", size=12, fill=MUTED))
    body.append(text_el(x, y + 18, quadrant.title, size=14, weight="bold"))
    findings = data.get("findings", [])
    counts = {
        s: sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning", "info")
    }
    summary = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
    body.append(text_el(x, y + 46, "Findings", size=12, fill=MUTED))
    body.append(text_el(x, y + 64, summary or "none", size=13))
    return document(body, 680, 440, title, desc, inline=inline, ident=ident)


# -- clarity compare --------------------------------------------------------------------


def compare_svg(
    data: dict[str, Any], *, inline: bool = False, ident: str = "clarity-compare"
) -> str:
    """Two answer sets on one map, their verdicts and scores, and where they disagree most."""
    sides = [data["a"], data["b"]]
    title = (
        f"Clarity compare: {data['task']}. {sides[0]['label']}: {sides[0]['verdict']}; "
        f"{sides[1]['label']}: {sides[1]['verdict']}"
    )
    desc = "; ".join(
        f"{s['label']}: autonomy {s['scores']['autonomy']}, accountability "
        f"{s['scores']['accountability']}, {quadrant_of(s['map']['x'], s['map']['y']).title}"
        for s in sides
    )
    points = [
        MapPoint(
            s["map"]["x"],
            s["map"]["y"],
            s["label"],
            f"{s['label']}: autonomy {s['map']['x']}, accountability {s['map']['y']}",
            color,
        )
        for s, color in zip(sides, SIDE_COLORS, strict=True)
    ]
    body = [
        text_el(24, 32, f"Clarity compare: {clip(data['task'], 66)}", size=18, weight="bold"),
        text_el(
            24,
            54,
            f"{sides[0]['label']} and {sides[1]['label']} · rule pack "
            f"{data['pack']['name']} {data['pack']['version']}",
            size=12,
            fill=MUTED,
        ),
    ]
    body += map_group(points, left=70, top=80, size=300, path=True)
    x, y = 410, 92
    for side, color in zip(sides, SIDE_COLORS, strict=True):
        body.append(text_el(x, y, side["label"], size=14, weight="bold", fill=color))
        body.append(text_el(x + 70, y, clip(side["source"], 34), size=11, fill=MUTED))
        body.append(
            text_el(
                x,
                y + 20,
                f"{side['verdict']} · {clip(side['verdict_title'], 36)}",
                size=12,
                fill=VERDICT_COLOR[side["verdict"]],
                weight="bold",
            )
        )
        body.append(
            text_el(
                x,
                y + 38,
                f"autonomy {side['scores']['autonomy']} · accountability "
                f"{side['scores']['accountability']}",
                size=12,
            )
        )
        y += 64
    body.append(text_el(x, y, "Where they disagree most", size=13, weight="bold"))
    y += 20
    if not data["disagree_most"]:
        body.append(text_el(x, y, "Nowhere: every graded answer is the same.", size=12))
    for item in data["disagree_most"]:
        band = item["band"]
        body.append(text_el(x, y, band, size=12, weight="bold", fill=BAND_COLOR[band]))
        body.append(text_el(x + 64, y, clip(item["label"], 44), size=12))
        body.append(
            text_el(
                x + 64,
                y + 15,
                f"{clip(item['a'], 14)} vs {clip(item['b'], 14)} · {item['direction']}",
                size=11,
                fill=MUTED,
            )
        )
        y += 34
    height = max(440, int(y) + 10)
    return document(body, 760, height, title, desc, inline=inline, ident=ident)


# -- clarity history --------------------------------------------------------------------

VIEW_COLORS = {"leader": SIDE_COLORS[0], "report": SIDE_COLORS[1]}
VIEW_DASH = {"leader": "", "report": "6 4"}


def entry_scores(entry: dict[str, Any]) -> tuple[int, int]:
    """A history entry's (autonomy, accountability)."""
    scores = entry.get("scores") if isinstance(entry.get("scores"), dict) else entry
    assert isinstance(scores, dict)
    return int(scores["autonomy"]), int(scores["accountability"])


def series_of(data: dict[str, Any]) -> list[tuple[str, list[int]]]:
    """Each perspective's checks as positions in the entries, oldest first (leader first)."""
    entries = list(data.get("entries") or [])
    views: dict[str, list[int]] = {}
    for i, entry in enumerate(entries):
        views.setdefault(str(entry.get("perspective") or ""), []).append(i)
    order = {"leader": 0, "report": 1}
    return sorted(views.items(), key=lambda kv: (order.get(kv[0], 2), kv[0]))


def day(entry: dict[str, Any]) -> str:
    """The date of a check (the day of its ISO timestamp)."""
    return str(entry.get("date") or "")[:10]


def trend_group(
    data: dict[str, Any], *, left: float, top: float, width: float, height: float
) -> list[str]:
    """Both scores over the checks, oldest first: one line per score and perspective."""
    entries = list(data.get("entries") or [])
    series = series_of(data)
    count = len(entries)
    out = ['<g class="trend">']
    for value in (0, QUADRANT_BOUNDARY, AXIS_MAX):
        y = top + height - value / AXIS_MAX * height
        dash = "" if value in (0, AXIS_MAX) else ' stroke-dasharray="4 3"'
        out.append(
            f'<line x1="{num(left)}" y1="{num(y)}" x2="{num(left + width)}" y2="{num(y)}" '
            f'stroke="#dadce0"{dash}/>'
        )
        out.append(text_el(left - 6, y + 4, value, size=11, fill=MUTED, anchor="end"))

    def px(i: int) -> float:
        return left + (width / 2 if count == 1 else i * width / (count - 1))

    def py(value: float) -> float:
        return top + height - clamp(value) / AXIS_MAX * height

    for view, positions in series:
        dash = VIEW_DASH.get(view, "2 3")
        for axis, color in ((0, AUTONOMY_COLOR), (1, ACCOUNTABILITY_COLOR)):
            name = ("autonomy", "accountability")[axis]
            coords = " ".join(
                f"{num(px(i))},{num(py(entry_scores(entries[i])[axis]))}" for i in positions
            )
            if len(positions) > 1:
                dashed = f' stroke-dasharray="{dash}"' if dash else ""
                out.append(
                    f'<polyline class="{name}" points="{coords}" fill="none" stroke="{color}" '
                    f'stroke-width="2.5"{dashed}/>'
                )
            for i in positions:
                value = entry_scores(entries[i])[axis]
                fill = color if not dash else "#ffffff"
                out.append(
                    f'<circle cx="{num(px(i))}" cy="{num(py(value))}" r="4" fill="{fill}" '
                    f'stroke="{color}" stroke-width="2"><title>{esc(i + 1)}. {esc(day(entries[i]))}'
                    f" {esc(view)}: {name} {value}</title></circle>"
                )
    step = max(1, (count + 5) // 6)  # about six labels at most
    for i, entry in enumerate(entries):
        if i % step and i != count - 1:
            continue
        out.append(
            text_el(
                px(i), top + height + 16, i + 1, size=11, fill=MUTED, anchor="middle", weight="bold"
            )
        )
        out.append(
            text_el(
                px(i), top + height + 30, clip(day(entry), 10), size=10, fill=MUTED, anchor="middle"
            )
        )
    legend_y = top + height + 52
    keys = [("autonomy", AUTONOMY_COLOR, ""), ("accountability", ACCOUNTABILITY_COLOR, "")]
    if len(series) > 1:
        keys += [(view, MUTED, VIEW_DASH.get(view, "2 3")) for view, _ in series]
    for i, (label, color, dash) in enumerate(keys):
        lx = left + (i % 2) * 150
        ly = legend_y + (i // 2) * 18
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{num(lx)}" y1="{num(ly - 4)}" x2="{num(lx + 18)}" y2="{num(ly - 4)}" '
            f'stroke="{color}" stroke-width="2.5"{dashed}/>'
        )
        out.append(text_el(lx + 24, ly, label, size=12))
    out.append("</g>")
    return out


def history_svg(
    data: dict[str, Any], *, inline: bool = False, ident: str = "clarity-history"
) -> str:
    """The checks of a task over time: the trend of both scores, and each check on the map."""
    entries = list(data.get("entries") or [])
    task = data.get("task") or "several tasks"
    count = len(entries)
    plural = "" if count == 1 else "s"
    last = entries[-1] if entries else None
    title = f"Clarity history: {task}. {count} check{plural}"
    if last:
        title += f"; latest verdict: {last['verdict']}"
    desc = (
        "; ".join(
            f"{i + 1}. {day(e)} {e.get('perspective')}: {e['verdict']}, autonomy "
            f"{entry_scores(e)[0]}, accountability {entry_scores(e)[1]}"
            for i, e in enumerate(entries)
        )
        or "No checks saved."
    )
    body = [
        text_el(24, 32, f"Clarity history: {clip(task, 66)}", size=18, weight="bold"),
        text_el(
            24,
            54,
            f"{count} check{plural}" + (f" · latest verdict {last['verdict']}" if last else ""),
            size=12,
            fill=MUTED,
        ),
    ]
    body.append(text_el(24, 92, "Scores over time", size=13, weight="bold"))
    if entries:
        body += trend_group(data, left=60, top=110, width=300, height=200)
    else:
        body.append(text_el(60, 120, "No checks saved yet.", size=12))
    body.append(text_el(420, 92, "On the map", size=13, weight="bold"))
    points = [
        MapPoint(
            *entry_scores(e),
            str(i + 1),
            f"{i + 1}. {day(e)} {e.get('perspective')}: {e['verdict']}",
            VIEW_COLORS.get(str(e.get("perspective")), POINT_COLOR),
        )
        for i, e in enumerate(entries)
    ]
    paths = [positions for _, positions in series_of(data)]
    body += map_group(points, left=460, top=124, size=240, paths=paths)
    return document(body, 740, 440, title, desc, inline=inline, ident=ident)


def render_history_svg(data: dict[str, Any]) -> str:
    """``clarity history --format svg``: a task's trend and map; without a task, each task's
    latest check on the map."""
    if "tasks" not in data:
        return history_svg(data)
    rows = list(data.get("tasks") or [])
    points = [
        MapPoint(*entry_scores(row["latest"]), str(n), f"{n}. {row['task']}")
        for n, row in enumerate(rows, start=1)
    ]
    title = f"Clarity history: the latest check of {len(rows)} task{'' if len(rows) == 1 else 's'}"
    body = [text_el(24, 32, "Clarity history: every task", size=18, weight="bold")]
    body += map_group(points, left=70, top=80, size=300)
    y = 92.0
    for n, row in enumerate(rows[:16], start=1):
        latest = row["latest"]
        body.append(text_el(410, y, n, size=12, weight="bold", fill=POINT_COLOR, anchor="end"))
        body.append(text_el(418, y, clip(row["task"], 40), size=12))
        body.append(
            text_el(418, y + 14, f"{latest['verdict']} · {day(latest)}", size=11, fill=MUTED)
        )
        y += 32
    if len(rows) > 16:
        body.append(text_el(418, y, f"and {len(rows) - 16} more", size=11, fill=MUTED))
    return document(
        body, 720, max(440, int(y) + 20), title, title, inline=False, ident="clarity-history"
    )
