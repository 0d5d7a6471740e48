"""The record types of answers and charters: what they accept, tidy and refuse."""

from __future__ import annotations

import pytest

from clarity.core.models import Answers, Charter, Delegation, Level, record_of
from clarity.core.reading.records import RecordError


def test_one_line_lists_yes_no_words_and_empty_texts_are_tidied() -> None:
    d = Delegation.validate(
        {
            "task": "  Ship the release ",
            "constraints": "no weekend work; ; budget 5k",
            "decides_alone": None,
            "escalate_when": ["", "a customer complains"],
            "agreed_upfront": " Yes ",
            "can_fail_differently": "off",
            "outcome": "",
        }
    )
    assert d.task == "Ship the release"
    assert d.constraints == ["no weekend work", "budget 5k"]
    assert (d.decides_alone, d.escalate_when) == ([], ["a customer complains"])
    assert (d.agreed_upfront, d.can_fail_differently, d.outcome) == (True, False, None)


@pytest.mark.parametrize(
    "data",
    [
        {"task": ""},
        {"task": "x", "outcom": "typo"},
        {"task": "x", "agreed_upfront": "maybe"},
    ],
)
def test_a_delegation_refuses_what_it_cannot_read(data: dict[str, object]) -> None:
    with pytest.raises(RecordError):
        Delegation.validate(data)


def test_answers_read_symptoms_and_perspective_in_any_case() -> None:
    answers = Answers.validate(
        {"task": "x", "perspective": " Report ", "symptoms": {"sign_offs": "ALWAYS"}}
    )
    assert answers.perspective == "report"
    assert answers.symptoms.sign_offs is Level.always
    assert Answers.validate({"task": "x", "symptoms": None}).symptoms.sign_offs is None


def test_clarified_answers_are_yes_or_no_by_rule_id() -> None:
    answers = Answers.validate({"task": "x", "clarified": {"C104": "yes", "C108": False}})
    assert answers.clarified == {"C104": True, "C108": False}
    with pytest.raises(RecordError, match="is not a rule id"):
        Answers.validate({"task": "x", "clarified": {"oops": "yes"}})
    with pytest.raises(RecordError, match="must be yes or no"):
        Answers.validate({"task": "x", "clarified": {"C104": "perhaps"}})


def test_unknown_names_questions_and_drops_repeats() -> None:
    answers = Answers.validate({"task": "x", "unknown": ["deadline", "deadline", "outcome"]})
    assert answers.unknown == ["deadline", "outcome"]
    with pytest.raises(RecordError, match="is not a question that can be left unknown"):
        Answers.validate({"task": "x", "unknown": ["task"]})


def test_the_delegation_of_answers_leaves_the_interview_parts_out() -> None:
    answers = Answers.validate(
        {"task": "x", "outcome": "y", "perspective": "report", "symptoms": {"sign_offs": "often"}}
    )
    assert answers.delegation() == Delegation(task="x", outcome="y")


def test_the_record_is_flat_with_symptoms_as_their_level_names() -> None:
    answers = Answers.validate({"task": "x", "symptoms": {"no_experiments": "often"}})
    record = record_of(answers)
    assert record["task"] == "x" and record["constraints"] == []
    assert record["symptoms.no_experiments"] == "often"
    assert record["symptoms.sign_offs"] is None
    assert "symptoms.sign_offs" not in record_of(answers.delegation())


def test_a_charter_holds_delegations() -> None:
    charter = Charter.validate({"team": "Platform", "delegations": [{"task": "a"}]})
    assert [d.task for d in charter.delegations] == ["a"]
    with pytest.raises(RecordError):
        Charter.validate({"delegations": [{"outcome": "no task"}]})
