"""A task checked before: the interview offers that check's answers as its defaults, so a
second check of the same delegation is mostly Enter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from clarity.cli import prompts
from clarity.cli.app import app
from clarity.cli.interview import interview_with_draft
from clarity.core.rules.pack import load_pack
from tests.conftest import EXAMPLES
from tests.test_interview import ENTER, QUESTIONS, Q, console, typed

runner = CliRunner()
MISSED = EXAMPLES / "missed-deadline.yaml"
TASK = "Redesign the customer onboarding emails"


def test_the_questions_after_the_task_offer_the_recalled_answers() -> None:
    asked: list[str] = []
    said: list[str | None] = []

    def recall(task: str) -> tuple[str, dict[str, Any]]:
        asked.append(task)
        return "from before", {
            "outcome": "Sent",
            "constraints": ["A", "B"],
            "agreed_upfront": False,
        }

    questions = [Q[f] for f in ("task", "outcome", "constraints")]
    with typed("Weekly report" + ENTER + ENTER + ENTER) as inp:
        data = prompts.interview(
            questions, {}, "leader", recall=recall, announce=lambda _t, h: said.append(h),
            input=inp, output=DummyOutput(),
        )  # fmt: skip
    assert data == {"task": "Weekly report", "outcome": "Sent", "constraints": ["A", "B"]}
    assert asked == ["Weekly report"], "recalled once, when the task is known"
    assert "from before" in said


def test_a_second_check_of_a_saved_task_is_mostly_enter(tmp_path: Path) -> None:
    db = tmp_path / "journal.sqlite3"
    saved = runner.invoke(app, ["check", "--answers", str(MISSED), "--save", "--journal", str(db)])
    assert saved.exit_code == 0, saved.output
    pack = load_pack()
    con, out = console()
    with typed(ENTER * (len(QUESTIONS) + 1)) as inp:  # every question, then the review
        data = interview_with_draft(
            pack.questions, {"task": TASK}, None, rules=pack.rules, journal=db,
            draft_file=tmp_path / "draft.json", console=con, input=inp, output=DummyOutput(),
        )  # fmt: skip
    assert "Your answers from check 1 of this task" in out.getvalue()
    before = json.loads(
        runner.invoke(app, ["check", "--answers", str(MISSED), "--format", "json"]).stdout
    )["answers"]
    for field in ("outcome", "deadline", "quality", "consequences", "constraints"):
        assert data[field] == before[field], field
    assert data["symptoms"]["no_resource_authority"] == "sometimes"
    assert data["can_fail_differently"] == "yes" and data["agreed_upfront"] == "no"


def test_no_journal_no_defaults(tmp_path: Path) -> None:
    from clarity.cli.saved import recall

    assert recall(TASK, tmp_path / "none.sqlite3", "leader") is None
