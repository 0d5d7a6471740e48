"""Conditions compiled into checks (``rules.compiler``): each kind becomes its check, patterns
carry their owner and time limit, and the answers and rules a condition names are found
wherever they are nested."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter

from clarity.core.rules import checks
from clarity.core.rules.compiler import compile_condition, referenced_fields, referenced_rules
from clarity.core.rules.conditions import Condition

adapter: TypeAdapter[Any] = TypeAdapter(Condition)


def compiled(cond: dict[str, Any], **options: Any) -> Any:
    return compile_condition(
        adapter.validate_python(cond), **{"timeout": 0.5, "owner": "rule T1", **options}
    )


NESTED = {
    "all": [
        {"missing": "outcome"},
        {"any": [{"present": "deadline"}, {"fired": "C101"}]},
        {"not": {"is": {"field": "agreed_upfront", "value": "yes"}}},
        {
            "count": {
                "min": 1,
                "of": [
                    {"matches": {"fields": ["constraints", "quality"], "pattern": "x"}},
                    {"at_least": {"field": "symptoms.sign_offs", "level": "often"}},
                    {"dated": {"field": "checkpoints", "reads": "none"}},
                    {"fired": "B101"},
                ],
            }
        },
    ]
}


def test_each_kind_becomes_its_check() -> None:
    tree = compiled(NESTED)
    assert isinstance(tree, checks.AllOf)
    missing, any_of, not_, count = tree.parts
    assert isinstance(missing, checks.Missing) and missing.name == "outcome"
    assert [type(p) for p in any_of.parts] == [checks.Present, checks.Fired]
    assert isinstance(not_.inner, checks.Equals) and not_.inner.expected is True
    assert count.least == 1
    assert [type(p) for p in count.parts] == [
        checks.Matches,
        checks.Level,
        checks.Dated,
        checks.Fired,
    ]
    assert count.parts[0].names == ("constraints", "quality")


def test_a_pattern_set_keeps_its_owner_time_limit_and_patterns_as_written() -> None:
    check = compiled(
        {"matches": {"field": "outcome", "patterns": ["asap", r"\bsoon\b"]}},
        timeout=0.3,
        owner="rule T9 (pack.yaml:3:5)",
    )
    assert check.patterns.owner == "rule T9 (pack.yaml:3:5)"
    assert check.patterns.timeout == 0.3
    assert check.patterns.source == ("asap", r"\bsoon\b")


def test_means_needs_the_judges_of_a_pack_folder() -> None:
    with pytest.raises(ValueError, match="needs a pack folder with a banks/ folder"):
        compiled({"means": {"field": "outcome", "bank": "C102"}})
    judges = object()
    check = compiled(
        {"means": {"fields": ["outcome"], "bank": "C102", "unsure": True}}, judges=judges
    )
    assert isinstance(check, checks.Means)
    assert (check.names, check.judges, check.bank, check.unsure) == (
        ("outcome",),
        judges,
        "C102",
        True,
    )


def test_the_answers_a_condition_reads_in_order() -> None:
    assert referenced_fields(adapter.validate_python(NESTED)) == [
        "outcome",
        "deadline",
        "agreed_upfront",
        "constraints",
        "quality",
        "symptoms.sign_offs",
        "checkpoints",
    ]


def test_the_rules_a_condition_names_with_fired() -> None:
    assert referenced_rules(adapter.validate_python(NESTED)) == ["C101", "B101"]
    assert referenced_rules(adapter.validate_python({"missing": "outcome"})) == []
