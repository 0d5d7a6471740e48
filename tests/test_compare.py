"""clarity compare: two answer sets side by side, the gap in bands and its direction."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
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
from clarity.core.state.journal import open_journal
from tests.conftest import EXAMPLES

runner = CliRunner()
MISSED = str(EXAMPLES / "missed-deadline.yaml")
HARMONY = str(EXAMPLES / "in-harmony.yaml")
TASK = "Weekly client report"


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
    return score(Answers.model_validate(answers(pack, **changes)), pack)


def item(data: dict[str, Any], field: str) -> dict[str, Any]:
    return next(i for i in data["items"] if i["field"] == field)


def compared(pack: Pack, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    return compare(Side("a.yaml", report(pack, **a)), Side("b.yaml", report(pack, **b)), pack)


# -- the bands --------------------------------------------------------------------------


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


# -- leader and report ------------------------------------------------------------------


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


# -- two review dates of one perspective ------------------------------------------------


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
    assert checkpoints["a"] == "(none)"


def test_an_unanswered_yes_no_has_no_gap(pack: Pack) -> None:
    data = compared(
        pack,
        {"consequences": None, "agreed_upfront": None},
        {},
    )
    row = item(data, "agreed_upfront")
    assert row["a"] == "(no answer)" and row["b"] == "yes"
    assert (row["gap"], row["band"], row["direction"]) == (None, None, None)
    assert "agreed_upfront" not in [i["field"] for i in data["disagree_most"]]


def test_an_unanswered_symptom_counts_as_never(pack: Pack) -> None:
    data = compared(pack, {"symptoms": {"sign_offs": None}}, {"symptoms": {"sign_offs": "rarely"}})
    row = item(data, "symptoms.sign_offs")
    assert row["a"] == "(no answer)"
    assert (row["gap"], row["band"], row["direction"]) == (1, "aligned", "B higher")


def test_identical_answers_agree_everywhere(pack: Pack) -> None:
    data = compared(pack, {}, {})
    assert data["disagree_most"] == []
    assert data["summary"]["moderate"] == data["summary"]["high"] == 0
    assert all(i["same"] for i in data["items"])


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
        ([HARMONY, "bad.yaml"], "bad.yaml:2:1: not valid YAML"),
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
