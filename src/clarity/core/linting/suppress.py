"""Inline suppressions: ``# clarity: ignore[RULE] reason`` (YAML) and
``<!-- clarity: ignore[RULE] reason -->`` (Markdown).

A suppression names one or more rules (ids or names, separated by commas) and must give a
reason. At the end of a line it covers that line; alone on a line it covers the next line with
content. On a delegation's first line (its ``- task:`` line or its ``##`` heading), or alone
just above it, it covers the whole delegation. A suppression that matches nothing is reported,
as ruff's RUF100 does, so they do not pile up after the charter is fixed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

from clarity.core.record import say
from clarity.core.scoring.findings import LintFinding
from clarity.core.text import lines_of
from clarity.core.values import FrozenValue

Kind = Literal["yaml", "markdown"]

# Compiled (by ``re``, once) where they are used, when they are: most charters hold no
# suppression, and ``clarity lint`` would compile them all at every start.
_YAML_MARK = r"(?i)(?:^|(?<=\s))#\s*clarity\s*:"
_MD_MARK = r"(?i)<!--\s*clarity\s*:"
_DIRECTIVE = r"(?is)\s*ignore\s*\[([^\]]*)\]\s*(.*)$"
_RULE = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
_FENCE = r"^ {0,3}(`{3,}|~{3,})"
_LEAD = "-–—:;,. \t"

SHAPES = {
    "yaml": "# clarity: ignore[RULE] reason",
    "markdown": "<!-- clarity: ignore[RULE] reason -->",
}


class MetaRule(FrozenValue):
    """A finding about the suppressions themselves (dimension 'meta')."""

    __slots__ = ("fix", "id", "message", "severity", "title", "why")
    __match_args__ = ("id", "title", "severity", "message", "why", "fix")

    def __init__(
        self, id: str, title: str, severity: str, message: str, why: str, fix: str
    ) -> None:
        self.id = id
        self.title = title
        self.severity = severity
        self.message = message
        self.why = why
        self.fix = fix


META_RULES: dict[str, MetaRule] = {
    rule.id: rule
    for rule in (
        MetaRule(
            "unused-suppression",
            "Unused suppression",
            "warning",
            "this suppression matches no finding: remove it",
            "A suppression that no longer hides anything would silently hide the next, "
            "different problem on that line.",
            "Delete the comment (or the rules in it that no longer fire).",
        ),
        MetaRule(
            "suppression-reason",
            "A suppression needs a reason",
            "error",
            "a suppression must say why: add a reason after the brackets",
            "A suppression without a reason cannot be reviewed: nobody knows whether it still "
            "holds.",
            "Write the reason after the rule, e.g. '# clarity: ignore[C108] agreed in the "
            "2024 review'.",
        ),
        MetaRule(
            "invalid-suppression",
            "A suppression that cannot be read",
            "error",
            "this clarity comment is not a suppression clarity understands",
            "A comment that looks like a suppression but is not one hides nothing, and misleads "
            "the reader.",
            "Write it as '# clarity: ignore[RULE] reason' (YAML) or "
            "'<!-- clarity: ignore[RULE] reason -->' (Markdown).",
        ),
    )
}


class Suppression(FrozenValue):
    """One ``clarity: ignore[...]`` comment: where it is, what it names and why."""

    __slots__ = ("alone", "column", "line", "path", "problem", "reason", "rules", "target")
    __match_args__ = ("line", "column", "rules", "reason", "path", "alone", "target", "problem")

    def __init__(
        self,
        line: int,
        column: int,
        rules: tuple[str, ...],
        reason: str,
        path: str = "",
        alone: bool = False,
        target: int | None = None,
        problem: str | None = None,
    ) -> None:
        self.line = line
        self.column = column
        self.rules = rules
        self.reason = reason
        self.path = path
        self.alone = alone
        #: The line it covers: its own, or (alone on its line) the next line with content.
        self.target = target
        #: Why the comment is not a valid suppression (it then covers nothing).
        self.problem = problem


def find_suppressions(text: str, kind: Kind, path: str) -> list[Suppression]:
    """Every suppression comment in a charter's text, in order."""
    if ("#" if kind == "yaml" else "<!--") not in text:  # no comment, so no suppression
        return []
    lines = lines_of(text)
    found = _yaml_comments(text, lines) if kind == "yaml" else _markdown_comments(lines)
    out = []
    for line, column, body, alone in found:
        target = _next_content(lines, line, kind) if alone else line
        out.append(_parse(body, kind, path, line, column, alone, target))
    return out


def _parse(
    body: str | None, kind: Kind, path: str, line: int, column: int, alone: bool, target: int | None
) -> Suppression:
    base = Suppression(line, column, (), "", path, alone, target)
    if body is None:
        return base.replace(problem="close the comment with '-->' on the same line")
    match = re.match(_DIRECTIVE, body)
    if match is None:
        return base.replace(problem=f"write it as '{SHAPES[kind]}'")
    tokens = [t for t in re.split(r"[,\s]+", match.group(1)) if t]
    if not tokens:
        return base.replace(problem="name the rule to ignore inside the brackets")
    bad = [t for t in tokens if not re.match(_RULE, t)]
    if bad:
        return base.replace(problem=f"'{bad[0]}' is not a rule id or name")
    reason = match.group(2).strip().lstrip(_LEAD).strip()
    if not any(ch.isalnum() for ch in reason):
        reason = ""
    return base.replace(rules=tuple(dict.fromkeys(tokens)), reason=reason)


def _next_content(lines: list[str], line: int, kind: Kind) -> int | None:
    for number in range(line + 1, len(lines) + 1):
        text = lines[number - 1]
        if text.strip() and not is_comment_only(text, kind):
            return number
    return None


# -- YAML ----------------------------------------------------------------------------------


def _yaml_comments(text: str, lines: list[str]) -> list[tuple[int, int, str | None, bool]]:
    mark = re.compile(_YAML_MARK)
    candidates = []
    for number, line in enumerate(lines, start=1):
        for match in mark.finditer(line):
            candidates.append((number, match.start(), match.end()))
    if not candidates:
        return []
    spans = _scalar_spans(text)
    out = []
    for number, start, end in candidates:
        line = lines[number - 1]
        inside = _inside(spans, number - 1, start) if spans is not None else _in_quotes(line, start)
        if inside:
            continue
        body = line[end:]
        out.append((number, start + 1, body, not line[:start].strip()))
    # a '#' after the first comment mark on a line is part of that comment
    seen: set[int] = set()
    first: list[tuple[int, int, str | None, bool]] = []
    for item in out:
        if item[0] not in seen:
            seen.add(item[0])
            first.append(item)
    return first


def _scalar_spans(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]] | None:
    """Where every scalar (key or value) starts and ends, from PyYAML's scanner."""
    import yaml

    # the C scanner is much faster; both count columns in characters
    loader_class: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    spans = []
    try:
        while True:
            token = loader.get_token()
            if token is None:
                break
            if isinstance(token, yaml.ScalarToken):
                start, end = token.start_mark, token.end_mark
                spans.append(((start.line, start.column), (end.line, end.column)))
    except yaml.YAMLError:
        return None  # the file does not parse (reported elsewhere): fall back to a guess
    finally:
        loader.dispose()
    return spans


def _inside(spans: list[tuple[tuple[int, int], tuple[int, int]]], line: int, col: int) -> bool:
    return any(start <= (line, col) < end for start, end in spans)


def _in_quotes(line: str, index: int) -> bool:
    """A guess for text that does not parse: is ``index`` inside a quoted scalar?"""
    quote: str | None = None
    i = 0
    while i < index:
        ch = line[i]
        if quote is None:
            before = line[:i].rstrip()
            if ch in "'\"" and (not before or before[-1] in ":-[{,?"):
                quote = ch
        elif quote == "'" and ch == "'":
            if line[i + 1 : i + 2] == "'":
                i += 1
            else:
                quote = None
        elif quote == '"' and ch == "\\":
            i += 1
        elif quote == '"' and ch == '"':
            quote = None
        i += 1
    return quote is not None


# -- Markdown ------------------------------------------------------------------------------


def _markdown_comments(lines: list[str]) -> list[tuple[int, int, str | None, bool]]:
    fences, mark = re.compile(_FENCE), re.compile(_MD_MARK)
    out: list[tuple[int, int, str | None, bool]] = []
    fence: str | None = None
    for number, line in enumerate(lines, start=1):
        opening = fences.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        match = mark.search(line)
        if match is None or line.count("`", 0, match.start()) % 2 == 1:
            continue
        close = line.find("-->", match.end())
        body = None if close == -1 else line[match.end() : close]
        rest = line[close + 3 :].strip() if close != -1 else ""
        alone = not line[: match.start()].strip() and not rest
        out.append((number, match.start() + 1, body, alone))
    return out


def is_comment_only(line: str, kind: Kind) -> bool:
    """Whether a line holds nothing but a comment."""
    stripped = line.strip()
    if kind == "yaml":
        return stripped.startswith("#")
    return stripped.startswith("<!--") and stripped.endswith("-->")


# -- applying them -------------------------------------------------------------------------


def apply_suppressions(
    findings: list[LintFinding],
    suppressions: Sequence[Suppression],
    delegation_spans: Sequence[tuple[int, int]],
    delegations: Sequence[str] | None = None,
) -> tuple[list[LintFinding], list[LintFinding]]:
    """(kept findings, findings about the suppressions themselves).

    ``delegation_spans`` are the first and last lines of each delegation (inclusive);
    ``delegations`` optionally gives each one's task, to name it in the extra findings.
    """
    covers: list[tuple[int, int] | None] = []
    for item in suppressions:
        span = None
        if item.problem is None and item.target is not None:
            span = next(((a, b) for a, b in delegation_spans if a == item.target), None)
            span = span or (item.target, item.target)
        covers.append(span)
    used: list[set[str]] = [set() for _ in suppressions]
    kept = []
    for finding in findings:
        hidden = False
        for k, item in enumerate(suppressions):
            span = covers[k]
            if span is None or not span[0] <= finding.line <= span[1]:
                continue
            for rule in item.rules:
                if rule in (finding.rule, finding.name):
                    used[k].add(rule)
                    hidden = True
        if not hidden:
            kept.append(finding)
    extras = []
    for k, item in enumerate(suppressions):
        task = _delegation_of(item, delegation_spans, delegations)
        if item.problem is not None:
            extras.append(_meta("invalid-suppression", item, task, f"; {item.problem}"))
            continue
        if not item.reason:
            extras.append(_meta("suppression-reason", item, task))
        unused = [rule for rule in item.rules if rule not in used[k]]
        if unused and len(unused) < len(item.rules):
            names = ", ".join(unused)
            message = f"{names} in this suppression matches no finding: remove it"
            extras.append(_meta("unused-suppression", item, task, message=message))
        elif unused:
            extras.append(_meta("unused-suppression", item, task))
    return kept, extras


def _delegation_of(
    item: Suppression,
    spans: Sequence[tuple[int, int]],
    names: Sequence[str] | None,
) -> str:
    if not names:
        return ""
    for line in (item.target, item.line):
        for (start, end), name in zip(spans, names, strict=False):
            if line is not None and start <= line <= end:
                return name
    return ""


def _meta(
    rule_id: str, item: Suppression, task: str, suffix: str = "", message: str | None = None
) -> LintFinding:
    rule = META_RULES[rule_id]
    return LintFinding(
        path=item.path,
        line=item.line,
        column=item.column,
        delegation=task,
        field=None,
        rule=rule.id,
        name=rule.id,
        title=say(rule.title, "leader"),
        dimension="meta",
        severity=rule.severity,
        message=(message or rule.message) + suffix,
        why=rule.why,
        fix=rule.fix,
        answer=None,
    )
