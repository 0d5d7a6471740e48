"""Two answer sets side by side: the gap in bands, its direction, where they disagree most."""

from __future__ import annotations

import json
from typing import Any

import pytest

from clarity.core.models import SYMPTOMS, Answers
from clarity.core.rules.pack import Pack, load_pack
from clarity.core.scoring.compare import (
    ALIGNED_POINTS,
    ALIGNED_STEPS,
    MODERATE_POINTS,
    MODERATE_STEPS,
    TOP_GAPS,
    Side,
    band_of_points,
    band_of_steps,
    compare,
)
from clarity.core.scoring.engine import Report, score


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack([], plugins=False)


def answers(pack: Pack, **changes: Any) -> dict[str, Any]:
    """The pack's healthy delegation, with some answers changed."""
    symptoms = changes.pop("symptoms", {})
    data = json.loads(json.dumps(pack.example_base))
    data.update(changes)
    data["symptoms"] = {**data["symptoms"], **symptoms}
    return data


def report(pack: Pack, **changes: Any) -> Report:
    return score(Answers.validate(answers(pack, **changes)), pack)


def item(data: dict[str, Any], field: str) -> dict[str, Any]:
    return next(i for i in data["items"] if i["field"] == field)


def compared(pack: Pack, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    return compare(Side("a.yaml", report(pack, **a)), Side("b.yaml", report(pack, **b)), pack)


@pytest.mark.parametrize(
    ("steps", "band"), [(0, "aligned"), (1, "aligned"), (2, "moderate"), (3, "high"), (4, "high")]
)
def test_bands_of_steps(steps: int, band: str) -> None:
    assert band_of_steps(steps) == band


@pytest.mark.parametrize(
    ("points", "band"),
    [
        (0, "aligned"),
        (10, "aligned"),
        (11, "moderate"),
        (25, "moderate"),
        (26, "high"),
        (100, "high"),
    ],
)
def test_bands_of_points(points: int, band: str) -> None:
    assert band_of_points(points) == band


def test_thresholds_are_the_documented_constants() -> None:
    assert (ALIGNED_STEPS, MODERATE_STEPS, ALIGNED_POINTS, MODERATE_POINTS) == (1, 2, 10, 25)


@pytest.fixture(scope="module")
def leader_vs_report(pack: Pack) -> dict[str, Any]:
    leader = {
        "perspective": "leader",
        "can_fail_differently": "yes",
        "symptoms": {"sign_offs": "never", "method_checkins": "rarely"},
    }
    report_view = {
        "perspective": "report",
        "can_fail_differently": "no",
        "decides_alone": [],
        "escalate_when": [],
        "outcome": "Make the report better",
        "constraints": ["Client data never leaves the shared drive", "Use the manager's template"],
        "symptoms": {
            "sign_offs": "always",
            "method_checkins": "sometimes",
            "procedure_redirects": "sometimes",
        },
    }
    return compared(pack, leader, report_view)


def test_leader_and_report_are_named_by_perspective(leader_vs_report: dict[str, Any]) -> None:
    assert leader_vs_report["labels"] == {"a": "leader", "b": "report"}
    assert leader_vs_report["a"]["perspective"] == "leader"
    assert leader_vs_report["b"]["perspective"] == "report"


@pytest.mark.parametrize(
    ("field", "gap", "band", "direction"),
    [
        ("symptoms.sign_offs", 4, "high", "report higher"),  # never vs always
        ("symptoms.method_checkins", 1, "aligned", "report higher"),  # rarely vs sometimes
        ("symptoms.procedure_redirects", 2, "moderate", "report higher"),  # never vs sometimes
        ("symptoms.no_experiments", 0, "aligned", "same"),
        ("can_fail_differently", 4, "high", "leader higher"),  # yes vs no
        ("agreed_upfront", 0, "aligned", "same"),
    ],
)
def test_gap_band_and_direction(
    leader_vs_report: dict[str, Any], field: str, gap: int, band: str, direction: str
) -> None:
    row = item(leader_vs_report, field)
    assert (row["gap"], row["band"], row["direction"]) == (gap, band, direction)
    assert row["scale"] == "steps"


def test_scores_are_compared_in_points(leader_vs_report: dict[str, Any]) -> None:
    autonomy = item(leader_vs_report, "scores.autonomy")
    a, b = leader_vs_report["a"]["scores"]["autonomy"], leader_vs_report["b"]["scores"]["autonomy"]
    assert a > b
    assert autonomy["scale"] == "points"
    assert autonomy["gap"] == a - b
    assert autonomy["band"] == band_of_points(a - b) == "high"
    assert autonomy["direction"] == "leader higher"
    accountability = item(leader_vs_report, "scores.accountability")
    assert accountability["band"] in ("aligned", "moderate", "high")


def test_each_side_has_its_verdict(leader_vs_report: dict[str, Any]) -> None:
    assert leader_vs_report["a"]["verdict"] == "in-harmony"
    assert leader_vs_report["b"]["verdict"] in ("boundaries", "both")
    assert leader_vs_report["verdicts_agree"] is False


def test_text_answers_say_same_or_not_and_which_rules_fire_on_one_side(
    leader_vs_report: dict[str, Any],
) -> None:
    outcome = item(leader_vs_report, "outcome")
    assert outcome["same"] is False
    assert outcome["b"] == "Make the report better"
    assert "C102" in outcome["rules"]["only_b"]  # outcome-vague fires for the report only
    assert outcome["rules"]["only_a"] == []
    assert item(leader_vs_report, "deadline")["same"] is True
    assert item(leader_vs_report, "task")["same"] is True


def test_list_answers_show_what_only_one_side_lists(leader_vs_report: dict[str, Any]) -> None:
    constraints = item(leader_vs_report, "constraints")
    assert constraints["same"] is False
    assert constraints["only_a"] == ["Budget stays under 2,000 EUR a month"]
    assert constraints["only_b"] == ["Use the manager's template"]


def test_where_they_disagree_most_lists_the_widest_gaps_first(
    leader_vs_report: dict[str, Any],
) -> None:
    widest = leader_vs_report["disagree_most"]
    assert 0 < len(widest) <= TOP_GAPS
    ranks = [("aligned", "moderate", "high").index(i["band"]) for i in widest]
    assert ranks == sorted(ranks, reverse=True)
    assert widest[0]["band"] == "high"
    assert all(i["gap"] > 0 for i in widest)
    fields = [i["field"] for i in widest]
    assert "symptoms.sign_offs" in fields and "can_fail_differently" in fields
    assert "symptoms.method_checkins" not in fields  # 1 step: aligned, crowded out


def test_every_item_has_the_same_keys(leader_vs_report: dict[str, Any]) -> None:
    keys = {frozenset(i) for i in leader_vs_report["items"]}
    assert len(keys) == 1
    fields = [i["field"] for i in leader_vs_report["items"]]
    assert fields[:2] == ["scores.autonomy", "scores.accountability"]
    assert [f"symptoms.{s}" for s in SYMPTOMS] == fields[-len(SYMPTOMS) :]


def test_summary_counts_the_bands(leader_vs_report: dict[str, Any]) -> None:
    graded = [i for i in leader_vs_report["items"] if i["band"]]
    summary = leader_vs_report["summary"]
    assert summary["aligned"] + summary["moderate"] + summary["high"] == len(graded)
    assert summary["text_differs"] >= 4  # outcome, constraints, decides_alone, escalate_when


def test_two_review_dates_of_the_same_perspective_are_a_and_b(pack: Pack) -> None:
    first = {"symptoms": {"sign_offs": "often", "no_experiments": "always"}, "checkpoints": []}
    later = {"symptoms": {"sign_offs": "rarely", "no_experiments": "always"}}
    data = compared(pack, first, later)
    assert data["labels"] == {"a": "A", "b": "B"}
    sign_offs = item(data, "symptoms.sign_offs")
    assert (sign_offs["gap"], sign_offs["band"], sign_offs["direction"]) == (
        2,
        "moderate",
        "A higher",
    )
    assert sign_offs["higher"] == "a"
    checkpoints = item(data, "checkpoints")
    assert checkpoints["same"] is False
    assert checkpoints["a"] is None  # (JSON says null; the renderers say there is no answer)


def test_an_unanswered_yes_no_has_no_gap(pack: Pack) -> None:
    data = compared(
        pack,
        {"consequences": None, "agreed_upfront": None},
        {},
    )
    row = item(data, "agreed_upfront")
    assert row["a"] is None and row["b"] == "yes"
    assert (row["gap"], row["band"], row["direction"]) == (None, None, None)
    assert "agreed_upfront" not in [i["field"] for i in data["disagree_most"]]


def test_an_unanswered_symptom_is_unknown_and_has_no_gap(pack: Pack) -> None:
    data = compared(pack, {"symptoms": {"sign_offs": None}}, {"symptoms": {"sign_offs": "often"}})
    row = item(data, "symptoms.sign_offs")
    assert row["a"] is None and row["b"] == "often"
    assert (row["gap"], row["band"], row["direction"]) == (None, None, None)
    assert "symptoms.sign_offs" not in [i["field"] for i in data["disagree_most"]]


def test_identical_answers_agree_everywhere(pack: Pack) -> None:
    data = compared(pack, {}, {})
    assert data["disagree_most"] == []
    assert data["summary"]["moderate"] == data["summary"]["high"] == 0
    assert all(i["same"] for i in data["items"])
