"""Words every compare report shares: a gap with its unit, and the note on the bands."""

from __future__ import annotations

from typing import Any


def gap_text(item: dict[str, Any]) -> str:
    """How far apart two graded answers are, with its unit ("2 steps", "1 point"); empty when
    they cannot be compared."""
    gap = item["gap"]
    if gap is None:
        return ""
    unit = "point" if item["scale"] == "points" else "step"
    return f"{gap} {unit}{'' if gap == 1 else 's'}"


def bands_note(data: dict[str, Any]) -> str:
    """The note under the graded answers: what each band means and how the signs count."""
    t = data["thresholds"]
    return (
        f"Bands: aligned up to {t['steps']['aligned']} step or {t['points']['aligned']} points "
        f"apart, moderate up to {t['steps']['moderate']} steps or {t['points']['moderate']} "
        "points, high beyond. The signs run never, rarely, sometimes, often, always (0 to 4; "
        "not answered counts as never); yes counts as 4 and no as 0."
    )
