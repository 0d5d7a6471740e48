"""Declarative conditions: the whole language rules, questions and advice are written in.

A condition is a mapping with exactly one key:

``missing: FIELD``                 the field is absent or empty
``present: FIELD``                 the field has a value
``is: {field: F, value: V}``       the field equals V (``yes``/``no`` for the yes-no fields)
``matches: {field|fields, pattern|patterns}``
                                   some text (or list item) matches some pattern;
                                   case-insensitive, curly quotes read as straight ones
``means: {field|fields, bank: NAME}``
                                   some text (or list item) has the flaw that the bank
                                   ``banks/NAME.yaml`` beside the pack teaches (see ``judge``)
``dated: {field|fields, reads: R}`` some text reads as R: ``date`` (a real calendar date),
                                   ``impossible`` (a date that cannot exist) or ``none``
``at_least: {field: F, level: L}`` a symptom is at least L (never < rarely < sometimes
                                   < often < always)
``at_most: {field: F, level: L}``  a symptom is answered and at most L
``all: [...]`` / ``any: [...]`` / ``not: {...}``
``count: {min: N, of: [...]}``     at least N of the conditions hold
``fired: RULE``                    a rule produced a finding (advice and scores only)

Nothing is ever evaluated as code. Patterns run under a time limit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

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

from clarity.core.record import LEVELS, RECORD_FIELDS
from clarity.core.rules import checks as _checks
from clarity.core.rules.checks import (
    Check,
    Hit,
    Hits,
    PatternSet,
    Record,
    compile_patterns,
    is_empty,
)

if TYPE_CHECKING:
    from clarity.core.judge import Judges

__all__ = [
    "Check",
    "Condition",
    "Hit",
    "Hits",
    "PatternSet",
    "Record",
    "compile_condition",
    "compile_patterns",
    "is_empty",
    "referenced_fields",
    "referenced_rules",
]

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


class _FieldsArgs(BaseModel):
    model_config = _STRICT
    field: str | None = None
    fields: list[str] | None = None

    @field_validator("field")
    @classmethod
    def _field(cls, value: str | None) -> str | None:
        return None if value is None else _known_field(value)

    @field_validator("fields")
    @classmethod
    def _fields(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else [_known_field(v) for v in value]

    @model_validator(mode="after")
    def _one_of(self) -> _FieldsArgs:
        if (self.field is None) == (self.fields is None):
            raise ValueError("give exactly one of 'field' or 'fields'")
        return self

    def field_list(self) -> list[str]:
        return [self.field] if self.field is not None else list(self.fields or [])


class MatchArgs(_FieldsArgs):
    pattern: str | None = None
    patterns: list[str] | None = None

    @field_validator("pattern")
    @classmethod
    def _pattern(cls, value: str | None) -> str | None:
        return None if value is None else _valid_pattern(value)

    @field_validator("patterns")
    @classmethod
    def _patterns(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else [_valid_pattern(v) for v in value]

    @model_validator(mode="after")
    def _one_pattern_kind(self) -> MatchArgs:
        if (self.pattern is None) == (self.patterns is None):
            raise ValueError("give exactly one of 'pattern' or 'patterns'")
        return self

    def pattern_list(self) -> list[str]:
        return [self.pattern] if self.pattern is not None else list(self.patterns or [])


class Matches(BaseModel):
    model_config = _STRICT
    matches: MatchArgs


class MeansArgs(_FieldsArgs):
    bank: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
    unsure: bool = Field(
        False,
        description="true: holds when the judge cannot tell either way (for a rule's `ask`).",
    )


class Means(BaseModel):
    model_config = _STRICT
    means: MeansArgs


class DatedArgs(_FieldsArgs):
    reads: Literal["date", "impossible", "none"]


class Dated(BaseModel):
    model_config = _STRICT
    dated: DatedArgs


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
    "means": "means",
    "dated": "dated",
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
            ("means", "means"),
            ("dated", "dated"),
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
    | Annotated[Means, Tag("means")]
    | Annotated[Dated, Tag("dated")]
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


def _excerpt(pattern: str) -> str:
    return repr(pattern if len(pattern) <= 60 else pattern[:57] + "...")


def _valid_pattern(pattern: str) -> str:
    from clarity.core.rules.patterns import MAX_EXPANSION, expansion, group_reference

    reference = group_reference(pattern)
    if reference is not None:
        raise ValueError(
            f"the pattern {_excerpt(pattern)} refers back to a group ({reference}); "
            "patterns may not use back-references or recursion: write the text out"
        )
    size = expansion(pattern)
    if size > MAX_EXPANSION:
        if expansion(regex.sub(r"\{[0-9,]+\}", "", pattern)) > MAX_EXPANSION:  # as written
            raise ValueError(
                f"the pattern {_excerpt(pattern)} is too big: it is more than "
                f"{MAX_EXPANSION:,} steps long as written; split it into several patterns"
            )
        raise ValueError(
            f"the pattern {_excerpt(pattern)} is too big: its counted repetitions unroll to "
            f"more than {MAX_EXPANSION:,} steps; use smaller counts, or + and * instead"
        )
    try:
        regex.compile(pattern, regex.IGNORECASE | regex.V0)
    except regex.error as exc:
        raise ValueError(f"invalid pattern {_excerpt(pattern)}: {exc}") from None
    return pattern


# ---------------------------------------------------------------------------------------------
# Compilation: a condition becomes a function of the record and the rules that fired.


def compile_condition(
    cond: Any, *, timeout: float, owner: str, judges: Judges | None = None
) -> Check:
    """Turn a validated condition model into a check: a picklable call returning its hits.

    ``judges`` are the banks beside the pack the condition comes from (for ``means``)."""
    kind = _kind(cond)
    if kind == "missing":
        return _checks.Missing(cond.missing)
    if kind == "present":
        return _checks.Present(cond.present)
    if kind == "is":
        return _checks.Equals(cond.is_.field, cond.is_.value)
    if kind == "matches":
        patterns = compile_patterns(cond.matches.pattern_list(), timeout, owner)
        return _checks.Matches(tuple(cond.matches.field_list()), patterns)
    if kind == "means":
        if judges is None:
            raise ValueError("'means' needs a pack folder with a banks/ folder beside it")
        args = cond.means
        return _checks.Means(tuple(args.field_list()), judges, args.bank, args.unsure)
    if kind == "dated":
        return _checks.Dated(tuple(cond.dated.field_list()), cond.dated.reads)
    if kind in ("at_least", "at_most"):
        args = cond.at_least if kind == "at_least" else cond.at_most
        return _checks.Level(args.field, args.level, kind == "at_least")

    def parts(items: list[Any]) -> tuple[Check, ...]:
        return tuple(
            compile_condition(c, timeout=timeout, owner=owner, judges=judges) for c in items
        )

    if kind == "all":
        return _checks.AllOf(parts(cond.all))
    if kind == "any":
        return _checks.AnyOf(parts(cond.any))
    if kind == "not":
        return _checks.Not(
            compile_condition(cond.not_, timeout=timeout, owner=owner, judges=judges)
        )
    if kind == "count":
        return _checks.Count(parts(cond.count.of), cond.count.min)
    if kind == "fired":
        return _checks.Fired(cond.fired)
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


def dated_fields(cond: Any, reads: str) -> list[str]:
    """The answer fields a condition reads as dates with the reading ``reads`` (``dated``
    anywhere in it): what the interview checks while the answer is typed."""
    kind = _kind(cond)
    if kind == "dated":
        return list(cond.dated.field_list()) if cond.dated.reads == reads else []
    if kind in ("all", "any"):
        return [f for c in getattr(cond, kind) for f in dated_fields(c, reads)]
    if kind == "not":
        return dated_fields(cond.not_, reads)
    if kind == "count":
        return [f for c in cond.count.of for f in dated_fields(c, reads)]
    return []


def referenced_fields(cond: Any) -> list[str]:
    """The answer fields a condition reads."""
    kind = _kind(cond)
    if kind == "missing":
        return [cond.missing]
    if kind == "present":
        return [cond.present]
    if kind == "is":
        return [cond.is_.field]
    if kind in ("matches", "means", "dated"):
        return list(getattr(cond, kind).field_list())
    if kind in ("at_least", "at_most"):
        return [getattr(cond, kind).field]
    if kind == "all":
        return [f for c in cond.all for f in referenced_fields(c)]
    if kind == "any":
        return [f for c in cond.any for f in referenced_fields(c)]
    if kind == "not":
        return referenced_fields(cond.not_)
    if kind == "count":
        return [f for c in cond.count.of for f in referenced_fields(c)]
    return []


ConditionKind = Literal[
    "missing",
    "present",
    "is",
    "matches",
    "means",
    "dated",
    "at_least",
    "at_most",
    "all",
    "any",
    "not",
    "count",
    "fired",
]
