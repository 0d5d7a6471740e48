"""Inline suppressions: where they are found, what they cover, and what is reported."""

from __future__ import annotations

import pytest

from clarity.core.linting.suppress import Suppression, apply_suppressions, find_suppressions
from clarity.core.scoring.findings import LintFinding

PATH = "team.charter.yaml"


def finding(line: int, rule: str = "C108", name: str = "no-consequence") -> LintFinding:
    return LintFinding(
        path=PATH,
        line=line,
        column=5,
        delegation="Ship the release",
        field="consequences",
        rule=rule,
        name=name,
        title="title",
        dimension="consequences",
        severity="error",
        message="message",
        why="why",
        fix="fix",
    )


def run(
    text: str,
    findings: list[LintFinding],
    spans: list[tuple[int, int]],
    kind: str = "yaml",
) -> tuple[list[tuple[int, str]], list[tuple[int, int, str, str]]]:
    found = find_suppressions(text, kind, PATH)  # type: ignore[arg-type]
    kept, extras = apply_suppressions(findings, found, spans)
    return (
        [(f.line, f.rule) for f in kept],
        [(f.line, f.column, f.rule, f.severity) for f in extras],
    )


# -- finding them --------------------------------------------------------------------------

YAML = """\
team: Platform
delegations:
  - task: Ship the release  # clarity: ignore[B104] agreed with Sam in March
    outcome: "all green # clarity: ignore[C101] not a comment"
    quality: 'it''s # clarity: ignore[C101] not one either'
    consequences: |
      # clarity: ignore[C101] text of a block scalar
    deadline: it's late  # clarity: ignore[C102, no-consequence] - dates live in the roadmap
    # clarity: ignore[C110] checkpoints are in the team calendar
    checkpoints: weekly
"""


def test_yaml_suppressions_are_found_outside_quotes_and_block_text() -> None:
    found = find_suppressions(YAML, "yaml", PATH)
    assert found == [
        Suppression(3, 29, ("B104",), "agreed with Sam in March", PATH, False, 3),
        Suppression(8, 26, ("C102", "no-consequence"), "dates live in the roadmap", PATH, False, 8),
        Suppression(9, 5, ("C110",), "checkpoints are in the team calendar", PATH, True, 10),
    ]


def test_yaml_that_does_not_parse_falls_back_to_a_careful_guess() -> None:
    text = 'a: "x # clarity: ignore[C101] no"\nb: [unclosed  # clarity: ignore[C102] yes\n'
    found = find_suppressions(text, "yaml", PATH)
    assert [(s.line, s.rules) for s in found] == [(2, ("C102",))]


def test_a_hash_needs_a_space_before_it() -> None:
    assert find_suppressions("outcome: a#clarity: ignore[C101] no\n", "yaml", PATH) == []


MARKDOWN = """\
# Platform team

<!-- clarity: ignore[C108] agreed in the 2024 review -->

## Ship the release

- **Owner:** Ana <!-- clarity: ignore[B104] Sam signs off on vendors -->
- **Deadline:** Friday
```yaml
<!-- clarity: ignore[C101] inside a code block -->
```
- **Quality:** `<!-- clarity: ignore[C101] inline code -->`
<!-- clarity: ignore[C110] reviews happen in the retro -->
- **Checkpoints:** none
"""


def test_markdown_suppressions_skip_code() -> None:
    found = find_suppressions(MARKDOWN, "markdown", PATH)
    assert [(s.line, s.column, s.rules, s.alone, s.target) for s in found] == [
        (3, 1, ("C108",), True, 5),  # alone: covers the next line with content
        (7, 18, ("B104",), False, 7),
        (13, 1, ("C110",), True, 14),
    ]
    assert found[0].reason == "agreed in the 2024 review"


# -- what they cover -----------------------------------------------------------------------

CHARTER = """\
team: Platform
delegations:
  - task: Ship the release
    outcome: all green
    consequences: I'll be disappointed  # clarity: ignore[C108] agreed verbally with Ana
    deadline: soon
  - task: Run the retro  # clarity: ignore[C108] a retro has no consequences
    outcome: better
    consequences: none
  # clarity: ignore[C102] dates live in the roadmap
  - task: Hire
    outcome: a new engineer
"""
SPANS = [(3, 6), (7, 9), (11, 12)]


def test_a_trailing_suppression_covers_its_own_line_only() -> None:
    kept, extras = run(CHARTER, [finding(5), finding(6), finding(7)], SPANS)
    assert (5, "C108") not in kept
    assert (6, "C108") in kept
    assert extras == [(10, 3, "unused-suppression", "warning")]  # nothing fired on Hire


def test_on_a_delegations_first_line_it_covers_the_whole_delegation() -> None:
    kept, extras = run(CHARTER, [finding(5), finding(8), finding(9), finding(8, "C101")], SPANS)
    assert kept == [(8, "C101")]  # other rules still show
    assert extras == [(10, 3, "unused-suppression", "warning")]


def test_alone_just_above_a_delegation_it_covers_the_whole_delegation() -> None:
    findings = [finding(5), finding(8), finding(11, "C102"), finding(12, "C102")]
    kept, extras = run(CHARTER, findings, SPANS)
    assert kept == []
    assert extras == []


def test_alone_on_a_line_it_covers_the_next_line() -> None:
    text = "- task: x\n  # clarity: ignore[C101] not yet\n\n  outcome:\n  deadline:\n"
    kept, extras = run(text, [finding(4, "C101"), finding(5, "C101")], [(1, 5)])
    assert kept == [(5, "C101")]
    assert extras == []


def test_several_rules_by_id_or_name() -> None:
    text = "- task: x\n  outcome: a  # clarity: ignore[C101,no-consequence] reason here\n"
    findings = [finding(2, "C101", "outcome-missing"), finding(2), finding(2, "B101", "b")]
    kept, extras = run(text, findings, [(1, 2)])
    assert kept == [(2, "B101")]
    assert extras == []


def test_markdown_suppressions_cover_lines_and_sections() -> None:
    findings = [finding(8, "C102"), finding(9), finding(7, "B104"), finding(14, "C110")]
    kept, extras = run(MARKDOWN, findings, [(5, 14)], kind="markdown")
    assert kept == [(8, "C102")]
    assert extras == []


# -- what is reported ----------------------------------------------------------------------


def test_a_missing_reason_is_an_error_at_the_comment() -> None:
    text = "- task: x\n  outcome: a  # clarity: ignore[C101]\n"
    kept, extras = run(text, [finding(2, "C101")], [(1, 2)])
    assert kept == []
    assert extras == [(2, 15, "suppression-reason", "error")]


@pytest.mark.parametrize("reason", ["", "  ", " -- ", ": "])
def test_punctuation_is_not_a_reason(reason: str) -> None:
    text = f"<!-- clarity: ignore[C101]{reason}-->\n## Task\n"
    _, extras = run(text, [finding(2, "C101")], [(2, 2)], kind="markdown")
    assert extras == [(1, 1, "suppression-reason", "error")]


def test_an_unused_suppression_is_a_warning() -> None:
    text = "- task: x\n  outcome: a  # clarity: ignore[C101] done\n"
    kept, extras = run(text, [finding(1, "C101")], [(1, 2)])
    assert kept == [(1, "C101")]
    assert extras == [(2, 15, "unused-suppression", "warning")]


def test_a_partly_unused_suppression_names_the_unused_rule() -> None:
    text = "- task: x\n  outcome: a  # clarity: ignore[C101, B104] done\n"
    found = find_suppressions(text, "yaml", PATH)
    _, extras = apply_suppressions(
        [finding(2, "C101")], found, [(1, 2)], delegations=["Write the docs"]
    )
    assert [(f.rule, f.message, f.delegation, f.dimension) for f in extras] == [
        (
            "unused-suppression",
            "B104 in this suppression matches no finding: remove it",
            "Write the docs",
            "meta",
        )
    ]


@pytest.mark.parametrize(
    ("comment", "problem"),
    [
        ("# clarity: ignore C101 because", "write it as '# clarity: ignore[RULE] reason'"),
        ("# clarity: disable[C101] because", "write it as"),
        ("# clarity: ignore[] because", "name the rule"),
        ("# clarity: ignore[C1*] because", "'C1*' is not a rule id or name"),
    ],
)
def test_an_unreadable_suppression_is_an_error(comment: str, problem: str) -> None:
    text = f"- task: x\n  outcome: a  {comment}\n"
    found = find_suppressions(text, "yaml", PATH)
    kept, extras = apply_suppressions([finding(2, "C101")], found, [(1, 2)])
    assert len(kept) == 1  # it hides nothing
    assert [(f.line, f.rule, f.severity) for f in extras] == [(2, "invalid-suppression", "error")]
    assert problem in extras[0].message


def test_an_unclosed_markdown_comment_is_an_error() -> None:
    text = "## Task <!-- clarity: ignore[C101] reason\n"
    _, extras = run(text, [finding(1, "C101")], [(1, 1)], kind="markdown")
    assert extras == [(1, 9, "invalid-suppression", "error")]


def test_no_suppressions_no_change() -> None:
    findings = [finding(3), finding(4, "C101")]
    kept, extras = apply_suppressions(findings, find_suppressions(CHARTER[:40], "yaml", PATH), [])
    assert kept == findings and extras == []
