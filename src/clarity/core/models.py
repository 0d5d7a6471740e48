"""The delegation record and the answers file: one data format for check and lint."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator, model_validator

from clarity.core.fastvalid import Refused, fast_record
from clarity.core.record import (
    BOOL_FIELDS,
    DELEGATION_FIELDS,
    LEVELS,
    LIST_FIELDS,
    PERSPECTIVES,
    RECORD_FIELDS,
    SYMPTOMS,
    TEXT_FIELDS,
    parse_bool,
    split_list,
)

Perspective = Literal["leader", "report"]
_M = TypeVar("_M", bound=BaseModel)


class Level(str, Enum):
    """How often a symptom shows up."""

    never = "never"
    rarely = "rarely"
    sometimes = "sometimes"
    often = "often"
    always = "always"


YesNo = Annotated[
    bool | None,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "boolean"},
                {"enum": ["yes", "no", "true", "false", "y", "n", "on", "off"]},
                {"type": "null"},
            ]
        }
    ),
]

TextList = Annotated[
    list[str],
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "array", "items": {"type": "string"}},
                {"type": "string", "description": "items separated with ';'"},
                {"type": "null"},
            ]
        }
    ),
]


class Delegation(BaseModel):
    """One delegated responsibility: what is to be delivered, and how freely."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    task: str = Field(min_length=1, description="The responsibility that was delegated.")
    owner: str | None = Field(None, description="Who it was delegated to.")
    delegated_by: str | None = Field(None, description="Who delegated it.")
    outcome: str | None = Field(
        None, description="The specific outcome that counts as success (question 2)."
    )
    deadline: str | None = Field(None, description="When it is due (question 2).")
    quality: str | None = Field(
        None, description="The quality standard the result must meet (question 2)."
    )
    constraints: TextList = Field(
        default_factory=list, description="The non-negotiable constraints: the guardrails."
    )
    decides_alone: TextList = Field(
        default_factory=list,
        description="Decisions that need no approval: methods, timing, priorities.",
    )
    escalate_when: TextList = Field(
        default_factory=list, description="Pre-agreed triggers for bringing a decision back."
    )
    consequences: str | None = Field(
        None, description="What happens if it is not delivered (question 3)."
    )
    agreed_upfront: YesNo = Field(
        None, description="Were the consequences agreed before the work started? (yes/no)"
    )
    checkpoints: TextList = Field(default_factory=list, description="Review dates.")
    can_fail_differently: YesNo = Field(
        None,
        description="May they take an approach unlike the delegator's? (question 1, yes/no)",
    )

    @field_validator(*LIST_FIELDS, mode="before")
    @classmethod
    def _one_line_list(cls, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, str):
            return split_list(value)
        return value

    @field_validator(*BOOL_FIELDS, mode="before")
    @classmethod
    def _yes_no(cls, value: Any) -> Any:
        return parse_bool(value)

    @field_validator("owner", "delegated_by", "outcome", "deadline", "quality", "consequences")
    @classmethod
    def _empty_is_none(cls, value: str | None) -> str | None:
        return value or None

    @field_validator(*LIST_FIELDS)
    @classmethod
    def _drop_empty_items(cls, value: list[str]) -> list[str]:
        return [item for item in value if item]


class Symptoms(BaseModel):
    """How often each everyday symptom of constrained autonomy shows up (seed order)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sign_offs: Level | None = Field(
        None, description="Sign-offs required for routine decisions one is competent to make."
    )
    method_checkins: Level | None = Field(
        None, description="Check-ins that focus on methods rather than outcomes."
    )
    procedure_redirects: Level | None = Field(
        None, description="Redirection to standard procedures even when the context differs."
    )
    calendar_control_lost: Level | None = Field(
        None, description="Meetings scheduled without one's input: little control of the calendar."
    )
    minor_change_permission: Level | None = Field(
        None, description="Permission needed for minor changes (a deadline, a tool)."
    )
    no_resource_authority: Level | None = Field(
        None, description="No authority to reallocate resources or shift priorities."
    )
    no_experiments: Level | None = Field(
        None, description="Unable to run small tests or experiments without formal approval."
    )
    process_over_impact: Level | None = Field(
        None, description="Feedback judges adherence to process more than impact."
    )
    suggestions_not_empowered: Level | None = Field(
        None, description="Suggestions accepted in theory but not empowered in practice."
    )
    peers_more_latitude: Level | None = Field(
        None, description="Similar peers get more decision latitude."
    )

    @model_validator(mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: (v.strip().lower() if isinstance(v, str) else v) for k, v in value.items()}
        return value


class Answers(Delegation):
    """An answers file: a delegation record, whose view it is, and the symptoms seen."""

    perspective: Perspective = Field(
        "leader", description="Whose answers these are: the leader's or the report's."
    )
    symptoms: Symptoms = Field(
        default_factory=Symptoms,
        description="How often each everyday symptom of constrained autonomy shows up.",
    )

    @field_validator("symptoms", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return {} if value is None else value

    @field_validator("perspective", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    def delegation(self) -> Delegation:
        """The delegation record without the interview-only parts."""
        return Delegation.model_validate(self.model_dump(exclude={"perspective", "symptoms"}))


class Charter(BaseModel):
    """A team charter: the team and its delegations."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    team: str | None = Field(None, description="The team the charter belongs to.")
    delegations: list[Delegation] = Field(
        default_factory=list, description="The delegations the team keeps."
    )


__all__ = [
    "BOOL_FIELDS",
    "DELEGATION_FIELDS",
    "LEVELS",
    "LIST_FIELDS",
    "PERSPECTIVES",
    "RECORD_FIELDS",
    "SYMPTOMS",
    "TEXT_FIELDS",
    "Answers",
    "Charter",
    "Delegation",
    "Level",
    "Perspective",
    "Symptoms",
    "fast_answers",
    "parse_bool",
    "record_of",
    "split_list",
]


_SYMPTOM_KEYS = tuple((symptom, f"symptoms.{symptom}") for symptom in SYMPTOMS)


def record_of(model: Delegation) -> dict[str, Any]:
    """A flat mapping of field paths to values, as the rule engine reads them."""
    values = model.__dict__
    record = {name: values[name] for name in DELEGATION_FIELDS}
    symptoms = values.get("symptoms")
    if symptoms is not None:
        levels = symptoms.__dict__
        for symptom, key in _SYMPTOM_KEYS:
            level = levels[symptom]
            record[key] = None if level is None else level._value_
    return record


_ANSWER_KEYS = frozenset((*DELEGATION_FIELDS, "perspective", "symptoms"))
#: A level by its answer as written (the usual spellings: others are stripped and lowered).
_LEVEL_OF: dict[str, Level] = {
    spelling: level
    for level in Level
    for spelling in (level.value, level.value.capitalize(), level.value.upper())
}
_set = object.__setattr__


def _made(cls: type[_M], values: dict[str, Any], given: set[str]) -> _M:
    """A model of values already valid, set as ``model_construct`` sets them."""
    made = cls.__new__(cls)
    _set(made, "__dict__", values)
    _set(made, "__pydantic_fields_set__", given)
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


def _fast_answers(data: Any) -> Answers | None:
    try:
        values = fast_record(data, _ANSWER_KEYS)
    except Refused:
        return None
    view: Any = data.get("perspective", "leader")
    if type(view) is not str:
        return None
    view = view.strip().lower()
    if view != "leader" and view != "report":
        return None
    given = data.get("symptoms")
    levels: dict[str, Level | None] = dict.fromkeys(SYMPTOMS)
    if given is None:
        given = {}
    elif type(given) is not dict:
        return None
    for name, level in given.items():
        if name not in levels:
            return None
        if level is not None:
            if type(level) is not str:
                return None
            found = _LEVEL_OF.get(level)
            if found is None:
                found = _LEVEL_OF.get(level.strip().lower())
                if found is None:
                    return None
            levels[name] = found
    values["perspective"] = view
    values["symptoms"] = _made(Symptoms, levels, set(given))
    return _made(Answers, values, set(data))


#: Whether the fast path gives what the models give with the installed pydantic (asked once).
_FAST_OK: list[bool] = []

_PROBE = {
    "task": " A task ",
    "outcome": "",
    "constraints": "a; b",
    "agreed_upfront": "Yes",
    "perspective": " Report",
    "symptoms": {"sign_offs": " Often", "no_experiments": None},
}


def fast_answers(data: Any) -> Answers | None:
    """``Answers.model_validate(data)`` for plainly valid answers, without the validators; None
    when the model must decide (and explain). A property test holds the two to each other; on
    first use, a pydantic that builds models differently turns the fast path off."""
    if not _FAST_OK:
        fast, slow = _fast_answers(_PROBE), Answers.model_validate(_PROBE)
        _FAST_OK.append(
            fast is not None
            and not Answers.__pydantic_post_init__
            and fast == slow
            and fast.model_fields_set == slow.model_fields_set
            and fast.symptoms.model_fields_set == slow.symptoms.model_fields_set
            and fast.model_dump_json() == slow.model_dump_json()
        )
    return _fast_answers(data) if _FAST_OK[0] else None


assert tuple(Delegation.model_fields) == DELEGATION_FIELDS, "record.DELEGATION_FIELDS is stale"
assert tuple(level.value for level in Level) == LEVELS, "record.LEVELS is stale"
