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
