"""The fast path gives exactly what the models give, or steps aside for them to explain."""

from __future__ import annotations

from typing import Any

import pytest

from clarity.core.models import Delegation, record_of
from clarity.core.reading.fastvalid import Refused, fast_record, fast_records

PLAIN = [
    {"task": "x", "constraints": "a; b", "agreed_upfront": "yes"},
    {
        "task": " Ship it ",
        "outcome": "",
        "checkpoints": ["", "Monday"],
        "can_fail_differently": "off",
    },
    {"task": "y", "decides_alone": None, "deadline": "Friday"},
]


@pytest.mark.parametrize("raw", PLAIN)
def test_a_plain_record_is_what_the_models_give(raw: dict[str, Any]) -> None:
    assert fast_record(raw) == record_of(Delegation.model_validate(raw))


@pytest.mark.parametrize(
    "raw",
    [
        {"task": ""},
        {"task": "x", "agreed_upfront": "maybe"},
        {"task": "x", "outcom": "typo"},
        {"task": "x", "constraints": [["nested"]]},
        {"task": 3},
        "not a mapping",
    ],
)
def test_anything_unusual_steps_aside(raw: Any) -> None:
    with pytest.raises(Refused):
        fast_record(raw)


def test_a_whole_charter_or_none() -> None:
    assert fast_records({"team": "T", "delegations": [{"task": "x"}]}) == (
        "T",
        [record_of(Delegation(task="x"))],
    )
    assert fast_records({"team": "T", "delegations": [{"task": "x", "bad": 1}]}) is None
