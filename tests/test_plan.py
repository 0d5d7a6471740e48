"""The scoring plan (core/plan.py) gives exactly what the plain checks give.

The plan answers rules, score items and advice from facts remembered by value; these tests hold
it to the checks walked afresh for every record: on the pack's examples and corpus, on generated
answer sets, and on random condition trees over tricky values, with the plan's memory warm.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clarity.core import checks as ch
from clarity.core.answers import build_answers, complete
from clarity.core.engine import Finding, Report, evaluate, score, verdict_of
from clarity.core.models import record_of
from clarity.core.pack import Pack, load_pack
from clarity.core.plan import Plan
from clarity.core.record import PERSPECTIVES, say
from clarity.core.yamlsafe import load_yaml

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def _plain_findings(record: dict[str, Any], pack: Pack) -> list[tuple[str, Any, Any, Any]]:
    """Every rule that fires, walking each check for this record (no plan, nothing kept)."""
    out = []
    for compiled in pack.rules:
        hits = compiled.check(record, frozenset())
        if hits is None:
            continue
        hit = hits[0] if hits else None
        pinned = compiled.rule.field
        if pinned is not None and (hit is None or hit.field != pinned):
            hit = next((h for h in hits if h.field == pinned), ch.Hit(pinned))
        answer = (
            hit.value if hit and hit.value is not None else (record.get(hit.field) if hit else None)
        )
        out.append(
            (compiled.rule.id, hit.field if hit else None, hit.index if hit else None, answer)
        )
    return out


def _plain_report(answers: Any, pack: Pack) -> dict[str, Any]:
    """What ``score`` must say, worked out from the checks alone."""
    record = record_of(answers)
    view = answers.perspective
    found = _plain_findings(record, pack)
    fired = frozenset(rule for rule, *_ in found)
    details = {
        axis: [
            (item.label, item.points) for item, check in items if check(record, fired) is not None
        ]
        for axis, items in pack.score_checks.items()
    }
    advice = [
        item.id
        for item, check in pack.advice
        if view in item.perspectives and check(record, fired) is not None
    ]
    traps: list[str] = []
    for rule_id in [r for r, *_ in found]:
        trap = next(c.rule.trap for c in pack.rules if c.rule.id == rule_id)
        if trap and trap not in traps:
            traps.append(trap)
    return {"findings": found, "details": details, "advice": advice, "traps": traps}


def _seen(report: Report) -> dict[str, Any]:
    return {
        "findings": [(f.rule.id, f.field, f.index, f.answer) for f in report.findings],
        "details": report.score_details,
        "advice": [a.id for a in report.advice],
        "traps": [t.id for t in report.traps],
    }


def _answer_files() -> list[dict[str, Any]]:
    out = []
    for path in sorted((ROOT / "tests" / "corpus").rglob("*.yaml")):
        data = load_yaml(path.read_text("utf-8"), str(path)).data
        if isinstance(data, dict):
            out.append(data)
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        data = load_yaml(path.read_text("utf-8"), str(path)).data
        if isinstance(data, dict) and "task" in data and "delegations" not in data:
            out.append(data)
    return out


def _generated(count: int) -> list[dict[str, Any]]:
    from benchmarks.generate import answer_sets

    return answer_sets(count, seed=3)


def _check_all(pack: Pack, answer_sets: list[dict[str, Any]]) -> int:
    checked = 0
    for data in answer_sets:
        for view in PERSPECTIVES:
            data = {**data, "perspective": view}
            try:
                answers = build_answers(complete(data, pack.questions, "x", view), None, "x")
            except Exception:  # incomplete on purpose (corpus of broken files): not scored
                continue
            assert _seen(score(answers, pack)) == _plain_report(answers, pack), data
            checked += 1
    return checked


def test_the_plan_scores_the_corpus_and_examples_as_the_checks_do(pack: Pack) -> None:
    sets = _answer_files()
    # twice: the second time every value is remembered
    assert _check_all(pack, sets) > 20
    assert _check_all(pack, sets) > 20


def test_the_plan_scores_generated_answer_sets_as_the_checks_do(pack: Pack) -> None:
    assert _check_all(pack, _generated(400)) == 800


def test_every_rule_example_gives_the_same_findings(pack: Pack) -> None:
    """The pack's own examples, through the lint path's ``evaluate`` (a plan of the rules
    alone)."""
    from clarity.core.pack import builtin_pack_path, load_pack_files
    from clarity.core.packtest import examples

    records = [e.record for e in examples(pack, load_pack_files(builtin_pack_path()))]
    assert len(records) > 300
    for _ in range(2):
        for record in records:
            got = [(f.rule.id, f.field, f.index, f.answer) for f in evaluate(record, pack.rules)]
            assert got == _plain_findings(record, pack), record


def test_equal_values_of_different_kinds_are_not_confused(pack: Pack) -> None:
    """A value is remembered with its kind: the text "yes" is not the answer True, a list
    is not a text, and a list with the same items in another order is another value."""
    base = _generated(1)[0]
    for first, second in [
        ({"can_fail_differently": "no"}, {"can_fail_differently": False}),
        ({"constraints": ["No overtime"]}, {"constraints": "No overtime"}),
        ({"constraints": ["a", "Check with me before any decision"]},
         {"constraints": ["Check with me before any decision", "a"]}),
    ]:  # fmt: skip
        for data in (first, second, first):
            record = record_of(build_answers({**base, **data}, None, "x"))
            got = [(f.rule.id, f.field, f.index, f.answer) for f in evaluate(record, pack.rules)]
            assert got == _plain_findings(record, pack)


# -- random conditions over tricky values -------------------------------------------------

FIELDS = ("a", "b", "c")
VALUES: list[Any] = [
    None, "", "  ", "yes", "no", "Yes", "true", True, False, "never", "often", "always",
    "ask me before any decision", "none", "n/a", "Ship it by Friday 12 June", [], [""],
    ["ask me first"], ["none", "ask me before any decision"], ["x", "y"], 1, {"k": "v"},
]  # fmt: skip


def _patterns(*patterns: str) -> ch.PatternSet:
    return ch.compile_patterns(list(patterns), 1.0, "test")


PATTERN_SETS = [
    _patterns(r"\bask (me|us)\b"),
    _patterns(r"^\W*(none|n/?a)\W*$"),
    _patterns(r"\d", r"friday|monday"),
]


def _leaf() -> st.SearchStrategy[Any]:
    field = st.sampled_from(FIELDS)
    return st.one_of(
        field.map(ch.Missing),
        field.map(ch.Present),
        st.builds(ch.Equals, field, st.sampled_from(["yes", "no", True, False, "often", None])),
        st.builds(ch.Level, field, st.sampled_from(["rarely", "often"]), st.booleans()),
        st.builds(
            ch.Matches,
            st.lists(field, min_size=1, max_size=3, unique=True).map(tuple),
            st.sampled_from(PATTERN_SETS),
        ),
    )


def _tree(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    parts = st.lists(children, min_size=1, max_size=4).map(tuple)
    return st.one_of(
        parts.map(ch.AllOf),
        parts.map(ch.AnyOf),
        children.map(ch.Not),
        st.builds(ch.Count, parts, st.integers(0, 3)),
    )


conditions = st.recursive(_leaf(), _tree, max_leaves=8)
records = st.fixed_dictionaries({name: st.sampled_from(VALUES) for name in FIELDS})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(conditions, min_size=1, max_size=5), st.lists(records, min_size=1, max_size=8))
def test_random_conditions_answer_as_the_checks_do(
    rules: list[Any], recs: list[dict[str, Any]]
) -> None:
    ids = [f"R{i}" for i in range(len(rules))]
    others = [ch.AnyOf((ch.Fired("R0"), ch.Not(ch.Fired(ids[-1])))), ch.Fired("R9"), *rules]
    plan = Plan(rules, [others], {"leader": others}, rule_ids=ids)
    for record in recs + recs:  # the second time from what the plan remembers
        facts, fired = plan.fire(record)
        expected = [i for i, rule in enumerate(rules) if rule(record, frozenset()) is not None]
        assert list(fired) == expected
        names = frozenset(ids[i] for i in expected)
        want = [i for i, check in enumerate(others) if check(record, names) is not None]
        assert list(plan.scores[0](facts)) == want
        assert list(plan.advice["leader"](facts)) == want


def test_what_a_rule_said_is_kept_per_value_and_not_mixed_up() -> None:
    rule = ch.AnyOf((ch.Matches(("a", "b"), PATTERN_SETS[0]), ch.Missing("c")))
    plan = Plan([rule], rule_ids=["R0"])
    rng = random.Random(5)
    for _ in range(300):
        record = {name: copy.deepcopy(rng.choice(VALUES)) for name in FIELDS}
        facts, fired = plan.fire(record)
        if not fired:
            continue
        kept = plan.found(0, facts)
        hits = rule(record, frozenset())
        assert hits is not None
        if kept is None:
            kept = plan.keep(0, facts, hits)
        assert kept == hits


def test_verdict_and_wording_are_unchanged(pack: Pack) -> None:
    answers = build_answers(complete(_generated(1)[0], pack.questions, "x", "leader"), None, "x")
    report = score(answers, pack)
    assert report.verdict == verdict_of(list(report.findings))
    for item in report.advice:
        source = next(a for a, _ in pack.advice if a.id == item.id)
        assert item.text == say(source.text, report.perspective)
    assert all(isinstance(f, Finding) for f in report.findings)
