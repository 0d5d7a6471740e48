"""A task's checks over time as plain data: what every history renderer draws."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from clarity.core.state.journal import Entry

HISTORY_VERSION = 1
SCORES: tuple[str, ...] = ("autonomy", "accountability")


def entry_data(entry: Entry) -> dict[str, Any]:
    """One saved check, JSON-ready."""
    return {
        "id": entry.id,
        "date": entry.created_at,
        "task": entry.task,
        "perspective": entry.perspective,
        "verdict": entry.verdict,
        "scores": {"autonomy": entry.autonomy, "accountability": entry.accountability},
        "findings": [dict(f) for f in entry.findings],
        "pack": {"name": entry.pack_name, "version": entry.pack_version},
        "session": entry.session,
    }


def trend_data(entries: Sequence[Entry]) -> list[dict[str, Any]]:
    """Both scores over the review dates, one series per perspective (leader first).

    A leader's and a report's view of one task differ, and the gap is the point; drawing them
    as one line would hide it, so each view is its own series.
    """
    series = []
    for view in sorted({e.perspective for e in entries}, key=_view_order):
        points: list[dict[str, Any]] = [
            {
                "id": e.id,
                "date": e.created_at,
                "verdict": e.verdict,
                "autonomy": e.autonomy,
                "accountability": e.accountability,
            }
            for e in entries
            if e.perspective == view
        ]
        # Each score's first and last judged value (a check may not have judged one: None).
        judged = {k: [p[k] for p in points if p[k] is not None] for k in SCORES}
        first = {k: v[0] if v else None for k, v in judged.items()}
        last = {k: v[-1] if v else None for k, v in judged.items()}
        series.append(
            {
                "perspective": view,
                "points": points,
                "first": first,
                "last": last,
                "change": {k: _change(first[k], last[k]) for k in SCORES},
            }
        )
    return series


def _change(first: int | None, last: int | None) -> int | None:
    return None if first is None or last is None else last - first


def _view_order(view: str) -> tuple[int, str]:
    return ({"leader": 0, "report": 1}.get(view, 2), view)


def history_data(entries: Sequence[Entry]) -> dict[str, Any]:
    """One task's checks, oldest first, and the trend of both scores (the JSON format)."""
    tasks = list(dict.fromkeys(e.task for e in entries))
    return {
        "version": HISTORY_VERSION,
        "task": tasks[0] if len(tasks) == 1 else None,
        "checks": len(entries),
        "entries": [entry_data(e) for e in entries],
        "trend": trend_data(entries),
    }


def tasks_data(entries: Sequence[Entry]) -> dict[str, Any]:
    """Every task in the journal: its number of checks and its latest check."""
    latest: dict[str, Entry] = {}
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.task] = counts.get(entry.task, 0) + 1
        latest[entry.task] = entry
    rows: list[dict[str, Any]] = [
        {
            "task": task,
            "checks": counts[task],
            "latest": {
                "id": entry.id,
                "date": entry.created_at,
                "perspective": entry.perspective,
                "verdict": entry.verdict,
                "scores": {"autonomy": entry.autonomy, "accountability": entry.accountability},
            },
        }
        for task, entry in latest.items()
    ]
    rows.sort(key=lambda row: -int(row["latest"]["id"]))
    return {"version": HISTORY_VERSION, "tasks": rows}


def find_task(wanted: str, known: Sequence[str]) -> str | None:
    """The task a user means: exact, else the one equal ignoring case and spacing."""
    if wanted in known:
        return wanted
    key = " ".join(wanted.split()).casefold()
    matches = [task for task in known if " ".join(task.split()).casefold() == key]
    return matches[0] if len(matches) == 1 else None
