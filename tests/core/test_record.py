"""The delegation record's light field lists (no pydantic) agree with the models."""

from __future__ import annotations


def test_the_light_field_lists_match_the_models() -> None:
    from clarity.core import record
    from clarity.core.models import Answers, Delegation, Symptoms

    assert tuple(Delegation.model_fields) == record.DELEGATION_FIELDS
    assert tuple(Symptoms.model_fields) == record.SYMPTOMS
    assert set(Answers.model_fields) - set(Delegation.model_fields) == {
        "perspective",
        "symptoms",
        "unknown",
        "clarified",
    }
