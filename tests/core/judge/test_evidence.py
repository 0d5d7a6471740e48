"""Structural markers of a normalized text: numbers, thresholds, conditions, who speaks."""

from __future__ import annotations

import math

import pytest

from clarity.core.judge.evidence import FEATURES, MARKERS, markers


def marked(text: str) -> set[str]:
    return {name for name, value in zip(MARKERS, markers(text), strict=False) if value}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("spend stay under 4000 eur", {"number", "threshold"}),
        ("25 % few ticket", {"number", "percent"}),
        ("every change need approval", {"universal"}),
        ("if the launch slip we escalate", {"condition", "contingent", "speaker"}),
        ("you decide whether to skip it", {"choice", "addressee"}),
        ("make it nice", set()),
    ],
)
def test_each_marker_reads_one_piece_of_structure(text: str, expected: set[str]) -> None:
    assert marked(text) == expected


def test_the_last_feature_is_the_length_in_log_words() -> None:
    values = markers("one two three")
    assert len(values) == FEATURES == len(MARKERS) + 1
    assert values[-1] == pytest.approx(math.log1p(3))
