"""Baselines: adopt the linter on old charters and fail only on new problems.

A baseline counts the findings of each (file, delegation, rule): line numbers are not part of
the key, so moving a delegation or adding lines above it does not bring old findings back.
When a key had 2 findings in the baseline and has 3 now, one of them is new and is reported.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from clarity.core.errors import ClarityError, Location
from clarity.core.fileio import write_file
from clarity.core.limits import DEFAULT_LIMITS, Limits
from clarity.core.reading.validation import validate
from clarity.core.reading.yamlsafe import Document, load_yaml, read_text
from clarity.core.scoring.findings import LintFinding

BASELINE_VERSION = 1
Key = tuple[str, str, str]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    path: str
    delegation: str
    rule: str
    count: int = Field(ge=1)


class BaselineFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: Literal[1]
    findings: list[Entry]


def _as_given(path: str) -> str:
    return path.replace(os.sep, "/")


def key_of(finding: LintFinding, where: Callable[[str], str] = _as_given) -> Key:
    """A finding's baseline key: its file (posix; relative to the project root when ``where``
    makes it so, see ``LintRun.where``), its delegation and its rule."""
    return (where(finding.path), finding.delegation, finding.rule)


@dataclass
class Baseline:
    """How many findings of each (file, delegation, rule) are already known."""

    counts: Counter[Key] = field(default_factory=Counter)
    source: str | None = None

    @classmethod
    def of(
        cls, findings: Iterable[LintFinding], where: Callable[[str], str] = _as_given
    ) -> Baseline:
        return cls(Counter(key_of(f, where) for f in findings))

    def __len__(self) -> int:
        return sum(self.counts.values())

    def filter(
        self, findings: Iterable[LintFinding], where: Callable[[str], str] = _as_given
    ) -> list[LintFinding]:
        """The findings that are not in the baseline, in their given order.

        When a key has more findings than the baseline counted, the ones furthest down the
        file are the new ones.
        """
        items = list(findings)
        left = Counter(self.counts)
        new: set[int] = set()
        for index in sorted(range(len(items)), key=lambda i: items[i].sort_key):
            key = key_of(items[index], where)
            if left[key] > 0:
                left[key] -= 1
            else:
                new.add(index)
        return [f for i, f in enumerate(items) if i in new]

    def to_json(self) -> str:
        entries = [
            {"path": path, "delegation": delegation, "rule": rule, "count": count}
            for (path, delegation, rule), count in sorted(self.counts.items())
            if count > 0
        ]
        data = {"version": BASELINE_VERSION, "findings": entries}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_baseline(
    path: Path, findings: Iterable[LintFinding], where: Callable[[str], str] = _as_given
) -> Baseline:
    """Write the baseline of these findings to ``path`` atomically; return it."""
    baseline = Baseline.of(findings, where)
    write_file(path, baseline.to_json(), what="the baseline")
    baseline.source = str(path)
    return baseline


def load_baseline(path: Path, limits: Limits = DEFAULT_LIMITS) -> Baseline:
    """Read a baseline file, or raise a located error saying how to regenerate it."""
    from clarity.core.reading.bounds import check_nesting

    source = str(path)
    text = read_text(path, source, limits)
    check_nesting(text, source, limits.max_depth, "json")  # before json recurses into it
    try:
        data = json.loads(text, strict=False)  # (line breaks are read as line feeds)
    except json.JSONDecodeError as exc:
        raise ClarityError(
            f"not valid JSON: {exc.msg}",
            location=Location(source, exc.lineno, exc.colno),
            hint="regenerate it with --update-baseline",
        ) from None
    except ValueError:  # an integer of thousands of digits
        raise ClarityError(
            "not valid JSON: a number too long to read",
            location=Location(source),
            hint="regenerate it with --update-baseline",
        ) from None
    doc = _with_positions(text, data, source)
    if not isinstance(data, dict):
        raise ClarityError(
            "a baseline must be a JSON object with 'version' and 'findings'",
            location=doc.where(()),
            hint="regenerate it with --update-baseline",
        )
    version = data.get("version")
    if version != BASELINE_VERSION and isinstance(version, int) and not isinstance(version, bool):
        raise ClarityError(
            f"unsupported baseline version {version}",
            location=doc.where(("version",)),
            key="version",
            hint=f"this clarity reads version {BASELINE_VERSION}: regenerate it with "
            "--update-baseline",
        )
    parsed = validate(BaselineFile, doc, private=True)
    counts: Counter[Key] = Counter()
    for entry in parsed.findings:
        counts[(entry.path, entry.delegation, entry.rule)] += entry.count
    return Baseline(counts, source)


def _with_positions(text: str, data: object, source: str) -> Document:
    """The JSON data, with positions from the YAML loader when it can read the text."""
    doc = Document(data=data, source=source)
    with contextlib.suppress(ClarityError):
        located = load_yaml(text, source)
        doc.positions, doc.key_positions = located.positions, located.key_positions
    return doc
