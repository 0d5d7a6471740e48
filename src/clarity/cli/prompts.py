"""The interview. Questions are data; this module is the one place that asks them.

``build`` turns one clarity question into a questionary question without asking it;
``interview`` asks, in order, every question that applies and is not answered yet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from clarity.core.answers import applies, follow_ups, get_answer, set_answer
from clarity.core.models import LEVELS, Answers, Perspective, parse_bool, split_list
from clarity.core.pack import CompiledRule, Question
from clarity.core.record import say
from clarity.core.text import visible
from clarity.core.validation import describe

#: Called before a question is asked: its group's title when the group changes (else None),
#: and the question's help line (else None).
Announce = Callable[[str | None, str | None], None]

#: The instruction shown after a list question: how to type several items on one line.
LIST_INSTRUCTION = "(a; b; c)"


def view_of(perspective: str) -> Perspective:
    """The wording to use: the report's, or else the leader's."""
    return "report" if perspective == "report" else "leader"


def build(
    question: Question, perspective: str, data: dict[str, Any] | None = None, **io: Any
) -> Any:
    """The questionary question for one clarity question (not yet asked).

    Every text shown comes from the pack as plain text: questionary draws it as formatted
    text fragments, never as markup. ``io`` (``input``, ``output``) goes to prompt_toolkit.
    """
    import questionary

    message = visible(say(question.prompt, view_of(perspective)), newlines=False)
    if question.kind == "confirm":
        return questionary.confirm(message, default=parse_bool(question.default) is True, **io)
    if question.kind == "level":
        return questionary.select(
            message,
            choices=list(LEVELS),
            default=question.default if question.default in LEVELS else None,
            **io,
        )
    default = question.default
    if isinstance(default, list):
        default = "; ".join(str(item) for item in default)
    answers = dict(data or {})
    return questionary.text(
        message,
        default=default if isinstance(default, str) else "",
        instruction=LIST_INSTRUCTION if question.kind == "list" else None,
        validate=lambda text: problem(question, text, answers) or True,
        **io,
    )


def convert(question: Question, value: Any) -> Any:
    """A typed answer as raw answer data: lists are split on ';', yes/no as words."""
    if question.kind == "list" and isinstance(value, str):
        return split_list(value)
    if question.kind == "confirm" and isinstance(value, bool):
        return "yes" if value else "no"
    return value


def problem(question: Question, value: Any, data: dict[str, Any]) -> str | None:
    """What the answers model finds wrong with one typed answer, or None.

    The answer is checked together with the answers so far, by the same model that checks an
    answers file; only problems with this question's field are reported, so the prompt can ask
    again instead of failing at the end of the interview.
    """
    trial = dict(data)
    if isinstance(trial.get("symptoms"), dict):
        trial["symptoms"] = dict(trial["symptoms"])
    set_answer(trial, question.field, convert(question, value))
    try:
        Answers.model_validate(trial)
    except ValidationError as exc:
        path = tuple(question.field.split("."))
        for error in exc.errors():
            if tuple(str(part) for part in error["loc"][: len(path)]) == path:
                message, hint = describe(dict(error), [])
                return f"{message}; {hint}" if hint else message
    return None


def interview(
    questions: list[Question],
    data: dict[str, Any],
    perspective: str,
    *,
    announce: Announce | None = None,
    on_answer: Callable[[dict[str, Any]], None] | None = None,
    rules: list[CompiledRule] | None = None,
    **io: Any,
) -> dict[str, Any]:
    """Ask every question that applies and is not answered yet; return the answers.

    ``on_answer`` is called with the answers so far after each answer (a session keeps them,
    so an interrupted interview can go on where it stopped).

    Follow-ups (``when``) are decided on the answers so far, so an answer given earlier in the
    interview, in TASK or with ``--set`` counts alike. Ctrl-C (and Ctrl-D, end of input) raise
    KeyboardInterrupt, which the one command guard turns into exit 130.

    With ``rules``, a text answer the rules cannot judge either way brings their follow-up
    questions (a rule's ``ask``): the leader's yes or no is kept under ``clarified`` and
    decides that rule instead of the judge's guess.
    """
    view = view_of(perspective)
    group: str | None = None
    for question in questions:
        answered, _ = get_answer(data, question.field)
        if answered or not applies(question, data):
            continue
        heading = say(question.group, view)
        title = heading if heading != group else None
        group = heading
        help_line = say(question.help, view) if question.help else None
        if announce is not None and (title or help_line):
            announce(title, help_line)
        value = _ask(build(question, view, data, **io))
        set_answer(data, question.field, convert(question, value))
        if rules and question.kind in ("text", "list"):
            for compiled in follow_ups(rules, data, question.field):
                assert compiled.rule.ask is not None  # (follow_ups gives rules that ask)
                ask = compiled.rule.ask
                message = visible(say(ask.prompt, view), newlines=False)
                told = _ask(questionary_confirm(message, **io))
                data.setdefault("clarified", {})[compiled.rule.id] = told is ask.flaw
        if on_answer is not None:
            on_answer(data)
    return data


def questionary_confirm(message: str, **io: Any) -> Any:
    """A yes/no follow-up question (Enter alone says no)."""
    import questionary

    return questionary.confirm(message, default=False, **io)


def _ask(prompt: Any) -> Any:
    """Ask one prompt; Ctrl-C and Ctrl-D (end of input) stop the interview."""
    try:
        value = prompt.unsafe_ask()
    except EOFError:
        raise KeyboardInterrupt from None
    if value is None:
        raise KeyboardInterrupt
    return value
