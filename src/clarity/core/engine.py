"""The rule engine and scoring: answers in, a report out. Pure functions of values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from clarity.core.checks import Hit, Record
from clarity.core.plan import Facts, Plan
from clarity.core.record import PERSPECTIVES, say
from clarity.core.values import FrozenValue

if TYPE_CHECKING:  # evaluate() runs for lint without the models: keep pydantic out of it
    from clarity.core.models import Answers, Perspective
    from clarity.core.pack import CompiledRule, Pack, Rule, Trap

REPORT_VERSION = 1


class Finding(FrozenValue):
    """A rule that fired, and the answer that made it fire."""

    __slots__ = ("answer", "field", "index", "rule")
    __match_args__ = ("rule", "field", "index", "answer")

    def __init__(self, rule: Rule, field: str | None, index: int | None, answer: Any) -> None:
        self.rule = rule
        self.field = field
        self.index = index
        self.answer = answer

    @property
    def counts(self) -> bool:
        """Errors and warnings decide the verdict; info findings are remarks."""
        return self.rule.severity != "info"


class AdviceItem(FrozenValue):
    __slots__ = ("id", "text", "title")
    __match_args__ = ("id", "title", "text")

    def __init__(self, id: str, title: str, text: str) -> None:
        self.id = id
        self.title = title
        self.text = text


class Scores(FrozenValue):
    __slots__ = ("accountability", "autonomy", "outrun_margin")
    __match_args__ = ("autonomy", "accountability", "outrun_margin")

    def __init__(self, autonomy: int, accountability: int, outrun_margin: int) -> None:
        self.autonomy = autonomy
        self.accountability = accountability
        self.outrun_margin = outrun_margin

    @property
    def autonomy_outruns_accountability(self) -> bool:
        """Seed 001's law: the autonomy granted may not exceed the rigor of accountability."""
        return self.autonomy - self.accountability > self.outrun_margin


class Report(FrozenValue):
    """One answer set scored: the verdict, the scores, the findings and what to do."""

    __slots__ = (
        "advice",
        "answers",
        "findings",
        "pack_name",
        "pack_version",
        "perspective",
        "score_details",
        "scores",
        "task",
        "traps",
        "verdict",
    )
    __match_args__ = (
        "task",
        "perspective",
        "verdict",
        "scores",
        "findings",
        "traps",
        "advice",
        "answers",
        "pack_name",
        "pack_version",
        "score_details",
    )

    def __init__(
        self,
        task: str,
        perspective: Perspective,
        verdict: str,
        scores: Scores,
        findings: list[Finding],
        traps: list[Trap],
        advice: list[AdviceItem],
        answers: Answers,
        pack_name: str,
        pack_version: str,
        score_details: dict[str, list[tuple[str, int]]] | None = None,
    ) -> None:
        self.task = task
        self.perspective = perspective
        self.verdict = verdict
        self.scores = scores
        self.findings = findings
        self.traps = traps
        self.advice = advice
        self.answers = answers
        self.pack_name = pack_name
        self.pack_version = pack_version
        self.score_details = {} if score_details is None else score_details


def evaluate(record: Record, rules: list[CompiledRule]) -> list[Finding]:
    """Every rule that fires on a record, in pack order."""
    plan = _rules_plan(rules)
    facts, fired = plan.fire(record)
    return _findings(plan, facts, fired, rules, record)


def _findings(
    plan: Plan, facts: Facts, fired: Sequence[int], rules: list[CompiledRule], record: Record
) -> list[Finding]:
    """The findings of the rules that fired, each kept with the values it came from."""
    findings = []
    for i in fired:
        found = plan.found(i, facts)
        if found is None:
            found = plan.keep(i, facts, _finding(rules[i], record))
        findings.append(found)
    return findings


def _finding(compiled: CompiledRule, record: Record) -> Finding:
    """The finding of a rule that fired: its check says which answer made it fire."""
    hits = compiled.check(record, frozenset())
    assert hits is not None, f"rule {compiled.rule.id}: the plan and the check disagree"
    hit = hits[0] if hits else None
    pinned = compiled.rule.field
    if pinned is not None and (hit is None or hit.field != pinned):
        hit = next((h for h in hits if h.field == pinned), Hit(pinned))
    return Finding(
        rule=compiled.rule,
        field=hit.field if hit else None,
        index=hit.index if hit else None,
        answer=(
            hit.value if hit and hit.value is not None else (record.get(hit.field) if hit else None)
        ),
    )


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


#: The plans of the rule lists seen (see ``plan``), by the ids of their checks, with the checks
#: kept so that the ids stay theirs; and the last list asked about, by identity.
_RULE_PLANS: dict[tuple[int, ...], tuple[list[Any], Plan]] = {}
_LAST: list[Any] = [None, None]


def _rules_plan(rules: list[CompiledRule]) -> Plan:
    if _LAST[0] is rules:
        return _LAST[1]  # type: ignore[no-any-return]
    checks = [c.check for c in rules]
    key = tuple(id(c) for c in checks)
    entry = _RULE_PLANS.get(key)
    if entry is None:  # (the lint pack's gates share one index already: see lintpack)
        if len(_RULE_PLANS) > 64:
            _RULE_PLANS.clear()
        entry = _RULE_PLANS[key] = (checks, Plan(checks))
    _LAST[0], _LAST[1] = rules, entry[1]
    return entry[1]


#: The plans of the packs scored, by id, with the pack itself kept so that the id stays its own.
_PACK_PLANS: dict[int, tuple[Pack, Plan]] = {}


def _pack_plan(pack: Pack) -> Plan:
    """The pack's rules, score items and advice as one plan (its gated patterns sharing one
    index, see checks.GateBook)."""
    entry = _PACK_PLANS.get(id(pack))
    if entry is None or entry[0] is not pack:
        from clarity.core.checks import bind_gates

        if len(_PACK_PLANS) > 64:
            _PACK_PLANS.clear()
        rules = [c.check for c in pack.rules]
        scores = [[check for _, check in items] for items in pack.score_checks.values()]
        advice = [
            [check if view in item.perspectives else None for item, check in pack.advice]
            for view in PERSPECTIVES
        ]
        bind_gates(rules + [check for group in scores for check in group] + advice[0] + advice[1])
        plan = Plan(
            rules, scores, dict(zip(PERSPECTIVES, advice, strict=True)),
            rule_ids=[c.rule.id for c in pack.rules],
        )  # fmt: skip
        entry = _PACK_PLANS[id(pack)] = (pack, plan)
    return entry[1]


def score(answers: Answers, pack: Pack, perspective: Perspective | None = None) -> Report:
    """Score one answer set against a pack."""
    from clarity.core.models import record_of

    plan = _pack_plan(pack)
    view: Perspective = perspective or answers.perspective
    record = record_of(answers)
    facts, fired = plan.fire(record)
    findings = _findings(plan, facts, fired, pack.rules, record)
    notes = plan.notes
    if len(notes) > 4096:
        notes.clear()
    details: dict[str, list[tuple[str, int]]] = {}
    totals: dict[str, int] = {}
    for (axis, items), select in zip(pack.score_checks.items(), plan.scores, strict=True):
        chosen = select(facts)
        earned = notes.get((axis, chosen))
        if earned is None:
            items_earned = [(items[k][0].label, items[k][0].points) for k in chosen]
            total = _clip(sum(points for _, points in items_earned))
            earned = notes[(axis, chosen)] = (items_earned, total)
        details[axis] = list(earned[0])
        totals[axis] = earned[1]
    scores = Scores(totals["autonomy"], totals["accountability"], pack.scores.outrun_margin)
    # What follows from which rules fired, and which advice applies, is worked out once.
    outcome = notes.get(fired)
    if outcome is None:
        trap_ids: list[str] = []
        for finding in findings:
            if finding.rule.trap and finding.rule.trap not in trap_ids:
                trap_ids.append(finding.rule.trap)
        outcome = notes[fired] = (verdict_of(findings), [pack.traps[t] for t in trap_ids])
    chosen = plan.advice[view](facts)
    advice = notes.get((view, chosen))
    if advice is None:
        shown = [pack.advice[k][0] for k in chosen]
        advice = notes[(view, chosen)] = [
            AdviceItem(item.id, item.title, say(item.text, view)) for item in shown
        ]
    return Report(
        task=answers.task,
        perspective=view,
        verdict=outcome[0],
        scores=scores,
        findings=findings,
        traps=list(outcome[1]),
        advice=list(advice),
        answers=answers,
        pack_name=pack.name,
        pack_version=pack.version,
        score_details=details,
    )
