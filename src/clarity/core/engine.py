"""The rule engine and scoring: answers in, a report out. Pure functions of values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clarity.core.checks import Hit, Record
from clarity.core.record import say

if TYPE_CHECKING:  # evaluate() runs for lint without the models: keep pydantic out of it
    from clarity.core.models import Answers, Perspective
    from clarity.core.pack import CompiledRule, Pack, Rule, Trap

REPORT_VERSION = 1


@dataclass(frozen=True)
class Finding:
    """A rule that fired, and the answer that made it fire."""

    rule: Rule
    field: str | None
    index: int | None
    answer: Any

    @property
    def counts(self) -> bool:
        """Errors and warnings decide the verdict; info findings are remarks."""
        return self.rule.severity != "info"


@dataclass(frozen=True)
class AdviceItem:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Scores:
    autonomy: int
    accountability: int
    outrun_margin: int

    @property
    def autonomy_outruns_accountability(self) -> bool:
        """Seed 001's law: the autonomy granted may not exceed the rigor of accountability."""
        return self.autonomy - self.accountability > self.outrun_margin


@dataclass(frozen=True)
class Report:
    task: str
    perspective: Perspective
    verdict: str
    scores: Scores
    findings: list[Finding]
    traps: list[Trap]
    advice: list[AdviceItem]
    answers: Answers
    pack_name: str
    pack_version: str
    score_details: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def evaluate(record: Record, rules: list[CompiledRule]) -> list[Finding]:
    """Every rule that fires on a record, in pack order."""
    findings = []
    fired: frozenset[str] = frozenset()
    for compiled in rules:
        hits = compiled.check(record, fired)
        if hits is None:
            continue
        hit = hits[0] if hits else None
        pinned = compiled.rule.field
        if pinned is not None and (hit is None or hit.field != pinned):
            hit = next((h for h in hits if h.field == pinned), Hit(pinned))
        findings.append(
            Finding(
                rule=compiled.rule,
                field=hit.field if hit else None,
                index=hit.index if hit else None,
                answer=(
                    hit.value
                    if hit and hit.value is not None
                    else (record.get(hit.field) if hit else None)
                ),
            )
        )
    return findings


def verdict_of(findings: list[Finding]) -> str:
    """Which element broke down: the boundaries, the consequences, both, or neither."""
    broke = {f.rule.dimension for f in findings if f.counts}
    if not broke:
        return "in-harmony"
    if broke == {"boundaries"}:
        return "boundaries"
    if broke == {"consequences"}:
        return "consequences"
    return "both"


def _clip(value: int) -> int:
    return max(0, min(100, value))


#: The packs whose gated patterns share one index already (see checks.GateBook), by id, with
#: the pack itself kept so that the id stays its own.
_BOUND: dict[int, Pack] = {}


def _bind(pack: Pack) -> None:
    if _BOUND.get(id(pack)) is not pack:
        from clarity.core.checks import bind_gates

        if len(_BOUND) > 64:
            _BOUND.clear()
        checks = [c.check for c in pack.rules]
        checks += [check for _, check in pack.advice]
        checks += [check for items in pack.score_checks.values() for _, check in items]
        bind_gates(checks)
        _BOUND[id(pack)] = pack


def score(answers: Answers, pack: Pack, perspective: Perspective | None = None) -> Report:
    """Score one answer set against a pack."""
    from clarity.core.models import record_of

    _bind(pack)
    view: Perspective = perspective or answers.perspective
    record = record_of(answers)
    findings = evaluate(record, pack.rules)
    fired = frozenset(f.rule.id for f in findings)
    details: dict[str, list[tuple[str, int]]] = {}
    totals: dict[str, int] = {}
    for axis, items in pack.score_checks.items():
        earned = [
            (item.label, item.points) for item, check in items if check(record, fired) is not None
        ]
        details[axis] = earned
        totals[axis] = _clip(sum(points for _, points in earned))
    scores = Scores(totals["autonomy"], totals["accountability"], pack.scores.outrun_margin)
    trap_ids: list[str] = []
    for finding in findings:
        if finding.rule.trap and finding.rule.trap not in trap_ids:
            trap_ids.append(finding.rule.trap)
    advice = [
        AdviceItem(item.id, item.title, say(item.text, view))
        for item, check in pack.advice
        if view in item.perspectives and check(record, fired) is not None
    ]
    return Report(
        task=answers.task,
        perspective=view,
        verdict=verdict_of(findings),
        scores=scores,
        findings=findings,
        traps=[pack.traps[t] for t in trap_ids],
        advice=advice,
        answers=answers,
        pack_name=pack.name,
        pack_version=pack.version,
        score_details=details,
    )
