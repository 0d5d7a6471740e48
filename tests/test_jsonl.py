"""clarity check --answers DIR --format jsonl: a folder of answers files, one JSON line each."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.core.state.journal import open_journal
from tests.conftest import EXAMPLES

runner = CliRunner()
NAMES = ["asking-for-autonomy.yaml", "in-harmony.yaml", "missed-deadline.yaml"]


def folder(tmp_path: Path) -> Path:
    answers = tmp_path / "answers"
    answers.mkdir()
    for name in NAMES:
        shutil.copy(EXAMPLES / name, answers / name)
    return answers


def check(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["check", *args])


def lines_of(text: str) -> list[dict]:  # type: ignore[type-arg]
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_every_file_gives_one_line_in_name_order(tmp_path: Path) -> None:
    answers = folder(tmp_path)
    (answers / "notes.txt").write_text("not an answers file")
    (answers / ".hidden.yaml").write_text("task: x\n")
    (answers / "sub").mkdir()
    shutil.copy(EXAMPLES / "in-harmony.yaml", answers / "sub" / "deeper.yaml")
    json_file = answers / "z-json.json"
    json_file.write_text(
        json.dumps(
            {
                "task": "Weekly report",
                "outcome": "",
                "deadline": "",
                "quality": "",
                "consequences": "",
                "can_fail_differently": "no",
            }
        )
    )
    result = check("--answers", str(answers), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = lines_of(result.stdout)
    assert [row["file"] for row in rows] == [str(answers / n) for n in [*NAMES, "z-json.json"]]
    assert [row["verdict"] for row in rows] == ["boundaries", "in-harmony", "consequences", "both"]
    assert all(row["version"] == 1 for row in rows)
    # Each line is the same report as --format json, with the file first.
    single = check("--answers", str(answers / NAMES[2]), "--format", "json")
    assert rows[2] == {"file": str(answers / NAMES[2]), **json.loads(single.stdout)}
    assert next(iter(rows[2])) == "file"


def test_a_bad_file_gives_an_error_line_and_the_run_goes_on(tmp_path: Path) -> None:
    answers = folder(tmp_path)
    (answers / "b-broken.yaml").write_text("task: x\n  outcome: [\n")
    (answers / "c-maybe.yaml").write_text(
        (EXAMPLES / "in-harmony.yaml")
        .read_text()
        .replace("agreed_upfront: yes", "agreed_upfront: maybe")
    )
    result = check("--answers", str(answers), "--format", "jsonl")
    assert result.exit_code == 2
    rows = lines_of(result.stdout)
    assert len(rows) == 5
    by_file = {Path(row["file"]).name: row for row in rows}
    assert by_file["b-broken.yaml"] == {
        "file": str(answers / "b-broken.yaml"),
        "error": f"{answers / 'b-broken.yaml'}:2:10: not valid YAML: "
        "mapping values are not allowed in this context",
    }
    assert by_file["c-maybe.yaml"]["error"].startswith(f"{answers / 'c-maybe.yaml'}:")
    assert "agreed_upfront: expected yes or no, got 'maybe'" in by_file["c-maybe.yaml"]["error"]
    assert by_file["missed-deadline.yaml"]["verdict"] == "consequences", "later files still run"
    assert result.stderr == (
        "clarity: error: 2 of 5 answers files could not be scored (their lines hold the error)\n"
    )


def test_set_and_as_apply_to_every_file(tmp_path: Path) -> None:
    answers = folder(tmp_path)
    result = check(
        "--answers", str(answers), "--format", "jsonl", "--set", "owner=Kim", "--as", "report"
    )
    assert result.exit_code == 0, result.output
    rows = lines_of(result.stdout)
    assert {row["answers"]["owner"] for row in rows} == {"Kim"}
    assert {row["perspective"] for row in rows} == {"report"}


def test_strict_exits_1_when_any_verdict_is_not_in_harmony(tmp_path: Path) -> None:
    answers = folder(tmp_path)
    assert check("--answers", str(answers), "--format", "jsonl", "--strict").exit_code == 1
    only = tmp_path / "only"
    only.mkdir()
    shutil.copy(EXAMPLES / "in-harmony.yaml", only)
    assert check("--answers", str(only), "--format", "jsonl", "--strict").exit_code == 0


def test_output_writes_all_lines_to_one_file(tmp_path: Path) -> None:
    answers = folder(tmp_path)
    out = tmp_path / "scores.jsonl"
    result = check("--answers", str(answers), "--format", "jsonl", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert [row["file"] for row in lines_of(out.read_text())] == [str(answers / n) for n in NAMES]


def test_jsonl_with_one_file_gives_one_line() -> None:
    path = str(EXAMPLES / "missed-deadline.yaml")
    result = check("--answers", path, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 1
    row = json.loads(result.stdout)
    assert row["file"] == path and row["verdict"] == "consequences"


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_another_format_with_a_folder_is_a_usage_error(tmp_path: Path, fmt: str) -> None:
    answers = folder(tmp_path)
    result = check("--answers", str(answers), "--format", fmt)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"clarity: error: {answers}: --answers names a folder; --format {fmt} reports on one "
        "answers file; use --format jsonl to score every answers file in it, one JSON line each\n"
    )


def test_an_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = check("--answers", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 2
    assert "the folder holds no answers files" in result.stderr


def test_save_keeps_every_scored_file(tmp_path: Path) -> None:
    answers = folder(tmp_path)
    (answers / "b-broken.yaml").write_text("task: [\n")
    journal = tmp_path / "journal.sqlite3"
    result = check(
        "--answers", str(answers), "--format", "jsonl", "--save", "--journal", str(journal)
    )
    assert result.exit_code == 2
    rows = lines_of(result.stdout)
    saved = [row["saved_as"] for row in rows if "saved_as" in row]
    assert len(saved) == 3
    assert f"clarity: saved 3 checks in {journal}" in result.stderr
    with open_journal(journal, create=False) as book:
        entries = book.entries()
    assert [e.id for e in entries] == saved
    assert [e.source for e in entries] == [str(answers / n) for n in NAMES]
    assert [e.task for e in entries] == [row["task"] for row in rows if "task" in row]
