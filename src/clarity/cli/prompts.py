"""The interview. Questions are data; this module is the one place that asks them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clarity.core.answers import applies, get_answer, set_answer
from clarity.core.models import LEVELS, split_list
from clarity.core.pack import Question, say
from clarity.core.text import visible

Announce = Callable[[str], None]


def build(question: Question, perspective: str, **io: Any) -> Any:
    """The questionary question for one clarity question (not yet asked)."""
    import questionary

    view = "report" if perspective == "report" else "leader"
    message = say(question.prompt, view)
    instruction = say(question.help, view) if question.help else None
    if question.kind == "confirm":
        return questionary.confirm(message, default=bool(question.default), **io)
    if question.kind == "level":
        return questionary.select(
            message,
            choices=list(LEVELS),
            default=question.default if question.default in LEVELS else None,
            instruction=instruction,
            **io,
        )
    return questionary.text(message, instruction=instruction, **io)


def convert(question: Question, value: Any) -> Any:
    """A typed answer as raw answer data: lists are split on ';'."""
    if question.kind == "list" and isinstance(value, str):
        return split_list(value)
    if question.kind == "confirm" and isinstance(value, bool):
        return "yes" if value else "no"
    return value


def interview(
    questions: list[Question],
    data: dict[str, Any],
    perspective: str,
    *,
    announce: Announce | None = None,
    **io: Any,
) -> dict[str, Any]:
    """Ask every question that applies and is not answered yet; return the answers.

    Ctrl-C raises KeyboardInterrupt (``unsafe_ask``), handled by the one command guard.
    """
    group = None
    for question in questions:
        answered, _ = get_answer(data, question.field)
        if answered or not applies(question, data):
            continue
        if announce is not None and question.group != group:
            group = question.group
            announce(group)
        value = build(question, perspective, **io).unsafe_ask()
        if value is None:
            raise KeyboardInterrupt
        set_answer(data, question.field, convert(question, value))
    return data


def task_line(data: dict[str, Any]) -> str:
    return visible(str(data.get("task", "")), newlines=False)
