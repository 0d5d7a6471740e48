"""Answers from files, --set and defaults: one validation path, errors that name file:line:col."""

from __future__ import annotations

import pytest

from clarity.core.errors import ClarityError
from clarity.core.reading.answers import (
    build_answers,
    complete,
    load_answers_text,
    merge,
    parse_sets,
)
from clarity.core.rules.pack import Question, load_pack

FULL = """\
task: Quarterly forecast
outcome: Forecast within 5% of actuals for every region
deadline: 2026-12-15
quality: Reviewed by finance; every assumption sourced
consequences: If it misses by more than 5% twice, the forecast moves back to the finance team
agreed_upfront: yes
can_fail_differently: yes
"""


@pytest.fixture(scope="module")
def questions() -> list[Question]:
    return load_pack(plugins=False).questions


def answers_from(text: str, questions: list[Question], source: str = "a.yaml"):  # type: ignore[no-untyped-def]
    doc = load_answers_text(text, source)
    data = complete(dict(doc.data), questions, source)
    return build_answers(data, doc, source)


def error_from(text: str, questions: list[Question]) -> str:
    with pytest.raises(ClarityError) as info:
        answers_from(text, questions)
    return str(info.value)


def test_a_full_answers_file(questions: list[Question]) -> None:
    answers = answers_from(FULL, questions)
    assert answers.agreed_upfront is True
    assert answers.deadline == "2026-12-15"
    assert answers.perspective == "leader"
    # symptoms not asked are unknown, not "never"
    assert answers.symptoms.sign_offs is None
    assert "symptoms.sign_offs" in answers.unknown
    assert "outcome" not in answers.unknown


def test_yes_no_words_and_text_that_looks_like_other_types(questions: list[Question]) -> None:
    text = FULL.replace("agreed_upfront: yes", "agreed_upfront: 'No'").replace(
        "deadline: 2026-12-15", "deadline: 12:30"
    )
    answers = answers_from(text, questions)
    assert answers.agreed_upfront is False
    assert answers.deadline == "12:30"


def test_an_answer_left_out_is_unknown_not_missing(questions: list[Question]) -> None:
    text = FULL.replace(
        "consequences: If it misses by more than 5% twice, the forecast moves back to the finance team\n",
        "",
    )
    answers = answers_from(text, questions)
    assert answers.consequences is None
    assert "consequences" in answers.unknown
    # (its follow-up does not apply when it is not answered: not unknown, just not asked)
    assert "agreed_upfront" not in answers.unknown


def test_only_the_task_is_required(questions: list[Question]) -> None:
    message = error_from("outcome: y\n", questions)
    assert "missing required answer 'task'" in message
    assert "--set task=" in message


def test_follow_up_not_required_when_not_called_for(questions: list[Question]) -> None:
    # agreed_upfront is only asked when there is a consequence: an empty one means no follow-up
    text = FULL.replace(
        "consequences: If it misses by more than 5% twice, the forecast moves back to the finance team",
        "consequences: ''",
    ).replace("agreed_upfront: yes\n", "")
    answers = answers_from(text, questions)
    assert answers.consequences is None
    assert answers.agreed_upfront is None


def test_unknown_key_gets_location_and_suggestion(questions: list[Question]) -> None:
    message = error_from(FULL + "outcom: typo\n", questions)
    assert message.startswith("a.yaml:8:1: outcom: unknown key 'outcom'; did you mean 'outcome'?")


def test_bad_boolean_names_file_line_col_and_key(questions: list[Question]) -> None:
    message = error_from(FULL.replace("agreed_upfront: yes", "agreed_upfront: maybe"), questions)
    assert (
        message == "a.yaml:6:17: agreed_upfront: expected yes or no, got 'maybe'; answer yes or no"
    )


def test_bad_symptom_level(questions: list[Question]) -> None:
    message = error_from(FULL + "symptoms:\n  sign_offs: lots\n", questions)
    assert message.startswith("a.yaml:9:14: symptoms.sign_offs: unexpected value 'lots'")
    assert "never" in message and "always" in message


def test_unknown_symptom(questions: list[Question]) -> None:
    message = error_from(FULL + "symptoms:\n  sign_off: often\n", questions)
    assert (
        "a.yaml:9:3: symptoms.sign_off: unknown key 'sign_off'; did you mean 'sign_offs'?"
        in message
    )


def test_not_a_mapping() -> None:
    with pytest.raises(ClarityError, match=r"a.yaml:1:1: the answers must be a mapping"):
        load_answers_text("- a\n- b\n", "a.yaml")
    with pytest.raises(ClarityError, match="the answers file is empty"):
        load_answers_text("# only a comment\n", "a.yaml")


def test_json_answers(questions: list[Question]) -> None:
    text = (
        '{"task": "Forecast", "outcome": "Within 5%", "deadline": "2026-12-15", '
        '"quality": "Reviewed by finance", "consequences": "Back to finance", '
        '"agreed_upfront": true, "can_fail_differently": false, "constraints": ["a", "b"]}'
    )
    answers = answers_from(text, questions, "a.json")
    assert answers.can_fail_differently is False
    assert answers.constraints == ["a", "b"]


def test_json_errors_have_a_location() -> None:
    with pytest.raises(ClarityError, match=r"a.json:1:\d+: not valid"):
        load_answers_text('{"task": "x"', "a.json")


def test_sets_parse_lists_symptoms_and_refuse_unknown_keys() -> None:
    data = parse_sets(["constraints=a; b ;", "symptoms.sign_offs=often", "task=x=y"])
    assert data == {"constraints": ["a", "b"], "symptoms": {"sign_offs": "often"}, "task": "x=y"}
    with pytest.raises(ClarityError, match="unknown key 'outcom'; did you mean 'outcome'"):
        parse_sets(["outcom=x"])
    with pytest.raises(ClarityError, match="not KEY=VALUE"):
        parse_sets(["outcome"])


def test_set_wins_over_file_and_errors_point_at_set(questions: list[Question]) -> None:
    doc = load_answers_text(FULL, "a.yaml")
    sets = parse_sets(["agreed_upfront=perhaps"])
    data = complete(merge(dict(doc.data), sets), questions, "a.yaml")
    with pytest.raises(ClarityError) as info:
        build_answers(data, doc, "a.yaml", frozenset(sets))
    assert str(info.value).startswith("--set: agreed_upfront: expected yes or no")


def test_one_line_lists_split_on_semicolons(questions: list[Question]) -> None:
    answers = answers_from(FULL + "constraints: budget under 5k; no new vendors\n", questions)
    assert answers.constraints == ["budget under 5k", "no new vendors"]
