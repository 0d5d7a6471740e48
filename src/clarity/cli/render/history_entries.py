"""The entries of ``clarity history`` as every report format reads them: each check's scores,
day and number of findings, the checks of each perspective, and how the scores moved."""

from __future__ import annotations

from typing import Any


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


def finding_count(entry: dict[str, Any]) -> int:
    """How many findings a check had (a list of them, or their number)."""
    findings = entry.get("findings")
    if isinstance(findings, (list, tuple)):
        return len(findings)
    return int(findings or 0)


def trend_sentences(data: dict[str, Any]) -> list[str]:
    """For each perspective with two checks or more: how both scores moved, first to latest."""
    entries = list(data.get("entries") or [])
    out = []
    for view, positions in series_of(data):
        if len(positions) < 2:
            continue
        first, last = entries[positions[0]], entries[positions[-1]]
        moves = []
        for axis, name in enumerate(("autonomy", "accountability")):
            a, b = entry_scores(first)[axis], entry_scores(last)[axis]
            moves.append(f"{name} {a} → {b} ({'+' if b > a else ''}{b - a})")
        out.append(
            f"{view.capitalize() or 'Checks'}, {len(positions)} checks from the first to the "
            f"latest: {', '.join(moves)}; verdict {first['verdict']} → {last['verdict']}."
        )
    return out
