"""Building the compiled pack from its files: read, validated with the models of
``pack_models`` (the only time they are used), merged layer over layer, cross-references
checked and every condition compiled once, into the plain data of ``compiled``.

``pack.load_pack`` builds through here when its cache has no current copy; a bad pack is
refused here, with the file, line and column of what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from clarity.core.errors import ClarityError, Location
from clarity.core.judge import Judges
from clarity.core.limits import DEFAULT_LIMITS, Limits
from clarity.core.models import Answers, record_of
from clarity.core.reading.records import RecordError
from clarity.core.reading.validation import validate
from clarity.core.reading.yamlsafe import Document, is_folder, load_yaml, read_text
from clarity.core.rules import compiled as plain
from clarity.core.rules import pack_models as files
from clarity.core.rules.checks import Check
from clarity.core.rules.compiled import VERDICTS, CompiledRule, Pack
from clarity.core.rules.compiler import compile_condition, referenced_fields, referenced_rules
from clarity.core.rules.pack_models import PackFile

#: One loaded pack file and its document (for positions).
PackPart = tuple[PackFile, Document]


def pack_files(path: Path) -> list[Path]:
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
    for file in pack_files(path):
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
    verdicts: dict[str, files.Verdict] = {}
    traps: dict[str, files.Trap] = {}
    advice: dict[str, tuple[files.Advice, Check]] = {}
    scores: files.Scores | None = None
    questions: dict[str, files.Question] = {}
    rules: dict[str, CompiledRule] = {}
    disabled: dict[str, str] = {}
    folders: dict[Path, Judges] = {}
    sources = []
    asks: dict[str, tuple[str, ...]] = {}
    for layer in layers:
        parts = list(layer)
        turned_off = _disable(parts, rules, disabled)
        seen_rules: dict[str, Location] = {}
        seen_questions: dict[str, Location] = {}
        seen_advice: dict[str, Location] = {}
        for part, doc in parts:
            sources.append(doc.source)
            asks[doc.source] = tuple(question.field for question in part.questions)
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
                rules[rule.id] = CompiledRule(_rule(rule), check, where, reads, ask, ask_reads)
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
    known = set(rules) | set(disabled)
    for item, _ in advice.values():
        for ref in referenced_rules(item.when):
            if ref not in known:
                raise ClarityError(f"advice {item.id} names an unknown rule '{ref}'")
    score_checks: dict[str, list[tuple[plain.ScoreItem, Check]]] = {}
    for axis in ("autonomy", "accountability"):
        items = getattr(scores, axis)
        for item in items:
            for ref in referenced_rules(item.when):
                if ref not in known:
                    raise ClarityError(f"score item '{item.label}' names an unknown rule '{ref}'")
        score_checks[axis] = [
            (
                plain.ScoreItem(item.label, item.points, _when(item.when), _reads(item.when)),
                compile_condition(item.when, timeout=timeout, owner=f"score {item.label}"),
            )
            for item in items
        ]
    return Pack(
        name=name,
        version=version,
        example_base=example_base,
        verdicts={
            k: plain.Verdict(v.id, v.title, _wording(v.meaning), _wording(v.next_step))
            for k, v in verdicts.items()
        },
        traps={
            k: plain.Trap(t.id, t.title, _wording(t.meaning), t.source) for k, t in traps.items()
        },
        advice=[(_advice(item), check) for item, check in advice.values()],
        scores=plain.Scores(
            [item for item, _ in score_checks["autonomy"]],
            [item for item, _ in score_checks["accountability"]],
            scores.outrun_margin,
        ),
        score_checks=score_checks,
        questions=[_question(q, timeout) for q in questions.values()],
        rules=list(rules.values()),
        sources=sources,
        judges=list(folders.values()),
        asks=asks,
    )


# ---------------------------------------------------------------------------------------------
# The models of the files, as the plain data of the compiled pack


def _wording(text: str | files.Worded) -> plain.Wording:
    return text if isinstance(text, str) else plain.Worded(text.leader, text.report)


def _when(cond: BaseModel) -> dict[str, Any]:
    """A condition as written: JSON data, as ``clarity rules show`` prints it."""
    return cond.model_dump(mode="json", by_alias=True, exclude_none=True)


def _reads(cond: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(referenced_fields(cond)))


def _rule(rule: files.Rule) -> plain.Rule:
    ask = None
    if rule.ask is not None:
        ask = plain.FollowUp(_when(rule.ask.when), _wording(rule.ask.prompt), rule.ask.flaw)
    return plain.Rule(
        id=rule.id,
        name=rule.name,
        title=_wording(rule.title),
        dimension=rule.dimension,
        severity=rule.severity,
        trap=rule.trap,
        field=rule.field,
        when=_when(rule.when),
        message=_wording(rule.message),
        why=_wording(rule.why),
        fix=_wording(rule.fix),
        examples=plain.Examples(rule.examples.fire, rule.examples.pass_),
        ask=ask,
        source=rule.source,
        help_uri=rule.help_uri,
        reads=_reads(rule.when),
    )


def _advice(item: files.Advice) -> plain.Advice:
    return plain.Advice(
        id=item.id,
        title=item.title,
        when=_when(item.when),
        perspectives=tuple(item.perspectives),
        text=_wording(item.text),
        source=item.source,
        reads=_reads(item.when),
    )


def _question(question: files.Question, timeout: float) -> plain.Question:
    when = question.when
    return plain.Question(
        field=question.field,
        kind=question.kind,
        group=_wording(question.group),
        prompt=_wording(question.prompt),
        help=None if question.help is None else _wording(question.help),
        required=question.required,
        default=question.default,
        when=None if when is None else _when(when),
        reads=() if when is None else _reads(when),
        check=(
            None
            if when is None
            else compile_condition(when, timeout=timeout, owner=f"question {question.field}")
        ),
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


def example_record(pack: Pack, example: dict[str, Any]) -> dict[str, Any]:
    """A rule example as the engine sees it: the pack's healthy base with the example on top."""
    data = {**pack.example_base, **example}
    try:
        answers = Answers.validate(data)
    except RecordError as exc:
        raise ClarityError(
            f"a rule example is not a valid answers record: {exc.errors()[0]['msg']}"
        ) from None
    return record_of(answers)
