"""Synthetic charter trees of realistic size and variety, drawn from clarity's own wording.

Each delegation starts as a field-by-field mix of the healthy records in ``tests/corpus/healthy``
(and the rule pack's healthy ``example_base``); about half of them then take one or two of the
rule pack's "must fire" examples on top, so they have findings, and some take a "must pass"
example, so healthy wording varies too. Names, teams and task wording vary; a few files carry a
suppression comment. Every file holds 3 to 8 delegations. The same seed gives the same tree.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from clarity.core.record import DELEGATION_FIELDS, LIST_FIELDS

ROOT = Path(__file__).resolve().parent.parent

FIELDS: tuple[str, ...] = DELEGATION_FIELDS
LISTS = frozenset(LIST_FIELDS)
YES_NO = frozenset({"agreed_upfront", "can_fail_differently"})
NAMES = (
    "Sam", "Alex", "Priya", "Jonas", "Mei", "Tomás", "Aisha", "Lars", "Nadia", "Kwame",
    "Julie", "Marc", "Olu", "Hana", "Diego", "Ines", "Ravi", "Zofia", "Chen", "Emma",
)  # fmt: skip
TEAMS = (
    "Client services", "Platform", "Finance", "People", "Marketing", "Support", "Sales EMEA",
    "Data", "Facilities", "Procurement", "Security", "Design", "Operations", "Legal",
)  # fmt: skip
TASK_SUFFIXES = ("", "", "", " (Q3)", " for the Lyon office", " before the audit", " – phase 2")


@dataclass(frozen=True)
class Wording:
    """Where the generator draws its text from."""

    healthy: list[dict[str, Any]]
    fire: list[tuple[str, dict[str, Any]]]
    passing: list[dict[str, Any]]


def _load(path: Path) -> Any:
    """A YAML file as clarity reads it: every scalar stays text, ``null`` is None."""
    from clarity.core.reading.yamlsafe import load_yaml

    return load_yaml(path.read_text("utf-8"), str(path)).data


def _record(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if k in FIELDS}


def load_wording(root: Path = ROOT) -> Wording:
    """The healthy corpus and the rule pack's examples (read as text, like clarity does)."""
    healthy: list[dict[str, Any]] = []
    for path in sorted((root / "tests" / "corpus" / "healthy").glob("*.yaml")):
        healthy.append(_record(_load(path)))
    fire: list[tuple[str, dict[str, Any]]] = []
    passing: list[dict[str, Any]] = []
    for path in sorted((root / "rules").glob("*.yaml")):
        data = _load(path) or {}
        base = data.get("example_base") if isinstance(data, dict) else None
        if base:
            healthy.append(_record(base))
        for rule in data.get("rules", []) if isinstance(data, dict) else []:
            examples = rule.get("examples", {})
            for example in examples.get("fire", []):
                record = _record(example)
                if record:
                    fire.append((str(rule.get("id")), record))
            for example in examples.get("pass", []):
                record = _record(example)
                if record:
                    passing.append(record)
    healthy = [r for r in healthy if r.get("task")]
    if not healthy or not fire:
        raise SystemExit("benchmarks: run from the clarity source tree (rules/ and tests/corpus/)")
    return Wording(healthy, fire, passing)


def delegation(rng: random.Random, words: Wording) -> dict[str, Any]:
    """One delegation record: mixed healthy wording, with findings about half the time."""
    record: dict[str, Any] = {}
    for name in FIELDS:
        source = rng.choice(words.healthy)
        if name in source:
            record[name] = source[name]
    record["task"] = str(record.get("task") or "Weekly client report") + rng.choice(TASK_SUFFIXES)
    record["owner"] = rng.choice(NAMES)
    record["delegated_by"] = rng.choice(NAMES)
    roll = rng.random()
    if roll < 0.5:
        for _ in range(rng.randint(1, 2)):
            _, example = rng.choice(words.fire)
            record.update(example)
    elif roll < 0.7 and words.passing:
        record.update(rng.choice(words.passing))
    if not record.get("task"):
        record["task"] = "Weekly client report"
    # some fields are simply left out, as people do
    for name in ("checkpoints", "quality", "delegated_by"):
        if rng.random() < 0.1:
            record.pop(name, None)
    return {name: copy.deepcopy(record[name]) for name in FIELDS if name in record}


def _one_line(value: Any) -> str:
    return " ".join(str(value).split())


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as people write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def yaml_charter(team: str, records: list[dict[str, Any]], rng: random.Random) -> str:
    body = yaml.dump(
        {"team": team, "delegations": records},
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    lines = [f"# Charter of the {team} team (synthetic, for benchmarks)"]
    for line in body.splitlines():
        if line.startswith("  - task:") and rng.random() < 0.03:
            lines.append("  # clarity: ignore[C103] the date is set by the finance calendar")
        lines.append(line)
    return "\n".join(lines) + "\n"


def _md_value(name: str, value: Any) -> list[str]:
    label = name.replace("_", " ").capitalize()
    if name in LISTS:
        if isinstance(value, list):
            items = [_one_line(v) for v in value if v is not None]
            if not items:
                return [f"- **{label}:**"]
            return [f"- **{label}:**", *(f"  - {item}" for item in items)]
        return [f"- **{label}:** {_one_line(value or '')}".rstrip()]
    if value is None:
        return [f"- **{label}:**"]
    return [f"- **{label}:** {_one_line(value)}".rstrip()]


def markdown_charter(team: str, records: list[dict[str, Any]], rng: random.Random) -> str:
    lines = [f"# {team}", "", "Delegations of the team, reviewed every quarter.", ""]
    for record in records:
        if rng.random() < 0.03:
            lines.append("<!-- clarity: ignore[C103] the date is set by the finance calendar -->")
        lines.append(f"## {_one_line(record['task'])}")
        lines.append("")
        for name in FIELDS:
            if name != "task" and name in record:
                lines.extend(_md_value(name, record[name]))
        lines.append("")
    return "\n".join(lines)


@dataclass(frozen=True)
class Tree:
    root: Path
    yaml_files: int
    markdown_files: int
    delegations: int
    bytes: int

    @property
    def yaml_dir(self) -> Path:
        return self.root / "yaml"

    @property
    def files(self) -> int:
        return self.yaml_files + self.markdown_files


def make_tree(
    root: Path, yaml_files: int, markdown_files: int, seed: int = 5, *, unique: bool = False
) -> Tree:
    """``yaml_files`` YAML charters under ``root/yaml`` and ``markdown_files`` Markdown ones
    under ``root/markdown``, spread over team folders of up to 100 files. With ``unique``, three
    everyday words of its own are appended to every text (see ``scoring.unique_texts``): no text is seen
    twice, so nothing clarity remembers of one text helps with the next."""
    from benchmarks.scoring import unique_texts

    rng = random.Random(seed)
    words = load_wording()
    delegations = 0
    size = 0
    serial = 0
    for kind, count in (("yaml", yaml_files), ("markdown", markdown_files)):
        for i in range(count):
            team = rng.choice(TEAMS)
            records = [delegation(rng, words) for _ in range(rng.randint(3, 8))]
            if unique:
                for record in records:
                    serial = unique_texts(record, serial)
            seen: set[str] = set()
            for n, record in enumerate(records, 1):  # each task once per charter
                if record["task"] in seen:
                    record["task"] = f"{record['task']} (part {n})"
                seen.add(record["task"])
            delegations += len(records)
            folder = root / kind / f"team-{i // 100:03d}"
            folder.mkdir(parents=True, exist_ok=True)
            slug = team.lower().replace(" ", "-")
            if kind == "yaml":
                text = yaml_charter(team, records, rng)
                path = folder / f"{slug}-{i:05d}.charter.yaml"
            else:
                text = markdown_charter(team, records, rng)
                path = folder / f"{slug}-{i:05d}.charter.md"
            data = text.encode("utf-8")
            path.write_bytes(data)
            size += len(data)
    return Tree(root, yaml_files, markdown_files, delegations, size)


def answer_sets(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """Answers files as ``clarity check`` reads them: delegation records with symptoms."""
    rng = random.Random(seed)
    words = load_wording()
    levels = ("never", "rarely", "sometimes", "often", "always")
    symptoms = (
        "sign_offs", "method_checkins", "procedure_redirects", "calendar_control_lost",
        "minor_change_permission", "no_resource_authority", "no_experiments",
        "process_over_impact", "suggestions_not_empowered", "peers_more_latitude",
    )  # fmt: skip
    out = []
    for _ in range(count):
        record = delegation(rng, words)
        for name in FIELDS:  # an answers file answers every required question
            if name not in record:
                record[name] = next((r[name] for r in words.healthy if name in r), None)
        record["perspective"] = "report" if rng.random() < 0.2 else "leader"
        record["symptoms"] = {
            name: rng.choice(levels[:2] if rng.random() < 0.7 else levels) for name in symptoms
        }
        out.append(record)
    return out
