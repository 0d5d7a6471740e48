"""The compiled checks (``rules.checks``): plain calls on a record that give the answers that
made a condition true, survive pickling (the cache, the worker processes) and read each
answer's text once per record."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from clarity.core.rules import checks
from clarity.core.rules.checks import (
    AllOf,
    AnyOf,
    Count,
    Dated,
    Equals,
    Fired,
    Hit,
    Level,
    Matches,
    Means,
    Missing,
    Not,
    Present,
    coerce,
    decisive,
    is_empty,
)
from clarity.core.rules.patterns import compile_patterns

NONE: frozenset[str] = frozenset()


@pytest.mark.parametrize(
    ("value", "empty"),
    [
        (None, True),
        ("", True),
        (" \t\n", True),
        ([], True),
        ({}, True),
        ((), True),
        ("x", False),
        ([""], False),
        (0, False),
        (False, False),
    ],
)
def test_what_counts_as_empty(value: Any, empty: bool) -> None:
    assert is_empty(value) is empty


@pytest.mark.parametrize(
    ("value", "read"),
    [("yes", True), ("No", False), ("on", True), (True, True), ("maybe", "maybe"), (3, 3)],
)
def test_a_yes_no_answer_is_read_as_a_boolean_and_anything_else_kept(value: Any, read: Any) -> None:
    assert coerce(value) == read


def test_missing_and_present_point_at_the_answer() -> None:
    assert Missing("outcome")({}, NONE) == [Hit("outcome")]
    assert Missing("outcome")({"outcome": "x"}, NONE) is None
    assert Present("outcome")({"outcome": ["a"]}, NONE) == [Hit("outcome", value=["a"])]
    assert Present("outcome")({"outcome": " "}, NONE) is None


def test_equals_reads_yes_and_no_one_way() -> None:
    check = Equals("agreed_upfront", "no")
    assert check({"agreed_upfront": False}, NONE) == [Hit("agreed_upfront", value=False)]
    assert check({"agreed_upfront": "N"}, NONE) == [Hit("agreed_upfront", value="N")]
    assert check({"agreed_upfront": "yes"}, NONE) is None


def test_matches_gives_the_first_field_and_item_that_match() -> None:
    check = Matches(("outcome", "constraints"), compile_patterns([r"\bsoon\b"], 0.25, "t"))
    record = {"outcome": "later", "constraints": ["none", "as soon as we can", "soon"]}
    assert check(record, NONE) == [Hit("constraints", 1, "as soon as we can")]
    assert check({"outcome": "later"}, NONE) is None


def test_matches_reads_a_changed_answer_of_the_same_record_afresh() -> None:
    check = Matches(("constraints",), compile_patterns(["budget"], 0.25, "t"))
    record: dict[str, Any] = {"constraints": ["time"]}
    assert check(record, NONE) is None
    record["constraints"].append("the budget")  # the same list, one item longer
    assert check(record, NONE) == [Hit("constraints", 1, "the budget")]
    record["constraints"] = ["budget only"]
    assert check(record, NONE) == [Hit("constraints", 0, "budget only")]


def test_levels_are_ordered_and_an_unknown_one_never_holds() -> None:
    at_least = Level("symptoms.sign_offs", "sometimes", at_least=True)
    at_most = Level("symptoms.sign_offs", "sometimes", at_least=False)
    for value, least, most in [
        ("never", False, True),
        ("sometimes", True, True),
        ("always", True, False),
        ("lots", False, False),
        (None, False, False),
    ]:
        record = {"symptoms.sign_offs": value}
        assert (at_least(record, NONE) is not None) is least, value
        assert (at_most(record, NONE) is not None) is most, value


def test_combinations_gather_or_drop_hits() -> None:
    record = {"outcome": "", "deadline": "Friday"}
    missing, present = Missing("outcome"), Present("deadline")
    assert AllOf((missing, present))(record, NONE) == [
        Hit("outcome"),
        Hit("deadline", value="Friday"),
    ]
    assert AllOf((missing, Missing("deadline")))(record, NONE) is None
    assert AnyOf((Missing("deadline"), present))(record, NONE) == [Hit("deadline", value="Friday")]
    assert Not(present)(record, NONE) is None
    assert Not(Missing("deadline"))(record, NONE) == []
    assert Count((missing, present, Present("quality")), 3)(record, NONE) is None
    assert Count((missing, present, Present("quality")), 2)(record, NONE) is not None


def test_fired_reads_the_rules_that_fired() -> None:
    assert Fired("C101")({}, frozenset({"C101"})) == []
    assert Fired("C101")({}, frozenset({"C102"})) is None


class _Judge:
    def decide(self, texts: list[str], unsure: bool = False) -> list[bool]:
        return [("maybe" if unsure else "vague") in text for text in texts]


class _Judges:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def judge(self, bank: str) -> _Judge:
        self.asked.append(bank)
        return _Judge()


def test_means_asks_the_bank_of_every_answered_text() -> None:
    judges = _Judges()
    check = Means(("outcome", "constraints"), judges, "C102")  # type: ignore[arg-type]
    record = {"outcome": "a vague goal", "constraints": ["", "clear", "vague too"]}
    assert check(record, NONE) == [
        Hit("outcome", None, "a vague goal"),
        Hit("constraints", 2, "vague too"),
    ]
    assert judges.asked == ["C102"]
    unsure = Means(("outcome",), judges, "C102", unsure=True)  # type: ignore[arg-type]
    assert unsure({"outcome": "maybe so"}, NONE) == [Hit("outcome", None, "maybe so")]
    assert unsure({"outcome": "a vague goal"}, NONE) is None


def test_means_with_every_holds_only_when_every_answer_is_judged_so() -> None:
    every = Means(("constraints",), _Judges(), "G", every=True)  # type: ignore[arg-type]
    assert every({"constraints": ["vague", "", "vague again"]}, NONE) == [
        Hit("constraints", 0, "vague"),
        Hit("constraints", 2, "vague again"),
    ]
    assert every({"constraints": ["vague", "a real limit"]}, NONE) is None
    assert every({"constraints": []}, NONE) is None, "no answer: nothing to hold for"
    import pickle

    again = pickle.loads(pickle.dumps(every))
    assert again({"constraints": ["vague", "a real limit"]}, NONE) is None


def test_means_on_blank_answers_asks_no_judge() -> None:
    judges = _Judges()
    check = Means(("outcome",), judges, "C102")  # type: ignore[arg-type]
    assert check({"outcome": "  "}, NONE) is None
    assert judges.asked == []


def test_dated_reads_each_text_as_a_date_an_impossible_one_or_none() -> None:
    record = {"deadline": "30 February 2026", "checkpoints": ["2026-12-14", "soon"]}
    assert Dated(("deadline",), "impossible")(record, NONE) == [
        Hit("deadline", None, "30 February 2026")
    ]
    assert Dated(("checkpoints",), "date")(record, NONE) == [Hit("checkpoints", 0, "2026-12-14")]
    assert Dated(("checkpoints",), "none")(record, NONE) == [Hit("checkpoints", 1, "soon")]
    assert Dated(("deadline",), "date")(record, NONE) is None


def test_every_check_survives_pickling_and_answers_the_same() -> None:
    patterns = compile_patterns([r"\bsoon\b"], 0.25, "t")
    record = {
        "outcome": "",
        "deadline": "soon",
        "agreed_upfront": "no",
        "symptoms.sign_offs": "often",
    }
    tree = AllOf(
        (
            Missing("outcome"),
            Matches(("deadline",), patterns),
            Equals("agreed_upfront", False),
            Level("symptoms.sign_offs", "sometimes", True),
            AnyOf((Fired("C101"), Not(Present("outcome")))),
            Count((Present("deadline"), Dated(("deadline",), "none")), 2),
        )
    )
    again = pickle.loads(pickle.dumps(tree))
    assert again(record, NONE) == tree(record, NONE)
    assert again(record, NONE) is not None


def test_a_texts_normal_form_is_remembered_within_a_bound() -> None:
    checks.prepare.cache_clear()
    assert checks.prepare("I\u2019ll  go ") == "I'll go"
    assert checks.prepare("I\u2019ll  go ") == "I'll go"
    info = checks.prepare.cache_info()
    assert (info.hits, info.currsize, info.maxsize) == (1, 1, 4096)


def test_a_record_keeps_its_texts_normal_forms_while_the_rules_read_it() -> None:
    from clarity.core.models import Delegation, record_of

    record = record_of(Delegation(task="x", constraints=["No  weekend work"]))
    first = checks._field_texts(record, "constraints")
    assert first == [(0, "No  weekend work", "No weekend work")]
    assert checks._field_texts(record, "constraints") is first  # remembered by the record
    record["constraints"] = ["Budget 5k"]  # another answer: read again
    assert checks._field_texts(record, "constraints")[0][1] == "Budget 5k"
    assert checks._field_texts({"constraints": ["a b"]}, "constraints") == [(0, "a b", "a b")]


def test_a_check_is_decisive_when_answers_not_asked_could_only_add_hits() -> None:
    judges: Any = object()
    some = [
        Present("outcome"), Equals("agreed_upfront", True), Dated(("deadline",), "impossible"),
        Means(("outcome",), judges, "C102"), AnyOf((Present("outcome"), Dated(("deadline",), "none"))),
        AllOf((Present("outcome"), Means(("outcome",), judges, "C113"))),
    ]  # fmt: skip
    assert all(decisive(check) for check in some)
    reads_what_is_missing = [
        Missing("checkpoints"), Not(Present("outcome")), Fired("C102"),
        Means(("constraints",), judges, "G", every=True),
        AnyOf((Present("outcome"), Missing("deadline"))),
    ]  # fmt: skip
    assert not any(decisive(check) for check in reads_what_is_missing)
