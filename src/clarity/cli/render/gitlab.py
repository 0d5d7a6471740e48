"""GitLab code quality (the Code Climate subset GitLab reads) for `clarity lint`.

A JSON array with one object per finding: ``description``, ``check_name``, ``fingerprint``,
``severity`` (``info``, ``minor``, ``major``, ``critical``) and ``location.path`` /
``location.lines.begin``, the path relative to the project root. A file that could not be
linted is a ``critical`` issue. In ``.gitlab-ci.yml``: ``artifacts: reports: codequality:``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from clarity.core.scoring.findings import LintRun, fingerprint
from clarity.core.text import visible

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def issues(run: LintRun) -> Iterator[dict[str, Any]]:
    """The issues, file by file."""
    for result in run.files:
        path = run.where(result.path)
        for d in result.diagnostics:
            yield {
                "description": visible(f"{d.message}"),
                "check_name": f"clarity/{d.code}",
                "fingerprint": fingerprint(path, "", d.code, d.line or 0),
                "severity": "critical",
                "location": {"path": path, "lines": {"begin": d.line or 1}},
            }
        seen: dict[tuple[str, str], int] = {}
        for f in result.findings:
            occurrence = seen.get((f.delegation, f.rule), 0)
            seen[(f.delegation, f.rule)] = occurrence + 1
            yield {
                "description": visible(f"{f.rule} {f.message} (delegation: {f.delegation})"),
                "check_name": f.rule,
                "fingerprint": fingerprint(path, f.delegation, f.rule, occurrence),
                "severity": SEVERITIES[f.severity],
                "location": {"path": path, "lines": {"begin": f.line or 1}},
            }


def chunks(run: LintRun) -> Iterator[str]:
    """The report as text, one issue at a time (never held whole)."""
    from clarity.cli.render.json_ import line

    first = True
    yield "["
    for issue in issues(run):
        yield ("\n  " if first else ",\n  ") + line(issue).rstrip("\n")
        first = False
    yield "\n]\n" if not first else "]\n"


def render(run: LintRun) -> str:
    return "".join(chunks(run))
