"""The JSON output of `clarity lint`: versioned, one object, safe to print.

``{"version": 1, "tool": {...}, "fail_level": ..., "findings": [...], "diagnostics": [...],
"delegations": [...], "summary": {...}}``; each delegation gives its verdict and traps, as
``check`` does. New keys may be added within a version; none is removed or renamed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from clarity import __version__
from clarity.core.scoring.findings import Diagnostic, LintFinding, LintRun

LINT_JSON_VERSION = 1


def finding_data(f: LintFinding) -> dict[str, Any]:
    return {
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "delegation": f.delegation,
        "field": f.field,
        "rule": f.rule,
        "name": f.name,
        "title": f.title,
        "dimension": f.dimension,
        "severity": f.severity,
        "message": f.message,
        "why": f.why,
        "fix": f.fix,
        "answer": f.answer,
        "trap": f.trap,
    }


def diagnostic_data(d: Diagnostic) -> dict[str, Any]:
    return {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "code": d.code,
        "severity": "error",
        "message": d.message,
    }


def lint_data(run: LintRun, *, stream: bool = False) -> dict[str, Any]:
    """The report as data; with ``stream``, its lists are drawn item by item (see
    ``json_.chunks``), so a run over thousands of charters is never held twice."""
    from clarity.cli.render.json_ import Stream

    def listed(items: Iterator[Any]) -> Any:
        return Stream(items) if stream else list(items)

    return {
        "version": LINT_JSON_VERSION,
        "tool": {"name": "clarity", "version": __version__},
        "fail_level": run.fail_level,
        "findings": listed(finding_data(f) for r in run.files for f in r.findings),
        "diagnostics": listed(diagnostic_data(d) for r in run.files for d in r.diagnostics),
        "delegations": listed(
            {
                "path": v.path,
                "line": v.line,
                "task": v.task,
                "verdict": v.verdict,
                "traps": v.traps,
            }
            for result in run.files
            for v in result.verdicts()
        ),
        "summary": {**run.summary(), "failing": len(run.failing())},
    }


def pieces(run: LintRun) -> Iterator[str]:
    """The report's text, piece by piece as it is drawn."""
    from clarity.cli.render.json_ import chunks

    return chunks(lint_data(run, stream=True))


def render(run: LintRun) -> str:
    return "".join(pieces(run))
