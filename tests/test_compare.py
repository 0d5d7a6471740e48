"""clarity compare, the command: every format, standard input, journal entries, bad input.

How two answer sets are compared is tested in tests/core/scoring/test_compare.py."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.core.rules.pack import Pack, load_pack
from clarity.core.state.journal import open_journal
from tests.conftest import EXAMPLES
from tests.core.scoring.test_compare import answers, item, report

runner = CliRunner()
MISSED = str(EXAMPLES / "missed-deadline.yaml")
HARMONY = str(EXAMPLES / "in-harmony.yaml")
TASK = "Weekly client report"


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack([], plugins=False)


# -- the command ------------------------------------------------------------------------


def write(path: Path, pack: Pack, **changes: Any) -> str:
    path.write_text(json.dumps(answers(pack, **changes)), encoding="utf-8")
    return str(path)


@pytest.fixture
def pair(tmp_path: Path, pack: Pack) -> tuple[str, str]:
    leader = write(tmp_path / "leader.json", pack, symptoms={"sign_offs": "never"})
    report_file = write(
        tmp_path / "report.json",
        pack,
        perspective="report",
        can_fail_differently="no",
        symptoms={"sign_offs": "always"},
    )
    return leader, report_file


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["compare", *args], input=input)


def test_text_report(pair: tuple[str, str]) -> None:
    result = run(*pair)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("clarity compare · Weekly client report")
    assert "Where they disagree most" in out
    assert "1. high" in out
    assert (
        "Sign-offs for routine decisions: leader never, report always (4 steps, report higher)"
        in out
    )
    assert "leader in-harmony" in out
    assert "report boundaries" in out
    # The first screen: the detail is behind --detail, and the last line sums it up.
    assert "L = leader, R = report" not in out and "Answers side by side" not in out
    assert out.splitlines()[-1].startswith("In short: the verdicts differ")
    assert result.stderr == ""
    detail = run(*pair, "--detail").stdout
    assert "L = leader, R = report" in detail
    assert "Answers side by side" in detail
    assert detail.splitlines()[-1] == out.splitlines()[-1]


def test_json_shape(pair: tuple[str, str]) -> None:
    result = run(*pair, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert set(data) >= {
        "task",
        "same_task",
        "labels",
        "a",
        "b",
        "verdicts_agree",
        "thresholds",
        "summary",
        "items",
        "disagree_most",
        "findings",
    }
    assert set(data["a"]) >= {"label", "source", "verdict", "scores", "map", "findings"}
    assert data["a"]["map"]["quadrant"] == "in-harmony"
    assert set(data["findings"]) == {"only_a", "only_b", "both"}
    assert "B101" in [r["rule"] for r in data["findings"]["only_b"]]
    assert data["disagree_most"][0]["band"] == "high"


def test_markdown_report(pair: tuple[str, str], tmp_path: Path) -> None:
    out = tmp_path / "compare.md"
    result = run(*pair, "--format", "markdown", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Clarity compare: Weekly client report")
    assert "## Where they disagree most" in text
    assert (
        "| Sign-offs for routine decisions | never | always | 4 steps | high | report higher |"
        in text
    )
    assert "```text" in text and "L" in text


def test_html_report(pair: tuple[str, str]) -> None:
    result = run(*pair, "--format", "html")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page and "Micromanagement" in page
    assert 'class="verdict v-in-harmony"' in page and 'class="verdict v-boundaries"' in page
    assert "<script" not in page.lower()
    assert "Where they disagree most" in page


def test_svg_picture_parses(pair: tuple[str, str]) -> None:
    result = run(*pair, "--format", "svg")
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and "leader: in-harmony" in (title.text or "")


def test_different_tasks_warn_but_still_compare(tmp_path: Path, pack: Pack) -> None:
    a = write(tmp_path / "a.json", pack)
    b = write(tmp_path / "b.json", pack, task="Monthly board deck")
    result = run(a, b, "--format", "json")
    assert result.exit_code == 0
    assert result.stderr.startswith(
        "clarity: warning: the two answer sets are about different tasks"
    )
    assert len(result.stderr.splitlines()) == 1
    assert json.loads(result.stdout)["same_task"] is False


def test_same_task_ignores_case_and_spacing(tmp_path: Path, pack: Pack) -> None:
    a = write(tmp_path / "a.json", pack)
    b = write(tmp_path / "b.json", pack, task="  weekly   CLIENT report ")
    result = run(a, b)
    assert result.exit_code == 0
    assert result.stderr == ""


def test_stdin_for_one_side(pair: tuple[str, str]) -> None:
    leader, report_file = pair
    text = Path(report_file).read_text(encoding="utf-8")
    result = run(leader, "-", "--format", "json", input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["b"]["source"] == "<stdin>"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.yaml", HARMONY], "missing.yaml: no such file"),
        (["-", "-"], "only one side can be read from standard input"),
        (["journal:abc", HARMONY], "'journal:abc' does not name a saved check"),
        ([HARMONY, "bad.yaml"], "bad.yaml:1:7: not valid YAML"),
        ([HARMONY, "partial.yaml"], "missing required answer 'task'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text("task: [unclosed\n", encoding="utf-8")
    (tmp_path / "partial.yaml").write_text("outcome: y\n", encoding="utf-8")
    result = run(*args, input="")
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("clarity: error: ")
    assert message in lines[0]
    assert result.stdout == ""


def test_unknown_format_is_a_usage_error(pair: tuple[str, str]) -> None:
    assert run(*pair, "--format", "pdf").exit_code == 2


# -- journal entries ----------------------------------------------------------------------


@pytest.fixture
def journal(tmp_path: Path, pack: Pack) -> Path:
    db = tmp_path / "journal.sqlite3"
    with open_journal(db) as book:
        first = report(pack, symptoms={"sign_offs": "often"}, checkpoints=[])
        later = report(pack, symptoms={"sign_offs": "never"})
        book.save(first, pack.version, at=datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc))
        book.save(later, pack.version, at=datetime(2026, 4, 1, 9, 0, tzinfo=timezone.utc))
        book.save(later, "0.9", at=datetime(2026, 5, 1, 9, 0, tzinfo=timezone.utc))
    return db


def test_two_journal_entries(journal: Path) -> None:
    result = run("journal:1", "journal:2", "--journal", str(journal), "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["labels"] == {"a": "A", "b": "B"}
    assert data["a"]["source"] == "journal:1" and data["a"]["date"] == "2026-03-01T09:00:00Z"
    sign_offs = item(data, "symptoms.sign_offs")
    assert (sign_offs["band"], sign_offs["direction"]) == ("high", "A higher")
    assert item(data, "checkpoints")["same"] is False


def test_journal_entry_against_a_file_with_the_environment_variable(
    journal: Path, tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLARITY_JOURNAL", str(journal))
    other = write(tmp_path / "report.json", pack, perspective="report")
    result = run("journal:2", other)
    assert result.exit_code == 0, result.output
    assert "journal:2 · saved 2026-04-01T09:00:00Z" in result.stdout
    assert "leader in-harmony" in result.stdout


def test_an_entry_saved_with_another_pack_version_is_rescored_with_a_warning(
    journal: Path,
) -> None:
    result = run("journal:2", "journal:3", "--journal", str(journal))
    assert result.exit_code == 0, result.output
    assert "journal:3 was saved with rule pack clarity 0.9" in result.stderr


def test_a_missing_entry_or_journal_is_exit_2(journal: Path, tmp_path: Path) -> None:
    result = run("journal:1", "journal:42", "--journal", str(journal))
    assert result.exit_code == 2
    assert "there is no check 42 in the journal" in result.stderr
    missing = tmp_path / "none.sqlite3"
    result = run("journal:1", "journal:2", "--journal", str(missing))
    assert result.exit_code == 2
    assert "there is no journal here yet" in result.stderr
    assert not missing.exists()  # reading never creates a journal
