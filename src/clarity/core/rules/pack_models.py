"""The file format of a rule pack: the pydantic models a pack file is validated with (they
also give ``clarity schema rules``). ``build`` makes the compiled pack (``compiled``, plain
data) from them; nothing else reads them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from clarity.core.models import Perspective
from clarity.core.record import RULE_ID
from clarity.core.rules.compiled import DIMENSIONS as DIMENSIONS
from clarity.core.rules.compiled import SEVERITIES as SEVERITIES
from clarity.core.rules.compiled import VERDICTS as VERDICTS
from clarity.core.rules.conditions import Condition

Severity = Literal["error", "warning", "info"]
Dimension = Literal["boundaries", "consequences"]
VerdictId = Literal["in-harmony", "boundaries", "consequences", "both"]

_BOTH: tuple[Perspective, ...] = ("leader", "report")
_STRICT = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Worded(BaseModel):
    """A text said one way to the leader and another to the person asking for autonomy."""

    model_config = _STRICT
    leader: str
    report: str


Wording = str | Worded


class Examples(BaseModel):
    model_config = _STRICT
    fire: list[dict[str, Any]] = Field(min_length=1, description="Answers that must fire.")
    pass_: list[dict[str, Any]] = Field(
        alias="pass", min_length=1, description="Answers that must not fire."
    )


class FollowUp(BaseModel):
    """A question the interview asks when the rule cannot tell (its ``when`` holds): the
    leader's yes or no then decides whether the rule fires."""

    model_config = _STRICT
    when: Condition
    prompt: Wording
    flaw: bool = Field(description="The answer that says the flaw is there (yes or no).")

    @field_validator("flaw", mode="before")
    @classmethod
    def _yes_no(cls, value: Any) -> Any:
        from clarity.core.record import parse_bool

        return parse_bool(value)


class Rule(BaseModel):
    """One check of a delegation: what it looks for, why it matters and what to do."""

    model_config = _STRICT
    id: str = Field(pattern=f"^{RULE_ID}$", description="Stable id, e.g. C101.")
    name: str = Field(pattern=r"^[a-z][a-z0-9-]*$", description="Short kebab-case name.")
    title: Wording = Field(description="What the finding is, in a few words, in each voice.")
    dimension: Dimension
    severity: Severity
    trap: str | None = None
    field: str | None = Field(
        None, description="The answer a finding points at (default: the one the condition matched)."
    )
    when: Condition
    message: Wording
    why: Wording
    fix: Wording
    examples: Examples
    ask: FollowUp | None = Field(
        None, description="The follow-up question the interview asks when the rule is unsure."
    )
    source: str | None = Field(None, description="The text the reasoning comes from.")
    help_uri: str | None = Field(
        None,
        pattern=r"^https?://\S+$",
        description="A web page that explains the rule (SARIF helpUri; code scanning links it).",
    )

    @model_validator(mode="after")
    def _known_field(self) -> Rule:
        from clarity.core.models import RECORD_FIELDS

        if self.field is not None and self.field not in RECORD_FIELDS:
            raise ValueError(f"unknown field '{self.field}'")
        return self


class Trap(BaseModel):
    model_config = _STRICT
    id: str
    title: str
    meaning: Wording
    source: str | None = None


class Verdict(BaseModel):
    model_config = _STRICT
    id: VerdictId
    title: str
    meaning: Wording
    next_step: Wording


class Advice(BaseModel):
    model_config = _STRICT
    id: str
    title: str
    when: Condition
    perspectives: list[Perspective] = Field(default_factory=lambda: list(_BOTH))
    text: Wording
    source: str | None = None


class ScoreItem(BaseModel):
    model_config = _STRICT
    label: str
    points: int = Field(ge=-100, le=100)
    when: Condition


class Scores(BaseModel):
    model_config = _STRICT
    autonomy: list[ScoreItem] = Field(min_length=1)
    accountability: list[ScoreItem] = Field(min_length=1)
    outrun_margin: int = Field(20, ge=0, le=100)


QuestionKind = Literal["text", "list", "confirm", "level"]


class Question(BaseModel):
    """One interview question: it fills one field of the answers."""

    model_config = _STRICT
    field: str
    kind: QuestionKind
    group: Wording = Field(
        description="The clarity-test question (or part) it belongs to, in each voice."
    )
    prompt: Wording
    help: Wording | None = None
    required: bool = False
    default: Any = None
    when: Condition | None = None

    @model_validator(mode="after")
    def _known_field(self) -> Question:
        from clarity.core.models import RECORD_FIELDS

        if self.field not in RECORD_FIELDS:
            raise ValueError(f"unknown field '{self.field}'")
        return self


class PackFile(BaseModel):
    """One file of a rule pack. A pack is one such file or a folder of them."""

    model_config = _STRICT
    name: str | None = None
    version: str | None = None
    description: str | None = None
    example_base: dict[str, Any] | None = None
    verdicts: list[Verdict] = Field(default_factory=list)
    traps: list[Trap] = Field(default_factory=list)
    advice: list[Advice] = Field(default_factory=list)
    scores: Scores | None = None
    questions: list[Question] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    fragments: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Named pieces of patterns: a pattern of the same pack says {{name}} where one "
            "belongs (put in as a group of its own)."
        ),
    )
    disable: list[str] = Field(
        default_factory=list,
        description=(
            "Rules of the packs underneath (ids or names) that this pack turns off; "
            "they no longer fire."
        ),
    )
