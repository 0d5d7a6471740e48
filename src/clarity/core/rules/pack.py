"""The rule pack: questions, rules, traps, verdicts, advice and scores, all data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import (
    ValidationError,
)

from clarity.core.errors import ClarityError, Location
from clarity.core.judge import Judges
from clarity.core.limits import DEFAULT_LIMITS, Limits
from clarity.core.models import Answers, record_of
from clarity.core.places import builtin_pack_path as builtin_pack_path
from clarity.core.reading.validation import validate
from clarity.core.reading.yamlsafe import Document, is_folder, load_yaml, read_text
from clarity.core.record import say as say  # re-exported: pack texts are said per perspective
from clarity.core.rules.conditions import (
    Check,
    compile_condition,
    referenced_fields,
    referenced_rules,
)
from clarity.core.rules.pack_models import (
    DIMENSIONS as DIMENSIONS,
)
from clarity.core.rules.pack_models import (
    SEVERITIES as SEVERITIES,
)
from clarity.core.rules.pack_models import (
    VERDICTS as VERDICTS,
)
from clarity.core.rules.pack_models import (
    Advice as Advice,
)
from clarity.core.rules.pack_models import (
    Dimension as Dimension,
)
from clarity.core.rules.pack_models import (
    Examples as Examples,
)
from clarity.core.rules.pack_models import (
    FollowUp as FollowUp,
)
from clarity.core.rules.pack_models import (
    PackFile as PackFile,
)
from clarity.core.rules.pack_models import (
    Question as Question,
)
from clarity.core.rules.pack_models import (
    Rule as Rule,
)
from clarity.core.rules.pack_models import (
    ScoreItem as ScoreItem,
)
from clarity.core.rules.pack_models import (
    Scores as Scores,
)
from clarity.core.rules.pack_models import (  # re-exported: the pack file format
    Severity as Severity,
)
from clarity.core.rules.pack_models import (
    Trap as Trap,
)
from clarity.core.rules.pack_models import (
    Verdict as Verdict,
)
from clarity.core.rules.pack_models import (
    VerdictId as VerdictId,
)
from clarity.core.rules.pack_models import (
    Worded as Worded,
)
from clarity.core.rules.pack_models import (
    Wording as Wording,
)

#: One loaded pack file and its document (for positions).
PackPart = tuple[PackFile, Document]


@dataclass
class CompiledRule:
    rule: Rule
    check: Check
    where: Location
    #: The answers the rule reads: when one of them is unknown (not asked), it is not judged.
    reads: frozenset[str] = frozenset()
    #: When to ask the rule's follow-up question (``ask.when``), and the answers it reads.
    ask: Check | None = None
    ask_reads: frozenset[str] = frozenset()


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
    #: The judges of each pack folder (the banks beside it and their trained classifiers).
    judges: list[Judges] = field(default_factory=list)

    def rule(self, rule_id: str) -> CompiledRule | None:
        for compiled in self.rules:
            if compiled.rule.id == rule_id or compiled.rule.name == rule_id:
                return compiled
        return None


def _pack_files(path: Path) -> list[Path]:
    if is_folder(path):
        try:
            files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        except OSError as exc:
            reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
            raise ClarityError(
                f"cannot read the rule pack folder: {reason or exc}",
                location=Location(str(path)),
                hint="check its permissions",
            ) from None
        if not files:
            raise ClarityError(
                "the rule pack folder holds no .yaml files", location=Location(str(path))
            )
        return files
    return [path]


def load_pack_files(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[PackPart]:
    from clarity.core.rules.fragments import put_in_fragments

    docs = []
    for file in _pack_files(path):
        doc = load_yaml(read_text(file, str(file), limits), str(file), limits, private=True)
        if doc.data is None:
            doc.data = {}
        if not isinstance(doc.data, dict):
            raise ClarityError(
                "a rule pack file must be a mapping of sections",
                location=doc.where(()),
                hint="start with 'rules:' or 'questions:'",
            )
        docs.append(doc)
    put_in_fragments(docs)
    return [(validate(PackFile, doc, private=True), doc) for doc in docs]


def build_pack(parts: Iterable[PackPart], limits: Limits = DEFAULT_LIMITS) -> Pack:
    """Merge the files of one pack, check cross-references and compile every condition once."""
    return build_layers([list(parts)], limits)


def build_layers(layers: Iterable[Iterable[PackPart]], limits: Limits = DEFAULT_LIMITS) -> Pack:
    """Merge packs laid one over another, check cross-references and compile every condition.

    Within one pack (a file, or a folder of files) a rule id, an advice id and a question's
    field may each appear once. A pack laid over others replaces what they define with the same
    id (a question: the same field) in its place, adds what is new, and turns rules of the
    packs underneath off with ``disable``.
    """
    timeout = limits.pattern_timeout_seconds
    name, version = "clarity", "0"
    example_base: dict[str, Any] = {}
    verdicts: dict[str, Verdict] = {}
    traps: dict[str, Trap] = {}
    advice: dict[str, tuple[Advice, Check]] = {}
    scores: Scores | None = None
    questions: dict[str, Question] = {}
    rules: dict[str, CompiledRule] = {}
    disabled: dict[str, str] = {}
    folders: dict[Path, Judges] = {}
    sources = []
    for layer in layers:
        parts = list(layer)
        turned_off = _disable(parts, rules, disabled)
        seen_rules: dict[str, Location] = {}
        seen_questions: dict[str, Location] = {}
        seen_advice: dict[str, Location] = {}
        for part, doc in parts:
            sources.append(doc.source)
            folder = Path(doc.source).parent
            judges = folders.get(folder)
            if judges is None:
                judges = folders[folder] = Judges(folder)
            name = part.name or name
            version = part.version or version
            if part.example_base is not None:
                example_base = {**example_base, **part.example_base}
            for verdict in part.verdicts:
                verdicts[verdict.id] = verdict
            for trap in part.traps:
                traps[trap.id] = trap
            for i, item in enumerate(part.advice):
                _once(seen_advice, item.id, doc.where(("advice", i)), f"advice {item.id}")
                advice[item.id] = (
                    item,
                    compile_condition(
                        item.when, timeout=timeout, owner=f"advice {item.id}", judges=judges
                    ),
                )
            if part.scores is not None:
                scores = part.scores
            for i, question in enumerate(part.questions):
                where = doc.where(("questions", i))
                _once(seen_questions, question.field, where, f"the question for {question.field}")
                questions[question.field] = question
            for i, rule in enumerate(part.rules):
                where = doc.where(("rules", i))
                _once(seen_rules, rule.id, where, f"rule {rule.id}")
                if rule.id in turned_off:
                    raise ClarityError(
                        f"rule {rule.id} is both disabled and defined in this pack",
                        location=where,
                        hint="keep the definition (it replaces the rule) or the 'disable' entry",
                    )
                if referenced_rules(rule.when):
                    raise ClarityError(
                        "'fired' can only be used in advice and scores",
                        location=where,
                        key=f"rules[{i}].when",
                    )
                owner = f"rule {rule.id} ({where})"
                disabled.pop(rule.id, None)
                check = compile_condition(rule.when, timeout=timeout, owner=owner, judges=judges)
                if rule.examples is not None:
                    judges.add_examples(rule.id, rule.examples.fire, rule.examples.pass_)
                reads = frozenset(referenced_fields(rule.when))
                ask, ask_reads = None, frozenset[str]()
                if rule.ask is not None:
                    ask = compile_condition(
                        rule.ask.when, timeout=timeout, owner=f"{owner} ask", judges=judges
                    )
                    ask_reads = frozenset(referenced_fields(rule.ask.when))
                rules[rule.id] = CompiledRule(rule, check, where, reads, ask, ask_reads)
    for compiled in rules.values():
        rule = compiled.rule
        trap_id = rule.trap
        if trap_id is not None and trap_id not in traps:
            raise ClarityError(
                f"unknown trap '{trap_id}'",
                location=compiled.where,
                key=f"{rule.id}.trap",
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
    known = set(rules) | set(disabled)
    for item, _ in advice.values():
        for ref in referenced_rules(item.when):
            if ref not in known:
                raise ClarityError(f"advice {item.id} names an unknown rule '{ref}'")
    score_checks: dict[str, list[tuple[ScoreItem, Check]]] = {}
    for axis in ("autonomy", "accountability"):
        items = getattr(scores, axis)
        for item in items:
            for ref in referenced_rules(item.when):
                if ref not in known:
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
        advice=list(advice.values()),
        scores=scores,
        score_checks=score_checks,
        questions=list(questions.values()),
        rules=list(rules.values()),
        sources=sources,
        judges=list(folders.values()),
    )


def _once(seen: dict[str, Location], key: str, where: Location, what: str) -> None:
    """Refuse a second definition of the same thing within one pack."""
    first = seen.setdefault(key, where)
    if first is not where:
        raise ClarityError(
            f"{what} is defined twice in this pack (first at {first})",
            location=where,
            hint="keep one; a pack laid over another may replace it",
        )


def _disable(
    parts: list[PackPart], rules: dict[str, CompiledRule], disabled: dict[str, str]
) -> set[str]:
    """Turn off the rules a pack's ``disable`` names (ids or names of the packs underneath)."""
    turned_off: set[str] = set()
    for part, doc in parts:
        for i, wanted in enumerate(part.disable):
            rule_id = next(
                (k for k, c in rules.items() if wanted in (c.rule.id, c.rule.name)), None
            )
            if rule_id is None:
                if wanted in disabled or wanted in disabled.values():
                    continue  # already off in a pack underneath
                from difflib import get_close_matches

                names = [*rules, *(c.rule.name for c in rules.values())]
                close = get_close_matches(wanted, names, n=1)
                raise ClarityError(
                    f"no rule '{wanted}' to disable",
                    location=doc.where(("disable", i)),
                    key=f"disable[{i}]",
                    hint=(
                        f"did you mean '{close[0]}'?"
                        if close
                        else "name a rule of the packs underneath, by id or name"
                    ),
                )
            disabled[rule_id] = rules.pop(rule_id).rule.name
            turned_off.add(rule_id)
    return turned_off


def load_pack(
    paths: Iterable[Path] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    *,
    plugins: bool = True,
) -> Pack:
    """The built-in pack, then the packs installed with the entry point group
    ``clarity.rules`` (unless ``plugins`` is false), then ``paths``, each laid over the last."""
    # The built-in pack is clarity's own: read within the defaults whatever the user's limits.
    layers = [load_pack_files(builtin_pack_path(), DEFAULT_LIMITS)]
    if plugins:
        from clarity.core.rules.plugins import installed_packs

        for plugin in installed_packs():
            try:
                layers.append(load_pack_files(plugin.path, limits))
            except ClarityError as exc:
                origin = f"the pack comes from {plugin.label}"
                exc.hint = f"{exc.hint}; {origin}" if exc.hint else origin
                raise
    layers.extend(load_pack_files(extra, limits) for extra in paths or ())
    return build_layers(layers, limits)


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
