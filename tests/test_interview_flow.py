"""The interview forgives: "k of n" on every question, Shift-Tab back to the previous one,
and a review of every answer, any of which can be changed, before they are scored."""

from __future__ import annotations

from typing import Any

from prompt_toolkit.output import DummyOutput

from clarity.cli.interview import REVIEW_PROMPT, REVIEW_TITLE, run_interview
from tests.test_interview import (
    ENTER,
    QUESTIONS,
    Q,
    ask,
    console,
    prompt,
    screen,
    terminal,
    typed,
)

BACK = "\x1b[Z"  # Shift-Tab
ERASE = "\x7f"


def reviewed(keys: str, questions: list[Any], data: dict[str, Any] | None = None) -> tuple:  # type: ignore[type-arg]
    """Run the interview with its review; return the answers, what the console printed and
    what the prompts showed."""
    con, out = console()
    output, shown = terminal()
    with typed(keys) as inp:
        result = run_interview(
            questions, {} if data is None else data, "leader", console=con, review=True,
            input=inp, output=output,
        )  # fmt: skip

    return result, out.getvalue(), screen(shown.getvalue())


def test_each_question_shows_where_the_leader_is() -> None:
    questions = [Q[f] for f in ("task", "can_fail_differently", "decides_alone", "constraints")]
    _, shown = ask("Weekly report" + ENTER + "y" + "Methods" + ENTER + ENTER, questions=questions)
    for n in range(1, 5):
        assert f"{n} of 4 {prompt(questions[n - 1].field)}" in shown
    # A follow-up that stops applying leaves the count: "n" to question 1 skips decides_alone.
    _, shown = ask("Weekly report" + ENTER + "n" + ENTER, questions=questions)
    assert "2 of 4 " in shown and "3 of 3 " + prompt("constraints") in shown
    assert "of 3 " + prompt("can_fail_differently") not in shown


def test_a_whole_interview_counts_to_its_last_question() -> None:
    from tests.test_interview import LEADER_KEYS

    _, shown = ask(LEADER_KEYS)
    total = len(QUESTIONS)
    assert f"1 of {total} {prompt('task')}" in shown
    assert f"{total} of {total} {prompt(QUESTIONS[-1].field)}" in shown


def test_shift_tab_goes_back_and_offers_the_answer_again() -> None:
    questions = [Q[f] for f in ("task", "can_fail_differently", "outcome")]
    keys = "".join(
        [
            "Weekly report" + ENTER,  # task
            BACK,  # at question 2: back to the task, "Weekly report" offered again
            ERASE * len("report") + "memo" + ENTER,  # the typo fixed
            "y",  # can_fail_differently
            BACK,  # at the outcome: back to question 2, which offers yes
            ENTER,  # keep it
            "Sent by Monday" + ENTER,
        ]
    )
    data, shown = ask(keys, questions=questions)
    assert data == {
        "task": "Weekly memo",
        "can_fail_differently": "yes",
        "outcome": "Sent by Monday",
    }
    assert shown.count(prompt("task")) >= 2


def test_shift_tab_on_a_level_question_goes_back_too() -> None:
    questions = [Q["symptoms.sign_offs"], Q["symptoms.method_checkins"]]
    down = "\x1b[B"
    data, _ = ask(down * 4 + ENTER + BACK + ENTER + ENTER, questions=questions)
    # "always" was offered again as the default, and kept.
    assert data == {"symptoms": {"sign_offs": "always", "method_checkins": "never"}}


def test_shift_tab_on_the_first_question_does_nothing() -> None:
    data, _ = ask(BACK + "Weekly report" + ENTER, questions=[Q["task"]])
    assert data == {"task": "Weekly report"}


def test_the_review_lists_every_answer_and_enter_scores_them() -> None:
    questions = [Q[f] for f in ("task", "outcome", "deadline")]
    data, printed, shown = reviewed(
        "Weekly report" + ENTER + "Sent" + ENTER + ENTER + ENTER, questions
    )
    assert data == {"task": "Weekly report", "outcome": "Sent", "deadline": ""}
    assert REVIEW_TITLE in printed and REVIEW_PROMPT in shown
    assert f"1. {prompt('task')} Weekly report" in printed
    assert f"2. {prompt('outcome')} Sent" in printed
    assert f"3. {prompt('deadline')} (empty)" in printed


def test_the_review_changes_one_answer_without_asking_the_others_again() -> None:
    questions = [Q[f] for f in ("task", "outcome", "deadline")]
    keys = "".join(
        [
            "Weekly report" + ENTER + "Sent" + ENTER + "Monday" + ENTER,
            "2" + ENTER,  # change the outcome
            ERASE * 4 + "The client receives all twelve KPIs" + ENTER,
            "9" + ENTER,  # no such answer: asked again
            ERASE + ENTER,  # score
        ]
    )
    data, printed, shown = reviewed(keys, questions)
    assert data == {
        "task": "Weekly report",
        "outcome": "The client receives all twelve KPIs",
        "deadline": "Monday",
    }
    assert printed.count(REVIEW_TITLE) == 2
    # Each time a question is answered its line is left on the screen, ending the line (how
    # often a prompt is drawn while typed into depends on how the keys arrive).
    answered = {
        field: [line for line in shown.split("\r\n") if prompt(field) in line]
        for field in ("task", "outcome", "deadline")
    }
    assert len(answered["outcome"]) == 2, "asked again"
    assert answered["outcome"][-1].endswith("The client receives all twelve KPIs")
    assert len(answered["task"]) == len(answered["deadline"]) == 1, "asked once"


def test_a_changed_answer_drops_the_follow_ups_it_no_longer_calls_for() -> None:
    questions = [Q[f] for f in ("can_fail_differently", "decides_alone", "constraints")]
    keys = "y" + "Methods" + ENTER + "Budget" + ENTER + "1" + ENTER + "n" + ENTER
    data, printed, _ = reviewed(keys, questions)
    assert data == {"can_fail_differently": "no", "constraints": ["Budget"]}
    last_review = printed.rsplit(REVIEW_TITLE, 1)[1]
    assert prompt("decides_alone") not in last_review


def test_a_change_that_calls_for_a_follow_up_asks_it() -> None:
    questions = [Q[f] for f in ("can_fail_differently", "decides_alone", "constraints")]
    keys = "n" + "Budget" + ENTER + "1" + ENTER + "y" + "Methods" + ENTER + ENTER
    data, _, _ = reviewed(keys, questions)
    assert data == {
        "can_fail_differently": "yes",
        "decides_alone": ["Methods"],
        "constraints": ["Budget"],
    }


def test_no_review_without_a_terminal_interview() -> None:
    # The interview alone (as a session runs it) ends at the last question.
    data, _ = ask("Weekly report" + ENTER, questions=[Q["task"]])
    assert data == {"task": "Weekly report"}
    con, _ = console()
    with typed("Weekly report" + ENTER) as inp:
        result = run_interview(
            [Q["task"]], {}, "leader", console=con, input=inp, output=DummyOutput()
        )
    assert result == {"task": "Weekly report"}


def test_nothing_asked_means_nothing_to_review() -> None:
    data, printed, _ = reviewed("", [Q["task"]], data={"task": "Weekly report"})
    assert data == {"task": "Weekly report"}
    assert REVIEW_TITLE not in printed
