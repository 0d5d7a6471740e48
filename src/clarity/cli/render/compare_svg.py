"""``clarity compare --format svg``: two answer sets on one map, and where they disagree most."""

from __future__ import annotations

from typing import Any

from clarity.cli.render.svg import (
    BAND_COLOR,
    MUTED,
    SIDE_COLORS,
    VERDICT_COLOR,
    MapPoint,
    clip,
    document,
    map_group,
    text_el,
)
from clarity.core.record import answer_text
from clarity.core.scoring import shown_score
from clarity.core.scoring.quadrants import place


def side_points(a: dict[str, Any], b: dict[str, Any]) -> list[MapPoint]:
    """The two sides of a comparison as points on the map (the picture's and the page's)."""
    return [
        MapPoint(
            s["map"]["x"],
            s["map"]["y"],
            s["label"],
            f"{s['label']}: autonomy {s['map']['x']}, accountability {s['map']['y']}",
            color,
        )
        for s, color in zip((a, b), SIDE_COLORS, strict=True)
        if s.get("map")  # (a side with a score that could not be judged has no point)
    ]


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
        f"{s['label']}: autonomy {shown_score(s['scores']['autonomy'])}, accountability "
        f"{shown_score(s['scores']['accountability'])}, {place(s.get('map'))}"
        for s in sides
    )
    points = side_points(sides[0], sides[1])
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
                f"autonomy {shown_score(side['scores']['autonomy'])} · accountability "
                f"{shown_score(side['scores']['accountability'])}",
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
                f"{clip(answer_text(item['a']), 14)} vs {clip(answer_text(item['b']), 14)}"
                f" · {item['direction']}",
                size=11,
                fill=MUTED,
            )
        )
        y += 34
    height = max(440, int(y) + 10)
    return document(body, 760, height, title, desc, inline=inline, ident=ident)
