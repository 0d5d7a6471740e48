"""SARIF 2.1.0 for `clarity lint`: rule metadata, located results, stable fingerprints.

Code scanning (GitHub's upload-sarif, GitLab, Azure DevOps) reads it. Parse errors are not
results but tool execution notifications, and they mark the run as not successful.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from clarity import __version__
from clarity.cli.render.json_ import dumps
from clarity.core.findings import Diagnostic, LintFinding, LintRun
from clarity.core.pack import Rule
from clarity.core.record import say
from clarity.core.text import visible

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
    *, id: str, name: str, title: str, message: str, why: str, fix: str, dimension: str, level: str
) -> dict[str, Any]:
    title, message, why, fix = text(title), text(message), text(why), text(fix)
    return {
        "id": id,
        "name": name,
        "shortDescription": {"text": title},
        "fullDescription": {"text": message},
        "help": {
            "text": f"Why: {why}\n\nFix: {fix}",
            "markdown": f"**Why.** {why}\n\n**Fix.** {fix}",
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


def fingerprint(finding: LintFinding, occurrence: int) -> str:
    """The same for the same file, delegation and rule, wherever the lines move."""
    key = "\0".join((Path(finding.path).as_posix(), finding.delegation, finding.rule))
    if occurrence:
        key += f"\0{occurrence}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def result(finding: LintFinding, index: int, occurrence: int) -> dict[str, Any]:
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
        "locations": [location(finding.path, finding.line, finding.column)],
        "partialFingerprints": {FINGERPRINT: fingerprint(finding, occurrence)},
        "properties": properties,
    }


def notification(diagnostic: Diagnostic) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": text(diagnostic.message)},
        "descriptor": {"id": diagnostic.code},
        "locations": [location(diagnostic.path, diagnostic.line, diagnostic.column)],
    }


def build(run: LintRun, rules: list[Rule]) -> dict[str, Any]:
    descriptors: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule in rules:
        if rule.id not in index:
            index[rule.id] = len(descriptors)
            descriptors.append(rule_descriptor(rule))
    results = []
    seen: dict[tuple[str, str, str], int] = {}
    for finding in run.findings:
        if finding.rule not in index:
            index[finding.rule] = len(descriptors)
            descriptors.append(finding_descriptor(finding))
        key = (Path(finding.path).as_posix(), finding.delegation, finding.rule)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        results.append(result(finding, index[finding.rule], occurrence))
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
                        "toolExecutionNotifications": [notification(d) for d in diagnostics],
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(run: LintRun, rules: list[Rule]) -> str:
    """The whole SARIF log: same run, same bytes."""
    return dumps(build(run, rules))
