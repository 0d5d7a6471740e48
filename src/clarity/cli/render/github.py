"""GitHub Actions workflow commands for `clarity lint`: one annotation per finding.

Every line this writes starts with ``::`` and a command clarity chose. User text only ever
follows it, escaped as the runner expects (``%``, CR and LF in the message; also ``:`` and
``,`` in properties), so no task, path or pack text can start a line of its own and forge a
command such as ``::add-mask::`` or ``::stop-commands::``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from clarity.core.scoring.findings import Diagnostic, LintFinding, LintRun
from clarity.core.text import visible

if TYPE_CHECKING:
    from clarity.core.rules.pack import Rule

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}

# Beyond what visible() escapes: characters some readers take for a line break, and lone
# surrogates (undecodable file names) that cannot be written as UTF-8.
_BREAKING = re.compile(r"[\u2028\u2029\ud800-\udfff]")


def _safe(text: str) -> str:
    return _BREAKING.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(text))


def escape_data(text: str) -> str:
    """The message part of a workflow command."""
    return _safe(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): the message escapes plus ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: list[tuple[str, str]], message: str) -> str:
    """One workflow command line (without its line break)."""
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    head = f"{name} {props}" if props else name
    return f"::{head}::{escape_data(message)}"


def _where(path: str, line: int | None, column: int | None) -> list[tuple[str, str]]:
    props = [("file", Path(path).as_posix())]
    if line is not None:
        props.append(("line", str(line)))
        if column is not None:
            props.append(("col", str(column)))
    return props


def annotation(finding: LintFinding, path: str | None = None) -> str:
    """``path``: the file as the repository names it (``LintRun.where``)."""
    props = _where(path or finding.path, finding.line, finding.column)
    props.append(("title", f"{finding.rule} {finding.name}"))
    message = f"{finding.message} (delegation: {finding.delegation})"
    return command(COMMANDS[finding.severity], props, message)


def diagnostic_annotation(diagnostic: Diagnostic, path: str | None = None) -> str:
    props = _where(path or diagnostic.path, diagnostic.line, diagnostic.column)
    props.append(("title", f"clarity {diagnostic.code}"))
    return command("error", props, diagnostic.message)


def pieces(run: LintRun) -> Iterator[str]:
    """One line per diagnostic and finding, file by file, as they are drawn."""
    for result in run.files:
        for d in result.diagnostics:
            yield diagnostic_annotation(d, run.where(d.path)) + "\n"
        for f in result.findings:
            yield annotation(f, run.where(f.path)) + "\n"


def render(run: LintRun, rules: list[Rule]) -> str:
    """One line per diagnostic and finding, file by file; nothing when all is clean."""
    return "".join(pieces(run))
