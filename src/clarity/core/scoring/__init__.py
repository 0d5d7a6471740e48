"""From a delegation record to findings, scores and a verdict, and the values reports are drawn from."""

from __future__ import annotations

#: How a score that could not be judged is shown: none of its axis's questions was answered
#: (unknown, not failed).
NOT_JUDGED = "not judged"
#: Why a report has no point on the map: a point needs both scores.
NOT_ON_MAP = "a score that could not be judged has no place on it."


def shown_score(value: int | None) -> str:
    """A score as a report shows it: the number, or ``NOT_JUDGED``."""
    return NOT_JUDGED if value is None else str(value)


def partial_verdict(scores: dict[str, int | None]) -> str | None:
    """What a verdict covers when a score could not be judged (None when both were)."""
    missing = [axis for axis in ("autonomy", "accountability") if scores.get(axis) is None]
    if not missing:
        return None
    if len(missing) == 2:
        return "Neither score could be judged: the verdict covers only what was answered."
    other = "accountability" if missing[0] == "autonomy" else "autonomy"
    return (
        f"{missing[0].capitalize()} could not be judged (none of its questions was answered): "
        f"the verdict covers {other} only."
    )
