"""The condition language (``rules.conditions``): what each kind of condition matches, and what
the models refuse, with the reason and, in a pack, the file:line:col."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from clarity.core.errors import ClarityError
from clarity.core.rules.checks import Hit
from clarity.core.rules.compiler import compile_condition
from clarity.core.rules.conditions import Condition, kind_of
from clarity.core.rules.pack import load_pack

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


def test_a_list_item_that_is_not_text_is_passed_over() -> None:
    cond = {"matches": {"field": "constraints", "pattern": "budget"}}
    assert holds(cond, {"constraints": [3, None, "the budget"]}) == [
        Hit("constraints", 2, "the budget")
    ]
    assert holds(cond, {"constraints": [3, None]}) is None


def test_is_compares_text_answers_as_written() -> None:
    cond = {"is": {"field": "outcome", "value": "done"}}
    assert holds(cond, {"outcome": "done"}) == [Hit("outcome", value="done")]
    assert holds(cond, {"outcome": "Done"}) is None


def test_at_most_ignores_an_answer_that_is_not_a_level() -> None:
    at_most = {"at_most": {"field": "symptoms.sign_offs", "level": "often"}}
    assert holds(at_most, {"symptoms.sign_offs": "often"}) is not None
    assert holds(at_most, {"symptoms.sign_offs": "always"}) is None
    assert holds(at_most, {"symptoms.sign_offs": "lots"}) is None


def test_count_gathers_the_hits_of_every_part_that_holds() -> None:
    count = {"count": {"min": 1, "of": [{"missing": "outcome"}, {"missing": "deadline"}]}}
    assert holds(count, {"outcome": "", "deadline": None}) == [Hit("outcome"), Hit("deadline")]
    assert holds(count, {"outcome": "x", "deadline": "y"}) is None


@pytest.mark.parametrize(
    ("cond", "kind"),
    [
        ({"missing": "outcome"}, "missing"),
        ({"is": {"field": "outcome", "value": "x"}}, "is"),
        ({"not": {"present": "outcome"}}, "not"),
        ({"count": {"min": 1, "of": [{"present": "outcome"}]}}, "count"),
    ],
)
def test_the_kind_of_a_condition_as_written_and_as_validated(
    cond: dict[str, Any], kind: str
) -> None:
    assert kind_of(cond) == kind
    assert kind_of(adapter.validate_python(cond)) == kind


@pytest.mark.parametrize("value", [{"missing": "outcome", "present": "outcome"}, {}, ["x"], "x"])
def test_anything_but_a_mapping_of_one_known_key_has_no_kind(value: Any) -> None:
    assert kind_of(value) is None


def test_a_bad_condition_in_a_pack_is_refused_at_its_place(tmp_path: Path) -> None:
    text = (
        "rules:\n"
        "  - id: T301\n"
        "    name: tbd\n"
        "    title: TBD\n"
        "    dimension: boundaries\n"
        "    severity: info\n"
        "    when: {missing: outcom}\n"
        "    message: m\n"
        "    why: w\n"
        "    fix: f\n"
        "    examples: {fire: [{outcome: ''}], pass: [{}]}\n"
    )
    pack = tmp_path / "pack.yaml"
    pack.write_text(text, "utf-8")
    with pytest.raises(ClarityError, match="did you mean 'outcome'") as caught:
        load_pack([pack], plugins=False)
    where = caught.value.location
    assert where is not None
    assert (where.source, where.line, where.column) == (str(pack), 7, 21)
    assert caught.value.key == "rules[0].when.missing"
