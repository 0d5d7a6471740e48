"""The interview, driven with keys through prompt_toolkit's pipe input.

Each test types what a user would type and checks the answers that come out and what the
user saw. The pipe is closed after the keys, so a prompt that wants more keys than a test
sends ends the interview (as Ctrl-D would) instead of hanging.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import Input, create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output
from rich.console import Console

from clarity.cli import prompts
from clarity.cli.interview import run_interview
from clarity.core.reading.answers import build_answers, complete
from clarity.core.rules.pack import Question, load_pack, say

QUESTIONS: list[Question] = load_pack(plugins=False).questions
Q = {q.field: q for q in QUESTIONS}

ENTER = "\r"
DOWN = "\x1b[B"
CTRL_C = "\x03"
SYMPTOMS = [q.field for q in QUESTIONS if q.field.startswith("symptoms.")]

_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def screen(raw: str) -> str:
    """What the terminal showed, without the escape sequences that draw it."""
    return _ESCAPES.sub("", raw)


class Stopped(AssertionError):
    """The interview stopped before the keys ran out of answers (or at a test's Ctrl-C)."""


@contextmanager
def typed(keys: str) -> Iterator[Input]:
    """Pipe input holding ``keys`` and then the end of input.

    An interview that wants more keys stops (end of input is treated like Ctrl-C); that is
    reported as a failed test, not as a KeyboardInterrupt that would stop pytest itself.
    """
    with create_pipe_input() as inp:
        inp.send_text(keys)
        inp.close()
        try:
            yield inp
        except KeyboardInterrupt:
            raise Stopped("the interview stopped before the answers were all given") from None


def terminal() -> tuple[Vt100_Output, io.StringIO]:
    shown = io.StringIO()
    return Vt100_Output(shown, lambda: Size(rows=24, columns=400), term="xterm"), shown


def ask(
    keys: str,
    data: dict[str, Any] | None = None,
    perspective: str = "leader",
    questions: list[Question] = QUESTIONS,
) -> tuple[dict[str, Any], str]:
    """Type ``keys`` into the interview; return the answers and what was shown."""
    output, shown = terminal()
    answers = {} if data is None else data
    with typed(keys) as inp:
        result = prompts.interview(questions, answers, perspective, input=inp, output=output)
    return result, screen(shown.getvalue())


def prompt(field: str, view: str = "leader") -> str:
    return say(Q[field].prompt, view)


# A whole leader interview: every follow-up applies.
LEADER_KEYS = "".join(
    [
        "Weekly client report" + ENTER,  # task
        "y",  # can_fail_differently (y answers at once)
        "Tools;timing ;  order of sections " + ENTER,  # decides_alone
        "Budget under 2,000 EUR" + ENTER,  # constraints
        "Client score below 8; a data error reaches the client" + ENTER,  # escalate_when
        "The client receives the report with all twelve KPIs" + ENTER,  # outcome
        "Every Monday by 10:00" + ENTER,  # deadline
        "Zero data errors against the checklist" + ENTER,  # quality
        "2026-12-14; 2026-12-28" + ENTER,  # checkpoints
        "The weekly sign-off comes back" + ENTER,  # consequences
        "n",  # agreed_upfront
        ENTER,  # sign_offs: never (the default)
        DOWN + ENTER,  # method_checkins: rarely
        DOWN * 4 + ENTER,  # procedure_redirects: always
        *[DOWN * 2 + ENTER] * 7,  # the other seven: sometimes
    ]
)


def test_a_leader_interview_asks_every_question_in_order() -> None:
    data, shown = ask(LEADER_KEYS)
    assert data == {
        "task": "Weekly client report",
        "can_fail_differently": "yes",
        "decides_alone": ["Tools", "timing", "order of sections"],
        "constraints": ["Budget under 2,000 EUR"],
        "escalate_when": ["Client score below 8", "a data error reaches the client"],
        "outcome": "The client receives the report with all twelve KPIs",
        "deadline": "Every Monday by 10:00",
        "quality": "Zero data errors against the checklist",
        "checkpoints": ["2026-12-14", "2026-12-28"],
        "consequences": "The weekly sign-off comes back",
        "agreed_upfront": "no",
        "symptoms": {
            "sign_offs": "never",
            "method_checkins": "rarely",
            "procedure_redirects": "always",
            **{field.split(".")[1]: "sometimes" for field in SYMPTOMS[3:]},
        },
    }
    positions = [shown.find(prompt(q.field)) for q in QUESTIONS]
    assert -1 not in positions, "every question is shown"
    assert positions == sorted(positions), "in the order of questions.yaml"


def test_typed_answers_pass_the_same_validation_as_a_file() -> None:
    data, _ = ask(LEADER_KEYS)
    answers = build_answers(complete(data, QUESTIONS, "the interview"), None, "the interview")
    assert answers.can_fail_differently is True
    assert answers.agreed_upfront is False
    assert answers.decides_alone == ["Tools", "timing", "order of sections"]
    assert answers.symptoms.procedure_redirects is not None
    assert answers.symptoms.procedure_redirects.value == "always"


@pytest.mark.parametrize(
    ("typed", "items"),
    [
        ("one", ["one"]),
        ("a; b;c", ["a", "b", "c"]),
        ("  first item ;; second item ; ", ["first item", "second item"]),
        ("", []),
        (" ; ", []),
    ],
)
def test_list_answers_are_split_on_semicolons(typed: str, items: list[str]) -> None:
    data, shown = ask(typed + ENTER, questions=[Q["constraints"]])
    assert data == {"constraints": items}
    assert prompts.LIST_INSTRUCTION in shown


def test_text_answers_show_no_list_instruction() -> None:
    _, shown = ask("Weekly report" + ENTER, questions=[Q["task"]])
    assert prompt("task") in shown
    assert prompts.LIST_INSTRUCTION not in shown


def test_no_autonomy_follow_ups_when_they_cannot_fail_differently() -> None:
    keys = "Weekly report" + ENTER + "n" + "Budget fixed" + ENTER
    questions = [
        Q[f]
        for f in ("task", "can_fail_differently", "decides_alone", "constraints", "escalate_when")
    ]
    data, shown = ask(keys, questions=questions)
    assert data == {
        "task": "Weekly report",
        "can_fail_differently": "no",
        "constraints": ["Budget fixed"],
    }
    assert prompt("decides_alone") not in shown
    assert prompt("escalate_when") not in shown


def test_autonomy_follow_ups_when_they_can_fail_differently() -> None:
    keys = "y" + "Methods" + ENTER + ENTER + "Cost over 5k" + ENTER
    questions = [
        Q[f] for f in ("can_fail_differently", "decides_alone", "constraints", "escalate_when")
    ]
    data, shown = ask(keys, questions=questions)
    assert data == {
        "can_fail_differently": "yes",
        "decides_alone": ["Methods"],
        "constraints": [],
        "escalate_when": ["Cost over 5k"],
    }
    assert prompt("decides_alone") in shown
    assert prompt("escalate_when") in shown


def test_agreed_upfront_is_asked_only_when_a_consequence_was_given() -> None:
    questions = [Q["consequences"], Q["agreed_upfront"]]
    data, shown = ask(ENTER, questions=questions)
    assert data == {"consequences": ""}
    assert prompt("agreed_upfront") not in shown

    data, shown = ask("The sign-off comes back" + ENTER + "y", questions=questions)
    assert data == {"consequences": "The sign-off comes back", "agreed_upfront": "yes"}
    assert prompt("agreed_upfront") in shown


def test_checkpoints_are_asked_even_without_a_deadline() -> None:
    # review dates matter on their own (a pilot with review dates), so they are always asked
    questions = [Q["deadline"], Q["checkpoints"]]
    data, shown = ask(ENTER + "2026-12-14" + ENTER, questions=questions)
    assert data == {"deadline": "", "checkpoints": ["2026-12-14"]}
    assert prompt("checkpoints") in shown

    data, shown = ask("Friday" + ENTER + "Tuesday; Thursday" + ENTER, questions=questions)
    assert data == {"deadline": "Friday", "checkpoints": ["Tuesday", "Thursday"]}


def test_answers_already_given_are_not_asked_again() -> None:
    given = {
        "task": "Weekly client report",
        "can_fail_differently": "no",
        "outcome": "The report is sent",
        "symptoms": {"sign_offs": "often"},
    }
    keys = "".join(
        [
            "Budget fixed" + ENTER,  # constraints
            "Monday" + ENTER,  # deadline
            "No errors" + ENTER,  # quality
            ENTER,  # checkpoints: none
            "Sign-off returns" + ENTER,  # consequences
            "y",  # agreed_upfront
            *[ENTER] * 9,  # the symptoms not given: never
        ]
    )
    data, shown = ask(keys, data=given)
    for field in ("task", "can_fail_differently", "outcome", "symptoms.sign_offs"):
        assert prompt(field) not in shown, field
    assert data["task"] == "Weekly client report"
    assert data["outcome"] == "The report is sent"
    assert data["symptoms"]["sign_offs"] == "often"
    assert data["symptoms"]["method_checkins"] == "never"
    assert data["agreed_upfront"] == "yes"
    assert "decides_alone" not in data and "escalate_when" not in data


def test_the_report_is_asked_in_their_own_words() -> None:
    fields = ("task", "can_fail_differently", "consequences", "symptoms.sign_offs")
    keys = "Weekly report" + ENTER + "n" + ENTER + ENTER
    _, shown = ask(keys, perspective="report", questions=[Q[f] for f in fields])
    for field in fields:
        assert prompt(field, "report") != prompt(field, "leader")
        assert prompt(field, "report") in shown, field
        assert prompt(field, "leader") not in shown, field
    _, shown = ask(keys, perspective="leader", questions=[Q[f] for f in fields])
    for field in fields:
        assert prompt(field, "leader") in shown, field


def test_an_empty_task_is_asked_again() -> None:
    data, _ = ask(
        ENTER + "   " + ENTER + "\x7f" * 3 + "Weekly report" + ENTER, questions=[Q["task"]]
    )
    assert data == {"task": "Weekly report"}


def test_a_typed_answer_is_checked_by_the_answers_model() -> None:
    assert prompts.problem(Q["task"], "  ", {}) == "must not be empty"
    assert prompts.problem(Q["task"], "Weekly report", {}) is None
    # Problems elsewhere in the answers so far are not this prompt's to report.
    assert prompts.problem(Q["outcome"], "Sent", {"agreed_upfront": "maybe"}) is None


def test_an_empty_outcome_is_an_answer() -> None:
    data, _ = ask(ENTER, questions=[Q["outcome"]])
    assert data == {"outcome": ""}


@pytest.mark.parametrize(("default", "expected"), [("no", "no"), ("yes", "yes"), (None, "no")])
def test_a_confirm_takes_the_pack_default_on_enter(default: str | None, expected: str) -> None:
    question = Q["agreed_upfront"].replace(default=default, when=None, reads=(), check=None)
    data, _ = ask(ENTER, questions=[question])
    assert data == {"agreed_upfront": expected}


@pytest.mark.parametrize(
    ("before", "stopped_at"),
    [
        ("", "task"),  # a text prompt
        ("Weekly report" + ENTER, "can_fail_differently"),  # a confirm
        ("Weekly report" + ENTER + "n" + ("x" + ENTER) * 6 + "y", "symptoms.sign_offs"),  # select
    ],
)
def test_ctrl_c_stops_the_interview(before: str, stopped_at: str) -> None:
    data: dict[str, Any] = {}
    # Keys after Ctrl-C would answer the next prompts if Ctrl-C were not honoured.
    after = "y" + ("more" + ENTER) * 3 + ENTER * 10
    with create_pipe_input() as inp:
        inp.send_text(before + CTRL_C + after)
        inp.close()
        with pytest.raises(KeyboardInterrupt):
            prompts.interview(QUESTIONS, data, "leader", input=inp, output=DummyOutput())
    fields = [q.field for q in QUESTIONS]
    asked = fields[: fields.index(stopped_at)]
    assert stopped_at not in data and "symptoms" not in data
    assert set(data) <= set(asked)


def test_end_of_input_stops_the_interview_like_ctrl_c() -> None:
    data: dict[str, Any] = {}
    with pytest.raises(Stopped):
        ask("Weekly report" + ENTER, data=data)
    assert data == {"task": "Weekly report"}


def console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=400, color_system=None, markup=False, highlight=False), out


def test_the_interview_opens_with_an_intro_for_each_side() -> None:
    seen = {}
    for view in ("leader", "report"):
        con, out = console()
        with pytest.raises(Stopped), typed("") as inp:
            run_interview(QUESTIONS, {}, view, console=con, input=inp, output=DummyOutput())
        seen[view] = out.getvalue()
    assert "a responsibility you delegated" in seen["leader"]
    assert "a responsibility you were given" in seen["report"]
    assert seen["leader"] != seen["report"]
    for text in seen.values():
        assert "Ctrl-C stops" in text


def test_each_group_gets_one_header_with_its_help_line() -> None:
    con, out = console()
    output, _ = terminal()
    with typed(LEADER_KEYS) as inp:
        run_interview(QUESTIONS, {}, "leader", console=con, input=inp, output=output)
    text = out.getvalue()
    groups = list(dict.fromkeys(say(q.group, "leader") for q in QUESTIONS))
    for group in groups:
        assert text.count(group) == 1, group
    assert [text.find(g) for g in groups] == sorted(text.find(g) for g in groups)
    for q in QUESTIONS:
        if q.help is not None:
            help_line = say(q.help, "leader")
            assert help_line in text
            assert text.find(say(q.group, "leader")) < text.find(help_line)


def test_the_report_reads_headings_in_its_own_voice() -> None:
    con, out = console()
    output, _ = terminal()
    with typed(LEADER_KEYS) as inp:
        run_interview(QUESTIONS, {}, "report", console=con, input=inp, output=output)
    text = out.getvalue()
    assert "1. Can I fail differently than my manager would?" in text
    assert "2. Do I know exactly what success looks like?" in text
    assert "3. What happens if I don't deliver?" in text
    assert "than I would?" not in text and "if they don't deliver" not in text


def test_headers_skip_groups_already_answered() -> None:
    con, out = console()
    given: dict[str, Any] = {"task": "Weekly report", "symptoms": {}}
    given["symptoms"] = {f.split(".")[1]: "never" for f in SYMPTOMS}
    questions = [Q["task"], Q["outcome"], *[Q[f] for f in SYMPTOMS]]
    with typed("Sent" + ENTER) as inp:
        data = run_interview(
            questions, given, "leader", console=con, input=inp, output=DummyOutput()
        )
    assert data["outcome"] == "Sent"
    text = out.getvalue()
    assert say(Q["outcome"].group, "leader") in text
    assert say(Q["task"].group, "leader") not in text
    assert say(Q["symptoms.sign_offs"].group, "leader") not in text


def test_user_and_pack_text_is_never_markup() -> None:
    con, out = console()
    question = Question(
        field="outcome",
        kind="text",
        group="[bold]Success[/bold] \x1b[31mred",
        prompt="What [i]counts[/i]?",
        help="Say it [link=http://x]plainly[/link]",
    )
    output, shown = terminal()
    with typed("[red]done[/red]" + ENTER) as inp:
        data = run_interview(
            [question],
            {"task": "[blink]Report[/blink]"},
            "leader",
            console=con,
            input=inp,
            output=output,
        )
    assert data["outcome"] == "[red]done[/red]"
    text = out.getvalue()
    assert "Responsibility: [blink]Report[/blink]" in text
    assert "[bold]Success[/bold] \\x1b[31mred" in text
    assert "\x1b" not in text
    assert "Say it [link=http://x]plainly[/link]" in text
    assert "What [i]counts[/i]?" in screen(shown.getvalue())
