"""The rule pack: questions, rules, traps, verdicts, advice and scores, all data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from clarity.core.conditions import Check, Condition, compile_condition, referenced_rules
from clarity.core.errors import ClarityError, Location
from clarity.core.limits import DEFAULT_LIMITS, Limits
from clarity.core.models import Answers, Perspective, record_of
from clarity.core.validation import validate
from clarity.core.yamlsafe import Document, load_yaml, read_text

Severity = Literal["error", "warning", "info"]
Dimension = Literal["boundaries", "consequences"]
VerdictId = Literal["in-harmony", "boundaries", "consequences", "both"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
DIMENSIONS: tuple[str, ...] = ("boundaries", "consequences")
VERDICTS: tuple[str, ...] = ("in-harmony", "boundaries", "consequences", "both")

_BOTH: tuple[Perspective, ...] = ("leader", "report")
_STRICT = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Worded(BaseModel):
    """A text said one way to the leader and another to the person asking for autonomy."""

    model_config = _STRICT
    leader: str
    report: str


Wording = str | Worded


def say(text: Wording, perspective: str) -> str:
    """The wording of a text for one perspective (the leader's unless it is 'report')."""
    if isinstance(text, str):
        return text
    return text.report if perspective == "report" else text.leader


class Examples(BaseModel):
    model_config = _STRICT
    fire: list[dict[str, Any]] = Field(min_length=1, description="Answers that must fire.")
    pass_: list[dict[str, Any]] = Field(
        alias="pass", min_length=1, description="Answers that must not fire."
    )


class Rule(BaseModel):
    """One check of a delegation: what it looks for, why it matters and what to do."""

    model_config = _STRICT
    id: str = Field(pattern=r"^[A-Z][A-Z0-9]{0,7}[0-9]$", description="Stable id, e.g. C101.")
    name: str = Field(pattern=r"^[a-z][a-z0-9-]*$", description="Short kebab-case name.")
    title: str
    dimension: Dimension
    severity: Severity
    trap: str | None = None
    field: str | None = Field(
        None, description="The answer a finding points at (default: the one the condition matched)."
    )
    when: Condition
    message: Wording
    why: Wording
    fix: Wording
    examples: Examples
    source: str | None = Field(None, description="The text the reasoning comes from.")


    @model_validator(mode="after")
    def _known_field(self) -> Rule:
        from clarity.core.models import RECORD_FIELDS

        if self.field is not None and self.field not in RECORD_FIELDS:
            raise ValueError(f"unknown field '{self.field}'")
        return self


class Trap(BaseModel):
    model_config = _STRICT
    id: str
    title: str
    meaning: Wording
    source: str | None = None


class Verdict(BaseModel):
    model_config = _STRICT
    id: VerdictId
    title: str
    meaning: Wording
    next_step: Wording


class Advice(BaseModel):
    model_config = _STRICT
    id: str
    title: str
    when: Condition
    perspectives: list[Perspective] = Field(default_factory=lambda: list(_BOTH))
    text: Wording
    source: str | None = None


class ScoreItem(BaseModel):
    model_config = _STRICT
    label: str
    points: int = Field(ge=-100, le=100)
    when: Condition


class Scores(BaseModel):
    model_config = _STRICT
    autonomy: list[ScoreItem] = Field(min_length=1)
    accountability: list[ScoreItem] = Field(min_length=1)
    outrun_margin: int = Field(20, ge=0, le=100)


QuestionKind = Literal["text", "list", "confirm", "level"]


class Question(BaseModel):
    """One interview question: it fills one field of the answers."""

    model_config = _STRICT
    field: str
    kind: QuestionKind
    group: str = Field(description="The clarity-test question (or part) it belongs to.")
    prompt: Wording
    help: Wording | None = None
    required: bool = False
    default: Any = None
    when: Condition | None = None

    @model_validator(mode="after")
    def _known_field(self) -> Question:
        from clarity.core.models import RECORD_FIELDS

        if self.field not in RECORD_FIELDS:
            raise ValueError(f"unknown field '{self.field}'")
        return self


class PackFile(BaseModel):
    """One file of a rule pack. A pack is one such file or a folder of them."""

    model_config = _STRICT
    name: str | None = None
    version: str | None = None
    description: str | None = None
    example_base: dict[str, Any] | None = None
    verdicts: list[Verdict] = Field(default_factory=list)
    traps: list[Trap] = Field(default_factory=list)
    advice: list[Advice] = Field(default_factory=list)
    scores: Scores | None = None
    questions: list[Question] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)


@dataclass
class CompiledRule:
    rule: Rule
    check: Check
    where: Location


@dataclass
class Pack:
    """A validated, merged and compiled rule pack, ready to score answers."""

    name: str
    version: str
    example_base: dict[str, Any]
    verdicts: dict[str, Verdict]
    traps: dict[str, Trap]
    advice: list[tuple[Advice, Check]]
    scores: Scores
    score_checks: dict[str, list[tuple[ScoreItem, Check]]]
    questions: list[Question]
    rules: list[CompiledRule]
    sources: list[str] = field(default_factory=list)

    def rule(self, rule_id: str) -> CompiledRule | None:
        for compiled in self.rules:
            if compiled.rule.id == rule_id or compiled.rule.name == rule_id:
                return compiled
        return None


def builtin_pack_path() -> Path:
    """Where the built-in pack is: inside the installed package, or the source tree's rules/."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "rules"
    if installed.is_dir():
        return installed
    return here.parent.parent / "rules"


def _pack_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        if not files:
            raise ClarityError(
                "the rule pack folder holds no .yaml files", location=Location(str(path))
            )
        return files
    return [path]


def load_pack_files(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[tuple[PackFile, Document]]:
    parts = []
    for file in _pack_files(path):
        doc = load_yaml(read_text(file, str(file), limits), str(file), limits)
        if doc.data is None:
            doc.data = {}
        if not isinstance(doc.data, dict):
            raise ClarityError(
                "a rule pack file must be a mapping of sections",
                location=doc.where(()),
                hint="start with 'rules:' or 'questions:'",
            )
        parts.append((validate(PackFile, doc), doc))
    return parts


def build_pack(parts: Iterable[tuple[PackFile, Document]], limits: Limits = DEFAULT_LIMITS) -> Pack:
    """Merge pack files, check cross-references and compile every condition once."""
    timeout = limits.pattern_timeout_seconds
    name, version = "clarity", "0"
    example_base: dict[str, Any] = {}
    verdicts: dict[str, Verdict] = {}
    traps: dict[str, Trap] = {}
    advice: list[tuple[Advice, Check]] = []
    scores: Scores | None = None
    questions: dict[str, Question] = {}
    rules: dict[str, CompiledRule] = {}
    sources = []
    for part, doc in parts:
        sources.append(doc.source)
        name = part.name or name
        version = part.version or version
        if part.example_base is not None:
            example_base = {**example_base, **part.example_base}
        for verdict in part.verdicts:
            verdicts[verdict.id] = verdict
        for trap in part.traps:
            traps[trap.id] = trap
        for i, item in enumerate(part.advice):
            advice.append((item, compile_condition(item.when, timeout=timeout, owner=item.id)))
            del i
        if part.scores is not None:
            scores = part.scores
        for question in part.questions:
            questions[question.field] = question
        for i, rule in enumerate(part.rules):
            where = doc.where(("rules", i))
            if rule.id in rules:
                raise ClarityError(
                    f"rule {rule.id} is defined twice (first at {rules[rule.id].where})",
                    location=where,
                    hint="give each rule its own id",
                )
            if referenced_rules(rule.when):
                raise ClarityError(
                    "'fired' can only be used in advice and scores",
                    location=where,
                    key=f"rules[{i}].when",
                )
            owner = f"rule {rule.id} ({where})"
            rules[rule.id] = CompiledRule(
                rule, compile_condition(rule.when, timeout=timeout, owner=owner), where
            )
    for compiled in rules.values():
        trap_id = compiled.rule.trap
        if trap_id is not None and trap_id not in traps:
            raise ClarityError(
                f"unknown trap '{trap_id}'",
                location=compiled.where,
                key=f"{compiled.rule.id}.trap",
                hint="known traps: " + ", ".join(traps) if traps else "define it under 'traps:'",
            )
    if scores is None:
        raise ClarityError("the rule pack has no 'scores' section", location=Location(sources[0]))
    missing = [v for v in VERDICTS if v not in verdicts]
    if missing:
        raise ClarityError(
            f"the rule pack does not explain the verdict '{missing[0]}'",
            location=Location(sources[0]),
            hint="add it under 'verdicts:'",
        )
    for item, _ in advice:
        for ref in referenced_rules(item.when):
            if ref not in rules:
                raise ClarityError(f"advice {item.id} names an unknown rule '{ref}'")
    score_checks: dict[str, list[tuple[ScoreItem, Check]]] = {}
    for axis in ("autonomy", "accountability"):
        items = getattr(scores, axis)
        for item in items:
            for ref in referenced_rules(item.when):
                if ref not in rules:
                    raise ClarityError(f"score item '{item.label}' names an unknown rule '{ref}'")
        score_checks[axis] = [
            (item, compile_condition(item.when, timeout=timeout, owner=f"score {item.label}"))
            for item in items
        ]
    return Pack(
        name=name,
        version=version,
        example_base=example_base,
        verdicts=verdicts,
        traps=traps,
        advice=advice,
        scores=scores,
        score_checks=score_checks,
        questions=list(questions.values()),
        rules=list(rules.values()),
        sources=sources,
    )


def load_pack(paths: Iterable[Path] | None = None, limits: Limits = DEFAULT_LIMITS) -> Pack:
    """Load the built-in pack, then any further packs layered over it, in order."""
    parts = load_pack_files(builtin_pack_path(), limits)
    for extra in paths or ():
        parts.extend(load_pack_files(extra, limits))
    return build_pack(parts, limits)


def example_record(pack: Pack, example: dict[str, Any]) -> dict[str, Any]:
    """A rule example as the engine sees it: the pack's healthy base with the example on top."""
    data = {**pack.example_base, **example}
    try:
        answers = Answers.model_validate(data)
    except ValidationError as exc:
        raise ClarityError(
            f"a rule example is not a valid answers record: {exc.errors()[0]['msg']}"
        ) from None
    return record_of(answers)
