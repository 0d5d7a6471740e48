"""The autonomy × accountability map: four quadrants, 50 as the boundary, scores kept on the axis."""

from __future__ import annotations

import pytest

from clarity.core.scoring.quadrants import QUADRANT_BY_ID, QUADRANTS, clamp, map_point, quadrant_of


@pytest.mark.parametrize(
    ("autonomy", "accountability", "quadrant"),
    [
        (100, 100, "in-harmony"),
        (50, 50, "in-harmony"),  # the boundary counts as high
        (49, 50, "micromanagement"),
        (50, 49, "abandonment"),
        (0, 0, "neglect"),
        (140, -20, "abandonment"),  # off the axis: clamped first
    ],
)
def test_each_score_pair_falls_in_one_quadrant(
    autonomy: float, accountability: float, quadrant: str
) -> None:
    assert quadrant_of(autonomy, accountability).id == quadrant


def test_the_four_quadrants_cover_the_plane_once() -> None:
    corners = {(q.high_autonomy, q.high_accountability) for q in QUADRANTS}
    assert len(QUADRANTS) == len(corners) == 4
    assert QUADRANT_BY_ID["neglect"].title == "Neglect"


def test_clamp_and_the_map_entry_of_a_report() -> None:
    assert (clamp(-5), clamp(55.5), clamp(250)) == (0.0, 55.5, 100.0)
    assert map_point(95, 20) == {"x": 95, "y": 20, "quadrant": "abandonment"}
