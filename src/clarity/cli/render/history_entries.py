"""The entries of ``clarity history`` as every report format reads them: each check's scores,
day and number of findings, the checks of each perspective, and how the scores moved."""

from __future__ import annotations

from typing import Any


def entry_scores(entry: dict[str, Any]) -> tuple[int | None, int | None]:
    """A history entry's (autonomy, accountability); None for a score not judged."""
    scores = entry.get("scores") if isinstance(entry.get("scores"), dict) else entry
    assert isinstance(scores, dict)
    return _score(scores["autonomy"]), _score(scores["accountability"])


def _score(value: Any) -> int | None:
    return None if value is None else int(value)


def on_map(entry: dict[str, Any]) -> tuple[int, int] | None:
    """A check's point on the map, or None when a score could not be judged."""
    autonomy, accountability = entry_scores(entry)
    if autonomy is None or accountability is None:
        return None
    return autonomy, accountability


def place(entry: dict[str, Any]) -> str:
    """A check's quadrant, or that it is not on the map."""
    from clarity.core.scoring.quadrants import map_point
    from clarity.core.scoring.quadrants import place as place_of

    return place_of(map_point(*entry_scores(entry)))


def mapped(entries: list[dict[str, Any]]) -> list[int]:
    """The positions of the entries that have a point on the map."""
    return [i for i, entry in enumerate(entries) if on_map(entry) is not None]


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


def finding_count(entry: dict[str, Any]) -> int:
    """How many findings a check had (a list of them, or their number)."""
    findings = entry.get("findings")
    if isinstance(findings, (list, tuple)):
        return len(findings)
    return int(findings or 0)


def trend_sentences(data: dict[str, Any]) -> list[str]:
    """For each perspective with two checks or more (the history's ``trend``): how both scores
    moved from the first judged to the latest judged, where two checks judged them."""
    out = []
    for series in data.get("trend") or []:
        points = series["points"]
        if len(points) < 2:
            continue
        moves = [
            f"{name} {series['first'][name]} → {series['last'][name]} "
            f"({'+' if series['change'][name] > 0 else ''}{series['change'][name]})"
            for name in ("autonomy", "accountability")
            if sum(p[name] is not None for p in points) >= 2
        ]
        if not moves:
            continue
        out.append(
            f"{series['perspective'].capitalize() or 'Checks'}, {len(points)} checks from the "
            f"first to the latest: {', '.join(moves)}; verdict {points[0]['verdict']} → "
            f"{points[-1]['verdict']}."
        )
    return out
