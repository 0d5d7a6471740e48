"""Lint results as values: findings, their fingerprints, per-file verdicts, a run's summary."""

from __future__ import annotations

from pathlib import Path

from clarity.core.scoring.findings import (
    Diagnostic,
    FileResult,
    LintFinding,
    LintRun,
    fingerprint,
)


def finding(
    rule: str = "C101", severity: str = "error", line: int = 4, **changes: object
) -> LintFinding:
    made = LintFinding(
        "team/a.charter.yaml", line, 5, "Ship it", "outcome", rule, "outcome-missing",
        "No outcome", "consequences", severity, "message", "why", "fix",
    )  # fmt: skip
    return made.replace(**changes) if changes else made


def test_a_fingerprint_is_stable_and_tells_occurrences_apart() -> None:
    first = fingerprint("a.charter.yaml", "Ship it", "C101")
    assert first == fingerprint("a.charter.yaml", "Ship it", "C101")
    assert len(first) == 64
    assert first != fingerprint("a.charter.yaml", "Ship it", "C101", occurrence=1)
    assert first != fingerprint("b.charter.yaml", "Ship it", "C101")


def test_each_delegation_gets_the_verdict_check_would_give() -> None:
    result = FileResult(
        "team/a.charter.yaml",
        delegations=3,
        findings=[
            finding("C101", "error"),
            finding("B101", "warning", dimension="boundaries", trap="rubber-stamp"),
            finding("C102", "info", delegation="Quiet one"),
        ],
        tasks=[("Ship it", 3), ("Quiet one", 10), ("Clean", 20)],
    )
    verdicts = [(v.task, v.line, v.verdict, v.traps) for v in result.verdicts()]
    assert verdicts == [
        ("Ship it", 3, "both", ["rubber-stamp"]),
        ("Quiet one", 10, "in-harmony", []),  # an info finding is a remark
        ("Clean", 20, "in-harmony", []),
    ]


def test_a_run_counts_and_fails_at_its_fail_level() -> None:
    files = [
        FileResult(
            "a", delegations=2, findings=[finding("C101", "error"), finding("C102", "warning")]
        ),
        FileResult("b", diagnostics=[Diagnostic("b", 1, 1, "not valid YAML")]),
    ]
    run = LintRun(files, fail_level="warning")
    assert run.summary() == {
        "files": 2, "delegations": 2, "findings": 2, "error": 1, "warning": 1, "info": 0,
        "diagnostics": 1,
    }  # fmt: skip
    assert [f.rule for f in run.failing()] == ["C101", "C102"]
    assert [f.rule for f in LintRun(files).failing()] == ["C101"]


def test_paths_are_written_relative_to_the_project_root(tmp_path: Path) -> None:
    run = LintRun([], root=tmp_path, cwd=tmp_path / "team")
    assert run.where("a.charter.yaml") == "team/a.charter.yaml"
    assert LintRun([]).where("x/../a.charter.yaml") == "x/../a.charter.yaml"


def test_findings_sort_by_place_then_rule() -> None:
    found = [finding("C102", line=9), finding("C101", line=9), finding("B101", line=2)]
    assert [(f.line, f.rule) for f in sorted(found, key=lambda f: f.sort_key)] == [
        (2, "B101"),
        (9, "C101"),
        (9, "C102"),
    ]
