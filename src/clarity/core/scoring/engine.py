"""The rule engine and scoring: answers in, a report out. Pure functions of values."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clarity.core.record import say
from clarity.core.rules.checks import Hit, Record, decisive
from clarity.core.values import FrozenValue

if TYPE_CHECKING:  # evaluate() runs for lint without the models: keep pydantic out of it
    from clarity.core.models import Answers, Perspective
    from clarity.core.rules.pack import CompiledRule, Pack, Rule, Trap

REPORT_VERSION = 1


class Finding(FrozenValue):
    """A rule that fired, and the answer that made it fire; ``also``: the other items of the
    same list that make it fire, as (index, item), so that a report names each."""

    __slots__ = ("also", "answer", "field", "index", "rule")
    __match_args__ = ("rule", "field", "index", "answer", "also")

    def __init__(
        self,
        rule: Rule,
        field: str | None,
        index: int | None,
        answer: Any,
        also: tuple[tuple[int, Any], ...] = (),
    ) -> None:
        self.rule = rule
        self.field = field
        self.index = index
        self.answer = answer
        self.also = also

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

    def __init__(
        self, autonomy: int | None, accountability: int | None, outrun_margin: int
    ) -> None:
        #: None: nothing on the axis could be judged (every question it reads is unknown).
        self.autonomy = autonomy
        self.accountability = accountability
        self.outrun_margin = outrun_margin

    @property
    def autonomy_outruns_accountability(self) -> bool:
        """Seed 001's law: the autonomy granted may not exceed the rigor of accountability
        (not said when either could not be judged)."""
        if self.autonomy is None or self.accountability is None:
            return False
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
        "questions",
        "score_details",
        "scores",
        "task",
        "traps",
        "unknown",
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
        "unknown",
        "questions",
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
        unknown: list[str] | None = None,
        questions: list[Finding] | None = None,
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
        #: The questions not asked: what the verdict could not take into account.
        self.unknown = [] if unknown is None else unknown
        #: The rules that could not tell and whose question nobody has answered yet.
        self.questions = [] if questions is None else questions


def evaluate(
    record: Record,
    rules: list[CompiledRule],
    unknown: frozenset[str] = frozenset(),
    clarified: dict[str, bool] | None = None,
    *,
    each: bool = False,
) -> list[Finding]:
    """Every rule that fires on a record, in pack order. A rule that reads an unknown answer
    (a question not asked) is not judged, not knowing is not a failure, unless what it finds
    in the answers given stands whatever the others would say (``checks.decisive``: an
    impossible deadline is one whether or not review dates were asked). Where the leader
    answered a rule's follow-up question (``clarified``), that answer decides. A rule gives
    one finding, at the first answer that made it fire; with ``each``, one at every such
    answer (``clarity lint`` points at each line to fix, as linters do)."""
    findings: list[Finding] = []
    for compiled in rules:
        if unknown and not unknown.isdisjoint(compiled.reads) and not decisive(compiled.check):
            continue
        told = clarified.get(compiled.rule.id) if clarified else None
        if told is not None:
            if told:
                findings.append(_finding(compiled, record, _told_hits(compiled, record)))
            continue
        hits = compiled.check(record, frozenset())
        if hits is None:
            continue
        findings += (
            _findings(compiled, record, hits) if each else [_finding(compiled, record, hits)]
        )
    return findings


def _findings(compiled: CompiledRule, record: Record, hits: list[Hit]) -> list[Finding]:
    """One finding at each distinct answer of the rule's hits (its pinned field's, if it
    has one)."""
    pinned = compiled.rule.field
    seen: dict[tuple[str, int | None], Hit] = {}
    for hit in hits:
        if pinned is None or hit.field == pinned:
            seen.setdefault((hit.field, hit.index), hit)
    if len(seen) < 2:
        return [_finding(compiled, record, hits)]
    return [_finding(compiled, record, [hit]) for hit in seen.values()]


def open_questions(
    record: Record,
    rules: list[CompiledRule],
    findings: list[Finding],
    unknown: frozenset[str] = frozenset(),
    clarified: dict[str, bool] | None = None,
) -> list[Finding]:
    """The rules that could not tell, on the answers they read: their follow-up question
    (``ask.when``) holds, they did not fire, and nobody has answered the question yet. The
    interview asks these questions as the answers come; a report or a lint run that cannot
    ask lists them instead of guessing. A finding here is a question, never a flaw: it does not
    count towards the verdict."""
    fired = {f.rule.id for f in findings}
    out = []
    for compiled in rules:
        if compiled.ask is None or compiled.rule.ask is None or compiled.rule.id in fired:
            continue
        if clarified and compiled.rule.id in clarified:
            continue
        if unknown and not unknown.isdisjoint(compiled.ask_reads | compiled.reads):
            continue
        hits = compiled.ask(record, frozenset())
        if hits is not None:
            out.append(_finding(compiled, record, hits))
    return out


def _told_hits(compiled: CompiledRule, record: Record) -> list[Hit]:
    """Where a flaw the leader confirmed is: the answers its question was about, when the
    question still holds on them, else the rule's field."""
    asked = compiled.ask(record, frozenset()) if compiled.ask is not None else None
    return asked or [Hit(_told_field(compiled))]


def _told_field(compiled: CompiledRule) -> str:
    """The answer a finding confirmed in a follow-up points at."""
    if compiled.rule.field is not None:
        return compiled.rule.field
    asked = sorted(compiled.ask_reads or compiled.reads)
    return asked[0] if asked else "task"


def _finding(compiled: CompiledRule, record: Record, hits: list[Hit]) -> Finding:
    """The finding of a rule that fired: its check says which answer made it fire, and which
    other items of the same list do too."""
    hit = hits[0] if hits else None
    pinned = compiled.rule.field
    if pinned is not None and (hit is None or hit.field != pinned):
        hit = next((h for h in hits if h.field == pinned), Hit(pinned))
    also: dict[int, Any] = {}
    if hit is not None and hit.index is not None:
        for other in hits:
            if other.field == hit.field and other.index not in (None, hit.index):
                also.setdefault(other.index, _item(record, other))
    return Finding(
        rule=compiled.rule,
        field=hit.field if hit else None,
        index=hit.index if hit else None,
        answer=(
            hit.value if hit and hit.value is not None else (record.get(hit.field) if hit else None)
        ),
        also=tuple(also.items()),
    )


def _item(record: Record, hit: Hit) -> Any:
    """The list item a hit points at: its value, or the record's item at its index."""
    if hit.value is not None:
        return hit.value
    items = record.get(hit.field)
    if isinstance(items, (list, tuple)) and hit.index is not None and hit.index < len(items):
        return items[hit.index]
    return None


def verdict_of(findings: list[Finding]) -> str:
    """Which element broke down: the boundaries, the consequences, both, or neither."""
    return verdict_for({f.rule.dimension for f in findings if f.counts})


def verdict_for(broke: set[str]) -> str:
    """The verdict for the dimensions whose findings count (errors and warnings)."""
    if not broke:
        return "in-harmony"
    if broke == {"boundaries"}:
        return "boundaries"
    if broke == {"consequences"}:
        return "consequences"
    return "both"


def _clip(value: int) -> int:
    return max(0, min(100, value))


def score(answers: Answers, pack: Pack, perspective: Perspective | None = None) -> Report:
    """Score one answer set against a pack."""
    from clarity.core.models import record_of

    view: Perspective = perspective or answers.perspective
    record = record_of(answers)
    unknown = frozenset(answers.unknown)
    findings = evaluate(record, pack.rules, unknown, answers.clarified)
    fired = frozenset(f.rule.id for f in findings)
    details: dict[str, list[tuple[str, int]]] = {}
    totals: dict[str, int | None] = {}
    for axis, items in pack.score_checks.items():
        earned = [
            (item.label, item.points) for item, check in items if check(record, fired) is not None
        ]
        details[axis] = earned
        total = sum(points for _, points in earned)
        if unknown:  # scored on what is known, scaled to the points that could be judged
            judged = sum(i.points for i, _ in items if i.points > 0 and _knows(i.reads, unknown))
            possible = sum(i.points for i, _ in items if i.points > 0)
            if not judged:  # (unknown, not failed: no question of the axis was answered)
                totals[axis] = None
                continue
            total = round(total * possible / judged)
        totals[axis] = _clip(total)
    scores = Scores(totals["autonomy"], totals["accountability"], pack.scores.outrun_margin)
    trap_ids: list[str] = []
    for finding in findings:
        if finding.rule.trap and finding.rule.trap not in trap_ids:
            trap_ids.append(finding.rule.trap)
    advice = [
        AdviceItem(item.id, item.title, say(item.text, view))
        for item, check in pack.advice
        if view in item.perspectives
        and _knows(item.reads, unknown)
        and check(record, fired) is not None
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
        unknown=list(answers.unknown),
        questions=open_questions(record, pack.rules, findings, unknown, answers.clarified),
    )


def _knows(reads: tuple[str, ...], unknown: frozenset[str]) -> bool:
    """Whether a condition (the answers it reads) reads only known answers."""
    return not unknown or unknown.isdisjoint(reads)
