"""Charters in YAML: delegation records that keep where each value came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.reading.charters import charter_kind, parse_charter, read_charter

CHARTER = """\
team: T
delegations:
  - task: A
    outcome: o
    constraints:
      - c1
      - c2

  - task: B
"""


def test_the_kind_is_told_by_the_file_name() -> None:
    assert charter_kind("team.charter.MD") == charter_kind("x.markdown") == "markdown"
    assert charter_kind("team.charter.yaml") == charter_kind("anything") == "yaml"


def test_each_delegation_has_its_record_span_and_positions() -> None:
    parsed = parse_charter(CHARTER, "c.yaml", "yaml")
    assert (parsed.team, parsed.kind) == ("T", "yaml")
    a, b = parsed.entries
    assert (a.task, a.record["constraints"]) == ("A", ["c1", "c2"])
    assert parsed.spans == [(3, 7), (9, 9)], "the blank line between them belongs to neither"
    assert a.locate("outcome") == (4, 14)
    assert a.locate("constraints", 1) == (7, 9)
    assert a.locate("deadline") == a.anchor == (3, 5), "a missing field points at the task"
    assert b.record["outcome"] is None


def test_read_charter_reads_the_file_by_its_kind(tmp_path: Path) -> None:
    path = tmp_path / "team.charter.md"
    path.write_text("## Ship it\n- **Outcome:** shipped\n", encoding="utf-8")
    parsed = read_charter(path)
    assert parsed.kind == "markdown" and parsed.path == str(path)
    assert parsed.entries[0].record["outcome"] == "shipped"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- a\n", "c.yaml:1:1: a charter must be a mapping with 'team:' and 'delegations:'"),
        (
            "delegations:\n  - task: x\n    outcom: y\n",
            "c.yaml:3:5: delegations[0].outcom: unknown key",
        ),
        ("delegations:\n  - outcome: y\n", "c.yaml:2:5: delegations[0].task: a required key"),
    ],
)
def test_a_bad_charter_is_a_located_error(text: str, expected: str) -> None:
    with pytest.raises(ClarityError) as caught:
        parse_charter(text, "c.yaml", "yaml")
    assert str(caught.value).startswith(expected), str(caught.value)


def test_an_empty_file_has_no_delegations() -> None:
    assert parse_charter("", "c.yaml", "yaml").entries == []
