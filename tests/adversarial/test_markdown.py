"""Markdown charters with a broken structure: each is one located error (exit 2), or, where the
structure is valid but says little, findings (exit 1); never a guess, a hang or a traceback."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.adversarial.helpers import assert_clean, assert_refused, feed

NAME = "team.charter.md"

# (id, the charter, the message, line:col)
BROKEN = [
    (
        "duplicate-heading",
        "## Weekly report\n\n- **Owner:** Sam\n\n## Weekly report\n\n- **Owner:** Kim\n",
        "the heading: the delegation 'Weekly report' is given twice (first at line 1)",
        "5:4",
    ),
    (
        "duplicate-heading-other-case",
        "## Weekly report\n\n## weekly  REPORT\n",
        "is given twice (first at line 1)",
        "3:4",
    ),
    (
        "field-outside-a-section",
        "# Team\n\n- **Owner:** Sam\n\n## Weekly report\n",
        "Owner: 'Owner' is outside any delegation; put it under a '## ' heading",
        "3:3",
    ),
    (
        "field-under-a-setext-heading",  # only '## ' headings open a delegation
        "Weekly report\n=============\n\n- **Owner:** Sam\n",
        "'Owner' is outside any delegation",
        "4:3",
    ),
    (
        "field-under-a-deeper-heading",
        "### Weekly report\n\n- **Owner:** Sam\n",
        "'Owner' is outside any delegation",
        "3:3",
    ),
    (
        "unknown-label",
        "## Weekly report\n\n- **Ownr:** Sam\n",
        "Ownr: unknown field 'Ownr'; did you mean 'Owner'?",
        "3:3",
    ),
    (
        "unknown-label-far-off",
        "## Weekly report\n\n- **Budget:** 5000\n",
        "unknown field 'Budget'; known fields: Owner, Delegated by",
        "3:3",
    ),
    (
        "empty-heading",
        "## Weekly report\n\n- **Owner:** Sam\n\n##\n\n- **Owner:** Kim\n",
        "the heading: must not be empty",
        "5:1",
    ),
    (
        "field-twice",
        "## Weekly report\n\n- **Owner:** Sam\n- **owner:** Kim\n",
        "'owner' is given twice in this delegation (first at line 3)",
        "4:3",
    ),
    (
        "list-under-a-one-value-field",
        "## Weekly report\n\n- **Outcome:**\n  - one\n  - two\n",
        "'Outcome' takes one value, not a list",
        "4:5",
    ),
    (
        "yes-no-field-with-another-word",
        "## Weekly report\n\n- **Agreed upfront:** maybe\n",
        "Agreed upfront: expected yes or no, got 'maybe'",
        "3:23",
    ),
    (
        "task-as-a-field",
        "## Weekly report\n\n- **Task:** Something else\n",
        "the task is the '## ' heading, not a field",
        "3:3",
    ),
    (
        "text-too-long",
        "## Weekly report\n\n- **Outcome:** " + "x" * 20_001 + "\n",
        "Outcome: a text longer than 20000 characters",
        "3:16",
    ),
]


@pytest.mark.parametrize(
    ("text", "message", "where"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN]
)
def test_broken_structure_is_one_located_error(
    text: str, message: str, where: str, tmp_path: Path
) -> None:
    run = feed("lint-md", tmp_path, text)
    assert_refused(run, message, where=f"{NAME}:{where}")
    assert json.loads(run.stdout)["diagnostics"][0]["code"] == "parse-error"


def findings_of(text: str, tmp_path: Path) -> list[dict[str, object]]:
    run = feed("lint-md", tmp_path, text)
    assert_clean(run, 1)
    findings: list[dict[str, object]] = json.loads(run.stdout)["findings"]
    return findings


def test_an_empty_section_is_a_delegation_with_nothing_agreed(tmp_path: Path) -> None:
    findings = findings_of("## Weekly report\n\n## Monthly report\n\n- **Owner:** Sam\n", tmp_path)
    empty = {f["rule"] for f in findings if f["delegation"] == "Weekly report"}
    assert {"C101", "C103", "C105", "C107"} <= empty  # outcome, deadline, quality, consequences
    assert {(f["line"], f["column"]) for f in findings if f["delegation"] == "Weekly report"} == {
        (1, 1)
    }


def test_a_field_with_no_value_is_an_empty_answer(tmp_path: Path) -> None:
    findings = findings_of("## Weekly report\n\n- **Outcome:**\n- **Owner:** Sam\n", tmp_path)
    outcome = [f for f in findings if f["rule"] == "C101"]
    assert outcome and (outcome[0]["line"], outcome[0]["column"]) == (3, 3)


@pytest.mark.parametrize(
    "text",
    [
        "```\n## Weekly report\n\n- **Owner:** Sam\n",  # a fence never closed
        "<!--\n## Weekly report\n\n- **Owner:** Sam\n",  # a comment never closed
        "",
        "just prose, no headings at all\n",
    ],
    ids=["open-fence", "open-comment", "empty", "prose"],
)
def test_text_that_holds_no_delegation_is_linted_as_none(text: str, tmp_path: Path) -> None:
    run = feed("lint-md", tmp_path, text)
    assert_clean(run, 0)
    assert json.loads(run.stdout)["summary"]["delegations"] == 0


def test_pathological_markdown_is_read_in_linear_time(tmp_path: Path) -> None:
    text = (
        "## Weekly report\n\n"
        + "- **" * 50_000
        + "\n"
        + "<!--" * 50_000
        + "\n-->\n"
        + "`" * 50_000
        + "\n"
        + "#" * 50_000
        + "\n"
        + "- **Owner:** "
        + "*" * 10_000
        + "\n"
    )
    started = time.perf_counter()
    run = feed("lint-md", tmp_path, text)
    assert time.perf_counter() - started < 10
    assert "Traceback" not in run.stdout + run.stderr
    assert run.code in (0, 1, 2)


def test_many_sections_are_linted_in_bounded_time(tmp_path: Path) -> None:
    text = "".join(f"## Task {i}\n\n- **Owner:** Sam\n\n" for i in range(2_000))
    started = time.perf_counter()
    run = feed("lint-md", tmp_path, text)
    assert time.perf_counter() - started < 30
    assert_clean(run, 1)
    assert json.loads(run.stdout)["summary"]["delegations"] == 2_000
