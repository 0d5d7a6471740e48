"""Checking an answer as it is typed: by the answers model that checks an answers file, and
for the fields the pack reads as dates, by the judge's own reading of a date."""

from __future__ import annotations

from typing import Any

from clarity.core.models import Answers, split_list
from clarity.core.reading.answers import set_answer
from clarity.core.reading.records import RecordError
from clarity.core.reading.validation import describe
from clarity.core.rules.pack import CompiledRule, Question


def convert(question: Question, value: Any) -> Any:
    """A typed answer as raw answer data: lists are split on ';', yes/no as words."""
    if question.kind == "list" and isinstance(value, str):
        return split_list(value)
    if question.kind == "confirm" and isinstance(value, bool):
        return "yes" if value else "no"
    return value


def date_fields(rules: list[CompiledRule] | None) -> frozenset[str]:
    """The fields the rules refuse a date that cannot exist in (the pack's ``dated ...
    reads: impossible``): the interview refuses one as it is typed."""
    from clarity.core.rules.compiled import fields_read

    return frozenset(
        f for c in rules or [] for f in fields_read(c.rule.when, "dated", reads="impossible")
    )


def impossible_date(question: Question, value: Any) -> str | None:
    """The message for a typed answer (or list item) that names a date no calendar has."""
    from clarity.core.judge.dates import read_date

    items = split_list(value) if question.kind == "list" else [str(value)]
    for item in items:
        if any(c.isdigit() for c in item) and read_date(item) == "impossible":
            return f"'{item}' is not a date that exists; check the day and the month"
    return None


def problem(
    question: Question, value: Any, data: dict[str, Any], *, dated: bool = False
) -> str | None:
    """What the answers model finds wrong with one typed answer, or None.

    The answer is checked together with the answers so far, by the same model that checks an
    answers file; only problems with this question's field are reported, so the prompt can ask
    again instead of failing at the end of the interview.
    """
    trial = dict(data)
    if isinstance(trial.get("symptoms"), dict):
        trial["symptoms"] = dict(trial["symptoms"])
    set_answer(trial, question.field, convert(question, value))
    if dated and isinstance(value, str):
        impossible = impossible_date(question, value)
        if impossible is not None:
            return impossible
    try:
        Answers.validate(trial)
    except RecordError as exc:
        path = tuple(question.field.split("."))
        for error in exc.errors():
            if tuple(str(part) for part in error["loc"][: len(path)]) == path:
                message, hint = describe(dict(error), [])
                return f"{message}; {hint}" if hint else message
    return None
