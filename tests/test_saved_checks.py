"""A saved check run again: ``check --answers journal:ID``, and ``history --format yaml``
giving answers that ``check --answers`` reads back to the same check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from tests.conftest import EXAMPLES

runner = CliRunner()
MISSED = str(EXAMPLES / "missed-deadline.yaml")
ASKING = str(EXAMPLES / "asking-for-autonomy.yaml")


def invoke(*args: str, code: int = 0) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result


def judged(*args: str) -> dict[str, Any]:
    """What a check decided: verdict, scores, findings and the questions left unknown."""
    data = json.loads(invoke("check", *args, "--format", "json").stdout)
    return {
        "task": data["task"],
        "perspective": data["perspective"],
        "verdict": data["verdict"],
        "scores": (data["scores"]["autonomy"], data["scores"]["accountability"]),
        "findings": [(f["rule"], f["field"], f["answer"]) for f in data["findings"]],
        "unknown": [u["field"] for u in data["unknown"]],
    }


@pytest.fixture
def partial(tmp_path: Path) -> str:
    """Answers that leave questions out (unknown) and give one empty (an answer)."""
    path = tmp_path / "partial.yaml"
    path.write_text(
        "task: Tidy the shared drive\nperspective: report\noutcome: ''\n"
        "can_fail_differently: no\nsymptoms:\n  sign_offs: always\n",
        encoding="utf-8",
    )
    return str(path)


@pytest.fixture
def journal(tmp_path: Path, partial: str) -> Path:
    db = tmp_path / "journal.sqlite3"
    for source in (MISSED, ASKING, partial):
        invoke("check", "--answers", source, "--save", "--journal", str(db))
    return db


def test_a_saved_check_runs_again_from_the_journal(journal: Path, partial: str) -> None:
    for number, source in ((1, MISSED), (2, ASKING), (3, partial)):
        again = judged("--answers", f"journal:{number}", "--journal", str(journal))
        assert again == judged("--answers", source)
    text = invoke("check", "--answers", "journal:1", "--journal", str(journal)).stdout
    assert text.splitlines()[-1].startswith("In short: consequences · autonomy 95")


def test_history_yaml_gives_answers_that_check_reads_back(
    journal: Path, tmp_path: Path, partial: str
) -> None:
    for number, source in ((1, MISSED), (2, ASKING), (3, partial)):
        exported = tmp_path / f"check-{number}.yaml"
        out = invoke(
            "history", f"journal:{number}", "--journal", str(journal), "--format", "yaml",
            "--output", str(exported),
        )  # fmt: skip
        assert out.stdout == ""
        assert exported.read_text(encoding="utf-8").startswith(f"# Answers of check {number} (")
        assert judged("--answers", str(exported)) == judged("--answers", source)


def test_history_yaml_of_a_task_gives_its_latest_check(journal: Path) -> None:
    out = invoke(
        "history", "Weekly client report", "--journal", str(journal), "--format", "yaml"
    ).stdout
    assert out.startswith("# Answers of check 2 (") and "perspective: report" in out
    invoke("history", "--journal", str(journal), "--format", "yaml", code=2)


@pytest.mark.parametrize(
    ("spec", "said"),
    [
        ("journal:abc", "'journal:abc' does not name a saved check"),
        ("journal:99", "there is no check 99 in the journal"),
    ],
)
def test_a_bad_saved_check_is_one_line_and_exit_2(journal: Path, spec: str, said: str) -> None:
    for args in (["check", "--answers", spec], ["history", spec, "--format", "yaml"]):
        result = invoke(*args, "--journal", str(journal), code=2)
        assert said in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.output


def test_a_saved_check_with_no_journal_says_so(tmp_path: Path) -> None:
    result = invoke(
        "check", "--answers", "journal:1", "--journal", str(tmp_path / "none.sqlite3"), code=2
    )
    assert "there is no journal here yet" in result.stderr


def test_defaults_takes_the_tasks_latest_saved_answers_without_asking(journal: Path) -> None:
    task = "Redesign the customer onboarding emails"
    again = judged(task, "--defaults", "--journal", str(journal))
    assert again == judged("--answers", MISSED)
    # An answer given now wins over the saved one.
    changed = judged(
        task, "--defaults", "--journal", str(journal), "--set",
        "consequences=The next phase moves to another team, as agreed on 1 March",
        "--set", "agreed_upfront=yes",
    )  # fmt: skip
    assert "C108" not in [rule for rule, _, _ in changed["findings"]]
    assert "C108" in [rule for rule, _, _ in again["findings"]]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--defaults"], "--defaults takes the answers of the task's latest saved check"),
        (["Never saved", "--defaults"], "no saved check of 'Never saved'"),
    ],
)
def test_defaults_without_a_saved_task_is_one_line(
    journal: Path, args: list[str], said: str
) -> None:
    result = invoke("check", *args, "--journal", str(journal), code=2)
    assert said in result.stderr and len(result.stderr.strip().splitlines()) == 1
