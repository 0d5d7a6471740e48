"""Reading charters: YAML and Markdown into the same delegation records, with positions."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.reading.charters import parse_charter, read_charter
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "charters"


def md(text: str):  # type: ignore[no-untyped-def]
    return parse_charter(text, "team.charter.md", "markdown")


def yml(text: str):  # type: ignore[no-untyped-def]
    return parse_charter(text, "team.charter.yaml", "yaml")


def error_of(text: str, kind: str = "markdown") -> str:
    with pytest.raises(ClarityError) as info:
        parse_charter(text, f"team.charter.{'md' if kind == 'markdown' else 'yaml'}", kind)  # type: ignore[arg-type]
    return str(info.value)


def test_yaml_and_markdown_fixtures_mean_the_same_delegation() -> None:
    from_yaml = read_charter(FIXTURES / "client-services.charter.yaml")
    from_md = read_charter(FIXTURES / "client-services.charter.md")
    assert from_yaml.team == from_md.team == "Client services"
    assert [e.record for e in from_yaml.entries] == [e.record for e in from_md.entries]
    record = from_md.entries[0].record
    assert record["decides_alone"][1] == "When in the week to do the work"
    assert record["checkpoints"] == ["2026-12-14", "2026-12-28"]
    assert record["agreed_upfront"] is True
    assert record["consequences"].startswith("If the error rate rises")
    assert record["consequences"].endswith("two clean reports in a row")


def test_markdown_labels_are_case_insensitive_with_the_colon_inside_or_outside() -> None:
    charter = md(
        "## Task\n"
        "- **OUTCOME:** a\n"
        "- **delegated by**: b\n"
        "- __Decides Alone__ : c; d\n"
        "* **Agreed upfront** no\n"
    )
    record = charter.entries[0].record
    assert record["outcome"] == "a"
    assert record["delegated_by"] == "b"
    assert record["decides_alone"] == ["c", "d"]
    assert record["agreed_upfront"] is False


def test_markdown_positions_of_values_items_and_headings() -> None:
    charter = md(
        "# Team\n"  # 1
        "\n"  # 2
        "## Weekly report\n"  # 3
        "\n"  # 4
        "- **Outcome:**   The report\n"  # 5
        "- **Escalate when:** a;  b\n"  # 6
        "- **Decides alone:**\n"  # 7
        "  - tools\n"  # 8
        "  - timing\n"  # 9
        "- **Quality:**\n"  # 10
    )
    entry = charter.entries[0]
    assert entry.task == "Weekly report"
    assert entry.locate("task") == (3, 4)
    assert entry.locate("outcome") == (5, 18)
    assert entry.locate("escalate_when", 0) == (6, 22)
    assert entry.locate("escalate_when", 1) == (6, 26)
    assert entry.locate("decides_alone", 1) == (9, 5)
    assert entry.locate("quality") == (10, 3), "an empty field is located at its label"
    assert entry.locate("deadline") == (3, 1), "a missing field is located at the heading"
    assert entry.locate(None) == (3, 1)
    assert entry.span == (3, 10)


def test_yaml_positions_of_values_items_and_the_task_line() -> None:
    charter = yml(
        "team: T\n"  # 1
        "delegations:\n"  # 2
        "  - task: Weekly report\n"  # 3
        "    outcome: The report\n"  # 4
        "    quality: ''\n"  # 5
        "    escalate_when: a; b\n"  # 6
        "    decides_alone:\n"  # 7
        "      - tools\n"  # 8
        "      - ''\n"  # 9
        "      - timing\n"  # 10
    )
    entry = charter.entries[0]
    assert entry.locate("outcome") == (4, 14)
    assert entry.locate("quality") == (5, 5)
    assert entry.locate("escalate_when", 1) == (6, 23)
    assert entry.record["decides_alone"] == ["tools", "timing"]
    assert entry.locate("decides_alone", 1) == (10, 9), "empty items are skipped like the model"
    assert entry.locate("deadline") == (3, 5)
    assert entry.span == (3, 10)


def test_delegation_spans_run_from_the_task_line_or_heading_to_the_next() -> None:
    charter = yml(
        "delegations:\n"  # 1
        "  - task: A\n"  # 2
        "    owner: x\n"  # 3
        "\n"  # 4
        "  # clarity: ignore[C101] agreed\n"  # 5
        "  - task: B\n"  # 6
        "    consequences: >-\n"  # 7
        "      folded\n"  # 8
        "      text\n"  # 9
        "\n"  # 10
        "# trailing comment\n"  # 11
    )
    assert charter.spans == [(2, 5), (6, 9)]
    markdown = md("## A\n- **Owner:** x\n\n<!-- note -->\n## B\n- **Owner:** y\n\n")
    assert markdown.spans == [(1, 4), (5, 6)]


def test_markdown_ignores_text_code_blocks_comments_and_deeper_headings() -> None:
    charter = md(
        "Team: Platform\n"
        "Intro text with **bold** words.\n"
        "## Task one ##\n"
        "Some prose. - **Outcome:** not a field\n"
        "- a plain list item\n"
        "- **Important** but not a field\n"
        "### A sub-heading\n"
        "```yaml\n"
        "## not a delegation\n"
        "- **Outcome:** not this one\n"
        "```\n"
        "<!--\n"
        "## commented out\n"
        "-->\n"
        "- **Outcome:** the real one <!-- a note -->\n"
    )
    assert charter.team == "Platform"
    assert [e.task for e in charter.entries] == ["Task one"]
    assert charter.entries[0].record["outcome"] == "the real one"


def test_the_title_gives_the_team_unless_a_team_line_does() -> None:
    assert md("# Platform\n## A\n").team == "Platform"
    assert md("# Charter\nTeam: Core\n## A\n").team == "Core"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "## A\n- **Escalte when:** x\n",
            "team.charter.md:2:3: Escalte when: unknown field 'Escalte when'; "
            "did you mean 'Escalate when'?",
        ),
        (
            "## A\n- **Agreed upfront:** maybe\n",
            "team.charter.md:2:23: Agreed upfront: expected yes or no",
        ),
        (
            "## A\n- **Outcome:** x\n- **outcome:** y\n",
            "team.charter.md:3:3: outcome: 'outcome' is given twice",
        ),
        (
            "## A\n- **Outcome:**\n  - x\n",
            "team.charter.md:3:5: Outcome: 'Outcome' takes one value",
        ),
        (
            "- **Outcome:** x\n## A\n",
            "team.charter.md:1:3: Outcome: 'Outcome' is outside any delegation",
        ),
        ("## A\n- **Task:** x\n", "team.charter.md:2:3: Task: the task is the '## ' heading"),
        ("##\n- **Owner:** x\n", "team.charter.md:1:1: the heading: must not be empty"),
    ],
)
def test_markdown_errors_name_file_line_column_and_label(text: str, expected: str) -> None:
    assert error_of(text).startswith(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- a\n- b\n", "team.charter.yaml:1:1: a charter must be a mapping"),
        (
            "delegations:\n  - task: A\n    agreed_upfront: maybe\n",
            "team.charter.yaml:3:21: delegations[0].agreed_upfront: expected yes or no",
        ),
        (
            "delegations:\n  - task: A\n    outcom: x\n",
            "team.charter.yaml:3:5: delegations[0].outcom: unknown key 'outcom'; "
            "did you mean 'outcome'?",
        ),
        (
            "delegations:\n  - owner: A\n",
            "team.charter.yaml:2:5: delegations[0].task: a required key",
        ),
        ("delegations:\n  - task: [A\n", "team.charter.yaml:2:11: not valid YAML"),
        ("team: x\nteam: y\n", "team.charter.yaml:2:1: duplicate key 'team'"),
    ],
)
def test_yaml_errors_name_file_line_column_and_key(text: str, expected: str) -> None:
    assert error_of(text, "yaml").startswith(expected)


def test_files_are_read_safely(tmp_path: Path) -> None:
    binary = tmp_path / "a.charter.md"
    binary.write_bytes(b"## A\n\x00")
    with pytest.raises(ClarityError, match="NUL byte"):
        read_charter(binary)
    latin = tmp_path / "b.charter.md"
    latin.write_bytes(b"## caf\xe9\n")
    with pytest.raises(ClarityError, match="not UTF-8"):
        read_charter(latin)


def test_empty_files_have_no_delegations() -> None:
    assert yml("").entries == []
    assert md("").entries == []
    assert md("# Only a title\n").entries == []


@pytest.mark.parametrize(
    "text",
    [
        "## " + "*" * 200_000 + "\n",
        "- **" + "*" * 200_000 + "\n",
        "## A\n" + "- **Outcome:** " + "<!--" * 50_000 + "\n",
        "## A\n" + "  " * 100_000 + "- x\n",
        "## A\n- **Escalate when:** " + ";" * 200_000 + "\n",
    ],
)
def test_the_markdown_reader_is_linear_on_hostile_input(text: str) -> None:
    start = time.perf_counter()
    with contextlib.suppress(ClarityError):
        md(text)
    assert time.perf_counter() - start < 2.0
