"""Rule packs with hostile conditions: patterns that backtrack catastrophically, patterns that
would take gigabytes to compile, invalid patterns, and conditions naming fields that do not
exist. None may stall clarity or end in a traceback, at any entry point that reads a pack."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.adversarial.helpers import HARMONY, Run, assert_clean, assert_refused, invoke

THIRTY = "a" * 30 + "!"


def pack(when: str, fire: str = f'{{outcome: "{THIRTY}"}}', passes: str = "{outcome: b}") -> str:
    return f"""\
rules:
  - id: T101
    name: hostile
    title: A hostile rule
    dimension: consequences
    severity: error
    when: {when}
    message: m
    why: w
    fix: f
    examples:
      fire:
        - {fire}
      pass:
        - {passes}
"""


WHEN_LINE = 7  # the line of 'when:' in the pack above
WHEN_COL = 11


def matches(pattern: str) -> str:
    return f"{{matches: {{field: outcome, pattern: '{pattern}'}}}}"


def timed(*args: str, tmp_path: Path, text: str) -> tuple[float, Run]:
    (tmp_path / "pack.yaml").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    run = invoke(*args)
    return time.perf_counter() - started, run


# -- catastrophic backtracking ------------------------------------------------------------


@pytest.mark.parametrize("command", [["rules", "test"], ["rules", "validate"]])
@pytest.mark.parametrize(
    ("pattern", "outcome"),
    [
        ("(a+)+$", "no match"),  # the regex engine sees through this one: a fast no-match
        ("(a|aa)+$", "timeout"),
        ("(.*a){25}", "match"),
        ("(\\\\w+\\\\s?)+$", "no match"),
        ("^(a|a?)+$", "no match"),
        ("(a|a)+$", "timeout"),
    ],
)
def test_catastrophic_patterns_do_not_stall(
    command: list[str], pattern: str, outcome: str, tmp_path: Path
) -> None:
    seconds, run = timed(*command, "pack.yaml", tmp_path=tmp_path, text=pack(matches(pattern)))
    assert seconds < 10
    assert "Traceback" not in run.stdout + run.stderr
    if command[1] == "validate" or outcome == "match":
        assert_clean(run)
    elif outcome == "no match":
        assert_clean(run, 1)
        assert "T101 examples.fire[0]: did not fire" in run.stdout
    else:
        assert_refused(
            run,
            "rule T101 (pack.yaml:2:5): a pattern took longer than 0.25 s",
            "simplify the pattern",
        )


def test_a_catastrophic_pattern_in_lint_is_a_rule_error_for_that_rule_only(
    tmp_path: Path,
) -> None:
    (tmp_path / "pack.yaml").write_text(pack(matches("(a|aa)+$")), encoding="utf-8")
    (tmp_path / ".clarity.yaml").write_text("rules: [pack.yaml]\n", encoding="utf-8")
    (tmp_path / "slow.charter.yaml").write_text(
        f'delegations:\n  - task: Slow\n    outcome: "{THIRTY}"\n', encoding="utf-8"
    )
    (tmp_path / "fine.charter.yaml").write_text(
        "delegations:\n  - task: Fine\n    outcome: b\n", encoding="utf-8"
    )
    started = time.perf_counter()
    run = invoke("lint", "--format", "json", ".")
    assert time.perf_counter() - started < 10
    line = assert_refused(run, "a pattern took longer than 0.25 s", where="slow.charter.yaml")
    assert "rule T101 (" in line
    data = json.loads(run.stdout)
    assert [d["code"] for d in data["diagnostics"]] == ["rule-error"]
    # the slow file keeps the findings of the other rules; only the failing rule is missing
    assert {f["delegation"] for f in data["findings"]} == {"Fine", "Slow"}
    assert {f["rule"] for f in data["findings"] if f["delegation"] == "Slow"} - {"T101"}
    assert "T101" not in {f["rule"] for f in data["findings"] if f["delegation"] == "Slow"}


def test_a_catastrophic_pattern_in_check_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text(pack(matches("(a|aa)+$")), encoding="utf-8")
    answers = HARMONY.replace("outcome: The customer", f'outcome: "{THIRTY}" #')
    (tmp_path / "answers.yaml").write_text(answers, encoding="utf-8")
    started = time.perf_counter()
    run = invoke("check", "--rules", "pack.yaml", "--answers", "answers.yaml")
    assert time.perf_counter() - started < 10
    assert_refused(run, "rule T101 (pack.yaml:2:5): a pattern took longer than 0.25 s")


# -- patterns that would take gigabytes to compile -------------------------------------------


@pytest.mark.parametrize("command", [["rules", "validate"], ["rules", "test"]])
@pytest.mark.parametrize(
    "pattern", ["((a{1000}){1000}){1000}", "(?:a{65535}){65535}", "(x{400}y{400}){400}"]
)
def test_a_pattern_too_big_to_compile_is_refused_before_compiling(
    command: list[str], pattern: str, tmp_path: Path
) -> None:
    seconds, run = timed(*command, "pack.yaml", tmp_path=tmp_path, text=pack(matches(pattern)))
    assert seconds < 10
    assert_refused(
        run,
        "is too big: its counted repetitions unroll to more than 100,000 steps",
        where=f"pack.yaml:{WHEN_LINE}:{WHEN_COL + len('{matches: {field: outcome, pattern: ')}",
    )


def test_a_huge_alternation_is_refused_for_its_size_not_for_repetitions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLARITY_MAX_TEXT_CHARS", "1000000")
    pattern = "|".join(f"w{i}" for i in range(150_000))[:975_000]
    seconds, run = timed(
        "rules", "validate", "pack.yaml", tmp_path=tmp_path, text=pack(matches(pattern))
    )
    assert seconds < 20
    line = assert_refused(
        run, "is too big: it is more than 100,000 steps long as written", "split it"
    )
    assert "counted repetitions" not in line


def test_counted_repetitions_of_a_normal_size_are_fine(tmp_path: Path) -> None:
    text = pack(matches("(a{2,}b{3}){10}"), fire="{outcome: aabbb}", passes="{outcome: ab}")
    seconds, run = timed("rules", "test", "pack.yaml", tmp_path=tmp_path, text=text)
    assert_clean(run, 1)  # aabbb once is not ten times
    assert seconds < 10


# -- invalid patterns and conditions ---------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (matches("(a"), "invalid pattern '(a': missing )"),
        (matches("[z-a]"), "invalid pattern '[z-a]': bad character range"),
        (matches("*a"), "invalid pattern '*a': nothing to repeat"),
        (matches("a{2,1}"), "invalid pattern 'a{2,1}'"),
        (matches("x" * 100 + "("), "invalid pattern 'xxxxxxxx"),
        ("{missing: ownr}", "unknown field 'ownr'; did you mean 'owner'?"),
        ("{matches: {field: budget, pattern: x}}", "unknown field 'budget'"),
        (
            "{at_least: {field: symptoms.sign_ofs, level: often}}",
            "unknown field 'symptoms.sign_ofs'",
        ),
        ("{at_least: {field: symptoms.sign_offs, level: a lot}}", "unknown level 'a lot'"),
        ("{is: {field: owner}}", "a required key is missing"),
        ("{contains: owner}", "a condition is a mapping with exactly one of: missing, present"),
        ("{missing: owner, present: owner}", "a condition is a mapping with exactly one of"),
        ("{all: []}", "all"),
        ("{fired: C101}", "'fired' can only be used in advice and scores"),
        ("{count: {min: 0, of: [{missing: owner}]}}", "min"),
    ],
)
def test_invalid_conditions_are_refused_where_they_are_written(
    when: str, message: str, tmp_path: Path
) -> None:
    for command in (["rules", "validate"], ["rules", "test"]):
        _, run = timed(*command, "pack.yaml", tmp_path=tmp_path, text=pack(when))
        line = assert_refused(run, message)
        assert "pack.yaml:" in line
        assert len(line) < 400  # a huge pattern is not repeated in full


def test_a_hostile_pack_named_in_the_configuration_stops_lint_with_its_location(
    tmp_path: Path,
) -> None:
    (tmp_path / "pack.yaml").write_text(pack("{missing: ownr}"), encoding="utf-8")
    (tmp_path / ".clarity.yaml").write_text("rules: [pack.yaml]\n", encoding="utf-8")
    (tmp_path / "a.charter.yaml").write_text("delegations: []\n", encoding="utf-8")
    run = invoke("lint")
    where = f"{tmp_path / 'pack.yaml'}:{WHEN_LINE}:{WHEN_COL + len('{missing: ')}"
    assert_refused(run, "rules[0].when.missing: unknown field 'ownr'", where=where)
