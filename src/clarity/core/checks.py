"""Compiled conditions: small objects that answer a condition for a record.

``conditions.compile_condition`` turns a validated condition into one of these. They import
nothing heavy (no pydantic), are picklable (so a compiled pack can be cached and handed to worker
processes) and are plain calls: ``check(record, fired)`` returns the hits, or None.

Patterns are searched under a time limit. Before a pattern set runs, its gate (see
``prefilter``) rules it out when the text holds none of the strings every match needs; the
answer is the same, only found sooner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from clarity.core.errors import ClarityError
from clarity.core.prefilter import Gate, gate_for
from clarity.core.record import LEVELS
from clarity.core.text import normalize

Record = dict[str, Any]


@dataclass(frozen=True)
class Hit:
    """The answer that made a condition true: a field and, for lists, the item."""

    field: str
    index: int | None = None
    value: Any = None


Hits = list[Hit]
Check = Callable[[Record, frozenset[str]], "Hits | None"]


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict)):
        return len(value) == 0
    return False


def _texts(value: Any) -> list[tuple[int | None, str]]:
    if value is None:
        return []
    if isinstance(value, str):
        return [(None, value)]
    if isinstance(value, (list, tuple)):
        return [(i, item) for i, item in enumerate(value) if isinstance(item, str)]
    return []


def coerce(value: Any) -> Any:
    if isinstance(value, str):
        word = value.strip().lower()
        if word in ("yes", "true"):
            return True
        if word in ("no", "false"):
            return False
    return value


# ---------------------------------------------------------------------------------------------
# Texts, prepared once for every pattern set that reads them


class Prepared:
    """An answer as patterns see it (normalized), and what the gates look at."""

    __slots__ = ("lowered", "text", "trigrams")

    def __init__(self, text: str) -> None:
        self.text = text
        if text.isascii():
            self.lowered: str | None = text.lower()
            low = self.lowered
            self.trigrams: frozenset[str] = frozenset(low[i : i + 3] for i in range(len(low) - 2))
        else:
            self.lowered = None
            self.trigrams = frozenset()


_PREPARED: dict[str, Prepared] = {}
_PREPARED_MAX = 4096


def prepare(raw: str) -> Prepared:
    """The prepared form of an answer's text (remembered for the next pattern sets)."""
    found = _PREPARED.get(raw)
    if found is None:
        if len(_PREPARED) >= _PREPARED_MAX:
            _PREPARED.clear()
        found = _PREPARED[raw] = Prepared(normalize(raw))
    return found


# ---------------------------------------------------------------------------------------------
# Patterns


class _GateIndex:
    """A gate's strings by their first three characters, for a quick look-up."""

    __slots__ = ("by_trigram", "trigrams")

    def __init__(self, gate: Gate) -> None:
        by: dict[str, list[str]] = {}
        for s in gate.strings:
            by.setdefault(s[:3], []).append(s)
        self.by_trigram = {k: tuple(v) for k, v in by.items()}
        self.trigrams = frozenset(by)

    def may_match(self, text: Prepared) -> bool:
        lowered = text.lowered
        if lowered is None:  # not ASCII: no gate, the patterns decide
            return True
        for trigram in self.trigrams & text.trigrams:
            for s in self.by_trigram[trigram]:
                if s in lowered:
                    return True
        return False


@dataclass(frozen=True, eq=False)
class PatternSet:
    """Several patterns searched as one, under a time limit.

    ``always`` joins the patterns that have no gate, ``gated`` those that have one; a text is
    searched with ``gated`` only when the gate lets it through. ``source`` keeps the patterns.
    """

    source: tuple[str, ...]
    always: Any
    gated: Any
    gate: Gate | None
    timeout: float
    owner: str

    def __post_init__(self) -> None:
        index = _GateIndex(self.gate) if self.gate is not None else None
        object.__setattr__(self, "_index", index)

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            PatternSet,
            (self.source, self.always, self.gated, self.gate, self.timeout, self.owner),
        )

    def _run(self, compiled: Any, text: str) -> bool:
        try:
            return compiled.search(text, timeout=self.timeout) is not None
        except TimeoutError:
            raise ClarityError(
                f"a pattern took longer than {self.timeout:g} s",
                key=self.owner,
                hint="simplify the pattern (avoid nested repetition such as (a+)+)",
            ) from None

    def matches(self, text: Prepared) -> bool:
        if self.always is not None and self._run(self.always, text.text):
            return True
        if self.gated is None:
            return False
        index: _GateIndex | None = self.__dict__["_index"]
        if index is not None and not index.may_match(text):
            return False
        return self._run(self.gated, text.text)

    def search(self, text: str) -> bool:
        """Whether any pattern matches ``text`` (already normalized)."""
        return self.matches(Prepared(text))


def compile_patterns(patterns: list[str], timeout: float, owner: str) -> PatternSet:
    """Compile a pattern set: the gated patterns and the others, each joined into one."""
    import regex

    flags = regex.IGNORECASE | regex.V0

    def joined(items: list[str]) -> Any:
        if not items:
            return None
        if len(items) == 1:
            return regex.compile(items[0], flags)
        return regex.compile("|".join(f"(?:{p})" for p in items), flags)

    gated: list[str] = []
    always: list[str] = []
    for pattern in patterns:
        (gated if gate_for([pattern]) is not None else always).append(pattern)
    gate = gate_for(gated) if gated else None
    return PatternSet(tuple(patterns), joined(always), joined(gated), gate, timeout, owner)


# ---------------------------------------------------------------------------------------------
# The checks


class Missing:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __reduce__(self) -> tuple[Any, ...]:
        return (Missing, (self.name,))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        return [Hit(self.name)] if is_empty(record.get(self.name)) else None


class Present:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __reduce__(self) -> tuple[Any, ...]:
        return (Present, (self.name,))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        value = record.get(self.name)
        return None if is_empty(value) else [Hit(self.name, value=value)]


class Equals:
    __slots__ = ("expected", "name")

    def __init__(self, name: str, expected: Any) -> None:
        self.name = name
        self.expected = coerce(expected)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Equals, (self.name, self.expected))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        value = record.get(self.name)
        return [Hit(self.name, value=value)] if coerce(value) == self.expected else None


class Matches:
    __slots__ = ("names", "patterns")

    def __init__(self, names: tuple[str, ...], patterns: PatternSet) -> None:
        self.names = names
        self.patterns = patterns

    def __reduce__(self) -> tuple[Any, ...]:
        return (Matches, (self.names, self.patterns))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        patterns = self.patterns
        for name in self.names:
            value = record.get(name)
            if value is None:
                continue
            for index, text in _texts(value):
                if patterns.matches(prepare(text)):
                    return [Hit(name, index, text)]
        return None


class Level:
    __slots__ = ("at_least", "bound", "name")

    def __init__(self, name: str, level: str, at_least: bool) -> None:
        self.name = name
        self.bound = LEVELS.index(level)
        self.at_least = at_least

    def __reduce__(self) -> tuple[Any, ...]:
        return (Level, (self.name, LEVELS[self.bound], self.at_least))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        value = record.get(self.name)
        if value not in LEVELS:
            return None
        rank = LEVELS.index(value)
        ok = rank >= self.bound if self.at_least else rank <= self.bound
        return [Hit(self.name, value=value)] if ok else None


class AllOf:
    __slots__ = ("parts",)

    def __init__(self, parts: tuple[Check, ...]) -> None:
        self.parts = parts

    def __reduce__(self) -> tuple[Any, ...]:
        return (AllOf, (self.parts,))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        hits: Hits = []
        for part in self.parts:
            found = part(record, fired)
            if found is None:
                return None
            hits.extend(found)
        return hits


class AnyOf:
    __slots__ = ("parts",)

    def __init__(self, parts: tuple[Check, ...]) -> None:
        self.parts = parts

    def __reduce__(self) -> tuple[Any, ...]:
        return (AnyOf, (self.parts,))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        for part in self.parts:
            found = part(record, fired)
            if found is not None:
                return found
        return None


class Not:
    __slots__ = ("inner",)

    def __init__(self, inner: Check) -> None:
        self.inner = inner

    def __reduce__(self) -> tuple[Any, ...]:
        return (Not, (self.inner,))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        return [] if self.inner(record, fired) is None else None


class Count:
    __slots__ = ("least", "parts")

    def __init__(self, parts: tuple[Check, ...], least: int) -> None:
        self.parts = parts
        self.least = least

    def __reduce__(self) -> tuple[Any, ...]:
        return (Count, (self.parts, self.least))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        hits: Hits = []
        n = 0
        for part in self.parts:
            found = part(record, fired)
            if found is not None:
                n += 1
                hits.extend(found)
        return hits if n >= self.least else None


class Fired:
    __slots__ = ("rule",)

    def __init__(self, rule: str) -> None:
        self.rule = rule

    def __reduce__(self) -> tuple[Any, ...]:
        return (Fired, (self.rule,))

    def __call__(self, record: Record, fired: frozenset[str]) -> Hits | None:
        return [] if self.rule in fired else None
