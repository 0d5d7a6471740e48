"""Declarative conditions: the whole language rules, questions and advice are written in.

A condition is a mapping with exactly one key:

``missing: FIELD``                 the field is absent or empty
``present: FIELD``                 the field has a value
``is: {field: F, value: V}``       the field equals V (``yes``/``no`` for the yes-no fields)
``matches: {field|fields, pattern|patterns}``
                                   some text (or list item) matches some pattern;
                                   case-insensitive, curly quotes read as straight ones
``at_least: {field: F, level: L}`` a symptom is at least L (never < rarely < sometimes
                                   < often < always)
``at_most: {field: F, level: L}``  a symptom is answered and at most L
``all: [...]`` / ``any: [...]`` / ``not: {...}``
``count: {min: N, of: [...]}``     at least N of the conditions hold
``fired: RULE``                    a rule produced a finding (advice and scores only)

Nothing is ever evaluated as code. Patterns run under a time limit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import regex
from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from clarity.core.errors import ClarityError
from clarity.core.models import LEVELS, RECORD_FIELDS
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

_STRICT = ConfigDict(extra="forbid", frozen=True)


def _known_field(name: str) -> str:
    if name not in RECORD_FIELDS:
        from difflib import get_close_matches

        close = get_close_matches(name, RECORD_FIELDS, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise ValueError(f"unknown field '{name}'{hint}")
    return name


def _known_level(level: str) -> str:
    if level not in LEVELS:
        raise ValueError(f"unknown level '{level}': use one of {', '.join(LEVELS)}")
    return level


class Missing(BaseModel):
    model_config = _STRICT
    missing: str

    _check = field_validator("missing")(classmethod(lambda cls, v: _known_field(v)))


class Present(BaseModel):
    model_config = _STRICT
    present: str

    _check = field_validator("present")(classmethod(lambda cls, v: _known_field(v)))


class IsArgs(BaseModel):
    model_config = _STRICT
    field: str
    value: str | bool | None

    _check = field_validator("field")(classmethod(lambda cls, v: _known_field(v)))


class Is(BaseModel):
    model_config = _STRICT
    is_: IsArgs = Field(alias="is")


class MatchArgs(BaseModel):
    model_config = _STRICT
    field: str | None = None
    fields: list[str] | None = None
    pattern: str | None = None
    patterns: list[str] | None = None

    @field_validator("field")
    @classmethod
    def _field(cls, value: str | None) -> str | None:
        return None if value is None else _known_field(value)

    @field_validator("fields")
    @classmethod
    def _fields(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else [_known_field(v) for v in value]

    @field_validator("pattern")
    @classmethod
    def _pattern(cls, value: str | None) -> str | None:
        return None if value is None else _valid_pattern(value)

    @field_validator("patterns")
    @classmethod
    def _patterns(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else [_valid_pattern(v) for v in value]

    @model_validator(mode="after")
    def _one_of_each(self) -> MatchArgs:
        if (self.field is None) == (self.fields is None):
            raise ValueError("give exactly one of 'field' or 'fields'")
        if (self.pattern is None) == (self.patterns is None):
            raise ValueError("give exactly one of 'pattern' or 'patterns'")
        return self

    def field_list(self) -> list[str]:
        return [self.field] if self.field is not None else list(self.fields or [])

    def pattern_list(self) -> list[str]:
        return [self.pattern] if self.pattern is not None else list(self.patterns or [])


class Matches(BaseModel):
    model_config = _STRICT
    matches: MatchArgs


class LevelArgs(BaseModel):
    model_config = _STRICT
    field: str
    level: str

    _check_field = field_validator("field")(classmethod(lambda cls, v: _known_field(v)))
    _check_level = field_validator("level")(classmethod(lambda cls, v: _known_level(v)))


class AtLeast(BaseModel):
    model_config = _STRICT
    at_least: LevelArgs


class AtMost(BaseModel):
    model_config = _STRICT
    at_most: LevelArgs


class All(BaseModel):
    model_config = _STRICT
    all: list[Condition] = Field(min_length=1)


class AnyOf(BaseModel):
    model_config = _STRICT
    any: list[Condition] = Field(min_length=1)


class Not(BaseModel):
    model_config = _STRICT
    not_: Condition = Field(alias="not")


class CountArgs(BaseModel):
    model_config = _STRICT
    min: int = Field(ge=1)
    of: list[Condition] = Field(min_length=1)


class Count(BaseModel):
    model_config = _STRICT
    count: CountArgs


class Fired(BaseModel):
    model_config = _STRICT
    fired: str


_KINDS = {
    "missing": "missing",
    "present": "present",
    "is": "is",
    "matches": "matches",
    "at_least": "at_least",
    "at_most": "at_most",
    "all": "all",
    "any": "any",
    "not": "not",
    "count": "count",
    "fired": "fired",
}


def _kind(value: Any) -> str | None:
    if isinstance(value, dict):
        keys = list(value)
        if len(keys) == 1 and keys[0] in _KINDS:
            return _KINDS[keys[0]]
        return None
    if isinstance(value, BaseModel):
        for name, kind in (
            ("missing", "missing"),
            ("present", "present"),
            ("is_", "is"),
            ("matches", "matches"),
            ("at_least", "at_least"),
            ("at_most", "at_most"),
            ("all", "all"),
            ("any", "any"),
            ("not_", "not"),
            ("count", "count"),
            ("fired", "fired"),
        ):
            if name in type(value).model_fields:
                return kind
    return None


Condition = Annotated[
    Annotated[Missing, Tag("missing")]
    | Annotated[Present, Tag("present")]
    | Annotated[Is, Tag("is")]
    | Annotated[Matches, Tag("matches")]
    | Annotated[AtLeast, Tag("at_least")]
    | Annotated[AtMost, Tag("at_most")]
    | Annotated[All, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")]
    | Annotated[Count, Tag("count")]
    | Annotated[Fired, Tag("fired")],
    Discriminator(
        _kind,
        custom_error_type="condition",
        custom_error_message=("a condition is a mapping with exactly one of: " + ", ".join(_KINDS)),
    ),
]

for _model in (All, AnyOf, Not, CountArgs, Count):
    _model.model_rebuild()


# ---------------------------------------------------------------------------------------------
# Patterns


def _valid_pattern(pattern: str) -> str:
    try:
        regex.compile(pattern, regex.IGNORECASE)
    except regex.error as exc:
        raise ValueError(f"invalid pattern {pattern!r}: {exc}") from None
    return pattern


@dataclass(frozen=True)
class PatternSet:
    """Several patterns compiled into one, searched under a time limit."""

    source: tuple[str, ...]
    compiled: Any
    timeout: float
    owner: str

    def search(self, text: str) -> bool:
        try:
            return self.compiled.search(text, timeout=self.timeout) is not None
        except TimeoutError:
            raise ClarityError(
                f"a pattern took longer than {self.timeout:g} s",
                key=self.owner,
                hint="simplify the pattern (avoid nested repetition such as (a+)+)",
            ) from None


def compile_patterns(patterns: list[str], timeout: float, owner: str) -> PatternSet:
    joined = "|".join(f"(?:{p})" for p in patterns)
    return PatternSet(
        tuple(patterns), regex.compile(joined, regex.IGNORECASE | regex.V0), timeout, owner
    )


# ---------------------------------------------------------------------------------------------
# Compilation: a condition becomes a function of the record and the rules that fired.


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


def _coerce(value: Any) -> Any:
    if isinstance(value, str):
        word = value.strip().lower()
        if word in ("yes", "true"):
            return True
        if word in ("no", "false"):
            return False
    return value


def compile_condition(cond: Any, *, timeout: float, owner: str) -> Check:
    """Turn a validated condition model into a function returning its hits, or None."""
    kind = _kind(cond)
    if kind == "missing":
        name = cond.missing

        def missing(record: Record, fired: frozenset[str]) -> Hits | None:
            return [Hit(name)] if is_empty(record.get(name)) else None

        return missing
    if kind == "present":
        name = cond.present

        def present(record: Record, fired: frozenset[str]) -> Hits | None:
            value = record.get(name)
            return None if is_empty(value) else [Hit(name, value=value)]

        return present
    if kind == "is":
        name, expected = cond.is_.field, _coerce(cond.is_.value)

        def equals(record: Record, fired: frozenset[str]) -> Hits | None:
            value = record.get(name)
            return [Hit(name, value=value)] if _coerce(value) == expected else None

        return equals
    if kind == "matches":
        names = cond.matches.field_list()
        patterns = compile_patterns(cond.matches.pattern_list(), timeout, owner)

        def matches(record: Record, fired: frozenset[str]) -> Hits | None:
            for name in names:
                for index, text in _texts(record.get(name)):
                    if patterns.search(normalize(text)):
                        return [Hit(name, index, text)]
            return None

        return matches
    if kind in ("at_least", "at_most"):
        args = cond.at_least if kind == "at_least" else cond.at_most
        name, bound = args.field, LEVELS.index(args.level)
        at_least = kind == "at_least"

        def level(record: Record, fired: frozenset[str]) -> Hits | None:
            value = record.get(name)
            if value not in LEVELS:
                return None
            rank = LEVELS.index(value)
            ok = rank >= bound if at_least else rank <= bound
            return [Hit(name, value=value)] if ok else None

        return level
    if kind == "all":
        parts = [compile_condition(c, timeout=timeout, owner=owner) for c in cond.all]

        def all_of(record: Record, fired: frozenset[str]) -> Hits | None:
            hits: Hits = []
            for part in parts:
                found = part(record, fired)
                if found is None:
                    return None
                hits.extend(found)
            return hits

        return all_of
    if kind == "any":
        parts = [compile_condition(c, timeout=timeout, owner=owner) for c in cond.any]

        def any_of(record: Record, fired: frozenset[str]) -> Hits | None:
            for part in parts:
                found = part(record, fired)
                if found is not None:
                    return found
            return None

        return any_of
    if kind == "not":
        inner = compile_condition(cond.not_, timeout=timeout, owner=owner)

        def negate(record: Record, fired: frozenset[str]) -> Hits | None:
            return [] if inner(record, fired) is None else None

        return negate
    if kind == "count":
        parts = [compile_condition(c, timeout=timeout, owner=owner) for c in cond.count.of]
        least = cond.count.min

        def count(record: Record, fired: frozenset[str]) -> Hits | None:
            hits: Hits = []
            n = 0
            for part in parts:
                found = part(record, fired)
                if found is not None:
                    n += 1
                    hits.extend(found)
            return hits if n >= least else None

        return count
    if kind == "fired":
        rule = cond.fired

        def fired_rule(record: Record, fired: frozenset[str]) -> Hits | None:
            return [] if rule in fired else None

        return fired_rule
    raise AssertionError(f"unknown condition {cond!r}")  # pragma: no cover


def referenced_rules(cond: Any) -> list[str]:
    """The rule ids a condition names with ``fired``."""
    kind = _kind(cond)
    if kind == "fired":
        return [cond.fired]
    if kind == "all":
        return [r for c in cond.all for r in referenced_rules(c)]
    if kind == "any":
        return [r for c in cond.any for r in referenced_rules(c)]
    if kind == "not":
        return referenced_rules(cond.not_)
    if kind == "count":
        return [r for c in cond.count.of for r in referenced_rules(c)]
    return []


ConditionKind = Literal[
    "missing",
    "present",
    "is",
    "matches",
    "at_least",
    "at_most",
    "all",
    "any",
    "not",
    "count",
    "fired",
]
