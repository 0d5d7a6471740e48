"""JUnit XML for `clarity lint`, for CI test dashboards (GitLab, Jenkins, Azure, CircleCI).

One ``<testsuite>`` per charter file and one ``<testcase>`` per delegation with findings
(classname the path, name the task). A delegation with findings at or above the fail level
fails with one ``<failure>`` listing them all: most dashboards show only the first failure of
a test case, and some parsers reject more than one. Findings below the fail level go to the
test case's ``<system-out>``, so they are visible without failing it. A file that cannot be
linted is a test case with an ``<error>``. The clean delegations of a file are one passing
test case, since a LintRun names only the delegations that have findings.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from clarity.core.scoring.findings import (
    SEVERITY_RANK,
    Diagnostic,
    FileResult,
    LintFinding,
    LintRun,
)
from clarity.core.text import visible

if TYPE_CHECKING:
    from clarity.core.rules.pack import Rule

# What XML 1.0 cannot carry even escaped, beyond the controls visible() already escapes.
_ILLEGAL = re.compile(r"[\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str, *, newlines: bool = True) -> str:
    """User text as legal XML 1.0 character data: what cannot appear is shown as an escape."""
    return _ILLEGAL.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(text, newlines=newlines))


def attr(text: str) -> str:
    """An attribute value: one line."""
    return xml_text(text, newlines=False)


def _where(path: str, line: int | None, column: int | None) -> str:
    if line is None:
        return path
    return f"{path}:{line}:{column}" if column is not None else f"{path}:{line}"


def describe(finding: LintFinding) -> str:
    field = f" (field: {finding.field})" if finding.field else ""
    return (
        f"{_where(finding.path, finding.line, finding.column)}: {finding.severity} "
        f"{finding.rule} {finding.name}{field}\n"
        f"{finding.message}\n"
        f"Why: {finding.why}\n"
        f"Fix: {finding.fix}\n"
    )


def _blocks(findings: list[LintFinding]) -> str:
    return xml_text("\n".join(describe(f) for f in findings))


def _failure(case: ET.Element, failing: list[LintFinding]) -> None:
    if len(failing) == 1:
        only = failing[0]
        message = f"{only.rule} {only.name}: {only.message}"
    else:
        message = f"{len(failing)} findings: " + ", ".join(f"{f.rule} {f.name}" for f in failing)
    element = ET.SubElement(
        case,
        "failure",
        message=attr(message),
        type=",".join(dict.fromkeys(f.rule for f in failing)),
    )
    element.text = _blocks(failing)


def delegation_case(
    suite: ET.Element, path: str, task: str, findings: list[LintFinding], bound: int
) -> bool:
    """A test case for one delegation; True when it fails."""
    case = ET.SubElement(
        suite,
        "testcase",
        classname=attr(path),
        name=attr(task),
        file=attr(path),
        line=str(findings[0].line),
    )
    failing = [f for f in findings if SEVERITY_RANK[f.severity] >= bound]
    below = [f for f in findings if SEVERITY_RANK[f.severity] < bound]
    if failing:
        _failure(case, failing)
    if below:
        ET.SubElement(case, "system-out").text = _blocks(below)
    return bool(failing)


def diagnostic_case(suite: ET.Element, path: str, diagnostic: Diagnostic) -> None:
    case = ET.SubElement(
        suite, "testcase", classname=attr(path), name=attr(diagnostic.code), file=attr(path)
    )
    if diagnostic.line is not None:
        case.set("line", str(diagnostic.line))
    error = ET.SubElement(
        case, "error", message=attr(diagnostic.message), type=attr(diagnostic.code)
    )
    where = _where(path, diagnostic.line, diagnostic.column)
    error.text = xml_text(f"{where}: {diagnostic.message}\n")


def by_delegation(findings: list[LintFinding]) -> list[list[LintFinding]]:
    """The findings of each delegation, in order of first appearance.

    Findings are told apart by task; a rule fires at most once per delegation, so a rule seen
    again under the same task belongs to a second delegation with the same task.
    """
    groups: list[list[LintFinding]] = []
    for finding in findings:
        for group in groups:
            if group[0].delegation == finding.delegation and all(
                f.rule != finding.rule for f in group
            ):
                group.append(finding)
                break
        else:
            groups.append([finding])
    return groups


def _cases(result: FileResult, bound: int) -> tuple[list[list[LintFinding]], int, int, int, int]:
    """A file's delegation groups, its clean delegations and its (tests, failures, errors)."""
    groups = by_delegation(result.findings)
    clean = max(result.delegations - len(groups), 0)
    failures = sum(1 for group in groups if any(SEVERITY_RANK[f.severity] >= bound for f in group))
    errors = len(result.diagnostics)
    tests = errors + len(groups) + (1 if clean else 0)
    return groups, clean, tests, failures, errors


def file_suite(root: ET.Element, result: FileResult, bound: int) -> tuple[int, int, int]:
    """One test suite per file; returns its (tests, failures, errors)."""
    path = Path(result.path).as_posix()
    suite = ET.SubElement(root, "testsuite", name=attr(path))
    groups, clean, tests, failures, errors = _cases(result, bound)
    for diagnostic in result.diagnostics:
        diagnostic_case(suite, path, diagnostic)
    for findings in groups:
        delegation_case(suite, path, findings[0].delegation, findings, bound)
    if clean > 0:
        noun = "delegation" if clean == 1 else "delegations"
        ET.SubElement(
            suite,
            "testcase",
            classname=attr(path),
            name=f"{clean} {noun} without findings",
            file=attr(path),
        )
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    return tests, failures, errors


def _root(run: LintRun, bound: int) -> ET.Element:
    """The ``<testsuites>`` element with the run's totals, and no suite yet."""
    root = ET.Element("testsuites", name="clarity")
    totals = [0, 0, 0]
    for result in run.files:
        for i, count in enumerate(_cases(result, bound)[2:]):
            totals[i] += count
    for key, count in zip(("tests", "failures", "errors"), totals, strict=True):
        root.set(key, str(count))
    return root


def build(run: LintRun) -> ET.Element:
    """The whole report as one element tree."""
    bound = SEVERITY_RANK[run.fail_level]
    root = _root(run, bound)
    for result in run.files:
        file_suite(root, result, bound)
    return root


HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'


def pieces(run: LintRun) -> Iterator[str]:
    """The report as a UTF-8 XML document, one file's suite at a time (a report of thousands
    of charters is never held whole): the same text as indenting and writing ``build``."""
    bound = SEVERITY_RANK[run.fail_level]
    root = _root(run, bound)
    yield HEADER
    if not run.files:
        yield ET.tostring(root, encoding="unicode") + "\n"
        return
    empty = ET.tostring(root, encoding="unicode")
    yield empty[: -len(" />")] + ">"
    for result in run.files:
        holder = ET.Element("testsuites")
        file_suite(holder, result, bound)
        (suite,) = holder
        ET.indent(suite, level=1)
        suite.tail = None
        yield "\n  " + ET.tostring(suite, encoding="unicode")
    yield "\n</testsuites>\n"


def render(run: LintRun, rules: list[Rule]) -> str:
    """The JUnit report as a UTF-8 XML document."""
    return "".join(pieces(run))
