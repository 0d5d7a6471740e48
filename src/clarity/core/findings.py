"""What `clarity lint` produces: located findings and diagnostics, as plain values.

Every output format (text, json, sarif, github, junit) is a function of a LintRun.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class LintFinding:
    """A rule that fired on one delegation of one charter, at a 1-based line and column."""

    path: str
    line: int
    column: int
    delegation: str
    field: str | None
    rule: str
    name: str
    title: str
    dimension: str
    severity: str
    message: str
    why: str
    fix: str
    answer: str | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)


@dataclass(frozen=True)
class Diagnostic:
    """A file that could not be linted (does not parse, unreadable, ...): always an error."""

    path: str
    line: int | None
    column: int | None
    message: str
    code: str = "parse-error"


@dataclass
class FileResult:
    path: str
    delegations: int = 0
    findings: list[LintFinding] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class LintRun:
    """The result of linting every file, in a deterministic order (by path)."""

    files: list[FileResult] = field(default_factory=list)
    fail_level: str = "error"

    @property
    def findings(self) -> list[LintFinding]:
        return [f for result in self.files for f in result.findings]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for result in self.files for d in result.diagnostics]

    def failing(self) -> list[LintFinding]:
        bound = SEVERITY_RANK[self.fail_level]
        return [f for f in self.findings if SEVERITY_RANK[f.severity] >= bound]

    def summary(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity] += 1
        return {
            "files": len(self.files),
            "delegations": sum(r.delegations for r in self.files),
            "findings": len(self.findings),
            **counts,
            "diagnostics": len(self.diagnostics),
        }
