"""The JSON output of `clarity lint`: versioned, one object, safe to print.

``{"version": 1, "tool": {...}, "fail_level": ..., "findings": [...], "diagnostics": [...],
"delegations": [...], "summary": {...}}``; each delegation gives its verdict and traps, as
``check`` does. New keys may be added within a version; none is removed or renamed.
"""

from __future__ import annotations

import re
from typing import Any

from clarity import __version__
from clarity.core.findings import Diagnostic, LintFinding, LintRun

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


def lint_data(run: LintRun) -> dict[str, Any]:
    return {
        "version": LINT_JSON_VERSION,
        "tool": {"name": "clarity", "version": __version__},
        "fail_level": run.fail_level,
        "findings": [finding_data(f) for f in run.findings],
        "diagnostics": [diagnostic_data(d) for d in run.diagnostics],
        "delegations": [
            {
                "path": v.path,
                "line": v.line,
                "task": v.task,
                "verdict": v.verdict,
                "traps": v.traps,
            }
            for result in run.files
            for v in result.verdicts()
        ],
        "summary": {**run.summary(), "failing": len(run.failing())},
    }


# Lone surrogates (from file names that are not valid UTF-8) cannot be written as UTF-8.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def render(run: LintRun) -> str:
    from clarity.cli.render.json_ import dumps

    text = dumps(lint_data(run))
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
