"""A score nobody answered a question of is not judged: unknown, not 0, and shown as such.

Questions not asked are unknown, not failures. When none of an axis's questions was answered,
its score is ``None`` (``null`` in JSON): no "autonomy outruns accountability", no point on the
map, "not judged" in every report, and the journal, history and compare keep it that way.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.core.state.journal import SCHEMA_VERSION, open_journal
from tests.conftest import EXAMPLES

runner = CliRunner()

#: Only the first clarity-test question: no accountability question is answered.
ONLY_AUTONOMY = ["--set", "task=Open the new depot", "--set", "can_fail_differently=yes"]


def test_an_axis_with_no_answered_question_is_not_judged() -> None:
    data = json.loads(runner.invoke(app, ["check", *ONLY_AUTONOMY, "-f", "json"]).stdout)
    assert data["scores"]["autonomy"] == 100
    assert data["scores"]["accountability"] is None
    assert data["scores"]["autonomy_outruns_accountability"] is False
    assert data["map"] is None


def test_the_report_says_not_judged_and_never_that_autonomy_outruns_it() -> None:
    result = runner.invoke(app, ["check", *ONLY_AUTONOMY], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert "Accountability  not judged: none of its questions was answered" in result.stdout
    assert "the verdict covers autonomy only." in " ".join(result.stdout.split())
    assert "outruns" not in result.stdout
    assert "accountability not judged" in result.stdout.splitlines()[-1]
    detail = runner.invoke(app, ["check", *ONLY_AUTONOMY, "--detail"]).stdout
    assert "outruns" not in detail


@pytest.mark.parametrize("fmt", ["markdown", "html", "svg"])
def test_every_document_says_not_judged(fmt: str) -> None:
    result = runner.invoke(app, ["check", *ONLY_AUTONOMY, "-f", fmt])
    assert result.exit_code == 0, result.output
    assert "not judged" in result.stdout
    assert "not on the map" in result.stdout.lower()
    if fmt != "svg":
        assert "the verdict covers autonomy only." in " ".join(result.stdout.split())
    assert "outruns accountability." not in result.stdout.replace("not outrun", "")


def test_a_saved_check_keeps_the_score_unjudged_through_history(tmp_path: Path) -> None:
    journal = str(tmp_path / "j.sqlite3")
    first = runner.invoke(app, ["check", *ONLY_AUTONOMY, "--save", "--journal", journal])
    assert first.exit_code == 0, first.output
    full = [
        "check", "--set", "task=Open the new depot", "--set", "can_fail_differently=yes",
        "--set", "outcome=Depot live with 40 routes", "--set", "deadline=2027-03-01",
        "--save", "--journal", journal,
    ]  # fmt: skip
    assert runner.invoke(app, full).exit_code == 0
    with open_journal(Path(journal)) as opened:
        assert next(e.accountability for e in opened.entries()) is None
    data = json.loads(
        runner.invoke(
            app, ["history", "Open the new depot", "--journal", journal, "-f", "json"]
        ).stdout
    )
    assert data["entries"][0]["scores"]["accountability"] is None
    assert data["trend"][0]["first"]["accountability"] is not None  # (the first judged)
    for fmt in ("text", "markdown", "html", "svg", "csv"):
        args = ["history", "Open the new depot", "--journal", journal, "-f", fmt, "--detail"]
        if fmt != "text":
            args.remove("--detail")
        shown = runner.invoke(app, args)
        assert shown.exit_code == 0, (fmt, shown.output)
        assert "None" not in shown.stdout, fmt
    tasks = runner.invoke(app, ["history", "--journal", journal, "-f", "markdown"])
    assert tasks.exit_code == 0


def test_compare_with_a_side_not_judged(tmp_path: Path) -> None:
    journal = str(tmp_path / "j.sqlite3")
    runner.invoke(app, ["check", *ONLY_AUTONOMY, "--save", "--journal", journal])
    harmony = str(EXAMPLES / "in-harmony.yaml")
    saved = runner.invoke(app, ["check", "--answers", harmony, "--save", "--journal", journal])
    assert saved.exit_code == 0, saved.output
    for fmt in ("text", "json", "markdown", "html", "svg"):
        result = runner.invoke(
            app, ["compare", "journal:1", "journal:2", "--journal", journal, "-f", fmt]
        )
        assert result.exit_code in (0, 1), (fmt, result.output)
        assert "Traceback" not in result.output
        assert "None" not in result.stdout, fmt


def test_a_version_2_journal_is_read_as_it_is_and_upgraded_when_written(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    with open_journal(db):  # (a new journal: then made version 2 again by hand)
        pass
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE checks")
        conn.execute(
            "CREATE TABLE checks (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT "
            "NULL, task TEXT NOT NULL, perspective TEXT NOT NULL, verdict TEXT NOT NULL, "
            "autonomy INTEGER NOT NULL, accountability INTEGER NOT NULL, findings TEXT NOT "
            "NULL, answers TEXT NOT NULL, pack_name TEXT NOT NULL, pack_version TEXT NOT NULL, "
            "source TEXT, session TEXT, clarity_version TEXT)"
        )
        conn.execute(
            "INSERT INTO checks (created_at, task, perspective, verdict, autonomy, "
            "accountability, findings, answers, pack_name, pack_version) VALUES "
            "('2026-11-01T09:00:00Z', 'Old task', 'leader', 'both', 60, 20, '[]', '{}', "
            "'clarity', '1.0')"
        )
        conn.execute("PRAGMA user_version = 2")
    shown = runner.invoke(app, ["history", "Old task", "--journal", str(db), "-f", "json"])
    assert json.loads(shown.stdout)["entries"][0]["scores"] == {
        "autonomy": 60,
        "accountability": 20,
    }
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2  # (read, not changed)
    saved = runner.invoke(app, ["check", *ONLY_AUTONOMY, "--save", "--journal", str(db)])
    assert saved.exit_code == 0, saved.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        rows = conn.execute("SELECT id, task, accountability FROM checks ORDER BY id").fetchall()
    assert rows == [(1, "Old task", 20), (2, "Open the new depot", None)]
