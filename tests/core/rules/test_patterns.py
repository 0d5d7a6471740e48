"""A rule's patterns (``rules.patterns``): their size measured before they are compiled, the
check a condition's model runs on each, and the pattern sets the engine searches: one
alternation answering as its patterns one by one, under a time limit, picklable."""

from __future__ import annotations

import pickle
import time
from typing import Any

import pytest
import regex

from clarity.core.errors import ClarityError
from clarity.core.rules.pack import Pack, load_pack
from clarity.core.rules.patterns import (
    MAX_EXPANSION,
    PatternSet,
    compile_patterns,
    expansion,
    group_reference,
    valid_pattern,
)
from tests.conftest import ROOT

# -- size before compiling ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "size"),
    [
        ("abc", 3),
        ("a{10}", 10),
        ("(ab){3}", 6),
        ("(a{10}){10}", 100),
        ("[a-z{}]{5}", 5),
        (r"\p{L}{4}", 4),
        ("(?#a comment{1000})x", 1),
        ("a{0,}", 1),
    ],
)
def test_the_size_counts_each_repetition_unrolled(pattern: str, size: int) -> None:
    assert expansion(pattern) == size


def test_counting_stops_soon_after_the_limit() -> None:
    assert expansion("((a{1000}){1000}){1000}", limit=MAX_EXPANSION) > MAX_EXPANSION
    assert expansion("a{99999999999999}") > MAX_EXPANSION


@pytest.mark.parametrize(
    ("pattern", "reference"),
    [
        (r"(a)\1", r"\1"),
        (r"(?P<x>a)\g<x>", r"\g<x>"),
        (r"(?P<x>a)(?P=x)", "(?P=x)"),
        (r"(a(?R)?b)", "(?R)"),
        (r"a\\1", None),
        (r"[(]1", None),
    ],
)
def test_a_reference_to_a_group_is_found(pattern: str, reference: str | None) -> None:
    assert group_reference(pattern) == reference


@pytest.mark.parametrize(
    ("pattern", "says"),
    [
        (r"(a)\1", "refers back to a group (\\1)"),
        ("a" * 100_001, "more than 100,000 steps long as written"),
        ("((a{100}){100}){100}", "counted repetitions unroll to more than 100,000 steps"),
        ("(a", "invalid pattern '(a'"),
    ],
)
def test_a_pattern_that_cannot_be_used_is_refused_saying_why(pattern: str, says: str) -> None:
    with pytest.raises(ValueError, match=regex.escape(says)):
        valid_pattern(pattern)


def test_a_long_pattern_is_shown_cut_short_in_its_error() -> None:
    with pytest.raises(ValueError, match=r"invalid pattern '\(a{56}\.\.\.': missing \)"):
        valid_pattern("(" + "a" * 100)


def test_a_usable_pattern_is_given_back() -> None:
    assert valid_pattern(r"\bsoon\b") == r"\bsoon\b"


# -- pattern sets ------------------------------------------------------------------------------


def _pattern_sets(pack: Pack) -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []

    def walk(cond: Any, owner: str) -> None:  # the condition as written (JSON data)
        [(kind, args)] = cond.items()
        if kind == "matches":
            patterns = args.get("patterns") or [args["pattern"]]
            found.append((owner, list(patterns)))
        if kind in ("all", "any"):
            for part in args:
                walk(part, owner)
        if kind == "not":
            walk(args, owner)
        if kind == "count":
            for part in args["of"]:
                walk(part, owner)

    for compiled in pack.rules:
        walk(compiled.rule.when, compiled.rule.id)
    return found


def _texts() -> list[str]:
    from clarity.core.text import normalize

    out: set[str] = set()
    pack = load_pack()
    for compiled in pack.rules:
        for example in compiled.rule.examples.fire + compiled.rule.examples.pass_:
            for item in example.values():
                for piece in item if isinstance(item, list) else [item]:
                    if isinstance(piece, str):
                        out.add(normalize(piece))
    for path in sorted((ROOT / "tests" / "corpus").rglob("*.yaml")):
        for line in path.read_text("utf-8").splitlines():
            out.add(normalize(line.split(":", 1)[-1].strip(" -\"'")))
    return sorted(out)


def test_a_pattern_set_answers_as_its_patterns_one_by_one(builtin_pack: Pack) -> None:
    texts = _texts()
    assert len(texts) > 300
    flags = regex.IGNORECASE | regex.V0
    sets = _pattern_sets(builtin_pack)
    assert sets
    for owner, patterns in sets:
        one_by_one = [regex.compile(p, flags) for p in patterns]
        joined = compile_patterns(patterns, 1.0, owner)
        for item in texts:
            expected = any(p.search(item) is not None for p in one_by_one)
            assert joined.search(item) == expected, (owner, item)


def test_a_slow_pattern_hits_the_time_limit() -> None:
    patterns = [r"\bslow (a|aa)+$", r"^\W*none\W*$"]
    compiled = compile_patterns(patterns, 0.05, "rule T1")
    start = time.monotonic()
    with pytest.raises(ClarityError, match=r"rule T1: a pattern took longer than 0\.05 s"):
        compiled.search("slow " + "a" * 40 + "!")
    assert time.monotonic() - start < 5


def test_pattern_sets_survive_pickling() -> None:
    compiled = compile_patterns([r"\bask (me|us)\b", r"^\W*none\W*$"], 0.25, "rule T1")
    again: PatternSet = pickle.loads(pickle.dumps(compiled))
    for item in ("Ask me first", "none", "nothing", "ask them"):
        assert again.matches(item) == compiled.search(item)


def test_a_pattern_set_remembers_its_answers_but_not_without_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import clarity.core.rules.patterns as patterns

    compiled = compile_patterns([r"\bsoon\b"], 0.25, "rule T1")
    assert compiled.matches("soon") and not compiled.matches("later")
    assert compiled._memo == {"soon": True, "later": False}
    monkeypatch.setattr(patterns, "_MEMO_MAX", 2)
    assert compiled.matches("very soon")
    assert compiled._memo == {"very soon": True}
