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

These are the models a condition is validated with (while a pack is built, and for its JSON
Schema); ``compiler`` turns a validated condition into the check the engine calls.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

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
from clarity.core.rules.patterns import valid_pattern

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
        return None if value is None else valid_pattern(value)

    @field_validator("patterns")
    @classmethod
    def _patterns(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else [valid_pattern(v) for v in value]

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
    every: bool = Field(
        False,
        description="true: holds only when every answer of the fields (each list item) is "
        "judged so, not just one (for example: every guardrail is empty words).",
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


def kind_of(value: Any) -> str | None:
    """Which kind a condition is (``missing``, ``all``, ...): of a mapping as written, or of a
    validated model; None for anything else."""
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
        kind_of,
        custom_error_type="condition",
        custom_error_message=("a condition is a mapping with exactly one of: " + ", ".join(_KINDS)),
    ),
]

for _model in (All, AnyOf, Not, CountArgs, Count):
    _model.model_rebuild()
