"""The plain value classes of the lint path behave as the dataclasses they replace."""

from __future__ import annotations

import pickle

import pytest

from clarity.core.errors import Location
from clarity.core.limits import Limits
from clarity.core.rules.compiled import CompiledRule, Examples, Rule, Worded
from clarity.core.rules.pack import load_pack
from clarity.core.scoring.findings import FileResult, LintFinding, LintRun
from clarity.core.values import FrozenValue, Value


def finding(line: int = 3, severity: str = "error") -> LintFinding:
    return LintFinding(
        "a.charter.yaml", line, 5, "Report", "outcome", "C102", "outcome-vague", "Vague",
        "consequences", severity, "message", "why", "fix",
    )  # fmt: skip


def test_equal_by_value_and_class() -> None:
    assert finding() == finding()
    assert finding() != finding(line=4)
    assert Location("a", 1, 2) == Location("a", 1, 2) != Location("a", 1)
    assert Location("a") != ("a", None, None)
    assert FileResult("a") == FileResult("a", 0, [], [])
    assert LintRun([FileResult("a", 1, [finding()])]) != LintRun([FileResult("a", 1)])


def test_frozen_values_hash_by_value_and_mutable_ones_do_not_hash() -> None:
    assert len({finding(), finding(), finding(line=4)}) == 2
    assert hash(Limits()) == hash(Limits(max_depth=64))
    with pytest.raises(TypeError):
        hash(FileResult("a"))


def test_repr_is_the_dataclass_repr() -> None:
    # The lint pack cache is keyed by repr(limits): it must not change with the class.
    assert repr(Limits()) == (
        "Limits(max_file_bytes=5242880, max_depth=64, max_text_chars=20000, "
        "pattern_timeout_seconds=0.25, max_delegations=10000, max_findings=50000)"
    )
    assert repr(Location("a", 1)) == "Location(source='a', line=1, column=None)"


def test_replace_changes_only_what_it_names() -> None:
    moved = finding().replace(line=9, severity="warning")
    assert (moved.line, moved.severity, moved.rule) == (9, "warning", "C102")
    assert finding().line == 3
    assert Limits().with_values({"max_depth": 10, "max_text_chars": None}) == Limits(max_depth=10)
    with pytest.raises(TypeError):
        finding().replace(colour="red")


def test_every_field_is_compared_shown_and_copied() -> None:

    def subclasses(cls: type) -> list[type]:
        return [c for sub in cls.__subclasses__() for c in (sub, *subclasses(sub))]

    classes = [c for c in subclasses(Value) if c is not FrozenValue]
    assert len(classes) >= 20
    for cls in classes:
        slots = [name for c in cls.__mro__ for name in getattr(c, "__slots__", ())]
        assert sorted(slots) == sorted(cls.__match_args__), cls.__name__


def test_values_survive_pickling() -> None:
    rule = Rule(
        "C102", "outcome-vague", "Vague", "consequences", "error", None, "outcome",
        {"missing": "outcome"}, Worded("leader text", "report text"), "why", "fix",
        Examples([{"outcome": ""}], [{}]), reads=("outcome",),
    )  # fmt: skip
    compiled = CompiledRule(rule, len, Location("rules.yaml", 3), frozenset({"outcome"}))
    result = FileResult("a", 2, [finding()])
    for value in (rule, compiled, result, Limits(max_depth=8)):
        assert pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) == value
    pack = load_pack([], plugins=False)
    again = pickle.loads(pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL))
    assert [c.rule for c in again.rules] == [c.rule for c in pack.rules]
    assert again.questions[0].field == pack.questions[0].field
