"""`clarity lint -`: one charter read from standard input, as editors and formatters pass it.

``--stdin-filename`` names it: its configuration, its kind (Markdown for ``.md``) and the path
findings show; with ``--force-exclude`` a name the configuration or ``.gitignore`` leaves out
is not linted. Standard input is read within the size limit, never past it.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

from clarity.core.errors import ClarityError
from clarity.core.linting.discovery import left_out
from clarity.core.reading.inputs import read_stream
from clarity.core.reading.yamlsafe import decode
from clarity.core.scoring.findings import Diagnostic, FileResult, LintRun

if TYPE_CHECKING:
    from clarity.core.limits import Limits
    from clarity.core.linting.discovery import PathRules
    from clarity.core.linting.lint import LintSettings
    from clarity.core.rules.pack import Pack

STDIN_NAME = "-"


def refuse_a_terminal() -> None:
    """Nothing piped in: waiting for typing would look like a hang, so say what to do."""
    try:
        interactive = sys.stdin.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if interactive:
        raise ClarityError(
            "'-' reads a charter from standard input, but it is a terminal",
            key="PATH",
            hint="pipe a file in: clarity lint - --stdin-filename NAME < FILE",
        )


def read_stdin(name: str, limits: Limits) -> str:
    """Standard input as text (through the one reader of streams), or a ClarityError."""
    raw = read_stream(sys.stdin, name, limits)
    return decode(raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass"), name)


def lint_stdin(
    filename: str | None,
    *,
    pack: Pack,
    settings: LintSettings,
    rules: PathRules,
    gitignore: bool,
    force_exclude: bool,
    fail_level: str,
) -> LintRun:
    from clarity.core.linting.lint import as_diagnostic, lint_file

    name = filename or STDIN_NAME
    if force_exclude and filename is not None and left_out(filename, rules, gitignore):
        return LintRun(fail_level=fail_level)
    try:
        text = read_stdin(name, settings.limits)
    except ClarityError as exc:
        return LintRun([FileResult(name, diagnostics=[as_diagnostic(name, exc, "unreadable")])])
    result = lint_file(name, pack, settings, text=text)
    if filename is None and _looks_like_markdown(text):
        result.diagnostics = [_named(d) for d in result.diagnostics]
    return LintRun([result], fail_level=fail_level)


#: A Markdown charter's heading and field lines (``## Task``, ``- **Outcome:** ...``).
_HEADING = re.compile(r"^#{1,6} \S", re.MULTILINE)
_FIELD = re.compile(r"^\s*[-*] \*\*[^*\n]{1,60}:\*\*", re.MULTILINE)


def _looks_like_markdown(text: str) -> bool:
    return bool(_HEADING.search(text) and _FIELD.search(text))


def _named(found: Diagnostic) -> Diagnostic:
    """A diagnostic of Markdown read as YAML (standard input is YAML unless named), saying so."""
    if found.code != "parse-error":
        return found
    hint = "it looks like a Markdown charter: name it with --stdin-filename NAME.charter.md"
    return Diagnostic(found.path, found.line, found.column, f"{found.message}; {hint}", found.code)
