"""The delegation record without pydantic: its field lists, yes/no words, one-line lists and how
an answer is quoted."""

from __future__ import annotations

import pytest

from clarity.core.record import answer_text, answer_value, parse_bool, say, split_list


def test_the_light_field_lists_match_the_models() -> None:
    from clarity.core import record
    from clarity.core.models import Answers, Delegation, Symptoms, field_names

    assert tuple(field_names(Delegation)) == record.DELEGATION_FIELDS
    assert tuple(field_names(Symptoms)) == record.SYMPTOMS
    assert Delegation.__match_args__ == record.DELEGATION_FIELDS
    assert set(field_names(Answers)) - set(field_names(Delegation)) == {
        "perspective",
        "symptoms",
        "unknown",
        "clarified",
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [("yes", True), (" Y ", True), ("On", True), ("1", True), ("no", False), ("OFF", False),
     ("", None), ("  ", None), ("maybe", "maybe"), (1, 1), (None, None)],
)  # fmt: skip
def test_parse_bool_reads_yes_no_words_and_leaves_the_rest_to_fail(
    value: object, expected: object
) -> None:
    assert parse_bool(value) == expected


def test_split_list_splits_on_semicolons_and_drops_empty_items() -> None:
    assert split_list(" a ;b;; c ; ") == ["a", "b", "c"]
    assert split_list("one item, with a comma") == ["one item, with a comma"]


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "(no answer)"), (True, "yes"), (False, "no"), ([], "(none)"), (["a", "b"], "a; b"),
     ("  ", "(empty)"), ("text", "text")],
)  # fmt: skip
def test_answer_text_is_how_a_report_quotes_an_answer(value: object, text: str) -> None:
    assert answer_text(value) == text


@pytest.mark.parametrize(
    ("value", "data"),
    [(None, None), ([], None), ("  ", None), (True, "yes"), (["a", "b"], "a; b"), ("t", "t")],
)
def test_answer_value_is_null_where_there_is_no_answer(value: object, data: object) -> None:
    assert answer_value(value) == data


def test_say_picks_the_wording_of_the_perspective() -> None:
    class Worded:
        leader = "your report"
        report = "you"

    assert say("the same for both", "report") == "the same for both"
    assert say(Worded(), "report") == "you"
    assert say(Worded(), "leader") == say(Worded(), "anyone else") == "your report"
