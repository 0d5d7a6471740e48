"""The delegation record, the answers file, a session's item and the charter: their types,
and the table of their fields (``FIELDS``: each key, the kind of value it holds, what it
means). ``reading.records`` validates raw data against the table and ``reading.schemas`` writes
the JSON Schemas from it, so the two cannot drift. (Not pydantic models: ``reading.records``
says why.)
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Literal, NamedTuple, TypeVar

from clarity.core.record import (
    BOOL_FIELDS,
    DELEGATION_FIELDS,
    LEVELS,
    LIST_FIELDS,
    PERSPECTIVES,
    RECORD_FIELDS,
    SYMPTOMS,
    TEXT_FIELDS,
    Remembered,
    parse_bool,
    split_list,
)
from clarity.core.values import FrozenValue

Perspective = Literal["leader", "report"]
_Read = TypeVar("_Read")


class Level(str, Enum):
    """How often a symptom shows up."""

    never = "never"
    rarely = "rarely"
    sometimes = "sometimes"
    often = "often"
    always = "always"


# ---------------------------------------------------------------------------------------------
# The types


class Symptoms(FrozenValue):
    """How often each everyday symptom of constrained autonomy shows up (seed order)."""

    __slots__ = SYMPTOMS
    __match_args__ = SYMPTOMS

    def __init__(self, **levels: Level | None) -> None:
        for name in SYMPTOMS:
            object.__setattr__(self, name, levels.pop(name, None))
        if levels:
            raise TypeError(f"unknown symptoms: {', '.join(levels)}")

    def as_json(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in SYMPTOMS}


class Delegation(FrozenValue):
    """One delegated responsibility: what is to be delivered, and how freely."""

    __slots__ = DELEGATION_FIELDS
    __match_args__: tuple[str, ...] = DELEGATION_FIELDS

    task: str
    owner: str | None
    delegated_by: str | None
    outcome: str | None
    deadline: str | None
    quality: str | None
    constraints: list[str]
    decides_alone: list[str]
    escalate_when: list[str]
    consequences: str | None
    agreed_upfront: bool | None
    checkpoints: list[str]
    can_fail_differently: bool | None

    def __init__(self, **values: Any) -> None:
        for name in self.__match_args__:
            if name in values:
                value = values.pop(name)
            else:
                value = [] if name in LIST_FIELDS else self._default(name)
            object.__setattr__(self, name, value)
        if values:
            raise TypeError(f"unknown fields: {', '.join(values)}")

    @staticmethod
    def _default(name: str) -> Any:
        """The value of a field the data leaves out (a list field's is an empty list)."""
        return None

    @classmethod
    def validate(cls: type[_Read], data: Any) -> _Read:
        """Read raw data (a mapping of answers) as this type, or raise ``RecordError``."""
        from clarity.core.reading.records import validate

        result: _Read = validate(cls, data)
        return result

    def as_json(self) -> dict[str, Any]:
        """The values as JSON would hold them (levels by name)."""
        return {name: _plain(getattr(self, name)) for name in self.__match_args__}


class Answers(Delegation):
    """An answers file: a delegation record, whose view it is, and the symptoms seen."""

    __slots__ = ("clarified", "perspective", "symptoms", "unknown")
    __match_args__ = (*DELEGATION_FIELDS, "perspective", "symptoms", "unknown", "clarified")

    perspective: Perspective
    symptoms: Symptoms
    unknown: list[str]
    clarified: dict[str, bool]

    @staticmethod
    def _default(name: str) -> Any:
        defaults = {"perspective": "leader", "unknown": [], "clarified": {}}
        return Symptoms() if name == "symptoms" else defaults.get(name)

    def delegation(self) -> Delegation:
        """The delegation record without the interview-only parts."""
        return Delegation(**{name: getattr(self, name) for name in DELEGATION_FIELDS})


class SessionItem(Delegation):
    """One task or person to walk through: the task, and any answers known already."""

    __slots__ = ("perspective", "symptoms")
    __match_args__ = (*DELEGATION_FIELDS, "perspective", "symptoms")

    perspective: Perspective | None
    symptoms: Symptoms | None


class CharterDelegation(Delegation):
    """One delegation of a charter, and its answers to follow-up questions (``clarified``)."""

    __slots__ = ("clarified",)
    __match_args__ = (*DELEGATION_FIELDS, "clarified")

    clarified: dict[str, bool]

    @staticmethod
    def _default(name: str) -> Any:
        return {} if name == "clarified" else None


class Charter(FrozenValue):
    """A team charter: the team and its delegations."""

    __slots__ = ("delegations", "team")
    __match_args__ = ("team", "delegations")

    def __init__(self, team: str | None = None, delegations: list[CharterDelegation] | None = None):
        object.__setattr__(self, "team", team)
        object.__setattr__(self, "delegations", [] if delegations is None else delegations)

    team: str | None
    delegations: list[CharterDelegation]

    @classmethod
    def validate(cls: type[_Read], data: Any) -> _Read:
        """Read raw data as a charter, or raise ``RecordError``."""
        from clarity.core.reading.records import validate

        result: _Read = validate(cls, data)
        return result


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, FrozenValue) and hasattr(value, "as_json"):
        return value.as_json()
    if isinstance(value, (list, dict)):
        return value.copy()
    return value


# ---------------------------------------------------------------------------------------------
# The table: what each key holds


class Field(NamedTuple):
    name: str
    kind: str
    description: str


_RECORD = (
    Field("task", "task", "The responsibility that was delegated."),
    Field("owner", "text", "Who it was delegated to."),
    Field("delegated_by", "text", "Who delegated it."),
    Field("outcome", "text", "The specific outcome that counts as success (question 2)."),
    Field("deadline", "text", "When it is due (question 2)."),
    Field("quality", "text", "The quality standard the result must meet (question 2)."),
    Field("constraints", "list", "The non-negotiable constraints: the guardrails."),
    Field("decides_alone", "list", "Decisions that need no approval: methods, timing, priorities."),
    Field("escalate_when", "list", "Pre-agreed triggers for bringing a decision back."),
    Field("consequences", "text", "What happens if it is not delivered (question 3)."),
    Field(
        "agreed_upfront", "yesno", "Were the consequences agreed before the work started? (yes/no)"
    ),
    Field("checkpoints", "list", "Review dates."),
    Field(
        "can_fail_differently",
        "yesno",
        "May they take an approach unlike the delegator's? (question 1, yes/no)",
    ),
)
_CLARIFIED = Field(
    "clarified",
    "clarified",
    "The leader's answers to follow-up questions, by rule id: yes when the flaw the rule "
    "looks for is there, no when it is not. They decide over the judge.",
)
_SYMPTOM_TEXTS = (
    "Sign-offs required for routine decisions one is competent to make.",
    "Check-ins that focus on methods rather than outcomes.",
    "Redirection to standard procedures even when the context differs.",
    "Meetings scheduled without one's input: little control of the calendar.",
    "Permission needed for minor changes (a deadline, a tool).",
    "No authority to reallocate resources or shift priorities.",
    "Unable to run small tests or experiments without formal approval.",
    "Feedback judges adherence to process more than impact.",
    "Suggestions accepted in theory but not empowered in practice.",
    "Similar peers get more decision latitude.",
)
FIELDS: dict[type, tuple[Field, ...]] = {
    Delegation: _RECORD,
    Answers: (
        *_RECORD,
        Field(
            "perspective", "perspective", "Whose answers these are: the leader's or the report's."
        ),
        Field(
            "symptoms",
            "symptoms",
            "How often each everyday symptom of constrained autonomy shows up.",
        ),
        Field(
            "unknown",
            "unknown",
            "The questions that were not asked (answers field names): their answers are unknown, "
            "which is not a failure. Filled in for any question the answers leave out.",
        ),
        _CLARIFIED,
    ),
    CharterDelegation: (*_RECORD, _CLARIFIED),
    SessionItem: (
        *_RECORD,
        Field(
            "perspective",
            "perspective?",
            "Whose view this item is asked in (default: the session's).",
        ),
        Field("symptoms", "symptoms?", "Symptom levels known already."),
    ),
    Symptoms: tuple(
        Field(s, "level", text) for s, text in zip(SYMPTOMS, _SYMPTOM_TEXTS, strict=True)
    ),
    Charter: (
        Field("team", "team", "The team the charter belongs to."),
        Field("delegations", "delegations", "The delegations the team keeps."),
    ),
}


def field_names(model: type) -> list[str]:
    """The keys a type's mapping may have, in order."""
    return [f.name for f in FIELDS[model]]


__all__ = [
    "BOOL_FIELDS",
    "DELEGATION_FIELDS",
    "FIELDS",
    "LEVELS",
    "LIST_FIELDS",
    "PERSPECTIVES",
    "RECORD_FIELDS",
    "SYMPTOMS",
    "TEXT_FIELDS",
    "Answers",
    "Charter",
    "CharterDelegation",
    "Delegation",
    "Field",
    "Level",
    "Perspective",
    "SessionItem",
    "Symptoms",
    "field_names",
    "parse_bool",
    "record_of",
    "split_list",
]


_SYMPTOM_KEYS = tuple((symptom, f"symptoms.{symptom}") for symptom in SYMPTOMS)


def record_of(model: Delegation) -> dict[str, Any]:
    """A flat mapping of field paths to values, as the rule engine reads them."""
    record = Remembered((name, getattr(model, name)) for name in DELEGATION_FIELDS)
    symptoms = getattr(model, "symptoms", None)
    if symptoms is not None:
        for symptom, key in _SYMPTOM_KEYS:
            level = getattr(symptoms, symptom)
            record[key] = None if level is None else level.value
    return record
