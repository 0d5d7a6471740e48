"""What `clarity lint` produces: located findings and diagnostics, as plain values.

Every output format (text, json, sarif, github, junit) is a function of a LintRun.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from clarity.core.values import FrozenValue, Value

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def fingerprint(path: str, delegation: str, rule: str, occurrence: int = 0) -> str:
    """A finding's stable identity for SARIF and GitLab: the same for the same file (as
    ``LintRun.where`` names it), delegation and rule, wherever the lines move; ``occurrence``
    tells apart several findings of one rule on one delegation."""
    key = "\0".join((path, delegation, rule))
    if occurrence:
        key += f"\0{occurrence}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


class LintFinding(FrozenValue):
    """A rule that fired on one delegation of one charter, at a 1-based line and column."""

    __slots__ = (
        "answer",
        "column",
        "delegation",
        "dimension",
        "field",
        "fix",
        "line",
        "message",
        "name",
        "path",
        "rule",
        "severity",
        "title",
        "trap",
        "why",
    )
    __match_args__ = (
        "path",
        "line",
        "column",
        "delegation",
        "field",
        "rule",
        "name",
        "title",
        "dimension",
        "severity",
        "message",
        "why",
        "fix",
        "answer",
        "trap",
    )

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        delegation: str,
        field: str | None,
        rule: str,
        name: str,
        title: str,
        dimension: str,
        severity: str,
        message: str,
        why: str,
        fix: str,
        answer: str | None = None,
        trap: str | None = None,
    ) -> None:
        self.trap = trap
        self.path = path
        self.line = line
        self.column = column
        self.delegation = delegation
        self.field = field
        self.rule = rule
        self.name = name
        self.title = title
        self.dimension = dimension
        self.severity = severity
        self.message = message
        self.why = why
        self.fix = fix
        self.answer = answer

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)


class Diagnostic(FrozenValue):
    """A file that could not be linted (does not parse, unreadable, ...): always an error."""

    __slots__ = ("code", "column", "line", "message", "path")
    __match_args__ = ("path", "line", "column", "message", "code")

    def __init__(
        self,
        path: str,
        line: int | None,
        column: int | None,
        message: str,
        code: str = "parse-error",
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.code = code


class FileResult(Value):
    __slots__ = ("delegations", "diagnostics", "findings", "path", "tasks")
    __match_args__ = ("path", "delegations", "findings", "diagnostics", "tasks")

    def __init__(
        self,
        path: str,
        delegations: int = 0,
        findings: list[LintFinding] | None = None,
        diagnostics: list[Diagnostic] | None = None,
        tasks: list[tuple[str, int]] | None = None,
    ) -> None:
        self.path = path
        self.delegations = delegations
        self.findings = [] if findings is None else findings
        self.diagnostics = [] if diagnostics is None else diagnostics
        #: Each delegation's task and the line it starts on, in file order.
        self.tasks = [] if tasks is None else tasks

    def verdicts(self) -> list[DelegationVerdict]:
        """Each delegation's verdict and traps, from the findings it keeps (as ``check``
        decides them: errors and warnings count, info findings are remarks)."""
        from clarity.core.scoring.engine import verdict_for

        out = []
        for task, line in self.tasks:
            mine = [f for f in self.findings if f.delegation == task]
            broke = {f.dimension for f in mine if f.severity != "info"}
            traps = list(dict.fromkeys(f.trap for f in mine if f.trap))
            out.append(DelegationVerdict(self.path, line, task, verdict_for(broke), traps))
        return out


class DelegationVerdict(FrozenValue):
    """Which element broke down in one delegation of a charter."""

    __slots__ = ("line", "path", "task", "traps", "verdict")
    __match_args__ = ("path", "line", "task", "verdict", "traps")

    def __init__(self, path: str, line: int, task: str, verdict: str, traps: list[str]) -> None:
        self.path = path
        self.line = line
        self.task = task
        self.verdict = verdict
        self.traps = traps


class LintRun(Value):
    """The result of linting every file, in a deterministic order (by path)."""

    __slots__ = ("cwd", "fail_level", "files", "root")
    __match_args__ = ("files", "fail_level", "root", "cwd")

    def __init__(
        self,
        files: list[FileResult] | None = None,
        fail_level: str = "error",
        root: Path | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.files = [] if files is None else files
        self.fail_level = fail_level
        #: The project root, which baselines, SARIF and fingerprints are relative to, and the
        #: folder the paths were given from (None: paths are used as given).
        self.root = root
        self.cwd = cwd

    def where(self, path: str) -> str:
        """A path as baselines, SARIF and fingerprints write it: posix, relative to the
        project root, so that it does not depend on where clarity was started."""
        if self.root is None:
            return Path(path).as_posix()
        from clarity.core.settings.globs import relative_to

        return relative_to(self.root, self.cwd or Path.cwd(), path)

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
