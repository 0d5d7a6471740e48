"""The condition language, the verdict and the scores, on values."""

from __future__ import annotations

import time
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from clarity.core.errors import ClarityError
from clarity.core.rules.conditions import Condition, Hit, compile_condition

adapter: TypeAdapter[Any] = TypeAdapter(Condition)


def holds(cond: dict[str, Any], record: dict[str, Any], fired: frozenset[str] = frozenset()) -> Any:
    return compile_condition(adapter.validate_python(cond), timeout=0.5, owner="t")(record, fired)


def test_missing_and_present() -> None:
    assert holds({"missing": "outcome"}, {"outcome": "  "}) == [Hit("outcome")]
    assert holds({"missing": "constraints"}, {"constraints": []}) == [Hit("constraints")]
    assert holds({"present": "outcome"}, {"outcome": "x"}) == [Hit("outcome", value="x")]
    assert holds({"missing": "outcome"}, {"outcome": "x"}) is None


def test_matches_reports_the_list_item_and_reads_curly_quotes_as_straight() -> None:
    cond = {"matches": {"field": "constraints", "pattern": r"\bI'll\b"}}
    assert holds(cond, {"constraints": ["budget", "I\u2019ll   decide"]}) == [
        Hit("constraints", 1, "I\u2019ll   decide")
    ]
    cond = {"matches": {"fields": ["outcome", "quality"], "patterns": ["asap", "soon"]}}
    assert holds(cond, {"outcome": "x", "quality": "SOON"}) == [Hit("quality", None, "SOON")]


def test_is_compares_yes_no_answers() -> None:
    cond = {"is": {"field": "agreed_upfront", "value": False}}
    assert holds(cond, {"agreed_upfront": False}) is not None
    assert holds(cond, {"agreed_upfront": "no"}) is not None
    assert holds(cond, {"agreed_upfront": None}) is None


def test_levels() -> None:
    at_least = {"at_least": {"field": "symptoms.sign_offs", "level": "often"}}
    assert holds(at_least, {"symptoms.sign_offs": "always"}) is not None
    assert holds(at_least, {"symptoms.sign_offs": "sometimes"}) is None
    at_most = {"at_most": {"field": "symptoms.sign_offs", "level": "rarely"}}
    assert holds(at_most, {"symptoms.sign_offs": "never"}) is not None
    assert holds(at_most, {"symptoms.sign_offs": None}) is None


def test_all_any_not_count_fired() -> None:
    record = {"outcome": None, "deadline": "soon"}
    assert holds({"all": [{"missing": "outcome"}, {"present": "deadline"}]}, record) is not None
    assert holds({"any": [{"present": "outcome"}, {"missing": "deadline"}]}, record) is None
    assert holds({"not": {"present": "outcome"}}, record) == []
    count = {
        "count": {
            "min": 2,
            "of": [{"missing": "outcome"}, {"present": "deadline"}, {"missing": "quality"}],
        }
    }
    assert holds(count, record) is not None
    assert holds({"fired": "C101"}, record, frozenset({"C101"})) == []
    assert holds({"fired": "C101"}, record) is None


@pytest.mark.parametrize(
    ("cond", "message"),
    [
        ({"maches": {}}, "a condition is a mapping with exactly one of"),
        ({"missing": "outcom"}, "did you mean 'outcome'"),
        ({"matches": {"field": "outcome", "pattern": "(a"}}, "invalid pattern"),
        ({"matches": {"field": "outcome"}}, "give exactly one of 'pattern' or 'patterns'"),
        ({"at_least": {"field": "symptoms.sign_offs", "level": "lots"}}, "unknown level 'lots'"),
        ({"all": []}, "at least 1 item"),
    ],
)
def test_invalid_conditions_are_refused(cond: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        adapter.validate_python(cond)


def test_a_catastrophic_pattern_cannot_hang() -> None:
    cond = adapter.validate_python({"matches": {"field": "outcome", "pattern": "(a|aa)+$"}})
    check = compile_condition(cond, timeout=0.2, owner="rule X1")
    start = time.monotonic()
    with pytest.raises(ClarityError, match=r"rule X1: a pattern took longer than 0\.2 s"):
        check({"outcome": "a" * 40 + "!"}, frozenset())
    assert time.monotonic() - start < 5


@pytest.mark.parametrize(
    "pattern", [r"(a)\1", r"(?P<x>a)(?P=x)", r"(a)\g<1>", r"(a(?R)?b)", r"(?P<x>a)\k<x>"]
)
def test_back_references_are_refused(pattern: str) -> None:
    with pytest.raises(ValidationError, match="refers back to a group"):
        adapter.validate_python({"matches": {"field": "outcome", "pattern": pattern}})


@pytest.mark.parametrize("pattern", [r"\\1", r"[(]\d", r"a\.1", r"(?i)x{2}"])
def test_look_alikes_of_back_references_are_accepted(pattern: str) -> None:
    adapter.validate_python({"matches": {"field": "outcome", "pattern": pattern}})
