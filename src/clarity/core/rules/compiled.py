"""The compiled rule pack: what every command reads of the rules, as plain data.

``build`` makes it from the pack files (validated with the models of ``pack_models`` while it
is built, and only then); ``pack.load_pack`` caches it between runs. Every class here is plain
and picklable, and nothing here imports pydantic: a command that reads a cached pack (``check``,
``lint``, ``compare``, ``session``, ``rules``) never builds the models.

Conditions are kept twice, each for its own reader: compiled (the ``checks`` objects the engine
calls) and as written (``when``, the condition as JSON data, for ``clarity rules show``), with
the answers each reads (``reads``, in order).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeAlias

from clarity.core.errors import Location
from clarity.core.rules.checks import Check
from clarity.core.values import FrozenValue, Value

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
DIMENSIONS: tuple[str, ...] = ("boundaries", "consequences")
VERDICTS: tuple[str, ...] = ("in-harmony", "boundaries", "consequences", "both")

#: A condition as written in the pack (a mapping with one key), as JSON data.
When: TypeAlias = "dict[str, Any]"


class Worded(FrozenValue):
    """A text said one way to the leader and another to the person asking for autonomy."""

    __slots__ = ("leader", "report")
    __match_args__ = ("leader", "report")

    def __init__(self, leader: str, report: str) -> None:
        self.leader = leader
        self.report = report


Wording: TypeAlias = "str | Worded"


class Examples(FrozenValue):
    """A rule's own examples: answers that must fire it, answers that must not."""

    __slots__ = ("fire", "pass_")
    __match_args__ = ("fire", "pass_")

    def __init__(self, fire: list[dict[str, Any]], pass_: list[dict[str, Any]]) -> None:
        self.fire = fire
        self.pass_ = pass_


class FollowUp(FrozenValue):
    """The question the interview asks when a rule cannot tell; ``flaw`` is the answer that
    says the flaw is there."""

    __slots__ = ("flaw", "prompt", "when")
    __match_args__ = ("when", "prompt", "flaw")

    def __init__(self, when: When, prompt: Wording, flaw: bool) -> None:
        self.when = when
        self.prompt = prompt
        self.flaw = flaw


class Rule(FrozenValue):
    """One check of a delegation: what it looks for, why it matters and what to do."""

    __slots__ = (
        "ask",
        "dimension",
        "examples",
        "field",
        "fix",
        "help_uri",
        "id",
        "message",
        "name",
        "reads",
        "severity",
        "source",
        "title",
        "trap",
        "when",
        "why",
    )
    __match_args__ = (
        "id",
        "name",
        "title",
        "dimension",
        "severity",
        "trap",
        "field",
        "when",
        "message",
        "why",
        "fix",
        "examples",
        "ask",
        "source",
        "help_uri",
        "reads",
    )

    def __init__(
        self,
        id: str,
        name: str,
        title: Wording,
        dimension: str,
        severity: str,
        trap: str | None,
        field: str | None,
        when: When,
        message: Wording,
        why: Wording,
        fix: Wording,
        examples: Examples,
        ask: FollowUp | None = None,
        source: str | None = None,
        help_uri: str | None = None,
        reads: tuple[str, ...] = (),
    ) -> None:
        self.id = id
        self.name = name
        self.title = title
        self.dimension = dimension
        self.severity = severity
        self.trap = trap
        #: The answer a finding points at (None: the one the condition matched).
        self.field = field
        self.when = when
        self.message = message
        self.why = why
        self.fix = fix
        self.examples = examples
        self.ask = ask
        self.source = source
        #: A page that explains the rule (SARIF helpUri), when the pack gives one.
        self.help_uri = help_uri
        #: The answer fields the rule's condition reads, in order, without repeats.
        self.reads = reads


class Trap(FrozenValue):
    __slots__ = ("id", "meaning", "source", "title")
    __match_args__ = ("id", "title", "meaning", "source")

    def __init__(self, id: str, title: str, meaning: Wording, source: str | None = None) -> None:
        self.id = id
        self.title = title
        self.meaning = meaning
        self.source = source


class Verdict(FrozenValue):
    __slots__ = ("id", "meaning", "next_step", "title")
    __match_args__ = ("id", "title", "meaning", "next_step")

    def __init__(self, id: str, title: str, meaning: Wording, next_step: Wording) -> None:
        self.id = id
        self.title = title
        self.meaning = meaning
        self.next_step = next_step


class Advice(FrozenValue):
    __slots__ = ("id", "perspectives", "reads", "source", "text", "title", "when")
    __match_args__ = ("id", "title", "when", "perspectives", "text", "source", "reads")

    def __init__(
        self,
        id: str,
        title: str,
        when: When,
        perspectives: tuple[str, ...],
        text: Wording,
        source: str | None = None,
        reads: tuple[str, ...] = (),
    ) -> None:
        self.id = id
        self.title = title
        self.when = when
        self.perspectives = perspectives
        self.text = text
        self.source = source
        self.reads = reads


class ScoreItem(FrozenValue):
    __slots__ = ("label", "points", "reads", "when")
    __match_args__ = ("label", "points", "when", "reads")

    def __init__(self, label: str, points: int, when: When, reads: tuple[str, ...] = ()) -> None:
        self.label = label
        self.points = points
        self.when = when
        self.reads = reads


class Scores(FrozenValue):
    __slots__ = ("accountability", "autonomy", "outrun_margin")
    __match_args__ = ("autonomy", "accountability", "outrun_margin")

    def __init__(
        self, autonomy: list[ScoreItem], accountability: list[ScoreItem], outrun_margin: int = 20
    ) -> None:
        self.autonomy = autonomy
        self.accountability = accountability
        self.outrun_margin = outrun_margin


class Question(FrozenValue):
    """One interview question: it fills one field of the answers (``symptoms.NAME`` for a
    symptom). ``check`` is its condition compiled (asked only when it holds)."""

    __slots__ = (
        "check",
        "default",
        "field",
        "group",
        "help",
        "kind",
        "prompt",
        "reads",
        "required",
        "when",
    )
    __match_args__ = (
        "field",
        "kind",
        "group",
        "prompt",
        "help",
        "required",
        "default",
        "when",
        "reads",
        "check",
    )

    def __init__(
        self,
        field: str,
        kind: str,
        group: Wording,
        prompt: Wording,
        help: Wording | None = None,
        required: bool = False,
        default: Any = None,
        when: When | None = None,
        reads: tuple[str, ...] = (),
        check: Check | None = None,
    ) -> None:
        self.field = field
        self.kind = kind
        self.group = group
        self.prompt = prompt
        self.help = help
        self.required = required
        self.default = default
        self.when = when
        self.reads = reads
        self.check = check


class CompiledRule(Value):
    """A rule and its compiled check (what ``engine.evaluate`` runs)."""

    __slots__ = ("ask", "ask_reads", "check", "reads", "rule", "where")
    __match_args__ = ("rule", "check", "where", "reads", "ask", "ask_reads")

    def __init__(
        self,
        rule: Rule,
        check: Check,
        where: Location,
        reads: frozenset[str] = frozenset(),
        ask: Check | None = None,
        ask_reads: frozenset[str] = frozenset(),
    ) -> None:
        self.rule = rule
        self.check = check
        self.where = where
        #: The answers the rule reads: when one of them is unknown (not asked), it is not judged.
        self.reads = reads
        #: When to ask the rule's follow-up question (``ask.when``), and the answers it reads.
        self.ask = ask
        self.ask_reads = ask_reads


class Pack(Value):
    """A validated, merged and compiled rule pack, ready to score answers and lint charters."""

    __slots__ = (
        "advice",
        "asks",
        "example_base",
        "judges",
        "name",
        "questions",
        "rules",
        "score_checks",
        "scores",
        "sources",
        "traps",
        "verdicts",
        "version",
    )
    __match_args__ = (
        "name",
        "version",
        "example_base",
        "verdicts",
        "traps",
        "advice",
        "scores",
        "score_checks",
        "questions",
        "rules",
        "sources",
        "judges",
        "asks",
    )

    def __init__(
        self,
        name: str,
        version: str,
        example_base: dict[str, Any],
        verdicts: dict[str, Verdict],
        traps: dict[str, Trap],
        advice: list[tuple[Advice, Check]],
        scores: Scores,
        score_checks: dict[str, list[tuple[ScoreItem, Check]]],
        questions: list[Question],
        rules: list[CompiledRule],
        sources: list[str] | None = None,
        judges: list[Any] | None = None,
        asks: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.name = name
        self.version = version
        self.example_base = example_base
        self.verdicts = verdicts
        self.traps = traps
        self.advice = advice
        self.scores = scores
        self.score_checks = score_checks
        self.questions = questions
        self.rules = rules
        #: The files the pack was built from, in order.
        self.sources = [] if sources is None else sources
        #: The judges of each pack folder (the banks beside it and their trained classifiers).
        self.judges = [] if judges is None else judges
        #: Each file's questions (their fields), in the order the file lists them: what a
        #: session that asks one pack's questions asks, without reading the pack again.
        self.asks = {} if asks is None else asks

    def rule(self, rule_id: str) -> CompiledRule | None:
        for compiled in self.rules:
            if rule_id in (compiled.rule.id, compiled.rule.name):
                return compiled
        return None


# ---------------------------------------------------------------------------------------------
# Conditions as written (JSON data), read without the models


def _parts(when: When) -> Iterator[tuple[str, Any]]:
    """Each kind and arguments of a condition and of the conditions inside it."""
    for kind, args in when.items():
        yield kind, args
        if kind in ("all", "any"):
            for inner in args:
                yield from _parts(inner)
        elif kind == "not":
            yield from _parts(args)
        elif kind == "count":
            for inner in args["of"]:
                yield from _parts(inner)


def _fields(args: dict[str, Any]) -> list[str]:
    return [args["field"]] if args.get("field") is not None else list(args.get("fields") or ())


def fields_read(when: When, kind: str, **args: str) -> list[str]:
    """The answer fields read by the conditions of ``kind`` in ``when`` whose arguments have
    ``args`` (``dated`` with ``reads="impossible"``, ``means`` with ``bank="B102"``)."""
    return [
        field
        for found, given in _parts(when)
        if found == kind and all(given.get(k) == v for k, v in args.items())
        for field in _fields(given)
    ]
