"""The delegation record as plain data: its fields, yes/no and list answers, how answers and
wordings are shown.

Nothing here imports pydantic, so ``clarity lint`` can use it without loading the models;
``models`` defines the validated models over these names (a test checks they agree).
"""

from __future__ import annotations

from typing import Any

PERSPECTIVES: tuple[str, ...] = ("leader", "report")
LEVELS: tuple[str, ...] = ("never", "rarely", "sometimes", "often", "always")

#: The everyday symptoms of constrained autonomy, in the order the source text gives them.
SYMPTOMS: tuple[str, ...] = (
    "sign_offs",
    "method_checkins",
    "procedure_redirects",
    "calendar_control_lost",
    "minor_change_permission",
    "no_resource_authority",
    "no_experiments",
    "process_over_impact",
    "suggestions_not_empowered",
    "peers_more_latitude",
)

LIST_FIELDS: tuple[str, ...] = ("constraints", "decides_alone", "escalate_when", "checkpoints")
BOOL_FIELDS: tuple[str, ...] = ("agreed_upfront", "can_fail_differently")
#: The text fields of a delegation that may be left empty (``task`` may not).
OPTIONAL_TEXT_FIELDS: tuple[str, ...] = (
    "owner",
    "delegated_by",
    "outcome",
    "deadline",
    "quality",
    "consequences",
)
#: The fields of a delegation record, in the documented order (``models.Delegation``'s).
DELEGATION_FIELDS: tuple[str, ...] = (
    "task",
    "owner",
    "delegated_by",
    "outcome",
    "deadline",
    "quality",
    "constraints",
    "decides_alone",
    "escalate_when",
    "consequences",
    "agreed_upfront",
    "checkpoints",
    "can_fail_differently",
)
#: Every field path the rule engine can read: the record, then the symptoms.
RECORD_FIELDS: tuple[str, ...] = DELEGATION_FIELDS + tuple(f"symptoms.{s}" for s in SYMPTOMS)
TEXT_FIELDS: tuple[str, ...] = tuple(name for name in DELEGATION_FIELDS if name not in BOOL_FIELDS)
#: What a rule id looks like (C101, B107, T12): the pack's ids and the answers' ``clarified``.
RULE_ID = r"[A-Z][A-Z0-9]{0,7}[0-9]"


class Remembered(dict[str, Any]):
    """A record as the rules read it (field paths to answers) that keeps, while the rules read
    it in turn, the normal forms of its texts (``texts``, by field: ``rules.checks``)."""

    __slots__ = ("texts",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.texts: dict[str, Any] = {}


_TRUE = frozenset({"yes", "y", "true", "on", "1"})
_FALSE = frozenset({"no", "n", "false", "off", "0"})


def split_list(value: str) -> list[str]:
    """Split a one-line list written as ``a; b; c``."""
    return [part.strip() for part in value.split(";") if part.strip()]


def parse_bool(value: Any) -> Any:
    """``yes``/``no`` (and true/false, on/off) as booleans; anything else is left to fail."""
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        if not word:
            return None
    return value


def answer_value(value: Any) -> str | None:
    """An answer as data quotes it: its text, or None when there is none (not given, an empty
    list, blank text), so that JSON says null rather than a phrase made for reading."""
    if value in (None, [], ()) or (isinstance(value, str) and not value.strip()):
        return None
    return answer_text(value)


def answer_text(value: Any) -> str:
    """An answer as a report quotes it."""
    if value is None:
        return "(no answer)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value) if value else "(none)"
    text = str(value)
    return text if text.strip() else "(empty)"


def say(text: Any, perspective: str) -> str:
    """The wording of a text for one perspective (the leader's unless it is 'report'): a
    plain string, or anything with ``leader`` and ``report`` wordings."""
    if isinstance(text, str):
        return text
    return str(text.report if perspective == "report" else text.leader)
