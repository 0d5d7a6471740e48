"""SARIF 2.1.0 for `clarity lint`: rule metadata, located results, stable fingerprints.

Code scanning (GitHub's upload-sarif, GitLab, Azure DevOps) reads it. Parse errors are not
results but tool execution notifications, and they mark the run as not successful.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from clarity import __version__
from clarity.core.record import say
from clarity.core.scoring.findings import Diagnostic, LintFinding, LintRun
from clarity.core.scoring.findings import fingerprint as stable_id
from clarity.core.text import md_escape, visible

if TYPE_CHECKING:
    from clarity.core.rules.pack import Rule

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
FINGERPRINT = "clarity/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}

# Characters a relative URI reference may carry as they are (RFC 3986 pchar minus ':',
# which would read as a scheme in the first segment); everything else is percent-encoded.
_URI_SAFE = "/!$&'()*+,;=@-._~"
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def text(value: str) -> str:
    """User text for a SARIF message: controls, bidi and lone surrogates as visible escapes."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(value))


def artifact_location(path: str) -> dict[str, str]:
    """A path as SARIF wants it: a relative URI under %SRCROOT%, or an absolute file URI."""
    local = Path(path)
    if local.is_absolute():
        return {"uri": local.as_uri()}
    return {
        "uri": quote(local.as_posix(), safe=_URI_SAFE, errors="surrogateescape"),
        "uriBaseId": SRCROOT,
    }


def location(path: str, line: int | None, column: int | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(path)}
    if line is not None:
        region: dict[str, int] = {"startLine": max(line, 1)}
        if column is not None:
            region["startColumn"] = max(column, 1)
        physical["region"] = region
    return {"physicalLocation": physical}


def _descriptor(
    *,
    id: str,
    name: str,
    title: str,
    message: str,
    why: str,
    fix: str,
    dimension: str,
    level: str,
    help_uri: str | None = None,
) -> dict[str, Any]:
    title, message, why, fix = text(title), text(message), text(why), text(fix)
    link = {"helpUri": help_uri} if help_uri else {}
    return {
        **link,
        "id": id,
        "name": name,
        "shortDescription": {"text": title},
        "fullDescription": {"text": message},
        "help": {
            "text": f"Why: {why}\n\nFix: {fix}",
            "markdown": f"**Why.** {md_escape(why)}\n\n**Fix.** {md_escape(fix)}",
        },
        "defaultConfiguration": {"level": LEVELS[level]},
        "properties": {"dimension": dimension, "tags": ["clarity", dimension]},
    }


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    return _descriptor(
        id=rule.id,
        name=rule.name,
        title=say(rule.title, "leader"),
        message=say(rule.message, "leader"),
        why=say(rule.why, "leader"),
        fix=say(rule.fix, "leader"),
        dimension=rule.dimension,
        level=rule.severity,
        help_uri=getattr(rule, "help_uri", None),
    )


def finding_descriptor(finding: LintFinding) -> dict[str, Any]:
    """Metadata for a rule the caller did not list, from what the finding carries."""
    return _descriptor(
        id=finding.rule,
        name=finding.name,
        title=finding.title,
        message=finding.message,
        why=finding.why,
        fix=finding.fix,
        dimension=finding.dimension,
        level=finding.severity,
    )


def _as_given(path: str) -> str:
    return Path(path).as_posix()


def fingerprint(
    finding: LintFinding, occurrence: int, where: Callable[[str], str] = _as_given
) -> str:
    """The same for the same file (relative to the project root, see ``LintRun.where``),
    delegation and rule, wherever the lines move and wherever clarity was started."""
    return stable_id(where(finding.path), finding.delegation, finding.rule, occurrence)


def result(
    finding: LintFinding, index: int, occurrence: int, where: Callable[[str], str] = _as_given
) -> dict[str, Any]:
    task = text(finding.delegation)
    properties: dict[str, Any] = {
        "delegation": task,
        "dimension": finding.dimension,
        "severity": finding.severity,
    }
    if finding.field is not None:
        properties["field"] = finding.field
    return {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": f"{text(finding.message)} (delegation: {task})"},
        "locations": [location(where(finding.path), finding.line, finding.column)],
        "partialFingerprints": {FINGERPRINT: fingerprint(finding, occurrence, where)},
        "properties": properties,
    }


def notification(diagnostic: Diagnostic, where: Callable[[str], str] = _as_given) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": text(diagnostic.message)},
        "descriptor": {"id": diagnostic.code},
        "locations": [location(where(diagnostic.path), diagnostic.line, diagnostic.column)],
    }


def _results(run: LintRun, index: dict[str, int]) -> Iterator[dict[str, Any]]:
    seen: dict[tuple[str, str, str], int] = {}
    for finding in run.findings:
        key = (run.where(finding.path), finding.delegation, finding.rule)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        yield result(finding, index[finding.rule], occurrence, run.where)


def build(run: LintRun, rules: list[Rule], *, stream: bool = False) -> dict[str, Any]:
    """The SARIF log as data; with ``stream``, its results are drawn one by one (see
    ``json_.chunks``)."""
    from clarity.cli.render.json_ import Stream

    descriptors: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule in rules:
        if rule.id not in index:
            index[rule.id] = len(descriptors)
            descriptors.append(rule_descriptor(rule))
    for finding in run.findings:
        if finding.rule not in index:
            index[finding.rule] = len(descriptors)
            descriptors.append(finding_descriptor(finding))
    results = _results(run, index)
    diagnostics = run.diagnostics
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "clarity",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not diagnostics,
                        "toolExecutionNotifications": [
                            notification(d, run.where) for d in diagnostics
                        ],
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "results": Stream(results) if stream else list(results),
            }
        ],
    }


def pieces(run: LintRun, rules: list[Rule]) -> Iterator[str]:
    """The SARIF log's text, piece by piece as it is drawn."""
    from clarity.cli.render.json_ import chunks

    return chunks(build(run, rules, stream=True))


def render(run: LintRun, rules: list[Rule]) -> str:
    """The whole SARIF log: same run, same bytes."""
    return "".join(pieces(run, rules))
