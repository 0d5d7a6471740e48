"""Baselines: known findings stay quiet, new ones show, keyed by file, delegation and rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.linting.baseline import Baseline, load_baseline, write_baseline
from clarity.core.scoring.findings import LintFinding


def finding(
    line: int,
    rule: str = "C108",
    delegation: str = "Ship the release",
    path: str = "charters/team.charter.yaml",
) -> LintFinding:
    return LintFinding(
        path=path,
        line=line,
        column=5,
        delegation=delegation,
        field="consequences",
        rule=rule,
        name="no-consequence",
        title="title",
        dimension="consequences",
        severity="error",
        message="message",
        why="why",
        fix="fix",
    )


OLD = [
    finding(4),
    finding(5, "C101"),
    finding(12, "C108", "Run the retro"),
    finding(20, "B104", "Hire", "charters/hiring.charter.md"),
]


def roundtrip(tmp_path: Path, findings: list[LintFinding]) -> Baseline:
    path = tmp_path / "clarity-baseline.json"
    write_baseline(path, findings)
    return load_baseline(path)


def test_written_then_read_it_hides_every_known_finding(tmp_path: Path) -> None:
    baseline = roundtrip(tmp_path, OLD)
    assert baseline.filter(OLD) == []
    assert len(baseline) == 4


def test_the_file_is_versioned_sorted_and_has_no_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(path, [*OLD, finding(30)])
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["findings"] == [
        {"path": "charters/hiring.charter.md", "delegation": "Hire", "rule": "B104", "count": 1},
        {
            "path": "charters/team.charter.yaml",
            "delegation": "Run the retro",
            "rule": "C108",
            "count": 1,
        },
        {
            "path": "charters/team.charter.yaml",
            "delegation": "Ship the release",
            "rule": "C101",
            "count": 1,
        },
        {
            "path": "charters/team.charter.yaml",
            "delegation": "Ship the release",
            "rule": "C108",
            "count": 2,
        },
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.json"]  # no temporary file left


def test_a_new_finding_in_another_delegation_shows(tmp_path: Path) -> None:
    baseline = roundtrip(tmp_path, OLD)
    new = finding(40, "C108", "Plan the offsite")
    assert baseline.filter([*OLD, new]) == [new]


def test_a_new_rule_on_a_known_delegation_shows(tmp_path: Path) -> None:
    baseline = roundtrip(tmp_path, OLD)
    new = finding(6, "C102")
    assert baseline.filter([*OLD, new]) == [new]


def test_moved_lines_do_not_bring_old_findings_back(tmp_path: Path) -> None:
    baseline = roundtrip(tmp_path, OLD)
    moved = [f.replace(line=f.line + 17, column=1) for f in OLD]
    assert baseline.filter(moved) == []


def test_counts_one_more_than_the_baseline_is_one_new(tmp_path: Path) -> None:
    baseline = roundtrip(tmp_path, [finding(4), finding(8)])
    third = finding(9)
    assert baseline.filter([finding(8), third, finding(4)]) == [third]  # the last one is new
    assert baseline.filter([finding(4)]) == []  # one fixed: nothing new


def test_a_fixed_file_and_a_renamed_file(tmp_path: Path) -> None:
    baseline = roundtrip(tmp_path, OLD)
    renamed = OLD[0].replace(path="charters/platform.charter.yaml")
    assert baseline.filter([renamed]) == [renamed]
    assert baseline.filter([]) == []


def test_writing_replaces_the_old_baseline(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(path, OLD)
    write_baseline(path, OLD[:1])
    assert len(load_baseline(path)) == 1


def test_writing_where_it_cannot_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ClarityError, match="cannot write"):
        write_baseline(tmp_path / "no" / "such" / "folder.json", OLD)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"version": 1,\n "findings": [}\n',
            "baseline.json:2:15: not valid JSON: Expecting value",
        ),
        ("[]\n", "baseline.json:1:1: a baseline must be a JSON object"),
        (
            '{"version": 2, "findings": []}\n',
            "baseline.json:1:13: version: unsupported baseline version 2; this clarity reads "
            "version 1: regenerate it with --update-baseline",
        ),
        ('{"findings": []}\n', "baseline.json:1:1: version: a required key is missing"),
        (
            '{\n  "version": 1,\n  "findings": [\n    {"path": "a", "delegation": "b", "rule": "C1"}\n  ]\n}\n',
            "baseline.json:4:5: findings[0].count: a required key is missing",
        ),
        (
            '{\n  "version": 1,\n  "findings": [\n    {"path": "a", "delegation": "b", "rule": "C1",\n     "count": 1, "line": 3}\n  ]\n}\n',
            "baseline.json:5:18: findings[0].line: unknown key 'line'",
        ),
    ],
)
def test_a_bad_baseline_is_a_located_error(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ClarityError) as caught:
        load_baseline(path)
    assert str(caught.value).startswith(f"{tmp_path}/{expected}"), str(caught.value)


def test_a_missing_baseline_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ClarityError, match="no such file"):
        load_baseline(tmp_path / "missing.json")
