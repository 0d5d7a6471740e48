"""The record validator: what each kind of value accepts, and its errors, in the order and
shape the located errors are made from."""

from __future__ import annotations

from typing import Any

import pytest

from clarity.core.models import Answers, Charter, Delegation, Level, SessionItem
from clarity.core.reading.records import RecordError, validate


def problems(model: type, data: Any) -> list[tuple[str, tuple[Any, ...]]]:
    with pytest.raises(RecordError) as caught:
        validate(model, data)
    return [(e["type"], tuple(e["loc"])) for e in caught.value.errors()]


def test_each_key_is_read_in_the_table_order_then_unknown_keys_are_refused() -> None:
    data = {"outcom": 1, "task": 5, "symptoms": {"sign_ofs": "x"}, "can_fail_differently": 2}
    assert problems(Answers, data) == [
        ("string_type", ("task",)),
        ("bool_parsing", ("can_fail_differently",)),
        ("extra_forbidden", ("symptoms", "sign_ofs")),
        ("extra_forbidden", ("outcom",)),
    ]


def test_an_unknown_key_names_the_keys_allowed_beside_it() -> None:
    with pytest.raises(RecordError) as caught:
        validate(Delegation, {"task": "x", "deadlin": "y"})
    assert "deadline" in caught.value.errors()[0]["allowed"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"task": "  "}, ("string_too_short", ("task",))),
        ({"outcome": "x"}, ("missing", ("task",))),
        ({"task": "x", "owner": 5}, ("string_type", ("owner",))),
        ({"task": "a\udc80b"}, ("string_unicode", ("task",))),
        ({"task": "x", "constraints": ["a", 3]}, ("string_type", ("constraints", 1))),
        ({"task": "x", "checkpoints": 5}, ("list_type", ("checkpoints",))),
        ({"task": "x", "perspective": "boss"}, ("literal_error", ("perspective",))),
        ({"task": "x", "unknown": None}, ("list_type", ("unknown",))),
        ({"task": "x", "clarified": "x"}, ("dict_type", ("clarified",))),
        ({"task": "x", "symptoms": "often"}, ("model_type", ("symptoms",))),
        ({"task": "x", "symptoms": {"sign_offs": 3}}, ("enum", ("symptoms", "sign_offs"))),
        ({"task": "x", "agreed_upfront": []}, ("bool_type", ("agreed_upfront",))),
        ({"task": "x", "agreed_upfront": " t "}, ("bool_parsing", ("agreed_upfront",))),
        ({"task": "x", 1: "y"}, ("invalid_key", (1,))),
        (["x"], ("model_type", ())),
    ],
)
def test_what_each_kind_refuses(data: Any, expected: tuple[str, tuple[Any, ...]]) -> None:
    assert problems(Answers, data)[0] == expected


def test_what_each_kind_accepts_and_tidies() -> None:
    answers = validate(
        Answers,
        {
            "task": b" Ship \xc2\xa0",
            "owner": "\x85Ana\xa0",
            "agreed_upfront": "T",
            "can_fail_differently": 0.0,
            "constraints": ("a", " "),
            "perspective": " REPORT",
            "symptoms": {"sign_offs": " Often "},
            "unknown": [" outcome ", "outcome"],
            "clarified": {"C104": "no"},
        },
    )
    assert (answers.task, answers.owner) == ("Ship", "Ana")
    assert (answers.agreed_upfront, answers.can_fail_differently) == (True, False)
    assert (answers.constraints, answers.perspective) == (["a"], "report")
    assert answers.symptoms.sign_offs is Level.often
    assert (answers.unknown, answers.clarified) == (["outcome"], {"C104": False})


def test_a_charter_reads_each_delegation_as_a_record() -> None:
    data = {"team": 3, "delegations": [{"outcome": "y"}, "x", {"task": "a", "x": 1}]}
    assert problems(Charter, data) == [
        ("string_type", ("team",)),
        ("missing", ("delegations", 0, "task")),
        ("model_type", ("delegations", 1)),
        ("extra_forbidden", ("delegations", 2, "x")),
    ]
    assert validate(Charter, {"team": " A "}) == Charter(team="A", delegations=[])


def test_a_session_item_leaves_its_view_and_symptoms_unset_when_not_given() -> None:
    item = validate(SessionItem, {"task": "x"})
    assert (item.perspective, item.symptoms) == (None, None)
    assert validate(Answers, {"task": "x"}).perspective == "leader"


def test_errors_are_located_under_a_prefix() -> None:
    assert problems(SessionItem, {"task": 1}) == [("string_type", ("task",))]
    with pytest.raises(RecordError) as caught:
        validate(SessionItem, {"task": 1}, ("items", 2))
    assert caught.value.errors()[0]["loc"] == ("items", 2, "task")


def test_answers_as_json_hold_plain_values() -> None:
    answers = validate(Answers, {"task": "x", "symptoms": {"no_experiments": "often"}})
    data = answers.as_json()
    assert data["symptoms"]["no_experiments"] == "often" and data["perspective"] == "leader"
    assert validate(Answers, data) == answers
