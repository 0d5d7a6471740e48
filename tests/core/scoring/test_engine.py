"""Scoring: answers in, a verdict, two scores, findings, traps and advice out."""

from __future__ import annotations

from typing import Any

import pytest

from clarity.core.rules.pack import Pack
from clarity.core.scoring.engine import Scores, score, verdict_for


@pytest.mark.parametrize(
    ("broke", "verdict"),
    [
        (set(), "in-harmony"),
        ({"boundaries"}, "boundaries"),
        ({"consequences"}, "consequences"),
        ({"boundaries", "consequences"}, "both"),
    ],
)
def test_the_verdict_names_what_broke_down(broke: set[str], verdict: str) -> None:
    assert verdict_for(broke) == verdict


def test_autonomy_outruns_accountability_past_the_margin() -> None:
    assert Scores(80, 60, 15).autonomy_outruns_accountability
    assert not Scores(75, 60, 15).autonomy_outruns_accountability


def test_a_clear_delegation_is_in_harmony_with_full_scores(example_report: Any) -> None:
    report = example_report("in-harmony")
    assert report.verdict == "in-harmony"
    assert (report.scores.autonomy, report.scores.accountability) == (100, 100)
    assert [f for f in report.findings if f.counts] == []
    assert report.pack_name == "clarity" and report.unknown == []


def test_a_missing_success_measure_breaks_the_consequences(example_report: Any) -> None:
    report = example_report("missed-deadline")
    assert report.verdict == "consequences"
    assert report.scores.autonomy > report.scores.accountability
    assert {f.rule.dimension for f in report.findings if f.counts} == {"consequences"}
    assert report.task == "Redesign the customer onboarding emails"


def test_taking_away_the_outcome_fires_a_finding_on_that_field(example_report: Any) -> None:
    report = example_report("in-harmony", outcome=None)
    assert "outcome" in [f.field for f in report.findings]
    assert report.scores.accountability < 100
    assert report.verdict in ("consequences", "both")


def test_the_perspective_given_wins_over_the_answers(
    example_report: Any, builtin_pack: Pack
) -> None:
    answers = example_report("in-harmony").answers
    assert score(answers, builtin_pack, "report").perspective == "report"
    assert score(answers, builtin_pack).perspective == "leader"


def test_unknown_answers_are_not_failures(example_report: Any) -> None:
    """A question not asked is left out of the score, not counted against it."""
    asked = example_report("in-harmony", outcome=None)
    not_asked = example_report("in-harmony", outcome=None, unknown=["outcome"])
    assert "outcome" not in [f.field for f in not_asked.findings]
    assert not_asked.unknown == ["outcome"]
    assert not_asked.scores.accountability > asked.scores.accountability
