"""pydantic's errors as clarity's: one line naming file:line:col, the key, and what to do."""

from __future__ import annotations

import pytest

from clarity.core.errors import ClarityError
from clarity.core.models import Delegation
from clarity.core.reading.records import RecordError
from clarity.core.reading.validation import key_label, unlocated, validate
from clarity.core.reading.yamlsafe import load_yaml


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "task: x\noutcom: y\n",
            "a.yaml:2:1: outcom: unknown key 'outcom'; did you mean 'outcome'?",
        ),
        (
            "task: x\nagreed_upfront: maybe\n",
            "a.yaml:2:17: agreed_upfront: expected yes or no, got 'maybe'; answer yes or no",
        ),
        (
            "task: x\nconstraints:\n  - a\n  - [b]\n",
            "a.yaml:4:5: constraints[1]: expected text, got a list; write it as text",
        ),
    ],
)
def test_a_model_error_points_at_the_value_or_the_key(text: str, expected: str) -> None:
    with pytest.raises(ClarityError) as caught:
        validate(Delegation, load_yaml(text, "a.yaml"))
    assert str(caught.value) == expected


def test_a_valid_document_gives_the_model() -> None:
    assert validate(Delegation, load_yaml("task: x\n", "a.yaml")) == Delegation(task="x")


def test_data_without_positions_names_its_source() -> None:
    with pytest.raises(RecordError) as caught:
        Delegation.validate({"task": "x", "deadlin": "y"})
    error = unlocated(caught.value, Delegation, "--set")
    assert str(error) == "--set: deadlin: unknown key 'deadlin'; did you mean 'deadline'?"


def test_a_private_file_quotes_only_short_words() -> None:
    text = "task: x\nagreed_upfront: root:x:0:0:root:/root:/bin/bash is a secret\n"
    with pytest.raises(ClarityError) as caught:
        validate(Delegation, load_yaml(text, "a.yaml"), private=True)
    assert "secret" not in str(caught.value)
    assert str(caught.value).startswith("a.yaml:2:17: agreed_upfront:")


def test_key_labels_read_as_written() -> None:
    assert key_label(("delegations", 0, "constraints", 2)) == "delegations[0].constraints[2]"
