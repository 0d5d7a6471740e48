"""``clarity history --format svg``: both scores over time, and each check on the map."""

from __future__ import annotations

from typing import Any

from clarity.cli.render.history_entries import day, entry_scores, mapped, on_map, series_of
from clarity.cli.render.svg import (
    ACCOUNTABILITY_COLOR,
    AUTONOMY_COLOR,
    MUTED,
    POINT_COLOR,
    SIDE_COLORS,
    MapPoint,
    clip,
    document,
    esc,
    map_group,
    num,
    text_el,
)
from clarity.core.scoring import shown_score
from clarity.core.scoring.quadrants import AXIS_MAX, QUADRANT_BOUNDARY, clamp

VIEW_COLORS = {"leader": SIDE_COLORS[0], "report": SIDE_COLORS[1]}
VIEW_DASH = {"leader": "", "report": "6 4"}


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
            # (a score not judged has no point: the line joins the checks that have one)
            judged = [
                (i, found)
                for i in positions
                if (found := entry_scores(entries[i])[axis]) is not None
            ]
            coords = " ".join(f"{num(px(i))},{num(py(value))}" for i, value in judged)
            if len(judged) > 1:
                dashed = f' stroke-dasharray="{dash}"' if dash else ""
                out.append(
                    f'<polyline class="{name}" points="{coords}" fill="none" stroke="{color}" '
                    f'stroke-width="2.5"{dashed}/>'
                )
            for i, value in judged:
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
            f"{shown_score(entry_scores(e)[0])}, accountability {shown_score(entry_scores(e)[1])}"
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
    # Only the checks with both scores are on the map; the paths join them by their place.
    shown = mapped(entries)
    where = {i: n for n, i in enumerate(shown)}
    points = [
        MapPoint(
            *point,
            str(i + 1),
            f"{i + 1}. {day(entries[i])} {entries[i].get('perspective')}: {entries[i]['verdict']}",
            VIEW_COLORS.get(str(entries[i].get("perspective")), POINT_COLOR),
        )
        for i in shown
        if (point := on_map(entries[i]))
    ]
    paths = [[where[i] for i in positions if i in where] for _, positions in series_of(data)]
    body += map_group(points, left=460, top=124, size=240, paths=paths)
    return document(body, 740, 440, title, desc, inline=inline, ident=ident)


def render_history_svg(data: dict[str, Any]) -> str:
    """``clarity history --format svg``: a task's trend and map; without a task, each task's
    latest check on the map."""
    if "tasks" not in data:
        return history_svg(data)
    rows = list(data.get("tasks") or [])
    points = [
        MapPoint(*point, str(n), f"{n}. {row['task']}")
        for n, row in enumerate(rows, start=1)
        if (point := on_map(row["latest"]))
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
