"""clarity history: a task's checks over time, the trend chart, and the task list."""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.core.models import Answers
from clarity.core.reading.answers import read_answers
from clarity.core.rules.pack import Pack, load_pack
from clarity.core.scoring.engine import Report, score
from clarity.core.state.history import find_task, history_data, tasks_data
from clarity.core.state.journal import open_journal
from tests.conftest import EXAMPLES

runner = CliRunner()
TASK = "Redesign the customer onboarding emails"


@functools.cache
def builtin_pack() -> Pack:
    return load_pack([])


def report_of(example: str, **changes: Any) -> Report:
    data = dict(read_answers(str(EXAMPLES / example), None).data)  # type: ignore[arg-type]
    data.update(changes)
    return score(Answers.validate(data), builtin_pack())


def when(day: int) -> datetime:
    return datetime(2026, 3, day, 9, 30, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The text shows local time: make it UTC here, whatever the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    """Three review dates of one task (two from the leader, one from the report) and another."""
    db = tmp_path / "journal.sqlite3"
    with open_journal(db) as book:
        book.save(report_of("missed-deadline.yaml"), "1.0", at=when(1))
        book.save(report_of("in-harmony.yaml", task=TASK, perspective="report"), "1.0", at=when(8))
        book.save(report_of("in-harmony.yaml", task=TASK), "1.0", at=when(15))
        book.save(report_of("asking-for-autonomy.yaml"), "1.0", at=when(16))
    return db


def history(db: Path, *args: str) -> Any:
    return runner.invoke(app, ["history", "--journal", str(db), *args])


def test_text_shows_each_check_over_time_and_a_trend_chart(journal: Path) -> None:
    result = history(journal, TASK)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"clarity history · {TASK} · 3 checks")
    rows = [line.split() for line in out.splitlines() if line[:1].isdigit()]
    assert [row[:6] for row in rows[:3]] == [
        ["1", "2026-03-01", "09:30", "leader", "consequences", "95"],
        ["2", "2026-03-08", "09:30", "report", "in-harmony", "100"],
        ["3", "2026-03-15", "09:30", "leader", "in-harmony", "100"],
    ]
    # The first screen counts the findings; --detail names them.
    assert rows[0][6:] == ["20", "5"] and rows[2][6:] == ["100", "0"]
    detail = history(journal, TASK, "--detail").stdout
    assert "C108" in detail and detail.splitlines()[-1] == out.splitlines()[-1]
    assert out.splitlines()[-1] == (
        "In short: latest check #3, leader's view: in-harmony · autonomy 100 · accountability 100"
    )
    # the chart: one per view, both scores, a scale and the change from first to last
    assert "Trend · leader's view (2 checks)" in out
    assert "Trend · report's view (1 check)" in out
    assert "100 ┤" in out and " 50 ┤" in out and "  0 ┤" in out
    assert "● autonomy 95 → 100 (+5)" in out
    assert "■ accountability 20 → 100 (+80)" in out
    chart = out.split("Trend · leader's view")[1].split("Trend · report's view")[0]
    top, low = chart.splitlines()[1], chart.splitlines()[7]
    assert top.startswith("  100 ┤") and top.count("●") == 1 and top.count("◆") == 1
    assert low.startswith("      │") and low.count("■") == 1, "accountability 20 sits low"
    assert "1  3  check #" in chart


def test_a_task_is_found_ignoring_case_and_spacing(journal: Path) -> None:
    result = history(journal, "  redesign THE customer   onboarding emails ")
    assert result.exit_code == 0, result.output
    assert f"clarity history · {TASK} · 3 checks" in result.stdout


def test_json_is_the_history_data(journal: Path) -> None:
    result = history(journal, TASK, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["task"] == TASK and data["checks"] == 3
    first = data["entries"][0]
    assert first["date"] == "2026-03-01T09:30:00Z"
    assert first["perspective"] == "leader" and first["verdict"] == "consequences"
    assert first["scores"] == {"autonomy": 95, "accountability": 20}
    assert any(
        f["rule"] == "C108" and f["dimension"] == "consequences" and f["severity"] == "error"
        for f in first["findings"]
    )
    leader, report = data["trend"]
    assert leader["perspective"] == "leader" and report["perspective"] == "report"
    assert [p["id"] for p in leader["points"]] == [1, 3]
    assert leader["change"] == {"autonomy": 5, "accountability": 80}
    assert report["first"] == report["last"] == {"autonomy": 100, "accountability": 100}


def test_csv_has_one_row_per_check(journal: Path) -> None:
    result = history(journal, TASK, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    assert rows[0]["task"] == TASK and rows[0]["verdict"] == "consequences"
    assert rows[0]["autonomy"] == "95" and rows[0]["accountability"] == "20"
    assert "C108" in rows[0]["findings"].split() and rows[2]["findings"] == ""
    assert rows[1]["perspective"] == "report" and rows[1]["date"] == "2026-03-08T09:30:00Z"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_neutralises_formulas_and_text_escapes_controls(tmp_path: Path, start: str) -> None:
    db = tmp_path / "j.sqlite3"
    task = f'{start}HYPERLINK("http://evil.example","click")\x1b[31m'
    with open_journal(db) as book:
        book.save(report_of("in-harmony.yaml", task=task), "1.0")
    rows = list(csv.reader(io.StringIO(history(db, "--format", "csv", "--", task).stdout)))
    assert rows[1][2] == "'" + task.replace("\x1b", "\\x1b")
    listed = list(csv.reader(io.StringIO(history(db, "--format", "csv").stdout)))
    assert listed[1][0].startswith("'" + start)
    text = history(db, "--", task).stdout + history(db).stdout
    assert "\x1b" not in text and "\\x1b[31m" in text


def test_without_a_task_it_lists_the_tasks_with_counts_and_latest_verdict(
    journal: Path,
) -> None:
    result = history(journal)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("clarity history · 2 tasks in the journal")
    lines = out.splitlines()
    weekly = next(line for line in lines if line.startswith("Weekly client report"))
    assert weekly.split()[3:5] == ["1", "2026-03-16"]
    redesign = next(line for line in lines if line.startswith("Redesign"))
    assert "  3  " in redesign and "in-harmony" in redesign
    assert lines.index(weekly) < lines.index(redesign)  # the latest first
    data = json.loads(history(journal, "--format", "json").stdout)
    assert [(t["task"], t["checks"], t["latest"]["verdict"]) for t in data["tasks"]] == [
        ("Weekly client report", 1, "boundaries"),
        (TASK, 3, "in-harmony"),
    ]
    rows = list(csv.DictReader(io.StringIO(history(journal, "--format", "csv").stdout)))
    assert [(r["task"], r["checks"]) for r in rows] == [("Weekly client report", "1"), (TASK, "3")]


def test_an_unknown_task_suggests_the_nearest(journal: Path) -> None:
    result = history(journal, "Redesign the customer onboarding email")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"clarity: error: {journal}: no saved checks of 'Redesign the customer onboarding email'"
        f"; did you mean '{TASK}'?"
    )


def test_no_journal_yet(tmp_path: Path) -> None:
    db = tmp_path / "none.sqlite3"
    result = history(db)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"No checks saved yet in {db}.",
        "Save one with: clarity check --save",
    ]
    assert json.loads(history(db, "--format", "json").stdout)["tasks"] == []
    result = history(db, TASK)
    assert result.exit_code == 2
    assert "there is no journal here yet; save checks with 'clarity check --save'" in (
        result.stderr
    )
    assert not db.exists()


def test_history_of_checks_saved_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "j.sqlite3"
    monkeypatch.setenv("CLARITY_JOURNAL", str(db))
    for example in ("missed-deadline.yaml", "in-harmony.yaml"):
        args = ["check", "--answers", str(EXAMPLES / example), "--save", "--set", f"task={TASK}"]
        assert runner.invoke(app, args).exit_code == 0
    result = runner.invoke(app, ["history", TASK])
    assert result.exit_code == 0, result.output
    assert "consequences" in result.stdout and "in-harmony" in result.stdout
    assert "Trend · leader's view (2 checks)" in result.stdout


def test_output_writes_a_file(journal: Path, tmp_path: Path) -> None:
    out = tmp_path / "history.csv"
    result = history(journal, TASK, "--format", "csv", "--output", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("id,date,task,")


def test_the_chart_draws_the_latest_checks_when_there_are_many(tmp_path: Path) -> None:
    db = tmp_path / "j.sqlite3"
    report = report_of("in-harmony.yaml")
    with open_journal(db) as book:
        for day in range(1, 31):
            book.save(report, "1.0", at=when(day))
    out = history(db, report.task).stdout
    assert "(30 checks, the latest 24 drawn)" in out
    assert out.count("┤") == 3


def test_history_data_and_tasks_data_on_values(journal: Path) -> None:
    with open_journal(journal) as book:
        entries = book.entries(TASK)
        everything = book.entries()
    data = history_data(entries)
    assert [e["id"] for e in data["entries"]] == [1, 2, 3]
    assert history_data([])["task"] is None and history_data([])["trend"] == []
    assert [t["task"] for t in tasks_data(everything)["tasks"]] == ["Weekly client report", TASK]
    assert find_task("weekly CLIENT report", ["Weekly client report"]) == "Weekly client report"
    assert find_task("weekly", ["Weekly client report"]) is None


@pytest.mark.slow
def test_a_real_terminal_gets_colour_but_never_the_tasks_control_sequences(
    tmp_path: Path,
) -> None:
    pexpect = pytest.importorskip("pexpect")
    db = tmp_path / "j.sqlite3"
    task = "Rota\x1b]0;owned\x07 \x1b[2J"
    with open_journal(db) as book:
        book.save(report_of("missed-deadline.yaml", task=task), "1.0", at=when(1))
        book.save(report_of("in-harmony.yaml", task=task), "1.0", at=when(8))
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["TERM"] = "xterm"
    clarity = str(Path(sys.executable).parent / "clarity")
    child = pexpect.spawn(
        clarity,
        ["history", "--journal", str(db), task],
        env=env,
        dimensions=(40, 120),
        encoding="utf-8",
        timeout=15,
    )
    child.expect(pexpect.EOF)
    child.close()
    out = child.before
    assert child.exitstatus == 0, out
    assert "\x1b[" in out  # colour on a terminal
    assert "\x1b]0;" not in out and "\x1b[2J" not in out and "\x07" not in out
    assert "Rota\\x1b]0;owned\\x07 \\x1b[2J" in out
    assert "autonomy 95 → 100 (+5)" in re.sub(r"\x1b\[[0-9;]*m", "", out)


def test_a_short_terminal_gets_the_trend_of_the_latest_view_only(journal: Path) -> None:
    tall = runner.invoke(app, ["history", "--journal", str(journal), TASK], env={"LINES": "80"})
    short = runner.invoke(app, ["history", "--journal", str(journal), TASK], env={"LINES": "24"})
    assert tall.stdout.count("Trend · ") == 2
    assert short.stdout.count("Trend · ") == 1
    # The latest check (#3) is the leader's: its trend is drawn, the report's is named.
    assert "Trend · leader's view" in short.stdout
    assert "The trend of the report's view: --detail" in short.stdout
    assert short.stdout.splitlines()[-1] == tall.stdout.splitlines()[-1]
    assert len(short.stdout.splitlines()) < len(tall.stdout.splitlines())
