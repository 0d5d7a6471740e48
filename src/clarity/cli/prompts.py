"""The interview. Questions are data; this module is the one place that asks them.

``build`` turns one clarity question into a questionary question without asking it;
``interview`` asks, in order, every question that applies and is not answered yet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clarity.cli.typed import convert, date_fields, problem
from clarity.core.models import LEVELS, Perspective, parse_bool
from clarity.core.reading.answers import applies, follow_ups, get_answer, set_answer
from clarity.core.record import say
from clarity.core.rules.pack import CompiledRule, Question
from clarity.core.text import visible

#: Called before a question is asked: its group's title when the group changes (else None),
#: and the question's help line (else None).
Announce = Callable[[str | None, str | None], None]

#: Shows the answers given in the interview (its questions, in order) and returns the field of
#: the one to change, or None to go on and score them.
Review = Callable[[dict[str, Any], list[Question]], str | None]

#: Given the task, a line to show and earlier answers to offer as defaults (or None).
Recall = Callable[[str], "tuple[str, dict[str, Any]] | None"]

#: The instruction shown after a list question: how to type several items on one line.
LIST_INSTRUCTION = "(a; b; c)"


def view_of(perspective: str) -> Perspective:
    """The wording to use: the report's, or else the leader's."""
    return "report" if perspective == "report" else "leader"


#: What a prompt returns when the user asks to go back to the previous question.
BACK = object()
#: The key that goes back to the previous question (prompt_toolkit's name; Shift-Tab).
BACK_KEY = "s-tab"


def as_default(question: Question, value: Any) -> Any:
    """An answer given before (raw answer data), as the prompt's default."""
    if question.kind == "confirm":
        parsed = parse_bool(value)
        return parsed if isinstance(parsed, bool) else None
    if question.kind == "level":
        return value if value in LEVELS else None
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return value if isinstance(value, str) else None


def build(
    question: Question,
    perspective: str,
    data: dict[str, Any] | None = None,
    *,
    step: tuple[int, int] | None = None,
    previous: Any = None,
    back: bool = False,
    dated: bool = False,
    **io: Any,
) -> Any:
    """The questionary question for one clarity question (not yet asked).

    Every text shown comes from the pack as plain text: questionary draws it as formatted
    text fragments, never as markup. ``io`` (``input``, ``output``) goes to prompt_toolkit.
    ``step`` (k, n) shows "k of n" before the prompt; ``previous`` is an answer given before
    (offered as the default); with ``back``, Shift-Tab goes back to the previous question;
    with ``dated``, a date that cannot exist is refused as it is typed (in the bottom bar).
    """
    import questionary

    message = visible(say(question.prompt, view_of(perspective)), newlines=False)
    if step is not None:
        io = {"qmark": f"{step[0]} of {step[1]}", **io}
    given = as_default(question, previous) if previous is not None else None
    default = question.default if given is None else given
    if question.kind == "confirm":
        made = questionary.confirm(message, default=parse_bool(default) is True, **io)
    elif question.kind == "level":
        made = questionary.select(
            message, choices=list(LEVELS), default=default if default in LEVELS else None, **io
        )
    else:
        if isinstance(default, list):
            default = "; ".join(str(item) for item in default)
        answers = dict(data or {})
        made = questionary.text(
            message,
            default=default if isinstance(default, str) else "",
            instruction=LIST_INSTRUCTION if question.kind == "list" else None,
            validate=lambda text: problem(question, text, answers, dated=dated) or True,
            **io,
        )
    if back:
        _go_back_on(made)
    return made


def _go_back_on(made: Any) -> None:
    """Shift-Tab ends the prompt with BACK (the interview then asks the previous question)."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()

    @bindings.add(BACK_KEY, eager=True)
    def _back(event: Any) -> None:
        event.app.exit(result=BACK)

    app = made.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])


def unset_answer(data: dict[str, Any], field: str) -> None:
    """Take an answer back out of the answers (going back, or a question that no longer
    applies after a change)."""
    if field.startswith("symptoms."):
        symptoms = data.get("symptoms")
        if isinstance(symptoms, dict):
            symptoms.pop(field.split(".", 1)[1], None)
    else:
        data.pop(field, None)


class _Asked:
    """A question asked in this interview: where it is, and the follow-ups its answer brought."""

    def __init__(self, index: int, clarified: list[str]) -> None:
        self.index = index
        self.clarified = clarified


def interview(
    questions: list[Question],
    data: dict[str, Any],
    perspective: str,
    *,
    announce: Announce | None = None,
    on_answer: Callable[[dict[str, Any]], None] | None = None,
    rules: list[CompiledRule] | None = None,
    review: Review | None = None,
    resumed: frozenset[str] = frozenset(),
    recall: Recall | None = None,
    **io: Any,
) -> dict[str, Any]:
    """Ask every question that applies and is not answered yet; return the answers.

    Each prompt shows "k of n" (n counts the questions that apply to the answers so far, so a
    follow-up an answer brings adds one). Shift-Tab goes back to the previous question asked
    here, its answer offered again as the default. With ``review``, the answers are shown
    for review before they are scored, and any of them can be changed (see ``review``).

    ``resumed`` names the fields whose answers come from an interview that stopped before.
    ``recall``, once the task is known, gives the answers of an earlier check of it, which
    the questions still to ask offer as their defaults (with a line that says so).

    ``on_answer`` is called with the answers so far after each answer (a session keeps them,
    so an interrupted interview can go on where it stopped).

    Follow-ups (``when``) are decided on the answers so far, so an answer given earlier in the
    interview, in TASK or with ``--set`` counts alike. Ctrl-C (and Ctrl-D, end of input) raise
    KeyboardInterrupt, which the one command guard turns into exit 130.

    With ``rules``, a text answer the rules cannot judge either way brings their follow-up
    questions (a rule's ``ask``): the leader's yes or no is kept under ``clarified`` and
    decides that rule instead of the judge's guess.
    """
    # The questions asked in this interview, in the questions' order; answers ``resumed`` from
    # a draft count as asked here (the leader can go back to them and review them).
    asked = [_Asked(n, []) for n, q in enumerate(questions) if q.field in resumed and _has(data, q)]
    recalls = [] if recall is None else [recall]  # asked once, when the task is known
    previous: dict[str, Any] = {}
    while True:
        _ask_all(
            questions, data, perspective, asked, previous, announce, on_answer, rules, recalls, io
        )
        if review is None or not asked:  # (nothing was asked here: nothing to review)
            return data
        field = review(data, [questions[a.index] for a in asked])
        if field is None:
            return data
        # Only that answer is asked again (the old one offered as the default); questions
        # that no longer apply after it are dropped, and ones that now apply are asked.
        item = next(a for a in asked if questions[a.index].field == field)
        asked.remove(item)
        _undo(data, questions[item.index], item, previous)


def _has(data: dict[str, Any], question: Question) -> bool:
    return get_answer(data, question.field)[0]


def _to_ask(questions: list[Question], data: dict[str, Any]) -> int:
    """How many questions may still be asked: those without an answer that apply, or whose
    condition reads an answer still to come (a follow-up counts until it is ruled out)."""
    pending = {q.field for q in questions if not get_answer(data, q.field)[0]}
    return sum(
        1
        for q in questions
        if q.field in pending and (applies(q, data) or any(f in pending for f in q.reads))
    )


def _recall(recall: Recall, task: str, previous: dict[str, Any], announce: Announce | None) -> None:
    found = recall(task)
    if found is None:
        return
    note, answers = found
    for field, value in answers.items():
        previous.setdefault(field, value)
    if announce is not None:
        announce(None, note)


def _undo(data: dict[str, Any], question: Question, item: _Asked, previous: dict[str, Any]) -> None:
    answered, value = get_answer(data, question.field)
    if answered:
        previous[question.field] = value
    unset_answer(data, question.field)
    clarified = data.get("clarified")
    for rule_id in item.clarified:
        if isinstance(clarified, dict):
            clarified.pop(rule_id, None)


def _ask_all(
    questions: list[Question],
    data: dict[str, Any],
    perspective: str,
    asked: list[_Asked],
    previous: dict[str, Any],
    announce: Announce | None,
    on_answer: Callable[[dict[str, Any]], None] | None,
    rules: list[CompiledRule] | None,
    recalls: list[Recall],
    io: dict[str, Any],
) -> None:
    """Ask, in order, each question that applies and has no answer; Shift-Tab takes the
    answer before it back and asks that one again."""
    view = view_of(perspective)
    dates = date_fields(rules)
    group: str | None = None
    index = 0
    while index < len(questions):
        task = data.get("task")
        if recalls and isinstance(task, str) and task.strip():
            _recall(recalls.pop(), task, previous, announce)
        question = questions[index]
        answered, _ = get_answer(data, question.field)
        mine = next((a for a in asked if a.index == index), None)
        if mine is not None and not applies(question, data):  # a change made it moot
            asked.remove(mine)
            _undo(data, question, mine, previous)
            answered = False
        if answered or not applies(question, data):
            index += 1
            continue
        heading = say(question.group, view)
        title = heading if heading != group else None
        group = heading
        help_line = say(question.help, view) if question.help else None
        if announce is not None and (title or help_line):
            announce(title, help_line)
        before = [a for a in asked if a.index < index]
        remaining = _to_ask(questions, data)
        prompt = build(
            question,
            view,
            data,
            step=(len(before) + 1, len(asked) + remaining),
            previous=previous.get(question.field),
            back=bool(before),
            dated=question.field in dates,
            **io,
        )
        value = _ask(prompt)
        if value is BACK:
            item = before[-1]
            asked.remove(item)
            _undo(data, questions[item.index], item, previous)
            index, group = item.index, None
            if on_answer is not None:
                on_answer(data)
            continue
        set_answer(data, question.field, convert(question, value))
        clarified: list[str] = []
        if rules and question.kind in ("text", "list"):
            for compiled in follow_ups(rules, data, question.field):
                assert compiled.rule.ask is not None  # (follow_ups gives rules that ask)
                ask = compiled.rule.ask
                message = visible(say(ask.prompt, view), newlines=False)
                told = _ask(questionary_confirm(message, **io))
                data.setdefault("clarified", {})[compiled.rule.id] = told is ask.flaw
                clarified.append(compiled.rule.id)
        asked.insert(len(before), _Asked(index, clarified))
        if on_answer is not None:
            on_answer(data)
        index += 1


def questionary_confirm(message: str, **io: Any) -> Any:
    """A yes/no follow-up question (Enter alone says no)."""
    import questionary

    return questionary.confirm(message, default=False, **io)


def ask_one(prompt: Any) -> Any:
    """Ask one prompt outside the questions (a review, an offer to resume): Ctrl-C and
    Ctrl-D stop, as in the interview."""
    return _ask(prompt)


def _ask(prompt: Any) -> Any:
    """Ask one prompt; Ctrl-C and Ctrl-D (end of input) stop the interview."""
    try:
        value = prompt.unsafe_ask()
    except EOFError:
        raise KeyboardInterrupt from None
    if value is None:
        raise KeyboardInterrupt
    return value
