"""The terminal output of `clarity lint`: findings grouped by file and delegation, then a summary.

Every piece of text, whether it comes from a charter, a path or a rule pack, is passed through
``visible`` and, when colour is on, drawn as a rich ``Text`` (never read as markup).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator

from clarity.core.scoring.findings import Diagnostic, FileResult, LintFinding, LintRun
from clarity.core.text import visible

Segment = tuple[str, str | None]
Line = list[Segment]

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
# Beyond what visible() escapes: line separators, and the lone surrogates an undecodable file
# name turns into (they cannot be written as UTF-8). None of them is printable: the pattern is
# only compiled (by ``re``, once) for a text that is not.
_MORE = r"[\u2028\u2029\ud800-\udfff]"


def safe(text: str) -> str:
    """Text from a file, a path or a pack, made safe to print on one line."""
    shown = visible(text, newlines=False)
    if shown.isprintable():
        return shown
    return re.sub(_MORE, lambda m: f"\\u{ord(m.group()):04x}", shown)


def _where(path: str, line: int | None, column: int | None) -> str:
    if line is None:
        return path
    if column is None:
        return f"{path}:{line}"
    return f"{path}:{line}:{column}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _diagnostic(d: Diagnostic) -> list[Line]:
    return [
        [
            ("  ", None),
            (_where(d.path, d.line, d.column) + ": ", "bold"),
            ("error", _SEVERITY_STYLE["error"]),
            (f" {d.code} ", "bold"),
            (d.message, None),
        ]
    ]


def _finding(f: LintFinding) -> list[Line]:
    head: Line = [
        ("    ", None),
        (_where(f.path, f.line, f.column) + ": ", "bold"),
        (f.severity, _SEVERITY_STYLE.get(f.severity)),
        (f" {f.rule} ", "bold"),
        (f.message, None),
        (f" [{f.name}]", "dim"),
    ]
    lines = [head]
    if f.fix:
        lines.append([("      fix: ", "dim"), (f.fix, "dim")])
    return lines


def _groups(findings: list[LintFinding]) -> Iterable[tuple[str, list[LintFinding]]]:
    """Findings by delegation, in the order each delegation first appears in the file."""
    groups: dict[str, list[LintFinding]] = {}
    for finding in findings:
        groups.setdefault(finding.delegation, []).append(finding)
    return groups.items()


def _file(result: FileResult) -> list[Line]:
    lines: list[Line] = [[(result.path, "bold underline")]]
    for d in result.diagnostics:
        lines.extend(_diagnostic(d))
    for task, findings in _groups(result.findings):
        lines.append(
            [
                ("  delegation ", "dim"),
                (f'"{task}"', "bold"),
                (f" ({_plural(len(findings), 'finding')})", "dim"),
            ]
        )
        for finding in findings:
            lines.extend(_finding(finding))
    return lines


def summary_line(run: LintRun) -> Line:
    s = run.summary()
    checked = f"Checked {_plural(s['files'], 'file')}, {_plural(s['delegations'], 'delegation')}: "
    line: Line = [(checked, "bold")]
    if not s["findings"] and not s["diagnostics"]:
        line.append(("no findings.", "bold green"))
        return line
    parts: list[Segment] = [
        (_plural(s["error"], "error"), _SEVERITY_STYLE["error"] if s["error"] else None),
        (_plural(s["warning"], "warning"), _SEVERITY_STYLE["warning"] if s["warning"] else None),
        (f"{s['info']} info", None),
    ]
    for i, part in enumerate(parts):
        if i:
            line.append((", ", None))
        line.append(part)
    if s["diagnostics"]:
        line.append(("; ", None))
        line.append((_plural(s["diagnostics"], "file") + " could not be linted", "bold red"))
    failing = len(run.failing())
    if failing:
        line.append(("; ", None))
        line.append((f"{failing} at or above the fail level ({run.fail_level})", "bold"))
    line.append((".", None))
    return line


def _line_groups(run: LintRun, summary: bool = True) -> Iterator[list[Line]]:
    """The report's lines, one file at a time, then the summary (unless ``summary`` is
    False, as with --quiet)."""
    for result in run.files:
        if result.findings or result.diagnostics:
            yield [*_file(result), []]
    if summary:
        yield [summary_line(run)]


def lines_of(run: LintRun) -> list[Line]:
    return [line for group in _line_groups(run) for line in group]


def chunks(run: LintRun, *, color: bool = False, summary: bool = True) -> Iterator[str]:
    """The report as text, one file at a time (so a run over thousands of charters is never
    held in memory whole); with ``color``, ANSI styles drawn by rich."""
    groups = (
        [[(safe(text), style) for text, style in line] for line in g]
        for g in _line_groups(run, summary)
    )
    if not color:
        for lines in groups:
            yield "".join("".join(text for text, _ in line) + "\n" for line in lines)
        return
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=True,
        color_system="standard",
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=True,
        width=10_000,
    )
    for lines in groups:
        for line in lines:
            text = Text()
            for part, style in line:
                text.append(part, style=style or "")
            console.print(text)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def render(run: LintRun, *, color: bool = False) -> str:
    """The report as text; with ``color``, ANSI styles drawn by rich."""
    return "".join(chunks(run, color=color))
