"""The delegation map: autonomy (x) against accountability (y), 0 to 100, in four quadrants.

Pure data: where a delegation sits and what that quadrant is called. The shell draws it (a
character grid in the terminal, SVG in files and inside HTML).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: A score at or above this is "high" on its axis; below it is "low".
QUADRANT_BOUNDARY = 50
#: The ends of both axes.
AXIS_MIN = 0
AXIS_MAX = 100


@dataclass(frozen=True)
class Quadrant:
    id: str
    title: str
    meaning: str
    high_autonomy: bool
    high_accountability: bool


#: The four quadrants, named from the source texts, in drawing order (top left, top right,
#: bottom left, bottom right).
QUADRANTS: tuple[Quadrant, ...] = (
    Quadrant(
        "micromanagement",
        "Micromanagement",
        "Held accountable for the result but not free to choose how: delegation with a side "
        "of anxiety.",
        high_autonomy=False,
        high_accountability=True,
    ),
    Quadrant(
        "in-harmony",
        "In harmony",
        "Freedom within a framework: autonomy and accountability are both clearly defined and "
        "working together.",
        high_autonomy=True,
        high_accountability=True,
    ),
    Quadrant(
        "neglect",
        "Neglect",
        "Neither the freedom nor the result is defined: nobody is really in charge of it.",
        high_autonomy=False,
        high_accountability=False,
    ),
    Quadrant(
        "abandonment",
        "Abandonment",
        "Free to act, with no success measure and no guardrails: that is not empowerment, it "
        "is abandonment.",
        high_autonomy=True,
        high_accountability=False,
    ),
)
QUADRANT_BY_ID: dict[str, Quadrant] = {q.id: q for q in QUADRANTS}


def clamp(value: float) -> float:
    """A score kept on the axis."""
    return max(float(AXIS_MIN), min(float(AXIS_MAX), float(value)))


def is_high(value: float) -> bool:
    return clamp(value) >= QUADRANT_BOUNDARY


def quadrant_of(autonomy: float, accountability: float) -> Quadrant:
    """The quadrant a delegation falls in (a score on the boundary counts as high)."""
    high_x, high_y = is_high(autonomy), is_high(accountability)
    for quadrant in QUADRANTS:
        if quadrant.high_autonomy == high_x and quadrant.high_accountability == high_y:
            return quadrant
    raise AssertionError("unreachable: the four quadrants cover the plane")


#: What a report says in place of a quadrant when it has no point on the map.
OFF_MAP = "not on the map"


def place(point: dict[str, Any] | None) -> str:
    """The title of a map point's quadrant (see ``map_point``), or ``OFF_MAP``."""
    return QUADRANT_BY_ID[point["quadrant"]].title if point else OFF_MAP


def map_point(autonomy: int | None, accountability: int | None) -> dict[str, Any] | None:
    """The map entry of a report: ``{"x": autonomy, "y": accountability, "quadrant": id}``;
    None when either score could not be judged (a point needs both)."""
    if autonomy is None or accountability is None:
        return None
    return {
        "x": autonomy,
        "y": accountability,
        "quadrant": quadrant_of(autonomy, accountability).id,
    }
