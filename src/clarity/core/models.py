"""The delegation record and the answers file: one data format for check and lint."""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator, model_validator

from clarity.core.record import (
    BOOL_FIELDS,
    DELEGATION_FIELDS,
    LEVELS,
    LIST_FIELDS,
    PERSPECTIVES,
    RECORD_FIELDS,
    RULE_ID,
    SYMPTOMS,
    TEXT_FIELDS,
    parse_bool,
    split_list,
)

Perspective = Literal["leader", "report"]
_RULE_ID = re.compile(RULE_ID)


class Level(str, Enum):
    """How often a symptom shows up."""

    never = "never"
    rarely = "rarely"
    sometimes = "sometimes"
    often = "often"
    always = "always"


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


#: The words a yes/no answer may be, in any case and with spaces around (an empty one is no
#: answer): what ``record.parse_bool`` and pydantic's booleans accept, as the schema says it.
YES_NO_WORDS = ("yes", "y", "true", "t", "on", "1", "no", "n", "false", "f", "off", "0")
YesNo = Annotated[
    bool | None,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "boolean"},
                {
                    "type": "string",
                    "pattern": r"^\s*(" + "|".join(_any_case(w) for w in YES_NO_WORDS) + r")?\s*$",
                },
                {"enum": [0, 1]},
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
    unknown: list[str] = Field(
        default_factory=list,
        description=(
            "The questions that were not asked (answers field names): their answers are "
            "unknown, which is not a failure. Filled in for any question the answers leave out."
        ),
    )

    clarified: dict[str, bool] = Field(
        default_factory=dict,
        description=(
            "The leader's answers to follow-up questions, by rule id: yes when the flaw the "
            "rule looks for is there, no when it is not. They decide over the judge."
        ),
    )

    @field_validator("clarified", mode="before")
    @classmethod
    def _clarified(cls, value: Any) -> Any:
        if value is None:
            return {}
        if isinstance(value, dict):
            out = {}
            for key, answer in value.items():
                if not isinstance(key, str) or not _RULE_ID.fullmatch(key):
                    raise ValueError(f"'{key}' is not a rule id (such as C104)")
                answer = parse_bool(answer)
                if not isinstance(answer, bool):
                    raise ValueError(f"the answer for {key} must be yes or no")
                out[key] = answer
            return out
        return value

    @field_validator("unknown")
    @classmethod
    def _known_fields(cls, value: list[str]) -> list[str]:
        for name in value:
            if name not in RECORD_FIELDS or name == "task":
                raise ValueError(f"'{name}' is not a question that can be left unknown")
        return list(dict.fromkeys(value))

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
        return Delegation.model_validate(
            self.model_dump(exclude={"perspective", "symptoms", "unknown", "clarified"})
        )


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


assert tuple(Delegation.model_fields) == DELEGATION_FIELDS, "record.DELEGATION_FIELDS is stale"
assert tuple(level.value for level in Level) == LEVELS, "record.LEVELS is stale"
