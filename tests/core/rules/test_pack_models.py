"""The file format of a rule pack (``rules.pack_models``): what a pack file may say, what it
may not, and the defaults it gets."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from clarity.core.rules.pack_models import FollowUp, PackFile, Question, Rule, Scores

RULE: dict[str, Any] = {
    "id": "T101",
    "name": "no-owner",
    "title": "Nobody owns it",
    "dimension": "boundaries",
    "severity": "warning",
    "when": {"missing": "owner"},
    "message": {"leader": "Nobody is named.", "report": "You do not know who owns it."},
    "why": "w",
    "fix": "f",
    "examples": {"fire": [{"owner": ""}], "pass": [{"owner": "Sam"}]},
}


def test_a_rule_as_a_pack_author_writes_it() -> None:
    rule = Rule.model_validate(RULE)
    assert rule.examples.pass_ == [{"owner": "Sam"}]
    assert rule.message.leader == "Nobody is named."  # type: ignore[union-attr]
    assert rule.field is None and rule.ask is None and rule.help_uri is None


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"id": "t1"}, "String should match pattern"),
        ({"name": "No Owner"}, "String should match pattern"),
        ({"severity": "fatal"}, "Input should be 'error', 'warning' or 'info'"),
        ({"field": "ownr"}, "unknown field 'ownr'"),
        ({"help_uri": "ftp://x"}, "String should match pattern"),
        ({"examples": {"fire": [], "pass": [{}]}}, "at least 1 item"),
        ({"colour": "red"}, "Extra inputs are not permitted"),
    ],
)
def test_a_rule_that_breaks_the_format_is_refused(change: dict[str, Any], says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        Rule.model_validate({**RULE, **change})


@pytest.mark.parametrize(("flaw", "read"), [("yes", True), ("no", False), (True, True)])
def test_a_follow_up_s_flaw_is_a_yes_or_no(flaw: Any, read: bool) -> None:
    ask = FollowUp.model_validate({"when": {"present": "owner"}, "prompt": "Sure?", "flaw": flaw})
    assert ask.flaw is read


def test_a_follow_up_s_flaw_cannot_be_maybe() -> None:
    with pytest.raises(ValidationError):
        FollowUp.model_validate({"when": {"present": "owner"}, "prompt": "?", "flaw": "maybe"})


def test_a_question_fills_a_known_field() -> None:
    question = Question.model_validate(
        {"field": "owner", "kind": "text", "group": "Who", "prompt": "Who owns it?"}
    )
    assert question.required is False and question.when is None
    with pytest.raises(ValidationError, match="unknown field 'ownr'"):
        Question.model_validate(
            {"field": "ownr", "kind": "text", "group": "Who", "prompt": "Who owns it?"}
        )


def test_scores_need_items_on_both_axes_and_points_within_a_hundred() -> None:
    item = {"label": "a", "points": 10, "when": {"missing": "owner"}}
    assert Scores.model_validate({"autonomy": [item], "accountability": [item]}).outrun_margin == 20
    with pytest.raises(ValidationError, match="at least 1 item"):
        Scores.model_validate({"autonomy": [], "accountability": [item]})
    with pytest.raises(ValidationError, match="less than or equal to 100"):
        Scores.model_validate({"autonomy": [{**item, "points": 101}], "accountability": [item]})


def test_an_empty_pack_file_is_valid_and_an_unknown_section_is_not() -> None:
    empty = PackFile.model_validate({})
    assert empty.rules == [] and empty.disable == [] and empty.fragments == {}
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        PackFile.model_validate({"disabel": ["C101"]})
