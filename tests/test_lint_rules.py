"""Every rule that can fire on a charter fires on YAML and on Markdown, on the right line.

Each charter is written from the rule's first 'fire' example laid over the pack's healthy
example; the expected line and column are worked out here from how the file was written: the
offending value (or list item), the key or label of a field written empty, and the `task` line
or the `##` heading for a field that is not there at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from clarity.core.linting.lint import lint_file
from clarity.core.models import DELEGATION_FIELDS, Delegation, record_of
from clarity.core.rules.pack import CompiledRule, Pack, load_pack
from clarity.core.scoring.engine import evaluate

Pos = tuple[int, int]

PACK = load_pack()
CHARTER_RULES = [c for c in PACK.rules if c.rule.id[0] in "CB"]


@dataclass
class Written:
    """A charter written to a file, and where each part of it went."""

    text: str
    anchor: Pos
    keys: dict[str, Pos] = field(default_factory=dict)
    values: dict[str, Pos] = field(default_factory=dict)
    items: dict[str, list[Pos]] = field(default_factory=dict)

    def expected(self, name: str | None, index: int | None, record: dict[str, Any]) -> Pos:
        if name is None or name not in self.keys:
            return self.anchor
        value = record.get(name)
        if value in (None, "", []):
            return self.keys[name]
        if name in self.items:
            return self.items[name][index or 0]
        return self.values[name]


def text_of(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return " ".join(str(value).split())


def write_yaml(data: dict[str, Any]) -> Written:
    lines = ["# generated", "team: Test team", "delegations:"]
    out = Written("", (0, 0))
    for name in DELEGATION_FIELDS:
        if name not in data:
            continue
        value = data[name]
        prefix = "  - " if name == "task" else "    "
        head = f"{prefix}{name}:"
        number = len(lines) + 1
        out.keys[name] = (number, len(prefix) + 1)
        if name == "task":
            out.anchor = out.keys[name]
        if isinstance(value, list):
            if not value:
                lines.append(f"{head} []")
                continue
            lines.append(head)
            out.items[name] = []
            for item in value:
                lines.append(f"      - {json.dumps(item)}")
                if item.strip():
                    out.items[name].append((len(lines), 9))
        else:
            lines.append(f"{head} {json.dumps(text_of(value))}")
            out.values[name] = (number, len(head) + 2)
    out.text = "\n".join(lines) + "\n"
    return out


def write_markdown(data: dict[str, Any]) -> Written:
    lines = ["# Test team", "", f"## {data['task']}", ""]
    out = Written("", (3, 1))
    out.keys["task"] = (3, 1)
    out.values["task"] = (3, 4)
    for name in DELEGATION_FIELDS:
        if name not in data or name == "task":
            continue
        value = data[name]
        label = f"- **{name.replace('_', ' ').capitalize()}:**"
        out.keys[name] = (len(lines) + 1, 3)
        if isinstance(value, list):
            lines.append(label)
            out.items[name] = []
            for item in value:
                if item.strip():
                    lines.append(f"  - {item}")
                    out.items[name].append((len(lines), 5))
        else:
            text = text_of(value)
            lines.append(f"{label} {text}".rstrip())
            out.values[name] = (len(lines), len(label) + 2)
    out.text = "\n".join(lines) + "\n"
    return out


WRITERS = {"yaml": (write_yaml, "charter.yaml"), "markdown": (write_markdown, "charter.md")}


def charter_data(pack: Pack, example: dict[str, Any], *, omit_empty: bool) -> dict[str, Any]:
    data = {**pack.example_base, **example}
    data = {k: v for k, v in data.items() if k in DELEGATION_FIELDS}
    data = {k: v for k, v in data.items() if v is not None}
    if omit_empty:
        data = {k: v for k, v in data.items() if k == "task" or v not in ("", [])}
    return data


def cases() -> list[Any]:
    out = []
    for compiled in CHARTER_RULES:
        example = compiled.rule.examples.fire[0]
        variants = ["as-written"]
        if any(v in ("", [], None) for v in example.values()):
            variants.append("left-out")
        for fmt in WRITERS:
            for variant in variants:
                out.append(
                    pytest.param(compiled, fmt, variant, id=f"{compiled.rule.id}-{fmt}-{variant}")
                )
    return out


def test_every_consequence_and_boundary_rule_is_covered() -> None:
    ids = {c.rule.id for c in CHARTER_RULES}
    assert {f"C1{n:02d}" for n in range(1, 15)} <= ids
    assert {f"B1{n:02d}" for n in range(1, 9)} <= ids


@pytest.mark.parametrize(("compiled", "fmt", "variant"), cases())
def test_rule_fires_on_the_right_line_and_column(
    tmp_path: Path, compiled: CompiledRule, fmt: str, variant: str
) -> None:
    rule = compiled.rule
    data = charter_data(PACK, rule.examples.fire[0], omit_empty=variant == "left-out")
    writer, suffix = WRITERS[fmt]
    written = writer(data)
    path = tmp_path / f"team.{suffix}"
    path.write_text(written.text, encoding="utf-8")

    result = lint_file(str(path), PACK)

    assert result.diagnostics == [], written.text
    assert result.delegations == 1
    mine = [f for f in result.findings if f.rule == rule.id]
    assert len(mine) == 1, f"{rule.id} did not fire on:\n{written.text}"
    finding = mine[0]
    record = record_of(Delegation.validate(data))
    hits = evaluate(record, [compiled])
    assert hits, "the engine itself fires on the example"
    if hits[0].field is not None:
        assert finding.field == hits[0].field
    expected = written.expected(finding.field, hits[0].index, record)
    assert (finding.line, finding.column) == expected, written.text
    assert finding.delegation == data["task"]
    assert finding.severity == rule.severity
    assert finding.dimension == rule.dimension
    assert finding.name == rule.name
    assert finding.message and finding.fix


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_the_healthy_example_has_no_findings_in_either_format(tmp_path: Path, fmt: str) -> None:
    writer, suffix = WRITERS[fmt]
    path = tmp_path / f"healthy.{suffix}"
    path.write_text(writer(charter_data(PACK, {}, omit_empty=False)).text, encoding="utf-8")
    result = lint_file(str(path), PACK)
    assert result.diagnostics == []
    assert result.delegations == 1
    assert result.findings == []


def test_symptom_rules_never_fire_on_a_charter(tmp_path: Path) -> None:
    path = tmp_path / "bare.charter.yaml"
    path.write_text("delegations:\n  - task: Anything\n", encoding="utf-8")
    result = lint_file(str(path), PACK)
    assert result.findings, "a bare delegation has findings"
    assert all(f.rule[0] in "CB" for f in result.findings)
