"""The report as plain data: what every renderer draws, and the versioned JSON."""

from __future__ import annotations

import json
from typing import Any

from clarity import __version__
from clarity.core.rules.pack import Pack
from clarity.core.scoring.present import LAW, LAW_REPORT, law, law_in_short, report_data


def test_the_data_of_a_report_is_versioned_json(example_report: Any, builtin_pack: Pack) -> None:
    data = report_data(example_report("missed-deadline"), builtin_pack)
    assert json.loads(json.dumps(data)) == data
    assert (data["version"], data["tool"]) == (1, {"name": "clarity", "version": __version__})
    assert data["verdict"] == "consequences"
    assert data["map"]["quadrant"] == "abandonment"
    assert data["verdict_title"] and data["next_step"]


def test_each_finding_says_why_and_what_to_do(example_report: Any, builtin_pack: Pack) -> None:
    data = report_data(example_report("missed-deadline"), builtin_pack)
    assert data["findings"]
    for finding in data["findings"]:
        assert finding["rule"] and finding["why"] and finding["fix"] and finding["message"]
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["item"] is None or finding["item"] >= 1


def test_answers_leave_out_what_was_not_given(example_report: Any, builtin_pack: Pack) -> None:
    data = report_data(example_report("in-harmony", quality=None), builtin_pack)
    assert "quality" not in data["answers"]
    assert data["answers"]["task"].startswith("Fix the data loss")


def test_unknown_questions_are_listed_with_their_question(
    example_report: Any, builtin_pack: Pack
) -> None:
    data = report_data(example_report("in-harmony", unknown=["deadline"]), builtin_pack)
    assert [u["field"] for u in data["unknown"]] == ["deadline"]
    assert data["unknown"][0]["question"] != "deadline"


def test_the_law_is_said_in_the_readers_voice() -> None:
    assert law("leader") == LAW and law("report") == LAW_REPORT
    assert law_in_short("report") == "show the outcome first"
    assert law_in_short("leader") == "measure the outcome first"
