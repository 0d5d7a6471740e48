"""A coach's session: the tasks or people to walk through, which questions, an opening text.

A session file is YAML::

    title: Team leads, spring review
    opening: We go through each delegation in turn. There are no wrong answers.
    perspective: leader              # the default view of every item
    questions: [can_fail_differently, outcome, deadline, quality, consequences, agreed_upfront]
    items:
      - task: Weekly client report
        owner: Sam
      - task: Run the on-call rotation
        perspective: report
        outcome: Every alert is answered within 15 minutes   # known already: not asked

``questions`` is ``all`` (the default), a list of question ids (the answers' field names;
``symptoms`` stands for every symptom question), or ``pack: PATH``, a question pack laid over
the built-in pack whose own questions are the ones asked. Each item is an answers record: its
``task`` and any answers known already, which are not asked again. A question that is neither
asked nor given is *unknown*: the report says so and no rule counts it as a failure.

The progress of a session is kept in a small JSON state file, written whole after every
answer, so an interrupted session goes on where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from difflib import get_close_matches
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    WithJsonSchema,
    field_validator,
)

from clarity.core.errors import ClarityError, Location
from clarity.core.fileio import write_file
from clarity.core.limits import DEFAULT_LIMITS, Limits
from clarity.core.models import Perspective, SessionItem
from clarity.core.reading.records import RecordError
from clarity.core.reading.records import validate as validate_record
from clarity.core.reading.validation import located, validate
from clarity.core.reading.yamlsafe import Document, decode, load_yaml, read_bytes
from clarity.core.rules.pack import Pack, Question, load_pack

QUESTIONS_HELP = "write 'all', a list of question ids, or 'pack: PATH'"


class QuestionPack(BaseModel):
    """A question pack of one's own: its questions are the ones asked."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    pack: str = Field(
        min_length=1, description="A rule pack file or folder, relative to the session file."
    )


def _questions_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "all"
    if isinstance(value, list):
        return "list"
    if isinstance(value, (dict, QuestionPack)):
        return "pack"
    return None


QuestionChoice = Annotated[
    Annotated[Literal["all"], Tag("all")]
    | Annotated[list[str], Tag("list")]
    | Annotated[QuestionPack, Tag("pack")],
    Discriminator(
        _questions_kind, custom_error_type="questions", custom_error_message=QUESTIONS_HELP
    ),
]


#: A session's items are delegation records, read by the record validator (``models``) once
#: the session's own keys are read; ``schemas.schema_for`` puts the record's schema in.
Items = Annotated[list[dict[str, Any]], WithJsonSchema({"items": {}, "type": "array"})]


class SessionFile(BaseModel):
    """A coach's session file."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str = Field(min_length=1, description="What the session is, shown first.")
    opening: str | None = Field(None, description="The text that opens the session.")
    perspective: Perspective = Field(
        "leader", description="Whose view the questions are asked in, unless an item says."
    )
    questions: QuestionChoice = Field(
        "all",
        description=(
            "Which questions are asked: all, a list of question ids (symptoms = every "
            "symptom question), or pack: PATH for a question pack of one's own."
        ),
    )
    items: Items = Field(min_length=1, description="The tasks or people to walk through, in order.")

    @field_validator("questions", mode="before")
    @classmethod
    def _all(cls, value: Any) -> Any:
        if isinstance(value, str):
            if value.strip().lower() != "all":
                raise ValueError(f"unexpected value {value!r}; {QUESTIONS_HELP}")
            return "all"
        return value

    @field_validator("perspective", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value


@dataclass(frozen=True)
class SessionEntry:
    """One item of a session, ready to ask."""

    index: int
    task: str
    perspective: str
    preset: dict[str, Any]

    @property
    def label(self) -> str:
        owner = self.preset.get("owner")
        return f"{self.task} ({owner})" if isinstance(owner, str) and owner.strip() else self.task


@dataclass(frozen=True)
class Session:
    """A validated session: what to say, what to ask, and whom."""

    path: Path
    title: str
    opening: str | None
    asked: list[Question]
    pack: Pack
    items: list[SessionEntry]
    digest: str

    @property
    def source(self) -> str:
        return str(self.path)


def load_session(
    path: Path, rules: list[Path] | None = None, limits: Limits = DEFAULT_LIMITS
) -> Session:
    """Read and check a session file. Every problem is a ClarityError naming file:line:col."""
    source = str(path)
    raw = read_bytes(path, source, limits)
    doc = load_yaml(decode(raw, source), source, limits, private=True)
    if not isinstance(doc.data, dict):
        raise ClarityError(
            "a session file must be a mapping with 'title' and 'items'",
            location=doc.where(()),
            hint="see clarity schema session",
        )
    spec = validate(SessionFile, doc, private=True)
    read: list[SessionItem] = []
    for i, raw_item in enumerate(spec.items):
        try:
            read.append(validate_record(SessionItem, raw_item, ("items", i)))
        except RecordError as exc:
            raise located(exc, doc, SessionItem, private=True) from None
    own_packs: list[Path] = []
    if isinstance(spec.questions, QuestionPack):
        pack_path = path.parent / spec.questions.pack
        if not pack_path.exists():
            raise ClarityError(
                f"no such question pack '{spec.questions.pack}'",
                location=doc.where(("questions", "pack")),
                key="questions.pack",
                hint="give a pack file or folder, relative to the session file",
            )
        own_packs.append(pack_path)
    pack = load_pack([*own_packs, *(rules or [])], limits)
    asked = _asked(spec, doc, pack, own_packs)
    items = []
    for i, item in enumerate(read):
        preset = dict(doc.data["items"][i])
        view = item.perspective or spec.perspective
        preset["perspective"] = view
        items.append(SessionEntry(i, item.task, view, preset))
    return Session(
        path=path,
        title=spec.title,
        opening=spec.opening,
        asked=asked,
        pack=pack,
        items=items,
        digest=hashlib.sha256(raw).hexdigest(),
    )


def _asked(spec: SessionFile, doc: Document, pack: Pack, own_packs: list[Path]) -> list[Question]:
    """The questions the session asks, in the order they are asked."""
    by_field = {q.field: q for q in pack.questions}
    if spec.questions == "all":
        return list(pack.questions)
    if isinstance(spec.questions, QuestionPack):
        from clarity.core.rules.build import pack_files

        fields = [
            name for file in pack_files(own_packs[0]) for name in pack.asks.get(str(file), ())
        ]
        if not fields:
            raise ClarityError(
                "the question pack has no questions",
                location=doc.where(("questions", "pack")),
                key="questions.pack",
                hint="list them under 'questions:' in the pack (see clarity schema rules)",
            )
        return [by_field[name] for name in dict.fromkeys(fields)]
    wanted: set[str] = set()
    symptoms = [name for name in by_field if name.startswith("symptoms.")]
    for i, name in enumerate(spec.questions):
        name = name.strip()
        if name == "symptoms":
            wanted.update(symptoms)
        elif name in by_field:
            wanted.add(name)
        else:
            close = get_close_matches(name, [*by_field, "symptoms"], n=1)
            raise ClarityError(
                f"unknown question '{name}'",
                location=doc.where(("questions", i)),
                key=f"questions[{i}]",
                hint=f"did you mean '{close[0]}'?"
                if close
                else "a question id is an answers field name, e.g. outcome or symptoms.sign_offs",
            )
    return [q for q in pack.questions if q.field in wanted]


# -- the state of a session that is under way -------------------------------------------

STATE_VERSION = 1


class DoneItem(BaseModel):
    """An item that was asked, scored and saved."""

    model_config = ConfigDict(extra="forbid")
    index: int = Field(ge=0)
    task: str
    perspective: str
    verdict: str
    #: None: not judged (none of the axis's questions was asked).
    autonomy: int | None
    accountability: int | None
    entry: int | None = None


class CurrentItem(BaseModel):
    """The item being asked when the session stopped, and the answers given so far."""

    model_config = ConfigDict(extra="forbid")
    index: int = Field(ge=0)
    answers: dict[str, Any]


class SessionState(BaseModel):
    """Where a session is: written whole after every answer, removed when it completes."""

    model_config = ConfigDict(extra="forbid")
    version: Literal[1] = 1
    session: str
    file: str
    digest: str
    started: str
    done: list[DoneItem] = Field(default_factory=list)
    current: CurrentItem | None = None

    def finished(self) -> set[int]:
        return {item.index for item in self.done}


def state_path(session_path: Path, explicit: Path | None = None) -> Path:
    """``--state PATH``, else ``<session file>.state.json`` next to the session file."""
    if explicit is not None:
        return explicit
    return session_path.with_name(session_path.name + ".state.json")


def new_state(session: Session, now: datetime | None = None) -> SessionState:
    when = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return SessionState(
        session=f"{session.path.stem}-{when:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}",
        file=session.source,
        digest=session.digest,
        started=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def read_state(path: Path, limits: Limits = DEFAULT_LIMITS) -> SessionState | None:
    """The saved state of an interrupted session, or None when there is none."""
    if not path.exists():
        return None
    text = decode(read_bytes(path, str(path), limits), str(path))
    hint = "delete it, or run the session with --restart, to start over"
    try:
        # strict=False: a line separator clarity wrote raw reads back as a line feed
        return SessionState.model_validate(json.loads(text, strict=False))
    except (ValueError, ValidationError, RecursionError):  # RecursionError: nested too deep
        raise ClarityError(
            "the saved state of the session is damaged",
            location=Location(str(path)),
            hint=hint,
        ) from None


def write_state(path: Path, state: SessionState) -> None:
    """Keep the state whole or not at all (a crash never leaves half a file)."""
    text = json.dumps(state.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    write_file(path, text, what="the session state")
