"""``clarity check --format svg``: the map, the verdict and the scores as one picture."""

from __future__ import annotations

from typing import Any

from clarity.cli.render.svg import (
    ACCOUNTABILITY_COLOR,
    AUTONOMY_COLOR,
    MUTED,
    VERDICT_COLOR,
    MapPoint,
    clip,
    document,
    map_group,
    score_bar,
    text_el,
)
from clarity.core.scoring import NOT_ON_MAP, shown_score
from clarity.core.scoring.quadrants import place, quadrant_of


def check_svg(data: dict[str, Any], *, inline: bool = False, ident: str = "clarity-check") -> str:
    """The check report as a picture: the map, the verdict and the scores."""
    scores = data["scores"]
    point = data.get("map")
    quadrant = quadrant_of(point["x"], point["y"]) if point else None
    verdict = data["verdict"]
    view = "leader's view" if data["perspective"] == "leader" else "report's view"
    title = f"Clarity check: {data['task']}. Verdict: {verdict} ({data['verdict_title']})"
    said = (
        f"autonomy {shown_score(scores['autonomy'])}, "
        f"accountability {shown_score(scores['accountability'])}"
    )
    desc = (
        f"The delegation on the autonomy and accountability map: {quadrant.title} ({said})."
        if quadrant
        else f"The delegation is not on the map ({said}): {NOT_ON_MAP}"
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
        ]
        if point and quadrant
        else [],
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
    body.append(text_el(x, y + 18, place(point), size=14, weight="bold"))
    findings = data.get("findings", [])
    counts = {
        s: sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning", "info")
    }
    summary = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
    body.append(text_el(x, y + 46, "Findings", size=12, fill=MUTED))
    body.append(text_el(x, y + 64, summary or "none", size=13))
    return document(body, 680, 440, title, desc, inline=inline, ident=ident)
