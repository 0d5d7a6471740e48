"""`clarity lint --statistics`: how many findings of each rule, most frequent first."""

from __future__ import annotations

from collections import Counter

from clarity.core.scoring.findings import LintRun


def counts(run: LintRun) -> list[tuple[str, str, str, int]]:
    """(rule, name, severity, count) for every rule with a finding, most frequent first."""
    tally: Counter[tuple[str, str, str]] = Counter(
        (f.rule, f.name, f.severity) for f in run.findings
    )
    rows = [(rule, name, severity, n) for (rule, name, severity), n in tally.items()]
    return sorted(rows, key=lambda row: (-row[3], row[0], row[2]))


def render(run: LintRun, fmt: str, *, color: bool = False) -> str:
    """A table (``fmt`` text and others), or a JSON list (``fmt`` json)."""
    rows = counts(run)
    if fmt == "json":
        from clarity.cli.render.json_ import dumps

        return dumps([{"rule": r, "name": n, "severity": s, "count": c} for r, n, s, c in rows])
    from clarity.cli.render.lint_text import safe

    if not rows:
        return ""
    width = len(str(rows[0][3]))
    bold, reset = ("\x1b[1m", "\x1b[0m") if color else ("", "")
    lines = [f"{c:>{width}}  {bold}{safe(r)}{reset}  {safe(n)} ({s})" for r, n, s, c in rows]
    return "\n".join(lines) + "\n"
