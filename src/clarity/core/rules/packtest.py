"""Running a rule pack's own examples: every ``fire`` example must fire its rule, every
``pass`` example must not.

Pure functions of packs: `clarity rules validate` and `clarity rules test` use them, and so does
the test suite for the built-in pack. An example is laid over the pack's healthy
``example_base``, so it only names the fields it changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from clarity.core.errors import Location
from clarity.core.limits import DEFAULT_LIMITS, Limits
from clarity.core.models import Answers, record_of
from clarity.core.places import builtin_pack_path
from clarity.core.reading.records import RecordError
from clarity.core.reading.validation import located
from clarity.core.reading.yamlsafe import Document, PathKey
from clarity.core.rules.build import PackPart, build_layers, load_pack_files
from clarity.core.rules.compiled import CompiledRule, Pack

ExampleKind = Literal["fire", "pass"]
KINDS: tuple[ExampleKind, ...] = ("fire", "pass")


@dataclass(frozen=True)
class ExampleResult:
    """One example of one rule, and whether the rule fired on it."""

    rule: str
    kind: ExampleKind
    index: int
    location: Location
    fired: bool
    field: str | None = None
    answer: Any = None

    @property
    def ok(self) -> bool:
        """A ``fire`` example must fire; a ``pass`` example must not."""
        return self.fired == (self.kind == "fire")

    @property
    def key(self) -> str:
        """The example's key in the rule, 0-based like every key clarity names."""
        return f"examples.{self.kind}[{self.index}]"

    def problem(self) -> str | None:
        """What is wrong with the result, in a few words, or None when it is as expected."""
        if self.ok:
            return None
        if self.kind == "fire":
            return "did not fire (a 'fire' example must fire the rule)"
        on = f" on '{self.field}'" if self.field else ""
        return f"fired{on} (a 'pass' example must not fire the rule)"


@dataclass(frozen=True)
class LayeredPack:
    """A pack file or folder built over the built-in pack, and the parts that are its own."""

    pack: Pack
    own: list[PackPart]

    @property
    def rule_count(self) -> int:
        return sum(len(part.rules) for part, _ in self.own)

    @property
    def question_count(self) -> int:
        return sum(len(part.questions) for part, _ in self.own)

    @property
    def example_count(self) -> int:
        return sum(
            len(rule.examples.fire) + len(rule.examples.pass_)
            for part, _ in self.own
            for rule in part.rules
        )


def _resolved(source: str) -> Path:
    return Path(source).resolve()


def load_layered(path: Path, limits: Limits = DEFAULT_LIMITS) -> LayeredPack:
    """Load a pack file or folder and build it over the built-in pack, so what it names
    (traps, rules in advice and scores, verdicts) resolves as it will when it is used.

    The pack is laid over the built-in one as ``--rules`` lays it, so it may replace, add and
    disable rules. A file of the built-in pack, or the built-in folder itself, replaces its own
    copy instead of being defined twice. Raises a located ClarityError for anything invalid.
    """
    own = load_pack_files(path, limits)
    own_files = {_resolved(doc.source) for _, doc in own}
    builtin = [
        (part, doc)
        for part, doc in load_pack_files(builtin_pack_path(), DEFAULT_LIMITS)
        if _resolved(doc.source) not in own_files
    ]
    pack = build_layers([builtin, own] if builtin else [own], limits)
    return LayeredPack(pack, own)


def _sub_document(doc: Document, path: PathKey, data: Any) -> Document:
    """A document for one part of ``doc``, with positions relative to that part."""
    n = len(path)
    sub = Document(data=data, source=doc.source)
    for key, pos in doc.positions.items():
        if key[:n] == path:
            sub.positions[key[n:]] = pos
    for key, pos in doc.key_positions.items():
        if key[:n] == path:
            sub.key_positions[key[n:]] = pos
    return sub


def example_data(pack: Pack, example: dict[str, Any]) -> dict[str, Any]:
    """An example as a whole answers record: the pack's healthy base with the example on top."""
    return {**pack.example_base, **example}


@dataclass(frozen=True)
class Example:
    """One example of a rule, as the engine will read it."""

    compiled: CompiledRule
    kind: ExampleKind
    index: int
    location: Location
    record: dict[str, Any]


def examples(pack: Pack, parts: Iterable[PackPart]) -> Iterator[Example]:
    """Every example of the rules in ``parts``, as engine records, in file order.

    Raises a ClarityError naming file:line:col and the key when an example is not a valid
    answers record (an unknown field, ``maybe`` for a yes/no field, ...).
    """
    for part, doc in parts:
        for i, rule in enumerate(part.rules):
            compiled = pack.rule(rule.id)
            if compiled is None:  # pragma: no cover - build_pack compiled every rule
                continue
            for kind in KINDS:
                cases = rule.examples.fire if kind == "fire" else rule.examples.pass_
                for j, case in enumerate(cases):
                    path: PathKey = ("rules", i, "examples", kind, j)
                    data = example_data(pack, case)
                    try:
                        answers = Answers.validate(data)
                    except RecordError as exc:
                        error = located(exc, _sub_document(doc, path, data), Answers)
                        inner = f".{error.key}" if error.key else ""
                        error.key = f"rules[{i}].examples.{kind}[{j}]{inner}"
                        error.message = f"not a valid example: {error.message}"
                        raise error from None
                    yield Example(compiled, kind, j, doc.where(path), record_of(answers))


def check_examples(pack: Pack, parts: Iterable[PackPart]) -> int:
    """Check that every example is a valid answers record; return how many there are."""
    return sum(1 for _ in examples(pack, parts))


def run_examples(pack: Pack, parts: Iterable[PackPart]) -> list[ExampleResult]:
    """Run every example of the rules in ``parts`` against its own rule."""
    results = []
    for example in examples(pack, parts):
        hits = example.compiled.check(example.record, frozenset())
        hit = hits[0] if hits else None
        results.append(
            ExampleResult(
                rule=example.compiled.rule.id,
                kind=example.kind,
                index=example.index,
                location=example.location,
                fired=hits is not None,
                field=hit.field if hit else None,
                answer=hit.value if hit else None,
            )
        )
    return results
